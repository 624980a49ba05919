"""Phase two for cohorts: a page per cohort, a list per programme, and the calendars.

Cohort pages stay out of the global navigation (Material renders the whole nav into
every page, so hundreds of cohorts there would make every build slower): each
programme's "Forløb" page lists its cohorts by year and links to them. Every cohort
costs one page and a few calendars, whatever the number of cohorts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from typing import Any
from urllib.parse import quote, urljoin

from markupsafe import Markup

from ..loading.catalogue import Catalogue
from ..loading.cohorts import CohortEntry
from ..loading.programme_entry import ProgrammeEntry
from ..loading.schedule import PlannedMeeting, due_days, local
from ..model import Programme
from ..model.danish import format_date, number_words
from .downloads import downloads
from .evaluation import questionnaires
from .plans import cohort_timeline
from .programme_pages import Page
from .published_files import PublishedFile, files_of_cohort
from .site_paths import COHORTS_FOLDER, cohort_folder, programme_page_path
from .templating import environment, render_template
from .words import role_title, words

GOOGLE_ADD = "https://calendar.google.com/calendar/render?cid="  # Google's »add by URL«, given a webcal:// URL
LIST_TITLE = "Forløb"


@dataclass(frozen=True)
class PlanRow:
    """One line of a cohort's plan: a meeting, a deadline or a mentors' meeting."""

    start: dt.datetime
    day: str
    time: str
    what: str
    place: str


@dataclass(frozen=True)
class Subscription:
    """Where to subscribe to one calendar: webcal:// for Apple and Outlook, and Google's own link."""

    webcal: str
    google: str


def subscription(site_url: str, calendar: PublishedFile) -> Subscription:
    """The calendar's published address (site_url from mkdocs.yml) as subscribe links."""
    address = urljoin(site_url.rstrip("/") + "/", calendar.path)
    webcal = "webcal://" + address.split("://", 1)[-1]
    return Subscription(webcal, GOOGLE_ADD + quote(webcal, safe=""))


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


def render_cohort_pages(catalogue: Catalogue, site_url: str | None = None) -> list[Page]:
    """One page per cohort, kept out of the global navigation; subscribe links need `site_url`."""
    return [_render_page(entry, catalogue.programme_of(entry), site_url) for entry in catalogue.cohorts]


def _render_page(entry: CohortEntry, programme: Programme, site_url: str | None) -> Page:
    markdown = render_template("cohort/page.md.j2", **cohort_context(entry, programme, site_url))
    path = f"{cohort_folder(entry)}/index.md"
    return Page(path, entry.cohort.name, markdown, entry.source, in_nav=False)


def cohort_context(entry: CohortEntry, programme: Programme, site_url: str | None = None) -> dict[str, Any]:
    """What the cohort page template may use; names only when the cohort publishes them."""
    cohort = entry.cohort
    files = files_of_cohort(entry, programme)
    calendars = [file for file in files if file.kind == "calendar"]
    variant = programme.group.variant(cohort.variant) if programme.group and cohort.variant else None
    return {
        "entry": entry,
        "c": cohort,
        "p": programme,
        "variant": variant,
        "participants": participants(entry),
        "names": _names(entry) if cohort.privacy.publish_names else None,
        "calendars": calendars,
        "subscriptions": {file.name: subscription(site_url, file) for file in calendars} if site_url else None,
        "downloads": downloads(files, ("document", "homework")),  # documents/cohort_downloads.md.j2
        "plan_table": plan_table(entry, programme),
        "timeline": cohort_timeline(entry),  # the same facts as the tables, drawn (macros/rendering/plans.py)
        "pair_tables": [_meetings_table(f"Mødeplan for par {p.number}", p.meetings) for p in entry.plan.pairs],
        "due_rule": _due_rule_text(entry, programme),
        "pair_calendar": {int(file.recipe.part): file for file in calendars if file.recipe.part.isdigit()},
        "evaluation_files": by_part(files, "evaluation"),  # cohort/coordinators_year.md.j2
        "has_homework": any(m.homework for m in entry.plan.meetings),
        "meeting_label": _meeting_label(programme),
        "w": words(programme),
        "role_title": partial(role_title, programme),
    }


