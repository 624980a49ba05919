"""Converted pages kept between builds: a page whose Markdown, address and links are unchanged
is not converted from Markdown again.

Converting Markdown to HTML is half of a build: some 6 ms a page, and 1,000 cohorts have
3,000 pages. Between two runs of `make site` most pages are the same, so the adapter
(plugin.py) keeps what MkDocs' conversion gave for each page – the HTML, the table of
contents, the title, the anchors it holds and the anchors it links – in one SQLite file
beside the document cache, and uses it when the same conversion comes again.

"The same conversion" is exact, not a guess by date:
- the key is a hash of the page's final Markdown (after every plugin's changes), its source
  path and its address, the Markdown settings in mkdocs.yml and the versions of the
  packages that convert;
- the conversion also depends on other files: each link is looked up among the site's
  files. The entry records every lookup and its answer (the target's address, whether it
  is left out of the site), and is used only when every lookup gives the same answer now;
- a conversion that logged anything (a broken link, say) is never kept, so its message
  comes again in every build; `--strict` stops on it as before.

The entries are JSON, never pickle: a cache folder restored in CI must not be able to run code.
A cache that cannot be opened or read (locked, damaged) is left out and the build converts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

FILE_NAME = "pages.sqlite"
KEEP_DAYS = 14  # entries no build has used for this long are removed (as the documents' cache does)
DAY = 86400  # an entry's date of use is renewed at most once a day: a warm build then writes nothing
BATCH = 200  # new entries written together, each batch a short transaction
CONVERTERS = ("markdown", "mkdocs", "mkdocs-material", "pymdown-extensions")  # their versions are in the key
Answer = tuple[str, bool] | None  # a looked-up file's address and whether it is left out, or None: no such file


@dataclass
class Converted:
    """What converting one page gave: the HTML and what MkDocs learns from it."""

    html: str
    toc: list[Any]  # Python-Markdown's toc_tokens: dicts of level, id, name, children
    title: str | None
    anchors: list[str]  # anchors the page holds
    links: dict[str, dict[str, str]]  # linked file's source path → {anchor: link as written}
    lookups: dict[str, Answer] = field(default_factory=dict)  # path looked up → the answer then


def settings_digest(config: Any) -> str:
    """A stable hash of what in mkdocs.yml changes a conversion; functions count by their name, not address."""
    settings = {"extensions": config.markdown_extensions, "configs": config.mdx_configs}
    settings |= {"directory_urls": config.use_directory_urls, "validation": config.validation}
    text = json.dumps(settings, sort_keys=True, default=_named, ensure_ascii=False)
    versions = [_version(name) for name in CONVERTERS]
    return hashlib.sha256(json.dumps([text, versions]).encode()).hexdigest()


def _named(value: Any) -> Any:
    if isinstance(value, Mapping):  # MkDocs' nested settings (validation)
        return dict(value)
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{getattr(value, '__module__', '')}.{name}"


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


class PageCache:
    """The converted pages of earlier builds, in `folder`/pages.sqlite: the document cache's folder."""

    def __init__(self, folder: Path, settings: str, get_toc: Callable[[list[Any]], Any]) -> None:
        self.settings = settings
        self.get_toc = get_toc  # mkdocs.structure.toc.get_toc: only the adapter imports mkdocs
        self.logged = LogCounter()
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):  # MkDocs' own does not propagate
            logger.addHandler(self.logged)
        self.now = int(time.time())
        self.new: list[tuple[str, int, bytes]] = []  # written in small batches: the file stays free for others
        self.touched: list[tuple[int, str]] = []  # entries used again, their date renewed
        self.db: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / FILE_NAME, timeout=2, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")  # a preview and a build may read it at once
            self.db.execute("PRAGMA synchronous=NORMAL")  # a cache: a crash may lose the last entries
            self.db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, used INTEGER, data BLOB)")
        except (OSError, sqlite3.Error):
            self._give_up()

    def key(self, markdown: str, source: str, url: str) -> str:
        """The key of one conversion: the page's Markdown, where it lies and is published, the settings."""
        digest = hashlib.sha256(markdown.encode("utf-8", "surrogatepass"))
        digest.update(f"\0{source}\0{url}\0{self.settings}".encode())
        return digest.hexdigest()

    def render(self, page: Any, files: Any, convert: Callable[[RecordedLookups], None]) -> None:
        """What MkDocs' Page.render does to `page`: `convert(files)` does it, unless an earlier build did the same."""
        key = self.key(page.markdown or "", page.file.src_uri, page.file.url)
        kept = self.get(key, lambda path: answer_of(files.get_file_from_path(path)))
        if kept is not None:
            restore(page, kept, files, self.get_toc)
            return
        recorded, logged = RecordedLookups(files), self.logged.count
        convert(recorded)
        if self.logged.count == logged and not recorded.other:
            self.put(key, converted(page, recorded))

    def get(self, key: str, look_up: Callable[[str], Answer]) -> Converted | None:
        """The kept conversion for `key` if every link it looked up gives the same answer now."""
        found = self._read(key)
        if found is None or any(look_up(path) != answer for path, answer in found.lookups.items()):
            return None
        return found

    def put(self, key: str, converted: Converted) -> None:
        """Keep `converted` for the next build."""
        data = zlib.compress(json.dumps(_as_json(converted), ensure_ascii=False).encode("utf-8"), 1)
        self.new.append((key, self.now, data))
        if len(self.new) >= BATCH:
            self._save()

    def close(self, *, prune: bool) -> None:
        """Save what is left; `prune` (after a whole build) removes entries unused for KEEP_DAYS."""
        self._save()
        if prune:
            self._transaction("DELETE FROM pages WHERE used < ?", [(self.now - KEEP_DAYS * DAY,)])
        self._give_up()
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            logger.removeHandler(self.logged)

    def _read(self, key: str) -> Converted | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT used, data FROM pages WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            if row[0] < self.now - DAY:
                self.touched.append((self.now, key))
            return _from_json(json.loads(zlib.decompress(row[1])))
        except (sqlite3.Error, zlib.error, ValueError, KeyError, TypeError):
            return None  # a damaged entry is a miss; the conversion replaces it

    def _save(self) -> None:
        self._transaction("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", self.new)
        self._transaction("UPDATE pages SET used = ? WHERE key = ?", self.touched)
        self.new, self.touched = [], []

    def _transaction(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        if self.db is None or not rows:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(statement, rows)
            self.db.execute("COMMIT")
        except sqlite3.Error:  # another build holds the file: this one goes on without keeping
            self._give_up()

    def _give_up(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None


def _as_json(converted: Converted) -> dict[str, Any]:
    lookups = [[path, list(answer) if answer else None] for path, answer in converted.lookups.items()]
    return {**vars(converted), "lookups": lookups}


def _from_json(data: dict[str, Any]) -> Converted:
    lookups: dict[str, Answer] = {path: (str(a[0]), bool(a[1])) if a else None for path, a in data["lookups"]}
    return Converted(data["html"], data["toc"], data["title"], data["anchors"], data["links"], lookups)


class RecordedLookups:
    """Stands in for MkDocs' list of files during one conversion and notes each lookup and its answer."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.lookups: dict[str, Answer] = {}
        self.other = False  # True when the conversion used the files some other way: not kept then

    def get_file_from_path(self, path: str) -> Any:
        """The file at `path` (source path) or None, as MkDocs' Files gives it; noted."""
        file = self._files.get_file_from_path(path)
        self.lookups[path] = answer_of(file)
        return file

    def __getattr__(self, name: str) -> Any:
        self.other = True
        return getattr(self._files, name)


def answer_of(file: Any) -> Answer:
    """What a link's conversion learns from the file it looks up: its address and whether it is left out."""
    return None if file is None else (str(file.url), bool(file.inclusion.is_excluded()))


def converted(page: Any, recorded: RecordedLookups) -> Converted:
    """What MkDocs' conversion left on `page` (a mkdocs Page), to keep."""
    links = {file.src_uri: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()}
    anchors = sorted(page.present_anchor_ids or ())
    toc = [_token(link) for link in page.toc]
    return Converted(page.content or "", toc, page._title_from_render, anchors, links, recorded.lookups)


def _token(link: Any) -> dict[str, Any]:
    """A table-of-contents entry (mkdocs AnchorLink) back as the token MkDocs' get_toc makes it from."""
    return {"level": link.level, "id": link.id, "name": link.title, "children": [_token(c) for c in link.children]}


def restore(page: Any, kept: Converted, files: Any, get_toc: Callable[[list[Any]], Any]) -> None:
    """`page` as MkDocs' Page.render (mkdocs 1.6) would leave it, from a kept conversion."""
    page.content = kept.html
    page.toc = get_toc(kept.toc)
    page._title_from_render = kept.title
    page.present_anchor_ids = set(kept.anchors)
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:  # as MkDocs does
        linked = ((files.get_file_from_path(path), anchors) for path, anchors in kept.links.items())
        page.links_to_anchors = {file: anchors for file, anchors in linked if file is not None}


class LogCounter(logging.Handler):
    """Counts log records of level INFO and up: a conversion that logs something is never kept."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
