"""`mentor export-docs DIR`: the whole site source for plain MkDocs, without our plugin.

The same functions the plugin calls make every part: hand-written pages with their
macros expanded (site_macros.py), the generated pages and navigation (site.py), the
news page and feed (news.py), the brand colours (brand.py), and the calendars and
documents, written by the output worker's own function (publish.py). Beside them go
the theme overrides and a mkdocs.yml without the `mentor` plugin, so `mkdocs build
--strict` with Material – or any generator that reads the same format – builds the
same pages. What only a plugin can do is left out: the HTML repairs of
htmlrepair.py, the edit links of generated pages (MkDocs points them into docs/)
and the offline zip.
"""

from __future__ import annotations

import errno
import posixpath
import shutil
from collections.abc import Iterable
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from ..loading.catalogue import Catalogue, load_catalogue
from ..loading.history import page_inputs
from ..model.problems import Problem, ProblemsError
from ..outputs.converters import BUNDLED_FONTS, DocumentOptions, default_cache_dir
from ..rendering.legal import WAS_PAGE, was_page
from ..rendering.news import FEED, NEWS_PAGE, NEWS_TITLE, render_news
from ..rendering.page_macros import render_page_macros
from ..rendering.programme_pages import shared_edit_url
from .brand import DEFAULT_ACCENT, DEFAULT_PRIMARY, Look, publisher, site_look
from .contents import (
    ABOUT_PAGE,
    BRAND_CSS,
    LOOK_CSS,
    PRIVACY_ANCHOR,
    escape_titles,
    insert_nav,
    nav_titles,
    render_site,
)
from .page_history import scan_pages
from .worker import asset_paths, check_assets, write_assets

CONFIG = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"
PLUGIN_ONLY = ("mentor", "offline")  # offline: earlier mkdocs.yml files listed it for the zip


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags without MkDocs: `!ENV [NAME, default]` becomes its default."""


_ConfigLoader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
)


MARKER = ".mentor-export"  # a folder with this file was written here before and may be replaced


def export_docs(root: Path, dest: Path) -> list[str]:
    """Write the site source for plain MkDocs into `dest`; return the pages' paths in docs/."""
    config = read_config(root)
    mentor = _plugin_settings(config)
    catalogue = load_catalogue(root)
    paper, font = mentor.get("booklet_paper", "a5"), mentor.get("booklet_font", BUNDLED_FONTS[0])
    options = DocumentOptions(paper, font, default_cache_dir(root))
    check_assets(catalogue, options)
    shared_url = shared_edit_url(config.get("repo_url"), config.get("edit_uri"), "..")  # docs/ in the project root
    output = render_site(catalogue, config.get("site_url"), shared_url)
    docs = _fresh_folder(root, dest)
    pages, texts = _hand_written(docs, catalogue, config, shared_url)
    pages.update({page.path: page.markdown for page in output.pages})
    nav = insert_nav(config.get("nav"), escape_titles(output.nav))
    generated = {page.path: page_inputs(page.source) for page in output.pages if page.source}
    history = scan_pages(root, str(root / DOCS), texts, generated, None)
    look = _look(mentor, catalogue)
    if NEWS_PAGE not in pages:  # a hand-written nyt.md wins, as in the plugin
        pages[NEWS_PAGE] = _news(docs, config, look, catalogue, texts, history.recent)
        if nav and NEWS_PAGE not in str(nav):
            nav.append({NEWS_TITLE: NEWS_PAGE})
    for path, markdown in pages.items():
        _write(docs / path, with_meta(markdown, _page_meta(path, history.changed(path), ABOUT_PAGE in pages)))
    _write_extras(docs, config, look)
    _write_assets(root, options, docs, catalogue)
    hidden = [page.path for page in output.pages if not page.in_nav]
    shown = set(pages) - set(hidden)
    plain = plain_config(config, mentor, look, nav, not_in_nav(hidden, shown))
    _write(dest / CONFIG, yaml.safe_dump(plain, allow_unicode=True, sort_keys=False))
    return sorted(pages)


def _fresh_folder(root: Path, dest: Path) -> Path:
    """`dest/docs`, empty: refuses a folder with other content, so nobody's files are replaced."""
    dest = dest.resolve()
    if dest.exists() and any(dest.iterdir()):
        if not (dest / MARKER).is_file() or root.resolve().is_relative_to(dest):
            raise FileExistsError(errno.EEXIST, "mappen er ikke tom; vælg en ny mappe at skrive i", str(dest))
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / MARKER).write_text("Skrevet af `mentor export-docs`; bliver erstattet ved næste kørsel.\n")
    if (root / OVERRIDES).is_dir():
        shutil.copytree(root / OVERRIDES, dest / OVERRIDES)
    shutil.copytree(root / DOCS, dest / DOCS)
    return dest / DOCS


def _hand_written(
    docs: Path, catalogue: Catalogue, config: dict[str, Any], shared_url: str
) -> tuple[dict[str, str], dict[str, str]]:
    """The hand-written pages with their macros expanded, and their own texts, by path in docs/."""
    site = {"repo_url": config.get("repo_url") or "", "offline_zip": ""}
    site["shared_edit_url"] = shared_url
    paths = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    texts = {path: (docs / path).read_text(encoding="utf-8") for path in paths}
    return {path: render_page_macros(text, catalogue, path, site) for path, text in texts.items()}, texts


