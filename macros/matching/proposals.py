"""What `mentor match` writes: proposed cohort files with pseudonymous ids, and the private key.

The cohort files hold only new ids (`mentor-01`, `m001`), departments and – when the
nearest manager is one of the participants – the manager's new id, so `mentor check`
can check the rules again. Names stay in the private key file beside the input.
One file per group; a one-to-one round is one file (split when it outgrows a file).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..loading.programme_entry import ProgrammeEntry
from ..loading.schedule import add_months, is_working_day
from ..loading.signups import Candidate
from .rules import Match, People
from .suggestions import shared_topics

MAX_PAIRS_PER_FILE = 200  # the cohort model's limits on mentees …
MAX_MENTORS_PER_FILE = 50  # … and mentors in one file


@dataclass(frozen=True)
class Proposal:
    """The suggestion with pseudonymous ids, ready to be written."""

    ids: dict[str, str]  # input id → new id
    matches: list[Match]


def pseudonymise(matches: list[Match]) -> Proposal:
    """New ids in the order of the suggestion: mentor-01 … and m001 …, unique in the whole run."""
    mentees = [mentee for match in matches for mentee in match.mentees]
    mentor_width = max(2, len(str(len(matches))))
    mentee_width = max(2, len(str(len(mentees))))
    ids = {match.mentor.id: f"mentor-{n:0{mentor_width}d}" for n, match in enumerate(matches, 1)}
    ids.update({mentee.id: f"m{n:0{mentee_width}d}" for n, mentee in enumerate(mentees, 1)})
    return Proposal(ids, matches)


def key_rows(proposal: Proposal) -> list[tuple[str, str]]:
    """(new id, name) for everyone in the suggestion: the private key file's lines."""
    people = [p for match in proposal.matches for p in (match.mentor, *match.mentees)]
    return [(proposal.ids[p.id], p.name) for p in people]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _person(person: Candidate, people: People, proposal: Proposal) -> list[str]:
    lines = [f"  - id: {proposal.ids[person.id]}", f"    department: {_q(person.department)}"]
    boss = people.manager.get(person.id)
    if boss is not None and boss.id in proposal.ids:
        lines.append(f"    manager: {proposal.ids[boss.id]}")
    return lines


def _head(entry: ProgrammeEntry, name: str, start: dt.date, end: dt.date, variant: str | None) -> list[str]:
    lines = [
        "# yaml-language-server: $schema=../../../schema/cohort.schema.json",
        "#",
        "# Forslag fra `mentor match`. Gennemgå det, før nogen får besked: ret, flyt eller",
        "# slet personer, og skriv mødesteder og temaer. Personerne står kun med nye id'er;",
        "# nøglen til navnene ligger i den private fil ved siden af tilmeldingerne.",
        "",
        f"programme: {entry.slug}",
    ]
    if variant:
        lines.append(f"variant: {variant}")
    return [*lines, f"name: {_q(name)}", f"start: {start.isoformat()}", f"end: {end.isoformat()}", ""]


def group_file(
    entry: ProgrammeEntry,
    match: Match,
    people: People,
    proposal: Proposal,
    name: str,
    start: dt.date,
    variant: str | None,
) -> str:
    """One group's cohort file: its mentor, its mentees and the programme's meetings."""
    design = entry.programme.group
    assert design is not None
    found = design.variant(variant) if variant else None
    count = (found.meeting_count if found else None) or design.meeting_count
    dates = meeting_dates(start, count, design.interval_weeks)
    end = max(add_months(start, design.period_months) - dt.timedelta(days=1), dates[-1])
    clock = "17:00" if design.after_hours else "09:00"
    lines = _head(entry, name, start, end, variant)
    lines += ["mentors:", *_person(match.mentor, people, proposal), "", "mentees:"]
    lines += [line for mentee in match.mentees for line in _person(mentee, people, proposal)]
    lines += ["", "# Møderne med programmets afstand. Skriv sted, tema og hjemmeopgave til hvert.", "meetings:"]
    for n, day in enumerate(dates, 1):
        lines += [f"  - id: moede-{n}", f"    date: {day.isoformat()}", f'    start: "{clock}"']
    return "\n".join(lines) + "\n"


