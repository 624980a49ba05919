"""`make serve` (`mkdocs serve --dirty`) makes again only what an edit changed (macros/site/serve_dirty.py).

One real server on 127.0.0.1 for the module. Its site folder is the one `mkdocs_*` folder
in the TMPDIR the test gives it, so what a rebuild wrote is read from the files' times.
Every test waits until the page shows its edit (the server answers only between builds),
so the next test starts on a finished build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.loading.catalogue import load_catalogue
from macros.outputs.converters import DocumentOptions
from macros.site.serve_dirty import Inputs, read_inputs
from macros.site.serve_error import unexpected_problem
from macros.site.worker import AssetWriter, asset_paths
from tests.conftest import copy_project
from tests.test_serve import _free_port, _page, _shows

COHORT_FILE = "programmes/forloeb/2027/2027-lederaspiranter-1.yaml"
COHORT_FOLDER = "programmer/gruppementor/forloeb/2027-lederaspiranter-1/"
NEW_COHORT_FILE = "programmes/forloeb/2027/2027-nyt-hold.yaml"
NEW_COHORT_FOLDER = "programmer/gruppementor/forloeb/2027-nyt-hold/"
OTHER_PROGRAMME = "programmer/mentorordning-ledere/"
# Written by MkDocs and Material at every build: the 404 page, the sitemap and the search index.
# The news feed holds the build's time when there is no git history (the copied project has none).
EVERY_BUILD = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "nyt.xml"}


@dataclass
class Preview:
    """The running server: its project, address and TMPDIR."""

    project: Path
    base: str
    temp: Path

    def files(self) -> dict[str, int]:
        """Every file in the site folder and when it was last written."""
        site = next(self.temp.glob("mkdocs_*"))
        return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}

    def edit(self, path: str, old: str, new: str) -> str:
        """Replace the first `old` in a project file; return the text before."""
        file = self.project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, old
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
        return text


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    project = copy_project(tmp_path_factory.mktemp("serve-dirty"))
    temp = tmp_path_factory.mktemp("serve-tmp")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    preview = Preview(project, f"http://127.0.0.1:{port}/mentorhaandbog/", temp)
    try:
        assert _shows(preview.base + COHORT_FOLDER, "Lederaspiranter", 180), "serve did not start"
        yield preview
    finally:
        server.terminate()
        server.wait(timeout=10)


def _no_longer_shows(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _page(url)
        if page and text not in page:
            return True
        time.sleep(0.3)
    return False


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {path for path, written in after.items() if before.get(path) != written}


def test_a_cohort_edit_renders_that_cohorts_page_and_makes_its_files_only(preview: Preview) -> None:
    before = preview.files()
    preview.edit(COHORT_FILE, "\ndescription: >-\n", "\ndescription: >-\n  Markering af en rettelse.\n")
    assert _shows(preview.base + COHORT_FOLDER, "Markering af en rettelse.", 120), "the edit did not show"
    changed = rewritten(before, preview.files()) - EVERY_BUILD
    assert {path for path in changed if path.endswith(".html")} == {f"{COHORT_FOLDER}index.html"}
    assert all(path.startswith(COHORT_FOLDER) for path in changed), changed  # no other cohort's files
    own_files = {path for path in before if path.startswith(COHORT_FOLDER) and not path.endswith(".html")}
    assert any(path.endswith(".ics") for path in own_files) and own_files <= changed  # its files made again


def test_an_error_saved_in_a_cohort_file_shows_at_its_line_and_the_fix_brings_the_page_back(
    preview: Preview,
) -> None:
    # Only this file is loaded again (macros/site/serve_reload.py): its error must still reach the page.
    good = preview.edit(COHORT_FILE, "end: 2027-06-15", "end: 2027-13-40")
    assert good.splitlines()[10] == "end: 2027-06-15"  # line 11
    cohort_page = preview.base + COHORT_FOLDER
    assert _shows(cohort_page, "Programmerne kan ikke bygges", 120), "no error page"
    shown = _page(cohort_page)
    assert f"<code>{COHORT_FILE}:11:" in shown and "<code>end</code>" in shown
    fixed = good.replace("\ndescription: >-\n", "\ndescription: >-\n  Rettet efter fejlen.\n", 1)
    (preview.project / COHORT_FILE).write_text(fixed, encoding="utf-8")
    assert _shows(cohort_page, "Rettet efter fejlen.", 120), "the page did not come back after the fix"
    assert "kan ikke bygges" not in _page(preview.base)


def test_a_new_name_in_the_navigation_or_a_shared_text_rebuilds_every_page(preview: Preview) -> None:
    preview.edit("programmes/gruppementor.yaml", "name: Gruppementorordning", "name: Gruppementor med nyt navn")
    # The menu of every page names each programme: a page of another programme has the new name too.
    assert _shows(preview.base + OTHER_PROGRAMME, "Gruppementor med nyt navn", 120), "the menu kept the old name"
    assert "Gruppementor med nyt navn" in _page(preview.base + "programmer/fysisk-netvaerk/")
    before = preview.files()
    preview.edit("programmes/_faelles.yaml", "Mentorskab handler om", "Fælles markering: Mentorskab handler om")
    assert _shows(preview.base + OTHER_PROGRAMME, "Fælles markering", 120), "the shared text did not show"
    after = preview.files()
    pages = [path for path in before if path.endswith(".html")]
    assert len(pages) > 50 and all(after[path] != before[path] for path in pages)


def test_a_failure_while_making_documents_shows_the_error_page_until_it_is_fixed(preview: Preview) -> None:
    # Loading accepts an emoji in a name, but no font of the booklets has it: Typst fails in the worker.
    good = preview.edit("programmes/gruppementor.yaml", "\nname: ", "\nname: Smil 🙂 ")
    cohort_page = preview.base + COHORT_FOLDER
    assert _shows(cohort_page, "Håndbogen kan ikke bygges", 120), "no error page (or a preview that hangs)"
    shown = _page(cohort_page)
    assert 'lang="da"' in shown and "Kalendere og dokumenter kan ikke laves" in shown
    # The booklet's failure is named at the text that caused it (outputs/booklet_errors.py), in Danish.
    assert "<code>programmes/gruppementor.yaml:" in shown and "har ikke tegnet »🙂«" in shown
    assert "Håndbogen kan ikke bygges" in _page(preview.base)  # every address, also the front page
    (preview.project / "programmes/gruppementor.yaml").write_text(good, encoding="utf-8")
    assert _shows(cohort_page, "Lederaspiranter, hold 1", 120), "the page did not come back after the fix"
    assert "Håndbogen kan ikke bygges" not in _page(preview.base)


def test_an_exception_while_writing_one_cohorts_files_shows_where_it_happened(preview: Preview) -> None:
    folder = "programmer/gruppementor/forloeb/2027-lederaspiranter-2/"
    site = next(preview.temp.glob("mkdocs_*"))
    calendar = next((site / folder).glob("*.ics"))
    calendar.unlink()
    calendar.mkdir()  # a folder where the rebuild must write the cohort's calendar: the writer fails
    cohort_file = "programmes/forloeb/2027/2027-lederaspiranter-2.yaml"
    good = preview.edit(cohort_file, "\ndescription: >-\n", "\ndescription: >-\n  Endnu en markering.\n")
    assert _shows(preview.base + folder, "Kalendere og dokumenter kan ikke laves", 120), "no error page"
    shown = _page(preview.base + folder)
    assert "IsADirectoryError" in shown and re.search(r"<code>macros/[a-z_/]+\.py:\d+:1</code>", shown)
    (preview.project / cohort_file).write_text(good, encoding="utf-8")  # any save: everything is made again
    assert _shows(preview.base + folder, "Lederaspiranter, hold 2", 120), "the page did not come back"
    assert calendar.is_file()


def test_after_a_cohort_is_renamed_the_search_index_holds_every_page_once(preview: Preview) -> None:
    """Its page, its programme's list and its own pages change: Material's search alone would drop
    the programme's other cohorts (macros/site/serve_dirty.py, mend_search_index)."""
    site = next(preview.temp.glob("mkdocs_*"))

    def index() -> list[dict[str, str]]:
        return list(json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"])

    pages = sorted(entry["location"] for entry in index() if "#" not in entry["location"])
    preview.edit("programmes/forloeb/2027/2027-fungerende-ledere.yaml", "\nname: ", "\nname: Omdøbt hold, ")
    assert _shows(preview.base + "programmer/gruppementor/forloeb/", "Omdøbt hold, ", 120), "the list did not change"
    after = index()
    assert sorted(entry["location"] for entry in after if "#" not in entry["location"]) == pages
    own = [e for e in after if e["location"] == "programmer/gruppementor/forloeb/2027-fungerende-ledere/"]
    assert len(own) == 1 and own[0]["title"].startswith("Omdøbt hold, ")


def test_a_new_cohort_file_makes_only_its_own_pages_and_its_removal_takes_them_away(preview: Preview) -> None:
    before = preview.files()
    text = (preview.project / COHORT_FILE).read_text(encoding="utf-8")
    (preview.project / NEW_COHORT_FILE).write_text(text.replace("\nname: ", "\nname: Nyt hold, ", 1), encoding="utf-8")
    assert _shows(preview.base + NEW_COHORT_FOLDER, "Nyt hold, ", 120), "the new cohort's page did not come"
    changed = rewritten(before, preview.files()) - EVERY_BUILD
    lists = {"programmer/gruppementor/forloeb/index.html", "tovholdere/index.html"}  # the lists that name it
    assert {p for p in changed if not p.startswith(NEW_COHORT_FOLDER)} <= lists, changed  # no full rebuild
    made = {p for p in changed if p.startswith(NEW_COHORT_FOLDER)}
    assert {f"{NEW_COHORT_FOLDER}index.html", f"{NEW_COHORT_FOLDER}evaluering/index.html"} <= made
    assert any(p.endswith(".ics") for p in made) and any(p.endswith(".docx") for p in made)

    (preview.project / NEW_COHORT_FILE).unlink()
    assert _no_longer_shows(preview.base + "programmer/gruppementor/forloeb/", "Nyt hold, ", 120)
    assert not [p for p in preview.files() if p.startswith(NEW_COHORT_FOLDER)]  # no page or file left behind
    site = next(preview.temp.glob("mkdocs_*"))
    assert not (site / NEW_COHORT_FOLDER).exists()
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [entry for entry in index if entry["location"].startswith(NEW_COHORT_FOLDER)]
    assert any(entry["location"].startswith(COHORT_FOLDER) for entry in index)  # the others stay


def test_an_exception_in_the_worker_process_names_the_worker_line_where_it_happened(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    catalogue = load_catalogue(project)
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the document cache must be a folder", encoding="utf-8")
    writer = AssetWriter(asset_paths(catalogue))
    writer.start(project, DocumentOptions(cache_dir=blocked), str(tmp_path / "site"))
    with pytest.raises(OSError) as caught:
        writer.finish()
    problem = unexpected_problem(caught.value)
    assert problem.file == "macros/outputs/converters.py" and problem.line > 1  # in the worker, not in finish()
    assert "værktøjet stødte på en uventet fejl" in problem.message and type(caught.value).__name__ in problem.message


def test_a_cohort_edit_changes_only_its_own_digest_and_anything_else_the_whole(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    folders = [str(project / "docs"), str(project / "overrides")]

    def read() -> Inputs:
        return read_inputs(project, str(project / "mkdocs.yml"), folders, "http://127.0.0.1:8000/")

    first = read()
    cohort = project / COHORT_FILE
    cohort.write_text(cohort.read_text(encoding="utf-8") + "\n# en kommentar\n", encoding="utf-8")
    second = read()
    assert second.world == first.world
    assert {s for s, digest in second.cohorts.items() if first.cohorts[s] != digest} == {COHORT_FILE}
    for path in ["programmes/_faelles.yaml", "docs/ordliste.md", "overrides/main.html", "mkdocs.yml"]:
        before = read().world
        (project / path).write_text((project / path).read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert read().world != before, path
    before = read()
    (project / NEW_COHORT_FILE).write_text(cohort.read_text(encoding="utf-8"), encoding="utf-8")
    after = read()  # a new cohort file alone is a cohort edit (DirtyBuilds.begin decides what it changes)
    assert after.world == before.world and set(after.cohorts) - set(before.cohorts) == {NEW_COHORT_FILE}
