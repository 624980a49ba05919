"""Accessible office documents: title, language and headings in every DOCX and ODT of the built
site, read with python-docx and the ODT XML; page fit checked in LibreOffice's own rendering."""

from __future__ import annotations

import itertools
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from macros.loading.catalogue import Catalogue, load_catalogue
from macros.outputs.converters import DocumentOptions, default_cache_dir
from macros.outputs.documents import export_documents
from tests.conftest import ROOT, copy_project

SIGNATURE = re.compile(r"^(.+?): _{20,}$", re.M)
LAST_PAGE_LINES = 5  # a last page with fewer lines of text is a spill-over


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT)


def office_files(site: Path, kind: str) -> list[Path]:
    found = sorted((site / "programmer").rglob(f"*.{kind}"))
    assert len(found) > 20
    return found


def odt_member(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as odt:
        return odt.read(member).decode("utf-8")


def expected_title(path: Path, catalogue: Catalogue) -> str:
    """»Kontrakt – Mentorordning for ledere«, or the cohort's name (and pair) for a cohort's copy."""
    cohort = next((c for c in catalogue.cohorts if path.parent.name == c.id), None)
    if cohort is None:
        entry = catalogue.programme(path.parent.name)
        assert entry is not None
        return entry.programme.name
    pair = re.search(r"-par-(\d+)$", path.stem)
    return f"{cohort.cohort.name}, par {pair.group(1)}" if pair else cohort.cohort.name


def test_every_docx_has_title_danish_language_and_heading_styles(built_site: Path, catalogue: Catalogue) -> None:
    for path in office_files(built_site, "docx"):
        document = docx.Document(str(path))
        title = document.core_properties.title
        assert re.match(r"^(Kontrakt|Gruppeaftale|Dagsorden|Logbog og refleksionsark|.+) – ", title), path.name
        assert title.endswith(f" – {expected_title(path, catalogue)}"), (path.name, title)
        assert document.core_properties.language == "da-DK"
        with zipfile.ZipFile(path) as package:
            styles = package.read("word/styles.xml").decode("utf-8")
            settings = package.read("word/settings.xml").decode("utf-8")
        assert re.search(r"<w:rPrDefault>.*<w:lang [^>]*w:val=\"da-DK\"", styles, re.S)
        assert 'w:themeFontLang w:val="da-DK"' in settings
        paragraphs = [p for p in document.paragraphs if p.text.strip()]
        assert paragraphs[0].style is not None and paragraphs[0].style.name == "Heading 1", path.name
        headings = [p.style.name for p in paragraphs if p.style is not None and p.style.name.startswith("Heading")]
        assert len(headings) >= 2 and all(re.fullmatch(r"Heading [1-3]", h) for h in headings), path.name


def test_every_odt_has_title_danish_language_and_real_headings(built_site: Path, catalogue: Catalogue) -> None:
    for path in office_files(built_site, "odt"):
        meta = odt_member(path, "meta.xml")
        title = re.search(r"<dc:title>([^<]+)</dc:title>", meta)
        assert title and title.group(1).endswith(f" – {expected_title(path, catalogue)}"), path.name
        assert "<dc:language>da-DK</dc:language>" in meta
        styles = odt_member(path, "styles.xml")
        default = re.search(r'<style:default-style style:family="paragraph">.*?</style:default-style>', styles, re.S)
        assert default and 'fo:language="da"' in default.group(0) and 'fo:country="DK"' in default.group(0)
        content = odt_member(path, "content.xml")
        levels = re.findall(r'<text:h text:style-name="Heading_20_(\d)" text:outline-level="(\d)"', content)
        assert levels and levels[0] == ("1", "1") and all(a == b for a, b in levels), path.name


def test_group_agreement_has_a_signature_line_per_mentor_and_mentee(built_site: Path, catalogue: Catalogue) -> None:
    entry = catalogue.programme("gruppementor")
    assert entry is not None and entry.programme.group is not None
    mentor, mentee = entry.programme.roles["mentor"].title, entry.programme.roles["mentee"].title
    blank = docx_text(built_site / "programmer" / "gruppementor" / "gruppeaftale-gruppementor.docx")
    size = entry.programme.group.group_size.max
    assert signatures(blank) == ["Dato", mentor, *(f"{mentee} {n}" for n in range(1, size + 1))]
    cohorts = [c for c in catalogue.cohorts if c.programme == "gruppementor"]
    assert cohorts
    for cohort in cohorts:
        where = built_site / "programmer" / "gruppementor" / "forloeb" / cohort.id
        mentees = len(cohort.cohort.mentees)
        assert len(cohort.cohort.mentors) == 1
        expected = ["Dato", mentor, *(f"{mentee} {n}" for n in range(1, mentees + 1))]
        assert signatures(docx_text(where / f"gruppeaftale-{cohort.id}.docx")) == expected
        odt = re.sub(r"<[^>]+>", "", odt_member(where / f"gruppeaftale-{cohort.id}.odt", "content.xml"))
        assert len(re.findall(rf"{mentee} \d+: _+", odt)) == mentees


def test_signature_lines_follow_the_cohorts_size(tmp_path: Path) -> None:
    """A group of four mentees and two mentors signs on six lines (plus the date)."""
    project = copy_project(tmp_path)
    source = next((project / "programmes" / "forloeb").rglob("2027-lederaspiranter-1.yaml"))
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^  - id: m0[56]\n(?:    .*\n)*", "", text, flags=re.M)  # two mentees fewer
    text = text.replace("mentors:\n", "mentors:\n  - id: mentor-z\n", 1)
    source.write_text(text, encoding="utf-8")
    catalogue = load_catalogue(project)
    cohort = next(c for c in catalogue.cohorts if c.id == "2027-lederaspiranter-1")
    assert (len(cohort.cohort.mentors), len(cohort.cohort.mentees)) == (2, 4)
    options = DocumentOptions(cache_dir=default_cache_dir(project))
    made = {a.path: a.content for a in export_documents(catalogue, options)}
    target = tmp_path / "gruppeaftale.docx"
    target.write_bytes(made[f"programmer/gruppementor/forloeb/{cohort.id}/gruppeaftale-{cohort.id}.docx"])
    assert signatures(docx_text(target)) == [
        "Dato",
        "Mentor 1",  # the group programme's mentor is titled »Mentor« since issue 11
        "Mentor 2",
        *(f"Mentee {n}" for n in range(1, 5)),
    ]


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def signatures(text: str) -> list[str]:
    after = text.split("Underskrifter", 1)[1]
    return SIGNATURE.findall(after)


def render(files: list[Path], outdir: Path) -> dict[str, Path]:
    """LibreOffice's PDF of each file; it exits 0 even when it cannot load one, so every PDF is checked."""
    profile = outdir / "profile"
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(outdir), *map(str, files)], capture_output=True, timeout=900, check=False)
    pdfs = {f.name: outdir / f"{f.stem}.pdf" for f in files}
    missing = [name for name, pdf in pdfs.items() if not pdf.is_file()]
    assert missing == [], missing
    return pdfs


