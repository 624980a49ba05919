"""Bounds and time: far-off dates, endless rounds and Danish summer time give a message or a true plan.

A date in year 9999 once ended in OverflowError, a round ending in 9998 filled the
memory with suggested meetings, and a meeting in the night summer time begins or ends
made the page and the calendar disagree. Each is now a Danish message at the field's
line within seconds, or a plan whose times are real elapsed time on page and calendar.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import icalendar
import pytest
import vobject

from macros.loading.catalogue import load_catalogue
from macros.outputs.calendars import export_calendar
from macros.rendering.calendar_files import calendar_specs
from macros.rendering.cohort_pages import render_cohort_pages
from tests.conftest import copy_project
from tests.refusal import refused
from tests.test_hostile import COHORT, cohort_with, run_limited

MIB = 1024 * 1024
ONE_MEETING = '      - id: moede-5\n        date: 2027-06-01\n        start: "08:30"\n        hours: 2\n'
OUTSIDE = "datoen {} ligger uden for årene 2000–2100"
SPRING = (
    "kl. 02.30 den 28. marts 2027 findes ikke i dansk tid: uret stilles frem fra 2.00 til 3.00 den nat; "
    "vælg et andet klokkeslæt"
)
AUTUMN = (
    "kl. 02.30 den 31. oktober 2027 findes to gange i dansk tid: uret stilles tilbage fra 3.00 til 2.00 den nat; "
    "vælg et andet klokkeslæt"
)


def with_meeting(date: str, start: str, hours: str = "2") -> str:
    """The one-to-one round, running to the end of November, with pair 3's last meeting moved."""
    text, _ = cohort_with("end: 2027-06-25", "end: 2027-11-30")
    new = f'      - id: moede-5\n        date: {date}\n        start: "{start}"\n        hours: {hours}\n'
    assert ONE_MEETING in text
    return text.replace(ONE_MEETING, new)


def line_with(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def cases() -> list[tuple[str, str, str]]:
    start = cohort_with("start: 2027-01-11", "start: 9999-01-11")
    end = cohort_with("end: 2027-06-25", "end: 9998-12-31")
    long = cohort_with("end: 2027-06-25", "end: 2031-06-25")
    spring = with_meeting("2027-03-28", "02:30")
    autumn = with_meeting("2027-10-31", "02:30")
    key = "pairs[2].meetings[4].start"
    clock = 'start: "02:30"'
    return [
        ("year 9999", start[0], f"{COHORT}:{start[1]}:1: fejl: start: {OUTSIDE.format('9999-01-11')}"),
        ("round to 9998", end[0], f"{COHORT}:{end[1]}:1: fejl: end: {OUTSIDE.format('9998-12-31')}"),
        (
            "four years",
            long[0],
            f"{COHORT}:{long[1]}:1: fejl: end: forløbet varer over 3 år (2027-01-11 til 2031-06-25); "
            "del det op i flere forløb",
        ),
        ("spring gap", spring, f"{COHORT}:{line_with(spring, clock)}:9: fejl: {key}: {SPRING}"),
        ("autumn fold", autumn, f"{COHORT}:{line_with(autumn, clock)}:9: fejl: {key}: {AUTUMN}"),
    ]


CASES = cases()


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_a_date_or_time_out_of_bounds_is_one_danish_message(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    project = copy_project(tmp_path / "project")
    (project / COHORT).write_text(text, encoding="utf-8")
    found = refused(project)
    assert found == [expected]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["year 9999", "round to 9998"])
def test_the_check_answers_within_seconds_and_bounded_memory(tmp_path: Path, name: str) -> None:
    _, text, expected = next(case for case in CASES if case[0] == name)
    project = copy_project(tmp_path / "project")
    (project / COHORT).write_text(text, encoding="utf-8")
    began = time.monotonic()
    check = "import sys; from macros.cli.commands import main; sys.stdout = sys.stderr; sys.exit(main(['check']))"
    code, stderr, peak = run_limited([sys.executable, "-c", check], project)  # it keeps stderr only
    assert time.monotonic() - began < 5
    assert code == 1 and "Traceback" not in stderr
    assert expected in stderr
    assert peak < 512 * MIB


def planned(project: Path, text: str) -> tuple[str, bytes]:
    """The cohort page's Markdown and pair 3's calendar for `text`."""
    (project / COHORT).write_text(text, encoding="utf-8")
    catalogue = load_catalogue(project)
    entry = next(e for e in catalogue.cohorts if e.source == COHORT)
    programme = catalogue.programme(entry.programme)
    assert programme is not None
    page = next(p for p in render_cohort_pages(catalogue) if p.source == COHORT).markdown
    spec = next(s for s in calendar_specs(entry) if s.pair is not None and s.pair.pair.id == "par-3")
    return page, export_calendar(entry, programme.programme, spec)


def last_event(ics: bytes) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of pair 3's last meeting as both parsers read them, checked to agree."""
    events = [e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT") if "Mentormøde 5" in str(e["SUMMARY"])]
    start, end = events[0]["DTSTART"].dt, events[0]["DTEND"].dt
    other = next(e for e in vobject.readOne(ics.decode()).vevent_list if "Mentormøde 5" in e.summary.value)
    utc = [moment.astimezone(dt.UTC) for moment in (start, end, other.dtstart.value, other.dtend.value)]
    assert utc[:2] == utc[2:]  # in UTC: aware times in the autumn fold never compare equal across zones
    return utc[0], utc[1]


@pytest.mark.parametrize(
    "start, hours, shown, elapsed",
    [("01:00", "3", "01.00–03.00", 3.0), ("00:30", "2.5", "00.30–02.00", 2.5), ("23:30", "3", "23.30–02.30", 3.0)],
)
def test_a_meeting_across_the_autumn_change_lasts_its_real_length_on_page_and_calendar(
    tmp_path: Path, start: str, hours: str, shown: str, elapsed: float
) -> None:
    project = copy_project(tmp_path / "project")
    day = "2027-10-30" if start == "23:30" else "2027-10-31"
    page, ics = planned(project, with_meeting(day, start, hours))
    assert shown in page
    begins, ends = last_event(ics)
    assert (ends - begins).total_seconds() == elapsed * 3600
