"""The thin MkDocs adapter: the only module that imports mkdocs.

It loads the catalogue when the configuration is read, adds the generated pages as
virtual files whose edit link points to their YAML, expands macros in hand-written
pages and makes `mkdocs serve` watch the programme files. Calendars and documents are
listed as files for the link checks and written by a worker process (publish.py).
"""

from __future__ import annotations

import contextlib
import logging
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from .catalogue import Catalogue, load_catalogue
from .export import BUNDLED_FONTS, PAPERS, DocumentOptions, default_cache_dir
from .history import changed_meta, last_changed, load_history, page_inputs
from .htmlrepair import repair_theme_html
from .pages import INDEX
from .problems import ProblemsError
from .publish import AssetWriter, asset_paths, check_assets
from .site import SiteOutput, render_site
from .site_macros import render_page_macros

log = logging.getLogger("mkdocs.plugins.mentor")


class MentorConfig(Config):
    """Options under `plugins: - mentor:` in mkdocs.yml."""

    root = opt.Optional(opt.Dir(exists=True))  # project root; defaults to mkdocs.yml's folder
    booklet_paper = opt.Choice(PAPERS, default="a5")
    booklet_font = opt.Type(str, default=BUNDLED_FONTS[0])  # one of the fonts that ship with typst


class MentorPlugin(BasePlugin[MentorConfig]):
    """Publishes the programmes in `programmes/` as part of the MkDocs site."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.output = SiteOutput()
        self.sources: dict[str, tuple[str, ...]] = {}  # page src_uri → files it is made from
        self.history: dict[str, Any] = {}  # file → when it last changed
        self.assets = AssetWriter([])  # calendars and documents, made while MkDocs renders the pages

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        try:
            self.catalogue = load_catalogue(self.root)
        except ProblemsError as exc:
            raise PluginError(f"Programmerne kan ikke bygges:\n{exc}") from None
        for warning in self.catalogue.warnings:
            log.warning(warning.format())
        paper, font = self.config.booklet_paper, self.config.booklet_font
        self.options = DocumentOptions(paper, font, default_cache_dir(self.root))
        try:
            check_assets(self.catalogue, self.options)
            self.output = render_site(self.catalogue, config.site_url)
            self.assets = AssetWriter(asset_paths(self.catalogue))
        except ProblemsError as exc:
            raise PluginError(f"Sitet kan ikke bygges:\n{exc}") from None
        config.nav = _insert_nav(config.nav, _escape_titles(self.output.nav))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs_to_root = posixpath.relpath(self.root, config.docs_dir).replace("\\", "/")
        for page in self.output.pages:
            # Pages outside the nav (cohorts) are reached from an index page; say so, or strict fails.
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
            # MkDocs joins edit_uri (e.g. edit/main/docs/) with this: lead it back to the YAML.
            # The theme writes the edit link into href="…" unescaped: quote the path.
            file.edit_uri = quote(posixpath.join(docs_to_root, page.source)) if page.source else None
            files.append(file)
        for path in self.assets.expected:
            files.append(_WrittenByWorker.generated(config, path, content=b""))
        self.assets.start(self.root, self.options, config.site_dir)
        self._load_history(files, config)
        return files

    def on_post_build(self, config: MkDocsConfig) -> None:
        try:
            self.assets.finish()
        except ProblemsError as exc:
            raise PluginError(f"Sitet kan ikke bygges:\n{exc}") from None

    def on_build_error(self, error: Exception) -> None:
        with contextlib.suppress(Exception):  # the build has failed already; only stop the worker
            self.assets.finish()

    def _load_history(self, files: Files, config: MkDocsConfig) -> None:
        """One git pass for the »Sidst ændret« date of every page (macros/history.py)."""
        docs = posixpath.relpath(config.docs_dir, self.root).replace("\\", "/")
        pages = files.documentation_pages()
        self.sources = {f.src_uri: (f"{docs}/{f.src_uri}",) for f in pages if not f.generated_by}
        self.sources.update({p.path: page_inputs(p.source) for p in self.output.pages if p.source})
        self.history = load_history(self.root, {s for inputs in self.sources.values() for s in inputs})

    def on_page_context(self, context: Any, page: MkPage, config: MkDocsConfig, nav: Any) -> Any:
        sources = self.sources.get(page.file.src_uri, ())
        page.meta["mentor_changed"] = changed_meta(last_changed(self.history, sources))
        # The theme writes `page.title | striptags` into <title>, and striptags unescapes
        # the heading's text; as meta title the already escaped text is written as it is.
        if page.title and not page.is_homepage:
            page.meta.setdefault("title", page.title)
        return context

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by or self.catalogue is None:
            return markdown
        try:
            return render_page_macros(markdown, self.catalogue, page.file.src_uri)
        except ProblemsError as exc:
            raise PluginError(str(exc)) from None

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        return repair_theme_html(output)  # valid HTML on every page, see macros/htmlrepair.py

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return repair_theme_html(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root / "programmes"))
        server.watch(str(Path(__file__).parent / "templates"))
        return server


class _WrittenByWorker(File):
    """A calendar or document: listed for MkDocs' link checks, written by the asset worker."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def _insert_nav(nav: list[Any] | None, generated: list[Any]) -> list[Any]:
    """Replace the nav entry that points at the programme index with the generated section."""
    if not nav:
        return [{"Ordninger": generated}]
    out = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [INDEX]:
            out.append({next(iter(item)): generated})
        else:
            out.append(item)
    return out


def _escape_titles(nav: Any) -> Any:
    """HTML-escape nav titles: the theme prints them unescaped, and names come from YAML."""
    if isinstance(nav, list):
        return [_escape_titles(item) for item in nav]
    if isinstance(nav, dict):
        return {str(escape(title)): _escape_titles(target) for title, target in nav.items()}
    return nav
