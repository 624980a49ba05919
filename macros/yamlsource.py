"""Safe, strict YAML loading that remembers where every key stands.

Built on libyaml's parser (4× faster than the pure-Python one) with our own
resolver: YAML 1.1's surprises (`no` → False, `010` → 8, `1:30` → 90) stay text,
so a wrong value becomes a clear type error instead of a silent change. Anchors
and aliases are refused: no document of ours needs them and they are the road
to "billion laughs".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import KeyPath, Mark, Problem, ProblemsError, at

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000


class _Resolver(yaml.resolver.BaseResolver):
    """Implicit types close to YAML 1.2's core schema, without the 1.1 surprises."""


for _tag, _regexp, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
]:
    _Resolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_regexp), list(_first))


_CParser: Any = getattr(yaml, "CParser", None)

if _CParser is not None:

    class _Loader(_CParser, _Resolver):  # type: ignore[misc]
        """libyaml's parser and composer with our resolver; we construct values ourselves."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML wheels ship libyaml

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


@dataclass
class Document:
    """A loaded YAML file: plain data plus the mark of every key and list item."""

    file: str
    data: Any
    marks: dict[KeyPath, Mark] = field(default_factory=dict)

    def mark(self, path: KeyPath) -> Mark:
        """The mark of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.marks.get(path[:end])
            if found:
                return found
        return Mark(self.file, 1, 1)


def load_yaml(path: Path, display: str) -> Document:
    """Load one YAML file; raise ProblemsError naming `display` on any mistake."""
    text = _read_text(path, display)
    try:
        node = _Loader(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise ProblemsError([_syntax_problem(exc, display)]) from None
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        raise ProblemsError([Problem(display, 1, 1, "", _syntax_text(str(exc)))]) from None
    if node is None:
        raise ProblemsError([Problem(display, 1, 1, "", "filen er tom: den skal indeholde felter som `name: …`")])
    builder = _Builder(display)
    data = builder.build(node, (), 0)
    if builder.problems:
        raise ProblemsError(builder.problems)
    return Document(display, data, builder.marks)


def _read_text(path: Path, display: str) -> str:
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        message = f"filen er for stor ({len(raw) // 1024} KiB); største tilladte størrelse er {MAX_BYTES // 1024} KiB"
        raise ProblemsError([Problem(display, 1, 1, "", message)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "filen er ikke gemt som UTF-8; gem den igen med tegnsættet UTF-8 (æ, ø og å skal kunne læses)"
        raise ProblemsError([Problem(display, line, 1, "", message)]) from None


_SYNTAX_HINTS = {
    "mapping values are not allowed": (
        "et kolon står et sted, hvor det ikke må; sæt teksten i anførselstegn, hvis den indeholder »: «"
    ),
    "could not find expected ':'": "der mangler et kolon efter en nøgle, eller indrykningen er forkert",
    "found character '\\t'": "der er brugt tabulator; brug mellemrum til indrykning",
    "did not find expected key": "indrykningen passer ikke med linjerne ovenover",
    "did not find expected '-' indicator": "et punkt i en liste skal begynde med »- « og stå lige under de andre",
    "found undefined alias": "ankre og aliaser (& og *) bruges ikke i disse filer",
    "expected a single document": "filen må kun indeholde ét dokument (fjern »---« midt i filen)",
    "found unexpected end of stream": "et anførselstegn eller en parentes er ikke lukket",
}


def _syntax_text(problem: str) -> str:
    hint = next((h for k, h in _SYNTAX_HINTS.items() if k in problem), None)
    return f"filen kan ikke læses som YAML: {hint or problem}"


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(display, line, column, "", _syntax_text(f"{exc.context or ''} {exc.problem or ''}"))


class _Builder:
    """Turns a node tree into plain data, checking what a safe loader does not."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[KeyPath, Mark] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def mark(self, node: Node) -> Mark:
        return Mark(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: Node, path: KeyPath, message: str) -> None:
        self.problems.append(at(self.mark(node), path, message))

    def build(self, node: Node, path: KeyPath, depth: int) -> Any:
        if id(node) in self.seen:  # an alias: the composer hands back the anchored node itself
            mark = self.marks.get(path, self.mark(node))
            self.problems.append(
                at(mark, path, "ankre og aliaser (& og *) bruges ikke i disse filer; skriv værdien ud")
            )
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH or len(self.seen) > MAX_NODES:
            self.fail(node, path, f"filen er for dybt indlejret eller for stor (over {MAX_DEPTH} niveauer)")
            raise ProblemsError(self.problems)
        if isinstance(node, MappingNode):
            return self.build_mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return self.build_sequence(node, path, depth)
        assert isinstance(node, ScalarNode)
        return self.build_scalar(node, path)

    def build_mapping(self, node: MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            key = self.key_of(key_node, path)
            if key is None:
                continue
            here = (*path, key)
            if key in first:
                line = first[key].line
                self.fail(key_node, here, f"nøglen '{key}' står to gange (første gang i linje {line}); slet den ene")
                continue
            first[key] = self.marks[here] = self.mark(key_node)
            out[key] = self.build(value_node, here, depth + 1)
        return out

    def key_of(self, key_node: Node, path: KeyPath) -> str | None:
        if not isinstance(key_node, ScalarNode):
            self.fail(key_node, path, "en nøgle skal være et enkelt ord, ikke en liste eller et afsnit")
            return None
        if key_node.value == "<<":
            self.fail(key_node, path, "fletning med »<<« bruges ikke i disse filer; skriv felterne ud")
            return None
        return str(key_node.value)

    def build_sequence(self, node: SequenceNode, path: KeyPath, depth: int) -> list[Any]:
        items = []
        for index, item in enumerate(node.value):
            self.marks[(*path, index)] = self.mark(item)
            items.append(self.build(item, (*path, index), depth + 1))
        return items

    def build_scalar(self, node: ScalarNode, path: KeyPath) -> Any:
        kind = node.tag.rsplit(":", 1)[-1] if node.tag.startswith("tag:yaml.org,2002:") else None
        value = node.value
        if kind is None:
            self.fail(node, path, f"mærket '{node.tag}' kendes ikke; fjern det")
            return None
        try:
            return _SCALARS[kind](value)
        except KeyError:
            self.fail(node, path, f"mærket '!!{kind}' bruges ikke i disse filer; fjern det")
        except ValueError:
            self.fail(node, path, f"'{value}' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, fx 2027-03-01)")
        return None


_SCALARS: dict[str, Any] = {
    "str": str,
    "bool": lambda v: v.lower() == "true",
    "int": int,
    "float": float,
    "null": lambda v: None,
    "timestamp": dt.date.fromisoformat,
}
