"""The typed model of a cohort ("forløb" or "hold"): one run of a programme.

A cohort file lives in `programmes/forloeb/<år>/<id>.yaml`; the file name is the
cohort's id. People are known by short ids; names, departments and nearest
managers are optional and only used for the checks, never published unless
`privacy.publish_names` is switched on (and then only names). A minimal valid
group cohort:

    # yaml-language-server: $schema=../../../schema/cohort.schema.json
    programme: gruppementor
    variant: lederaspiranter
    name: Lederaspiranter, hold 1
    start: 2027-02-01
    end: 2027-06-30
    mentors:
      - id: mentor-a
    mentees:
      - id: m01
      - id: m02
    meetings:
      - id: moede-1
        date: 2027-02-04
        start: "17:00"
        homework:
          questions:
            - Hvad vil du gerne have afklaret i løbet af forløbet?
      - id: moede-2
        date: 2027-03-04
        start: "17:00"

A one-to-one round has `pairs` (mentor and mentee ids) and `pair_defaults`
instead of `meetings`; each pair gets a suggested plan from the programme's rhythm.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from .base import Date, FieldError, Id, ShortText, Strict, Text, TextList
from .textpolicy import check_web_link

_CLOCK_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _clock(value: str) -> str:
    if not _CLOCK_RE.match(value):
        raise ValueError(f"'{value}' er ikke et klokkeslæt; skriv TT:MM i anførselstegn, fx \"17:00\"")
    return value


Clock = Annotated[
    str,
    AfterValidator(_clock),
    Field(
        description='Klokkeslæt i dansk tid som "TT:MM" i anførselstegn, fx "17:00".',
        json_schema_extra={"pattern": _CLOCK_RE.pattern},
    ),
]
WebLink = Annotated[
    str,
    AfterValidator(check_web_link),
    Field(description="Link, der begynder med https://.", json_schema_extra={"pattern": "^https://\\S+$"}),
]
Hours = Annotated[float, Field(gt=0, le=12)]

# Warnings a coordinator may acknowledge in the cohort file. Errors cannot be acknowledged.
WarningCode = Literal["late-mentee", "group-size", "same-department", "meeting-count", "meeting-length"]
WARNING_CODES: tuple[str, ...] = WarningCode.__args__  # type: ignore[attr-defined]


class Person(Strict):
    """A participant, known in the files by a short id."""

    id: Id = Field(description="Kort id, fx `mentor-a` eller `m01`. Vises aldrig som navn.")
    name: ShortText | None = Field(
        default=None, description="Navn (valgfrit). Udgives kun, hvis `privacy.publish_names` er true."
    )
    department: ShortText | None = Field(
        default=None, description="Afdeling eller forvaltning (valgfrit). Bruges kun til tjek; udgives aldrig."
    )
    manager: ShortText | None = Field(
        default=None,
        description="Nærmeste leder: navn eller id (valgfrit). Bruges kun til at tjekke, at mentor ikke er "
        "mentees nærmeste leder; udgives aldrig.",
    )


class Mentee(Person):
    """A mentee; `joined` records a late start."""

    joined: Date | None = Field(
        default=None, description="Dato, hvor mentee kom med, hvis det var efter forløbets start (valgfrit)."
    )


class Homework(Strict):
    """The assignment that follows a meeting and is due before the next."""

    title: ShortText | None = Field(default=None, description="Opgavens overskrift (valgfrit).")
    tasks: TextList = Field(default=[], description="Opgaverne, der skal besvares skriftligt.")
    questions: TextList = Field(default=[], description="Refleksionsspørgsmål at tænke over og svare på.")
    max_length: ShortText | None = Field(
        default=None, description="Største omfang, fx »1–2 A4-sider«. Udelades: programmets regel."
    )
    shared: bool = Field(default=False, description="Deles besvarelserne med de andre mentees? Standard: nej.")
    hand_in: ShortText | None = Field(
        default=None, description="Hvordan besvarelsen afleveres, fx »pr. mail til mentor«. Udelades: programmets."
    )
    due: Date | None = Field(
        default=None,
        description="Fast frist (ÅÅÅÅ-MM-DD). Udelades: fristen regnes ud fra reglen i `homework_due` "
        "eller programmet, fx to dage før næste møde.",
    )
    receiver: ShortText | None = Field(
        default=None,
        description="Hvem modtager besvarelsen, fx »mentor«. Kræves for en opgave efter sidste møde.",
    )
    purpose: ShortText | None = Field(
        default=None,
        description="Hvad besvarelsen bruges til, fx »afsæt for den afsluttende samtale med mentor«. "
        "Kræves for en opgave efter sidste møde.",
    )

    @model_validator(mode="after")
    def _has_content(self) -> Homework:
        if not self.tasks and not self.questions:
            raise ValueError("en hjemmeopgave skal have mindst én opgave (tasks) eller ét spørgsmål (questions)")
        return self


class Meeting(Strict):
    """A meeting of the group, or of a pair."""

    id: Id = Field(description="Mødets faste id, fx `moede-1`. Kalenderen genkender mødet på det, så ret det ikke.")
    date: Date = Field(description="Mødets dato (ÅÅÅÅ-MM-DD).")
    start: Clock
    hours: Hours | None = Field(default=None, description="Mødets længde i timer. Udelades: programmets længde.")
    place: ShortText | None = Field(default=None, description="Mødested, fx »Rådhuset, mødelokale 2«.")
    online: WebLink | None = Field(default=None, description="Link til onlinemødet (valgfrit).")
    theme: ShortText | None = Field(default=None, description="Mødets tema, fx »Ledelse som fag«.")
    homework: Homework | None = Field(default=None, description="Hjemmeopgaven, der følger efter mødet.")


class MentorMeeting(Strict):
    """One of the mentors' own meetings between rounds of group meetings."""

    id: Id = Field(description="Mødets faste id, fx `evaluering-1`.")
    kind: Literal["evaluation", "planning"] = Field(
        description="evaluation (evaluering lige efter en runde) eller planning (planlægning før næste runde)."
    )
    date: Date = Field(description="Mødets dato (ÅÅÅÅ-MM-DD).")
    start: Clock
    hours: Hours = Field(description="Mødets længde i timer.")
    place: ShortText | None = Field(default=None, description="Mødested (valgfrit).")
    online: WebLink | None = Field(default=None, description="Link til onlinemødet (valgfrit).")
    note: ShortText | None = Field(default=None, description="Kort bemærkning, fx hvad mødet især skal handle om.")


