"""A fast road to the same values and marks as yamlsource's own composer, for clean files.

libyaml's C composer builds the node tree (with every start mark) in C; one Python walk
turns it into plain data and marks. The walk only accepts what the careful composer in
yamlsource would accept without a word. Anything else (syntax error, duplicate key, tag,
anchor, alias, deep nesting, `<<`, a bad number or date …) returns None, and the caller
reads the file the slow way, so every message stays exactly as before.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model.problems import KeyPath, Mark

Limits = tuple[int, int]  # deepest nesting and most elements the careful composer allows

# A possible anchor, alias or tag: `&`, `*` or `!` where a node's properties may begin
# (a file's first character counts too). Also matches harmless text such as `- *vigtigt*`;
# such a file simply takes the careful road. Each pattern starts with a cheap first step.
_PROPERTY_CHARS = "&*!"
_PROPERTIES = re.compile(r"[\s\[{,:][&*!]")
# Line indents, and line starts with two or more of `- `, `? `, `: ` (nested collections on one line).
_INDENT = re.compile(r"\n *")
_COMPACT = re.compile(r"\n *(?:(?:---|[-?:])[ \t]+){2,}")
_OTHER_BREAKS = "\r\x85\u2028\u2029"
_OTHER_BREAK = re.compile("[\r\x85\u2028\u2029]")
# libyaml's C composer recurses once per nesting level: a hostile file must never get there.
_SAFE_NESTING = 1000
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_IMPLICIT = "?"  # what the quick loader names every untagged scalar; the walk resolves it


class _Refused(Exception):
    """The file needs the slow road (it has something to report, or might have)."""


def compose(
    text: str,
    file: str,
    loader: type,
    scalars: dict[str, tuple[Callable[[str], Any], Any]],
    limits: Limits,
) -> tuple[Any, dict[KeyPath, Mark]] | None:
    """(data, marks) of a clean one-document file, or None if it must be read the slow way.

    `loader` is yamlsource's libyaml loader class (its resolver), `scalars` its converters.
    """
    if _may_have_properties(text) or _nesting_bound("\n" + text) > _SAFE_NESTING:
        return None
    collecting = gc.isenabled()
    gc.disable()  # the tree is freed by reference counting; a cycle search per thousand nodes is waste
    try:
        return _compose(text, file, loader, scalars, limits)
    finally:
        if collecting:
            gc.enable()


def _compose(
    text: str, file: str, loader: type, scalars: dict[str, tuple[Callable[[str], Any], Any]], limits: Limits
) -> tuple[Any, dict[KeyPath, Mark]] | None:
    try:
        node = _quick(loader)(text).get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None:  # an empty file is reported by the slow road
        return None
    walk = _Walk(file, loader, scalars, limits)
    try:
        return walk.root(node), walk.marks
    except _Refused:
        return None


def _may_have_properties(text: str) -> bool:
    if not any(char in text for char in _PROPERTY_CHARS):
        return False
    return text[:1] in _PROPERTY_CHARS or _PROPERTIES.search(text) is not None


def _nesting_bound(text: str) -> int:
    """An upper bound of how deep collections can nest in `text`, from a quick look.

    Flow collections nest at most once per bracket. A block collection starts at a larger
    column than its parent (or the same one, for a list under a key), and such columns are
    line indents or come after up to `most` indicators (`- `, `? `, `: `) on one line.
    """
    if any(char in text for char in _OTHER_BREAKS):  # libyaml breaks lines at these too
        text = _OTHER_BREAK.sub("\n", text)
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
    """One pass over libyaml's nodes, giving the careful composer's data and marks.

    Written for speed (it meets every key and value of every cohort): scalars are read
    inline, the element count is kept per collection, and a key already in `marks` at
    the same path is a duplicate. Any doubt raises _Refused.
    """

    def __init__(self, file: str, loader: Any, scalars: dict[str, tuple[Callable[[str], Any], Any]], limits: Limits):
        self.file = file
        self.implicit: dict[str, list[tuple[str, re.Pattern[str]]]] = loader.yaml_implicit_resolvers
        self.convert = {kind: convert for kind, (convert, _) in scalars.items()}
        self.max_depth, self.max_nodes = limits
        self.marks: dict[KeyPath, Mark] = {}
        self.count = 1

    def root(self, node: Node) -> Any:
        """The document's value; the root counts as one element, as in the careful composer."""
        return self.value(node, (), 0)

    def value(self, node: Node, path: KeyPath, depth: int) -> Any:
        """`depth` counts the collections around `node`, as the careful composer does."""
        tag = node.tag
        if tag == _IMPLICIT:  # only ScalarNodes are named so (explicit tags never reach the walk)
            return node.value if node.style != "" else self.plain(node.value)  # type: ignore[attr-defined]
        if tag == _MAP and isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        if tag == _SEQ and isinstance(node, SequenceNode):
            return self.sequence(node, path, depth)
        raise _Refused  # an explicit tag

    def plain(self, text: str) -> Any:
        """A plain scalar as yamlsource's resolver reads it (quoted and block ones are text)."""
        for tag, regexp in self.implicit.get(text[:1], ()):
            if regexp.match(text):
                try:
                    return self.convert[tag.removeprefix("tag:yaml.org,2002:")](text)
                except ValueError:
                    raise _Refused from None
        return text

    def enter(self, elements: int, depth: int) -> None:
        """Count a collection's elements; its children stand `depth + 1` collections deep."""
        self.count += elements
        if elements and (depth >= self.max_depth or self.count > self.max_nodes):
            raise _Refused

    def mapping(self, node: MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        self.enter(2 * len(node.value), depth)
        data: dict[str, Any] = {}
        marks, file = self.marks, self.file
        for key_node, value_node in node.value:
            key = key_node.value
            here = (*path, key)
            if key_node.tag != _IMPLICIT or key == "<<" or here in marks:
                raise _Refused  # a list as key, a merge or a duplicate: the careful road explains
            start = key_node.start_mark
            marks[here] = Mark(file, start.line + 1, start.column + 1)
            value = self.value(value_node, here, depth + 1)
            if value != "":  # `key: ""` counts as left out, as in the careful composer
                data[key] = value
        return data

    def sequence(self, node: SequenceNode, path: KeyPath, depth: int) -> list[Any]:
        self.enter(len(node.value), depth)
        data: list[Any] = []
        marks, file = self.marks, self.file
        for index, item in enumerate(node.value):
            here = (*path, index)
            start = item.start_mark
            marks[here] = Mark(file, start.line + 1, start.column + 1)
            data.append(self.value(item, here, depth + 1))
        return data
