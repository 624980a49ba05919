"""`mentor export-docs`: the site source that plain MkDocs + Material builds into the same site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.cli.commands import main
from macros.site.export_docs import not_in_nav
from tests.conftest import copy_project, html

DOWNLOADS = (".ics", ".pdf", ".docx", ".odt")


def pages(site: Path) -> set[str]:
    """Every page's URL in a built site (its HTML files), without the form editor."""
    found = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    return {path for path in found if not path.startswith("admin/")}


def by_page(entries: list[dict[str, str]]) -> list[dict[str, str]]:
    """Search entries by their address: the pages come in the order of the file list, which differs."""
    return sorted(entries, key=lambda entry: entry["location"])


def downloads(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in DOWNLOADS}


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project built by `mentor build --strict` and its export built by plain MkDocs --strict."""
    work = tmp_path_factory.mktemp("export")
    project = copy_project(work / "project")
    ours = work / "ours"
    assert main(["--root", str(project), "build", "--strict", "--no-offline-zip", "--site-dir", str(ours)]) == 0
    exported = work / "exported"
    assert main(["--root", str(project), "export-docs", str(exported)]) == 0
    plain_config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(p)) if isinstance(p, dict) else p for p in plain_config["plugins"]] == ["search"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "plain")]
    result = subprocess.run(command, cwd=exported, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return ours, work / "plain"


def test_plain_mkdocs_builds_the_same_pages(both: tuple[Path, Path]) -> None:
    ours, plain = both
    assert len(pages(ours)) > 50
    assert pages(plain) == pages(ours)


def test_plain_mkdocs_makes_the_same_search_index(both: tuple[Path, Path]) -> None:
    """Also what the plugin does to the pages (edit links, page cache, packing) leaves the search unchanged."""
    ours, plain = (json.loads((site / "search/search_index.json").read_text(encoding="utf-8")) for site in both)
    assert len(ours["docs"]) > 100
    assert plain["config"] == ours["config"]
    assert by_page(plain["docs"]) == by_page(ours["docs"])


def test_plain_mkdocs_publishes_the_same_downloads(both: tuple[Path, Path]) -> None:
    ours, plain = both
    assert any(path.endswith(".ics") for path in downloads(ours))
    assert downloads(plain) == downloads(ours)
    booklet = "programmer/gruppementor/haefte-gruppementor.pdf"
    assert (plain / booklet).read_bytes()[:5] == b"%PDF-"


def test_the_exported_pages_have_their_macros_expanded_and_the_plugins_meta(both: tuple[Path, Path]) -> None:
    ours, plain = both
    for site in both:
        soup = html(site, "modeller/")
        assert "{{" not in soup.get_text() and soup.select(".admonition.note")  # the comparison and its note
    theirs = html(plain, "programmer/gruppementor/roller/")
    assert theirs.select_one("a[href$='om-haandbogen/#hvad-hjemmesiden-gemmer']") is not None  # footer link
    nav = [a.get_text(strip=True) for a in html(ours, "").select("nav.md-nav--primary a")]
    assert nav == [a.get_text(strip=True) for a in html(plain, "").select("nav.md-nav--primary a")]


def test_export_never_replaces_a_folder_it_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "noter.txt").write_text("mine noter\n", encoding="utf-8")
    assert main(["--root", str(project), "export-docs", str(tmp_path / "mine")]) == 1
    assert "mappen er ikke tom" in capsys.readouterr().err
    assert (tmp_path / "mine" / "noter.txt").read_text(encoding="utf-8") == "mine noter\n"
    assert main(["--root", str(project), "export-docs", str(project)]) == 1  # nor the project itself
    assert (project / "mkdocs.yml").is_file()


def test_pages_outside_the_navigation_are_a_few_patterns_unless_a_shown_page_fits_one() -> None:
    """One line per cohort page made plain MkDocs match 190,000 files against 30,000 lines at 10,000 cohorts."""
    hidden = [f"programmer/p{n % 3}/forloeb/hold-{n}/{name}" for n in range(300) for name in ("index.md", "plan.md")]
    assert not_in_nav(hidden, ["index.md", "programmer/p0/forloeb/index.md"]) == [
        "/programmer/*/*/*/index.md",
        "/programmer/*/*/*/plan.md",
    ]
    shown = ["programmer/p0/om/noget/plan.md"]  # fits the pattern for plan.md: those pages are listed one by one
    lines = not_in_nav(hidden, shown)
    assert "/programmer/*/*/*/index.md" in lines and "/programmer/*/*/*/plan.md" not in lines
    assert len(lines) == 1 + 300 and "/programmer/p0/forloeb/hold-0/plan.md" in lines
