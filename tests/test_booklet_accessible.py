"""Accessible, printable booklets: every built PDF read back with pdfua, poppler and pypdf."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pdfua import validate
from pypdf import PageObject, PdfReader

from macros.loading.catalogue import load_catalogue
from macros.model.problems import ProblemsError
from macros.outputs.booklets import booklet_jobs, edition, render_chapters
from macros.outputs.converters import Cache, DocumentOptions, compile_typst, default_cache_dir
from macros.outputs.documents import programme_changes
from tests.conftest import ROOT, copy_project

# poppler's own bug: it reports the valid `/MarkInfo << /Suspects false >>` that Typst writes
# as a syntax error (fixed upstream after poppler 25.11); nothing else may be printed.
POPPLER_SUSPECTS = "Syntax Error: Suspects object is wrong type (boolean)"
# pdfua 0.1.3's empty-heading rule stops on an array with newer pikepdf; empty_headings() below
# does that check instead.
PDFUA_BROKEN = {"UA-14-001"}
SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10'/></svg>"


def booklets(site: Path) -> list[Path]:
    found = sorted((site / "programmer").glob("*/haefte-*.pdf"))
    assert len(found) >= 6  # two programmes: the full booklet and one per role
    return found


def poppler(tool: str, path: Path) -> str:
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True, timeout=60)
    assert [line for line in done.stderr.splitlines() if line != POPPLER_SUSPECTS] == []
    return done.stdout


def pdfinfo(path: Path) -> dict[str, str]:
    return dict(re.findall(r"^([A-Za-z ]+):\s+(.*)$", poppler("pdfinfo", path), re.M))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        node = todo.pop()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                todo.append(kid)
    return found


def marks_content(node: object) -> bool:
    """True if a structure element reaches a marked-content id (text on a page)."""
    if isinstance(node, int):
        return True
    if isinstance(node, pikepdf.Array):
        return any(marks_content(item) for item in node)
    if isinstance(node, pikepdf.Dictionary):
        return node.get("/Type") == "/MCR" or marks_content(node.get("/K"))
    return False


def empty_headings(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        headings = [e for e in struct_elements(pdf) if re.fullmatch(r"/H\d", str(e["/S"]))]
        assert headings
        return [str(e["/S"]) for e in headings if not marks_content(e.get("/K"))]


def test_every_booklet_passes_the_pdf_ua_checker(built_site: Path) -> None:
    for path in booklets(built_site):
        report = validate(str(path))
        assert [(f.rule_id, f.message) for f in report.findings] == [], path.name
        assert {outcome.rule_id for outcome in report.skipped} <= PDFUA_BROKEN, path.name
        assert empty_headings(path) == [], path.name


def test_every_booklet_is_tagged_titled_danish_with_bookmarks_and_embedded_fonts(built_site: Path) -> None:
    catalogue = load_catalogue(ROOT)
    for path in booklets(built_site):
        entry = catalogue.programme(path.parent.name)
        assert entry is not None
        info = pdfinfo(path)
        assert info["Tagged"] == "yes", path.name
        assert info["Title"].startswith(f"{entry.programme.name} – "), path.name
        fonts = poppler("pdffonts", path).splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the »emb« column
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "da-DK"
            assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
            assert b"<pdfuaid:part>1</pdfuaid:part>" in pdf.Root.Metadata.read_bytes()
            with pdf.open_outline() as outline:
                bookmarks = [item.title for item in outline.root]
            headings = [e for e in struct_elements(pdf) if str(e["/S"]) == "/H1"]
        assert len(bookmarks) >= 5 and "Tavshedspligt og nærmeste leder" in bookmarks
        assert len(headings) == len(bookmarks) + 1  # every chapter, and the contents page's »Indhold«


def test_a5_booklets_have_a_multiple_of_4_pages_with_the_blanks_at_the_end(built_site: Path) -> None:
    for path in booklets(built_site):
        texts = page_texts(path)
        assert int(pdfinfo(path)["Pages"]) == len(texts)
        assert len(texts) % 4 == 0, (path.name, len(texts))
        filled = max(i for i, text in enumerate(texts) if text.strip()) + 1
        assert len(texts) - filled < 4 and all(not text.strip() for text in texts[filled:])


def test_cover_names_organisation_programme_booklet_and_edition(built_site: Path) -> None:
    catalogue = load_catalogue(ROOT)
    for path in booklets(built_site):
        entry = catalogue.programme(path.parent.name)
        assert entry is not None
        cover = " ".join(page_texts(path)[0].split())
        assert cover.startswith(entry.programme.organisation)
        assert entry.programme.name in cover
        assert "Håndbog" in cover or "Hæfte for " in cover
        assert re.search(
            r"Udgave (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) 20\d\d$",
            cover,
        )


@pytest.mark.parametrize("slug", ["mentorordning-ledere", "gruppementor"])
def test_links_between_chapters_print_the_page_they_lead_to(built_site: Path, slug: str) -> None:
    for name in [f"haefte-{slug}.pdf", f"haefte-mentor-{slug}.pdf"]:
        texts = page_texts(built_site / "programmer" / slug / name)
        whole = " ".join(" ".join(texts).split())
        for words, chapter in [
            ("Se også de fire læringssprog", "De fire læringssprog"),
            ("Læs mere om tavshedspligt og nærmeste leder", "Tavshedspligt og nærmeste leder"),
        ]:
            found = re.search(rf"{words} \(se side (\d+)\)", whole)
            assert found, (name, words)
            page = texts[int(found.group(1)) - 1]  # the cover is page 1
            assert page.startswith(chapter), (name, page[:80])
    # The full booklet's overview links each role to its heading in the chapter »Roller«.
    texts = page_texts(built_site / "programmer" / slug / f"haefte-{slug}.pdf")
    whole = " ".join(" ".join(texts).split())
    roles = re.findall(r"• ([^•()]{1,40}) \(se side (\d+)\)", whole)
    assert roles
    for role, page in roles:
        assert role in texts[int(page) - 1], (role, page)
    assert "år for år (se side" not in whole  # the cohorts are no chapter of the booklet


def header(page: PageObject) -> str:
    """The text in the top margin (20 mm) of a page: its running header."""
    top = float(page.mediabox.top) - 20 * 72 / 25.4
    found: list[str] = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: found.append(text) if tm[5] * cm[3] + cm[5] > top else None)
    return " ".join("".join(found).split())


def test_running_header_shows_programme_on_left_and_chapter_on_right_pages(built_site: Path) -> None:
    catalogue = load_catalogue(ROOT)
    headers: set[str] = set()
    for path in booklets(built_site):
        entry = catalogue.programme(path.parent.name)
        assert entry is not None
        reader = PdfReader(path)
        starts = {
            reader.get_destination_page_number(item): item.title
            for item in reader.outline
            if not isinstance(item, list)
        }
        chapter, seen = "", []
        for index, page in enumerate(reader.pages):
            chapter = starts.get(index, chapter)
            seen.append(header(page))
            if index < 2 or index in starts or not page.extract_text().strip():
                assert seen[-1] == "", (path.name, index + 1)  # cover, contents, a chapter's first page, blank
            else:  # page numbers are index + 1: even on the left, odd on the right
                assert seen[-1] == (entry.programme.name if index % 2 else chapter), (path.name, index + 1)
        headers.update(seen)
    assert {"Gruppementorordning", "Mentorordning for ledere", "Roller", "Det gode møde"} <= headers


def test_edition_is_the_programmes_last_commit_month(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    when = "2026-12-14T10:00:00+01:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *command], cwd=project, env=env, check=True, capture_output=True)
    catalogue = load_catalogue(project)
    changed = programme_changes(catalogue)
    # Every shipped programme, the two networks of issue 10 too.
    assert set(changed) == {entry.slug for entry in catalogue.programmes} and len(changed) == 4
    assert edition(changed["gruppementor"]) == "Udgave december 2026"


def test_edition_without_history_is_the_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 3, 5, tzinfo=dt.UTC).timestamp())))
    assert edition(None) == "Udgave marts 2027"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    today = dt.date.today()
    assert edition(None).endswith(str(today.year))


def test_an_image_needs_alt_text() -> None:
    """PDF/UA-1: Typst refuses an image without alt text, and the message is Danish."""
    start = '#set document(title: "Prøve")\n#set text(lang: "da")\n'
    image = f'#image(bytes("{SVG}")'
    with pytest.raises(ProblemsError) as caught:
        compile_typst(f"{start}{image})\n".encode(), "programmes/x.yaml")
    assert "et billede mangler en alternativ tekst" in str(caught.value)
    pdf = compile_typst(f'{start}{image}, alt: "Et sort kvadrat")\n'.encode(), "programmes/x.yaml")
    with pikepdf.open(io.BytesIO(pdf)) as reader:
        figures = [e for e in struct_elements(reader) if str(e["/S"]) == "/Figure"]
        assert [str(f.Alt) for f in figures] == ["Et sort kvadrat"]


def test_a4_booklet_is_accessible_too_and_not_padded(tmp_path: Path) -> None:
    entry = load_catalogue(ROOT).programme("gruppementor")
    assert entry is not None
    chapters = render_chapters(entry)
    options = DocumentOptions(paper="a4", cache_dir=default_cache_dir(ROOT))
    body = Cache(options.cache_dir).run([chapters.job()])[0]
    path = tmp_path / "haefte.pdf"
    path.write_bytes(booklet_jobs(chapters, body, options)[0].make())
    report = validate(str(path))
    assert [f.rule_id for f in report.findings] == [] and empty_headings(path) == []
    assert pdfinfo(path)["Tagged"] == "yes"
    assert page_texts(path)[-1].strip()  # the last page has text: A4 is printed as it is, not folded
