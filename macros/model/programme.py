"""The typed model of a mentoring programme.

One source of truth: the loader validates YAML against it, the templates read it,
and the JSON Schema that editors use is generated from it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import Email, FieldError, Id, RoleKey, ShortText, Strict, Text, TextList
from .group import GroupDesign
from .network import NetworkDesign
from .workload import Workload

ModelKind = Literal["one_to_one", "group", "digital_network", "physical_network"]
LanguageKey = Literal["instruction", "advice", "guidance", "coaching"]
Asker = Literal["mentee", "mentor", "participant", "process_consultant"]
ExtraPage = Literal["learning_languages", "mentor_contract"]

# The roles each model has; the shared defaults describe them all, a programme shows its model's.
# A commissioner is shown where the programme file describes one.
MODEL_ROLES: dict[str, tuple[RoleKey, ...]] = {
    "one_to_one": ("mentor", "mentee", "coordinator", "manager"),
    "group": ("mentor", "mentee", "coordinator", "manager", "commissioner"),
    "digital_network": ("participant", "process_consultant", "coordinator", "manager"),
    "physical_network": ("participant", "process_consultant", "coordinator", "manager"),
}
# The roles a programme of the model cannot do without.
REQUIRED_ROLES: dict[str, tuple[RoleKey, ...]] = {
    "one_to_one": ("mentor", "mentee", "coordinator"),
    "group": ("mentor", "mentee", "coordinator"),
    "digital_network": ("participant", "process_consultant", "coordinator"),
    "physical_network": ("participant", "process_consultant", "coordinator"),
}
Moment = Literal["before", "end"]
TermKey = Literal["frequency", "changes", "agenda", "evaluation"]


class Role(Strict):
    """A role in the programme and what it gives and asks."""

    title: ShortText = Field(description="Rollens navn, fx »Mentor«.")
    description: Text = Field(description="Hvem rollen er, og hvad den gør i ordningen.")
    expectations: TextList = Field(default=[], description="Hvad personen i rollen kan forvente at få.")
    obligations: TextList = Field(default=[], description="Hvad personen i rollen forpligter sig til.")
    requirements: TextList = Field(
        default=[], description="Hvad rollen forudsætter af personen, fx erfaring og evner (valgfrit)."
    )


class LearningLanguage(Strict):
    """One of the four ways a mentor can speak: from instruction to coaching."""

    key: LanguageKey = Field(description="Hvilket læringssprog: instruction, advice, guidance eller coaching.")
    name: ShortText = Field(description="Navnet på dansk, fx »Vejledning«.")
    mentor_says: Text = Field(description="Hvad mentor typisk siger i dette sprog.")
    mentor_control: Text = Field(description="Hvor meget styring og ansvar mentor beholder.")
    mentee_ownership: Text = Field(description="Hvor meget ejerskab og ansvar mentee har.")


class ReflectionSet(Strict):
    """Questions one party asks themselves at one moment of a meeting."""

    asked_by: Asker = Field(
        description="Hvem besvarer spørgsmålene: mentee, mentor, participant (deltager) eller process_consultant."
    )
    moment: Moment = Field(description="Hvornår: before (før eller ved mødets start) eller end (ved afslutningen).")
    note: Text | None = Field(default=None, description="Valgfri bemærkning, fx at spørgsmålene tages i dialog.")
    questions: TextList = Field(min_length=1, description="Spørgsmålene.")


class Hours(Strict):
    """A usual duration range in hours."""

    min: float = Field(gt=0, le=12, description="Korteste sædvanlige længde i timer.")
    max: float = Field(gt=0, le=12, description="Længste sædvanlige længde i timer.")

    @model_validator(mode="after")
    def _ordered(self) -> Hours:
        if self.max < self.min:
            raise FieldError(("max",), "max må ikke være mindre end min")
        return self


class RhythmPhase(Strict):
    """A stretch of the programme with its own distance between meetings."""

    label: ShortText = Field(description="Fasens navn, fx »De første måneder«.")
    from_month: int = Field(ge=0, le=60, description="Måned fra start, hvor fasen begynder (0 = fra start).")
    interval_weeks_min: int = Field(ge=1, le=26, description="Mindste antal uger mellem møder i fasen.")
    interval_weeks_max: int = Field(ge=1, le=26, description="Største antal uger mellem møder i fasen.")


class Rhythm(Strict):
    """How often pairs meet and how that changes over time."""

    description: Text = Field(description="Rytmen forklaret i ord.")
    phases: list[RhythmPhase] = Field(default=[], description="Faser med hver sin afstand mellem møderne.")


class MeetingGuide(Strict):
    """What makes a good mentoring meeting."""

    preparation: Text = Field(description="Hvordan mødet forberedes.")
    agenda: TextList = Field(min_length=1, description="Punkterne på et godt mødes dagsorden, i rækkefølge.")
    reflection: list[ReflectionSet] = Field(default=[], description="Refleksionsspørgsmål før og efter møderne.")
    length: Hours = Field(description="Mødernes sædvanlige længde.")
    length_note: Text | None = Field(default=None, description="Hvem der fastlægger længden, og hvordan.")
    rhythm: Rhythm = Field(description="Mødernes hyppighed og hvordan den ændrer sig.")
    logbook: Text = Field(description="Rådet om at føre logbog.")
    principle: Text = Field(description="Princippet om, at den der arbejder, er den der lærer.")


class ContractTerm(Strict):
    """One of the terms pairs agree on in the contract."""

    key: TermKey = Field(description="Hvilket vilkår: frequency, changes, agenda eller evaluation.")
    title: ShortText = Field(description="Overskrift på vilkåret.")
    default: Text = Field(description="Forslag til ordlyd, som parterne kan rette.")


class Contract(Strict):
    """The contract or working agreement made at the start."""

    intro: Text = Field(description="Hvorfor kontrakten laves, og hvornår.")
    goals_intro: Text = Field(description="Indledning til afsnittet om mål.")
    goal_questions: TextList = Field(min_length=1, description="Spørgsmål, mentee besvarer om sine mål.")
    terms: list[ContractTerm] = Field(min_length=1, description="Vilkårene for samarbejdet.")
    confidentiality_clause: Text = Field(description="Klausulen om tavshedspligt i kontrakten.")


class Confidentiality(Strict):
    """The duty of confidentiality and the nearest manager's position."""

    duty: Text = Field(description="Tavshedspligten: hvem, hvornår og hvor længe.")
    manager: Text = Field(description="Den nærmeste leders placering i forhold til forløbet.")
    rules: TextList = Field(default=[], description="Konkrete regler, fx at mentor ikke kontakter mentees leder.")
    limits: Text | None = Field(
        default=None,
        description="Fortrolighedens grænser: hvad den ikke dækker, og hvor man henviser hen (HR, "
        "psykologordning, whistleblowerordning). Hver kommune beslutter selv.",
    )


