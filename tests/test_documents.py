"""Fill-in documents: real DOCX (python-docx) and ODT (content.xml) files from the built site."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from macros.loading.catalogue import Catalogue, load_catalogue
from macros.model.danish import format_date
from macros.outputs.fill import MARK
from tests.conftest import ROOT, html

ODT_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
PROGRAMMES = ["mentorordning-ledere", "gruppementor"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT)


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph."""
    return [(p.style.name if p.style is not None else "", p.text) for p in docx.Document(str(path)).paragraphs]


def docx_headings(path: Path) -> list[str]:
    return [text for style, text in docx_paragraphs(path) if style.startswith("Heading")]


def odt_content(path: Path) -> str:
    with zipfile.ZipFile(path) as odt:
        return odt.read("content.xml").decode("utf-8")


def odt_headings(path: Path) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<text:h\b[^>]*>(.*?)</text:h>", odt_content(path))]


def odt_text(path: Path) -> str:
    return re.sub(r"<[^>]+>", " ", odt_content(path)).replace("&amp;", "&")


def folder(site: Path, slug: str) -> Path:
    return site / "programmer" / slug


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_contract_docx_is_a4_with_goals_terms_clause_and_signatures(
    built_site: Path, catalogue: Catalogue, slug: str
) -> None:
    path = folder(built_site, slug) / f"kontrakt-{slug}.docx"
    section = docx.Document(str(path)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    headings = docx_headings(path)
    p = catalogue.programme(slug).programme  # type: ignore[union-attr]
    for heading in ["Kontrakt", "Mødeplan", "Mål med forløbet", "Vilkår for samarbejdet", "Tavshedspligt"]:
        assert heading in headings
    assert [t.title for t in p.contract.terms] == [h for h in headings if h in {t.title for t in p.contract.terms}]
    text = "\n".join(text for _, text in docx_paragraphs(path))
    for term in p.contract.terms:
        assert " ".join(term.default.split()) in text  # pre-filled and editable text
    assert " ".join(p.contract.confidentiality_clause.split()) in text
    for question in p.contract.goal_questions:
        assert question in text
    assert re.search(r"^Mentee: _{20,}$", text, re.M)  # a line to sign on
    assert MARK not in text and "&amp;" not in text


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_contract_odt_is_a4_and_holds_the_same(built_site: Path, catalogue: Catalogue, slug: str) -> None:
    path = folder(built_site, slug) / f"kontrakt-{slug}.odt"
    with zipfile.ZipFile(path) as odt:
        first = odt.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        styles = odt.read("styles.xml").decode("utf-8")
    assert re.search(r'fo:page-width="21cm"', styles) and re.search(r'fo:page-height="29.7cm"', styles)
    headings = odt_headings(path)
    p = catalogue.programme(slug).programme  # type: ignore[union-attr]
    for heading in ["Kontrakt", "Mål med forløbet", "Vilkår for samarbejdet", "Tavshedspligt", "Underskrifter"]:
        assert heading in headings
    for term in p.contract.terms:
        assert term.title in headings
    assert MARK not in odt_content(path)


def test_group_agreement_only_for_group_programmes(built_site: Path, catalogue: Catalogue) -> None:
    assert not (folder(built_site, "mentorordning-ledere") / "gruppeaftale-mentorordning-ledere.docx").exists()
    path = folder(built_site, "gruppementor") / "gruppeaftale-gruppementor.docx"
    p = catalogue.programme("gruppementor").programme  # type: ignore[union-attr]
    assert p.group is not None
    text = "\n".join(text for _, text in docx_paragraphs(path))
    assert "Gruppeaftale" in docx_headings(path)
    for rule in p.confidentiality.rules:
        assert " ".join(rule.split()) in text
    signatures = re.findall(r"^Mentee \d+: _+$", text, re.M)
    assert len(signatures) == p.group.group_size.max


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_agenda_and_logbook_hold_the_programmes_points_and_questions(
    built_site: Path, catalogue: Catalogue, slug: str
) -> None:
    p = catalogue.programme(slug).programme  # type: ignore[union-attr]
    agenda = "\n".join(t for _, t in docx_paragraphs(folder(built_site, slug) / f"dagsorden-{slug}.docx"))
    for n, item in enumerate(p.meeting_guide.agenda, 1):
        assert f"{n}. {' '.join(item.split())}" in agenda
    logbook = folder(built_site, slug) / f"logbog-{slug}.odt"
    text = odt_text(logbook)
    assert "Logbog og refleksionsark" in odt_headings(logbook)
    for reflection in p.meeting_guide.reflection:
        for question in reflection.questions:
            assert question in text


def test_group_cohorts_get_filled_contracts_and_homework_sheets(built_site: Path, catalogue: Catalogue) -> None:
    group = [c for c in catalogue.cohorts if c.programme == "gruppementor"]
    assert group
    for entry in group:
        where = folder(built_site, "gruppementor") / "forloeb" / entry.id
        contract = "\n".join(t for _, t in docx_paragraphs(where / f"kontrakt-{entry.id}.docx"))
        assert f"Forløb: {entry.cohort.name}" in contract
        for planned in entry.plan.meetings:
            assert f"{planned.number}. møde: {format_date(planned.start.date())} kl. {planned.start:%H.%M}" in contract
        agreement = odt_text(where / f"gruppeaftale-{entry.id}.odt")
        assert entry.cohort.name in agreement
        with_homework = [m for m in entry.plan.meetings if m.homework is not None]
        sheets = sorted(where.glob(f"hjemmeopgave-*-{entry.id}.docx"))
        assert len(sheets) == len(with_homework) > 0
        for planned in with_homework:
            sheet = where / f"hjemmeopgave-{planned.number}-{entry.id}.docx"
            text = "\n".join(t for _, t in docx_paragraphs(sheet))
            assert planned.homework is not None
            assert f"Frist: {format_date(planned.homework.due)}" in text
            for task in planned.homework.homework.tasks:
                assert " ".join(task.split())[:60] in text
            assert (where / sheet.name.replace(".docx", ".odt")).exists()


def test_cohort_copies_name_no_participants(built_site: Path, catalogue: Catalogue) -> None:
    for entry in catalogue.cohorts:
        where = folder(built_site, entry.programme) / "forloeb" / entry.id
        files = sorted(where.glob("*.docx")) + sorted(where.glob("*.odt"))
        assert files
        texts = [odt_text(f) if f.suffix == ".odt" else "\n".join(t for _, t in docx_paragraphs(f)) for f in files]
        for person in entry.cohort.people:
            for private in [person.name, person.department, person.manager]:
                if private:
                    assert all(private not in text for text in texts), private


def test_one_to_one_round_gets_a_contract_per_pair_with_its_plan(built_site: Path, catalogue: Catalogue) -> None:
    rounds = [c for c in catalogue.cohorts if c.plan.pairs]
    assert rounds
    for entry in rounds:
        for pair in entry.plan.pairs:
            path = (
                folder(built_site, entry.programme)
                / "forloeb"
                / entry.id
                / f"kontrakt-{entry.id}-par-{pair.number}.docx"
            )
            lines = [t for _, t in docx_paragraphs(path) if re.match(r"^\d+\. møde: ", t)]
            assert len(lines) == len(pair.meetings)
            assert format_date(pair.meetings[0].start.date()) in lines[0]


@pytest.mark.parametrize("slug", PROGRAMMES)
def test_programme_page_links_every_download(built_site: Path, slug: str) -> None:
    soup = html(built_site, f"programmer/{slug}/")
    heading = soup.find(id="hent-og-print")
    assert heading is not None
    links = [a["href"] for a in heading.find_all_next("a") if re.search(r"\.(pdf|docx|odt)$", a["href"])]
    assert f"haefte-{slug}.pdf" in links and f"kontrakt-{slug}.docx" in links and f"kontrakt-{slug}.odt" in links
    for href in links:
        assert (folder(built_site, slug) / href).is_file(), href


def test_print_stylesheet_hides_navigation_and_keeps_table_rows(built_site: Path) -> None:
    soup = html(built_site, "programmer/gruppementor/laeringssprog/")
    sheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert any(href.endswith("stylesheets/print.css") for href in sheets)
    css = (built_site / "stylesheets" / "print.css").read_text(encoding="utf-8")
    media = css[css.index("@media print") :]
    for selector in [".md-header", ".md-sidebar", ".md-footer", ".md-search"]:
        assert selector in media
    assert re.search(r"\.md-typeset tr,[^{]*\{\s*break-inside: avoid", media)


def test_cohort_pages_link_their_filled_copies(built_site: Path, catalogue: Catalogue) -> None:
    """cohort/page.md.j2 includes documents/cohort_downloads.md.j2 (the hook for cohort pages)."""
    for entry in catalogue.cohorts:
        where = f"programmer/{entry.programme}/forloeb/{entry.id}/"
        links = {a["href"] for a in html(built_site, where).select("article a[href]")}
        copies = {p.name for p in (built_site / where).glob("*.docx")} | {
            p.name for p in (built_site / where).glob("*.odt")
        }
        assert copies and copies <= links, sorted(copies - links)
