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
    "one_to_one": "Én-til-én-mentorordning",
    "group": "Gruppementorordning",
    "digital_network": "Digitalt netværk med løst tilknyttet proceskonsulent",
    "physical_network": "Fysisk netværk med fast tilknyttet proceskonsulent",
}
ROLE_NAMES_DA = {
    "mentor": "mentor",
    "mentee": "mentee",
    "coordinator": "tovholder",
    "manager": "nærmeste leder",
    "process_consultant": "proceskonsulent",
    "commissioner": "opdragsgiver",
}


@cache
def environment() -> Environment:
    """One environment: every `{{ value }}` is made safe unless it is already Markup."""
    env = Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=_finalize,
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
    )
    env.globals["html_table"] = html_table
    env.globals["cohort_downloads"] = _cohort_downloads  # for documents/cohort_downloads.md.j2
    env.globals["hours_table"] = _hours_table  # for cohort/hours.md.j2
    env.globals["typical_hours_table"] = _typical_hours_table  # for programme/hours.md.j2
    env.globals["evaluation_forms"] = _evaluation_forms  # for cohort/coordinators_year.md.j2
    env.globals["results_table"] = _results_table
    return env


def _cohort_downloads(entry: Any, programme: Any) -> Any:
    from .downloads import cohort_downloads  # imported late: downloads uses format_date from here

    return cohort_downloads(entry, programme)


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


def _finalize(value: Any) -> Any:
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
