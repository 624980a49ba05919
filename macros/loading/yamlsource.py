"""Safe, strict YAML loading that remembers where every key stands.

Built on libyaml's event parser (4× faster than the pure-Python one) with our own
resolver and our own composer. The resolver keeps YAML 1.1's surprises (`no` →
False, `010` → 8, `1:30` → 90) as text, so a wrong value becomes a clear type
error instead of a silent change. The composer works from the event stream with
an explicit stack: input from a pull request can be hostile, so nesting depth,
node count and file size are bounded before they can cost recursion or memory,
and anchors and aliases (the road to "billion laughs") are refused outright.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev
from yaml.nodes import ScalarNode

from ..model.problems import KeyPath, Mark, Problem, ProblemsError, at, format_key
from . import yaml_errors, yamlfast

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000

# Characters YAML does not allow in a file (tab, line breaks and the rest are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ALIASES = "ankre og aliaser (& og *) bruges ikke i disse filer; skriv værdien ud"


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


_CParser: Any = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)

if _CParser is not None:

    class _Loader(_CParser, _Resolver):  # type: ignore[misc]
        """libyaml's event parser with our resolver; we compose values ourselves."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML wheels ship libyaml

    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
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
    return _compose(_read_text(path, display), display)


def parse_yaml(raw: bytes, display: str) -> Document:
    """Load YAML from bytes (an earlier version of a file, from git) like `load_yaml`."""
    if len(raw) > MAX_BYTES:
        raise ProblemsError([Problem(display, 1, 1, "", "filen er for stor")])
    return _compose(_check_characters(_decode(raw, display), display), display)


def _compose(text: str, display: str) -> Document:
    fast = yamlfast.compose(text, display, _Loader, _SCALARS, (MAX_DEPTH, MAX_NODES))
    if fast is not None:  # a clean file; anything to report takes the careful road below
        return Document(display, *fast)
    return compose_carefully(text, display)


def compose_carefully(text: str, display: str) -> Document:
    """Compose event by event with every check and message; the road for files with a problem."""
    composer = _Composer(_Loader(text), display)
    try:
        found, data = composer.compose()
    except yaml.MarkedYAMLError as exc:
        raise ProblemsError([yaml_errors.explain(exc, text, display, composer.read_so_far(), MAX_DEPTH)]) from None
    except yaml.YAMLError:
        raise ProblemsError([Problem(display, 1, 1, "", yaml_errors.PREFIX + yaml_errors.UNKNOWN)]) from None
    if not found:
        raise ProblemsError([Problem(display, 1, 1, "", "filen er tom: den skal indeholde felter som `name: …`")])
    if composer.problems:
        raise ProblemsError(composer.problems)
    return Document(display, data, composer.marks)


def _read_text(path: Path, display: str) -> str:
    if _through_link(path, display) or not path.is_file():  # a link could show a file from outside the project
        message = "filen er et link eller ikke en almindelig fil; læg selve filen her"
        raise ProblemsError([Problem(display, 1, 1, "", message)])
    with path.open("rb") as stream:
        raw = stream.read(MAX_BYTES + 1)  # never more: a huge file must not fill the memory
    if len(raw) > MAX_BYTES:
        size = path.stat().st_size // 1024
        message = f"filen er for stor ({size} KiB); største tilladte størrelse er {MAX_BYTES // 1024} KiB"
        raise ProblemsError([Problem(display, 1, 1, "", message)])
    return _check_characters(_decode(raw, display), display)


def _through_link(path: Path, display: str) -> bool:
    """True if the file or a folder named in `display` (e.g. programmes/forloeb/2027) is a link."""
    current = os.fspath(path)  # os.path, not pathlib: this runs for every one of many cohort files
    for _ in Path(display).parts:
        if os.path.islink(current):
            return True
        current = os.path.dirname(current)
    return False


def _decode(raw: bytes, display: str) -> str:
    try:
        return raw.decode("utf-8-sig")  # a byte order mark from Windows editors is harmless
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "filen er ikke gemt som UTF-8; gem den igen med tegnsættet UTF-8 (æ, ø og å skal kunne læses)"
        raise ProblemsError([Problem(display, line, 1, "", message)]) from None


