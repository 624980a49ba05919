"""The rules for the people and meetings of a network cohort, and for who fits which model.

A network has participants and a process consultant, a mentoring scheme has
mentors and mentees; a cohort whose people do not fit its programme's model is an
error that says what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Programme
from ..model.cohort import Cohort
from ..model.danish import MODEL_NAMES_DA, format_hours
from .findings import Finding, size_warning
from .schedule import CohortPlan


def check_people_fit(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """Mentors and mentees in a mentoring scheme; participants and a process consultant in a network."""
    model = MODEL_NAMES_DA[programme.model].split(" med ")[0].lower()
    if programme.is_network_model and not (cohort.is_network or cohort.mentors or cohort.mentees):
        message = "forløbet mangler deltagerne under participants og proceskonsulenten under process_consultant"
        yield Finding(("participants",), message, "people")
    elif programme.is_network_model and not cohort.is_network:
        message = (
            f"programmet '{cohort.programme}' er et {model}, hvor der ikke er mentorer og mentees; skriv "
            "deltagerne under participants og proceskonsulenten under process_consultant"
        )
        yield Finding(("mentors",) if cohort.mentors else ("mentees",), message, "people-model")
    elif not programme.is_network_model and cohort.is_network:
        key = "process_consultant" if cohort.process_consultant else "participants"
        message = (
            f"programmet '{cohort.programme}' er en {model}: deltagere (participants) og en proceskonsulent hører "
            "til netværk; skriv mentors og mentees i stedet"
        )
        yield Finding((key,), message, "people-model")
    elif cohort.is_network:
        yield from _network_people(cohort)
    else:
        yield from (
            Finding((key,), f"feltet '{key}' mangler: skriv mindst én {key[:-1]}", "people")
            for key in ("mentors", "mentees")
            if not getattr(cohort, key)
        )


def _network_people(cohort: Cohort) -> Iterable[Finding]:
    for key in ("mentors", "mentees", "pairs", "mentor_meetings"):
        if getattr(cohort, key):
            message = (
                f"{key} hører til mentorordninger; et netværk har kun deltagere (participants) og en "
                "proceskonsulent (process_consultant) – slet afsnittet"
            )
            yield Finding((key,), message, "people-model")
    if cohort.process_consultant is None:
        yield Finding(("participants",), "netværket mangler sin proceskonsulent under process_consultant", "people")
    if len(cohort.participants) < 2:
        message = "et netværk skal have mindst to deltagere under participants"
        yield Finding(("participants",), message, "people")


def check_network_size(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """The network has as many participants as the programme's design allows."""
    network = programme.network
    if network is None or not cohort.is_network:
        return
    size = network.size
    yield from size_warning("participants", "netværket", len(cohort.participants), "deltagere", size.min, size.max)


def check_network_meetings(cohort: Cohort, programme: Programme, plan: CohortPlan) -> Iterable[Finding]:
    """The number and length of network meetings follow the programme's design."""
    network = programme.network
    if network is None or not cohort.meetings:
        return
    if len(cohort.meetings) != network.meeting_count:
        message = (
            f"forløbet har {len(cohort.meetings)} netværksmøder, men programmet er lagt an på {network.meeting_count}"
        )
        yield Finding(("meetings",), message, "meeting-count", "warning")
    for i, meeting in enumerate(cohort.meetings):
        if meeting.hours is not None and meeting.hours != network.meeting_hours:
            message = (
                f"mødet varer {format_hours(meeting.hours)} timer, men programmet er lagt an på "
                f"{format_hours(network.meeting_hours)} timer"
            )
            yield Finding(("meetings", i, "hours"), message, "meeting-length", "warning", meeting.id)
