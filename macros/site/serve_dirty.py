"""`make serve` (`mkdocs serve --dirty`): after a cohort edit, only what changed is made again.

In MkDocs' dirty mode a page is rendered only when its file says it was modified
(`File.is_modified()`). For the pages the plugin makes, this module answers that: a page
is modified when its Markdown differs from the previous build's (macros/site/plugin.py). That
holds only while nothing else changed, so a change to anything besides the cohort files –
mkdocs.yml, the shared texts and programme files, the hand-written pages in docs/, the
theme overrides, our templates and resources, the git commit (the pages' dates and the
news), the navigation, or a page that comes or goes with no changed cohort file behind
it – makes the next build a full one: the plugin empties the site folder and everything
is made again. So does a build that failed or showed the error page.

A cohort file that is added or removed is a cohort edit too: its pages and files come, or
go together with the folders they leave empty (DirtyBuilds.settle), as do the files an
edited cohort no longer has. After an edit of cohort files only, the unchanged cohorts'
pages and published file names are kept from the previous build instead of made again
(rendering them is most of a build's own time at 1,000 cohorts), only the changed cohort
files are loaded again (macros/site/serve_reload.py), and only the changed cohorts'
calendars and documents are made, in this process: the worker of a full build
(macros/site/worker.py) would load everything again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import posixpath
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from ..loading.catalogue import PROGRAMMES_DIR, Catalogue
from ..loading.cohorts import cohort_files
from ..loading.history import History, scan_history
from ..model.problems import Problem, ProblemsError
from ..outputs.cohort_calendars import export_cohort_calendars, export_coordinator_calendars
from ..outputs.converters import DocumentOptions
from ..outputs.documents import cohort_documents
from ..rendering.news import RECENT, is_text
from ..rendering.programme_pages import Asset, Page
from ..rendering.site_paths import cohort_folder
from .contents import SiteOutput
from .serve_reload import CohortReuse
from .worker import asset_paths, inside

PACKAGE = Path(__file__).parent.parent
SHARED_FOLDERS = (PACKAGE / "templates", PACKAGE / "resources")  # every page and document is made with them
GIT_TIMEOUT = 10
SEARCH_INDEX = "search/search_index.json"  # written by Material's search plugin


@dataclass(frozen=True)
class Inputs:
    """What a build is made from: one digest of everything but the cohort files, and one per cohort file."""

    world: str
    cohorts: Mapping[str, str]  # cohort file, relative to the root → digest of its text


def read_inputs(root: Path, config_file: str, folders: Iterable[str], settings: str) -> Inputs:
    """The digests, read before the catalogue is loaded: an edit made meanwhile is new to the next build.

    `folders`: docs/ and the theme's overrides; `settings`: anything else from mkdocs.yml
    that may differ between builds (the site's address).
    """
    paths = [Path(config_file), *sorted((root / PROGRAMMES_DIR).glob("*.yaml"))]
    for folder in [*map(Path, folders), *SHARED_FOLDERS]:
        paths += sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    world = hashlib.sha256(settings.encode())
    for path in paths:  # size and time: any save counts as a change, even of the same text
        stat = path.stat()
        world.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    cohorts = {p.relative_to(root).as_posix(): _digest(p.read_bytes()) for p in cohort_files(root)}
    world.update(git_head(root).encode())  # not the list of cohort files: one may be added or removed alone
    return Inputs(world.hexdigest(), cohorts)


def git_head(root: Path) -> str:
    """The checked-out commit ("" outside git): a new commit changes the pages' dates and the news."""
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", "replace").strip()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class DirtyBuilds:
    """What `mkdocs serve --dirty` remembers of the previous build, and what the current one must make."""

    inputs: Inputs | None = None  # None: the next build is a full one
    nav: str = ""
    paths: dict[str, str | None] = field(default_factory=dict)  # each generated page → the file it is made from
    written: set[str] = field(default_factory=set)  # every file of the previous build, relative to the site
    urls: set[str] = field(default_factory=set)  # every page's address in the previous build
    gone: set[str] = field(default_factory=set)  # pages' addresses the previous build had and this one has not
    pages: dict[str, str | bytes] = field(default_factory=dict)  # generated file → its content
    cohort_pages: dict[str, list[Page]] = field(default_factory=dict)  # cohort file → its pages
    cohort_files: dict[str, list[str]] = field(default_factory=dict)  # cohort file → its published files
    programme_files: list[str] = field(default_factory=list)  # published files of no cohort
    scanned: History | None = None  # the last pass over git
    search: list[dict[str, object]] = field(default_factory=list)  # the search index's entries
    full: bool = True
    changed: frozenset[str] = frozenset()  # in a rebuild that is not full: the cohort files that changed
    loader: CohortReuse = field(default_factory=CohortReuse)  # macros/serve_reload.py

    def load(self, root: Path, inputs: Inputs) -> Catalogue:
        """The catalogue, with only the changed cohort files loaded again when nothing else changed."""
        return self.loader.load(root, inputs.world, dict(inputs.cohorts))

    def kept_pages(self, inputs: Inputs) -> dict[str, list[Page]]:
        """The previous pages of each unchanged cohort, if nothing but cohort files has changed."""
        if self.inputs is None or self.inputs.world != inputs.world:
            return {}
        same = {source for source, digest in inputs.cohorts.items() if self.inputs.cohorts.get(source) == digest}
        return {source: pages for source, pages in self.cohort_pages.items() if source in same}

    def begin(self, inputs: Inputs, catalogue: Catalogue, output: SiteOutput) -> bool:
        """Decide what this build makes, remember its pages; True for a full build."""
        previous, self.inputs = self.inputs, inputs
        nav, self.nav = self.nav, repr(output.nav)
        paths, self.paths = self.paths, {page.path: page.source for page in output.pages}
        before = {} if previous is None else previous.cohorts
        self.changed = frozenset(s for s, digest in inputs.cohorts.items() if before.get(s) != digest)
        # Pages may come and go only with cohort files that were added, edited or removed (settle() removes
        # what is left of them); any other page that comes or goes makes a full build.
        coming_and_going = self.changed | (before.keys() - inputs.cohorts.keys())
        moved = [
            p for p in paths.keys() ^ self.paths.keys() if (paths.get(p) or self.paths.get(p)) not in coming_and_going
        ]
        self.full = previous is None or previous.world != inputs.world or nav != self.nav or bool(moved)
        sources = {entry.source for entry in catalogue.cohorts}
        self.cohort_pages = {}
        for page in output.pages:
            if page.source in sources:
                self.cohort_pages.setdefault(page.source, []).append(page)
        return self.full

    def settle(self, site_dir: str, written: set[str], urls: set[str]) -> None:
        """Before MkDocs writes: remove what the previous build wrote and this one will not (the pages and files
        of a removed cohort, a file an edited cohort no longer has); `written` holds every file, `urls` every page."""
        stale, self.written = self.written - written, written
        self.gone, self.urls = self.urls - urls, urls
        if self.full:
            return  # the plugin has emptied the folder
        for path in sorted(stale):
            self.pages.pop(path, None)
            if inside(site_dir, path):
                _remove_with_empty_folders(site_dir, path)

    def unchanged(self, path: str, content: str | bytes) -> bool:
        """True if a generated file is as in the previous build, which wrote it (never in a full build)."""
        before, self.pages[path] = self.pages.get(path), content
        return not self.full and before == content  # kept pages are the same objects: compared at once

    def history(self, root: Path, wanted: set[str]) -> History:
        """The pages' dates and the news from one pass over git (macros/history.py); after a cohort edit
        the previous pass, with the edited files' times, as scan_history gives a file with changes."""
        if self.full or self.scanned is None:
            self.scanned = scan_history(root, wanted, recent=RECENT, news=is_text)
            return self.scanned
        for source in self.changed:  # the commit is the same, or the build would be a full one
            changed = dt.datetime.fromtimestamp((root / source).stat().st_mtime)
            self.scanned.last[source] = changed.astimezone()
        return self.scanned

    def mend_search_index(self, site_dir: str) -> None:
        """Under `--dirty` Material's search adds a rebuild's pages to the previous index, but as if
        one page had changed: it drops every page below the first one's address (a programme's
        cohorts, when its list changed too) and keeps the old entries of the others. Here each
        page keeps only its newest entries, and a page that went missing gets its entries back."""
        path = Path(site_dir, SEARCH_INDEX)
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        if not self.full:
            newest = [entry for entry in _newest_entries(index["docs"]) if _page_of(entry) not in self.gone]
            present = self.gone | {_page_of(entry) for entry in newest}
            index["docs"] = newest + [entry for entry in self.search if _page_of(entry) not in present]
            path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
        self.search = index["docs"]

    def forget(self) -> None:
        """The site folder no longer holds the previous build (failed, or the error page): build all next time."""
        self.inputs, self.full = None, True
        self.loader.forget()

    def published(self, catalogue: Catalogue) -> list[str]:
        """Every file the site publishes, as publish.asset_paths; unchanged cohorts' names are kept."""
        if self.full:
            return self._group(catalogue, asset_paths(catalogue))
        for entry in catalogue.cohorts:
            if entry.source in self.changed or entry.source not in self.cohort_files:
                alone = replace(catalogue, cohorts=[entry])
                self.cohort_files[entry.source] = sorted(set(asset_paths(alone)) - set(self.programme_files))
        return self.programme_files + [p for e in catalogue.cohorts for p in self.cohort_files[e.source]]

    def _group(self, catalogue: Catalogue, paths: list[str]) -> list[str]:
        """Remember which cohort each published file belongs to (its folder), and return the paths."""
        folders = {cohort_folder(entry): entry.source for entry in catalogue.cohorts}
        self.cohort_files = {entry.source: [] for entry in catalogue.cohorts}
        self.programme_files = []
        for path in paths:
            folder = posixpath.dirname(path)
            while folder and folder not in folders:
                folder = posixpath.dirname(folder)
            (self.cohort_files[folders[folder]] if folder else self.programme_files).append(path)
        return paths

    def cohort_assets(self, catalogue: Catalogue) -> CohortAssets:
        """The writer for the changed cohorts' files, in place of the full build's worker."""
        expected = self.published(catalogue)
        wanted = {path for source in self.changed for path in self.cohort_files.get(source, [])}
        return CohortAssets(expected, catalogue, self.changed, wanted)


def _remove_with_empty_folders(site_dir: str, path: str) -> None:
    """Remove the file `path` (relative to the site), then each folder above it that is left empty."""
    target = os.path.join(site_dir, path)
    if os.path.isfile(target):
        os.unlink(target)
    folder = os.path.dirname(path)
    while folder and os.path.isdir(os.path.join(site_dir, folder)) and not os.listdir(os.path.join(site_dir, folder)):
        os.rmdir(os.path.join(site_dir, folder))
        folder = os.path.dirname(folder)


def _page_of(entry: Mapping[str, object]) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]


