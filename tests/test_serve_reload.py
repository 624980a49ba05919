"""`make serve` loads only the changed cohort files again (macros/site/serve_reload.py).

Every case edits real files of a copied project and compares the reused load with a full
`load_catalogue` of the same files: the same cohorts in the same order, the same warnings,
the same problems when a file has an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.loading.catalogue import Catalogue, load_catalogue
from macros.loading.cohorts import cohort_files
from macros.model.problems import Problem, ProblemsError
from macros.site.serve_reload import CohortReuse
from tests.conftest import copy_project

COHORT_FILE = "programmes/forloeb/2027/2027-lederaspiranter-1.yaml"
WORLD = "the same programmes and shared texts"


def digests(root: Path) -> dict[str, str]:
    """Cohort file → digest, as macros/serve_dirty.read_inputs reads them before a load."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in cohort_files(root)}


def edit(root: Path, path: str, old: str, new: str) -> str:
    """Replace the first `old` in a project file; return the text before."""
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, old
    (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def assert_same(reused: Catalogue, full: Catalogue) -> None:
    assert [e.source for e in reused.cohorts] == [e.source for e in full.cohorts]
    assert reused.cohorts == full.cohorts
    assert reused.warnings == full.warnings
    assert reused.programmes == full.programmes and reused.shared == full.shared


def problems_of(load: Callable[[], object]) -> list[Problem]:
    """The problems a load raises."""
    with pytest.raises(ProblemsError) as caught:
        load()
    return list(caught.value.problems)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_after_a_cohort_edit_only_that_file_is_loaded_and_the_result_is_a_full_loads(project: Path) -> None:
    loader = CohortReuse()
    first = loader.load(project, WORLD, digests(project))
    assert loader.reused == 0 and first.warnings == load_catalogue(project).warnings
    count = len(cohort_files(project))
    # A mentee in the mentor's own department: a new warning, in the middle of the list of files.
    edit(project, COHORT_FILE, "department: Børn og Unge", "department: Teknik og Miljø")
    edit(project, COHORT_FILE, "\ndescription: >-\n", "\ndescription: >-\n  En rettelse.\n")
    second = loader.load(project, WORLD, digests(project))
    assert loader.reused == count - 1
    assert_same(second, load_catalogue(project))
    assert second.programmes is first.programmes  # the programmes were not loaded again
    assert any(w.file == COHORT_FILE and w.code == "same-department" for w in second.warnings)
    assert "En rettelse." in next(e for e in second.cohorts if e.source == COHORT_FILE).cohort.description
    unchanged = [e for e in second.cohorts if e.source != COHORT_FILE]
    assert all(any(e is old for old in first.cohorts) for e in unchanged)  # the same objects, kept
    # Undone: the warning goes again, the other cohorts' warnings stay.
    edit(project, COHORT_FILE, "department: Teknik og Miljø", "department: Børn og Unge")
    assert_same(loader.load(project, WORLD, digests(project)), load_catalogue(project))


def test_a_new_and_a_removed_cohort_file_are_loaded_and_dropped_in_file_order(project: Path) -> None:
    loader = CohortReuse()
    loader.load(project, WORLD, digests(project))
    text = (project / COHORT_FILE).read_text(encoding="utf-8")
    (project / "programmes/forloeb/2027/2027-aa-nyt-hold.yaml").write_text(text, encoding="utf-8")
    (project / "programmes/forloeb/2027/2027-fungerende-ledere.yaml").unlink()
    reused = loader.load(project, WORLD, digests(project))
    assert_same(reused, load_catalogue(project))
    assert reused.cohorts[0].source == "programmes/forloeb/2027/2027-aa-nyt-hold.yaml"


def test_an_error_in_a_cohort_file_is_the_full_loads_error_and_the_fix_loads_again(project: Path) -> None:
    loader = CohortReuse()
    loader.load(project, WORLD, digests(project))
    good = edit(project, COHORT_FILE, "end: 2027-06-15", "end: 2027-13-40")
    problems = problems_of(lambda: loader.load(project, WORLD, digests(project)))
    assert problems == problems_of(lambda: load_catalogue(project))
    assert any(p.file == COHORT_FILE and p.line == 11 and p.severity == "error" for p in problems)
    (project / COHORT_FILE).write_text(good, encoding="utf-8")
    assert_same(loader.load(project, WORLD, digests(project)), load_catalogue(project))
    assert loader.reused == 0  # after a failed load everything is loaded again


def test_a_second_file_with_the_same_id_is_the_same_error_as_in_a_full_load(project: Path) -> None:
    loader = CohortReuse()
    loader.load(project, WORLD, digests(project))
    text = (project / COHORT_FILE).read_text(encoding="utf-8")
    (project / "programmes/forloeb/2026").mkdir()
    (project / "programmes/forloeb/2026/2027-lederaspiranter-1.yaml").write_text(text, encoding="utf-8")
    problems = problems_of(lambda: loader.load(project, WORLD, digests(project)))
    assert problems == problems_of(lambda: load_catalogue(project))
    assert any(p.code == "duplicate-cohort" and p.file == COHORT_FILE for p in problems)


def test_a_cohort_given_another_programme_or_another_world_loads_everything(project: Path) -> None:
    loader = CohortReuse()
    loader.load(project, WORLD, digests(project))
    network = "programmes/forloeb/2027/2027-fysisk-netvaerk-1.yaml"
    edit(project, network, "programme: fysisk-netvaerk", "programme: digitalt-netvaerk")
    moved = loader.load(project, WORLD, digests(project))
    assert loader.reused == 0  # its pages move: nothing is kept
    assert_same(moved, load_catalogue(project))
    assert next(e for e in moved.cohorts if e.source == network).programme == "digitalt-netvaerk"
    edit(project, "programmes/gruppementor.yaml", "name: Gruppementorordning", "name: Andet navn")
    edit(project, COHORT_FILE, "\ndescription: >-\n", "\ndescription: >-\n  En rettelse.\n")
    reused = loader.load(project, "another world", digests(project))
    assert loader.reused == 0
    assert_same(reused, load_catalogue(project))
    found = reused.programme("gruppementor")
    assert found is not None and found.programme.name == "Andet navn"
