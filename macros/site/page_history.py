"""»Sidst ændret« on every page and »Nyt i håndbogen« with its feed, from one pass over git.

The adapter (plugin.py) hands over MkDocs' list of files for the news; this module only reads
it (`documentation_pages()`, `get_file_from_path()`, a file's `src_uri`, `url`, `generated_by`
and `content_string`), so it needs no import of mkdocs. `mentor export-docs` shares `scan_pages`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loading.catalogue import Catalogue
from ..loading.history import History, changed_meta, last_changed, scan_history
from ..rendering.news import RECENT, is_text, render_news
from .contents import nav_titles

Scan = Callable[[Path, set[str]], History]  # (project root, files wanted) → their history


@dataclass
class PageHistory:
    """When each page's sources last changed, and the recent changes for the news page."""

    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)  # page src_uri → files it is made from
    last: dict[str, Any] = field(default_factory=dict)  # file → when it last changed
    recent: list[Any] = field(default_factory=list)  # the newest changes, for »Nyt i håndbogen«
    docs: str = "docs"  # the docs folder, relative to the project root

    def changed(self, page: str) -> dict[str, str] | None:
        """The page's »Sidst ændret« as page meta (macros/loading/history.py)."""
        return changed_meta(last_changed(self.last, self.sources.get(page, ())))


def scan_pages(
    root: Path, docs_dir: str, hand_written: Iterable[str], generated: dict[str, tuple[str, ...]], scan: Scan | None
) -> PageHistory:
    """One git pass over the files every page is made from: `hand_written` pages' Markdown (their paths
    in `docs_dir`) or the YAML of `generated` pages. Used by the plugin and by `mentor export-docs`.

    `scan` is `make serve`'s reuse of the previous pass after a cohort edit (serve_dirty.py); None: a new pass.
    """
    docs = posixpath.relpath(docs_dir, root).replace("\\", "/")
    sources = {src_uri: (f"{docs}/{src_uri}",) for src_uri in hand_written} | generated
    wanted = {source for inputs in sources.values() for source in inputs}
    history = scan(root, wanted) if scan else scan_history(root, wanted, recent=RECENT, news=is_text)
    return PageHistory(sources, history.last, history.recent, docs)


def news_texts(history: PageHistory, catalogue: Catalogue, files: Any, config: Any) -> tuple[str, str]:
    """»Nyt i håndbogen« (Markdown) and its Atom feed from the same pass (macros/rendering/news.py)."""
    pages = [file for file in files.documentation_pages() if not file.generated_by]
    hand_written = {file.src_uri: file.content_string for file in pages}
    named = nav_titles(config.nav)  # »Forside« says more in a list of changes than the page's heading
    site = (config.site_url or "", config.site_name, config.extra["mentor_footer"]["organisation"])
    return render_news(history.recent, catalogue, history.docs, hand_written, named, site, _url_of(files))


def _url_of(files: Any) -> Callable[[str], str]:
    def url_of(src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        return str(file.url) if file is not None else ""

    return url_of
