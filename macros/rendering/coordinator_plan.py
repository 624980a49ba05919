"""The coordinator's plan for a cohort: a dated checklist from recruitment to follow-up.

Deadlines before the start are counted back from the first meeting (recruit by, match
by, inform the nearest managers, the mentors' seminar or the kick-off) and moved to
the last working day before; the meetings, the mentors' meetings, the evaluations,
the closing and the follow-up come from the cohort's plan. The same list is the
coordinator page and the coordinator calendar (.ics, all-day events with reminders).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..loading.cohorts import CohortEntry
from ..loading.schedule import is_working_day
from ..model import Programme
from ..model.danish import number_words
from .evaluation import questionnaires
from .words import words


@dataclass(frozen=True)
class Step:
    """One item of the checklist."""

    key: str  # stable: part of the calendar UID
    date: dt.date
    title: str
    detail: str


def _before(day: dt.date, weeks: int) -> dt.date:
    """`weeks` before `day`, moved back to a working day."""
    found = day - dt.timedelta(weeks=weeks)
    while not is_working_day(found):
        found -= dt.timedelta(days=1)
    return found


def coordinator_steps(entry: CohortEntry, programme: Programme) -> list[Step]:
    """The checklist of one cohort, in date order."""
    plan = entry.plan
    meetings = plan.meetings or [m for pair in plan.pairs for m in pair.meetings]
    days = sorted(m.start.date() for m in meetings) or [entry.cohort.start]
    first, last = days[0], days[-1]
    steps = [*_preparation(first, programme), _start(entry, first, programme)]
    steps += _meetings(entry, programme, first, last)
    for form in questionnaires(entry, programme):
        detail = "Send spørgeskemaet (siden Evaluering har det som Word og OpenDocument), og saml tallene."
        steps.append(Step(f"evaluering-{form.key}", form.date, form.title, detail))
    steps.append(Step("afslutning", last, "Afslutning og deltagerbeviser", _closing(programme)))
    return sorted(steps, key=lambda step: step.date)  # stable: on the same day, meetings before the closing


def _closing(programme: Programme) -> str:
    # A network's files never name the tool's command »mentor«: the command's own name is enough.
    command = "kommandoen »diplomer«" if programme.is_network_model else "»mentor diplomer«"
    return f"Sidste møde afslutter forløbet. Lav deltagerbeviser lokalt med {command}, og del dem ud."


def _preparation(first: dt.date, programme: Programme) -> list[Step]:
    lead = "proceskonsulenten" if programme.is_network_model else words(programme).lead  # »spørger mentor«
    return [
        Step("rekruttering", _before(first, 8), "Rekruttering afsluttet", _recruited(programme)),
        _composed(_before(first, 6), programme),
        Step(
            "ledere",
            _before(first, 4),
            "Nærmeste ledere er orienteret",
            f"Lederne kender rammerne: tiden, fortroligheden, og at de ikke spørger {lead}, hvordan det går.",
        ),
    ]


def _recruited(programme: Programme) -> str:
    if programme.is_network_model:
        return "Proceskonsulenten er aftalt, og deltagerne er tilmeldt eller udpeget og har fået besked."
    return "Mentorerne har sagt ja, og mentees er tilmeldt eller udpeget og har fået besked."


def _composed(day: dt.date, programme: Programme) -> Step:
    if programme.is_network_model:
        detail = "Sæt netværket sammen på tværs af enhederne, og giv proceskonsulenten deltagerlisten."
        return Step("matchning", day, "Netværket er sat sammen", detail)
    who = "grupperne" if programme.is_group else "parrene"
    detail = "Kør »mentor match« med den private tilmeldingsfil, og gennemgå forslaget, før nogen får besked."
    return Step("matchning", day, f"{who.capitalize()} er sat sammen", detail)


def _start(entry: CohortEntry, first: dt.date, programme: Programme) -> Step:
    if programme.is_network_model:
        detail = "Gennemgå netværkets rammer, mødeplanen og det første netværksmøde med proceskonsulenten."
        return Step("proceskonsulent", _before(first, 2), "Aftale med proceskonsulenten", detail)
    if programme.is_group:
        detail = "Halvdagsseminar om forløbets praktik og mentorrollen, og møderækken lægges fast."
        return Step("seminar", _before(first, 2), "Seminar for mentorerne", detail)
    detail = "Fælles start for alle par: rammer, kontrakt og inspiration til de første møder."
    return Step("kick-off", min(entry.cohort.start, first), "Kick-off for parrene", detail)


def _meetings(entry: CohortEntry, programme: Programme, first: dt.date, last: dt.date) -> list[Step]:
    plan = entry.plan
    if plan.pairs:
        who = "Parret mødes efter sin mødeplan" if len(plan.pairs) == 1 else "De {} par mødes efter deres mødeplaner"
        detail = f"{who.format(number_words(len(plan.pairs)))} frem til {last:%d.%m.%Y}."
        return [Step("parrene-begynder", first, "Parrene begynder at mødes", detail)]
    kind = words(programme).meeting.capitalize()
    steps = [
        Step(f"moede-{m.number}", m.start.date(), f"{kind} {m.number}", f"Kl. {m.start:%H.%M}–{m.end:%H.%M}.")
        for m in plan.meetings
    ]
    for m in plan.mentor_meetings:
        kind = "evaluering" if m.meeting.kind == "evaluation" else "planlægning"
        steps.append(
            Step(f"mentorer-{m.meeting.id}", m.start.date(), f"Mentorernes møde: {kind}", f"Kl. {m.start:%H.%M}.")
        )
    return steps
