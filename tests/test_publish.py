"""The one list of published files (macros/rendering/published_files.py) against one small real build.

The files on disk, the files the plugin tells MkDocs about and the links on the pages are
exactly the list; a network cohort with homework gets its sheets; the agenda fits one page;
and a new document is one entry in the list.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import docx
import pytest
from bs4 import BeautifulSoup, Tag

from macros.loading.catalogue import Catalogue, load_catalogue
from macros.outputs.converters import DocumentOptions, default_cache_dir
from macros.outputs.documents import export_documents
from macros.rendering import published_files as listing
from macros.rendering.published_files import DOCUMENTS, Document, PublishedFile, published_files
from macros.site.contents import render_site
from macros.site.worker import asset_paths, write_assets
from tests.conftest import build_site, copy_project

ASSET_TYPES = {".ics", ".pdf", ".docx", ".odt"}
# One programme of each kind is enough: a group, a round of pairs and a network.
DROPPED = [
    "programmes/digitalt-netvaerk.yaml",
    "programmes/forloeb/2027/2027-digitalt-netvaerk-1.yaml",
    "programmes/forloeb/2027/2027-lederaspiranter-2.yaml",
    "programmes/forloeb/2027/2027-fungerende-ledere.yaml",
]
NETWORK = "programmer/fysisk-netvaerk/forloeb/2027-fysisk-netvaerk-1"
NETWORK_HOMEWORK = """\
    theme: Fra sag til politisk beslutning
    homework:
      title: En sag fra din hverdag
      tasks:
        - Vælg en sag, du arbejder med, og beskriv, hvem der skal sige ja, før den kan afgøres.
      questions:
        - Hvor i sagen var du mest i tvivl om, hvem der bestemmer?
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalogue]:
    """Three programmes and three cohorts, one network cohort with homework, built for real."""
    project = copy_project(tmp_path_factory.mktemp("small"))
    for name in DROPPED:
        (project / name).unlink()
    cohort = project / "programmes/forloeb/2027/2027-fysisk-netvaerk-1.yaml"
    text = cohort.read_text(encoding="utf-8")
    cohort.write_text(
        text.replace("    theme: Fra sag til politisk beslutning\n", NETWORK_HOMEWORK, 1), encoding="utf-8"
    )
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project, load_catalogue(project)


def page(site: Path, docs_path: str) -> Path:
    """The built HTML of `a/b/index.md` or `a/b/evaluering.md` (`a/b/evaluering/index.html`)."""
    return site / docs_path.removesuffix(".md").removesuffix("index") / "index.html"


def asset_links(site: Path, html: Path) -> dict[str, list[Tag]]:
    """The page's links to files, by the file's path in the site."""
    found: dict[str, list[Tag]] = {}
    for anchor in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("a[href]"):
        href = urlsplit(str(anchor["href"]))
        if not href.scheme and PurePosixPath(href.path).suffix in ASSET_TYPES:
            path = (html.parent / href.path).resolve().relative_to(site.resolve()).as_posix()
            found.setdefault(path, []).append(anchor)
    return found


def test_the_files_on_disk_and_in_mkdocs_are_the_list(small: tuple[Path, Catalogue]) -> None:
    project, catalogue = small
    declared = [file.path for file in published_files(catalogue)]
    on_disk = {
        path.relative_to(project / "site").as_posix()
        for path in (project / "site").rglob("*")
        if path.suffix in ASSET_TYPES and path.stat().st_size > 0
    }
    assert len(declared) == len(set(declared))
    assert set(declared) == on_disk
    assert asset_paths(catalogue) == declared  # what the plugin tells MkDocs to expect
    kinds = {file.kind for file in published_files(catalogue)}
    assert kinds == {"booklet", "document", "homework", "evaluation", "calendar", "coordinator_calendar"}


def linked_as_listed(file: PublishedFile, link: Tag) -> bool:
    """A download shows its format after »title – description:«; a calendar its name, then the description."""
    text = link.get_text(" ", strip=True)
    around = " ".join(link.parent.get_text(" ").split()) if link.parent else ""
    if file.kind in ("calendar", "coordinator_calendar"):
        return file.name in text and file.description in around
    item = link.find_parent("li")
    listed = item is not None and f"{file.title} – {file.description}:" in item.get_text(" ", strip=True)
    return text == file.format and (listed or file.kind == "evaluation")


def test_each_file_is_linked_from_its_page_with_its_text(small: tuple[Path, Catalogue]) -> None:
    project, catalogue = small
    site, pages = project / "site", dict[str, dict[str, list[Tag]]]()
    for file in published_files(catalogue):
        links = pages.setdefault(file.page, asset_links(site, page(site, file.page)))
        assert any(linked_as_listed(file, link) for link in links.get(file.path, [])), (file.page, file.name)
    assert len(pages) == 3 + 3 * 3  # each programme's page; each cohort's page, evaluation page and coordinator page


