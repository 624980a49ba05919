"""»Nyt i håndbogen«: the newest changes to the texts, as a page and as an Atom feed.

Made from the same single `git log` pass as the »Sidst ændret« dates
(macros/loading/history.py). Only commit dates and the titles of the pages that changed are
published: never who made a change, their e-mail or the commit message, which
may name people.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.sax.saxutils import escape as xml_escape

from ..loading.catalogue import Catalogue
from ..loading.history import SHARED_SOURCE, format_day
from .programme_pages import INDEX
from .site_paths import cohort_folder, programme_page_path
from .templating import render_template

NEWS_PAGE = "nyt.md"
FEED = "nyt.xml"
NEWS_TITLE = "Nyt i håndbogen"
NEWS_TEMPLATE = "macros/templates/news.md.j2"  # the page's own words: its edit link leads here
RECENT = 40  # changes read from the history; a page changed in several commits on one day counts once


@dataclass(frozen=True)
class Subject:
    """The page a source file becomes, and what kind of text it holds."""

    title: str
    page: str  # relative to docs/, e.g. programmer/gruppementor/index.md
    what: str


@dataclass(frozen=True)
class Change:
    """One page changed on one day (the newest commit that day gives the time)."""

    when: dt.datetime
    source: str
    subject: Subject


def is_text(source: str) -> bool:
    """Sources whose changes are news: hand-written pages and programme and cohort files."""
    return (source.startswith("docs/") and source.endswith(".md")) or (
        source.startswith("programmes/") and source.endswith(".yaml")
    )


def subjects(catalogue: Catalogue, docs: str, titles: dict[str, str]) -> dict[str, Subject]:
    """Every text source and its page; `titles` has the hand-written pages' titles by docs path."""
    found = {f"{docs}/{path}": Subject(title, path, "siden") for path, title in titles.items()}
    found[SHARED_SOURCE] = Subject("Programmerne", INDEX, "de fælles tekster for alle programmer")
    for entry in catalogue.programmes:
        found[entry.source] = Subject(entry.programme.name, programme_page_path(entry.slug), "ordningens tekster")
    for cohort in catalogue.cohorts:
        found[cohort.source] = Subject(cohort.cohort.name, f"{cohort_folder(cohort)}/index.md", "forløbets plan")
    return found


def changes(recent: Iterable[tuple[dt.datetime, str]], known: dict[str, Subject]) -> list[Change]:
    """The history's changes as one entry per page and day, newest first."""
    seen: set[tuple[str, str]] = set()
    out = []
    for when, source in recent:
        day = format_day(when)
        if source in known and (day, source) not in seen:
            seen.add((day, source))
            out.append(Change(when, source, known[source]))
    return out


def news_markdown(found: list[Change]) -> str:
    """The page: the changes grouped by day in Danish, each linking to its page."""
    days: dict[str, list[Change]] = {}
    for change in found:
        days.setdefault(format_day(change.when), []).append(change)
    return render_template(NEWS_TEMPLATE.removeprefix("macros/templates/"), title=NEWS_TITLE, days=days, feed=FEED)


def atom_feed(found: list[Change], site_url: str, site_name: str, publisher: str, url_of: Callable[[str], str]) -> str:
    """An Atom 1.0 feed of the same changes; ids are stable, so readers show each change once."""
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    updated = max((c.when for c in found), default=dt.datetime.now(dt.UTC))
    entries = "".join(_entry(change, base, url_of) for change in found)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">\n'
        f"  <title>{xml_escape(f'{NEWS_TITLE} – {site_name}')}</title>\n"
        f'  <link rel="alternate" type="text/html" href="{xml_escape(base + url_of(NEWS_PAGE))}"/>\n'
        f'  <link rel="self" type="application/atom+xml" href="{xml_escape(base + FEED)}"/>\n'
        f"  <id>{_id(base, FEED)}</id>\n"
        f"  <updated>{updated.isoformat()}</updated>\n"
        f"  <author><name>{xml_escape(publisher or site_name)}</name></author>\n"
        f"{entries}</feed>\n"
    )


def _entry(change: Change, base: str, url_of: Callable[[str], str]) -> str:
    title = f"{change.subject.title}: {change.subject.what} er ændret"
    summary = f"{change.subject.title} ({change.subject.what}) blev ændret {format_day(change.when)}."
    return (
        "  <entry>\n"
        f"    <title>{xml_escape(title)}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{xml_escape(base + url_of(change.subject.page))}"/>\n'
        f"    <id>{_id(base, change.source, change.when.isoformat())}</id>\n"
        f"    <updated>{change.when.isoformat()}</updated>\n"
        f"    <summary>{xml_escape(summary)}</summary>\n"
        "  </entry>\n"
    )


def _id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}"


def first_heading(markdown: str, fallback: str) -> str:
    """A hand-written page's title: its first `# ` heading, else `fallback`."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def render_news(
    recent: Iterable[tuple[dt.datetime, str]],
    catalogue: Catalogue,
    docs: str,
    hand_written: Mapping[str, str],
    named: Mapping[str, str],
    site: tuple[str, str, str],
    url_of: Callable[[str], str],
) -> tuple[str, str]:
    """The news page's Markdown and the Atom feed: `hand_written` maps each page in docs/ to its Markdown,
    `named` gives the titles mkdocs.yml's nav gives pages, `site` is (site_url, site_name, publisher)."""
    titles = {uri: named.get(uri) or first_heading(text, PurePosixPath(uri).stem) for uri, text in hand_written.items()}
    found = changes(recent, subjects(catalogue, docs, titles))
    return news_markdown(found), atom_feed(found, *site, url_of)
