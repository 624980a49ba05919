"""The front page's programme cards: name, model, size and period from the catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..loading.catalogue import Catalogue
from ..loading.programme_entry import ProgrammeEntry
from ..model import Cohort, Programme
from ..model.danish import MODEL_NAMES_DA, MONTHS_DA, number_words
from .site_paths import SECTION
from .templating import render_template


@dataclass(frozen=True)
class Card:
    """What one card says about a programme."""

    slug: str
    name: str
    summary: str
    model: str
    size: str
    period: str
    cohorts: int


def programme_cards(catalogue: Catalogue, base: str = "") -> Markup:
    """Material's grid cards (needs `md_in_html`), one per programme; `base` leads to docs/."""
    cards = [_card(entry, catalogue) for entry in catalogue.programmes]
    return Markup(render_template("partials/programme_cards.md.j2", cards=cards, base=f"{base}{SECTION}/"))


def _card(entry: ProgrammeEntry, catalogue: Catalogue) -> Card:
    p = entry.programme
    cohorts = [c.cohort for c in catalogue.cohorts if c.programme == entry.slug]
    latest = max(cohorts, key=lambda c: (c.start, c.end), default=None)
    model = MODEL_NAMES_DA.get(p.model, p.model)
    return Card(entry.slug, p.name, p.summary, model, participants(p), _period(p, latest), len(cohorts))


def _period(p: Programme, latest: Cohort | None) -> str:
    """The design's months and meetings, or a pair programme's latest cohort (pairs set their own pace)."""
    design = p.group or p.network
    if design is not None:
        meeting = "gruppemøde" if p.group is not None else "netværksmøde"
        months = _counted(design.period_months, "måned", "måneder")
        return _capital(f"{months} med {_counted(design.meeting_count, meeting, meeting + 'r', 'neuter')}")
    return f"{_span(latest.start, latest.end)} (seneste forløb)" if latest else "Aftales for hvert forløb"


def _counted(number: int, one: str, many: str, gender: str = "common") -> str:
    """'fire måneder', 'én måned', 'ét gruppemøde'."""
    return f"{number_words(number, gender)} {one if number == 1 else many}"


def participants(p: Programme) -> str:
    """How many take part together: a pair, a group or a network, in words under ten."""
    if p.group is not None:
        size = p.group.group_size
        return f"Én mentor og {count_range(size.min, size.max)} mentees i hver gruppe"
    if p.network is not None:
        return _capital(f"{count_range(p.network.size.min, p.network.size.max)} deltagere og en proceskonsulent")
    return "Én mentor og én mentee i hvert par"


def count_range(low: int, high: int) -> str:
    """'fire til syv' under ten; '6–15' when a number is ten or more (numbers side by side are written alike)."""
    if high < 10:
        return number_words(low) if low == high else f"{number_words(low)} til {number_words(high)}"
    return str(low) if low == high else f"{low}–{high}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _span(start: dt.date, end: dt.date) -> str:
    """'januar–juni 2027', or 'november 2027–marts 2028' across a new year."""
    first, last = MONTHS_DA[start.month - 1], MONTHS_DA[end.month - 1]
    return f"{first}–{last} {end.year}" if start.year == end.year else f"{first} {start.year}–{last} {end.year}"
