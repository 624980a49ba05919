"""Planned hours per role: the resource comparison the KL/DJØF project asked for, computed.

For a cohort the figures come from its own meetings (lengths from the file or the
programme), its homework and the mentors' own meetings, plus the programme's
`workload` estimates: preparation per meeting, reading each mentee's homework,
seminars or kick-off, and other one-off work. A programme's "typical cohort" is built
from its design the same way. The computation is generic over roles, so a network
model's participants and process consultant get figures like mentors and mentees.
Every figure carries the sentence it is built from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..loading.cohorts import CohortEntry
from ..loading.schedule import default_hours, suggest_dates
from ..model import Programme
from ..model.danish import format_hours, number_words
from ..model.workload import RoleTime, Workload
from .words import words

ROLE_ORDER = ("mentor", "process_consultant", "mentee", "participant", "coordinator")
MEETING_ROLES = {"mentor", "mentee", "participant", "process_consultant"}  # sit in the meetings
LEADS = {"mentor", "process_consultant"}  # read the homework, hold their own meetings
MENTOR_MEETING_ROLES = {"mentor", "coordinator"}  # the coordinators gather the mentors


@dataclass(frozen=True)
class HourItem:
    """One line of the figures: what, hours per person, and what it is built from."""

    label: str
    hours: float
    basis: str


@dataclass(frozen=True)
class RoleHours:
    """The planned hours of one role in one cohort."""

    key: str
    title: str
    people: int
    items: tuple[HourItem, ...]

    @property
    def per_person(self) -> float:
        """Hours per person in the role (for the coordinator: per cohort)."""
        return sum(item.hours for item in self.items)

    @property
    def total(self) -> float:
        """Hours for everyone in the role together."""
        return self.per_person * self.people


@dataclass(frozen=True)
class Shape:
    """What the figures are computed from, the same for a real and a typical cohort."""

    meetings: int  # group meetings, or all pairs' meetings together
    meeting_hours: float  # their lengths added up
    homework: int  # homework assignments per mentee
    mentor_meetings: tuple[float, ...]  # lengths of the mentors' own meetings
    leads: int  # mentors (or process consultants)
    members: int  # mentees (or participants)
    pairs: int = 0  # > 0 for a one-to-one round


def cohort_shape(entry: CohortEntry) -> Shape:
    """The shape of a real cohort from its computed plan."""
    plan, cohort = entry.plan, entry.cohort
    meetings = plan.meetings or [m for pair in plan.pairs for m in pair.meetings]
    homework = sum(1 for m in meetings if m.homework is not None)
    return Shape(
        meetings=len(meetings),
        meeting_hours=sum(_length(m.start, m.end) for m in meetings),
        homework=homework if not plan.pairs else 0,
        mentor_meetings=tuple(_length(m.start, m.end) for m in plan.mentor_meetings),
        leads=len(cohort.mentors) + (cohort.process_consultant is not None),
        members=len(cohort.mentees) + len(cohort.participants),
        pairs=len(plan.pairs),
    )


def typical_shape(programme: Programme) -> Shape:
    """A typical cohort from the programme's design: one group, or one pair over `typical_months`."""
    workload = programme.workload or Workload()
    if programme.group is not None:
        count = programme.group.meeting_count
        between = (workload.mentor_meeting_hours,) * (2 * count - 1)  # evaluation after each, planning before the next
        return Shape(
            count, count * programme.group.meeting_hours, count - 1, between, 1, programme.group.group_size.typical
        )
    if programme.network is not None:  # one network of the usual size, no homework, no mentors' meetings
        design = programme.network
        hours = design.meeting_count * design.meeting_hours
        return Shape(design.meeting_count, hours, 0, (), 1, design.size.typical)
    start = dt.date(2027, 1, 4)
    end = start + dt.timedelta(days=round(workload.typical_months * 30.44))
    count = len(suggest_dates(start, end, programme.meeting_guide.rhythm.phases))
    return Shape(count, count * default_hours(programme), 0, (), 1, 1, pairs=1)