class PairDefaults(Strict):
    """When and where the pairs of a one-to-one round usually meet."""

    time: Clock
    hours: Hours | None = Field(default=None, description="Længde i timer. Udelades: programmets længste mødelængde.")
    place: ShortText | None = Field(default=None, description="Mødested, fx »aftales i parret«.")
    online: WebLink | None = Field(default=None, description="Link til onlinemøder (valgfrit).")


class Pair(Strict):
    """A mentor and a mentee in a one-to-one round."""

    id: Id = Field(description="Parrets id, fx `par-1`.")
    mentor: Id = Field(description="Mentors id fra listen `mentors`.")
    mentee: Id = Field(description="Mentees id fra listen `mentees`.")
    first_meeting: Date | None = Field(
        default=None, description="Første møde (ÅÅÅÅ-MM-DD). Udelades: forløbets startdato."
    )
    time: Clock | None = Field(default=None, description="Parrets sædvanlige klokkeslæt. Udelades: `pair_defaults`.")
    meetings: list[Meeting] = Field(
        default=[], description="Parrets egne mødedatoer. Udelades: en foreslået plan ud fra programmets rytme."
    )


class DueRule(Strict):
    """How homework due dates are computed when a homework has no `due` date."""

    days_before: int | None = Field(
        default=None, ge=0, le=30, description="Dage før næste møde. Udelades: programmets regel (gruppeforløb)."
    )
    time: Clock = Field(default="16:00", description='Klokkeslæt for fristen, fx "16:00".')
    weekends: Literal["move_earlier", "keep"] = Field(
        default="move_earlier",
        description="Falder fristen på en weekend eller helligdag: move_earlier flytter den til sidste "
        "arbejdsdag før, keep lader den stå.",
    )


class Privacy(Strict):
    """What the published page and calendars may show about the participants."""

    publish_names: bool = Field(
        default=False,
        description="Vis deltagernes navne på siden og i kalenderne. Standard: nej – kun roller og antal. "
        "Afdeling og nærmeste leder udgives aldrig.",
    )


class Acknowledgement(Strict):
    """A warning the coordinators have seen and accept for this cohort."""

    code: WarningCode = Field(description="Advarslens kode, fx `group-size`.")
    about: Id | None = Field(
        default=None, description="Id på den person eller det møde, det gælder. Udelades: alle med koden."
    )
    reason: ShortText = Field(description="Kort begrundelse, fx »aftalt med opdragsgiver«.")


# What editors see: a cohort is either a mentoring cohort or a network cohort, never both.
COHORT_SHAPES: dict[str, Any] = {
    "oneOf": [
        {
            "title": "Mentorordning",
            "required": ["mentors", "mentees"],
            "not": {"anyOf": [{"required": ["participants"]}, {"required": ["process_consultant"]}]},
        },
        {
            "title": "Netværk",
            "required": ["participants", "process_consultant"],
            "not": {"anyOf": [{"required": [key]} for key in ("mentors", "mentees", "pairs", "mentor_meetings")]},
        },
    ]
}


