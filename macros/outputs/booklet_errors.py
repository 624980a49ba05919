"""Where a booklet or document went wrong: the file, line and key of the programme text behind it.

Typst reads pandoc's output, not the programme file, so its errors and warnings name places in
the generated source. Only when a booklet fails are its chapters made once more from a copy of
the programme with an invisible marker in front of every text: a run of noncharacters, which
no text may hold (model/textpolicy.py) and pandoc keeps as text but leaves out of heading
labels. The markers are taken out again and their places noted, Typst sets the booklet, and
the nearest marker before each place Typst names is the text that caused it (or, when the
failing line is the template's own, the text just before it, such as a heading in a text
that the template's next heading then skips a level from). When Typst names a place in the
layout instead (a show rule) or the marked copy does not fail, the booklet is set with half of
the texts at a time until one text is left (`culprit`, outputs/booklets.py). When pandoc fails or times
out on a programme, each text is converted on its own to find the one that does (`locate_pandoc`).
"""

from __future__ import annotations

import bisect
import os
import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..loading.programme_entry import ProgrammeEntry
from ..model import Programme
from ..model.problems import KeyPath, Mark, Problem, at
from ..model.textpolicy import EMAIL_RE, WEB_LINK_RE
from ..rendering.safe_text import safe_markdown
from .converters import PANDOC_OUTPUTS, format_seconds, run_pandoc, typst_reasons_da

START = "\ufdd1"
_DIGIT = 0xFDE0  # sixteen noncharacters are the marker's hex digits
_MARKER = re.compile(f"{START}([\ufde0-\ufdef]+)")
_CHOICE = re.compile(r"^[a-z0-9_-]*$")  # ids, keys and choices: templates compare them, so they stay as they are
# A heading's, a list item's or a quote's opening: the marker goes after it, so the text stays what it was.
_BLOCK_START = re.compile(r"[ \t]*(?:(?:#+|[-*+>]|[0-9]{1,9}[.)])[ \t]+)*")
_TYPST_START = re.compile(r"[=+\- \t]*")  # Typst's heading and list openings, in front of the text's marker
_PLACE = re.compile(r"^(?:error|warning): (.*)\n\s*┌─ [^\n]*:(\d+):(\d+)$", re.MULTILINE)


def marked(programme: Programme) -> tuple[Programme, list[KeyPath]]:
    """A copy of the programme with a marker in front of each text, and each text's key path."""

    def mark(index: int, value: str) -> str:
        start = _BLOCK_START.match(value)
        cut = start.end() if start else 0
        return value[:cut] + marker(index) + value[cut:]

    return rewritten(programme, mark)


