"""The design of a group mentoring programme: one mentor, a small group of mentees."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import FieldError, Id, ShortText, Strict, Text, TextList


class GroupSize(Strict):
    """How many mentees a group has."""

    min: int = Field(ge=2, le=30, description="Færreste antal mentees i en gruppe.")
    max: int = Field(ge=2, le=30, description="Største antal mentees i en gruppe.")
    typical: int = Field(ge=2, le=30, description="Det sædvanlige antal mentees.")

    @model_validator(mode="after")
    def _ordered(self) -> GroupSize:
        if not self.min <= self.typical <= self.max:
            where = ("typical",) if self.min <= self.max else ("max",)
            raise FieldError(where, "gruppestørrelsen skal opfylde min ≤ typical ≤ max")
        return self


class HomeworkPolicy(Strict):
    """The written assignment that follows each meeting."""

    description: Text = Field(description="Hvad hjemmeopgaven er, og hvad den skal til for.")
    due_days_before: int = Field(
        ge=0, le=30, description="Hvor mange dage før næste møde besvarelsen skal være hos mentor."
    )
    max_pages: ShortText = Field(description="Største omfang, fx »1–2 A4-sider«.")
    confidential: bool = Field(
        default=True, description="Besvarelserne behandles fortroligt og lægges aldrig i dette repo."
    )
    hand_in: ShortText = Field(description="Hvordan besvarelsen afleveres, fx »pr. mail til mentor«.")


class Phase(Strict):
    """A phase or a set of activities in the group timeline."""

    title: ShortText = Field(description="Fasens eller aktivitetens overskrift.")
    items: TextList = Field(min_length=1, description="Punkterne i fasen.")


class MentorMeetings(Strict):
    """The mentors' own meetings between rounds of group meetings."""

    evaluation: Text = Field(description="Evalueringsmødet lige efter en mødrunde.")
    planning: Text = Field(description="Planlægningsmødet før næste runde.")


class Variant(Strict):
    """A variant of the group programme for a particular audience."""

    id: Id
    name: ShortText = Field(description="Variantens navn, fx »Lederaspiranter«.")
    audience: Text = Field(description="Hvem varianten er for.")
    homework: Text = Field(description="Hvordan den skriftlige forberedelse ser ud i varianten.")
    meeting_series: Text = Field(description="Vurdering af møderækkens længde.")
    focus: Text = Field(description="Hvad møderne fokuserer på.")
    agenda_style: ShortText = Field(description="Stram eller løs dagsorden.")
    preparation_load: Text = Field(description="Forberedelsestid for mentor og mentees.")
    meeting_count: int | None = Field(
        default=None, ge=1, le=24, description="Antal møder, hvis varianten afviger fra programmet."
    )


class GroupDesign(Strict):
    """Everything that is particular to group mentoring."""

    method: Text = Field(description="Metoden kort fortalt.")
    group_size: GroupSize = Field(description="Gruppestørrelse.")
    meeting_count: int = Field(ge=1, le=24, description="Antal gruppemøder i et forløb.")
    meeting_hours: float = Field(gt=0, le=12, description="Varighed af hvert gruppemøde i timer.")
    interval_weeks: int = Field(ge=1, le=26, description="Cirka antal uger mellem møderne.")
    period_months: int = Field(ge=1, le=36, description="Forløbets længde i måneder.")
    after_hours: bool = Field(default=False, description="Ligger møderne uden for arbejdstiden?")
    intro_phase: Phase = Field(description="Introduktionsfasen før første møde.")
    mentee_activities: Phase = Field(description="Hvad mentees gør mellem møderne.")
    mentor_activities: Phase = Field(description="Hvad mentorerne gør mellem møderne.")
    homework: HomeworkPolicy = Field(description="Hjemmeopgaverne.")
    mentor_meetings: MentorMeetings = Field(description="Mentorernes egne møder mellem runderne.")
    variants: list[Variant] = Field(
        default=[], description="Varianter af forløbet, fx for lederaspiranter og fungerende ledere."
    )
    recruitment: TextList = Field(min_length=1, description="Sådan rekrutteres mentorer og mentees.")
    watch_out: TextList = Field(min_length=1, description="Hvad man skal være opmærksom på.")
    success_criteria: TextList = Field(min_length=1, description="Succeskriterier.")
    results: TextList = Field(default=[], description="Resultater og erfaringer.")

    @model_validator(mode="after")
    def _unique_variants(self) -> GroupDesign:
        ids = [variant.id for variant in self.variants]
        for index, variant_id in enumerate(ids):
            if variant_id in ids[:index]:
                raise FieldError(("variants", index, "id"), f"to varianter har samme id '{variant_id}'")
        return self

    def variant(self, variant_id: str) -> Variant | None:
        """The variant with this id, or None."""
        return next((v for v in self.variants if v.id == variant_id), None)
