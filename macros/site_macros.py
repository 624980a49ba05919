"""Macros that hand-written pages in `docs/` can call, so no fact is written twice.

Example in a page: `{{ programme_list() }}`, `{{ model_comparison() }}` or
`{{ learning_languages("mentorordning-ledere") }}`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError
from markupsafe import Markup, escape

from .cards import programme_cards
from .catalogue import Catalogue
from .pages import languages_table, programme_list
from .problems import Problem, ProblemsError
from .render import ROLE_NAMES_DA, environment, html_table


def page_macros(
    catalogue: Catalogue, page_path: str, site: Mapping[str, str] | None = None
) -> dict[str, Callable[..., Any]]:
    """The functions a hand-written page at `page_path` (relative to docs/) may call.

    `site` holds settings from mkdocs.yml: `repo_url`; when `mentor build` makes one,
    `offline_zip` (the offline copy's file name); `offline_copy` when this is that copy.
    """
    site = site or {}
    base = posixpath.relpath(".", posixpath.dirname(page_path) or ".")
    base = "" if base == "." else f"{base}/"

    def learning_languages(slug: str | None = None) -> Markup:
        entry = catalogue.programme(slug) if slug else next(iter(catalogue.programmes), None)
        if entry is None:
            raise ValueError(f"programmet '{slug}' findes ikke")
        return languages_table(entry.programme)

    return {
        "programme_list": lambda: programme_list(catalogue, base=base),
        "programme_cards": lambda: programme_cards(catalogue, base=base),
        "source_link": lambda: source_link(site.get("repo_url", "")),
        "offline_copy": lambda: offline_copy(site.get("offline_zip", ""), base, bool(site.get("offline_copy"))),
        "model_comparison": lambda: model_comparison(catalogue),
        "learning_languages": learning_languages,
        "catalogue": lambda: catalogue,
    }


def render_page_macros(
    markdown: str, catalogue: Catalogue, page_path: str, site: Mapping[str, str] | None = None
) -> str:
    """Expand macros in a hand-written page; a mistake names the page and line."""
    if "{{" not in markdown and "{%" not in markdown:
        return markdown
    where = f"docs/{page_path}"
    try:
        template = environment().from_string(markdown)
        return template.render(**page_macros(catalogue, page_path, site))
    except TemplateSyntaxError as exc:
        raise ProblemsError([Problem(where, exc.lineno, 1, "", f"fejl i makro: {exc.message}")]) from None
    except (UndefinedError, ValueError, TypeError) as exc:
        raise ProblemsError([Problem(where, 1, 1, "", f"makroen kunne ikke udføres: {exc}")]) from None


def model_comparison(catalogue: Catalogue) -> Markup:
    """The four models side by side: who takes part, how many, how often, roles, use."""
    models = catalogue.shared.models
    rows = [
        ("Kort fortalt", [m.summary for m in models]),
        ("Hvem deltager", [m.participants for m in models]),
        ("Mentees pr. mentor", [m.mentees_per_mentor for m in models]),
        ("Mødemønster", [m.meeting_pattern for m in models]),
        ("Roller", [", ".join(ROLE_NAMES_DA[r] for r in m.roles) for m in models]),
        ("Egner sig til", [m.suits for m in models]),
        ("Ressourcer", [m.cost for m in models]),
    ]
    return html_table("De fire modeller side om side", [m.name for m in models], rows, css="mentor-models")


def source_link(repo_url: str) -> Markup:
    """The repository, for contributors: named for what it holds, not by its folder name."""
    if not repo_url:
        return Markup("")
    where = " på GitHub" if "github.com" in repo_url else ""
    return Markup(f"[Kildefilerne{where}]({escape(repo_url)})")


def offline_copy(zip_name: str, base: str, reading_it: bool = False) -> Markup:
    """A link to the offline copy that `mentor build` makes, or a sentence saying how to get one."""
    if reading_it:
        return Markup("Det er den kopi, du læser nu.")
    if not zip_name:
        return Markup("Kopien laves af `make site` (kommandoen `mentor build`) og ligger så her på siden.")
    return Markup(f"[Hent hele håndbogen som zip-fil]({escape(base + zip_name)})")
