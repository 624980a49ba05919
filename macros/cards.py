"""The front page's programme cards: name, model, size and period from the catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from .catalogue import Catalogue, ProgrammeEntry
from .model import Programme
from .pages import SECTION
from .render import MODEL_NAMES_DA, MONTHS_DA, render_template


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
    if p.group is not None:
        period = f"{p.group.period_months} måneder med {p.group.meeting_count} gruppemøder"
    elif latest is not None:
        period = f"{_span(latest.start, latest.end)} (seneste forløb)"
    else:
        period = "aftales for hvert forløb"
    model = MODEL_NAMES_DA.get(p.model, p.model)
    return Card(entry.slug, p.name, p.summary, model, participants(p), period, len(cohorts))


def participants(p: Programme) -> str:
    """How many take part together: a pair, a group, or the model's own words."""
    if p.group is not None:
        size = p.group.group_size
        return f"1 mentor og {size.min}–{size.max} mentees i hver gruppe"
    if p.model == "one_to_one":
        return "1 mentor og 1 mentee i hvert par"
    return "efter modellen"


def _span(start: dt.date, end: dt.date) -> str:
    """'januar–juni 2027', or 'november 2027–marts 2028' across a new year."""
    first, last = MONTHS_DA[start.month - 1], MONTHS_DA[end.month - 1]
    return f"{first}–{last} {end.year}" if start.year == end.year else f"{first} {start.year}–{last} {end.year}"
