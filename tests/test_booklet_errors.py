"""A booklet Typst cannot set is a Danish message at the text that caused it.

Typst reads pandoc's output, so its own error names a line nobody wrote. Each text here
passes the load-time checks but cannot be set in a booklet; the message names the
programme file, the text's line and key, and says why in Danish (never Typst's English).
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from textwrap import indent

import pytest

from macros.loading.catalogue import load_catalogue
from macros.model.problems import ProblemsError
from macros.outputs.booklet_errors import Unmarked, culprit, marked, marker, unmark
from macros.outputs.booklets import booklet_jobs, render_chapters, typst_sources
from macros.outputs.converters import DocumentOptions, format_seconds, run_pandoc, typst_reason_da
from macros.rendering.safe_text import safe_markdown
from tests.conftest import copy_project
from tests.test_hostile import PROGRAMME, VALID, run_limited

SET = "hæftet kunne ikke sættes: "
NO_GLYPH = SET + "hæfternes skrift har ikke tegnet {}; skriv det med ord, eller slet det"
EMPTY = SET + "en overskrift er tom; skriv en overskrift efter »#«, eller slet linjen"
SKIP = (
    SET + "en overskrift på niveau 7 (#######) kommer lige efter en på niveau 2; "
    "en overskrift må højst have ét »#« mere end overskriften før"
)
DEPTH = SET + "teksten har for mange lag inden i hinanden (fx fremhævelse i fremhævelse); gør den enklere"
ROLE = "roles:\n  mentor:\n    title: Mentor\n    expectations:\n      - Et svar.\n      - Et smil 🙂 til sidst.\n"
SHARED = "programmes/_faelles.yaml"


def booklet_problems(project: Path, slug: str = "proeve") -> list[str]:
    """The problems of making the programme's full booklet, as `mentor build` prints them."""
    entry = load_catalogue(project).programme(slug)
    assert entry is not None
    chapters = render_chapters(entry)
    job = booklet_jobs(chapters, chapters.job().make(), DocumentOptions())[0]
    try:
        job.make()
    except ProblemsError as exc:
        return [problem.format() for problem in exc.problems]
    return ["OK"]


CASES = [
    ("a character no font has", "about: Hej 😀 med dig.\n", f"{PROGRAMME}:8:1: fejl: about: "
     + NO_GLYPH.format("»😀« (U+1F600)")),
    ("an item of a list", ROLE, f"{PROGRAMME}:13:9: fejl: roles.mentor.expectations[1]: "
     + NO_GLYPH.format("»🙂« (U+1F642)")),
    ("several characters no font has", "about: Hej 😀 og 中文 og 😀.\n", f"{PROGRAMME}:8:1: fejl: about: {SET}"
     "hæfternes skrift har ikke tegnene »😀« (U+1F600), »中« (U+4E2D), »文« (U+6587); "
     "skriv dem med ord, eller slet dem"),
    ("an empty heading", "about: |\n  Før.\n\n  #\n\n  Efter.\n", f"{PROGRAMME}:8:1: fejl: about: {EMPTY}"),
    ("a heading that skips levels", "about: |\n  ####### Syv\n", f"{PROGRAMME}:8:1: fejl: about: {SKIP}"),
    ("a heading in a table", "about: |\n  +---------+\n  | # Titel |\n  +=========+\n  | tekst   |\n  +---------+\n",
     f"{PROGRAMME}:8:1: fejl: about: {SET}en overskrift står inde i en tabel; skriv den som almindelig tekst, "
     "fx med **fed**"),
    ("emphasis in emphasis", "about: '" + "_a " * 300 + "x" + "_" * 300 + "'\n",
     f"{PROGRAMME}:8:1: fejl: about: {DEPTH}"),
]  # fmt: skip


@pytest.mark.parametrize("name, extra, expected", CASES, ids=[c[0] for c in CASES])
def test_a_text_typst_cannot_set_is_named_with_its_line(tmp_path: Path, name: str, extra: str, expected: str) -> None:
    project = copy_project(tmp_path / "project")
    (project / PROGRAMME).write_text(VALID + extra, encoding="utf-8")
    assert booklet_problems(project) == [expected]


@pytest.mark.parametrize(
    "extra",
    [
        "meeting_guide:\n  agenda:\n    - '# Punkt'\n    - To\n",
        "about: |\n  > # Citat\n",
        "about: |\n  ::: boks\n  # I boks\n  :::\n",
    ],
    ids=["in an agenda item", "in a quote", "in a block"],
)
def test_a_heading_inside_a_list_or_quote_is_set_as_bold_text(tmp_path: Path, extra: str) -> None:
    """Typst cannot begin a chapter's page inside a list item (»pagebreaks are not allowed inside of
    containers«); print.lua makes such a heading bold text, so the booklet is made."""
    project = copy_project(tmp_path / "project")
    (project / PROGRAMME).write_text(VALID + extra, encoding="utf-8")
    assert booklet_problems(project) == ["OK"]


