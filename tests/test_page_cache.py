"""The page cache (macros/site/page_cache.py): a page converted by an earlier build is taken from the
cache with the very same result, and converted again when its Markdown, a link's target or the
Markdown settings changed, or when its conversion had something to say."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from macros.cli.commands import main
from tests.conftest import copy_project

ABOUT = "om-haandbogen/index.html"
MARKER = "<p>Taget fra sidecachen.</p>"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project with a page cache of its own (empty)."""
    monkeypatch.setenv("MENTOR_CACHE_DIR", str(tmp_path / "cache"))
    return copy_project(tmp_path / "project")


def build(project: Path, site: Path, *, strict: bool = True) -> int:
    options = ["--strict"] if strict else []
    return main(["--root", str(project), "build", *options, "--no-offline-zip", "--site-dir", str(site)])


def cache_file(project: Path) -> Path:
    return project.parent / "cache" / "pages.sqlite"


def change_entries(project: Path, change: Callable[[dict[str, Any]], bool]) -> int:
    """Apply `change` to every kept conversion; the number it changed."""
    changed = 0
    with sqlite3.connect(cache_file(project)) as db:
        for key, data in db.execute("SELECT key, data FROM pages").fetchall():
            entry = json.loads(zlib.decompress(data))
            if change(entry):
                packed = zlib.compress(json.dumps(entry).encode())
                db.execute("UPDATE pages SET data = ? WHERE key = ?", (packed, key))
                changed += 1
    return changed


def mark_page_holding(text: str) -> Callable[[dict[str, Any]], bool]:
    """A change that puts MARKER into the kept HTML of the pages whose HTML holds `text`."""

    def change(entry: dict[str, Any]) -> bool:
        if text not in entry["html"]:
            return False
        entry["html"] = MARKER + entry["html"]
        return True

    return change


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_a_second_build_gives_the_same_site_from_the_cache(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "first") == 0
    first = pages(tmp_path / "first")
    with sqlite3.connect(cache_file(project)) as db:
        kept = db.execute("SELECT count(*) FROM pages").fetchone()[0]
    assert kept >= len([page for page in first if not page.startswith("admin/")]) - 5  # all but a few
    assert build(project, tmp_path / "second") == 0
    assert pages(tmp_path / "second") == first
    search = "search/search_index.json"
    assert (tmp_path / "second" / search).read_bytes() == (tmp_path / "first" / search).read_bytes()
    # The second build did take its pages from the cache: a change made there shows.
    assert change_entries(project, mark_page_holding("Om håndbogen")) >= 1
    assert build(project, tmp_path / "third") == 0
    assert MARKER in (tmp_path / "third" / ABOUT).read_text(encoding="utf-8")


def test_a_changed_page_is_converted_again(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "first") == 0
    assert change_entries(project, mark_page_holding("Om håndbogen")) >= 1
    about = project / "docs" / "om-haandbogen.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nEn ny sætning til sidst.\n", encoding="utf-8")
    assert build(project, tmp_path / "second") == 0
    page = (tmp_path / "second" / ABOUT).read_text(encoding="utf-8")
    assert "En ny sætning til sidst." in page
    assert MARKER not in page


def test_a_link_whose_target_moved_is_converted_again(project: Path, tmp_path: Path) -> None:
    docs = project / "docs"
    (docs / "maal.md").write_text("# Målet\n\nEn side at linke til.\n", encoding="utf-8")
    (docs / "kilde.md").write_text("# Kilden\n\nLæs videre hos [målet](maal.md).\n", encoding="utf-8")
    assert build(project, tmp_path / "first", strict=False) == 0
    assert 'href="../maal/"' in (tmp_path / "first" / "kilde/index.html").read_text(encoding="utf-8")
    assert change_entries(project, mark_page_holding("Læs videre hos")) == 1
    (docs / "maal.md").unlink()  # the link's target is gone: the kept HTML's link would be wrong now
    (docs / "maal").mkdir()
    (docs / "maal" / "index.md").write_text("# Målet\n\nFlyttet.\n", encoding="utf-8")
    assert build(project, tmp_path / "second", strict=False) == 0
    page = (tmp_path / "second" / "kilde/index.html").read_text(encoding="utf-8")
    assert MARKER not in page
    assert 'href="maal.md"' in page  # MkDocs leaves a link it cannot resolve as it is, and warns


def test_a_page_whose_conversion_warned_warns_again(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs" / "kilde.md").write_text("# Kilden\n\nSe [siden](findes-ikke.md).\n", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:  # pages outside the menu, no warning
        config.write("not_in_nav: |\n  /kilde.md\n  /findes-ikke.md\n")
    for attempt in ("first", "second"):
        assert build(project, tmp_path / attempt) == 1  # --strict stops on the warning, both times
        assert "findes-ikke.md" in capsys.readouterr().out
    (project / "docs" / "findes-ikke.md").write_text("# Nu findes den\n", encoding="utf-8")
    assert build(project, tmp_path / "third") == 0
    assert 'href="../findes-ikke/"' in (tmp_path / "third" / "kilde/index.html").read_text(encoding="utf-8")


def test_changed_markdown_settings_convert_every_page_again(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "first") == 0
    assert change_entries(project, mark_page_holding("Om håndbogen")) >= 1
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "permalink_title: Link til dette afsnit" in text
    config.write_text(text.replace("Link til dette afsnit", "Link hertil"), encoding="utf-8")
    assert build(project, tmp_path / "second") == 0
    page = (tmp_path / "second" / ABOUT).read_text(encoding="utf-8")
    assert MARKER not in page
    assert 'title="Link hertil"' in page


def test_a_damaged_cache_is_left_out(project: Path, tmp_path: Path) -> None:
    cache_file(project).parent.mkdir(parents=True)
    cache_file(project).write_bytes(b"ikke en database" * 100)
    assert build(project, tmp_path / "site") == 0
    assert "Om håndbogen" in (tmp_path / "site" / ABOUT).read_text(encoding="utf-8")
