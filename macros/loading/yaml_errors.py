"""Explaining libyaml's syntax errors in Danish, whatever PyYAML version is installed.

PyYAML's English wording changes between releases (6.0.4 rewrote the tab message and
added its own flow-nesting limit), so nothing here matches on it. An explanation is
chosen from features that stay put: the characters at the error's marks, the error's
class and what the composer had read so far. What none of them explains gets a plain
Danish pointer to the place, never the English text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..model.problems import KeyPath, Problem, format_key

PREFIX = "filen kan ikke læses som YAML: "
TAB = "der er brugt tabulator; brug mellemrum til indrykning"
COLON = "et kolon står et sted, hvor det ikke må; sæt teksten i anførselstegn, hvis den indeholder »: «"
QUOTE = "anførselstegnet, teksten begynder med her, bliver ikke lukket; sæt det samme tegn efter teksten"
BRACKET = "parentesen »{char}« bliver ikke lukket med »{close}«, eller der mangler et komma mellem punkterne"
LIST_ITEM = "et punkt i en liste skal begynde med »- « og stå lige under de andre"
INDENT = "indrykningen passer ikke med linjerne ovenover"
MISSING_COLON = "der mangler et kolon efter en nøgle, eller indrykningen er forkert"
ONE_DOCUMENT = "filen må kun indeholde ét dokument (fjern »---« midt i filen)"
UNKNOWN = "noget i opbygningen er galt her; se efter indrykning, kolon og anførselstegn i linjen og linjen over"
_CLOSERS = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class ReadSoFar:
    """What the composer knew when libyaml stopped: the open path and the last text read."""

    depth: int  # open mappings and sequences
    flow_path: KeyPath  # the path of the value libyaml was reading
    offset: int = 0  # where the last event libyaml handed over ended
    last_quoted: tuple[int, int, int] | None = None  # (line, column, end line) of the last quoted text


def explain(exc: yaml.MarkedYAMLError, text: str, display: str, read: ReadSoFar, max_depth: int) -> Problem:
    """One located Danish problem for a syntax error in `text`."""
    mark, context = exc.problem_mark, exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines() or [""]
    here = lines[min(line, len(lines)) - 1]
    if "\t" in _indentation(here) or _char(here, column) == "\t":
        return _problem(display, line, here.index("\t") + 1, "", TAB)
    if _char(here, column) in _CLOSERS and (deep := _too_deep(text, display, read, max_depth)):
        return deep
    if context and (found := _opening_char(lines, context.line, context.column)):
        return _unclosed(display, context.line + 1, context.column + 1, found)
    if context and isinstance(exc, yaml.scanner.ScannerError) and ":" not in lines[context.line]:
        return _problem(display, context.line + 1, context.column + 1, "", MISSING_COLON)
    return _by_character(exc, display, line, column, here, read)


def _by_character(
    exc: yaml.MarkedYAMLError, display: str, line: int, column: int, here: str, read: ReadSoFar
) -> Problem:
    if _char(here, column) == ":":
        return _problem(display, line, column, "", COLON)
    if read.last_quoted and read.last_quoted[2] > read.last_quoted[0]:  # a quote that ran over several lines
        return _problem(display, read.last_quoted[0], read.last_quoted[1], "", QUOTE)
    if here.lstrip().startswith("-"):
        return _problem(display, line, column, "", LIST_ITEM)
    if isinstance(exc, yaml.scanner.ScannerError) and ":" not in here:
        return _problem(display, line, column, "", MISSING_COLON)
    if isinstance(exc, yaml.parser.ParserError):
        return _problem(display, line, column, "", INDENT)
    return _problem(display, line, column, "", UNKNOWN)


def _unclosed(display: str, line: int, column: int, char: str) -> Problem:
    if char in _CLOSERS:
        return _problem(display, line, column, "", BRACKET.format(char=char, close=_CLOSERS[char]))
    return _problem(display, line, column, "", QUOTE)


def _problem(display: str, line: int, column: int, key: str, message: str) -> Problem:
    return Problem(display, line, column, key, PREFIX + message)


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _char(line: str, column: int) -> str:
    return line[column - 1] if 0 < column <= len(line) else ""


def _opening_char(lines: list[str], line: int, column: int) -> str:
    """The quote or bracket a context mark points at, if it points at one."""
    found = _char(lines[line], column + 1) if line < len(lines) else ""
    return found if found in "\"'[{" and found else ""


# Tokens that matter inside a flow collection: quoted text, brackets, and plain words.
_FLOW_TOKEN = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[\[\]{}]|[^\s\[\]{},:\"'#][^\[\]{},:#\n]*")


def too_deep_message(max_depth: int) -> str:
    """The message for nesting beyond `max_depth` levels."""
    return f"filen er for dybt indlejret (over {max_depth} niveauer)"


def _too_deep(text: str, display: str, read: ReadSoFar, max_depth: int) -> Problem | None:
    """Where a flow collection passes `max_depth`, found the way our composer would find it.

    Newer libyaml stops deep flow nesting itself, before our composer sees the events,
    so the tokens are walked here with the composer's rule: the first collection or
    text that arrives while more than `max_depth` collections are open.
    """
    opening = re.compile(r"[\[{]").search(text, read.offset)
    if opening is None:
        return None
    depth = read.depth
    for match in _FLOW_TOKEN.finditer(text, opening.start()):
        token = match.group()
        if token in "]}":
            depth -= 1
            if depth <= read.depth:
                return None
            continue
        if depth > max_depth:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - text.rfind("\n", 0, match.start())
            return Problem(display, line, column, format_key(read.flow_path) + "…", too_deep_message(max_depth))
        depth += token in "[{"
    return None
