"""`mentor build`: the new site replaces the old only on success, with progress on the way."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli.commands import main
from macros.loading.catalogue import load_catalogue
from macros.outputs import documents
from macros.outputs.converters import Cache, DocumentOptions, Job
from macros.outputs.progress import ENV, listen, parse_report, track
from macros.rendering.published_files import published_files
from macros.site.build import Display, _relay, export_site
from tests.conftest import ROOT, copy_project


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site-tmp", ".site-old")))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with an old site/ from an earlier build."""
    project = copy_project(tmp_path / "project")
    (project / "site" / "gammel").mkdir(parents=True)
    (project / "site" / "index.html").write_text("<p>forrige udgave</p>\n", encoding="utf-8")
    (project / "site" / "gammel" / "side.html").write_text("<p>gammel side</p>\n", encoding="utf-8")
    return project


def test_build_replaces_the_previous_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "build"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("» Tjekker programmerne …\n» Bygger sitet med MkDocs …\n")
    assert "Sitet er bygget i" in out
    assert "INFO" not in out  # MkDocs' chatter is left out
    site = project / "site"
    assert not (site / "gammel").exists()
    assert "Mentorhåndbogen" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "programmer" / "gruppementor" / "roller" / "index.html").is_file()
    assert oct(site.stat().st_mode & 0o777) == "0o755"
    assert leftovers(project) == []


def test_a_preview_for_files_links_to_index_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    preview = tmp_path / "forhaandsvisning"
    assert main(["--root", str(project), "build", "--for-files", "--site-dir", str(preview)]) == 0
    capsys.readouterr()
    front = (preview / "index.html").read_text(encoding="utf-8")
    assert 'href="programmer/gruppementor/index.html"' in front
    assert (preview / "programmer" / "gruppementor" / "roller.html").is_file()


def test_a_failed_mkdocs_build_leaves_the_previous_site_exactly_as_it_was(project: Path) -> None:
    page = project / "docs" / "om-haandbogen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[En side, der ikke findes](findes-ikke.md)\n")
    before = snapshot(project / "site")
    out = io.StringIO()
    assert export_site(project, project / "site", strict=True, display=Display(out)) is False
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
    text = out.getvalue()
    assert "WARNING -  Doc file 'om-haandbogen.md' contains a link 'findes-ikke.md'" in text
    assert text.rstrip().endswith("Bygningen mislykkedes; det tidligere site er ikke rørt.")


def test_a_broken_programme_stops_before_mkdocs_and_keeps_the_site(project: Path) -> None:
    programme = project / "programmes" / "gruppementor.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("model: group", "modle: group"))
    before = snapshot(project / "site")
    out = io.StringIO()
    assert export_site(project, project / "site", display=Display(out)) is False
    assert "programmes/gruppementor.yaml:12:1: fejl: modle: 'modle' er ikke et kendt felt her." in out.getvalue()
    assert "Bygger sitet med MkDocs" not in out.getvalue()
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


MKDOCS_OUTPUT = """\
INFO    -  Cleaning site directory
mentor-progress: ["Hæfter", 0, 4]
mentor-progress: ["Hæfter", 1, 4]
mentor-progress: ["Hæfter", 2, 4]
INFO    -  A message
    that goes on
mentor-progress: ["Hæfter", 3, 4]
mentor-progress: ["Hæfter", 4, 4]
WARNING -  Something to look at
    with a second line
Aborted with 1 warnings in strict mode!
"""


