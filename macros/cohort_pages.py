"""Phase two for cohorts: a page per cohort, a list per programme, and the calendars.

Cohort pages stay out of the global navigation (Material renders the whole nav into
every page, so hundreds of cohorts there would make every build slower): each
programme's "Forløb" page lists its cohorts by year and links to them. Every cohort
costs one page and a few calendars, whatever the number of cohorts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from markupsafe import Markup

from .calendar import calendar_specs, export_calendar
from .catalogue import Catalogue, ProgrammeEntry
from .cohorts import CohortEntry
from .model import Programme
from .pages import Asset, Page, programme_page_path
from .plans import cohort_timeline
from .render import environment, format_date, render_template
from .schedule import PlannedMeeting, due_days

COHORTS_FOLDER = "forloeb"
LIST_TITLE = "Forløb"


@dataclass(frozen=True)
class PlanRow:
    """One line of a cohort's plan: a meeting, a deadline or a mentors' meeting."""

    start: dt.datetime
    day: str
    time: str
    what: str
    place: str


def cohort_folder(entry: CohortEntry) -> str:
    """The cohort page's folder relative to docs/; its calendars sit next to it."""
    return programme_page_path(entry.programme, f"{COHORTS_FOLDER}/{entry.id}")


def render_cohort_lists(catalogue: Catalogue) -> list[Page]:
    """Every programme's "Forløb" page: its cohorts by year, newest first. In the navigation."""
    by_programme: dict[str, list[CohortEntry]] = {}
    for entry in catalogue.cohorts:
        by_programme.setdefault(entry.programme, []).append(entry)
    return [_render_list(p, by_programme.get(p.slug, [])) for p in catalogue.programmes]


def _render_list(programme: ProgrammeEntry, cohorts: list[CohortEntry]) -> Page:
    ordered = sorted(cohorts, key=lambda e: (-e.year, e.cohort.start, e.id))
    years = [(year, list(entries)) for year, entries in groupby(ordered, key=lambda e: e.year)]
    markdown = render_template("cohort/list.md.j2", p=programme.programme, years=years, summary=participants)
    path = programme_page_path(programme.slug, f"{COHORTS_FOLDER}/index.md")
    return Page(path, LIST_TITLE, markdown, programme.source)


def render_cohort_pages(catalogue: Catalogue) -> list[Page]:
    """One page per cohort, kept out of the global navigation."""
    return [_render_page(entry, _programme(catalogue, entry)) for entry in catalogue.cohorts]


def export_cohort_calendars(catalogue: Catalogue) -> list[Asset]:
    """Every cohort's calendar files, next to the cohort's page."""
    return [
        Asset(f"{cohort_folder(entry)}/{spec.name}", export_calendar(entry, programme, spec), entry.source)
        for entry in catalogue.cohorts
        for programme in [_programme(catalogue, entry)]
        for spec in calendar_specs(entry)
    ]


def _programme(catalogue: Catalogue, entry: CohortEntry) -> Programme:
    found = catalogue.programme(entry.programme)
    assert found is not None  # phase one drops cohorts of unknown programmes
    return found.programme


def _render_page(entry: CohortEntry, programme: Programme) -> Page:
    markdown = render_template("cohort/page.md.j2", **cohort_context(entry, programme))
    path = f"{cohort_folder(entry)}/index.md"
    return Page(path, entry.cohort.name, markdown, entry.source, in_nav=False)


def cohort_context(entry: CohortEntry, programme: Programme) -> dict[str, Any]:
    """What the cohort page template may use; names only when the cohort publishes them."""
    cohort = entry.cohort
    variant = programme.group.variant(cohort.variant) if programme.group and cohort.variant else None
    return {
        "entry": entry,
        "c": cohort,
        "p": programme,
        "variant": variant,
        "participants": participants(entry),
        "names": _names(entry) if cohort.privacy.publish_names else None,
        "calendars": calendar_specs(entry),
        "plan_table": plan_table(entry, programme),
        "timeline": cohort_timeline(entry),  # the same facts as the tables, drawn (macros/plans.py)
        "pair_tables": [_meetings_table(f"Mødeplan for par {p.number}", p.meetings) for p in entry.plan.pairs],
        "due_rule": _due_rule_text(entry, programme),
        "pair_calendar": {spec.pair.number: spec for spec in calendar_specs(entry) if spec.pair},
    }