def rewritten(programme: Programme, change: Callable[[int, str], str]) -> tuple[Programme, list[KeyPath]]:
    """A copy of the programme with each text (by its number) changed, and each text's key path."""
    paths: list[KeyPath] = []

    def walk(value: Any, path: KeyPath) -> Any:
        if isinstance(value, BaseModel):
            fields = type(value).model_fields
            return value.model_copy(update={name: walk(getattr(value, name), (*path, name)) for name in fields})
        if isinstance(value, list):
            return [walk(item, (*path, index)) for index, item in enumerate(value)]
        if isinstance(value, dict):
            return {key: walk(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, str) and not _plain(value):
            paths.append(path)
            return change(len(paths) - 1, value)
        return value

    return walk(programme, ()), paths


def culprit(count: int, fails: Callable[[set[int]], bool]) -> int | None:
    """The one text a failure needs, by halving: `fails(keep)` tries with only the texts in `keep`
    (about 2·log2(count) tries); None when it fails without them or needs texts from both halves."""
    if fails(set()):
        return None
    low, high = 0, count
    while high - low > 1:
        middle = (low + high) // 2
        if fails(set(range(low, middle))):
            high = middle
        elif fails(set(range(middle, high))):
            low = middle
        else:
            return None
    return low if count else None


def _plain(value: str) -> bool:
    return bool(_CHOICE.match(value) or EMAIL_RE.match(value) or WEB_LINK_RE.match(value))


def marker(index: int) -> str:
    """The invisible marker for the text with this index."""
    return START + "".join(chr(_DIGIT + int(digit, 16)) for digit in f"{index:x}")


@dataclass(frozen=True)
class Unmarked:
    """Typst source without its markers: where each marker stood, and the index of its text."""

    source: str
    offsets: list[int]
    indexes: list[int]


def unmark(source: str) -> Unmarked:
    """The source without markers, and where they stood."""
    parts, offsets, indexes, last, removed = [], [], [], 0, 0
    for found in _MARKER.finditer(source):
        parts.append(source[last : found.start()])
        offsets.append(found.start() - removed)
        indexes.append(int("".join(f"{ord(c) - _DIGIT:x}" for c in found.group(1)), 16))
        removed += len(found.group(0))
        last = found.end()
    parts.append(source[last:])
    return Unmarked("".join(parts), offsets, indexes)


def failures(diagnostic: str, source: str) -> list[tuple[str, int]]:
    """Each error in Typst's diagnostic as (its English reason, its offset in `source`)."""
    starts = [0]
    for line in source.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    found = []
    for reason, line, column in _PLACE.findall(diagnostic):
        if 0 < int(line) < len(starts):
            found.append((reason, starts[int(line) - 1] + int(column)))
    return found


def located(diagnostic: str, unmarked: Unmarked, paths: list[KeyPath], entry: ProgrammeEntry) -> list[Problem]:
    """One Danish problem per text that Typst's errors point into; [] if none does."""
    reasons: dict[KeyPath, list[str]] = {}
    for reason, offset in failures(diagnostic, unmarked.source):
        offset = _TYPST_START.match(unmarked.source, offset).end()  # type: ignore[union-attr]  # always matches
        place = bisect.bisect_right(unmarked.offsets, offset) - 1
        if place >= 0:  # else in the layout, before any text of the programme
            reasons.setdefault(paths[unmarked.indexes[place]], []).append(reason)
    return [text_problem(entry, path, typst_reasons_da(found)) for path, found in reasons.items()]


def text_problem(entry: ProgrammeEntry, path: KeyPath, reason: str) -> Problem:
    """A booklet that could not be set, at the text's file, line and key."""
    return at(_mark(entry.marks, path, entry.source), path, f"hæftet kunne ikke sættes: {reason}")


def texts(programme: Programme) -> list[tuple[KeyPath, str]]:
    """Every text of the programme (not its ids and choices) with its key path."""
    found: list[str] = []

    def keep(_: int, value: str) -> str:
        found.append(value)
        return value

    _, paths = rewritten(programme, keep)
    return list(zip(paths, found, strict=True))


def locate_pandoc(entry: ProgrammeEntry, to: str, args: Sequence[str], timeout: float) -> list[Problem]:
    """The texts pandoc cannot convert on their own within `timeout` (or at all); [] if none.

    Only after pandoc failed on a whole programme: one run per text, in parallel.
    """
    found = texts(entry.programme)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        reasons = list(pool.map(lambda item: _alone(item[1], to, args, timeout), found))
    what = PANDOC_OUTPUTS.get(to, to)
    problems = [
        at(_mark(entry.marks, path, entry.source), path, f"pandoc kunne ikke lave {what}: {reason}")
        for (path, _), reason in zip(found, reasons, strict=True)
        if reason
    ]
    return problems if len(problems) <= len(found) // 2 else []  # most texts failing: not the texts, the machine


def _alone(text: str, to: str, args: Sequence[str], timeout: float) -> str:
    try:
        done = run_pandoc(str(safe_markdown(text)), to, args, timeout)
    except subprocess.TimeoutExpired:
        return f"teksten alene tager over {format_seconds(timeout)}; del den op, eller skriv den enklere"
    if done.returncode != 0:
        return f"teksten kan ikke omsættes (teknisk: {done.stderr.decode(errors='replace').strip()[:200]})"
    return ""


def _mark(marks: Mapping[KeyPath, Mark], path: KeyPath, file: str) -> Mark:
    """The mark of `path`, or of its nearest ancestor that has one (as yamlsource.Document.mark)."""
    for end in range(len(path), -1, -1):
        if found := marks.get(path[:end]):
            return found
    return Mark(file, 1, 1)
