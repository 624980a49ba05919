"""The cohort's plan in time: meeting times, homework due dates and pairs' rhythm.

Everything is Europe/Copenhagen local time. The plan is computed once in phase one,
so the rules, the pages, the calendars and the documents all see the same dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from ..model import Programme
from ..model.cohort import Cohort, DueRule, Homework, Meeting, MentorMeeting, Pair
from ..model.danish import MONTHS_DA
from ..model.programme import RhythmPhase

TZ = ZoneInfo("Europe/Copenhagen")
_OTHER = "vælg et andet klokkeslæt"
FALLBACK_DUE_DAYS = 2  # when neither the cohort nor the programme says
MAX_SUGGESTED = 60  # a pair's suggested plan never holds more meetings than a cohort file may


@dataclass(frozen=True)
class PlannedHomework:
    """A homework with its due date resolved."""

    homework: Homework
    due: dt.date
    due_at: dt.datetime  # aware, Europe/Copenhagen
    computed: bool  # True when the date comes from the rule, not from the file
    max_length: str | None
    hand_in: str | None


@dataclass(frozen=True)
class PlannedMeeting:
    """A meeting with aware start and end times and the homework that follows it."""

    meeting: Meeting
    number: int  # 1-based, in the order of the file
    start: dt.datetime
    end: dt.datetime
    homework: PlannedHomework | None
    suggested: bool = False  # True for a pair's meeting from the rhythm


@dataclass(frozen=True)
class PlannedMentorMeeting:
    """One of the mentors' own meetings, with aware times."""

    meeting: MentorMeeting
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class PlannedPair:
    """A pair and its meetings: their own or the suggested plan."""

    pair: Pair
    number: int
    meetings: list[PlannedMeeting]
    suggested: bool


@dataclass(frozen=True)
class CohortPlan:
    """The whole plan of a cohort."""

    meetings: list[PlannedMeeting]
    mentor_meetings: list[PlannedMentorMeeting]
    pairs: list[PlannedPair]


def local(day: dt.date, clock: str) -> dt.datetime:
    """`2027-02-04` and `"17:00"` → an aware datetime in Copenhagen time.

    The files' own times are checked by `local_time_problem` first. A computed one (a
    deadline kept on a Sunday) is resolved explicitly: in the spring gap it moves an
    hour on, as a clock would; in the autumn fold it is the first of the two.
    """
    hour, minute = (int(part) for part in clock.split(":"))
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
    return moment.astimezone(dt.UTC).astimezone(TZ)