def by_part(files: list[PublishedFile], kind: str) -> dict[str, list[PublishedFile]]:
    """The files of one kind by their recipe's part, e.g. each questionnaire's DOCX and ODT."""
    found: dict[str, list[PublishedFile]] = {}
    for file in files:
        if file.kind == kind:
            found.setdefault(file.recipe.part, []).append(file)
    return found


def participants(entry: CohortEntry) -> str:
    """Roles and counts in words, never names: "én mentor og seks mentees", "fire par" or "otte deltagere og én
    proceskonsulent"."""
    cohort = entry.cohort
    if cohort.is_network:
        count = len(cohort.participants)
        return f"{number_words(count)} {'deltager' if count == 1 else 'deltagere'} og én proceskonsulent"
    mentors = f"{number_words(len(cohort.mentors))} {'mentor' if len(cohort.mentors) == 1 else 'mentorer'}"
    mentees = f"{number_words(len(cohort.mentees))} {'mentee' if len(cohort.mentees) == 1 else 'mentees'}"
    if cohort.pairs:
        return f"{number_words(len(cohort.pairs), 'neuter')} par ({mentors} og {mentees})"
    return f"{mentors} og {mentees}"


def _names(entry: CohortEntry) -> dict[str, Any]:
    """Published names by role; people without a name are counted, not named."""
    cohort = entry.cohort
    by_id = {person.id: person.name or "navn ikke oplyst" for person in cohort.people}
    consultant = cohort.process_consultant
    return {
        "participants": [p.name for p in cohort.participants if p.name],
        "consultant": consultant.name if consultant and consultant.name else None,
        "mentors": [p.name for p in cohort.mentors if p.name],
        "mentees": [p.name for p in cohort.mentees if p.name],
        "pairs": [(pair.number, by_id[pair.pair.mentor], by_id[pair.pair.mentee]) for pair in entry.plan.pairs],
    }


def plan_table(entry: CohortEntry, programme: Programme) -> Markup:
    """Meetings, homework deadlines and the mentors' meetings in time order."""
    rows = _meeting_rows(entry.plan.meetings, _meeting_label(programme))
    for planned in entry.plan.mentor_meetings:
        kind = "evaluering" if planned.meeting.kind == "evaluation" else "planlægning"
        place = planned.meeting.place or ("online" if planned.meeting.online else "")
        rows.append(_row(planned.start, planned.end, f"Mentorernes møde: {kind}", place))
    for form in questionnaires(entry, programme):  # issue 12: the evaluation points, all day
        rows.append(PlanRow(local(form.date, "00:00"), format_date(form.date), "hele dagen", form.title, ""))
    rows.sort(key=lambda row: row.start)
    return _table(_plan_caption(entry), rows)


def _plan_caption(entry: CohortEntry) -> str:
    """Names only what the plan holds: a network without homework has no deadlines."""
    parts = ["møder"]
    parts += ["frister"] if any(m.homework for m in entry.plan.meetings) else []
    parts += ["mentorernes møder"] if entry.plan.mentor_meetings else []
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} og {parts[-1]}"
    return f"Forløbets plan: {listed}"


def _meetings_table(caption: str, meetings: list[PlannedMeeting]) -> Markup:
    return _table(caption, _meeting_rows(meetings))


def _meeting_label(programme: Programme) -> str:
    """What a meeting is called in the plan: »Netværksmøde 3« in a network, else »Møde 3«."""
    return "Netværksmøde" if programme.network else "Møde"


def _meeting_rows(meetings: list[PlannedMeeting], label: str = "Møde") -> list[PlanRow]:
    rows = []
    for planned in meetings:
        meeting = planned.meeting
        what = f"{label} {planned.number}" + (f": {meeting.theme}" if meeting.theme else "")
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
    text = f"{number_words(days)} {'dag' if days == 1 else 'dage'} før næste møde kl. {rule.time.replace(':', '.')}."
    if rule.weekends == "move_earlier":
        text += " Falder den dag på en weekend eller helligdag, rykkes fristen frem til arbejdsdagen før."
    return text
