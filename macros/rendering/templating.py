"""The Jinja2 environment shared by pages, macros in hand-written pages and documents."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..model.danish import (
    MODEL_NAMES_DA,
    ROLE_DEFINITE_DA,
    ROLE_NAMES_DA,
    definite_name,
    every_weeks,
    format_date,
    format_hours,
    hours_range,
    number_words,
)
from .evaluation import questionnaires
from .hours import cohort_hours, hours_rows, typical_hours
from .safe_text import one_line, safe_markdown


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
    env.globals["evaluation_forms"] = questionnaires  # for cohort/coordinators_year.md.j2
    env.globals["results_table"] = _results_table
    return env


def _hours_table(entry: Any, programme: Any) -> Markup:
    return html_table(
        "Planlagte timer pr. rolle", ["Timer pr. person", "Bygger på"], hours_rows(cohort_hours(entry, programme))
    )


def _typical_hours_table(programme: Any) -> Markup:
    caption = "Planlagte timer pr. rolle i et typisk forløb"
    return html_table(caption, ["Timer pr. person", "Bygger på"], hours_rows(typical_hours(programme)))


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


def html_table(
    caption: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], css: str = ""
) -> Markup:
    """An accessible table: caption, column headers and row headers with scope."""
    return Markup(
        environment()
        .get_template("partials/table.html.j2")
        .render(caption=caption, columns=columns, rows=rows, css=css)
    )