def local_time_problem(day: dt.date, clock: str) -> str | None:
    """Why a date and time cannot be one moment in Danish time, or None."""
    hour, minute = (int(part) for part in clock.split(":"))
    naive = dt.datetime(day.year, day.month, day.day, hour, minute)
    first, second = naive.replace(tzinfo=TZ), naive.replace(tzinfo=TZ, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    when = f"kl. {hour:02d}.{minute:02d} den {day.day}. {MONTHS_DA[day.month - 1]} {day.year}"
    if first.astimezone(dt.UTC).astimezone(TZ).replace(tzinfo=None) != naive:
        return f"{when} findes ikke i dansk tid: uret stilles frem fra 2.00 til 3.00 den nat; vælg et andet klokkeslæt"
    return (
        f"{when} findes to gange i dansk tid: uret stilles tilbage fra 3.00 til 2.00 den nat; vælg et andet klokkeslæt"
    )


def after(start: dt.datetime, length: dt.timedelta) -> dt.datetime:
    """The moment `length` of real time after `start`, also across a change to or from summer time."""
    return (start.astimezone(dt.UTC) + length).astimezone(TZ)


def due_date(next_meeting: dt.date, days_before: int, weekends: str = "move_earlier") -> dt.date:
    """The day `days_before` days before the next meeting, moved back to the last working day
    before it if it falls on a weekend or a Danish public holiday (unless `weekends` is "keep")."""
    due = next_meeting - dt.timedelta(days=days_before)
    while weekends == "move_earlier" and not is_working_day(due):
        due -= dt.timedelta(days=1)
    return due


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a Danish public holiday."""
    return day.weekday() < 5 and day not in danish_holidays(day.year)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day."""
    year, month = divmod(day.month - 1 + months, 12)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(day.year + year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@cache
def danish_holidays(year: int) -> frozenset[dt.date]:
    """The public holidays of Denmark (store bededag was abolished from 2024)."""
    easter = _easter(year)
    moving = [-3, -2, 0, 1, 39, 49, 50]  # skærtorsdag … 2. pinsedag, counted from Easter Sunday
    fixed = [(1, 1), (6, 5), (12, 24), (12, 25), (12, 26)]  # incl. grundlovsdag and juleaftensdag
    return frozenset([easter + dt.timedelta(days=d) for d in moving] + [dt.date(year, m, d) for m, d in fixed])


def _easter(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def due_days(cohort: Cohort, programme: Programme) -> int:
    """Days before the next meeting: the cohort's rule, else the programme's, else two."""
    if cohort.homework_due.days_before is not None:
        return cohort.homework_due.days_before
    if programme.group is not None:
        return programme.group.homework.due_days_before
    return FALLBACK_DUE_DAYS


def default_hours(programme: Programme) -> float:
    """A meeting's length when the file does not give one."""
    if programme.group:
        return programme.group.meeting_hours
    return programme.network.meeting_hours if programme.network else programme.meeting_guide.length.max


def plan_cohort(cohort: Cohort, programme: Programme) -> CohortPlan:
    """Resolve every time and date of a cohort."""
    meetings = plan_meetings(cohort.meetings, cohort, programme)
    mentor_meetings = [
        PlannedMentorMeeting(m, local(m.date, m.start), after(local(m.date, m.start), _hours(m.hours)))
        for m in cohort.mentor_meetings
    ]
    pairs = [plan_pair(pair, number, cohort, programme) for number, pair in enumerate(cohort.pairs, 1)]
    return CohortPlan(meetings, mentor_meetings, pairs)


def plan_meetings(
    meetings: list[Meeting], cohort: Cohort, programme: Programme, suggested: bool = False
) -> list[PlannedMeeting]:
    """Times and homework due dates for a list of meetings in file order."""
    planned = []
    for index, meeting in enumerate(meetings):
        following = meetings[index + 1] if index + 1 < len(meetings) else None
        start = local(meeting.date, meeting.start)
        hours = meeting.hours or default_hours(programme)
        homework = _plan_homework(meeting.homework, following, cohort, programme)
        planned.append(PlannedMeeting(meeting, index + 1, start, after(start, _hours(hours)), homework, suggested))
    return planned


def _plan_homework(
    homework: Homework | None, following: Meeting | None, cohort: Cohort, programme: Programme
) -> PlannedHomework | None:
    if homework is None or (homework.due is None and following is None):
        return None  # the rules report a last homework without a date
    rule: DueRule = cohort.homework_due
    computed = homework.due is None
    due = homework.due or due_date(following.date, due_days(cohort, programme), rule.weekends)  # type: ignore[union-attr]
    policy = programme.group.homework if programme.group else None
    max_length = homework.max_length or (policy.max_pages if policy else None)
    hand_in = homework.hand_in or (policy.hand_in if policy else None)
    return PlannedHomework(homework, due, local(due, rule.time), computed, max_length, hand_in)


def plan_pair(pair: Pair, number: int, cohort: Cohort, programme: Programme) -> PlannedPair:
    """A pair's own meetings, or a plan suggested by the programme's rhythm."""
    if pair.meetings:
        return PlannedPair(pair, number, plan_meetings(pair.meetings, cohort, programme), suggested=False)
    defaults = cohort.pair_defaults
    first = pair.first_meeting or cohort.start
    dates = suggest_dates(first, cohort.end, programme.meeting_guide.rhythm.phases)
    clock = pair.time or (defaults.time if defaults else "09:00")
    hours = defaults.hours if defaults else None
    place, online = (defaults.place, defaults.online) if defaults else (None, None)
    meetings = [
        Meeting(id=f"moede-{n}", date=day, start=clock, hours=hours, place=place, online=online)
        for n, day in enumerate(dates, 1)
    ]
    return PlannedPair(pair, number, plan_meetings(meetings, cohort, programme, suggested=True), suggested=True)


def suggest_dates(first: dt.date, end: dt.date, phases: list[RhythmPhase]) -> list[dt.date]:
    """Meeting dates from `first` to `end`, spaced by the rhythm phase each date falls in.

    Within a phase the spacing is the middle of its range rounded down to whole weeks,
    so the weekday stays the same: 2–4 weeks → every 3rd week, 5–6 weeks → every 5th.
    A date on a weekend or public holiday moves to the next working day.
    """
    anchors = [first]
    while True:
        weeks = _interval_weeks(_months_between(first, anchors[-1]), phases)
        following = anchors[-1] + dt.timedelta(weeks=weeks)
        if _next_working_day(following) > end or len(anchors) == MAX_SUGGESTED:
            return [_next_working_day(day) for day in anchors]
        anchors.append(following)


def _next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _interval_weeks(months: int, phases: list[RhythmPhase]) -> int:
    current = [p for p in sorted(phases, key=lambda p: p.from_month) if p.from_month <= months]
    if not current:
        return 4  # no rhythm described: about once a month
    phase = current[-1]
    return max(1, (phase.interval_weeks_min + phase.interval_weeks_max) // 2)


def _months_between(start: dt.date, day: dt.date) -> int:
    """Whole months from `start` to `day`: 1 Feb → 28 Feb is 0, 1 Feb → 1 Mar is 1."""
    months = (day.year - start.year) * 12 + day.month - start.month
    return months - 1 if day.day < start.day else months


def time_problems(cohort: Cohort) -> list[tuple[tuple[str | int, ...], str]]:
    """(key path, message) for each time in the file that is missing or doubled in Danish time."""
    found = []
    for path, day, clock in _file_times(cohort):
        message = local_time_problem(day, clock)
        if message:
            found.append((path, message))
    return found


def _file_times(cohort: Cohort) -> list[tuple[tuple[str | int, ...], dt.date, str]]:
    times: list[tuple[tuple[str | int, ...], dt.date, str]] = []
    lists: list[tuple[tuple[str | int, ...], list[Meeting]]] = [(("meetings",), cohort.meetings)]
    lists += [(("pairs", n, "meetings"), pair.meetings) for n, pair in enumerate(cohort.pairs)]
    for base, meetings in lists:
        for i, meeting in enumerate(meetings):
            times.append(((*base, i, "start"), meeting.date, meeting.start))
            if meeting.homework is not None and meeting.homework.due is not None:
                times.append(((*base, i, "homework", "due"), meeting.homework.due, cohort.homework_due.time))
    times += [(("mentor_meetings", i, "start"), m.date, m.start) for i, m in enumerate(cohort.mentor_meetings)]
    return times


def _hours(hours: float) -> dt.timedelta:
    return dt.timedelta(minutes=round(hours * 60))
