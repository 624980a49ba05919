"""The programme's own figures for planned time outside the meetings (the hours overview).

The meetings' lengths come from the programme and the cohort files; what the meetings
cannot tell – preparation, reading the homework, seminars and the coordinators' own
work – is written here per role, so every figure in the overview says what it is
built from. Example (the group pamphlet: mentees spent one to three hours preparing):

    workload:
      roles:
        mentee: {preparation: 2}
        mentor: {preparation: 1, reading: 0.25, seminar: 4}
        coordinator: {seminar: 4, other: 12, other_note: matchning og planlægning}
"""

from __future__ import annotations

from pydantic import Field

from .base import RoleKey, ShortText, Strict


class RoleTime(Strict):
    """Planned time for one role beyond the meetings themselves."""

    preparation: float = Field(
        default=0, ge=0, le=40, description="Forberedelse pr. møde i timer, fx 2 (brug midten af et interval som 1–3)."
    )
    reading: float = Field(
        default=0, ge=0, le=10, description="Timer til at læse én mentees besvarelse af en hjemmeopgave (mentor)."
    )
    seminar: float = Field(
        default=0, ge=0, le=80, description="Kick-off eller seminar i timer, én gang pr. forløb, fx 4 for en halv dag."
    )
    other: float = Field(
        default=0, ge=0, le=400, description="Andre timer én gang pr. forløb, fx tovholdernes planlægning."
    )
    other_note: ShortText | None = Field(default=None, description="Hvad de andre timer går til, fx »matchning«.")


class Workload(Strict):
    """Planned time per role for the hours overview on cohort and programme pages."""

    roles: dict[RoleKey, RoleTime] = Field(default={}, description="Tid pr. rolle ud over selve møderne.")
    mentor_meeting_hours: float = Field(
        default=1.5, gt=0, le=12, description="Længden af mentorernes egne møder i et typisk forløb (timer)."
    )
    typical_months: int = Field(
        default=6, ge=1, le=36, description="Et typisk én-til-én-forløbs længde i måneder (til programmets overblik)."
    )
