"""Every calendar file the cohorts publish, next to each cohort's page.

The participants' calendars carry their history from git (SEQUENCE, cancellations);
the coordinators' calendar is their checklist.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..loading.catalogue import Catalogue
from ..rendering.calendar_files import calendar_specs
from ..rendering.programme_pages import Asset
from ..rendering.published_files import files_of_cohort
from .calendar_history import calendar_histories
from .calendars import export_calendar
from .coordinator_calendar import export_coordinator_calendar


def export_cohort_calendars(catalogue: Catalogue) -> Iterator[Asset]:
    """Every cohort's calendar files (rendering/published_files.py), next to its page, with their history from git.

    One at a time: the caller writes each and lets it go, so memory stays flat with many cohorts.
    """
    histories = calendar_histories(catalogue)
    for entry in catalogue.cohorts:
        programme = catalogue.programme_of(entry)
        specs = {spec.name: spec for spec in calendar_specs(entry)}
        for file in files_of_cohort(entry, programme):
            if file.recipe.writer == "calendar":
                history = histories.get(entry.source, {}).get(file.name)
                yield Asset(file.path, export_calendar(entry, programme, specs[file.name], history), entry.source)


def export_coordinator_calendars(catalogue: Catalogue) -> Iterator[Asset]:
    """Every cohort's coordinator calendar (rendering/published_files.py), next to the cohort page."""
    for entry in catalogue.cohorts:
        programme = catalogue.programme_of(entry)
        for file in files_of_cohort(entry, programme):
            if file.recipe.writer == "coordinator_calendar":
                yield Asset(file.path, export_coordinator_calendar(entry, programme), entry.source)