class EvaluationResult(Strict):
    """Aggregate figures from one evaluation point: numbers only, never answers, quotes or names."""

    moment: Literal["midt", "slut", "opfoelgning"] = Field(
        description="Evalueringen: midt (midtvejs), slut eller opfoelgning (6–12 måneder efter)."
    )
    invited: int = Field(ge=0, le=10_000, description="Antal, der fik spørgeskemaet.")
    answered: int = Field(ge=0, le=10_000, description="Antal besvarelser.")
    satisfaction: float | None = Field(
        default=None, ge=1, le=5, description="Gennemsnitlig samlet tilfredshed på skalaen 1–5 (valgfrit)."
    )
    goals: float | None = Field(
        default=None, ge=1, le=5, description="Gennemsnit for udsagnene om programmets mål, 1–5 (valgfrit)."
    )
    recommend: int | None = Field(
        default=None, ge=0, le=100, description="Procent, der vil anbefale forløbet til en kollega (valgfrit)."
    )

    @model_validator(mode="after")
    def _answered(self) -> EvaluationResult:
        if self.answered > self.invited:
            raise FieldError(("answered",), "answered (besvarelser) kan ikke være flere end invited (inviterede)")
        return self


class Cohort(Strict):
    """A cohort: one run of a programme with its people, meetings and homework."""

    model_config = ConfigDict(json_schema_extra=lambda schema: schema.update(COHORT_SHAPES))

    programme: Id = Field(description="Programmets id = filnavnet i `programmes/` uden .yaml, fx `gruppementor`.")
    variant: Id | None = Field(default=None, description="Variantens id, fx `lederaspiranter` (kun gruppeforløb).")
    name: ShortText = Field(description="Forløbets navn, fx »Lederaspiranter, hold 1, forår 2027«.")
    start: Date = Field(description="Forløbets første dag (ÅÅÅÅ-MM-DD).")
    end: Date = Field(description="Forløbets sidste dag (ÅÅÅÅ-MM-DD).")
    description: Text | None = Field(default=None, description="Et par linjer om forløbet (valgfrit).")
    privacy: Privacy = Field(default=Privacy(), description="Hvad siden og kalenderne må vise om deltagerne.")
    homework_due: DueRule = Field(default=DueRule(), description="Reglen for hjemmeopgavernes frister.")
    mentors: list[Person] = Field(default=[], max_length=50, description="Mentorerne (mindst én; ikke i netværk).")
    mentees: list[Mentee] = Field(default=[], max_length=200, description="Mentees (mindst én; ikke i netværk).")
    participants: list[Person] = Field(
        default=[], max_length=200, description="Netværkets deltagere (kun netværk, mindst to)."
    )
    process_consultant: Person | None = Field(default=None, description="Netværkets proceskonsulent (kun netværk).")
    meetings: list[Meeting] = Field(
        default=[], max_length=60, description="Gruppe- eller netværksmøderne i rækkefølge (ikke én-til-én)."
    )
    mentor_meetings: list[MentorMeeting] = Field(
        default=[], max_length=60, description="Mentorernes evaluerings- og planlægningsmøder (gruppeforløb)."
    )
    pairs: list[Pair] = Field(default=[], max_length=200, description="Parrene (én-til-én-forløb).")
    pair_defaults: PairDefaults | None = Field(
        default=None, description="Parrenes sædvanlige tid og sted (én-til-én-forløb)."
    )
    acknowledge: list[Acknowledgement] = Field(
        default=[], description="Advarsler, I har set og accepterer, med en kort begrundelse."
    )
    results: list[EvaluationResult] = Field(
        default=[],
        max_length=3,
        description="Samlede tal fra evalueringerne (valgfrit): kun antal og gennemsnit, aldrig svar eller navne.",
    )

    @property
    def is_network(self) -> bool:
        """True for a network cohort: participants and a process consultant."""
        return bool(self.participants) or self.process_consultant is not None

    @property
    def people(self) -> list[Person]:
        """Everyone in the cohort: mentors and mentees, or participants and the process consultant."""
        consultant = [self.process_consultant] if self.process_consultant else []
        return [*self.mentors, *self.mentees, *self.participants, *consultant]


__all__ = [
    "WARNING_CODES",
    "Acknowledgement",
    "Cohort",
    "DueRule",
    "EvaluationResult",
    "Homework",
    "Meeting",
    "Mentee",
    "MentorMeeting",
    "Pair",
    "PairDefaults",
    "Person",
    "Privacy",
    "WarningCode",
]
