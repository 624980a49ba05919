"""The »edit« link of a generated page leads to its YAML file, %-quoted where the path needs it.

The theme writes the link into `href="…"` as it is, so a space or a letter such as æ in
the path must arrive quoted. Programme and cohort file names are kept to a–z, digits and
hyphens (tests/test_hostile_outputs.py); the folder the programmes live in is not, when the
plugin's `root` points at another folder than mkdocs.yml's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.rendering.programme_pages import shared_edit_url
from tests.conftest import build_site, copy_project, html

REPO = "https://github.com/example-kommune/mentorhaandbog"
DATA = "Mentor data æ"  # the programmes' folder: a space and a Danish letter
QUOTED = "Mentor%20data%20%C3%A6"


def edit_link(site: Path, page: str) -> str:
    """The href of the theme's edit button on a built page."""
    found = html(site, page).select_one("a.md-content__button[href*='/edit/']")
    assert found is not None, page
    return str(found["href"])


@pytest.mark.slow
def test_generated_pages_link_to_their_yaml_with_a_quoted_path(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site-src")
    shutil.move(project / "programmes", tmp_path / DATA / "programmes")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - mentor:\n", f'  - mentor:\n      root: "../{DATA}"\n'), encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    base = f"{REPO}/edit/{QUOTED}/programmes"  # docs/ is site-src/docs, two folders below the programmes' parent
    assert edit_link(site, "programmer/gruppementor/") == f"{base}/gruppementor.yaml"
    cohort = "programmer/mentorordning-ledere/forloeb/2027-ledere-runde-1/"
    assert edit_link(site, cohort) == f"{base}/forloeb/2027/2027-ledere-runde-1.yaml"


def test_the_shared_files_edit_link_is_quoted_too() -> None:
    assert shared_edit_url(REPO, "edit/main/docs/", f"../../{DATA}") == (
        f"{REPO}/edit/{QUOTED}/programmes/_faelles.yaml"
    )
