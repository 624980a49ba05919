"""The page that compares the four models, filled from the shipped programmes.

Each model is shown through the first programme that uses it, so the numbers on
the page (people per leader, meetings, roles) are the programmes' own. A model no
programme uses falls back to its description in `programmes/_faelles.yaml`.
The same facts are set twice: as a table for wide screens and as one card per
model for phones; CSS shows one of them (stylesheets/mentor.css).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..loading.catalogue import PROGRAMMES_DIR, SHARED_FILE, Catalogue
from ..loading.programme_entry import ProgrammeEntry
from ..model import ModelDescription, Programme
from ..model.danish import every_weeks, hours_range, number_words
from .hours import model_hours_text
from .templating import render_template

SHARED_SOURCE = f"{PROGRAMMES_DIR}/{SHARED_FILE}"

ASPECTS = (
    "Hvem deltager",
    "Hvem leder",
    "Deltagere pr. mentor eller proceskonsulent",
    "Mødemønster",
    "Forberedelse",
    "Roller",
    "Egner sig til",
    "Ressourcer",
    "Planlagte timer",
)


@dataclass(frozen=True)
class Column:
    """One model on the comparison page: its name, example programme and the facts in ASPECTS order."""

    name: str
    programme: str | None  # the example programme's name
    link: str | None  # to the programme's overview, relative to the comparison page
    facts: tuple[str, ...]


def model_comparison(catalogue: Catalogue, base: str = "", shared_url: str = "") -> Markup:
    """The four models side by side, from the programmes that use them."""
    columns = [_column(model, _example(catalogue, model), base) for model in catalogue.shared.models]
    table = render_template("partials/comparison.html.j2", aspects=ASPECTS, columns=columns)
    return Markup(table + _source_note(catalogue, shared_url))


def _source_note(catalogue: Catalogue, shared_url: str) -> str:
    """Which file holds which part: the page's edit link only leads to docs/modeller.md."""
    used = [e for model in catalogue.shared.models if (e := _example(catalogue, model)) is not None]
    files = " og ".join(dict.fromkeys(f"`{e.source}`" for e in used)) or "ordningernes filer"
    shared = f"[`{SHARED_SOURCE}`]({escape(shared_url)})" if shared_url else f"`{SHARED_SOURCE}`"
    return (
        f'\n\n!!! note "Hvor står teksten?"\n'
        f"    Modellernes beskrivelser står under `models` i {shared}. Tallene for en model, som en "
        f"ordning bruger, kommer fra ordningens egen fil: {files}.\n"
    )


def _example(catalogue: Catalogue, model: ModelDescription) -> ProgrammeEntry | None:
    return next((e for e in catalogue.programmes if e.programme.model == model.key), None)


def _column(model: ModelDescription, entry: ProgrammeEntry | None, base: str) -> Column:
    if entry is None:
        facts = (
            model.participants,
            "",
            model.mentees_per_mentor,
            model.meeting_pattern,
            "",
            "",
            model.suits,
            model.cost,
            "",
        )
        return Column(model.name, None, None, facts)
    p = entry.programme
    glance = p.at_a_glance
    facts = (
        glance.participants if glance else model.participants,
        _lead(p),
        _per_lead(p),
        _pattern(p),
        glance.preparation if glance else _preparation(p),
        _roles(p),
        glance.suits if glance else model.suits,
        glance.resources if glance else model.cost,
        model_hours_text([(p.name, p)], p.model),
    )
    return Column(model.name, p.name, f"{base}programmer/{entry.slug}/", facts)


def _lead(p: Programme) -> str:
    title = p.roles[p.lead_role].title
    if p.network is None:
        return title
    if p.network.consultant.kind == "loose":
        return f"{title}, løst tilknyttet"
    return f"Fast {title.lower()}, der planlægger og leder hvert møde"


def _per_lead(p: Programme) -> str:
    size = p.network.size if p.network else p.group.group_size if p.group else None
    noun = "deltagere" if p.network else "mentees"
    if size is None:
        return "Én mentee"
    return f"{number_words(size.min)} til {number_words(size.max)} {noun}, typisk {number_words(size.typical)}"


def _pattern(p: Programme) -> str:
    design = p.network or p.group
    if design is not None:
        kind = "netværksmøder" if p.network else "gruppemøder"
        count, hours = number_words(design.meeting_count, "neuter"), design.meeting_hours
        weeks, months = every_weeks(design.interval_weeks, design.interval_weeks), number_words(design.period_months)
        text = f"{count.capitalize()} {kind} à {hours_range(hours, hours)} over {months} måneder, cirka {weeks}"
        if p.network and p.network.platform:
            tool = p.network.platform.tool.split(",")[0]
            text += f", og dialog mellem møderne på {tool[0].lower()}{tool[1:]}"
        return text + "."
    length = p.meeting_guide.length
    phases = [every_weeks(ph.interval_weeks_min, ph.interval_weeks_max) for ph in p.meeting_guide.rhythm.phases]
    return f"Møder på {hours_range(length.min, length.max)}" + (
        f", først {' og siden '.join(phases)}." if phases else "."
    )


def _preparation(p: Programme) -> str:
    if p.group is not None:
        return f"Skriftlig hjemmeopgave mellem møderne, højst {p.group.homework.max_pages}."
    agenda = next((term.default for term in p.contract.terms if term.key == "agenda"), None)
    return _first_sentence(agenda or p.meeting_guide.preparation)


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return f"{head}{dot.strip()}"


def _roles(p: Programme) -> str:
    """»Gruppementor, mentee, tovholder, nærmeste leder«: one sentence, the first word capitalised."""
    titles = [role.title for role in p.roles.values()]
    return ", ".join([titles[0], *(t[0].lower() + t[1:] for t in titles[1:])])
