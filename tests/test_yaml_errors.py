"""Every syntax error reaches the user in our Danish wording, whatever PyYAML says in English.

The explanations in macros/loading/yaml_errors.py are chosen from the characters at the
error's marks, never from PyYAML's wording, which changed in 6.0.4 and may change
again. Each case names the exact message, line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.loading import yaml_errors
from macros.loading.yamlsource import load_yaml
from macros.model.problems import ProblemsError

HEAD = "name: Prøve\nsummary: Kort.\n"  # two good lines first: the line numbers below start at 3
P = yaml_errors.PREFIX
DEEP = "filen er for dybt indlejret (over 40 niveauer)"

CASES = [
    ("leading tab", "a: 1\n\tb: 2\n", "4:1", P + yaml_errors.TAB),
    ("tab after spaces", "a:\n  b: 1\n  \tc: 2\n", "5:3", P + yaml_errors.TAB),
    ("tab under a key", "a:\n\tb: 2\n", "4:1", P + yaml_errors.TAB),
    ("tab before a key after a list", "a:\n  - x\n\tquestions: 2\n", "5:1", P + yaml_errors.TAB),
    ("unclosed double quote at the end", 'a: "Ikke lukket\nb: 2\n', "3:4", P + yaml_errors.QUOTE),
    ("unclosed double quote before another", 'a: "Ikke lukket\nb: 2\nc: "x"\nd: 4\n', "3:4", P + yaml_errors.QUOTE),
    ("unclosed single quote", "a: 'Ikke lukket\nb: 2\n", "3:4", P + yaml_errors.QUOTE),
    ("unclosed bracket", "a: [1, 2\nb: 3\n", "3:4", P + yaml_errors.BRACKET.format(char="[", close="]")),
    ("unclosed brace", "a: {x: 1\nb: 3\n", "3:4", P + yaml_errors.BRACKET.format(char="{", close="}")),
    ("colon in a text", "a: Mål: at lære\n", "3:7", P + yaml_errors.COLON),
    ("key without colon", "a\nb: 2\n", "3:1", P + yaml_errors.MISSING_COLON),
    ("key without colon between keys", "a: 1\nb\nc: 2\n", "4:1", P + yaml_errors.MISSING_COLON),
    ("list item out of line", "a:\n  - x\n y: 2\n", "5:2", P + yaml_errors.INDENT),
    (
        "deep flow nesting",
        "about: " + "[" * 5000 + "]" * 5000 + "\n",
        "3:48",
        "filen er for dybt indlejret (over 40 niveauer)",
    ),
    ("deep flow mapping", "about: " + "{a: " * 5000 + "\n", "3:165", DEEP),
]


def problem_for(tmp_path: Path, text: str) -> str:
    path = tmp_path / "proeve.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_yaml(path, "programmes/proeve.yaml")
    (problem,) = caught.value.problems
    return problem.format()


@pytest.mark.parametrize(("text", "where", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_syntax_error_has_its_danish_explanation(tmp_path: Path, text: str, where: str, message: str) -> None:
    shown = problem_for(tmp_path, text)
    assert shown.startswith(f"programmes/proeve.yaml:{where}: fejl: ")
    assert shown.endswith(message)


# Words from PyYAML's and libyaml's messages: none may reach the user.
ENGLISH = re.compile(r"\b(while|found|expected|scanning|parsing|character|mapping|nesting|indentation)\b")


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_no_english_from_pyyaml_reaches_the_user(tmp_path: Path, text: str) -> None:
    assert not ENGLISH.search(problem_for(tmp_path, text))


def test_deep_nesting_names_the_key_it_is_under(tmp_path: Path) -> None:
    shown = problem_for(tmp_path, "about: " + "[" * 5000 + "]" * 5000 + "\n")
    assert shown == "programmes/proeve.yaml:3:48: fejl: about…: filen er for dybt indlejret (over 40 niveauer)"
