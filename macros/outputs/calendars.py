"""Calendar files (.ics) for each cohort and role.

A group cohort gets one calendar for mentees (group meetings and homework deadlines
with a reminder) and one for mentors (the same plus the mentors' own meetings); a
one-to-one round gets one calendar per pair. Times are Europe/Copenhagen with a
VTIMEZONE built from RRULEs: icalendar's own `add_missing_timezones()` writes RDATE
lists that ical.js and vobject misread by an hour in summer. UIDs are derived from
the programme, cohort and meeting ids (not from dates), so re-importing a changed
calendar updates the events instead of duplicating them. Each event is a list of
content lines; outputs/ics.py escapes and folds them (fast enough for thousands of cohorts).
SEQUENCE, LAST-MODIFIED and cancelled meetings come from the cohort file's git
history (outputs/calendar_history.py, outputs/event_changes.py); the feed asks to be fetched twice a day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable
from functools import cache

from ..loading.cohorts import CohortEntry
from ..loading.schedule import TZ, PlannedMeeting, PlannedMentorMeeting
from ..model import Programme
from ..model.danish import format_date
from ..rendering.calendar_files import CalendarSpec, Role
from .event_changes import CalendarHistory, Event
from .ics import local_time, serialize, text, utc_time, verbatim

TZID = "Europe/Copenhagen"
PRODID = "-//Mentorhåndbogen//Forløbskalender//DA"
UID_DOMAIN = "mentorhaandbog"
REMINDER = "-P1D"  # homework reminder: a day before the deadline (an RFC 5545 duration)
# A meeting reminds twice: the day before, to read the questions and do the homework,
# and two hours before, to leave work or other tasks in time and find the room or link.
MEETING_REMINDERS = (("-P1D", "I morgen"), ("-PT2H", "Om to timer"))
REFRESH = "PT12H"  # how often a subscribing client should fetch the feed (Google ignores it)
# »Aftales i parret«, »oplyses senere«: a place still to be agreed is no address for a map.
PLACEHOLDER = re.compile(r"^\s*\?|\b(aftales|oplyses|meldes ud|følger|senere|ukendt|tbd|tba)\b", re.IGNORECASE)
DEADLINE = dt.timedelta(minutes=15)  # a deadline shows as a short, non-blocking event
LEADS: tuple[Role, ...] = ("mentor", "process_consultant")  # their calendars add their own meetings


def export_calendar(
    entry: CohortEntry, programme: Programme, spec: CalendarSpec, history: CalendarHistory | None = None
) -> bytes:
    """One calendar file as RFC 5545 bytes; `history` gives SEQUENCE, LAST-MODIFIED and cancellations."""
    name = f"{entry.cohort.name} – {spec.title.removeprefix('Kalender for ')}"
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{text(PRODID)}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    head += [f"X-WR-CALNAME:{verbatim(name)}", f"X-WR-TIMEZONE:{TZID}"]
    head += [f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}", f"X-PUBLISHED-TTL:{REFRESH}", *copenhagen()]
    # Removed meetings stay, cancelled, until the cohort has ended; then they are just gone.
    keep_cancelled = build_day() <= entry.cohort.end
    events = (history or CalendarHistory()).apply(calendar_events(entry, programme, spec), keep_cancelled)
    return serialize([*head, *(line for event in events for line in event), "END:VCALENDAR"])


def calendar_events(entry: CohortEntry, programme: Programme, spec: CalendarSpec) -> list[Event]:
    """The events of one calendar, without SEQUENCE and LAST-MODIFIED (outputs/event_changes.py adds them)."""
    return list(_events(entry, programme, spec))


@cache
def copenhagen() -> tuple[str, ...]:
    """Europe/Copenhagen as a VTIMEZONE with RRULE transitions (EU rules since 1996)."""
    daylight = _transition("DAYLIGHT", 3, 2, 1, "CEST")
    standard = _transition("STANDARD", 10, 3, 2, "CET")
    return ("BEGIN:VTIMEZONE", f"TZID:{TZID}", f"X-LIC-LOCATION:{TZID}", *daylight, *standard, "END:VTIMEZONE")


def _transition(part: str, month: int, hour: int, before: int, name: str) -> list[str]:
    """From 1970 on, the last Sunday of `month` at `hour` local time, UTC+`before` changes to the other."""
    start = dt.datetime(1970, month, 29 if month == 3 else 25, hour)  # both Sundays in 1970
    return [
        f"BEGIN:{part}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",
        f"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH={month}",
        f"TZNAME:{name}",
        f"TZOFFSETFROM:+{before:02d}00",
        f"TZOFFSETTO:+{3 - before:02d}00",  # +1 ↔ +2
        f"END:{part}",
    ]


def _events(entry: CohortEntry, programme: Programme, spec: CalendarSpec) -> Iterable[Event]:
    if spec.pair is not None:
        yield from _meeting_events(entry, programme, spec.pair.meetings, "pair", f"{spec.pair.pair.id}/")
        return
    yield from _meeting_events(entry, programme, entry.plan.meetings, spec.role, "")
    if spec.role == "mentor":
        yield from (_mentor_meeting_event(entry, programme, m) for m in entry.plan.mentor_meetings)


def _meeting_events(
    entry: CohortEntry, programme: Programme, meetings: list[PlannedMeeting], role: Role, scope: str
) -> Iterable[Event]:
    total = len(meetings)
    for planned in meetings:
        yield _meeting_event(entry, programme, planned, total, role, scope)
        if planned.homework is not None:
            yield _deadline_event(entry, planned, role, scope)


def _meeting_event(
    entry: CohortEntry, programme: Programme, planned: PlannedMeeting, total: int, role: Role, scope: str
) -> Event:
    meeting = planned.meeting
    kind = "Mentormøde" if role == "pair" else "Netværksmøde" if programme.network else "Gruppemøde"
    summary = f"{kind} {planned.number} af {total}" + (f": {meeting.theme}" if meeting.theme else "")
    lines = [entry.cohort.name, *_people(entry, scope), *_place_lines(meeting.place, meeting.online)]
    lines += _reflection_lines(programme, role)
    if planned.homework is not None:
        lines.append(f"Efter mødet: hjemmeopgave med frist {_when(planned.homework.due_at)}.")
    if planned.suggested:
        lines.append("Datoen er et forslag ud fra ordningens rytme; parret kan aftale en anden.")
    extra = _place(meeting.place, meeting.online) + _meeting_reminders(summary, planned.start)
    return _event(_uid(entry, f"{scope}{meeting.id}"), summary, planned.start, planned.end, lines, extra)


def _deadline_event(entry: CohortEntry, planned: PlannedMeeting, role: Role, scope: str) -> Event:
    homework = planned.homework
    assert homework is not None
    who = {"mentor": "mentees' besvarelser", "process_consultant": "deltagernes besvarelser"}.get(role, "hjemmeopgave")
    summary = f"Frist for {who} efter møde {planned.number}"
    lines = [entry.cohort.name, *([homework.homework.title] if homework.homework.title else [])]
    lines += _list("Opgaver:", homework.homework.tasks) + _list("Refleksionsspørgsmål:", homework.homework.questions)
    lines += [f"Omfang: {homework.max_length}."] if homework.max_length else []
    lines += [f"Aflevering: {homework.hand_in}."] if homework.hand_in else []
    lines.append("Besvarelserne deles med gruppen." if homework.homework.shared else "Besvarelsen er fortrolig.")
    start = homework.due_at
    extra = ["TRANSP:TRANSPARENT"]
    if role not in LEADS:
        extra += _reminder(f"Husk hjemmeopgaven: frist {_when(start)}.")
    return _event(_uid(entry, f"{scope}{planned.meeting.id}/frist"), summary, start, start + DEADLINE, lines, extra)


def _mentor_meeting_event(entry: CohortEntry, programme: Programme, planned: PlannedMentorMeeting) -> Event:
    meeting = planned.meeting
    kind = "evaluering" if meeting.kind == "evaluation" else "planlægning"
    lines = [entry.cohort.name, *_place_lines(meeting.place, meeting.online)]
    design = programme.group.mentor_meetings if programme.group else None
    if design is not None:
        lines.append(design.evaluation if meeting.kind == "evaluation" else design.planning)
    lines += [meeting.note] if meeting.note else []
    summary = f"Mentorernes møde: {kind}"
    extra = _place(meeting.place, meeting.online) + _meeting_reminders(summary, planned.start)
    return _event(_uid(entry, f"mentorer/{meeting.id}"), summary, planned.start, planned.end, lines, extra)


def _event(uid: str, summary: str, start: dt.datetime, end: dt.datetime, lines: list[str], extra: list[str]) -> Event:
    """A VEVENT; `extra` holds the lines after the description (place, transparency, alarm)."""
    return [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(summary)}",
        _moment("DTSTART", start),
        _moment("DTEND", end),
        utc_time("DTSTAMP", stamp()),
        f"UID:{text(uid)}",
        f"DESCRIPTION:{text(chr(10).join(' '.join(line.split()) for line in lines))}",
        *extra,
        "END:VEVENT",
    ]


def _moment(name: str, moment: dt.datetime) -> str:
    """Local time in the calendar's zone; in UTC when the local time is the second of two in the
    autumn fold, which a calendar would read as the first (RFC 5545 §3.3.5)."""
    moment = moment.astimezone(TZ)
    if moment.fold and moment.utcoffset() != moment.replace(fold=0).utcoffset():
        return utc_time(name, moment)
    return local_time(name, moment, TZID)


def _reminder(description: str, trigger: str = REMINDER) -> list[str]:
    return ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{text(description)}", f"TRIGGER:{trigger}", "END:VALARM"]


def _meeting_reminders(summary: str, start: dt.datetime) -> list[str]:
    moment = f"kl. {start.astimezone(TZ):%H.%M}"
    return [line for trigger, when in MEETING_REMINDERS for line in _reminder(f"{when} {moment}: {summary}", trigger)]


def is_placeholder(place: str) -> bool:
    """A place still to be agreed (»Aftales i parret«): it goes in the description, not LOCATION."""
    return PLACEHOLDER.search(" ".join(place.split())) is not None


def _place(place: str | None, online: str | None) -> list[str]:
    where = (place if place and not is_placeholder(place) else None) or online
    lines = [f"LOCATION:{text(where)}"] if where else []
    if online:
        lines.append(f"URL:{verbatim(online)}")
    return lines


def _place_lines(place: str | None, online: str | None) -> list[str]:
    return [f"Sted: {place}"] * bool(place) + [f"Online: {online}"] * bool(online)


def _reflection_lines(programme: Programme, role: Role) -> list[str]:
    """The programme's reflection questions for this role, before and at the end of a meeting."""
    lines = []
    for block in programme.meeting_guide.reflection:
        if role in (block.asked_by, "pair"):
            who = "" if role != "pair" else ("Mentee" if block.asked_by == "mentee" else "Mentor") + ", "
            if role == "pair" and block.asked_by not in ("mentee", "mentor"):
                continue
            moment = "før mødet" if block.moment == "before" else "ved mødets afslutning"
            lines += _list(f"{who}{moment}:".capitalize(), block.questions)
    return lines


