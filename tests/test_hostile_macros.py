"""Macros in hand-written pages run in Jinja's sandbox and see published data only.

A page in docs/ arrives through a pull request. Its `{{ … }}` may call the handbook's
own functions, but may not reach Python (and through it the shell of the build or CI),
may not fill the memory, and may not print what the privacy rules never publish.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest
from bs4 import BeautifulSoup

from macros.loading.catalogue import load_catalogue
from macros.model.problems import ProblemsError
from macros.rendering.page_macros import render_page_macros
from tests.conftest import ROOT, copy_project
from tests.test_hostile import run_limited, snapshot

OFFERED = (
    "programme_list(), programme_cards(), model_comparison(), learning_languages(), programmes(), "
    "source_link(), offline_copy()"
)
SANDBOX = f"makroen må kun bruge håndbogens egne funktioner ({OFFERED}); den forsøgte noget andet"
UNKNOWN = "makroen nævner noget, der ikke findes ({}); brug en af: " + OFFERED
COHORT = "programmes/forloeb/2027/2027-ledere-runde-1.yaml"
UNSAFE = "access to attribute '{}' of '{}' object is unsafe."
SECRET_DEPARTMENT = "Hemmelig afdeling for test"


def macro_problem(source: str, root: Path = ROOT, site: dict[str, str] | None = None) -> list[str]:
    """The problems of expanding `source` as docs/side.md, or ["OK", the output] when it works."""
    try:
        return ["OK", render_page_macros(source, load_catalogue(root), "side.md", site)]
    except ProblemsError as exc:
        return [problem.format() for problem in exc.problems]


ESCAPES = [
    (
        "globals of a function",
        "Linje 1\n\n{{ cycler.__init__.__globals__.os.system('id') }}\n",
        3,
        "access to attribute '__init__' of 'type' object is unsafe.",
    ),
    ("class of a text", "{{ ''.__class__.__mro__[1].__subclasses__() }}", 1, UNSAFE.format("__class__", "str")),
    ("template internals", "a\n{{ self._TemplateReference__context }}", 2,
     UNSAFE.format("_TemplateReference__context", "TemplateReference")),
    ("a function's globals", "{{ programme_list.__globals__ }}", 1, UNSAFE.format("__globals__", "function")),
    ("changing data", "{{ programmes().append(1) }}", 1, UNSAFE.format("append", "list")),
    ("a huge text", "{{ 'x' * 10**9 }}", 1, "resultatet bliver for stort"),
    ("a huge number", "{{ 9 ** 9 ** 9 }}", 1, "tallet bliver for stort"),
]  # fmt: skip


@pytest.mark.parametrize("name, source, line, reason", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_a_page_macro_cannot_leave_the_sandbox(name: str, source: str, line: int, reason: str) -> None:
    assert macro_problem(source) == [f"docs/side.md:{line}:1: fejl: {SANDBOX} ({reason})"]


def test_cohorts_and_people_are_out_of_reach_of_a_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cohort = project / COHORT
    text = cohort.read_text(encoding="utf-8")
    cohort.write_text(re.sub(r"department: .*", f"department: {SECRET_DEPARTMENT}", text, count=1), encoding="utf-8")
    assert SECRET_DEPARTMENT in cohort.read_text(encoding="utf-8")
    found = macro_problem("{{ catalogue().cohorts[0].cohort.mentors[0].department }}", project)
    assert found == [f"docs/side.md:1:1: fejl: {UNKNOWN.format(repr('catalogue') + ' is undefined')}"]
    listing = macro_problem("{% for p in programmes() %}{{ p.name }}: {{ p }}\n{% endfor %}", project)
    assert listing[0] == "OK" and "Gruppementorordning: " in listing[1]
    assert SECRET_DEPARTMENT not in listing[1] and "mentor-a" not in listing[1]
    cards = macro_problem("{{ programme_cards() }}", project)
    assert cards[0] == "OK" and "Gruppementorordning" in cards[1] and SECRET_DEPARTMENT not in cards[1]
    # The functions take nothing from the page, so a page cannot hand them a cohort either.
    called = macro_problem("{{ programme_cards(programmes()) }}", project)
    assert called[0].startswith("docs/side.md:1:1: fejl: makroen kunne ikke udføres:")


HOSTILE_SETTINGS = [
    ({"repo_url": 'https://example.org/x" onmouseover="alert(1)'}, "(https://example.org/x%22%20onmouseover=%22alert%281%29)"),
    ({"repo_url": "https://example.org/x)[klik](javascript:alert(1)"}, "(https://example.org/x%29%5Bklik%5D%28javascript:"),
    ({"repo_url": "javascript://example.org/%0aalert(1)"}, "|"),
    ({"offline_zip": "x.zip) [klik](javascript:alert(1)"}, "|Denne udgave af håndbogen er lavet uden zip-filen."),
    ({"offline_zip": "<img src=x onerror=alert(1)>.zip"}, "|Denne udgave af håndbogen er lavet uden zip-filen."),
]  # fmt: skip


@pytest.mark.parametrize("settings, shown", HOSTILE_SETTINGS)
def test_source_and_offline_links_escape_their_settings(settings: dict[str, str], shown: str) -> None:
    """repo_url (mkdocs.yml) and the zip's name (an environment variable) stay inside one link, or none."""
    found = macro_problem("{{ source_link() }}|{{ offline_copy() }}", site=settings)
    assert found[0] == "OK" and shown in found[1]
    soup = BeautifulSoup(markdown.markdown(found[1]), "html.parser")
    links = soup.find_all("a")
    assert len(links) <= 1 and soup.find("img") is None
    assert all(set(a.attrs) == {"href"} and str(a["href"]).startswith("https://example.org/x") for a in links)


def test_source_and_offline_links_as_published() -> None:
    site = {"repo_url": "https://github.com/example-kommune/mentorhaandbog", "offline_zip": "kopi.zip"}
    found = macro_problem("{{ source_link() }} {{ offline_copy() }}", site=site)
    expected = "[Kildefilerne på GitHub](https://github.com/example-kommune/mentorhaandbog)"
    assert found == ["OK", f"{expected} [Hent hele håndbogen som zip-fil](kopi.zip)"]


def test_a_page_that_tries_to_run_a_command_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    marker = tmp_path / "pwned"
    page = project / "docs" / "index.md"
    payload = f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n"
    page.write_text("# Forside\n\n" + payload, encoding="utf-8")
    before = snapshot(tmp_path, ())
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")]
    code, stderr, _ = run_limited(command, project)
    assert code != 0
    reason = "access to attribute '__init__' of 'type' object is unsafe."
    assert f"docs/index.md:3:1: fejl: {SANDBOX} ({reason})" in stderr
    assert "Traceback" not in stderr
    assert not marker.exists()
    assert snapshot(tmp_path, ("project/site/",)) == before
