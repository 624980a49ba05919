"""A fast road to the same values and marks as yamlsource's own composer, for clean files.

libyaml's C composer builds the node tree (with every start mark) in C; one Python walk
turns it into plain data and marks. The walk only accepts what the careful composer in
yamlsource would accept without a word. Anything else (syntax error, duplicate key, tag,
anchor, alias, deep nesting, `<<`, a bad number or date …) returns None, and the caller
reads the file the slow way, so every message stays exactly as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import KeyPath, Mark

Limits = tuple[int, int]  # deepest nesting and most elements the careful composer allows

# A possible anchor, alias or tag: `&`, `*` or `!` where a node's properties may begin.
# Also matches harmless text (`- *vigtigt*`); such a file simply takes the slow road.
_PROPERTIES = re.compile(r"(?:^|[\s\[{,:])[&*!]", re.MULTILINE)
# Line indents, and line starts with two or more of `- `, `? `, `: ` (nested collections on one line).
_INDENT = re.compile(r"^ *", re.MULTILINE)
_COMPACT = re.compile(r"^ *(?:(?:---|[-?:])[ \t]+){2,}", re.MULTILINE)
# libyaml's C composer recurses once per nesting level: a hostile file must never get there.
_SAFE_NESTING = 1000
_MAP, _SEQ, _STR = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"
_IMPLICIT = "?"  # what the quick loader names every untagged scalar; the walk resolves it


class _Refused(Exception):
    """The file needs the slow road (it has something to report, or might have)."""


def compose(
    text: str,
    file: str,
    loader: Callable[[str], Any],
    scalars: dict[str, tuple[Callable[[str], Any], Any]],
    limits: Limits,
) -> tuple[Any, dict[KeyPath, Mark]] | None:
    """(data, marks) of a clean one-document file, or None if it must be read the slow way."""
    if _PROPERTIES.search(text) or _nesting_bound(text) > _SAFE_NESTING:
        return None
    try:
        node = _quick(loader)(text).get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None:  # an empty file is reported by the slow road
        return None
    walk = _Walk(file, loader, scalars, limits)
    try:
        return walk.value(node, (), 0), walk.marks
    except _Refused:
        return None


def _nesting_bound(text: str) -> int:
    """An upper bound of how deep collections can nest in `text`, from a quick look.

    Flow collections nest at most once per bracket. A block collection starts at a larger
    column than its parent (or the same one, for a list under a key), and such columns are
    line indents or come after up to `most` indicators (`- `, `? `, `: `) on one line.
    """
    most = max((len(found.group()) for found in _COMPACT.finditer(text)), default=1)
    return text.count("[") + text.count("{") + 2 * len(set(_INDENT.findall(text))) * (most + 1) + 2


@functools.cache
def _quick(loader: type) -> type:
    """`loader` with a resolver that leaves untagged scalars to the walk: one cheap call each."""

    class Quick(loader):  # type: ignore[misc]
        def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
            return _IMPLICIT if kind is ScalarNode else _MAP if kind is MappingNode else _SEQ

    return Quick


class _Walk:
    """One pass over libyaml's nodes, giving the careful composer's data and marks."""

    def __init__(self, file: str, loader: Any, scalars: dict[str, tuple[Callable[[str], Any], Any]], limits: Limits):
        self.file = file
        self.implicit: dict[str, list[tuple[str, re.Pattern[str]]]] = loader.yaml_implicit_resolvers
        self.convert = {kind: convert for kind, (convert, _) in scalars.items()}
        self.max_depth, self.max_nodes = limits
        self.marks: dict[KeyPath, Mark] = {}
        self.count = 0

    def mark(self, node: Node) -> Mark:
        start = node.start_mark
        return Mark(self.file, start.line + 1, start.column + 1)

    def value(self, node: Node, path: KeyPath, depth: int) -> Any:
        """`depth` counts the collections around `node`, as the careful composer does."""
        self.count += 1
        if depth > self.max_depth or self.count > self.max_nodes:
            raise _Refused
        tag = node.tag
        if tag == _IMPLICIT and isinstance(node, ScalarNode):
            return self.scalar(node)
        if tag == _MAP and isinstance(node, MappingNode):
            return self.mapping(node, path, depth + 1)
        if tag == _SEQ and isinstance(node, SequenceNode):
            return self.sequence(node, path, depth + 1)
        raise _Refused  # an explicit tag

    def scalar(self, node: ScalarNode) -> Any:
        """The value as yamlsource's resolver reads it: only plain scalars can be more than text."""
        text: str = node.value
        if node.style != "":  # quoted or a block scalar
            return text
        for tag, regexp in self.implicit.get(text[:1], ()):
            if regexp.match(text):
                try:
                    return self.convert[tag.removeprefix("tag:yaml.org,2002:")](text)
                except ValueError:
                    raise _Refused from None
        return text

    def mapping(self, node: MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        seen: set[str] = set()
        for key_node, value_node in node.value:
            self.count += 1
            key = key_node.value
            if key_node.tag != _IMPLICIT or not isinstance(key, str) or key == "<<" or key in seen:
                raise _Refused  # a list as key, a merge or a duplicate: the careful road explains
            seen.add(key)
            here = (*path, key)
            self.marks[here] = self.mark(key_node)
            value = self.value(value_node, here, depth)
            if value != "":  # `key: ""` counts as left out, as in the careful composer
                data[key] = value
        return data

    def sequence(self, node: SequenceNode, path: KeyPath, depth: int) -> list[Any]:
        data: list[Any] = []
        for index, item in enumerate(node.value):
            here = (*path, index)
            self.marks[here] = self.mark(item)
            data.append(self.value(item, here, depth))
        return data
