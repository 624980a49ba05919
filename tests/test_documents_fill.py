"""Filling the masters in Python, and the content-hash cache that keeps rebuilds cheap."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from macros.loading.catalogue import load_catalogue
from macros.model.problems import ProblemsError
from macros.outputs.booklets import PART
from macros.outputs.converters import DocumentOptions, default_cache_dir, pandoc, reference_path
from macros.outputs.documents import export_documents
from macros.outputs.fill import fill_document, split_document, token
from tests.conftest import ROOT, copy_project

MARKDOWN = f"""# Prøve

**Forløb:** {token("forloeb")}

{token("moede")}

Slut.
"""


def make(markdown: str, kind: str) -> bytes:
    """The real pandoc with our A4 reference document."""
    return pandoc(markdown, kind, [f"--reference-doc={reference_path(kind)}"])


@pytest.fixture(scope="module")
def masters() -> dict[str, bytes]:
    """A tiny master in both formats."""
    return {kind: make(MARKDOWN, kind) for kind in ("docx", "odt")}


def texts(data: bytes, kind: str) -> list[str]:
    if kind == "docx":
        return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")
    found = re.findall(r"<text:[ph]\b[^>]*>(.*?)</text:[ph]>", content)
    return [re.sub(r"<[^>]+>", "", t).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") for t in found]


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_list_value_repeats_its_paragraph_and_text_is_escaped(masters: dict[str, bytes], kind: str) -> None:
    filled = fill_document(masters[kind], kind, {"forloeb": "Hold A & B <1>", "moede": ["1. møde", "2. møde"]})
    assert texts(filled, kind) == ["Prøve", "Forløb: Hold A & B <1>", "1. møde", "2. møde", "Slut."]


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_empty_list_removes_the_paragraph(masters: dict[str, bytes], kind: str) -> None:
    filled = fill_document(masters[kind], kind, {"forloeb": "Hold A", "moede": []})
    assert texts(filled, kind) == ["Prøve", "Forløb: Hold A", "Slut."]


def test_a_placeholder_without_value_is_an_error(masters: dict[str, bytes]) -> None:
    with pytest.raises(ValueError, match="pladsholderen »moede« fik ingen værdi"):
        fill_document(masters["docx"], "docx", {"forloeb": "Hold A"})


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_one_run_is_cut_into_documents_with_their_own_text(kind: str) -> None:
    markdown = f"# Første\n\n- et punkt\n\n{PART}\n\n# Anden\n\nTekst.\n\n{PART}\n\n# Tredje\n"
    parts = split_document(make(markdown, kind), kind, PART)
    assert [texts(part, kind) for part in parts] == [["Første", "et punkt"], ["Anden", "Tekst."], ["Tredje"]]
    if kind == "docx":
        assert all(docx.Document(io.BytesIO(part)).sections[0].page_width is not None for part in parts)


def test_filled_odt_keeps_mimetype_first_and_uncompressed(masters: dict[str, bytes]) -> None:
    filled = fill_document(masters["odt"], "odt", {"forloeb": "x", "moede": ["y"]})
    with zipfile.ZipFile(io.BytesIO(filled)) as odt:
        first = odt.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert odt.testzip() is None


def test_cache_reuses_results_and_remakes_only_what_changed(built_site: Path, tmp_path: Path) -> None:
    """The session's build filled the shared cache; the same inputs find every result there."""
    cache = tmp_path / "cache"
    shutil.copytree(default_cache_dir(ROOT), cache)  # MENTOR_CACHE_DIR, set by conftest
    project = copy_project(tmp_path / "project")
    options = DocumentOptions(cache_dir=cache)
    before = set(cache.glob("*.bin"))
    first = {o.path: o.content for o in export_documents(load_catalogue(project), options)}
    assert set(cache.glob("*.bin")) == before  # nothing made again
    assert first == {o: (built_site / o).read_bytes() for o in first}  # the very files the site publishes

    source = project / "programmes" / "mentorordning-ledere.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("name: ", "name: Nye ", 1), encoding="utf-8")
    changed = {o.path: o.content for o in export_documents(load_catalogue(project), options)}
    made = set(cache.glob("*.bin")) - before
    own = [p for p in changed if p.startswith("programmer/mentorordning-ledere/")]
    # A new entry for each of the programme's files (booklets, blank and cohort copies) and
    # for its three pandoc runs: the chapters, the DOCX and the ODT documents.
    assert len(made) == len(own) + 3
    assert all(changed[p] == first[p] for p in first if p.startswith("programmer/gruppementor/"))


def test_our_marker_cannot_come_from_a_programme_text(tmp_path: Path) -> None:
    """The old marker »§§del§§« is plain text now; the new one is refused where files load."""
    project = copy_project(tmp_path)
    source = project / "programmes" / "gruppementor.yaml"
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("name: ", "name: §§del§§ ", 1), encoding="utf-8")
    assert load_catalogue(project).programme("gruppementor").programme.name.startswith("§§del§§ ")  # type: ignore[union-attr]
    for written in (r"\uFDD0del\uFDD0", "&#xFDD0;del&#xFDD0;", r"\\\\&#xFDD0;del"):
        source.write_text(original.replace("name: ", f'name: "{written}" # ', 1), encoding="utf-8")
        with pytest.raises(ProblemsError) as caught:
            load_catalogue(project)
        assert "der ikke er et bogstav eller tegn i nogen skrift (U+FDD0)" in str(caught.value)
