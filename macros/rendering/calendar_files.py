"""Which calendar files a cohort publishes, and what each is called and for whom.

The cohort page links exactly these; the calendar writers (outputs/calendars.py and
outputs/coordinator_calendar.py) make them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..loading.cohorts import CohortEntry
from ..loading.schedule import PlannedPair
from .site_paths import FILE_ROLES

Role = Literal["mentee", "mentor", "pair", "participant", "process_consultant"]
ROLE_TITLES = {
    "mentee": "Kalender for mentees",
    "mentor": "Kalender for mentorer",
    "participant": "Kalender for deltagere",
    "process_consultant": "Kalender for proceskonsulenten",
}


@dataclass(frozen=True)
class CalendarSpec:
    """One calendar file of a cohort: its file name, title and whom it is for."""

    name: str  # file name next to the cohort page, e.g. 2027-hold-1-mentee.ics
    title: str
    role: Role
    pair: PlannedPair | None = None


def calendar_specs(entry: CohortEntry) -> list[CalendarSpec]:
    """The calendars a cohort has; the page links exactly these."""
    if entry.plan.pairs:
        return [
            CalendarSpec(f"{entry.id}-par-{pair.number}.ics", f"Kalender for par {pair.number}", "pair", pair)
            for pair in entry.plan.pairs
        ]
    roles: tuple[Role, ...] = ("participant", "process_consultant") if entry.cohort.is_network else ("mentee", "mentor")
    return [CalendarSpec(f"{entry.id}-{FILE_ROLES.get(role, role)}.ics", ROLE_TITLES[role], role) for role in roles]


def coordinator_calendar_name(entry: CohortEntry) -> str:
    """The coordinator calendar's file name, next to the cohort page."""
    return f"{entry.id}-tovholder.ics"
