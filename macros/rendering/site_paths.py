"""Where a programme's and a cohort's pages and files live on the site, relative to docs/.

Below the pages and the list of published files (rendering/published_files.py), so both can ask.
"""

from __future__ import annotations

from ..loading.cohorts import CohortEntry

SECTION = "programmer"
COHORTS_FOLDER = "forloeb"
FILE_ROLES = {"participant": "deltager", "process_consultant": "proceskonsulent"}  # Danish in file names


def programme_page_path(slug: str, name: str = "index.md") -> str:
    """Where a programme's page (or file) lives, relative to docs/."""
    return f"{SECTION}/{slug}/{name}"


def cohort_folder(entry: CohortEntry) -> str:
    """The cohort page's folder relative to docs/; its calendars and documents sit next to it."""
    return programme_page_path(entry.programme, f"{COHORTS_FOLDER}/{entry.id}")
