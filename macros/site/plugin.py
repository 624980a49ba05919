"""The thin MkDocs adapter: the only module that imports mkdocs.

It loads the catalogue when the configuration is read, adds the generated pages as
virtual files whose edit link points to their YAML, expands macros in hand-written
pages and makes `mkdocs serve` watch the programme files. Calendars and documents are
listed as files for the link checks and written by a worker process (worker.py). With
thousands of cohorts it keeps the pages' texts packed while MkDocs holds them (page_memory.py),
and a page converted by an earlier build is taken from the page cache (page_cache.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import mkdocs.utils
from jinja2 import Environment
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import clean_directory

from ..loading.catalogue import Catalogue
from ..loading.catalogue_cache import catalogue_for
from ..loading.history import page_inputs
from ..model.problems import Problem, ProblemsError
from ..outputs.converters import BUNDLED_FONTS, PAPERS, DocumentOptions, default_cache_dir
from ..rendering.legal import WAS_PAGE, was_page
from ..rendering.news import FEED, NEWS_PAGE, NEWS_TEMPLATE, NEWS_TITLE
from ..rendering.page_macros import render_page_macros
from ..rendering.programme_pages import Page, shared_edit_url
from .brand import DEFAULT_ACCENT, DEFAULT_PRIMARY, apply_look, publisher
from .contents import (
    ABOUT_PAGE,
    BRAND_CSS,
    PRIVACY_ANCHOR,
    SiteOutput,
    cohort_pages,
    escape_titles,
    insert_nav,
    render_site,
)
from .htmlrepair import repair_theme_html
from .offline import offline_zip_name
from .page_cache import PageCache, settings_digest
from .page_history import PageHistory, news_texts, scan_pages
from .page_memory import PackedHtml, pack, unpack
from .serve_dirty import CohortAssets, DirtyBuilds, Inputs, TemplateCache, quiet_dirty_warning, read_inputs
from .serve_error import error_markdown, unexpected_problem, write_error_pages
from .worker import AssetWriter, asset_paths, check_assets

log = logging.getLogger("mkdocs.plugins.mentor")
FORGET_URLS_EVERY = 500  # pages converted between two emptyings of MkDocs' URL cache (see _forget_url_parts)


class MentorConfig(Config):
    """Options under `plugins: - mentor:` in mkdocs.yml."""

    root = opt.Optional(opt.Dir(exists=True))  # project root; defaults to mkdocs.yml's folder
    booklet_paper = opt.Choice(PAPERS, default="a5")
    booklet_font = opt.Type(str, default=BUNDLED_FONTS[0])  # one of the fonts that ship with typst
    # The address of the organisation's accessibility statement (made in the WAS tool): required by law.
    accessibility_statement = opt.Optional(opt.Type(str))
    organisation = opt.Optional(opt.Type(str))  # the footer's publisher; defaults to the first programme's
    logo = opt.Type(str, default="assets/images/logo.svg")  # an SVG in docs/ or overrides/
    colour_primary = opt.Type(str, default=DEFAULT_PRIMARY)  # header, links; ≥ 4.5:1 with white
    colour_accent = opt.Type(str, default=DEFAULT_ACCENT)  # links under the mouse or the focus


class MentorPlugin(BasePlugin[MentorConfig]):
    """Publishes the programmes in `programmes/` as part of the MkDocs site."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.output = SiteOutput()
        self.history = PageHistory()  # when each page's sources last changed (page_history.py)
        # Calendars and documents: made while MkDocs renders the pages, or only a changed cohort's.
        self.assets: AssetWriter | CohortAssets = AssetWriter([])
        self.brand_css = ""
        self.about: File | None = None
        self.serving = False  # under `mkdocs serve`: show build errors in the browser
        self.broken: _Broken | None = None
        self.dirty: DirtyBuilds | None = None  # `mkdocs serve --dirty` (make serve): see macros/serve_dirty.py
        self.worker_files: dict[tuple[str, str, bool], File] = {}  # see _worker_file
        self.templates = TemplateCache()  # see on_env
        self.page_sources: dict[str, tuple[str, ...]] = {}  # generated page → the files it is made from
        self.packed = PackedHtml()  # each page's HTML between its conversion and its turn (page_memory.py)
        self.expanded: set[str] = set()  # hand-written pages whose macros on_files expanded (a build)
        self.converted: PageCache | None = None  # earlier builds' conversions (page_cache.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also keeps one plugin object for all of `mkdocs serve`'s rebuilds.
        self.serving = command == "serve"
        if self.serving and dirty:
            self.dirty = DirtyBuilds()
            logging.getLogger("mkdocs.commands.build").addFilter(quiet_dirty_warning)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        self.broken = None
        try:
            self._load(config)
        except _Broken as exc:
            if not self.serving:
                raise PluginError(f"{exc.heading}:\n{exc.error}") from None
            log.error(f"{exc.heading}:\n{exc.error}")
            self.broken = exc  # the preview shows the problems instead of waiting (macros/serve_error.py)
            self._start_over(config)
            self.catalogue, self.output, self.assets = None, SiteOutput(), AssetWriter([])
            config.nav = []
            config.extra["mentor_footer"] = {"statement": None, "organisation": ""}  # the theme's own 404 page
            return config
        config.nav = insert_nav(config.nav, escape_titles(self.output.nav))
        if config.nav and NEWS_PAGE not in str(config.nav):
            config.nav.append({NEWS_TITLE: NEWS_PAGE})
        self._configure_look(config)
        return config

    def _load(self, config: MkDocsConfig) -> None:
        """The catalogue, the generated pages and the list of assets; _Broken on any problem."""
        inputs = self._read_inputs(config)
        try:
            self.catalogue = self._catalogue(inputs)
        except ProblemsError as exc:
            raise _Broken("Programmerne kan ikke bygges", exc) from None
        for warning in self.catalogue.warnings:
            log.warning(warning.format())
        paper, font = self.config.booklet_paper, self.config.booklet_font
        self.options = DocumentOptions(paper, font, default_cache_dir(self.root))
        try:
            check_assets(self.catalogue, self.options)
            kept = self.dirty.kept_pages(inputs) if self.dirty and inputs else None
            # A build streams the cohorts' pages in on_files; `--dirty` keeps them between rebuilds.
            cohorts = self.dirty is not None
            self.output = render_site(self.catalogue, config.site_url, self.shared_url(config), kept, cohorts)
            self.assets = self._asset_writer(config, inputs)
        except ProblemsError as exc:
            raise _Broken("Sitet kan ikke bygges", exc) from None

    # `mkdocs serve --dirty`: only what a cohort edit changed is made again (macros/serve_dirty.py).

    def _catalogue(self, inputs: Inputs | None) -> Catalogue:
        """Under `--dirty` only the changed cohort files are loaded again (macros/serve_reload.py)."""
        if self.dirty is None or inputs is None:
            return catalogue_for(self.root)  # the one `mentor build` loaded, if any
        return self.dirty.load(self.root, inputs)

    def _read_inputs(self, config: MkDocsConfig) -> Inputs | None:
        if self.dirty is None:
            return None
        folders = [config.docs_dir, *([config.theme.custom_dir] if config.theme.custom_dir else [])]
        return read_inputs(self.root, config.config_file_path, folders, f"{config.site_url}")

    def _asset_writer(self, config: MkDocsConfig, inputs: Inputs | None) -> AssetWriter | CohortAssets:
        """All files in the worker process, or in a rebuild after a cohort edit only that cohort's."""
        assert self.catalogue is not None
        if self.dirty is None or inputs is None:
            return AssetWriter(asset_paths(self.catalogue))
        if self.dirty.begin(inputs, self.catalogue, self.output):
            clean_directory(config.site_dir)  # a full build: no page of the previous one stays
            return AssetWriter(self.dirty.published(self.catalogue))
        return self.dirty.cohort_assets(self.catalogue)

    def _start_over(self, config: MkDocsConfig) -> None:
        """Empty the site folder for the error page; under `--dirty` the next build makes everything."""
        if self.dirty is not None:
            self.dirty.forget()
        clean_directory(config.site_dir)

    def _generated(self, config: MkDocsConfig, path: str, content: str | bytes, **kwargs: Any) -> File:
        """A generated file; under `--dirty` marked unchanged when its content is the previous build's."""
        file = _Generated.generated(config, path, content=content, **kwargs)
        assert isinstance(file, _Generated)
        file.unchanged = self.dirty is not None and self.dirty.unchanged(path, content)
        return file

    def _worker_file(self, config: MkDocsConfig, path: str) -> File:
        """Under `--dirty` the same File object in every rebuild: making 15,000 anew costs half a second."""
        if self.dirty is None:
            return _WrittenByWorker.generated(config, path, content=b"")
        key = (path, config.site_dir, config.use_directory_urls)  # all that MkDocs reads from the config
        if key not in self.worker_files:
            self.worker_files[key] = _WrittenByWorker.generated(config, path, content=b"")
        return self.worker_files[key]

    def _show_error(self, config: MkDocsConfig, heading: str, problems: list[Problem]) -> None:
        """The preview's error page (macros/serve_error.py) in place of the whole site."""
        log.error(f"{heading}:\n{ProblemsError(problems)}")
        self._start_over(config)
        write_error_pages(config.site_dir, heading, problems)

    def _configure_look(self, config: MkDocsConfig) -> None:
        """Logo, colours and the legal footer from the plugin's settings (macros/site/brand.py, legal.py)."""
        look = apply_look(config, self.config, publisher(self.config.organisation, self.catalogue))
        for warning in look.warnings:
            log.warning(warning)
        self.brand_css = look.css

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.broken is not None:  # only the theme's assets; on_post_build writes the error page
            return Files([file for file in files if not file.is_documentation_page()])
        assert self.catalogue is not None
        self.page_sources = {}
        for page in self.output.pages:
            files.append(self._page_file(config, page))
        if self.dirty is None:  # a build: the cohorts' pages one by one, kept compressed (page_memory.py)
            for page in cohort_pages(self.catalogue, config.site_url):
                files.append(self._page_file(config, page, packed=True))
        files.append(self._generated(config, BRAND_CSS, self.brand_css))
        if statement := config.extra["mentor_footer"]["statement"]:
            files.append(self._generated(config, WAS_PAGE, was_page(statement, config.site_name)))
        self.about = files.get_file_from_path(ABOUT_PAGE)
        if zip_name := offline_zip_name():  # written by `mentor build` after this build (macros/offline.py)
            files.append(_WrittenByWorker.generated(config, zip_name, content=b""))
        for path in self.assets.expected:
            files.append(self._worker_file(config, path))
        if self.dirty is not None:
            urls = {file.url for file in files.documentation_pages()}
            self.dirty.settle(config.site_dir, {file.dest_uri for file in files}, urls)
        self.assets.start(self.root, self.options, config.site_dir)
        self._open_page_cache(config)
        self._load_history(files, config)
        self.expanded = set()
        if not self.serving:  # a build: expand the macros now and let the cohorts go before MkDocs reads pages
            self._expand_macros(files, config)
            self.catalogue = replace(self.catalogue, cohorts=[])  # nothing reads them any more
        return files

    def _expand_macros(self, files: Files, config: MkDocsConfig) -> None:
        """Every hand-written page with its macros expanded, before the cohorts are let go (page_memory.py)."""
        assert self.catalogue is not None
        settings = self.site_settings(config)
        for file in files.documentation_pages():
            if not file.generated_by:
                try:
                    markdown = render_page_macros(file.content_string, self.catalogue, file.src_uri, settings)
                except ProblemsError as exc:
                    raise PluginError(str(exc)) from None
                file.content_string = markdown
                self.expanded.add(file.src_uri)

    def _page_file(self, config: MkDocsConfig, page: Page, packed: bool = False) -> File:
        """A generated page's file, its edit link leading to its YAML; its Markdown compressed if `packed`."""
        # Pages outside the nav (cohorts) are reached from an index page; say so, or strict fails.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        if packed:
            file: File = _Packed.generated(config, page.path, content=pack(page.markdown), inclusion=inclusion)
        else:
            file = self._generated(config, page.path, page.markdown, inclusion=inclusion)
        # MkDocs joins edit_uri (e.g. edit/main/docs/) with this: lead it back to the YAML.
        # The theme writes the edit link into href="…" unescaped: quote the path.
        file.edit_uri = quote(posixpath.join(self._docs_to_root(config), page.source)) if page.source else None
        if page.source:
            self.page_sources[page.path] = page_inputs(page.source)
        return file

    def _open_page_cache(self, config: MkDocsConfig) -> None:
        """The conversions of earlier builds (page_cache.py)."""
        if self.options.cache_dir is not None:
            self.converted = PageCache(self.options.cache_dir, settings_digest(config), get_toc)

    def _close_page_cache(self, failed: bool) -> None:
        if self.converted is not None:
            self.converted.close(prune=not failed and not self.serving)
            self.converted = None

    def on_pre_page(self, page: MkPage, config: MkDocsConfig, files: Files) -> MkPage:
        if self.converted is not None:  # MkDocs' conversion, or an earlier build's of the same input
            page.render = partial(self._render, page)  # type: ignore[method-assign]
        return page

    def _render(self, page: MkPage, config: MkDocsConfig, files: Files) -> None:
        assert self.converted is not None
        self.converted.render(page, files, lambda recorded: MkPage.render(page, config, cast(Files, recorded)))

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._close_page_cache(failed=False)
        if self.broken is not None:
            write_error_pages(config.site_dir, self.broken.heading, self.broken.error.problems)
            return
        try:
            self.assets.finish()
        except ProblemsError as exc:
            problems = list(exc.problems)
        except Exception as exc:  # a bug in a writer: a message all the same, never a preview that hangs
            problems = [unexpected_problem(exc)]
        else:
            if self.dirty is not None:  # the search plugin (before this one) has written its index
                self.dirty.mend_search_index(config.site_dir)
            return
        if not self.serving:
            raise PluginError(f"Sitet kan ikke bygges:\n{ProblemsError(problems)}")
        self._show_error(config, "Kalendere og dokumenter kan ikke laves", problems)

    def on_build_error(self, error: Exception) -> None:
        self._close_page_cache(failed=True)
        if self.dirty is not None:
            self.dirty.forget()  # the folder holds part of a build
        with contextlib.suppress(Exception):  # the build has failed already; only stop the worker
            self.assets.finish()

    def _load_history(self, files: Files, config: MkDocsConfig) -> None:
        """One git pass for every page's »Sidst ændret« and the news page (page_history.py)."""
        scan = self.dirty.history if self.dirty is not None else None  # after a cohort edit: the previous pass
        hand_written = [file.src_uri for file in files.documentation_pages() if not file.generated_by]
        self.history = scan_pages(self.root, config.docs_dir, hand_written, self.page_sources, scan)
        if self.catalogue is None or files.get_file_from_path(NEWS_PAGE) is not None:
            return  # a hand-written nyt.md wins
        markdown, feed = news_texts(self.history, self.catalogue, files, config)
        page = self._generated(config, NEWS_PAGE, markdown)
        page.edit_uri = posixpath.join(self._docs_to_root(config), NEWS_TEMPLATE)
        files.append(page)
        files.append(self._generated(config, FEED, feed))

    @event_priority(100)  # first: the search plugin indexes page.content in its own on_page_context
    def on_page_context(self, context: Any, page: MkPage, config: MkDocsConfig, nav: Any) -> Any:
        page.content = self.packed.take(page.file.src_uri, page.content or "")
        page.meta["mentor_changed"] = self.history.changed(page.file.src_uri)
        if self.about is not None:  # the footer's link to what the site stores
            page.meta["mentor_privacy_url"] = f"{self.about.url_relative_to(page.file)}#{PRIVACY_ANCHOR}"
        # The theme writes `page.title | striptags` into <title>, and striptags unescapes
        # the heading's text; as meta title the already escaped text is written as it is.
        if page.title and not page.is_homepage:
            page.meta.setdefault("title", page.title)
        return context

    @event_priority(-100)  # last: every other plugin has seen the HTML
    def on_page_content(self, html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        # MkDocs keeps both texts of every page until the build ends (page_memory.py). An empty
        # string, not None: a page without Markdown would lose the title its heading gave it.
        page.markdown = ""
        if isinstance(page.file, _Packed):
            page.file.content_string = ""  # read once
        if len(self.packed) % FORGET_URLS_EVERY == 0:
            _forget_url_parts()
        return self.packed.keep(page.file.src_uri, html)

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by or self.catalogue is None or page.file.src_uri in self.expanded:
            return markdown
        try:
            return render_page_macros(markdown, self.catalogue, page.file.src_uri, self.site_settings(config))
        except ProblemsError as exc:
            if not self.serving:
                raise PluginError(str(exc)) from None
            log.error(str(exc))
            return error_markdown(exc.problems)  # the preview shows the error on the page itself

    def site_settings(self, config: MkDocsConfig) -> dict[str, str]:
        """Settings that hand-written pages' macros may show (macros/site_macros.py)."""
        settings = {"repo_url": config.repo_url or "", "offline_zip": offline_zip_name()}
        return {**settings, "shared_edit_url": self.shared_url(config)}

    def shared_url(self, config: MkDocsConfig) -> str:
        """The edit link of programmes/_faelles.yaml, for the notes on pages with inherited texts."""
        return shared_edit_url(config.repo_url, config.edit_uri, self._docs_to_root(config))

    def _docs_to_root(self, config: MkDocsConfig) -> str:
        return posixpath.relpath(self.root, config.docs_dir).replace("\\", "/")

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        page.content = ""  # written now; MkDocs would keep it to the end of the build
        return repair_theme_html(output)  # valid HTML on every page, see macros/htmlrepair.py

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if self.dirty is not None:  # MkDocs makes the theme's environment anew for every rebuild
            env.bytecode_cache = self.templates
        return env

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return repair_theme_html(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root / "programmes"))
        server.watch(str(Path(__file__).parent.parent / "templates"))
        return server


def _forget_url_parts() -> None:
    """Empty MkDocs' cache of split URLs, which keeps every URL any page links (150,000 at
    10,000 cohorts, 90 MB) to the end of the build; it fills again with what a page needs."""
    cached = getattr(mkdocs.utils, "_norm_parts", None)  # private: if a release drops it, nothing happens
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


class _Broken(Exception):
    """The site cannot be built: a heading for the message and the problems."""

    def __init__(self, heading: str, error: ProblemsError) -> None:
        super().__init__(heading)
        self.heading, self.error = heading, error


class _Generated(File):
    """A file the plugin makes; under `mkdocs serve --dirty` written again only when its content changed."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged or not os.path.isfile(self.abs_dest_path)


class _Packed(File):
    """A generated page whose Markdown is held compressed until MkDocs reads it (page_memory.py)."""

    @property
    def content_string(self) -> str:
        assert isinstance(self._content, bytes)
        return unpack(self._content)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._content = pack(value)

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._content = pack(value.decode("utf-8"))


class _WrittenByWorker(File):
    """A calendar or document: listed for MkDocs' link checks, written by the asset worker."""

    def copy_file(self, dirty: bool = False) -> None:
        pass
