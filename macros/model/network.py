"""The design of a learning network: peers learn from each other with a process consultant.

The KL/DJØF project tried two networks: a digital one with a loosely attached
process consultant and a physical one with a fixed consultant. Neither has a
mentor; the participants are each other's source of knowledge.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import FieldError, ShortText, Strict, Text, TextList


class NetworkSize(Strict):
    """How many participants a network has."""

    min: int = Field(ge=2, le=60, description="Færreste antal deltagere i et netværk.")
    max: int = Field(ge=2, le=60, description="Største antal deltagere i et netværk.")
    typical: int = Field(ge=2, le=60, description="Det sædvanlige antal deltagere.")

    @model_validator(mode="after")
    def _ordered(self) -> NetworkSize:
        if not self.min <= self.typical <= self.max:
            where = ("typical",) if self.min <= self.max else ("max",)
            raise FieldError(where, "netværkets størrelse skal opfylde min ≤ typical ≤ max")
        return self


class Platform(Strict):
    """Where a digital network meets online, and how."""

    tool: ShortText = Field(description="Værktøjet, fx »kommunens samarbejdsplatform«. Aldrig et personligt link.")
    posting: Text = Field(description="Sådan lægges tråde og spørgsmål op, og sådan svarer man.")
    participation: Text = Field(description="Hvor ofte deltagerne forventes at kigge ind og bidrage.")


class MeetingPlace(Strict):
    """Where a physical network meets, and how often."""

    place: ShortText = Field(description="Mødestedet, fx »skiftevis hos deltagernes forvaltninger«.")
    rhythm: Text = Field(description="Mødernes rytme forklaret i ord.")


class ConsultantAttachment(Strict):
    """How closely the process consultant follows the network."""

    kind: Literal["loose", "fixed"] = Field(
        description="loose (løst tilknyttet: kommer ind på bestemte tidspunkter) eller fixed (fast tilknyttet: "
        "planlægger og leder hvert møde)."
    )
    description: Text = Field(description="Proceskonsulentens del af netværket forklaret i ord.")
    joins: TextList = Field(
        min_length=1, description="De tidspunkter eller opgaver, hvor proceskonsulenten er med eller svarer."
    )


class NetworkDesign(Strict):
    """Everything that is particular to a learning network."""

    method: Text = Field(description="Metoden kort fortalt: hvordan deltagerne lærer af hinanden.")
    platform: Platform | None = Field(default=None, description="Kun digitalt netværk: platformen og rytmen online.")
    meeting_place: MeetingPlace | None = Field(default=None, description="Kun fysisk netværk: mødested og rytme.")
    meeting_count: int = Field(ge=1, le=40, description="Antal netværksmøder i et forløb (online eller fysisk).")
    meeting_hours: float = Field(gt=0, le=12, description="Varighed af hvert netværksmøde i timer.")
    interval_weeks: int = Field(ge=1, le=26, description="Cirka antal uger mellem netværksmøderne.")
    period_months: int = Field(ge=1, le=36, description="Forløbets længde i måneder.")
    size: NetworkSize = Field(description="Netværkets størrelse.")
    consultant: ConsultantAttachment = Field(description="Proceskonsulentens tilknytning.")
    start: Text = Field(description="Sådan begynder et netværk.")
    end: Text = Field(description="Sådan slutter et netværk.")
    contributions: TextList = Field(min_length=1, description="Hvad hver deltager bringer med sig og bidrager med.")
    recruitment: TextList = Field(default=[], description="Sådan findes deltagerne.")
    watch_out: TextList = Field(default=[], description="Hvad man skal være opmærksom på.")

    @model_validator(mode="after")
    def _one_place(self) -> NetworkDesign:
        if self.platform is None and self.meeting_place is None:
            raise ValueError("et netværk skal have enten platform (digitalt) eller meeting_place (fysisk)")
        return self
