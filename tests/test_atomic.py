"""A failed `make site` leaves the previous site/ exactly as it was.

The test runs the real Makefile target on a copy of the project, with this
environment's .venv (so nothing is installed), and compares every file of the
previous site/ (content and modification time) after builds that fail early (a
broken programme) and late (a broken link, found after the pages are written).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project

pytestmark = pytest.mark.slow
VENV = Path(sys.prefix)  # the virtual environment running the tests: make installs nothing into it

BROKEN_PROGRAMME = "name: Prøve\nmodle: group\n"


def make_site(project: Path) -> subprocess.CompletedProcess[str]:
    """`make site` in `project`, using the environment the tests run in (.venv, or .venv-newest)."""
    command = ["make", "--no-print-directory", "site", f"VENV={VENV}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)


def site_state(site: Path) -> dict[str, tuple[str, int]]:
    """Every file of a site with the hash of its content and its modification time."""
    return {
        path.relative_to(site).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with its Makefile, whose install step is already up to date."""
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "tools/install.sh"):
        (project / name).parent.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, project / name)
        os.utime(project / name, (0, 0))  # older than .venv/.installed: make installs nothing
    # The form editor as this checkout installed it (tools/install-admin.sh then finds it up to date).
    for script in ("install-admin.sh", "debian-install.sh"):
        shutil.copy2(ROOT / "tools" / script, project / "tools" / script)
    shutil.copytree(ROOT / "tools" / "admin", project / "tools" / "admin")
    (project / ".cache" / "admin").mkdir(parents=True)
    shutil.copy2(ROOT / ".cache" / "admin" / "package-lock.json", project / ".cache" / "admin" / "package-lock.json")
    (project / ".cache" / "admin" / "node_modules").symlink_to(ROOT / ".cache" / "admin" / "node_modules")
    dry_run = subprocess.run(["make", "-n", "site", f"VENV={VENV}"], cwd=project, capture_output=True, text=True)
    assert "install.sh" not in dry_run.stdout, dry_run.stdout
    return project


def test_a_failed_build_leaves_the_previous_site_as_it_was(project: Path) -> None:
    first = make_site(project)
    assert first.returncode == 0, first.stdout + first.stderr
    before = site_state(project / "site")
    assert "index.html" in before

    (project / "programmes" / "proeve.yaml").write_text(BROKEN_PROGRAMME, encoding="utf-8")
    early = make_site(project)
    assert early.returncode != 0
    assert "programmes/proeve.yaml:2:1: fejl: modle: 'modle' er ikke et kendt felt her." in early.stdout + early.stderr
    assert site_state(project / "site") == before

    (project / "programmes" / "proeve.yaml").unlink()
    page = project / "docs" / "om-haandbogen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Et brudt link](findes-ikke.md)\n", encoding="utf-8")
    late = make_site(project)
    assert late.returncode != 0
    assert "findes-ikke.md" in late.stdout + late.stderr
    assert site_state(project / "site") == before

    leftovers = [p.name for p in project.iterdir() if p.name.startswith((".site-tmp", ".site-old"))]
    assert leftovers == []


def test_a_good_build_replaces_the_site(project: Path) -> None:
    assert make_site(project).returncode == 0
    (project / "site" / "gammel-fil.txt").write_text("fra en tidligere bygning", encoding="utf-8")
    page = project / "docs" / "om-haandbogen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny sætning til testen.\n", encoding="utf-8")
    result = make_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "site" / "gammel-fil.txt").exists()
    assert "En ny sætning til testen." in (project / "site" / "om-haandbogen" / "index.html").read_text(
        encoding="utf-8"
    )
