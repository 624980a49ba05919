"""The GitHub workflows: valid YAML, pinned actions, and the steps the pull requests rely on."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# owner/repo[/path]@<40 hex> # vX.Y.Z  – or at least an exact release tag.
PINNED_SHA = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
EXACT_TAG = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@v\d+\.\d+\.\d+$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(\S+))?\s*$")


def load(path: Path) -> dict[str, Any]:
    """A workflow as GitHub reads it; BaseLoader keeps `on:` a key instead of YAML 1.1's True."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def test_there_is_a_pull_request_and_a_publishing_workflow() -> None:
    assert [p.name for p in WORKFLOWS] == ["newest-versions.yml", "publish.yml", "pull-request.yml"]


def test_the_weekly_job_tests_the_newest_versions_and_reports_a_failure() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "newest-versions.yml")
    assert workflow["on"]["schedule"][0]["cron"].endswith("1")  # weekly, on Mondays
    assert "make test INSTALL=newest" in runs(workflow)
    assert "tools/report_newest_failure.py" in runs(workflow)
    assert (ROOT / "tools" / "report_newest_failure.py").is_file()
    assert workflow["permissions"] == {"contents": "read"}  # issues: write only in the job that reports


def test_pull_requests_are_tested_on_the_oldest_and_newest_supported_python() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    versions = workflow["jobs"]["test"]["strategy"]["matrix"]["python"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {versions[0]} til {versions[-1]}" in readme
    assert "bash tools/install.sh" in runs(workflow)  # the locked versions, as make installs them


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_is_valid_yaml_with_jobs(path: Path) -> None:
    workflow = load(path)
    assert {"name", "on", "jobs"} <= workflow.keys()
    for job in workflow["jobs"].values():
        assert job["runs-on"].startswith("ubuntu-")
        assert int(job["timeout-minutes"]) > 0
        assert job.get("steps")


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned(path: Path) -> None:
    lines = [USES_LINE.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = [m for m in lines if m]
    assert found and len(found) == sum("uses" in step for step in steps(load(path)))
    for match in found:
        ref, comment = match.group(1), match.group(2)
        if ref.startswith("./"):
            continue  # an action in this repository is pinned by the commit itself
        if PINNED_SHA.match(ref):
            assert comment and re.fullmatch(r"v\d+\.\d+\.\d+", comment), f"{ref} needs a `# vX.Y.Z` comment"
        else:
            assert EXACT_TAG.match(ref), f"{ref} is not pinned to a commit or an exact version"


def test_pull_request_checks_builds_tests_and_shares_the_site() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    commands = runs(workflow)
    for command in ("mentor check --strict", "mentor schema --check", "mentor build --strict", "make test"):
        assert command in commands
    uploads = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert {(u["with"]["name"], u["with"]["path"]) for u in uploads} == {
        ("site", "site/"),
        ("forhaandsvisning", "forhaandsvisning/"),
    }
    assert "mentor build --strict --for-files --site-dir forhaandsvisning" in commands
    order = [s.get("run", s.get("uses", "")) for s in steps(workflow)]
    assert order.index(".venv/bin/mentor build --strict") < order.index(uploads[0]["uses"])


def test_main_branch_is_published_to_pages() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}  # least privilege: each job names what it needs
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "mentor build --strict" in runs(workflow)
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses(workflow))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_builds_see_the_whole_history_for_the_last_changed_dates(path: Path) -> None:
    workflow = load(path)
    for job in workflow["jobs"].values():
        if "mentor build --strict" in "\n".join(s.get("run", "") for s in job["steps"]):
            checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
            assert checkout["with"]["fetch-depth"] == "0"


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    """zizmor (dev extra) audits permissions, template injection and pinning, offline."""
    zizmor = Path(sys.executable).parent / "zizmor"
    assert zizmor.exists(), "zizmor mangler: installér udviklerpakkerne med pip install -e '.[dev]'"
    command = [str(zizmor), "--offline", "--no-progress", ".github/workflows"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_the_pull_request_runs_zizmor() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "zizmor --offline .github/workflows" in runs(workflow)
