"""Evaluation of a cohort: three questionnaires with dates, built from the programme.

At the middle, at the end and as a follow-up six months after the cohort has ended.
The questions come from the programme's own purpose and success criteria (for a
one-to-one programme: what the mentee may expect) plus standard questions about the
meetings, the time spent and what has changed. Answers are never kept in the
repository; a cohort file may hold aggregate figures only (`results`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..loading.cohorts import CohortEntry
from ..loading.schedule import add_months, is_working_day
from ..model import Programme
from ..model.danish import number_words

FOLLOW_UP_MONTHS = 6
SCALE = "1 = slet ikke, 5 = i meget høj grad"


@dataclass(frozen=True)
class Questionnaire:
    """One evaluation point of a cohort."""

    key: str  # midt, slut or opfoelgning; part of file names
    title: str
    date: dt.date
    rated: tuple[str, ...]  # answered on the 1–5 scale
    open: tuple[str, ...]  # answered in words


MIDDLE_RATED = (
    "Møderne indtil nu har været nyttige for mig.",
    "Jeg får den forberedelse og støtte, jeg har brug for.",
    "Der er tillid og fortrolighed i forløbet.",
)
MIDDLE_OPEN = (
    "Hvad har fungeret bedst indtil nu?",
    "Hvad skal være anderledes i resten af forløbet?",
)
END_RATED = (
    "Jeg er samlet set tilfreds med forløbet.",
    "Jeg vil anbefale forløbet til en kollega.",
)
END_OPEN = (
    "Hvad er det vigtigste, du tager med fra forløbet?",
    "Hvor mange timer brugte du cirka på forberedelse mellem møderne?",
    "Kunne du tænke dig selv at være mentor i et senere forløb – og hvorfor?",
)
# A network has no mentors: the last question asks about taking part again or starting a network.
NETWORK_END_OPEN = (
    *END_OPEN[:-1],
    "Kunne du tænke dig at være med i et nyt netværk eller hjælpe med at starte et – og hvorfor?",
)
FOLLOW_UP_OPEN = (
    "Hvad gør du anderledes i dit arbejde i dag på grund af forløbet?",
    "Har du taget et nyt skridt i dit job eller din karriere siden forløbet? Hvilket?",
    "Har du stadig kontakt med nogen fra forløbet?",
)


def criteria(programme: Programme) -> tuple[str, ...]:
    """Statements to rate, from the programme's success criteria or what the mentee (participant) may expect."""
    if programme.group is not None:
        found = list(programme.group.success_criteria)
    else:
        member = programme.roles.get(programme.member_role)
        found = list(member.expectations) if member else []
    purpose = f"Forløbet har levet op til ordningens formål: {_first_sentence(programme.purpose)}"
    return (purpose, *(f"Forløbet har bidraget til dette: {_plain(text)}" for text in found))


def _first_sentence(text: str) -> str:
    flat = _plain(text)
    end = flat.find(". ")
    return flat if end < 0 else flat[: end + 1]


def _plain(text: str) -> str:
    return " ".join(text.split())


def evaluation_dates(entry: CohortEntry) -> tuple[dt.date, dt.date, dt.date]:
    """Middle (halfway between the first and the last meeting), end (a week after the last), follow-up."""
    plan = entry.plan
    meetings = plan.meetings or [m for pair in plan.pairs for m in pair.meetings]
    days = sorted(m.start.date() for m in meetings) or [entry.cohort.start, entry.cohort.end]
    first, last = days[0], days[-1]
    middle = _working(first + (last - first) / 2)
    end = _working(last + dt.timedelta(days=7))
    return middle, end, _working(add_months(entry.cohort.end, FOLLOW_UP_MONTHS))


def _working(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


POINTS = (
    ("midt", "Midtvejsevaluering"),
    ("slut", "Slutevaluering"),
    ("opfoelgning", f"Opfølgning efter {number_words(FOLLOW_UP_MONTHS)} måneder"),
)


def evaluation_points(entry: CohortEntry) -> list[tuple[str, str, dt.date]]:
    """(key, title, date) of the three points, without their questions (the list of files needs only these)."""
    return [(key, title, day) for (key, title), day in zip(POINTS, evaluation_dates(entry), strict=True)]


def questionnaires(entry: CohortEntry, programme: Programme) -> list[Questionnaire]:
    """The cohort's three questionnaires, in time order."""
    goals = criteria(programme)
    questions = {
        "midt": (MIDDLE_RATED, MIDDLE_OPEN),
        "slut": ((*END_RATED, *goals), _end_open(programme)),
        "opfoelgning": (goals, FOLLOW_UP_OPEN),
    }
    return [Questionnaire(key, title, day, *questions[key]) for key, title, day in evaluation_points(entry)]


def _end_open(programme: Programme) -> tuple[str, ...]:
    return NETWORK_END_OPEN if programme.is_network_model else END_OPEN
