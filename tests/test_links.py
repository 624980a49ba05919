"""Every internal link, anchor and file reference of the built site resolves.

A small checker over the built files: it resolves each `href`/`src` the way a browser
does from the page's published address (under `site_url`'s path), and a folder only
counts when it has an index.html, as on a real web host.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.browser.server import published_prefix, published_url

HOST = "http://site.invalid"
REFERENCING = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    refs: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(str(values[name]))
        ref = values.get(REFERENCING.get(tag, ""))
        if ref is not None:
            self.page.refs.append(ref)


def read_site(site: Path) -> dict[str, _Page]:
    """Every HTML file of the site by its path relative to the root, with its ids and references."""
    pages = {}
    for path in site.rglob("*.html"):
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = collector.page
    return pages


def target_file(site: Path, prefix: str, url: str) -> str | None:
    """The site file a same-site URL points to (relative to the root), or None if there is none."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(prefix):
        return None
    relative = posixpath.normpath(path.removeprefix(prefix) or ".")
    if relative.startswith(".."):
        return None
    if path.endswith("/") or relative == ".":
        relative = posixpath.join(relative, "index.html").removeprefix("./")
    return relative if (site / relative).is_file() else None


def broken_links(site: Path, prefix: str, own_url: str = "") -> list[str]:
    """Every reference that does not resolve, as `page: reference (why)`."""
    pages = read_site(site)
    problems = []
    for name, page in sorted(pages.items()):
        base = f"{HOST}{prefix}{name}"
        for ref in page.refs:
            problem = _check(site, prefix, pages, base, _own(ref, own_url, prefix))
            if problem:
                problems.append(f"{name}: {ref} ({problem})")
    return problems


def _own(ref: str, own_url: str, prefix: str) -> str:
    """The site's own absolute URLs as paths; a webcal:// subscription must lead to a file of ours."""
    if own_url and ref.startswith("webcal://"):
        webcal = "webcal://" + own_url.split("://", 1)[-1]
        return ref.replace(webcal, prefix, 1) if ref.startswith(webcal) else ref
    return ref.replace(own_url, prefix, 1) if own_url else ref


def _check(site: Path, prefix: str, pages: dict[str, _Page], base: str, ref: str) -> str | None:
    scheme = urlsplit(re.sub(r"[\t\n\r]", "", ref).strip()).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return f"adressen bruger '{scheme}:'"
    url = urljoin(base, ref)
    if not url.startswith(HOST + "/"):
        return None  # another site, e-mail or phone: not ours to check here
    target = target_file(site, prefix, url)
    if target is None:
        return "filen findes ikke"
    fragment = unquote(urlsplit(url).fragment)
    if fragment and target.endswith(".html") and fragment not in pages[target].ids:
        return f"ankeret #{fragment} findes ikke på siden"
    return None


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    assert broken_links(built_site, published_prefix(), published_url()) == []


def test_every_search_result_leads_to_a_page(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    prefix = published_prefix()
    pages = read_site(built_site)
    broken = [d["location"] for d in index["docs"] if _check(built_site, prefix, pages, HOST + prefix, d["location"])]
    assert len(index["docs"]) > 20
    assert broken == []


def test_the_checker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1><a name="old">x</a>', encoding="utf-8")
    (tmp_path / "folder").mkdir()
    links = ["a/", "a/#top", "a/#old", "a/#nope", "b/", "folder/", "/site/a/", "../../x", "javascript:alert(1)"]
    page = "".join(f'<a href="{link}">x</a>' for link in links) + '<a href="https://example.org/x">ude</a>'
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    assert broken_links(tmp_path, "/site/") == [
        "index.html: a/#nope (ankeret #nope findes ikke på siden)",
        "index.html: b/ (filen findes ikke)",
        "index.html: folder/ (filen findes ikke)",
        "index.html: ../../x (filen findes ikke)",
        "index.html: javascript:alert(1) (adressen bruger 'javascript:')",
    ]