class Contact(Strict):
    """A contact point given by role and unit, never by person."""

    role: ShortText = Field(description="Funktion, fx »Udviklingskonsulent«. Aldrig et personnavn.")
    unit: ShortText = Field(description="Afdeling eller forvaltning.")
    email: Email | None = Field(default=None, description="Fælles postkasse, fx mentor@example.org.")


class Coordination(Strict):
    """What coordinators do and how to reach them."""

    intro: Text = Field(description="Tovholdernes plads mellem deltagerne og organisationen.")
    duties: TextList = Field(min_length=1, description="Tovholdernes opgaver, fx matchning og kick-off-seminar.")
    contacts: list[Contact] = Field(default=[], description="Kontakt efter funktion, ikke person.")


class AtAGlance(Strict):
    """The programme in short, for the page that compares the models."""

    participants: Text = Field(description="Hvem der deltager, kort fortalt.")
    preparation: Text = Field(description="Hvad deltagerne forbereder og bidrager med mellem møderne.")
    suits: Text = Field(description="Hvad programmet egner sig til.")
    resources: Text = Field(description="Ressourceforbruget sammenlignet med de andre modeller.")


class Programme(Strict):
    """A mentoring programme as a coordinator describes it."""

    name: ShortText = Field(description="Programmets navn.")
    organisation: ShortText = Field(description="Organisationen bag, fx »Eksempel Kommune«.")
    summary: Text = Field(description="Én eller to sætninger til forsiden.")
    purpose: Text = Field(description="Hvorfor programmet findes.")
    strategy: Text = Field(description="Hvilken strategi eller indsats programmet tjener.")
    audience: Text = Field(description="Hvem programmet er for.")
    model: ModelKind = Field(description="Modellen: one_to_one, group, digital_network eller physical_network.")
    cross_organisational: bool = Field(
        default=False, description="Kommer mentor og mentee fra forskellige dele af organisationen?"
    )
    about: Text = Field(description="Hvad mentorskab er, kort fortalt.")
    roles: dict[RoleKey, Role] = Field(
        description="Rollerne, nøglet efter mentor, mentee, participant (deltager), coordinator, manager, "
        "process_consultant og commissioner. Programmet viser de roller, dets model har."
    )
    learning_languages: list[LearningLanguage] = Field(min_length=4, max_length=4, description="De fire læringssprog.")
    learning_languages_intro: Text = Field(description="Indledning til læringssprogene.")
    meeting_guide: MeetingGuide = Field(description="Det gode møde.")
    contract: Contract = Field(description="Kontrakten.")
    confidentiality: Confidentiality = Field(description="Tavshedspligt og nærmeste leder.")
    coordination: Coordination = Field(description="Tovholderne.")
    group: GroupDesign | None = Field(default=None, description="Kun for gruppementorordninger: forløbets design.")
    network: NetworkDesign | None = Field(
        default=None, description="Kun for netværk (digital_network og physical_network): netværkets design."
    )
    extra_pages: list[ExtraPage] = Field(
        default=[],
        description="Sider, som modellen ikke har, men programmet vil have med: learning_languages (de fire "
        "læringssprog) eller mentor_contract (kontrakten mellem mentor og mentee). Bruges af netværk.",
    )
    at_a_glance: AtAGlance | None = Field(
        default=None, description="Programmet kort fortalt til sammenligningssiden. Udelades: modellens tekster."
    )
    working_hours: Text | None = Field(
        default=None,
        description="Tæller møder og forberedelse som arbejdstid, også efter arbejdstid? Udfyldes af "
        "tovholderne ud fra kommunens regler; tjekket advarer, når feltet mangler.",
    )
    data_storage: Text | None = Field(
        default=None,
        description="Hvor besvarelser, kontrakter og noter opbevares, hvem der må se dem, og hvornår de "
        "slettes. Udfyldes af tovholderne; tjekket advarer, når feltet mangler.",
    )
    workload: Workload | None = Field(
        default=None, description="Programmets skøn over tid pr. rolle ud over møderne (til timeoversigten)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        keys = [lang.key for lang in self.learning_languages]
        if sorted(keys) != sorted(["instruction", "advice", "guidance", "coaching"]):
            message = "learning_languages skal rumme instruction, advice, guidance og coaching, hver én gang"
            raise FieldError(("learning_languages",), message)
        for needed in REQUIRED_ROLES[self.model]:
            if needed not in self.roles:
                raise FieldError(("roles",), f"roles mangler rollen '{needed}'")
        if self.model == "group" and self.group is None:
            raise FieldError(("model",), "en gruppementorordning (model: group) skal have afsnittet 'group'")
        if self.model != "group" and self.group is not None:
            raise FieldError(("group",), "afsnittet 'group' hører kun til model: group")
        return self._consistent_network()

    def _consistent_network(self) -> Programme:
        if self.is_network_model and self.network is None:
            raise FieldError(("model",), f"et netværk (model: {self.model}) skal have afsnittet 'network'")
        if not self.is_network_model and self.network is not None:
            message = "afsnittet 'network' hører kun til model: digital_network eller physical_network"
            raise FieldError(("network",), message)
        if self.network is not None:
            wanted = "platform" if self.model == "digital_network" else "meeting_place"
            if getattr(self.network, wanted) is None:
                raise FieldError(("network",), f"network mangler '{wanted}' for model: {self.model}")
        return self

    @property
    def is_group(self) -> bool:
        """True for group mentoring programmes."""
        return self.group is not None

    @property
    def is_network_model(self) -> bool:
        """True for the two network models, where peers learn with a process consultant."""
        return self.model in ("digital_network", "physical_network")

    @property
    def lead_role(self) -> RoleKey:
        """The role that leads: the mentor, or in a network the process consultant."""
        return "process_consultant" if self.is_network_model else "mentor"

    @property
    def member_role(self) -> RoleKey:
        """The role that takes part to learn: the mentee, or in a network the participant."""
        return "participant" if self.is_network_model else "mentee"


__all__ = ["Contract", "Id", "LearningLanguage", "MeetingGuide", "Programme", "Role"]
