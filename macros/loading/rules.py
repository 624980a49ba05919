"""The pamphlets' rules for a cohort, explained in plain Danish.

Errors stop the build. Warnings fail `mkdocs build --strict` too, but the
coordinators may acknowledge one in the cohort file (`acknowledge:`) with a reason,
because there can be good local reasons to depart from the design.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence

from ..model import Programme
from ..model.cohort import Cohort, Meeting, MentorMeeting, Pair, Person
from ..model.danish import format_date, format_hours
from ..model.problems import KeyPath
from .findings import Finding, Rule, size_warning
from .network_rules import check_network_meetings, check_network_size, check_people_fit
from .schedule import CohortPlan, PlannedMeeting


def check_cohort(cohort: Cohort, programme: Programme, plan: CohortPlan) -> list[Finding]:
    """Every rule's findings for one cohort, errors and warnings."""
    return [finding for rule in RULES for finding in rule(cohort, programme, plan)]


def _is_group_like(programme: Programme) -> bool:
    return programme.model != "one_to_one"


# --- structure ---------------------------------------------------------------


def check_dates(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """The cohort ends after it starts, and its meetings lie within it."""
    if cohort.end < cohort.start:
        yield Finding(("end",), "forløbets slutdato ligger før startdatoen (start)", "cohort-dates")
    named: list[tuple[KeyPath, dt.date]] = [(("meetings", i), m.date) for i, m in enumerate(cohort.meetings)]
    named += [(("mentor_meetings", i), m.date) for i, m in enumerate(cohort.mentor_meetings)]
    for p, pair in enumerate(cohort.pairs):
        named += [(("pairs", p, "meetings", i), m.date) for i, m in enumerate(pair.meetings)]
    for path, day in named:
        if not cohort.start <= day <= cohort.end:
            message = f"mødet {format_date(day)} ligger uden for forløbet ({cohort.start} til {cohort.end})"
            yield Finding((*path, "date"), message, "meeting-outside")


def check_kind(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """Group cohorts have meetings; one-to-one rounds have pairs."""
    if _is_group_like(programme):
        if cohort.pairs:
            yield Finding(("pairs",), "par (pairs) hører til én-til-én-forløb; skriv gruppens møder i meetings", "kind")
        if not cohort.meetings:
            yield Finding(("meetings",), "et gruppe- eller netværksforløb skal have mindst ét møde i meetings", "kind")
        return
    for key in ("meetings", "mentor_meetings"):
        if getattr(cohort, key):
            message = f"{key} hører til gruppeforløb; i et én-til-én-forløb har hvert par sine møder under pairs"
            yield Finding((key,), message, "kind")
    if not cohort.pairs:
        yield Finding(("pairs",), "et én-til-én-forløb skal have mindst ét par under pairs", "kind")
    if cohort.pair_defaults is None and any(not pair.meetings for pair in cohort.pairs):
        message = "skriv pair_defaults med parrenes sædvanlige klokkeslæt, så der kan foreslås en mødeplan"
        yield Finding(("pairs",), message, "kind")


def check_variant(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """The variant exists in the programme."""
    if cohort.variant is None:
        return
    known = [v.id for v in programme.group.variants] if programme.group else []
    if cohort.variant not in known:
        choices = f"vælg en af: {', '.join(known)}" if known else "programmet har ingen varianter; slet linjen"
        yield Finding(
            ("variant",), f"varianten '{cohort.variant}' findes ikke i programmet; {choices}", "unknown-variant"
        )


def check_unique_ids(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """People, meetings and pairs each have an id of their own."""
    groups = [
        _ids(("mentors",), cohort.mentors) + _ids(("mentees",), cohort.mentees) + _consultant_and_participants(cohort),
        _ids(("meetings",), cohort.meetings) + _ids(("mentor_meetings",), cohort.mentor_meetings),
        _ids(("pairs",), cohort.pairs),
        *(_ids(("pairs", p, "meetings"), pair.meetings) for p, pair in enumerate(cohort.pairs)),
    ]
    for group in groups:
        seen: set[str] = set()
        for path, value in group:
            if value in seen:
                yield Finding(path, f"id'et '{value}' er brugt før i filen; giv hver sit eget id", "duplicate-id")
            seen.add(value)


def _consultant_and_participants(cohort: Cohort) -> list[tuple[KeyPath, str]]:
    consultant = [(("process_consultant", "id"), cohort.process_consultant.id)] if cohort.process_consultant else []
    return consultant + _ids(("participants",), cohort.participants)


def _ids(base: KeyPath, items: Sequence[Person | Meeting | MentorMeeting | Pair]) -> list[tuple[KeyPath, str]]:
    return [((*base, i, "id"), item.id) for i, item in enumerate(items)]


def check_references(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """Pairs name known mentors and mentees; acknowledgements name known ids."""
    mentors = {p.id for p in cohort.mentors}
    mentees = {p.id for p in cohort.mentees}
    for i, pair in enumerate(cohort.pairs):
        if pair.mentor not in mentors:
            yield Finding(("pairs", i, "mentor"), _unknown(pair.mentor, "mentors", mentors), "unknown-person")
        if pair.mentee not in mentees:
            yield Finding(("pairs", i, "mentee"), _unknown(pair.mentee, "mentees", mentees), "unknown-person")
    ids = {p.id for p in cohort.people} | {m.id for m in cohort.meetings} | {pair.id for pair in cohort.pairs}
    for i, ack in enumerate(cohort.acknowledge):
        if ack.about is not None and ack.about not in ids:
            message = f"'{ack.about}' er hverken en person, et møde eller et par i dette forløb"
            yield Finding(("acknowledge", i, "about"), message, "unknown-person")


def _unknown(value: str, listname: str, known: set[str]) -> str:
    return f"'{value}' findes ikke i listen {listname} ({', '.join(sorted(known)) or 'tom'})"


# --- people --------------------------------------------------------------------


def check_manager(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """A mentor is never the nearest manager of one of their own mentees."""
    for i, mentee in enumerate(cohort.mentees):
        if mentee.manager is None:
            continue
        for mentor in _mentors_of(cohort, mentee.id):
            if _same_person(mentee.manager, mentor):
                message = (
                    f"mentor '{mentor.id}' er nærmeste leder for mentee '{mentee.id}'. En mentor må aldrig være "
                    "leder for sine egne mentees – det ødelægger det fortrolige rum; flyt mentee til en anden mentor"
                )
                yield Finding(("mentees", i, "manager"), message, "mentor-is-manager", about=mentee.id)


def _mentors_of(cohort: Cohort, mentee_id: str) -> list[Person]:
    """The group's mentors, or in a one-to-one round the mentors paired with this mentee."""
    if not cohort.pairs:
        return list(cohort.mentors)
    paired = {pair.mentor for pair in cohort.pairs if pair.mentee == mentee_id}
    return [m for m in cohort.mentors if m.id in paired]


def _same_person(reference: str, person: Person) -> bool:
    wanted = _normal(reference)
    return wanted == _normal(person.id) or (person.name is not None and wanted == _normal(person.name))


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def check_departments(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """Across the organisation, mentor and mentee come from different departments."""
    if not programme.cross_organisational:
        return
    for i, mentee in enumerate(cohort.mentees):
        for mentor in _mentors_of(cohort, mentee.id):
            if mentee.department and mentor.department and _normal(mentee.department) == _normal(mentor.department):
                message = (
                    f"mentee '{mentee.id}' og mentor '{mentor.id}' er fra samme afdeling, men programmet går på "
                    "tværs af organisationen; vælg en mentor fra en anden afdeling eller kvittér for advarslen"
                )
                yield Finding(("mentees", i, "department"), message, "same-department", "warning", mentee.id)


def check_late_mentees(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """Nobody joins a group after its first meeting: the pamphlet advises against refilling."""
    if not cohort.meetings:
        return
    first = cohort.meetings[0].date
    for i, mentee in enumerate(cohort.mentees):
        if mentee.joined is not None and mentee.joined > first:
            message = (
                f"mentee '{mentee.id}' kommer med efter første møde ({format_date(first)}). Gruppen er et tæt og "
                "fortroligt forløb, så fyld ikke op, når nogen falder fra; kvittér, hvis det er aftalt"
            )
            yield Finding(("mentees", i, "joined"), message, "late-mentee", "warning", mentee.id)


def check_group_size(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """The group has as many mentees as the programme's design allows."""
    if programme.group is None:
        return
    size = programme.group.group_size
    yield from size_warning("mentees", "gruppen", len(cohort.mentees), "mentees", size.min, size.max)


# --- meetings ------------------------------------------------------------------


def check_meeting_design(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """The number and length of group meetings follow the programme (or its variant)."""
    group = programme.group
    if group is None or not cohort.meetings:
        return
    variant = group.variant(cohort.variant) if cohort.variant else None
    expected = variant.meeting_count if variant and variant.meeting_count else group.meeting_count
    if len(cohort.meetings) != expected:
        message = f"forløbet har {len(cohort.meetings)} møder, men programmet er lagt an på {expected}"
        yield Finding(("meetings",), message, "meeting-count", "warning")
    for i, meeting in enumerate(cohort.meetings):
        if meeting.hours is not None and meeting.hours != group.meeting_hours:
            message = _length_message(meeting.hours, format_hours(group.meeting_hours))
            yield Finding(("meetings", i, "hours"), message, "meeting-length", "warning", meeting.id)


def check_pair_lengths(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """Pairs' meetings last about as long as the programme's meeting guide says."""
    length = programme.meeting_guide.length
    usual = f"{format_hours(length.min)}–{format_hours(length.max)}"
    hours = cohort.pair_defaults.hours if cohort.pair_defaults else None
    if cohort.pairs and hours is not None and not length.min <= hours <= length.max:
        yield Finding(("pair_defaults", "hours"), _length_message(hours, usual), "meeting-length", "warning")
    for p, pair in enumerate(cohort.pairs):
        for i, meeting in enumerate(pair.meetings):
            if meeting.hours is not None and not length.min <= meeting.hours <= length.max:
                path = ("pairs", p, "meetings", i, "hours")
                yield Finding(path, _length_message(meeting.hours, usual), "meeting-length", "warning", pair.id)


def _length_message(hours: float, usual: str) -> str:
    return f"mødet varer {format_hours(hours)} timer, men programmet er lagt an på {usual} timer"


def check_meeting_order(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """Meetings come in time order and do not overlap one another."""
    yield from _order(plan.meetings, ("meetings",))
    for p, pair in enumerate(plan.pairs):
        if not pair.suggested:
            yield from _order(pair.meetings, ("pairs", p, "meetings"))
    events = [(m.start, m.end, ("meetings", m.number - 1), m.meeting.id) for m in plan.meetings]
    events += [(m.start, m.end, ("mentor_meetings", i), m.meeting.id) for i, m in enumerate(plan.mentor_meetings)]
    events.sort(key=lambda event: event[0])
    for (_, end, before, other), (start, _, path, _) in itertools.pairwise(events):
        if start < end and path[0] != before[0]:
            message = f"mødet overlapper mødet '{other}', og mentor skal være med i begge; flyt det ene"
            yield Finding((*path, "date"), message, "meeting-overlap")


def _order(meetings: list[PlannedMeeting], base: KeyPath) -> Iterable[Finding]:
    for before, after in itertools.pairwise(meetings):
        path = (*base, after.number - 1, "date")
        if after.start <= before.start:
            message = (
                f"mødet ligger før eller samtidig med mødet '{before.meeting.id}' ovenover; "
                "skriv møderne i tidsrækkefølge"
            )
            yield Finding(path, message, "meeting-order")
        elif after.start < before.end:
            message = f"mødet begynder, før mødet '{before.meeting.id}' ovenover er slut (kl. {before.end:%H.%M})"
            yield Finding(path, message, "meeting-overlap")


def check_homework_due(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """Each homework is due after the meeting it follows and before the next."""
    yield from _due(plan.meetings, cohort, ("meetings",))
    for p, pair in enumerate(plan.pairs):
        yield from _due(pair.meetings, cohort, ("pairs", p, "meetings"))


def _due(meetings: list[PlannedMeeting], cohort: Cohort, base: KeyPath) -> Iterable[Finding]:
    for index, meeting in enumerate(meetings):
        path = (*base, index, "homework")
        following = meetings[index + 1] if index + 1 < len(meetings) else None
        if meeting.meeting.homework is not None and meeting.homework is None:
            message = "efter sidste møde er der intet næste møde at regne fristen ud fra; skriv en dato i due"
            yield Finding(path, message, "homework-due")
        elif meeting.homework is not None:
            yield from _due_between(meeting, following, cohort, path)
            if following is None:
                yield from _after_last(meeting, path)


_AFTER_LAST = {"receiver": "hvem der modtager den (receiver)", "purpose": "hvad den bruges til (purpose)"}


def _after_last(meeting: PlannedMeeting, path: KeyPath) -> Iterable[Finding]:
    """Homework after the last meeting must go to someone and be used for something:
    there is no next meeting where it would be talked about."""
    homework = meeting.meeting.homework
    assert homework is not None
    missing = [key for key in ("receiver", "purpose") if not getattr(homework, key)]
    if missing:
        what = " og ".join(_AFTER_LAST[key] for key in missing)
        message = (
            "hjemmeopgaven efter sidste møde har ingen at blive drøftet med, fordi der ikke er flere møder; "
            f"skriv {what}, fx en afsluttende samtale med mentor – eller slet opgaven"
        )
        yield Finding(path, message, "homework-after-last")


def _due_between(
    meeting: PlannedMeeting, following: PlannedMeeting | None, cohort: Cohort, path: KeyPath
) -> Iterable[Finding]:
    assert meeting.homework is not None
    due = meeting.homework.due_at
    latest = following.start if following else _end_of(cohort.end, due)
    if meeting.end < due < latest:
        return
    until = (
        f"næste møde {format_date(following.start)}" if following else f"forløbets slutning {format_date(cohort.end)}"
    )
    how = "Den beregnede frist" if meeting.homework.computed else "Fristen"
    message = (
        f"{how} {format_date(meeting.homework.due)} kl. {due:%H.%M} ligger ikke mellem mødet "
        f"{format_date(meeting.start)} og {until}"
    )
    hint = "; flyt møderne længere fra hinanden eller skriv en fast frist i due" if meeting.homework.computed else ""
    yield Finding((*path, "due") if not meeting.homework.computed else path, message + hint, "homework-due")


def _end_of(day: dt.date, like: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=like.tzinfo)


RULES: list[Rule] = [
    check_people_fit,
    check_dates,
    check_kind,
    check_variant,
    check_unique_ids,
    check_references,
    check_manager,
    check_departments,
    check_late_mentees,
    check_group_size,
    check_network_size,
    check_meeting_design,
    check_network_meetings,
    check_pair_lengths,
    check_meeting_order,
    check_homework_due,
]