def _news(
    docs: Path, config: dict[str, Any], look: Look, catalogue: Catalogue, texts: dict[str, str], recent: Any
) -> str:
    """»Nyt i håndbogen« and its Atom feed (written beside it), as the plugin makes them."""
    site = (config.get("site_url") or "", config["site_name"], look.footer["organisation"] or "")
    markdown, feed = render_news(recent, catalogue, DOCS, texts, nav_titles(config.get("nav")), site, page_url)
    _write(docs / FEED, feed)
    return markdown


def read_config(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as plain data."""
    data = yaml.load((root / CONFIG).read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a SafeLoader: only !ENV added
    return data if isinstance(data, dict) else {}


def _plugin_settings(config: dict[str, Any]) -> dict[str, Any]:
    """The options under `plugins: - mentor:`."""
    for item in config.get("plugins") or []:
        if isinstance(item, dict) and "mentor" in item:
            return dict(item["mentor"] or {})
    return {}


def _look(mentor: dict[str, Any], catalogue: Catalogue) -> Look:
    """The colours' CSS and the footer from the plugin's settings, as the plugin makes them (brand.py)."""
    primary = mentor.get("colour_primary", DEFAULT_PRIMARY)
    accent = mentor.get("colour_accent", DEFAULT_ACCENT)
    statement = mentor.get("accessibility_statement")
    return site_look(primary, accent, statement, publisher(mentor.get("organisation"), catalogue))


def plain_config(
    config: dict[str, Any], mentor: dict[str, Any], look: Look, nav: list[Any], hidden: list[str]
) -> dict[str, Any]:
    """mkdocs.yml for plain MkDocs: the project's own, our plugin's work written out."""
    plain = {key: value for key, value in config.items() if key != "plugins"}
    plugins = [item for item in config.get("plugins") or [] if _plugin_name(item) not in PLUGIN_ONLY]
    plain["plugins"] = plugins
    plain["nav"] = nav
    plain["not_in_nav"] = "\n".join(hidden)  # cohort pages, reached from lists
    plain["extra_css"] = [BRAND_CSS, *config.get("extra_css", []), LOOK_CSS]
    plain["extra"] = {**config.get("extra", {}), "mentor_footer": look.footer}
    plain["theme"] = {**config.get("theme", {}), "logo": mentor.get("logo", "assets/images/logo.svg")}
    return plain


def not_in_nav(hidden: list[str], shown: Iterable[str]) -> list[str]:
    """MkDocs' `not_in_nav` lines for the `hidden` pages, as few as can be: one pattern per depth and
    file name (`/programmer/*/*/*/evaluering.md`), or a group's paths as they are if a shown page fits it.

    MkDocs matches every file against every line: one line per cohort page made plain MkDocs take
    hours at 10,000 cohorts (190,000 files × 30,000 lines), and minutes already at 1,000.
    """
    groups: dict[str, list[str]] = {}
    for path in hidden:
        parts = path.split("/")
        pattern = "/".join([parts[0], *["*"] * (len(parts) - 2), parts[-1]]) if len(parts) > 2 else path
        groups.setdefault(pattern, []).append(path)
    shown_parts = [path.split("/") for path in shown]
    lines: list[str] = []
    for pattern, paths in groups.items():
        fits = any(_fits(pattern.split("/"), parts) for parts in shown_parts)
        lines += paths if fits else [pattern]
    return [f"/{line}" for line in sorted(lines)]


def _fits(pattern: list[str], parts: list[str]) -> bool:
    """Does a path (its parts) fit a pattern, `*` standing for one folder name, as in MkDocs' gitignore-style lines?"""
    return len(pattern) == len(parts) and all(fnmatchcase(part, p) for part, p in zip(parts, pattern, strict=True))


def _plugin_name(item: Any) -> str:
    return str(next(iter(item))) if isinstance(item, dict) else str(item)


def _page_meta(path: str, changed: dict[str, str] | None, has_about: bool) -> dict[str, Any]:
    """The meta the plugin gives every page: »Sidst ændret« (`changed`) and the footer's privacy link."""
    meta: dict[str, Any] = {}
    if changed is not None:
        meta["mentor_changed"] = changed
    if has_about:
        meta["mentor_privacy_url"] = f"{relative_url(page_url(ABOUT_PAGE), page_url(path))}#{PRIVACY_ANCHOR}"
    return meta


def with_meta(markdown: str, meta: dict[str, Any]) -> str:
    """The page with `meta` added to its front matter (made if it has none)."""
    if not meta:
        return markdown
    block = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    if markdown.startswith("---\n"):
        return f"---\n{block}{markdown[4:]}"
    return f"---\n{block}---\n\n{markdown}"


def page_url(path: str) -> str:
    """A page's URL with directory URLs, as MkDocs makes it: `a/b.md` → `a/b/`, `a/index.md` → `a/`."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if path.endswith(".md") else path


def relative_url(url: str, from_url: str) -> str:
    """`url` as seen from the page at `from_url` (both relative to the site root)."""
    here = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath(url or ".", here.rstrip("/") or ".")
    return f"{relative}/" if url.endswith("/") and not relative.endswith("/") else relative


def _write_extras(docs: Path, config: dict[str, Any], look: Look) -> None:
    """The brand stylesheet and the page that leads to the accessibility statement."""
    _write(docs / BRAND_CSS, look.css)
    if statement := look.footer["statement"]:
        _write(docs / WAS_PAGE, was_page(statement, config["site_name"]))


def _write_assets(root: Path, options: DocumentOptions, docs: Path, catalogue: Catalogue) -> None:
    """Calendars, booklets and documents, by the output worker's own function (publish.py)."""
    problems: list[Problem] = write_assets(root, options, str(docs), asset_paths(catalogue))
    if problems:
        raise ProblemsError(problems)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
