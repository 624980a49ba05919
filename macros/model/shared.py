"""Content shared by all programmes: defaults they inherit and the four models."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import RoleKey, ShortText, Strict, Text
from .programme import ModelKind


class ModelDescription(Strict):
    """One of the four mentoring models, for the comparison page."""

    key: ModelKind = Field(description="Modellens nøgle.")
    name: ShortText = Field(description="Modellens navn på dansk.")
    summary: Text = Field(description="Modellen i én sætning.")
    participants: Text = Field(description="Hvem der deltager.")
    mentees_per_mentor: ShortText = Field(description="Hvor mange mentees én mentor eller konsulent har.")
    meeting_pattern: Text = Field(description="Hvordan og hvor ofte man mødes.")
    roles: list[RoleKey] = Field(
        default=[], description="Bruges ikke længere: rollerne følger modellen og programmets egne roller."
    )
    suits: Text = Field(description="Hvad modellen egner sig til.")
    cost: Text = Field(description="Ressourceforbrug sammenlignet med de andre modeller.")


class SharedContent(Strict):
    """The file `programmes/_faelles.yaml`: written once, reused by every programme."""

    defaults: dict[str, Any] = Field(
        default={},
        description="Fælles tekster, som alle programmer arver. Et programme kan overskrive hver del.",
    )
    network_defaults: dict[str, Any] = Field(
        default={},
        description="Tekster, som netværkene (digital_network og physical_network) arver oven på `defaults`: "
        "deltager i stedet for mentee, proceskonsulent i stedet for mentor og en aftale for netværket.",
    )
    models: list[ModelDescription] = Field(default=[], description="De fire modeller til sammenligningssiden.")