def pages(pdf: Path) -> list[list[str]]:
    """Each page's lines of text, the page number at the foot left out."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    return [[line for line in page if not line.isdigit()] for page in found if page]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_documents_fit_their_pages_in_libreoffice(built_site: Path, tmp_path: Path, kind: str) -> None:
    """Homework sheets are one page; no document ends on a page with a few stray lines, and lines
    to write on never start a page cut off from their question."""
    files = [f for f in office_files(built_site, kind) if re.match(r"(hjemmeopgave|kontrakt|gruppeaftale)-", f.name)]
    for name, pdf in render(files, tmp_path).items():
        laid_out = pages(pdf)
        if name.startswith("hjemmeopgave-"):
            assert len(laid_out) == 1, (name, len(laid_out))
            assert sum(1 for line in laid_out[0] if re.fullmatch(r"_{20,}", line)) >= 8, name  # room to answer
        assert len(laid_out[-1]) >= LAST_PAGE_LINES, (name, laid_out[-1])
        for page in laid_out[1:]:
            assert not re.fullmatch(r"_{20,}", page[0]), (name, page[:2])


@pytest.mark.slow
@pytest.mark.parametrize("tasks", [4, 9])
def test_a_long_homework_sheet_still_ends_on_a_full_page(tmp_path: Path, tasks: int) -> None:
    """More tasks than leave room for the answer: fewer lines, and at least a few (on the next page too)."""
    project = copy_project(tmp_path / "project")
    source = next((project / "programmes" / "forloeb").rglob("2027-lederaspiranter-1.yaml"))
    task = "Beskriv en situation fra din hverdag som leder, hvor du måtte vælge mellem to gode hensyn, og dit valg."
    extra = "".join(f"        - {task} ({n})\n" for n in range(tasks))
    text = source.read_text(encoding="utf-8").replace("      questions:\n", f"{extra}      questions:\n", 1)
    source.write_text(text, encoding="utf-8")
    catalogue = load_catalogue(project)
    made = export_documents(catalogue, DocumentOptions(cache_dir=default_cache_dir(project)))
    files = []
    for asset in made:
        if asset.path.endswith(
            ("hjemmeopgave-1-2027-lederaspiranter-1.docx", "hjemmeopgave-1-2027-lederaspiranter-1.odt")
        ):
            files.append(tmp_path / Path(asset.path).suffix.lstrip(".") / Path(asset.path).name)
            files[-1].parent.mkdir(exist_ok=True)
            files[-1].write_bytes(asset.content)
    assert len(files) == 2
    for file in files:
        laid_out = pages(render([file], file.parent)[file.name])
        assert sum(f"({n})" in " ".join(page) for page in laid_out for n in range(tasks)) >= tasks
        assert len(laid_out[-1]) >= LAST_PAGE_LINES, (file.name, len(laid_out), laid_out[-1])
        for before, page in itertools.pairwise(laid_out):
            # The answer's lines may go on over the page; nothing else starts a page with a line.
            continued = re.fullmatch(r"_{20,}", before[-1]) or before[-1] == "Din besvarelse"
            assert continued or not re.fullmatch(r"_{20,}", page[0]), (file.name, page[:2])


def test_a_question_and_its_lines_are_one_paragraph_that_never_splits(built_site: Path, catalogue: Catalogue) -> None:
    entry = catalogue.programme("mentorordning-ledere")
    assert entry is not None
    folder = built_site / "programmer" / "mentorordning-ledere"
    document = docx.Document(str(folder / "kontrakt-mentorordning-ledere.docx"))
    for question in entry.programme.contract.goal_questions:
        paragraph = next(p for p in document.paragraphs if p.text.startswith(question))
        assert re.fullmatch(rf"{re.escape(question)}(\n_{{64}}){{3}}", paragraph.text)
        assert paragraph.paragraph_format.keep_together is True
        assert paragraph.paragraph_format.line_spacing is not None and paragraph.paragraph_format.line_spacing.pt == 23
    signature = next(p for p in document.paragraphs if p.text.startswith("Dato: "))
    assert signature.paragraph_format.keep_with_next is True  # the signature block stays together
    content = odt_member(folder / "kontrakt-mentorordning-ledere.odt", "content.xml")
    question = entry.programme.contract.goal_questions[0]
    style = re.search(rf'<text:p text:style-name="([^"]+)"><text:span[^>]*>{re.escape(question)}<', content)
    assert style is not None
    definition = re.search(
        rf'<style:style style:name="{style.group(1)}"[^>]*><style:paragraph-properties ([^>]*)/>', content
    )
    assert definition and 'fo:keep-together="always"' in definition.group(1)