def participants(entry: CohortEntry) -> str:
    """Roles and counts, never names: "1 mentor og 6 mentees" or "4 par"."""
    cohort = entry.cohort
    mentors = f"{len(cohort.mentors)} {'mentor' if len(cohort.mentors) == 1 else 'mentorer'}"
    mentees = f"{len(cohort.mentees)} {'mentee' if len(cohort.mentees) == 1 else 'mentees'}"
    if cohort.pairs:
        return f"{len(cohort.pairs)} par ({mentors} og {mentees})"
    return f"{mentors} og {mentees}"


def _names(entry: CohortEntry) -> dict[str, Any]:
    """Published names by role; people without a name are counted, not named."""
    cohort = entry.cohort
    by_id = {person.id: person.name or "navn ikke oplyst" for person in cohort.people}
    return {
        "mentors": [p.name for p in cohort.mentors if p.name],
        "mentees": [p.name for p in cohort.mentees if p.name],
        "pairs": [(pair.number, by_id[pair.pair.mentor], by_id[pair.pair.mentee]) for pair in entry.plan.pairs],
    }


def plan_table(entry: CohortEntry, programme: Programme) -> Markup:
    """Meetings, homework deadlines and the mentors' meetings in time order."""
    rows = _meeting_rows(entry.plan.meetings)
    for planned in entry.plan.mentor_meetings:
        kind = "evaluering" if planned.meeting.kind == "evaluation" else "planlægning"
        place = planned.meeting.place or ("online" if planned.meeting.online else "")
        rows.append(_row(planned.start, planned.end, f"Mentorernes møde: {kind}", place))
    rows.sort(key=lambda row: row.start)
    return _table("Forløbets plan: møder, frister og mentorernes møder", rows)


def _meetings_table(caption: str, meetings: list[PlannedMeeting]) -> Markup:
    return _table(caption, _meeting_rows(meetings))


def _meeting_rows(meetings: list[PlannedMeeting]) -> list[PlanRow]:
    rows = []
    for planned in meetings:
        meeting = planned.meeting
        what = f"Møde {planned.number}" + (f": {meeting.theme}" if meeting.theme else "")
        place = meeting.place or ("online" if meeting.online else "")
        rows.append(_row(planned.start, planned.end, what, place))
        if planned.homework is not None:
            due = planned.homework.due_at
            rows.append(PlanRow(due, format_date(due.date()), f"senest kl. {due:%H.%M}", _due_what(planned), ""))
    return rows


def _due_what(planned: PlannedMeeting) -> str:
    return f"Frist for hjemmeopgaven efter møde {planned.number}"


def _row(start: dt.datetime, end: dt.datetime, what: str, place: str) -> PlanRow:
    return PlanRow(start, format_date(start.date()), f"{start:%H.%M}–{end:%H.%M}", what, place)


def _table(caption: str, rows: list[PlanRow]) -> Markup:
    template = environment().get_template("cohort/plan_table.html.j2")
    return Markup(template.render(caption=caption, rows=rows))


def _due_rule_text(entry: CohortEntry, programme: Programme) -> str:
    rule = entry.cohort.homework_due
    days = due_days(entry.cohort, programme)
    text = f"{days} {'dag' if days == 1 else 'dage'} før næste møde kl. {rule.time.replace(':', '.')}."
    if rule.weekends == "move_earlier":
        text += " Falder den dag på en weekend eller helligdag, rykkes fristen frem til arbejdsdagen før."
    return text
