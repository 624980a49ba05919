"""What the timelines show: a cohort's dates, and the group model's phases in weeks."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..loading.cohorts import CohortEntry
from ..model import Programme
from ..model.danish import MONTHS_DA, hours_range, number_words
from .timeline import Lane, Mark, timeline_svg

SHORT_MONTHS = [m[:3] + "." if len(m) > 4 else m for m in MONTHS_DA]  # "jan.", "maj", "juni"


def cohort_timeline(entry: CohortEntry) -> Markup:
    """The cohort's meetings, deadlines and mentors' meetings; a lane per pair for pair cohorts."""
    start = entry.cohort.start
    if entry.plan.pairs:
        lanes = [
            Lane(f"Par {p.number}", [_at(start, m.start, "meeting", str(m.number)) for m in p.meetings])
            for p in entry.plan.pairs
        ]
        what = "parrenes møder, et spor for hvert par"
    else:
        lanes = [Lane("", _group_marks(entry))]
        what = _group_contents(entry)
    desc = (
        f"Tidslinje fra {_day(start)} til {_day(entry.cohort.end)} med {what}. "
        "Alle datoer og tidspunkter står også i tabellerne på siden."
    )
    return timeline_svg(
        "tidslinje", f"Tidslinje for {entry.cohort.name}", desc, lanes, _month_ticks(start, entry.cohort.end)
    )


def _group_contents(entry: CohortEntry) -> str:
    """Names only what the timeline holds: a network without homework has no deadlines."""
    parts = ["møder"]
    parts += ["frister for hjemmeopgaverne"] if any(m.homework for m in entry.plan.meetings) else []
    parts += ["mentorernes møder"] if entry.plan.mentor_meetings else []
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} og {parts[-1]}"


def _group_marks(entry: CohortEntry) -> list[Mark]:
    start = entry.cohort.start
    marks = []
    for m in entry.plan.meetings:
        marks.append(_at(start, m.start, "meeting", f"Møde {m.number}"))
        if m.homework is not None:
            marks.append(_at(start, m.homework.due_at, "deadline", f"Frist efter møde {m.number}"))
    for planned in entry.plan.mentor_meetings:
        kind = "evaluation" if planned.meeting.kind == "evaluation" else "mentors"
        label = "Mentorernes evaluering" if kind == "evaluation" else "Mentorernes planlægning"
        marks.append(_at(start, planned.start, kind, label))
    return marks


def _at(start: dt.date, when: dt.datetime, kind: str, label: str) -> Mark:
    offset = (when.date() - start).days + when.hour / 24
    return Mark(offset, kind, label, f"{when.day}. {SHORT_MONTHS[when.month - 1]}")


def _month_ticks(start: dt.date, end: dt.date) -> list[tuple[float, str]]:
    ticks: list[tuple[float, str]] = []
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        if month >= start:
            ticks.append(((month - start).days, f"{SHORT_MONTHS[month.month - 1]} {month.year}"))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return ticks


def _day(day: dt.date) -> str:
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


def method_marks(p: Programme) -> list[Mark]:
    """The group model's course in weeks: start-up, meetings, deadlines and the mentors' meetings."""
    g = p.group
    if g is None:
        return []
    week = 7 * g.interval_weeks
    marks = [Mark(0, "phase", g.intro_phase.title, "uge 0")]
    for n in range(1, g.meeting_count + 1):
        at = week * n
        hours = f"{n}. gruppemøde ({hours_range(g.meeting_hours, g.meeting_hours)})"
        marks.append(Mark(at, "meeting", f"{n}. gruppemøde", f"uge {at // 7}", hours))
        if n < g.meeting_count:
            both = "Mentorerne holder evaluerings- og planlægningsmøde"
            marks.append(Mark(at + 7, "mentors", "Mentorernes møder", f"uge {at // 7 + 1}", both))
            due = at + week - g.homework.due_days_before
            whole = f"Hjemmeopgaven afleveres {number_words(g.homework.due_days_before)} dage før næste møde"
            marks.append(Mark(due, "deadline", "Frist for hjemmeopgaven", f"uge {due // 7}", whole))
    end = week * g.meeting_count + 7
    closing = "Afslutning: hele forløbet evalueres"
    if g.variants:
        closing += ", og hvor varianten lægger op til det, holder mentor en personlig samtale med hver deltager"
    marks.append(Mark(end, "phase", "Afslutning", f"uge {end // 7}", closing))
    return sorted(marks, key=lambda mark: mark.offset)


def method_timeline(p: Programme) -> Markup:
    """The group model's phases drawn like a cohort's timeline, from the programme's numbers."""
    g = p.group
    if g is None:
        return Markup("")
    marks = method_marks(p)
    weeks = g.interval_weeks * g.meeting_count
    ticks = [(7.0 * w, f"uge {w}") for w in range(0, weeks + 1, g.interval_weeks)]
    desc = (
        f"Forløbet begynder med en {g.intro_phase.title.lower()} og har {number_words(g.meeting_count, 'neuter')} "
        f"gruppemøder med cirka {number_words(g.interval_weeks)} ugers mellemrum. Mellem møderne afleverer "
        "mentees en hjemmeopgave, og mentorerne holder deres egne møder. Til sidst evalueres hele forløbet. "
        "Listen under tegningen siger det samme i ord."
    )
    return timeline_svg("faser", "Gruppeforløbets faser", desc, [Lane("", marks)], ticks)


def _hours(value: float) -> str:
    return f"{value:g}".replace(".", ",")
