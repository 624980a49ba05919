"""`mentor check`, its messages and annotations, and the Danish command line itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli.commands import github_annotation, main
from macros.model.problems import Problem
from tests.conftest import MINIMAL_PROGRAMME, ROOT, copy_project

TYPO = MINIMAL_PROGRAMME + "modle: group\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `mentor` in this process; return exit code, stdout and stderr."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's --help and usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    project = copy_project(tmp_path)
    (project / "programmes" / "proeve.yaml").write_text(TYPO, encoding="utf-8")
    return project


def test_check_passes_on_the_shipped_files(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, out, _ = run(capsys, "--root", str(ROOT), "check", "--strict")
    assert code == 0, out
    assert out.startswith("Alt er i orden: 4 programmer")
    assert "::" not in out


def test_check_reports_file_line_column_and_fails(
    capsys: pytest.CaptureFixture[str], broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, out, err = run(capsys, "--root", str(broken), "check")
    assert code == 1
    assert "programmes/proeve.yaml:8:1: fejl: modle: 'modle' er ikke et kendt felt her. Mente du 'model'?" in out
    assert "1 fejl og 0 advarsler" in out
    assert "::error" not in out
    assert "Traceback" not in out + err


def test_check_annotates_the_pull_request_in_github_actions(
    capsys: pytest.CaptureFixture[str], broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "--root", str(broken), "check")
    assert code == 1
    lines = out.splitlines()
    assert "programmes/proeve.yaml:8:1: fejl: modle: 'modle' er ikke et kendt felt her. Mente du 'model'?" in lines
    assert (
        "::error file=programmes/proeve.yaml,line=8,col=1,title=Fejl%3A modle"
        "::modle: 'modle' er ikke et kendt felt her. Mente du 'model'?"
    ) in lines


def test_annotations_escape_what_github_reads_as_syntax() -> None:
    problem = Problem("programmes/a,b:c.yaml", 3, 5, "roles.mentor", "100% sikker\r\nlinje 2, del: 3", "warning")
    assert github_annotation(problem) == (
        "::warning file=programmes/a%2Cb%3Ac.yaml,line=3,col=5,title=Advarsel%3A roles.mentor"
        "::roles.mentor: 100%25 sikker<U+000D><U+000A>linje 2, del: 3"  # a line break in a value is shown
    )


def test_a_yaml_syntax_error_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = copy_project(tmp_path)
    (project / "programmes" / "proeve.yaml").write_text("name: [Prøve\n", encoding="utf-8")
    code, out, err = run(capsys, "--root", str(project), "check")
    assert code == 1
    assert out.startswith("programmes/proeve.yaml:")
    assert "kan ikke læses som YAML" in out
    assert "Traceback" not in out + err


def test_strict_check_fails_on_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = copy_project(tmp_path)
    cohort = next((project / "programmes" / "forloeb").rglob("*lederaspiranter-1.yaml"))
    text = cohort.read_text(encoding="utf-8")
    cohort.write_text(text.replace("mentees:\n", "mentees:\n  - id: m07\n  - id: m08\n", 1), encoding="utf-8")
    code, out, _ = run(capsys, "--root", str(project), "check")
    assert code == 0
    assert f"{cohort.relative_to(project).as_posix()}:" in out and ": advarsel: mentees: " in out
    assert "Alt er i orden" not in out  # a warning is not "all in order"
    assert "Ingen fejl, men 1 advarsel i 4 programmer og 6 forløb." in out
    code, out, _ = run(capsys, "--root", str(project), "check", "--strict")
    assert code == 1
    assert "Tjekket stopper på 1 advarsel, fordi den er streng ligesom tjekket i pull requesten." in out
    assert "kvittere for i forløbsfilen under `acknowledge:`" in out


def test_help_is_in_danish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("Brug: mentor")
    for words in ("tilvalg:", "kommandoer:", "vis denne hjælp og stop", "tjek alle programmer og forløb"):
        assert words in out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out
    code, out, _ = run(capsys, "new", "cohort", "--help")
    assert code == 0
    assert out.startswith("Brug: mentor new cohort [-h]")
    assert "argumenter:" in out and "PROGRAM" in out


def test_wrong_use_is_explained_in_danish(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "chek")
    assert code == 2
    assert "mentor: fejl: KOMMANDO: ukendt valg 'chek'" in err
    code, _, err = run(capsys, "new", "cohort")
    assert code == 2
    assert "fejl: mangler: PROGRAM" in err


def test_check_does_not_load_mkdocs() -> None:
    """`check` answers fast: MkDocs (and the theme) is never imported."""
    code = (
        "import sys; from macros.cli.commands import main; rc = main(['check']); "
        "sys.exit(rc or (3 if 'mkdocs' in sys.modules else 0))"
    )
    env = {**os.environ, "GITHUB_ACTIONS": ""}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("mentor")
    result = subprocess.run([str(script), "check"], cwd=ROOT / "docs", capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Alt er i orden" in result.stdout


def test_a_strict_build_stopped_by_a_warning_says_so_in_one_danish_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = copy_project(tmp_path / "project")
    cohort = next((project / "programmes" / "forloeb").rglob("*lederaspiranter-1.yaml"))
    text = cohort.read_text(encoding="utf-8")
    cohort.write_text(text.replace("mentees:\n", "mentees:\n  - id: m07\n  - id: m08\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    code, out, _ = run(capsys, "--root", str(project), "build", "--strict", "--site-dir", str(site))
    assert code == 1
    assert "Bygningen stopper på 1 advarsel, fordi den er streng ligesom tjekket i pull requesten." in out
    assert not site.exists()