def test_an_inherited_text_is_named_in_the_shared_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / PROGRAMME).write_text(VALID, encoding="utf-8")
    shared = project / SHARED
    text = shared.read_text(encoding="utf-8")
    needle = "  learning_languages_intro: >-\n    "
    assert needle in text
    shared.write_text(text.replace(needle, needle + "Et 🙂 smil. ", 1), encoding="utf-8")
    line = text[: text.index(needle)].count("\n") + 1
    expected = f"{SHARED}:{line}:3: fejl: learning_languages_intro: " + NO_GLYPH.format("»🙂« (U+1F642)")
    assert booklet_problems(project) == [expected]


def test_the_markers_name_the_texts_and_leave_no_trace(tmp_path: Path) -> None:
    """Every text gets a marker (ids and choices do not, templates compare them); pandoc carries the
    markers through to Typst, and taking them out leaves no noncharacter in the source Typst sets."""
    entry = load_catalogue(copy_project(tmp_path / "project")).programme("gruppementor")
    assert entry is not None
    programme, paths = marked(entry.programme)
    assert len(paths) > 100 and ("group", "watch_out", 0) in paths and ("model",) not in paths
    assert (programme.model, list(programme.roles)) == (entry.programme.model, list(entry.programme.roles))
    chapters = render_chapters(replace(entry, programme=programme))
    unmarked = unmark(typst_sources(chapters, chapters.job().make())[0])
    assert len(set(unmarked.indexes)) > 100 and max(unmarked.indexes) < len(paths)
    assert not re.search("[\ufdd0-\ufdef]", unmarked.source)
    assert unmark(f"a{marker(300)}b{marker(7)}c") == Unmarked("abc", [1, 2], [300, 7])


def test_halving_finds_the_one_text_a_failure_needs() -> None:
    """Where Typst names a place in the layout (the table case above), the text is found by halving."""
    tries: list[set[int]] = []

    def fails(keep: set[int]) -> bool:
        tries.append(keep)
        return 123 in keep

    assert culprit(300, fails) == 123 and len(tries) <= 2 * 9 + 1
    assert culprit(10, lambda keep: {2, 7} <= keep) is None  # needs two texts: no single one to name
    assert culprit(10, lambda keep: True) is None  # fails without any text: not the texts


def test_an_unknown_reason_keeps_typst_words_only_as_a_technical_note() -> None:
    assert typst_reason_da("something new went wrong") == (
        "teksten kan ikke sættes; gør den enklere, fx med færre af tegnene # $ _ * [ ] "
        "(teknisk: something new went wrong)"
    )


@pytest.mark.slow
def test_the_build_stops_with_the_located_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / PROGRAMME).write_text(VALID + CASES[0][1], encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")]
    code, stderr, _ = run_limited(command, project)
    assert code != 0 and "Traceback" not in stderr
    assert CASES[0][2] in stderr


# A list of 3,300 one-line definitions: allowed, but pandoc needs about a second for it alone, where
# any other text takes a twentieth. MENTOR_PANDOC_TIMEOUT makes the limit half of what it takes here
# and now, so the test holds on a fast machine and a busy one alike.
SLOW = "a\n: b\n" * 3300


def chapters_problems(project: Path) -> list[str]:
    entry = load_catalogue(project).programme("proeve")
    assert entry is not None
    try:
        render_chapters(entry).job().make()
    except ProblemsError as exc:
        return [problem.format() for problem in exc.problems]
    return ["OK"]


def test_a_pandoc_time_out_names_the_slow_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    (project / PROGRAMME).write_text(VALID + "about: |\n" + indent(SLOW, "  "), encoding="utf-8")
    began = time.monotonic()
    run_pandoc(str(safe_markdown(SLOW)), "typst", [], 60)
    limit = round((time.monotonic() - began) / 2, 2)
    monkeypatch.setenv("MENTOR_PANDOC_TIMEOUT", str(limit))
    assert chapters_problems(project) == [
        f"{PROGRAMME}:8:1: fejl: about: pandoc kunne ikke lave hæftets kapitler: teksten alene tager over "
        f"{format_seconds(limit)}; del den op, eller skriv den enklere"
    ]


def test_a_pandoc_time_out_without_one_slow_text_names_the_programme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    (project / PROGRAMME).write_text(VALID, encoding="utf-8")
    monkeypatch.setenv("MENTOR_PANDOC_TIMEOUT", "0.001")  # every run is too slow, so no text is to blame
    assert chapters_problems(project) == [
        f"{PROGRAMME}:1:1: fejl: pandoc kunne ikke lave hæftets kapitler på 0,001 sekunder; "
        "en af programmets tekster er usædvanligt stor eller indviklet"
    ]
