"""Everything the site publishes, as plain data: pages, files and navigation.

Each output family (programme pages, cohort pages, calendars, documents) adds its
part here; the MkDocs adapter only turns the result into files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue
from .cohort_pages import export_cohort_calendars, render_cohort_lists, render_cohort_pages
from .documents import export_documents
from .export import DocumentOptions, default_cache_dir
from .pages import Asset, Page, navigation, render_pages


@dataclass
class SiteOutput:
    """All generated pages and files of one build, and the navigation for the pages."""

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)


def render_site(
    catalogue: Catalogue, documents: DocumentOptions | None = None, *, with_assets: bool = True
) -> SiteOutput:
    """Render every output family from a validated catalogue.

    Without `with_assets`, only pages and navigation: the MkDocs plugin has the calendars
    and documents made in a second process while the pages render (publish.py).
    """
    pages = render_pages(catalogue) + render_cohort_lists(catalogue)
    nav = navigation(catalogue, pages)
    pages += render_cohort_pages(catalogue)  # after the nav: reached from the lists, not the nav
    if not with_assets:
        return SiteOutput(pages=pages, nav=nav)
    assets = export_cohort_calendars(catalogue)
    options = documents or DocumentOptions(cache_dir=default_cache_dir(catalogue.root))
    assets += export_documents(catalogue, options)
    return SiteOutput(pages=pages, assets=assets, nav=nav)
