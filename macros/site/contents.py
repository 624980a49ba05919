"""Everything the site publishes, as plain data: pages, files and navigation.

Each output family (programme pages, cohort pages, calendars, documents) adds its
part here; the MkDocs adapter only turns the result into files. Pages and their
navigation are rendered up front; calendars and documents are exported apart, so
the plugin can have them made in a second process while the pages render (publish.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import escape

from ..loading.catalogue import Catalogue
from ..loading.cohorts import CohortEntry
from ..outputs.cohort_calendars import export_cohort_calendars, export_coordinator_calendars
from ..outputs.converters import DocumentOptions
from ..outputs.documents import export_documents
from ..rendering.cohort_pages import render_cohort_lists, render_cohort_pages
from ..rendering.coordinator_pages import render_coordinator_pages
from ..rendering.programme_pages import INDEX, Asset, Page, navigation, render_pages

BRAND_CSS = "assets/stylesheets/brand.css"  # made from the colour settings
LOOK_CSS = "assets/stylesheets/look.css"  # overrides/: cards, timelines, tables on phones, footer
ABOUT_PAGE = "om-haandbogen.md"
PRIVACY_ANCHOR = "hvad-hjemmesiden-gemmer"  # the id docs/om-haandbogen.md gives »Hvad hjemmesiden gemmer«


@dataclass
class SiteOutput:
    """All generated pages of one build and the navigation for them."""

    pages: list[Page] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)


def render_site(
    catalogue: Catalogue,
    site_url: str | None = None,
    shared_url: str = "",
    kept: Mapping[str, list[Page]] | None = None,
    cohorts: bool = True,
) -> SiteOutput:
    """Every generated page of a validated catalogue, and the navigation (site_url: mkdocs.yml's;
    shared_url: the edit link of programmes/_faelles.yaml, see pages.shared_edit_url).

    `kept` holds pages from the previous build by cohort file, for cohorts whose file has not
    changed since (`make serve`, macros/serve_dirty.py); they are used instead of rendered.
    With `cohorts` False the cohorts' own pages are left out: `cohort_pages` gives them one
    at a time, so a build of 10,000 cohorts never holds all their Markdown at once.
    """
    pages = render_pages(catalogue, shared_url) + render_cohort_lists(catalogue)
    nav = navigation(catalogue, pages)
    kept = kept or {}
    for entry in catalogue.cohorts if cohorts else ():  # after the nav: reached from the lists, not the nav
        pages += kept.get(entry.source) or cohort_site_pages(catalogue, entry, site_url)
    return SiteOutput(pages=pages, nav=nav)


def cohort_pages(catalogue: Catalogue, site_url: str | None = None) -> Iterator[Page]:
    """The pages `render_site(…, cohorts=False)` leaves out, one cohort at a time."""
    for entry in catalogue.cohorts:
        yield from cohort_site_pages(catalogue, entry, site_url)


def cohort_site_pages(catalogue: Catalogue, entry: CohortEntry, site_url: str | None = None) -> list[Page]:
    """One cohort's page, and its evaluation and coordinator pages (linked from the cohort page)."""
    alone = replace(catalogue, cohorts=[entry])  # each page depends on its own cohort and programme only
    return render_cohort_pages(alone, site_url) + render_coordinator_pages(alone)


def export_assets(catalogue: Catalogue, options: DocumentOptions) -> Iterator[Asset]:
    """Every published file that is not a page: calendars, booklets and documents, one at a time."""
    yield from export_cohort_calendars(catalogue)
    yield from export_coordinator_calendars(catalogue)
    yield from export_documents(catalogue, options)


def insert_nav(nav: list[Any] | None, generated: list[Any]) -> list[Any]:
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


def nav_titles(nav: Any) -> dict[str, str]:
    """The titles mkdocs.yml's nav gives pages, by their path in docs/."""
    found: dict[str, str] = {}
    for item in nav if isinstance(nav, list) else []:
        for title, target in item.items() if isinstance(item, dict) else []:
            found.update({target: title} if isinstance(target, str) else nav_titles(target))
    return found


def escape_titles(nav: Any) -> Any:
    """HTML-escape nav titles: the theme prints them unescaped, and names come from YAML."""
    if isinstance(nav, list):
        return [escape_titles(item) for item in nav]
    if isinstance(nav, dict):
        return {str(escape(title)): escape_titles(target) for title, target in nav.items()}
    return nav