def test_every_file_a_page_links_is_on_the_list(small: tuple[Path, Catalogue]) -> None:
    project, catalogue = small
    site, declared = project / "site", {file.path for file in published_files(catalogue)}
    linked = {path for html in site.rglob("*.html") for path in asset_links(site, html)}
    assert linked - declared == set()
    assert len(linked) > 50


def test_a_network_cohort_with_homework_gets_its_sheet(small: tuple[Path, Catalogue]) -> None:
    project, catalogue = small
    sheets = [f for f in published_files(catalogue) if f.kind == "homework" and f.path.startswith(NETWORK)]
    assert [f.name for f in sheets] == [
        "hjemmeopgave-2-2027-fysisk-netvaerk-1.docx",
        "hjemmeopgave-2-2027-fysisk-netvaerk-1.odt",
    ]
    assert sheets[0].title == "Hjemmeopgave efter 2. netværksmøde"
    text = "\n".join(p.text for p in docx.Document(str(project / "site" / sheets[0].path)).paragraphs)
    assert "Stilles efter: 2. netværksmøde, torsdag 7. oktober 2027" in text
    assert "Hvem læser besvarelsen: kun proceskonsulenten" in text and "mentor" not in text.lower()
    calendar = next(f for f in published_files(catalogue) if f.name == "2027-fysisk-netvaerk-1-deltager.ics")
    assert calendar.description.endswith("samt fristerne for hjemmeopgaverne")
    assert "X-WR-CALNAME" in (project / "site" / calendar.path).read_text(encoding="utf-8")


def test_the_agenda_fits_one_page_in_libreoffice(small: tuple[Path, Catalogue], tmp_path: Path) -> None:
    project, catalogue = small
    agendas = [project / "site" / f.path for f in published_files(catalogue) if f.recipe.document == "dagsorden"]
    assert len(agendas) == 2 * 3  # each programme's agenda as DOCX and ODT
    for kind in ("docx", "odt"):
        files = [str(f) for f in agendas if f.suffix == f".{kind}"]
        command = ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless"]
        subprocess.run(
            [*command, "--convert-to", "pdf", "--outdir", str(tmp_path / kind), *files],
            timeout=300,
            capture_output=True,
            check=False,
        )
        for name in files:
            pdf = tmp_path / kind / f"{Path(name).stem}.pdf"
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            assert re.search(r"^Pages:\s+1$", info, re.M), (pdf.name, info)
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            assert "Aftaler til næste gang" in text and len(re.findall(r"_{20,}", text)) >= 6 + 3


def test_a_new_cohort_document_is_one_entry_in_the_list(
    small: tuple[Path, Catalogue], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CONTRIBUTING.md, »Et nyt dokument pr. forløb«: the entry (here with an existing template) is enough."""
    project, catalogue = small
    extra = Document("tjekliste", "Tjekliste", "documents/agenda.md.j2", filled="til tovholdernes første møde")
    monkeypatch.setattr(listing, "DOCUMENTS", (*DOCUMENTS, extra))
    new = [f for f in published_files(catalogue) if f.recipe.document == "tjekliste"]
    assert sorted(f.name for f in new) == sorted(
        f"tjekliste-{c.id}.{kind}" for c in catalogue.cohorts for kind in ("docx", "odt")
    )
    cohort_pages = {p.path: p.markdown for p in render_site(catalogue).pages}
    for file in new:
        assert "- **Tjekliste** – til tovholdernes første møde: " in cohort_pages[file.page]
        assert f"]({file.name})" in cohort_pages[file.page]
    made = {
        asset.path: asset.content
        for asset in export_documents(catalogue, DocumentOptions(cache_dir=default_cache_dir(project)))
    }
    assert {f.path for f in new} <= set(made)
    entry = catalogue.cohorts[0]
    path = next(f.path for f in new if f.path.endswith(f"tjekliste-{entry.id}.docx"))
    (project / "copy.docx").write_bytes(made[path])
    assert docx.Document(str(project / "copy.docx")).core_properties.title == f"Tjekliste – {entry.cohort.name}"


def test_the_worker_refuses_a_list_that_differs_from_what_it_makes(
    small: tuple[Path, Catalogue], tmp_path: Path
) -> None:
    """A file on the list that no writer makes, and a file made that is not on it, are a bug of ours:
    the build stops and names them (the worker checks each file as it writes it, not a second list)."""
    project, catalogue = small
    listed = asset_paths(catalogue)
    dropped, invented = listed[-1], "programmer/gruppementor/findes-ikke.pdf"
    options = DocumentOptions(cache_dir=default_cache_dir(project))
    problems = write_assets(project, options, str(tmp_path / "site"), [*listed[:-1], invented])
    differ = sorted([dropped, invented])
    assert [p.message for p in problems] == [f"filerne passer ikke med listen over filer: {differ}"]
    assert (tmp_path / "site" / listed[0]).is_file() and not (tmp_path / "site" / dropped).exists()
