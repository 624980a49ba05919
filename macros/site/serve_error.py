"""The page `make serve` shows while the site cannot be built.

Without it, MkDocs' live preview keeps the browser waiting until the error is fixed.
Instead the plugin builds a site of this one page (as every page and as the 404 page),
so the browser shows what is wrong at once; the page reloads itself every few seconds
and becomes the real page as soon as a fixed file builds again.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Sequence
from pathlib import Path

from markupsafe import escape

from ..model.problems import Problem, printable

PACKAGE = Path(__file__).parent.parent
_FRAME = re.compile(r'File "([^"]+)", line (\d+)')  # a line of a traceback as text
RELOAD_SECONDS = 2
ERROR_PAGES = ("index.html", "404.html")  # the front page, and every other address in the preview

_PAGE = """<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{seconds}">
<title>Håndbogen kan ikke bygges</title>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.5; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ color: #8a1c1c; font-size: 1.6rem; }}
li {{ margin-bottom: .6rem; }}
code {{ background: #f3f3f3; padding: .1rem .3rem; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>Håndbogen kan ikke bygges</h1>
<p>{heading}. Ret {what} herunder, og gem filen. Siden opdaterer sig selv, når håndbogen kan bygges igen.</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def error_page(heading: str, problems: Sequence[Problem]) -> str:
    """A small Danish HTML page listing each problem with its file, line, column and key."""
    items = "\n".join(f"<li>{_item(problem)}</li>" for problem in problems)
    what = "fejlen" if len(problems) == 1 else f"de {len(problems)} fejl"
    return _PAGE.format(seconds=RELOAD_SECONDS, heading=escape(heading), what=what, items=items)


def error_markdown(problems: Sequence[Problem]) -> str:
    """The same list as a page of its own, for a hand-written page whose macros fail."""
    items = "\n".join(f"    - {_item(problem)}" for problem in problems)
    return f'# Siden kan ikke bygges\n\n!!! failure "Ret fejlen, og gem filen"\n\n{items}\n'


def unexpected_problem(exc: BaseException) -> Problem:
    """A bug in our own code as a problem on the error page: the line in macros/ where it happened.

    An exception from the worker process carries the worker's traceback as text (its cause).
    """
    frames = [(f.filename, f.lineno or 1) for f in traceback.extract_tb(exc.__traceback__)]
    remote = getattr(exc.__cause__, "tb", None)
    frames += [(name, int(line)) for name, line in _FRAME.findall(remote)] if isinstance(remote, str) else []
    ours = [(Path(name), line) for name, line in frames if Path(name).is_relative_to(PACKAGE)]
    file, line = (ours[-1][0].relative_to(PACKAGE.parent).as_posix(), ours[-1][1]) if ours else ("macros", 1)
    message = (
        f"værktøjet stødte på en uventet fejl ({type(exc).__name__}: {exc}). Det er ikke en fejl i jeres "
        "filer; opret gerne en sag med denne besked"
    )
    return Problem(file, line, 1, "", message)


def _item(problem: Problem) -> str:
    """One problem: `file:line:column`, the key and the message, escaped and free of control characters."""
    where = f"{printable(problem.file)}:{problem.line}:{problem.column}"
    key = f" <code>{escape(printable(problem.key))}</code>:" if problem.key else ""
    return f"<code>{escape(where)}</code>{key} {escape(printable(problem.message))}"


def write_error_pages(site_dir: str, heading: str, problems: Sequence[Problem]) -> None:
    """The error page as every page of the preview (ERROR_PAGES)."""
    page = error_page(heading, problems)
    for name in ERROR_PAGES:
        Path(site_dir, name).write_text(page, encoding="utf-8")
