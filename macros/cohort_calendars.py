"""Every calendar file the cohorts publish, next to each cohort's page.

The participants' calendars carry their history from git (SEQUENCE, cancellations);
the coordinators' calendar is their checklist.
"""

from __future__ import annotations

from .calendar import export_calendar
from .calendar_files import calendar_specs, coordinator_calendar_name
from .calendar_history import calendar_histories
from .catalogue import Catalogue
from .cohort_pages import cohort_folder
from .cohorts import CohortEntry
from .coordinator_calendar import export_coordinator_calendar
from .model import Programme
from .pages import Asset


def _programme(catalogue: Catalogue, entry: CohortEntry) -> Programme:
    found = catalogue.programme(entry.programme)
    assert found is not None  # phase one drops cohorts of unknown programmes
    return found.programme


def export_cohort_calendars(catalogue: Catalogue) -> list[Asset]:
    """Every cohort's calendar files, next to the cohort's page, with their history from git."""
    histories = calendar_histories(catalogue)
    return [
        Asset(f"{cohort_folder(entry)}/{spec.name}", export_calendar(entry, programme, spec, history), entry.source)
        for entry in catalogue.cohorts
        for programme in [_programme(catalogue, entry)]
        for spec in calendar_specs(entry)
        for history in [histories.get(entry.source, {}).get(spec.name)]
    ]


def export_coordinator_calendars(catalogue: Catalogue) -> list[Asset]:
    """Every cohort's coordinator calendar, next to the cohort page."""
    return [
        Asset(
            f"{cohort_folder(e)}/{coordinator_calendar_name(e)}",
            export_coordinator_calendar(e, _programme(catalogue, e)),
            e.source,
        )
        for e in catalogue.cohorts
    ]
