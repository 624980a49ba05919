"""The fast road (libyaml's C composer) gives exactly the careful composer's values and marks.

Every YAML file the project ships and a set of tricky inputs go both ways; `repr` is
compared, so `True` and `1` or `"1"` and `1` can never pass for each other. Inputs the
careful composer has something to say about must not take the fast road at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.loading import yamlfast, yamlsource
from macros.model.problems import ProblemsError

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "programmes").rglob("*.yaml"))

TRICKY = {
    "block scalars": "a: |\n  linje 1\n\n  linje 2\nb: >-\n  foldet\n  tekst\nc: |+\n  keep\n\nd: x\n",
    "flow collections": "a: [1, 2.5, tre, {b: nej, c: [ja]}]\nd: {e: 1, f: [], g: {}}\n",
    "quoted keys": "'a b': 1\n\"c:d\": '2'\n\"10\": x\n'true': y\n",
    "yaml 1.1 surprises": "a: no\nb: yes\nc: on\nd: 010\ne: 0x1F\nf: 1:30\ng: 1_000\nh: .inf\ni: ~\nj: Null\n",
    "numbers": "a: 1\nb: -2\nc: +3\nd: 1.5\ne: .5\nf: 1e3\ng: 1.0e+3\nh: 0\n",
    "booleans": "a: true\nb: False\nc: TRUE\nd: 'true'\n",
    "dates": "a: 2027-03-01\nb: '2027-03-01'\nc: 2027-03-01 10:00\nd: 2027-3-1\n",
    "empty values": "a:\nb: ''\nc: \"\"\nd: []\ne: {}\nf:\n  - ''\n  -\n  - x\n",
    "comments": "# top\na: 1 # efter\n# mellem\nb:\n  # inde\n  - x # igen\n",
    "nested lists": "a:\n- - 1\n  - 2\n- - b: 3\n    c:\n    - 4\n",
    "keys that look like values": "1: a\ntrue: b\n2027-01-01: c\nnull: d\n",
    "document markers": "---\na: 1\n...\n",
    "multi-line plain and quoted": 'a: en lang\n  tekst over\n  flere linjer\nb: "citeret\n  tekst"\n',
    "markdown text": "a: |\n  Punkter:\n  - et\n  - to\n  Links [her](https://example.org) og {krølle}\n",
    "unicode": "navn: Rødgrød med fløde – æøå ÆØÅ\n",
    "scalar document": "bare en tekst\n",
    "nesting at the limit": "a: " + "[" * 39 + "1" + "]" * 39 + "\n",
    "mapping nesting at the limit": "".join(" " * i + f"k{i}:\n" for i in range(40)) + " " * 40 + "x\n",
    "windows line ends": "a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\n",
    "harmless stars and bangs": "a: Vigtigt*\nb: Hej!\nc: R&D\n",
}

# Each has something the careful composer reports (or might), so the fast road declines.
DECLINED = {
    "empty": "",
    "only a comment": "# intet\n",
    "syntax error": "a: [1, 2\nb: 3\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate key after an empty value": "a: ''\na: 1\n",
    "anchor": "a: &x 1\n",
    "alias": "a: 1\nb: *x\n",
    "tag": "a: !!binary aGVq\n",
    "local tag": "a: !hemmelig x\n",
    "merge key": "a: {x: 1}\n<<: {y: 2}\n",
    "list as key": "? [a]\n: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "impossible date": "a: 2027-02-30\n",
    "huge number": "a: " + "9" * 5000 + "\n",
    "one level too deep": "a: " + "[" * 40 + "1" + "]" * 40 + "\n",
    "mapping one level too deep": "".join(" " * i + f"k{i}:\n" for i in range(41)) + " " * 41 + "x\n",
    "deep flow nesting": "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep indentation": "".join(" " * (2 * i) + f"k{i}:\n" for i in range(60)) + " " * 120 + "x: 1\n",
    "deep compact lists": "a:\n" + "- " * 300 + "x\n",
    "very deep compact lists": "a:\n" + "- " * 50_000 + "x\n",
    # libyaml also breaks lines at CR, NEL, LS and PS: the quick look must count those lines.
    "very deep lists after a line separator": "a:\u2028" + "- " * 50_000 + "x\n",
    "very deep lists after a carriage return": "a:\r" + "- " * 50_000 + "x\n",
}


def both(text: str) -> tuple[str, str]:
    """repr of (data, marks) from the fast road and from the careful composer."""
    fast = yamlfast.compose(text, "f.yaml", yamlsource._Loader, yamlsource._SCALARS, (40, 200_000))
    assert fast is not None, "the fast road declined a clean file"
    careful = yamlsource.compose_carefully(text, "f.yaml")
    return repr(fast), repr((careful.data, careful.marks))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_files_read_alike(path: Path) -> None:
    fast, careful = both(path.read_text(encoding="utf-8-sig"))
    assert fast == careful


@pytest.mark.parametrize("name", TRICKY)
def test_tricky_inputs_read_alike(name: str) -> None:
    fast, careful = both(TRICKY[name])
    assert fast == careful


@pytest.mark.parametrize("name", DECLINED)
def test_problem_files_take_the_careful_road(name: str) -> None:
    text = DECLINED[name]
    assert yamlfast.compose(text, "f.yaml", yamlsource._Loader, yamlsource._SCALARS, (40, 200_000)) is None
    with pytest.raises(ProblemsError):
        yamlsource.compose_carefully(text, "f.yaml")


def test_shipped_files_are_not_all_declined() -> None:
    """The speed-up is real for the project's own files: most take the fast road."""
    taken = [
        p
        for p in SHIPPED
        if yamlfast.compose(
            p.read_text(encoding="utf-8-sig"), "f", yamlsource._Loader, yamlsource._SCALARS, (40, 200_000)
        )
    ]
    assert len(taken) >= len(SHIPPED) * 3 // 4


def test_text_that_looks_like_an_alias_takes_the_careful_road() -> None:
    """The quick look cannot tell `*vigtigt*` from an alias; the careful road reads it right."""
    text = "a: '*'\nb: Meget *vigtigt*\n"
    assert yamlfast.compose(text, "f.yaml", yamlsource._Loader, yamlsource._SCALARS, (40, 200_000)) is None
    assert yamlsource.compose_carefully(text, "f.yaml").data == {"a": "*", "b": "Meget *vigtigt*"}


def test_element_count_limit_is_the_same() -> None:
    """200.000 elements (the root, `a`, its list and the items) pass both ways; one more, neither."""
    fast, careful = both("a:\n" + "- x\n" * 199_997)
    assert fast == careful
    one_more = "a:\n" + "- x\n" * 199_998
    assert yamlfast.compose(one_more, "f.yaml", yamlsource._Loader, yamlsource._SCALARS, (40, 200_000)) is None
    with pytest.raises(ProblemsError):
        yamlsource.compose_carefully(one_more, "f.yaml")