def _newest_entries(entries: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each page's last run of entries: a page's entries are added together, the newest last."""
    runs: dict[str, list[dict[str, object]]] = {}
    previous = None
    for entry in entries:
        page = _page_of(entry)
        if page != previous:
            runs[page] = []  # a later run of the same page replaces the earlier one
            previous = page
        runs[page].append(entry)
    return [entry for run in runs.values() for entry in run]


@dataclass
class CohortAssets:
    """The calendars and documents of the changed cohorts, made and written in this process."""

    expected: list[str]  # every file the site publishes, for MkDocs' link checks
    catalogue: Catalogue
    sources: frozenset[str]
    wanted: set[str]  # the changed cohorts' files
    options: DocumentOptions | None = None
    site_dir: str = ""

    def start(self, root: Path, options: DocumentOptions, site_dir: str) -> None:
        """Nothing runs in the background: one cohort's files take well under a second."""
        self.options, self.site_dir = options, site_dir

    def finish(self) -> None:
        """Make and write the files; ProblemsError if one cannot be made or does not fit the list."""
        if not self.sources or self.options is None:
            return
        made = cohort_assets(self.catalogue, self.options, self.sources)
        written = {asset.path for asset in made}
        wrong = sorted(written ^ self.wanted) + [a.path for a in made if not inside(self.site_dir, a.path)]
        if wrong:
            message = f"filerne passer ikke med listen over filer: {wrong[:5]}"
            raise ProblemsError([Problem("macros/serve_dirty.py", 1, 1, "", message)])
        write_files(self.site_dir, made)


def cohort_assets(catalogue: Catalogue, options: DocumentOptions, sources: frozenset[str]) -> list[Asset]:
    """The published files made from the cohort files in `sources`, as site.export_assets makes them.

    A kind of file added there but not here shows as a difference from the list of files.
    """
    cohorts = [entry for entry in catalogue.cohorts if entry.source in sources]
    slugs = {entry.programme for entry in cohorts}
    alone = replace(catalogue, cohorts=cohorts, programmes=[p for p in catalogue.programmes if p.slug in slugs])
    made = [*export_cohort_calendars(alone), *export_coordinator_calendars(alone), *cohort_documents(alone, options)]
    return [asset for asset in made if asset.source in sources]


def write_files(site_dir: str, assets: list[Asset]) -> None:
    """Write each file under the site folder (the paths are checked with publish.inside first)."""
    for asset in assets:
        target = os.path.join(site_dir, asset.path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as stream:
            stream.write(asset.content)


class TemplateCache(BytecodeCache):
    """The theme's compiled templates, kept between rebuilds (0.3 s each); Jinja checks them against the source."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """The compiled template, if there is one; Jinja compiles it anew when its source has changed."""
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template Jinja has compiled."""
        self.code[bucket.key] = bucket.bytecode_to_string()


def quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """A logging filter: MkDocs warns at every dirty build that links may go stale; the plugin builds
    everything whenever they could."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