def _check_characters(text: str, display: str) -> str:
    if found := _CONTROL.search(text):
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
        message = f"filen indeholder et usynligt styretegn (U+{ord(found.group()):04X}); slet det"
        raise ProblemsError([Problem(display, line, column, "", message)])
    return text


class _Stop(Exception):
    """Composing cannot go on (alias, too deep, too many nodes); the problem is recorded."""


@dataclass
class _Frame:
    """An open mapping or sequence while its events arrive."""

    path: KeyPath
    data: dict[str, Any] | list[Any]
    keep: bool  # False inside the value of a duplicate key: checked, but neither kept nor marked
    key: str | None = None  # a mapping's key that waits for its value
    skip_value: bool = False
    first: dict[str, Mark] = field(default_factory=dict)
    flow: bool = False  # written [like, this] or {like: this}

    def wants_key(self) -> bool:
        return isinstance(self.data, dict) and self.key is None


class _Composer:
    """Turns libyaml's events into plain data, checking what a safe loader does not.

    Iterative on purpose: recursion would let a deeply nested file crash the build.
    """

    def __init__(self, loader: Any, file: str) -> None:
        self.loader = loader
        self.file = file
        self.marks: dict[KeyPath, Mark] = {}
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.count = 0
        self.offset = 0  # where the last event ended, for explaining a syntax error after it
        self.last_quoted: tuple[int, int, int] | None = None

    def read_so_far(self) -> yaml_errors.ReadSoFar:
        """What has been read when libyaml stops with a syntax error."""
        flow = next((frame.path for frame in self.stack if frame.flow), None)
        path = flow if flow is not None else self.child_path(self.stack[-1] if self.stack else None)
        return yaml_errors.ReadSoFar(len(self.stack), path, self.offset, self.last_quoted)

    def mark(self, event: ev.Event) -> Mark:
        start = event.start_mark
        return Mark(self.file, start.line + 1, start.column + 1) if start else Mark(self.file, 1, 1)

    def fail(self, event: ev.Event, path: KeyPath | str, message: str) -> None:
        self.problems.append(at(self.mark(event), path, message))

    def stop(self, event: ev.Event, path: KeyPath | str, message: str) -> _Stop:
        self.fail(event, path, message)
        return _Stop()

    def compose(self) -> tuple[bool, Any]:
        """(False, None) for an empty file, else (True, data) of its single document."""
        self.loader.get_event()  # stream start
        if self.loader.check_event(ev.StreamEndEvent):
            return False, None
        self.loader.get_event()  # document start
        try:
            data = self.document()
        except _Stop:
            return True, None
        self.loader.get_event()  # document end
        if not self.loader.check_event(ev.StreamEndEvent):
            event = self.loader.get_event()
            self.fail(event, "", yaml_errors.PREFIX + yaml_errors.ONE_DOCUMENT)
        return True, data

    def document(self) -> Any:
        while True:
            event = self.loader.get_event()
            self.note(event)
            top = self.stack[-1] if self.stack else None
            if top is not None and top.wants_key() and not isinstance(event, ev.MappingEndEvent):
                self.take_key(top, event)
                continue
            if isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
                value = self.stack.pop().data
            elif isinstance(event, ev.ScalarEvent):
                value = self.scalar(event, self.child_path(top))
            else:
                self.open(event, top)
                continue
            if not self.stack:
                return value
            self.deliver(self.stack[-1], value)

    def note(self, event: ev.Event) -> None:
        """Remember where reading got to, to explain a syntax error that comes later."""
        start, end = event.start_mark, event.end_mark
        if end is not None:
            self.offset = end.index
        if isinstance(event, ev.ScalarEvent) and event.style in ("'", '"') and start and end:
            self.last_quoted = (start.line + 1, start.column + 1, end.line + 1)

    def child_path(self, top: _Frame | None) -> KeyPath:
        if top is None:
            return ()
        if isinstance(top.data, dict):
            return (*top.path, top.key or "")
        return (*top.path, len(top.data))

    def check(self, event: ev.Event, path: KeyPath) -> None:
        """Refuse what could make loading slow, huge or surprising, before building it."""
        self.count += 1
        if isinstance(event, ev.AliasEvent) or getattr(event, "anchor", None):
            raise self.stop(event, path, _ALIASES)
        if len(self.stack) > MAX_DEPTH:
            raise self.stop(event, self.deep_key(path), yaml_errors.too_deep_message(MAX_DEPTH))
        if self.count > MAX_NODES:
            raise self.stop(event, path, f"filen har for mange elementer (over {MAX_NODES:,})".replace(",", "."))

    def deep_key(self, path: KeyPath) -> str:
        """The key shown for too deep nesting: a deep path is a wall of [0][0], so it is cut short.

        In a flow collection it is the collection's own key, as newer libyaml stops such
        nesting before we see it and yaml_errors can only tell where the collection began.
        """
        flow = next((frame.path for frame in self.stack if frame.flow), None)
        return format_key(flow if flow is not None else path[:3]) + "…"

    def take_key(self, top: _Frame, event: ev.Event) -> None:
        self.check(event, top.path)
        if not isinstance(event, ev.ScalarEvent):
            raise self.stop(event, top.path, "en nøgle skal være et enkelt ord, ikke en liste eller et afsnit")
        key, here = str(event.value), (*top.path, str(event.value))
        top.key, top.skip_value = key, False
        if key == "<<":
            self.fail(event, top.path, "fletning med »<<« bruges ikke i disse filer; skriv felterne ud")
            top.skip_value = True
        elif key in top.first:
            line = top.first[key].line
            self.fail(event, here, f"nøglen '{key}' står to gange (første gang i linje {line}); slet den ene")
            top.skip_value = True
        else:
            top.first[key] = self.mark(event)
            if top.keep:
                self.marks[here] = top.first[key]

    def open(self, event: ev.Event, top: _Frame | None) -> None:
        path = self.child_path(top)
        self.check(event, path)
        keep = top is None or (top.keep and not top.skip_value)
        if isinstance(top, _Frame) and isinstance(top.data, list) and keep:
            self.marks[path] = self.mark(event)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            self.fail(event, path, _tag_message(str(tag)))
        data: dict[str, Any] | list[Any] = {} if isinstance(event, ev.MappingStartEvent) else []
        self.stack.append(_Frame(path, data, keep, flow=bool(getattr(event, "flow_style", False))))

    def deliver(self, top: _Frame, value: Any) -> None:
        if isinstance(top.data, list):
            top.data.append(value)
        else:
            # `key: ""` is how the form editor (/admin/) writes an emptied field: as if left out.
            if not top.skip_value and value != "":
                top.data[top.key or ""] = value
            top.key = None

    def scalar(self, event: ev.ScalarEvent, path: KeyPath) -> Any:
        self.check(event, path)
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.data, list) and top.keep:
            self.marks[path] = self.mark(event)
        tag = event.tag
        if tag in (None, "!"):
            tag = self.loader.resolve(ScalarNode, event.value, event.implicit)
        kind = tag.removeprefix("tag:yaml.org,2002:")
        if kind not in _SCALARS:
            self.fail(event, path, _tag_message(tag))
            return None
        convert, complaint = _SCALARS[kind]
        try:
            return convert(event.value)
        except ValueError:
            self.fail(event, path, complaint(event.value))
            return None


def _tag_message(tag: str) -> str:
    if tag.startswith("tag:yaml.org,2002:"):
        return f"mærket '!!{tag.removeprefix('tag:yaml.org,2002:')}' bruges ikke i disse filer; fjern det"
    return f"mærket '{tag}' kendes ikke; fjern det"


def _short(value: str) -> str:
    return f"{value[:20]}…" if len(value) > 20 else value


_SCALARS: dict[str, tuple[Callable[[str], Any], Callable[[str], str]]] = {
    "str": (str, str),
    "bool": (lambda v: v.lower() == "true", str),
    "int": (int, lambda v: f"'{_short(v)}' er et for stort tal"),
    "float": (float, lambda v: f"'{_short(v)}' er ikke et gyldigt tal"),
    "null": (lambda v: None, str),
    "timestamp": (dt.date.fromisoformat, lambda v: f"'{v}' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, fx 2027-03-01)"),
}