def _list(heading: str, items: list[str]) -> list[str]:
    return ["", heading, *(f"- {' '.join(item.split())}" for item in items)] if items else []


def _people(entry: CohortEntry, scope: str) -> list[str]:
    """Names only when the cohort publishes them; never departments or managers."""
    cohort = entry.cohort
    if not cohort.privacy.publish_names:
        return []
    if scope:
        pair = next(p.pair for p in entry.plan.pairs if scope == f"{p.pair.id}/")
        names = {person.id: person.name for person in cohort.people}
        return [f"Mentor: {names[pair.mentor] or 'ikke oplyst'}. Mentee: {names[pair.mentee] or 'ikke oplyst'}."]
    if cohort.is_network:
        consultant = cohort.process_consultant.name if cohort.process_consultant else None
        participants = ", ".join(p.name for p in cohort.participants if p.name)
        lines = (
            f"Proceskonsulent: {consultant}." * bool(consultant),
            f"Deltagere: {participants}." * bool(participants),
        )
        return [line for line in lines if line]
    mentors = ", ".join(p.name for p in cohort.mentors if p.name)
    mentees = ", ".join(p.name for p in cohort.mentees if p.name)
    return [line for line in (f"Mentor: {mentors}." * bool(mentors), f"Mentees: {mentees}." * bool(mentees)) if line]


def _when(moment: dt.datetime) -> str:
    return f"{format_date(moment.date())} kl. {moment:%H.%M}"


def _uid(entry: CohortEntry, local_id: str) -> str:
    """Stable and opaque: person ids in pair scopes never show in the file."""
    key = f"{entry.programme}/{entry.id}/{local_id}"
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


def build_day() -> dt.date:
    """The day of this build in Danish time (SOURCE_DATE_EPOCH's day for reproducible builds)."""
    return stamp().astimezone(TZ).date()


@cache
def stamp() -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH for reproducible builds, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0)
