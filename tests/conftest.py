"""Shared helpers: copy the project into a temporary folder and build the real site there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
# The smallest valid programme: everything else is inherited from programmes/_faelles.yaml.
MINIMAL_PROGRAMME = """\
name: Prøveprogram
organisation: Eksempel Kommune
summary: Et lille program til test.
purpose: At teste.
strategy: Ingen.
audience: Testere.
model: one_to_one
"""
# Each municipality decides these itself; without them `mentor check` warns and a strict build stops.
LOCAL_SETTINGS = """\
working_hours: Møderne er arbejdstid.
data_storage: Besvarelser gemmes hos deltagerne og slettes, når forløbet er slut.
"""
PROJECT_PARTS = ["mkdocs.yml", "docs", "programmes", "overrides"]


def copy_project(dest: Path) -> Path:
    """A copy of the project's inputs (not .venv or site/) that a test may change."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


def run_mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` of this environment in `project`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", *args]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def build_site(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` into `project/site`."""
    return run_mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))


def html(site: Path, page: str) -> BeautifulSoup:
    """Parse one built page, e.g. `programmer/gruppementor/roller/`."""
    path = site / page / "index.html" if not page.endswith(".html") else site / page
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session", autouse=True)
def shared_document_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds in one session share the booklet/document cache (macros/outputs/converters.py), so each
    copied project does not run pandoc and Typst again for the same programmes."""
    os.environ["MENTOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("document-cache"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project built once for the whole test session."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project / "site"
