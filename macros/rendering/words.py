"""The words a programme's pages use, chosen by its model.

A network has »netværksmøder«, »deltagere« and a »proceskonsulent«; a mentoring
scheme has mentors and mentees. The templates ask here instead of spelling the
words out, so a network's pages never speak of a mentor by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Programme


@dataclass(frozen=True)
class Words:
    """Model-aware nouns for the templates (lower case unless the name says otherwise)."""

    meeting: str  # one meeting: "gruppemøde", "netværksmøde", "møde"
    meetings: str  # plural
    lead: str  # the leading role: "mentor" or "proceskonsulent"
    leads: str
    member: str  # the learning role: "mentee" or "deltager"
    members: str
    about_heading: str  # heading above the programme's `about` text
    cohort_kind: str  # what one cohort is called: "gruppe", "netværk", "runde"


def words(p: Programme) -> Words:
    """The words of this programme's model, with the programme's own role titles."""
    lead = p.roles[p.lead_role].title.lower() if p.lead_role in p.roles else p.lead_role
    if p.is_network_model:
        return Words(
            "netværksmøde", "netværksmøder", lead, _plural(lead), "deltager", "deltagere",
            "Netværk kort fortalt", "netværk",
        )  # fmt: skip
    meeting = "gruppemøde" if p.is_group else "møde"
    return Words(
        meeting, f"{meeting}r", lead, _plural(lead), "mentee", "mentees", "Mentorskab kort fortalt",
        "gruppe" if p.is_group else "runde",
    )  # fmt: skip


def role_title(p: Programme, key: str) -> str:
    """The programme's title for a role, e.g. `participant` → »Deltager«."""
    role = p.roles.get(key)  # type: ignore[call-overload]
    return role.title if role else key.replace("_", " ").capitalize()


def _plural(noun: str) -> str:
    irregular = {"mentor": "mentorer", "gruppementor": "gruppementorer", "proceskonsulent": "proceskonsulenter"}
    return irregular.get(noun, noun)
