"""Calendars and documents, made and written in a second process while MkDocs renders the pages.

A thousand cohorts publish some 12,000 files (calendars, booklets, filled contracts
and homework sheets). Making them and writing them to disk is pure Python and file
system work that the pages do not wait for: only their names are needed, so links
can be checked. The names come from the one list of published files (published_files.py),
which the pages link and the worker makes; a worker process started with
`spawn` (never `fork`: `mkdocs serve` runs threads) loads the catalogue itself,
makes the files and writes them into the site folder, and the build waits for it
before it ends. A difference between the listed and the written names is a bug and
fails the build, as does any problem the worker meets.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..loading.catalogue import Catalogue
from ..loading.catalogue_cache import catalogue_for
from ..model.problems import Problem, ProblemsError
from ..outputs.converters import DocumentOptions, check_options
from ..outputs.documents import check_markers
from ..rendering.programme_pages import Asset
from ..rendering.published_files import published_files
from .contents import export_assets
from .offline import AddMember, offline_assets

WHERE = "macros/site/worker.py"  # where a problem of ours (not the user's) is reported


def asset_paths(catalogue: Catalogue) -> list[str]:
    """Every calendar and document the site publishes, relative to docs/, without making any."""
    return [file.path for file in published_files(catalogue)]


@dataclass
class AssetWriter:
    """The worker that makes and writes the assets of one build."""

    expected: list[str]
    future: Future[list[Problem]] | None = None
    pool: ProcessPoolExecutor | None = None

    def start(self, root: Path, options: DocumentOptions, site_dir: str) -> None:
        """Begin in the background; `finish()` waits for it."""
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self.future = self.pool.submit(write_assets, root, options, site_dir, self.expected)

    def finish(self) -> None:
        """Wait for the worker; raise ProblemsError if it could not make every file."""
        if self.future is None or self.pool is None:
            return
        try:
            problems = self.future.result()
        finally:
            self.pool.shutdown()
            self.future = self.pool = None
        if problems:
            raise ProblemsError(problems)


def check_assets(catalogue: Catalogue, options: DocumentOptions) -> None:
    """The checks that need no tools, before the build starts: options and the documents' marker."""
    check_options(options)
    check_markers(catalogue)


def inside(site_dir: str, path: str) -> bool:
    """True if `path` (relative, with /) stays inside the site folder, also after links are followed."""
    if os.path.isabs(path) or ".." in path.split("/") or "\\" in path:
        return False
    site = os.path.realpath(site_dir)
    return os.path.realpath(os.path.join(site, path)).startswith(site + os.sep)


def write_assets(root: Path, options: DocumentOptions, site_dir: str, expected: list[str]) -> list[Problem]:
    """In the worker: make every asset, write it under `site_dir`, and return any problems.

    Each file is written (and put into the offline copy) as soon as it is made and then let go:
    10,000 cohorts publish some 150,000 files, more than a gigabyte held at once.
    """
    outside = [path for path in expected if not inside(site_dir, path)]
    if outside:
        return [Problem(WHERE, 1, 1, "", f"filen ville havne uden for sitet: {outside[0]}")]
    try:
        catalogue = catalogue_for(root)  # the one `mentor build` loaded, if any
        with offline_assets(site_dir) as add_to_zip:
            unlisted, missing = _write_each(export_assets(catalogue, options), site_dir, set(expected), add_to_zip)
    except ProblemsError as exc:
        return list(exc.problems)
    if unlisted or missing:
        differ = sorted(unlisted | missing)[:5]
        return [Problem(WHERE, 1, 1, "", f"filerne passer ikke med listen over filer: {differ}")]
    return []


def _write_each(
    assets: Iterable[Asset], site_dir: str, listed: set[str], add_to_zip: AddMember
) -> tuple[set[str], set[str]]:
    """Write each asset that is on the list, once; the paths made that were not (or twice), and those never made.

    `listed` is used up: one set, not a second of the written paths, at 150,000 files.
    """
    unlisted = set()
    for asset in assets:
        if asset.path not in listed:
            unlisted.add(asset.path)  # never written: only listed paths were checked to stay inside the site
            continue
        listed.remove(asset.path)
        target = os.path.join(site_dir, asset.path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as stream:
            stream.write(asset.content)
        add_to_zip(asset.path, asset.content)
    return unlisted, listed