def _length(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds() / 3600


def role_hours(programme: Programme, shape: Shape) -> list[RoleHours]:
    """Planned hours for each role the programme has, in a fixed order; a role with no figure is left out."""
    workload = programme.workload or Workload()
    keys = [k for k in ROLE_ORDER if k in programme.roles or k in workload.roles]
    members = words(programme).members
    found = []
    for key in keys:
        time = workload.roles.get(key, RoleTime())
        items = tuple(item for item in _items(key, time, shape, members) if item.hours > 0)
        title = programme.roles[key].title if key in programme.roles else key
        if items:  # e.g. a network's coordinator when the programme has no estimate of their time
            found.append(RoleHours(key, title, _people(key, shape), items))
    return found


def _people(key: str, shape: Shape) -> int:
    if key == "coordinator":
        return 1
    return shape.leads if key in LEADS else shape.members


def _items(key: str, time: RoleTime, shape: Shape, members: str) -> list[HourItem]:
    people = max(1, _people(key, shape))
    meetings, hours = (
        (shape.meetings / people, shape.meeting_hours / people)
        if shape.pairs
        else (shape.meetings, shape.meeting_hours)
    )
    items = []
    if key in MEETING_ROLES:
        items.append(HourItem("Møder", hours, _meetings_basis(shape, meetings, hours)))
        items.append(HourItem("Forberedelse", time.preparation * meetings, _prep_basis(time.preparation, meetings)))
    if key in LEADS and shape.homework:
        per_lead = shape.members / max(1, shape.leads)
        reading = time.reading * shape.homework * per_lead
        basis = (
            f"{shape.homework} hjemmeopgaver × {_n(per_lead)} {members} × {_h(time.reading)} pr. besvarelse "
            "(ordningens skøn)"
        )
        items.append(HourItem("Læsning af hjemmeopgaver", reading, basis))
    if key in MENTOR_MEETING_ROLES and shape.mentor_meetings:
        total = sum(shape.mentor_meetings)
        items.append(
            HourItem("Mentorernes egne møder", total, f"{len(shape.mentor_meetings)} møder, i alt {_h(total)}")
        )
    items.append(HourItem("Seminar og kick-off", time.seminar, "én gang pr. forløb (ordningens skøn)"))
    items.append(HourItem(time.other_note or "Andet", time.other, "én gang pr. forløb (ordningens skøn)"))
    return items


def _meetings_basis(shape: Shape, meetings: float, hours: float) -> str:
    if shape.pairs > 1:
        average = f"i gennemsnit {_n(meetings)} møder og {_h(hours)} pr. person"
        return f"{shape.meetings} møder i {shape.pairs} par i alt; {average}"
    if meetings and hours / meetings == round(hours / meetings, 2):
        return f"{_n(meetings)} møder à {_h(hours / meetings)}"
    return f"{_n(meetings)} møder, i alt {_h(hours)}"


def _prep_basis(preparation: float, meetings: float) -> str:
    if not preparation:
        return ""
    return f"{_h(preparation)} før hvert af {_n(meetings)} møder (ordningens skøn)"


def _n(value: float) -> str:
    return format_hours(round(value, 1))


def _h(value: float) -> str:
    shown = format_hours(round(value, 2))
    return f"{shown} time" if shown == "1" else f"{shown} timer"


def cohort_hours(entry: CohortEntry, programme: Programme) -> list[RoleHours]:
    """The planned hours of one cohort."""
    return role_hours(programme, cohort_shape(entry))


def typical_hours(programme: Programme) -> list[RoleHours]:
    """The planned hours of a typical cohort of the programme."""
    return role_hours(programme, typical_shape(programme))


def hours_rows(roles: list[RoleHours]) -> list[tuple[str, list[str]]]:
    """Table rows: each item of each role, then the role's total with the number of people."""
    rows: list[tuple[str, list[str]]] = []
    for role in roles:
        rows += [(f"{role.title}: {item.label.lower()}", [_n(item.hours), item.basis]) for item in role.items]
        rows.append((f"{role.title} i alt", [_n(role.per_person), _people_text(role)]))
    return rows


def _people_text(role: RoleHours) -> str:
    if role.key == "coordinator":
        return "for hele forløbet"
    return f"{role.people} i rollen: {_h(role.total)} i alt"


CSV_COLUMNS = ["program", "forløb", "rolle", "personer", "post", "timer_pr_person", "timer_i_alt", "grundlag"]


def csv_rows(programme_slug: str, cohort_id: str, roles: list[RoleHours], comma: bool = False) -> list[list[str]]:
    """CSV lines for `mentor timer`: one per item and one total per role."""

    def number(value: float) -> str:
        text = f"{round(value, 2):g}"
        return text.replace(".", ",") if comma else text

    rows = []
    for role in roles:
        for item in role.items:
            total = item.hours * role.people
            rows.append(
                [
                    programme_slug,
                    cohort_id,
                    role.key,
                    str(role.people),
                    item.label,
                    number(item.hours),
                    number(total),
                    item.basis,
                ]
            )
        rows.append(
            [
                programme_slug,
                cohort_id,
                role.key,
                str(role.people),
                "i alt",
                number(role.per_person),
                number(role.total),
                "",
            ]
        )
    return rows


def _h_words(value: float) -> str:
    """Hours in running text: whole numbers under ten in words (»seks timer«), else as _h."""
    rounded = round(value, 2)
    if float(rounded).is_integer() and 0 < rounded < 10:
        return f"{number_words(int(rounded))} {'time' if rounded == 1 else 'timer'}"
    return _h(value)


def model_hours_text(programmes: list[tuple[str, Programme]], model: str) -> str:
    """One cell of the models' comparison: hours per mentee and per mentor in a typical cohort."""
    found = [(name, p) for name, p in programmes if p.model == model]
    if not found:
        return "Ingen ordning med modellen endnu."
    name, programme = found[0]
    roles = {role.key: role for role in typical_hours(programme)}
    parts = [
        f"{roles[k].title.lower()} {_h_words(roles[k].per_person)}"
        for k in ROLE_ORDER
        if k in roles and k != "coordinator"
    ]
    return f"Pr. person i et typisk forløb af {name}: {', '.join(parts)}."
