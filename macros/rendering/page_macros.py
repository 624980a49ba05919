"""Macros that hand-written pages in `docs/` can call, so no fact is written twice.

Example in a page: `{{ programme_list() }}`, `{{ model_comparison() }}` or
`{{ learning_languages("mentorordning-ledere") }}`.

A page arrives through a pull request, so its `{{ … }}` runs in Jinja's immutable
sandbox: no attribute starting with `_`, no changing of lists or dicts, and only the
functions below. They hand out published data only (what the generated pages show);
cohorts, people, departments and managers are never within reach of a page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from functools import cache
from types import TracebackType
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..loading.catalogue import Catalogue
from ..model.danish import MODEL_NAMES_DA
from ..model.problems import Problem, ProblemsError
from .cards import programme_cards
from .comparison import model_comparison
from .programme_pages import languages_table, programme_list
from .site_paths import SECTION
from .templating import safe_output

MACROS = (
    "programme_list",
    "programme_cards",
    "model_comparison",
    "learning_languages",
    "programmes",
    "source_link",
    "offline_copy",
)
MAX_RESULT = 100_000  # a page's `*` and `**` may not make numbers or texts bigger than this
URL_SAFE = ":/?#@!$&+,;=%~"  # kept in a linked address; ()[]<>"'` and spaces are encoded
ZIP_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.zip")  # the offline copy's name: nothing to escape
TEMPLATE_NAME = "<template>"  # Jinja's file name for code from a string: how its line is found


def page_macros(
    catalogue: Catalogue, page_path: str, site: Mapping[str, str] | None = None
) -> dict[str, Callable[..., Any]]:
    """The functions a hand-written page at `page_path` (relative to docs/) may call.

    `site` holds settings from mkdocs.yml: `repo_url`; when `mentor build` makes one,
    `offline_zip` (the offline copy's file name, macros/site/offline.py makes the copy's own text);
    `shared_edit_url`, the edit link of programmes/_faelles.yaml (pages.shared_edit_url).
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
        "offline_copy": lambda: offline_copy(site.get("offline_zip", ""), base),
        "model_comparison": lambda: model_comparison(catalogue, html_base(page_path), site.get("shared_edit_url", "")),
        "learning_languages": learning_languages,
        "programmes": lambda: published_programmes(catalogue, base),
    }


def published_programmes(catalogue: Catalogue, base: str = "") -> list[dict[str, str]]:
    """What the site publishes about each programme, as plain texts; nothing about cohorts."""
    return [
        {
            "slug": entry.slug,
            "name": entry.programme.name,
            "organisation": entry.programme.organisation,
            "summary": entry.programme.summary,
            "model": MODEL_NAMES_DA[entry.programme.model],
            "url": f"{base}{SECTION}/{entry.slug}/index.md",
        }
        for entry in catalogue.programmes
    ]


class _PageSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, and `"x" * 10**9` or `9 ** 9 ** 9` refused before they fill the memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        sizes = [abs(v) if isinstance(v, int | float) else len(v) for v in (left, right) if _sized(v)]
        if operator == "**" and sizes and (sizes[0] > MAX_RESULT or sizes[-1] > 64):
            raise SecurityError("tallet bliver for stort")
        if operator == "*" and len(sizes) == 2 and sizes[0] * sizes[1] > MAX_RESULT:
            raise SecurityError("resultatet bliver for stort")
        return super().call_binop(context, operator, left, right)


def _sized(value: Any) -> bool:
    return isinstance(value, int | float | str | list | tuple) and not isinstance(value, bool)


@cache
def sandbox() -> ImmutableSandboxedEnvironment:
    """The environment for pages: sandboxed, autoescaped, strict about unknown names."""
    return _PageSandbox(
        autoescape=True,
        finalize=safe_output,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html_base(page_path: str) -> str:
    """From a page's published folder to the site root, for links in raw HTML that MkDocs leaves as they are.

    `modeller.md` is published as `modeller/`, so its raw links need `../`.
    """
    folder = posixpath.dirname(page_path)
    if posixpath.basename(page_path) != "index.md":
        folder = posixpath.join(folder, posixpath.splitext(posixpath.basename(page_path))[0])
    base = posixpath.relpath(".", folder or ".")
    return "" if base == "." else f"{base}/"


def render_page_macros(
    markdown: str, catalogue: Catalogue, page_path: str, site: Mapping[str, str] | None = None
) -> str:
    """Expand macros in a hand-written page; a mistake names the page and line."""
    if "{{" not in markdown and "{%" not in markdown:
        return markdown
    where = f"docs/{page_path}"
    try:
        template = sandbox().from_string(markdown)
        return template.render(**page_macros(catalogue, page_path, site))
    except TemplateSyntaxError as exc:
        raise ProblemsError([Problem(where, exc.lineno, 1, "", f"fejl i makro: {exc.message}")]) from None
    except (TemplateError, ValueError, TypeError, LookupError, ArithmeticError) as exc:
        line = _template_line(exc.__traceback__)
        raise ProblemsError([Problem(where, line, 1, "", _explain(exc))]) from None


def _explain(exc: Exception) -> str:
    """The reason in Danish: the sandbox's and Jinja's own words are English."""
    offered = ", ".join(f"{name}()" for name in MACROS)
    if isinstance(exc, SecurityError):
        return f"makroen må kun bruge håndbogens egne funktioner ({offered}); den forsøgte noget andet ({exc})"
    if isinstance(exc, UndefinedError):
        return f"makroen nævner noget, der ikke findes ({exc}); brug en af: {offered}"
    return f"makroen kunne ikke udføres: {exc}"


def _template_line(trace: TracebackType | None) -> int:
    """The page's line where the macro failed: Jinja rewrites its frames to the page's lines."""
    line = 1
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def source_link(repo_url: str) -> Markup:
    """The repository, for contributors: named for what it holds, not by its folder name.

    The address comes from mkdocs.yml, which arrives like a page: only http(s) is linked,
    and every character that could end or change the Markdown link is percent-encoded.
    """
    parts = urlsplit(repo_url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return Markup("")
    where = " på GitHub" if parts.hostname == "github.com" else ""
    return Markup(f"[Kildefilerne{where}]({quote(repo_url, safe=URL_SAFE)})")


def offline_copy(zip_name: str, base: str) -> Markup:
    """A link to the offline copy that `mentor build` makes, or a sentence for readers without one."""
    if not ZIP_FILE.fullmatch(zip_name):  # none (--no-offline-zip, mkdocs serve) or not a plain file name
        return Markup("Denne udgave af håndbogen er lavet uden zip-filen. Spørg tovholderne, hvis du har brug for den.")
    return Markup(f"[Hent hele håndbogen som zip-fil]({base}{zip_name})")
