"""`mentor new cohort`: a commented file that passes `check` once its placeholders are filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.cli.commands import main
from macros.loading.catalogue import load_catalogue
from tests.conftest import copy_project

PLACEHOLDER = re.compile(r"^(?P<lead>\s*(?:- )?(?:(?P<key>\w+):)?)\s+# UDFYLD: .*$", re.MULTILINE)


def fill(text: str) -> tuple[str, int]:
    """Replace each `# UDFYLD` placeholder, and nothing else, with a fitting value."""
    months = iter(range(2, 13))
    values = {"name": "Prøvehold, forår 2028", "start": "2028-01-10", "end": "2028-12-20", None: "Hvad tog du med?"}

    def value(match: re.Match[str]) -> str:
        key = match.group("key")
        filled = f"2028-{next(months):02d}-01" if key == "date" else values[key]
        return f"{match.group('lead')} {filled}"

    return PLACEHOLDER.subn(value, text)


def new_cohort(capsys: pytest.CaptureFixture[str], project: Path, programme: str) -> Path:
    code = main(["--root", str(project), "new", "cohort", programme, "--year", "2028"])
    out = capsys.readouterr().out
    assert code == 0, out
    written = project / out.splitlines()[0].removeprefix("Skrev ")
    assert written.is_file()
    return written


@pytest.mark.parametrize("programme", ["gruppementor", "mentorordning-ledere", "digitalt-netvaerk", "fysisk-netvaerk"])
def test_filled_placeholders_pass_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, programme: str
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = copy_project(tmp_path)
    path = new_cohort(capsys, project, programme)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/cohort.schema.json\n")
    schema = (path.parent / "../../../schema/cohort.schema.json").resolve()
    assert schema == (project / "schema" / "cohort.schema.json").resolve()

    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    relative = path.relative_to(project).as_posix()
    placeholder_lines = [n for n, line in enumerate(text.splitlines(), 1) if "  # UDFYLD" in line]
    reported = {int(m.group(1)) for m in re.finditer(rf"^{re.escape(relative)}:(\d+):\d+: fejl: ", out, re.M)}
    assert reported == set(placeholder_lines), out

    filled, count = fill(text)
    assert count == len(placeholder_lines)
    path.write_text(filled, encoding="utf-8")
    assert main(["--root", str(project), "check", "--strict"]) == 0, capsys.readouterr().out
    cohort = next(c for c in load_catalogue(project).cohorts if c.source == relative)
    assert cohort.programme == programme


def test_group_cohort_follows_the_programme_design(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    text = new_cohort(capsys, project, "gruppementor").read_text(encoding="utf-8")
    assert text.count("  - id: moede-") == 4  # meeting_count in programmes/gruppementor.yaml
    assert text.count("  - id: m0") == 6  # group_size.typical
    assert text.count("    homework:") == 3  # none after the last meeting
    assert "variant: lederaspiranter" in text


def test_network_cohort_has_participants_and_a_process_consultant(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = copy_project(tmp_path)
    text = new_cohort(capsys, project, "fysisk-netvaerk").read_text(encoding="utf-8")
    assert "process_consultant:\n  id: proceskonsulent-a\n" in text
    assert text.count("  - id: d0") == 8  # network.size.typical
    assert text.count("  - id: moede-") == 6  # network.meeting_count
    assert "mentors:" not in text and "mentees:" not in text and "homework:" not in text
    online = new_cohort(capsys, project, "digitalt-netvaerk").read_text(encoding="utf-8")
    assert online.count("    # online: https://") == 4


def test_a_second_cohort_gets_a_free_id_and_nothing_is_overwritten(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = copy_project(tmp_path)
    first = new_cohort(capsys, project, "mentorordning-ledere")
    second = new_cohort(capsys, project, "mentorordning-ledere")
    assert first.name == "2028-mentorordning-ledere-1.yaml"
    assert second.name == "2028-mentorordning-ledere-2.yaml"
    code = main(["--root", str(project), "new", "cohort", "mentorordning-ledere", "--year", "2028", "--id", first.stem])
    assert code == 1
    assert "filen findes allerede" in capsys.readouterr().out


def test_unknown_programme_is_explained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    before = sorted(project.rglob("*"))
    assert main(["--root", str(project), "new", "cohort", "grupementor"]) == 1
    assert "programmet 'grupementor' findes ikke i programmes/. Mente du 'gruppementor'?" in capsys.readouterr().out
    assert sorted(project.rglob("*")) == before