def pairs_file(
    entry: ProgrammeEntry, matches: list[Match], people: People, proposal: Proposal, name: str, start: dt.date
) -> str:
    """A one-to-one round: the pairs and their usual time; each pair gets the programme's rhythm."""
    end = add_months(start, 6) - dt.timedelta(days=1)
    lines = _head(entry, name, start, end, None)
    lines += ["pair_defaults:", '  time: "14:00"', "  place: Aftales i parret", "", "mentors:"]
    lines += [line for match in matches for line in _person(match.mentor, people, proposal)]
    lines += ["", "mentees:"]
    lines += [line for match in matches for mentee in match.mentees for line in _person(mentee, people, proposal)]
    lines += ["", "pairs:"]
    number = 0
    for match in matches:
        for mentee in match.mentees:
            number += 1
            mentor, who = proposal.ids[match.mentor.id], proposal.ids[mentee.id]
            lines += [f"  - id: par-{number}", f"    mentor: {mentor}", f"    mentee: {who}"]
    return "\n".join(lines) + "\n"


def chunk_rounds(matches: list[Match]) -> list[list[Match]]:
    """Split a one-to-one suggestion into files the cohort model accepts (≤ 50 mentors, ≤ 200 pairs)."""
    chunks: list[list[Match]] = [[]]
    for match in matches:
        current = chunks[-1]
        pairs = sum(len(m.mentees) for m in current) + len(match.mentees)
        if current and (len(current) >= MAX_MENTORS_PER_FILE or pairs > MAX_PAIRS_PER_FILE):
            chunks.append([])
        chunks[-1].append(match)
    return chunks


def meeting_dates(start: dt.date, count: int, weeks: int) -> list[dt.date]:
    """`count` working days, `weeks` apart, from the first working day at or after `start`."""
    dates = []
    day = start
    for _ in range(count):
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        dates.append(day)
        day += dt.timedelta(weeks=weeks)
    return dates


def explain(match: Match, proposal: Proposal, cross_organisational: bool, group: bool) -> list[str]:
    """Danish lines about a group or a mentor's pairs: why the rules hold and what they share."""
    mentor = proposal.ids[match.mentor.id]
    if not group:
        return [_explain_pair(match.mentor, mentor, m, proposal.ids[m.id], cross_organisational) for m in match.mentees]
    return [_explain_group(match, proposal, mentor, cross_organisational)]


def _explain_group(match: Match, proposal: Proposal, mentor: str, cross_organisational: bool) -> str:
    mentees = [proposal.ids[m.id] for m in match.mentees]
    departments = {m.department.casefold() for m in match.mentees}
    parts = [
        f"{mentor} med {', '.join(mentees)}",
        f"{len(match.mentees)} mentees fra {len(departments)} forvaltning" + ("er" if len(departments) > 1 else ""),
        "mentor er ikke nærmeste leder for nogen i gruppen, og ingen i gruppen er leder for en anden",
    ]
    if cross_organisational:
        parts.append(f"ingen er fra mentors forvaltning ({match.mentor.department})")
    genders = {m.gender for m in match.mentees if m.gender}
    if len(genders) == 1:
        parts.append(f"alle med køn '{genders.pop()}'")
    parts.append(_topics(shared for m in match.mentees for shared in shared_topics(match.mentor, m)))
    return "; ".join(parts)


def _explain_pair(person: Candidate, mentor: str, mentee: Candidate, who: str, cross_organisational: bool) -> str:
    parts = [f"{who} og {mentor}"]
    if cross_organisational:
        parts.append(f"forskellige forvaltninger ({mentee.department} og {person.department})")
    parts.append("mentor er ikke mentees nærmeste leder")
    parts.append(_topics(shared_topics(person, mentee)))
    return "; ".join(parts)


def _topics(topics: Iterable[str]) -> str:
    counted: dict[str, int] = {}
    for topic in topics:
        counted[topic] = counted.get(topic, 0) + 1
    if not counted:
        return "ingen fælles emner"
    shown = [f"{t} ({n})" if n > 1 else t for t, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))]
    return ("fælles emne: " if len(shown) == 1 else "fælles emner: ") + ", ".join(shown)


def write_text(path: Path, text: str) -> None:
    """Write a new file; never overwrite one (ids are chosen free, so this is a safety net)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
