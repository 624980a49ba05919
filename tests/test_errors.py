"""Broken programmes stop the build with a Danish message naming file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.loading.catalogue import load_catalogue
from macros.model.problems import ProblemsError
from tests.conftest import LOCAL_SETTINGS, MINIMAL_PROGRAMME, build_site, copy_project
from tests.refusal import refused

VALID = MINIMAL_PROGRAMME

# name, file text, expected "file:line:" and words the message must contain
CASES = [
    ("syntax", VALID + "audience: [Testere\n", "programmes/proeve.yaml:8:", "kan ikke læses som YAML"),
    (
        "duplicate key",
        VALID + "name: Igen\n",
        "programmes/proeve.yaml:8:",
        "nøglen 'name' står to gange (første gang i linje 1)",
    ),
    (
        "unknown key",
        VALID + "modle: group\n",
        "programmes/proeve.yaml:8:",
        "'modle' er ikke et kendt felt her. Mente du 'model'?",
    ),
    (
        "wrong type",
        VALID + "cross_organisational: ja\n",
        "programmes/proeve.yaml:8:",
        "forventede true eller false, men fik 'ja'",
    ),
    (
        "missing field",
        VALID.replace("audience: Testere.\n", ""),
        "programmes/proeve.yaml:1:",
        "feltet 'audience' mangler",
    ),
    ("bad enum", VALID.replace("one_to_one", "pairs"), "programmes/proeve.yaml:7:", "'pairs' er ikke tilladt her"),
    (
        "nested typo",
        VALID + "meeting_guide:\n  lenght: {min: 1, max: 2}\n",
        "programmes/proeve.yaml:9:",
        "Mente du 'length'?",
    ),
]


@pytest.mark.parametrize("name, text, where, words", CASES, ids=[c[0] for c in CASES])
def test_broken_programme_stops_the_build(tmp_path: Path, name: str, text: str, where: str, words: str) -> None:
    project = copy_project(tmp_path)
    (project / "programmes" / "proeve.yaml").write_text(text, encoding="utf-8")
    result = build_site(project)
    assert result.returncode != 0
    assert where in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "index.html").exists()


@pytest.mark.parametrize("name, text, where, words", CASES, ids=[c[0] for c in CASES])
def test_mentor_check_refuses_them_within_limits(tmp_path: Path, name: str, text: str, where: str, words: str) -> None:
    project = copy_project(tmp_path)
    (project / "programmes" / "proeve.yaml").write_text(text, encoding="utf-8")
    found = [line for line in refused(project) if line.startswith(where)]
    assert len(found) == 1 and words in found[0]


def test_all_errors_are_reported_together(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "programmes" / "a.yaml").write_text(VALID + "modle: x\n", encoding="utf-8")
    (project / "programmes" / "b.yaml").write_text(VALID.replace("name: Prøveprogram\n", ""), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_catalogue(project)
    assert [p.file for p in caught.value.problems] == ["programmes/a.yaml", "programmes/b.yaml"]


def test_error_in_shared_defaults_points_at_the_shared_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    shared = project / "programmes" / "_faelles.yaml"
    text = shared.read_text(encoding="utf-8")
    shared.write_text(text.replace("  learning_languages_intro:", "  learning_languages_intro: 3\n  _old_intro:", 1))
    with pytest.raises(ProblemsError) as caught:
        load_catalogue(project)
    assert {p.file for p in caught.value.problems} == {"programmes/_faelles.yaml"}


def test_a_bad_file_name_is_explained(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "programmes" / "Mit Program.yaml").write_text(VALID, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_catalogue(project)
    assert "filnavnet bliver programmets adresse" in caught.value.problems[0].message


def test_valid_extra_programme_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "programmes" / "proeve.yaml").write_text(VALID + LOCAL_SETTINGS, encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "programmer" / "proeve" / "laeringssprog" / "index.html").exists()