def test_progress_in_a_log_is_a_line_per_quarter_and_warnings_pass_through() -> None:
    out = io.StringIO()
    _relay(MKDOCS_OUTPUT.splitlines(keepends=True), Display(out))
    assert out.getvalue().splitlines() == [
        "  Hæfter: 0 af 4",
        "  Hæfter: 1 af 4",
        "  Hæfter: 2 af 4",
        "  Hæfter: 3 af 4",
        "  Hæfter: 4 af 4 – færdig",
        "WARNING -  Something to look at",
        "    with a second line",
        "Aborted with 1 warnings in strict mode!",
    ]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_phase_in_a_log_shows_quarters_and_may_run_again() -> None:
    out = io.StringIO()
    display = Display(out)
    for _ in range(2):
        for done in range(101):
            display.progress("Dokumenter", done, 100)
    assert out.getvalue().splitlines() == 2 * [
        "  Dokumenter: 0 af 100",
        "  Dokumenter: 25 af 100",
        "  Dokumenter: 50 af 100",
        "  Dokumenter: 75 af 100",
        "  Dokumenter: 100 af 100 – færdig",
    ]


def test_progress_on_a_terminal_is_one_line_redrawn_in_place() -> None:
    out = Terminal()
    display = Display(out)
    for done in range(3):
        display.progress("Dokumenter", done, 2)
    display.line("Færdig")
    assert out.getvalue() == (
        "\r\033[K  Dokumenter: 0 af 2\r\033[K  Dokumenter: 1 af 2\r\033[K  Dokumenter: 2 af 2 – færdig\nFærdig\n"
    )


def test_reports_travel_from_a_child_process_as_lines() -> None:
    code = "from macros.outputs.progress import track\nfor _ in track('Hæfter', ['a', 'b']): pass\n"
    env = {**os.environ, ENV: "1"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert [parse_report(line) for line in result.stderr.splitlines()] == [
        ("Hæfter", 0, 2),
        ("Hæfter", 1, 2),
        ("Hæfter", 2, 2),
    ]


def test_reports_reach_a_listener_in_the_same_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    seen: list[tuple[str, int, int]] = []
    listen(lambda phase, done, total: seen.append((phase, done, total)))
    try:
        assert list(track("Kontrakter", [1])) == [1]
    finally:
        listen(None)
    assert seen == [("Kontrakter", 0, 1), ("Kontrakter", 1, 1)]
    assert parse_report('mentor-progress: ["x", "y"]') is None
    assert parse_report("INFO    -  mentor-progress") is None


def test_documents_made_in_a_build_are_reported_and_cached_ones_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    seen: list[tuple[str, int, int]] = []
    jobs = [Job((f"side {n}",), lambda n=n: f"indhold {n}".encode()) for n in range(3)]
    listen(lambda phase, done, total: seen.append((phase, done, total)))
    try:
        first = Cache(tmp_path).run(jobs, "Udfyldte dokumenter")
        again = Cache(tmp_path).run(jobs, "Udfyldte dokumenter")  # all cached now: nothing to report
    finally:
        listen(None)
    assert first == again == [b"indhold 0", b"indhold 1", b"indhold 2"]
    assert seen == [("Udfyldte dokumenter", done, 3) for done in range(4)]


def test_filled_copies_are_made_a_few_cohorts_at_a_time_and_reported_by_cohort(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 cohorts have 130,000 copies: made all at once they took more than a gigabyte."""
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setattr(documents, "COHORTS_AT_A_TIME", 2)  # a setting of ours, so seven cohorts make four parts
    catalogue = load_catalogue(ROOT)
    options = DocumentOptions(cache_dir=tmp_path / "cache")
    seen: list[tuple[str, int, int]] = []
    listen(lambda phase, done, total: seen.append((phase, done, total)))
    try:
        made = {asset.path: asset.content for asset in documents.export_documents(catalogue, options)}
        seen_cold, seen[:] = list(seen), []
        again = {asset.path: asset.content for asset in documents.export_documents(catalogue, options)}
    finally:
        listen(None)
    cohorts = len(catalogue.cohorts)
    assert [r for r in seen_cold if r[0] == documents.COPIES_PHASE] == [
        (documents.COPIES_PHASE, done, cohorts) for done in [*range(2, cohorts, 2), cohorts]
    ]
    assert seen == []  # a warm build makes nothing and shows nothing
    assert again == made
    listed = {f.path for f in published_files(catalogue) if f.recipe.writer in ("filled", "blank", "booklet")}
    assert set(made) == listed
