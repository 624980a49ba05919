"""The Jinja2 environment shared by pages, macros in hand-written pages and documents."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .text import one_line, safe_markdown

MONTHS_DA = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
WEEKDAYS_DA = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

MODEL_NAMES_DA = {
    "one_to_one": "Én til én-mentorordning",
    "group": "Gruppementorordning",
    "digital_network": "Digitalt netværk med løst tilknyttet proceskonsulent",
    "physical_network": "Fysisk netværk med fast tilknyttet proceskonsulent",
}
ROLE_NAMES_DA = {
    "mentor": "mentor",
    "mentee": "mentee",
    "participant": "deltager",
    "coordinator": "tovholder",
    "manager": "nærmeste leder",
    "process_consultant": "proceskonsulent",
    "commissioner": "opdragsgiver",
}
# The definite form a heading needs ("Det kan tovholderne forvente"); mentor and mentee stay bare.
ROLE_DEFINITE_DA = {
    "Mentor": "mentor",
    "Mentee": "mentee",
    "Tovholder": "tovholderne",
    "Nærmeste leder": "den nærmeste leder",
    "Proceskonsulent": "proceskonsulenten",
    "Opdragsgiver": "opdragsgiveren",
}
NUMBERS_DA = ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"]
ORDINALS_DA = ["", "", "anden", "tredje", "fjerde", "femte", "sjette", "syvende", "ottende", "niende"]
# The first word of a scheme's name and its definite ending: "Mentorordning for ledere" →
# "mentorordningen for ledere".
DEFINITE_ENDINGS = (("ordning", "en"), ("netværk", "et"), ("program", "met"), ("forløb", "et"))


@cache
def environment() -> Environment:
    """One environment: every `{{ value }}` is made safe unless it is already Markup."""
    env = Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=safe_output,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        one_line=lambda v: safe_markdown(one_line(v)),
        hours=format_hours,
        date_da=format_date,
        model_name=lambda key: MODEL_NAMES_DA.get(key, key),
        role_name=lambda key: ROLE_NAMES_DA.get(key, key),
        role_definite=lambda title: ROLE_DEFINITE_DA.get(title, title.lower()),
        words=number_words,
        hours_range=hours_range,
        every_weeks=every_weeks,
        definite=definite_name,
        genitive=lambda name: name if name.endswith(("s", "x", "z")) else f"{name}s",
    )
    env.globals["html_table"] = html_table
    env.globals["hours_table"] = _hours_table  # for cohort/hours.md.j2
    env.globals["typical_hours_table"] = _typical_hours_table  # for programme/hours.md.j2
    env.globals["evaluation_forms"] = _evaluation_forms  # for cohort/coordinators_year.md.j2
    env.globals["results_table"] = _results_table
    return env


def _hours_table(entry: Any, programme: Any) -> Markup:
    from .hours import cohort_hours, hours_rows  # imported late: hours uses format_hours from here

    return html_table(
        "Planlagte timer pr. rolle", ["Timer pr. person", "Bygger på"], hours_rows(cohort_hours(entry, programme))
    )


def _typical_hours_table(programme: Any) -> Markup:
    from .hours import hours_rows, typical_hours

    caption = "Planlagte timer pr. rolle i et typisk forløb"
    return html_table(caption, ["Timer pr. person", "Bygger på"], hours_rows(typical_hours(programme)))


def _evaluation_forms(entry: Any, programme: Any) -> Any:
    from .evaluation import questionnaires

    return questionnaires(entry, programme)


RESULT_TITLES = {"midt": "Midtvejs", "slut": "Slut", "opfoelgning": "Opfølgning"}


def _results_table(results: Sequence[Any]) -> Markup:
    """The cohort file's aggregate figures: answers, averages on 1–5 and the share who recommend."""

    def number(value: float | None, suffix: str = "") -> str:
        return "–" if value is None else f"{format_hours(round(value, 1))}{suffix}"

    rows = [
        (
            RESULT_TITLES[r.moment],
            [f"{r.answered} af {r.invited}", number(r.satisfaction), number(r.goals), number(r.recommend, " %")],
        )
        for r in results
    ]
    columns = ["Besvarelser", "Tilfredshed (1–5)", "Programmets mål (1–5)", "Vil anbefale"]
    return html_table("Resultater af evalueringerne", columns, rows)


def safe_output(value: Any) -> Any:
    """What `{{ value }}` writes: user text made safe for Markdown, Markup as it is."""
    if type(value) is str:
        return _safe_text(value)
    return value if isinstance(value, Markup) or not isinstance(value, str) else safe_markdown(value)


@lru_cache(maxsize=1 << 16)
def _safe_text(value: str) -> Markup:
    """safe_markdown for plain strings, remembered: a thousand cohort pages repeat the programme's texts."""
    return safe_markdown(value)


def render_template(name: str, **context: Any) -> str:
    """Render one template from `macros/templates/`."""
    return environment().get_template(name).render(**context)


def format_hours(value: float) -> str:
    """3.0 → '3', 1.5 → '1,5' (Danish decimal comma)."""
    return f"{value:g}".replace(".", ",")


def number_words(value: int | float, gender: str = "common") -> str:
    """Numbers under ten in words, as Danish running text wants: 6 → 'seks', 1 → 'én'/'ét'."""
    if isinstance(value, float) and not value.is_integer():
        return format_hours(value)
    number = int(value)
    if number == 1:
        return "ét" if gender == "neuter" else "én"
    return NUMBERS_DA[number] if 0 <= number < 10 else str(number)


def hours_range(low: float, high: float) -> str:
    """'en til to timer', or one value when both ends are equal: 'tre timer'."""
    first = NUMBERS_DA[int(low)] if float(low).is_integer() and low < 10 else format_hours(low)
    last = NUMBERS_DA[int(high)] if float(high).is_integer() and high < 10 else format_hours(high)
    unit = "time" if high == 1 else "timer"
    return f"{last} {unit}" if low == high else f"{first} til {last} {unit}"


def every_weeks(low: int, high: int) -> str:
    """'hver anden til fjerde uge', 'hver sjette uge', 'hver uge'."""

    def word(n: int) -> str:
        return ORDINALS_DA[n] if 2 <= n < 10 else f"{n}."

    if high == 1:
        return "hver uge"
    return f"hver {word(high)} uge" if low == high else f"hver {word(low)} til {word(high)} uge"


def definite_name(name: str) -> str:
    """A scheme's name in the definite form for running text: 'Gruppementorordning' → 'gruppementorordningen'."""
    first, _, rest = name.partition(" ")
    for noun, ending in DEFINITE_ENDINGS:
        if first.lower().endswith(noun):
            return " ".join(part for part in (first[0].lower() + first[1:] + ending, rest) if part)
    return f"ordningen »{name}«"


def format_date(value: Any) -> str:
    """A date in Danish long form: 'torsdag 4. marts 2027'."""
    return f"{WEEKDAYS_DA[value.weekday()]} {value.day}. {MONTHS_DA[value.month - 1]} {value.year}"


def html_table(
    caption: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], css: str = ""
) -> Markup:
    """An accessible table: caption, column headers and row headers with scope."""
    return Markup(
        environment()
        .get_template("partials/table.html.j2")
        .render(caption=caption, columns=columns, rows=rows, css=css)
    )
