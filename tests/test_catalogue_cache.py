"""One load per build: MkDocs and the asset worker use the catalogue `mentor build` checked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from macros.loading.catalogue_cache import ENV, handed_catalogue, handed_over, load_keyed
from macros.rendering.calendar_files import calendar_specs
from macros.rendering.cohort_pages import cohort_folder
from tests.conftest import build_site, copy_project, html

HANDED_NAME = "Overdraget hold"


def test_plugin_and_worker_use_the_handed_over_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that is only in the handed-over copy (not in any file) shows on the page and in its calendar."""
    project = copy_project(tmp_path / "project")
    key, catalogue = load_keyed(project)
    first = catalogue.cohorts[0]
    renamed = dataclasses.replace(first, cohort=first.cohort.model_copy(update={"name": HANDED_NAME}))
    handed = dataclasses.replace(catalogue, cohorts=[renamed, *catalogue.cohorts[1:]])
    with handed_over(key, handed) as env:
        monkeypatch.setenv(ENV, env[ENV])
        result = build_site(project)
    assert result.returncode == 0, result.stderr
    folder = cohort_folder(first)
    assert HANDED_NAME in html(project / "site", f"{folder}/").find("h1").get_text()
    calendar = project / "site" / folder / calendar_specs(first)[0].name
    assert f"X-WR-CALNAME:{HANDED_NAME}" in calendar.read_text(encoding="utf-8")


def test_a_changed_file_or_another_project_loads_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    other = copy_project(tmp_path / "other")
    with handed_over(*load_keyed(project)) as env:
        monkeypatch.setenv(ENV, env[ENV])
        assert handed_catalogue(project) is not None
        assert handed_catalogue(other) is None  # same files, another folder
        source = project / first_cohort_source(project)
        source.write_text(source.read_text(encoding="utf-8") + "# rettet\n", encoding="utf-8")
        assert handed_catalogue(project) is None
    monkeypatch.setenv(ENV, str(tmp_path / "gone" / "catalogue.pickle"))  # the check failed: its folder is gone
    assert handed_catalogue(project) is None


def first_cohort_source(project: Path) -> str:
    return next((project / "programmes" / "forloeb").rglob("*.yaml")).relative_to(project).as_posix()
