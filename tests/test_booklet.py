"""The printed booklets: real PDFs from pandoc and Typst, opened and read back with pypdf."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from macros.loading.catalogue import load_catalogue
from macros.model.problems import ProblemsError
from macros.outputs.booklets import booklet_jobs, render_chapters
from macros.outputs.converters import Cache, DocumentOptions, compile_typst, default_cache_dir
from macros.outputs.documents import render_bundle
from macros.outputs.fill import MARK
from tests.conftest import ROOT, build_site, copy_project

PROGRAMMES = ["mentorordning-ledere", "gruppementor"]
LANGUAGES = ["Instruktion", "Rådgivning", "Vejledning", "Coaching"]
A5 = (419.53, 595.28)
A4 = (595.28, 841.89)


def read_pdf(path: Path) -> PdfReader:
    return PdfReader(path)


def text_of(pdf: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in pdf.pages)


def page_size(pdf: PdfReader, index: int = 0) -> tuple[float, float]:
    box = pdf.pages[index].mediabox
    return (round(float(box.width), 2), round(float(box.height), 2))


def booklet(site: Path, slug: str, role: str | None = None) -> PdfReader:
    name = f"haefte-{role}-{slug}.pdf" if role else f"haefte-{slug}.pdf"
    return read_pdf(site / "programmer" / slug / name)


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_full_booklet_is_a5_with_cover_contents_and_every_chapter(built_site: Path, slug: str) -> None:
    pdf = booklet(built_site, slug)
    assert {page_size(pdf, i) for i in range(len(pdf.pages))} == {A5}
    assert 10 <= len(pdf.pages) <= 40
    programme = load_catalogue(ROOT).programme(slug)
    assert programme is not None
    cover = " ".join(pdf.pages[0].extract_text().split())
    assert programme.programme.name in cover and programme.programme.organisation in cover
    contents = pdf.pages[1].extract_text()
    assert contents.startswith("Indhold")
    for chapter in ["Roller", "Det gode møde", "De fire læringssprog", "Kontrakten", "Tavshedspligt og nærmeste leder"]:
        assert chapter in contents


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_booklet_text_has_danish_letters_and_all_four_languages(built_site: Path, slug: str) -> None:
    text = text_of(booklet(built_site, slug))
    for word in ["nærmeste leder", "Mål med forløbet", "Rådgivning", "Tavshedspligt", "møde"]:
        assert word in text
    for language in LANGUAGES:
        assert language in text
        # Narrow cells must not hyphenate the names: "In-struk-tion" would extract with a hyphen.
        assert not re.search(rf"{language[:3]}\w*-\s", text.split("De fire læringssprog")[-1][:2000])
    assert "&amp;" not in text and "&lt;" not in text and MARK not in text


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_pages_have_numbers_and_a_running_header(built_site: Path, slug: str) -> None:
    pdf = booklet(built_site, slug)
    programme = load_catalogue(ROOT).programme(slug)
    assert programme is not None
    # The cover is page 1 (unnumbered); the blank pages that fill the last sheet have no number.
    texts = [page.extract_text().strip() for page in pdf.pages]
    filled = [(n, text) for n, text in enumerate(texts, 1) if text][1:]
    assert [n for n, text in filled if not text.endswith(str(n))] == []
    assert filled[-1][0] > len(texts) - 4
    headers = [page.extract_text().startswith(programme.programme.name) for page in pdf.pages[2:]]
    assert any(headers)  # pages that do not open a chapter carry the programme's name on top


def test_fonts_are_embedded_and_come_with_typst(built_site: Path) -> None:
    pdf = booklet(built_site, "gruppementor")
    fonts: dict[str, bool] = {}
    for page in pdf.pages:
        for font in page["/Resources"].get("/Font", {}).values():  # a blank page has none
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor: DictionaryObject = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key.startswith("/FontFile") for key in descriptor)
    assert fonts and all(fonts.values())
    assert all("LibertinusSerif" in name for name in fonts)


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_role_booklets_hold_only_their_role(built_site: Path, slug: str) -> None:
    full = booklet(built_site, slug)
    for role, other in [("mentor", "mentee"), ("mentee", "mentor")]:
        pdf = booklet(built_site, slug, role)
        text = text_of(pdf)
        assert page_size(pdf) == A5
        assert len(pdf.pages) < len(full.pages)
        assert "Din rolle som" in text and f"Din rolle som {other}" not in text
        genitive = "Mentors" if role == "mentor" else "Mentees"
        for needed in [  # neutral headings: the items are in the third person (review §3a)
            f"{genitive} forventninger",
            f"{genitive} forpligtelser",
            "Første og sidste møde",
            "Det gode møde",
            "Tavshedspligt",
            *LANGUAGES,
        ]:
            assert needed in text
        assert "Tovholdernes opgaver" not in text  # the coordinators' chapter is not for participants


def test_a4_is_an_option() -> None:
    entry = load_catalogue(ROOT).programme("mentorordning-ledere")
    assert entry is not None
    chapters = render_chapters(entry)
    options = DocumentOptions(paper="a4", cache_dir=default_cache_dir(ROOT))
    body = Cache(options.cache_dir).run([chapters.job()])[0]
    role = booklet_jobs(chapters, body, options)[1]
    pdf = PdfReader(io.BytesIO(role.make()))
    assert page_size(pdf) == A4
    assert pdf.pages[-1].extract_text().strip()  # no blank pages: an A4 booklet is not folded
    assert "Din rolle som mentor" in text_of(pdf)


def test_text_from_yaml_stays_text(tmp_path: Path) -> None:
    """Markup, Typst code and HTML in a programme file are printed as they are written."""
    project = copy_project(tmp_path)
    source = project / "programmes" / "mentorordning-ledere.yaml"
    hostile = 'Ledere & <script>alert(1)</script> #set page(paper: \\"a3\\") $x$ `#y`{=typst}'
    source.write_text(re.sub(r"(?m)^name: .*$", f'name: "{hostile}"', source.read_text(encoding="utf-8"), count=1))
    entry = load_catalogue(project).programme("mentorordning-ledere")
    assert entry is not None
    options = DocumentOptions(cache_dir=default_cache_dir(project))
    chapters = render_chapters(entry)
    body = Cache(options.cache_dir).run([chapters.job()])[0]
    reader = PdfReader(io.BytesIO(booklet_jobs(chapters, body, options)[0].make()))
    assert page_size(reader) == A5  # the "#set page" did not run
    printed = " ".join(text_of(reader).split())
    assert 'Ledere & <script>alert(1)</script> #set page(paper: "a3") $x$ `#y`{=typst}' in printed  # the cover
    assert 'Ledere & <script>alert(1)</script> #set page(paper: "a3") $x$' in printed.split("Indhold", 1)[1]
    assert "#y{=typst}" in printed.split("Indhold", 1)[1]  # inline code, not raw Typst that would run
    assert "&amp;" not in printed and "&lt;" not in printed
    contract = render_bundle(entry).job("docx").make()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(contract)).paragraphs)
    assert "Ledere & <script>alert(1)</script>" in text and "&amp;" not in text


def test_missing_font_fails_the_build_in_danish(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - mentor:\n" in text  # the plugin has settings (the accessibility statement)
    config.write_text(text.replace("  - mentor:\n", "  - mentor:\n      booklet_font: Findes Ikke\n"), encoding="utf-8")
    result = build_site(project)
    assert result.returncode != 0
    assert "skrifttypen »Findes Ikke« findes ikke" in result.stderr
    assert "Libertinus Serif" in result.stderr  # names the fonts that do work
    assert "Traceback" not in result.stderr


def test_any_typst_warning_stops_the_booklet() -> None:
    """Typst only warns about a missing font and sets the text in another; we refuse."""
    with pytest.raises(ProblemsError) as caught:
        source = '#set document(title: "Prøve")\n#set text(font: "Findes Ikke", lang: "da")\nHåndbog'
        compile_typst(source.encode(), "programmes/x.yaml")
    assert "hæftet blev ikke lavet, fordi Typst advarede: skrifttypen »findes ikke« findes ikke" in str(caught.value)
