"""Macros that hand-written pages in `docs/` can call, so no fact is written twice.

Example in a page: `{{ programme_list() }}`, `{{ model_comparison() }}` or
`{{ learning_languages("mentorordning-ledere") }}`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError
from markupsafe import Markup

from .catalogue import Catalogue
from .comparison import model_comparison
from .pages import languages_table, programme_list
from .problems import Problem, ProblemsError
from .render import environment


def page_macros(catalogue: Catalogue, page_path: str) -> dict[str, Callable[..., Any]]:
    """The functions a hand-written page at `page_path` (relative to docs/) may call."""
    base = posixpath.relpath(".", posixpath.dirname(page_path) or ".")
    base = "" if base == "." else f"{base}/"

    def learning_languages(slug: str | None = None) -> Markup:
        entry = catalogue.programme(slug) if slug else next(iter(catalogue.programmes), None)
        if entry is None:
            raise ValueError(f"programmet '{slug}' findes ikke")
        return languages_table(entry.programme)

    return {
        "programme_list": lambda: programme_list(catalogue, base=base),
        "model_comparison": lambda: model_comparison(catalogue, base=html_base(page_path)),
        "learning_languages": learning_languages,
        "catalogue": lambda: catalogue,
    }


def html_base(page_path: str) -> str:
    """From a page's published folder to the site root, for links in raw HTML that MkDocs leaves as they are.

    `modeller.md` is published as `modeller/`, so its raw links need `../`.
    """
    folder = posixpath.dirname(page_path)
    if posixpath.basename(page_path) != "index.md":
        folder = posixpath.join(folder, posixpath.splitext(posixpath.basename(page_path))[0])
    base = posixpath.relpath(".", folder or ".")
    return "" if base == "." else f"{base}/"


def render_page_macros(markdown: str, catalogue: Catalogue, page_path: str) -> str:
    """Expand macros in a hand-written page; a mistake names the page and line."""
    if "{{" not in markdown and "{%" not in markdown:
        return markdown
    where = f"docs/{page_path}"
    try:
        template = environment().from_string(markdown)
        return template.render(**page_macros(catalogue, page_path))
    except TemplateSyntaxError as exc:
        raise ProblemsError([Problem(where, exc.lineno, 1, "", f"fejl i makro: {exc.message}")]) from None
    except (UndefinedError, ValueError, TypeError) as exc:
        raise ProblemsError([Problem(where, 1, 1, "", f"makroen kunne ikke udføres: {exc}")]) from None
