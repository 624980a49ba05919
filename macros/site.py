"""Everything the site publishes, as plain data: pages, files and navigation.

Each output family (programme pages, cohort pages, calendars, documents) adds its
part here; the MkDocs adapter only turns the result into files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue
from .pages import Page, navigation, render_pages


@dataclass(frozen=True)
class Asset:
    """A generated file that is published as it is (calendar, PDF, DOCX, …)."""

    path: str  # relative to the site root, e.g. programmer/gruppementor/kontrakt-gruppementor.docx
    content: bytes
    source: str | None = None  # the YAML file it was made from


@dataclass
class SiteOutput:
    """All generated pages and files of one build, and the navigation for the pages."""

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)


def render_site(catalogue: Catalogue) -> SiteOutput:
    """Render every output family from a validated catalogue."""
    pages = render_pages(catalogue)
    return SiteOutput(pages=pages, assets=[], nav=navigation(catalogue, pages))
