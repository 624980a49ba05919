"""Progress of the long build phases (documents, booklets), for `mentor build` to show.

The renderers call `report()` or wrap their work in `track()`; both cost nothing
unless someone listens. In-process callers set a listener with `listen()`.
`mentor build` runs MkDocs as a child process and sets `MENTOR_PROGRESS=1`, so
the reports travel as one line each on stderr and are drawn by `macros.site.build`.

    from .progress import track
    for programme in track("Hæfter", catalogue.programmes):
        render_booklet(programme)
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

ENV = "MENTOR_PROGRESS"
PREFIX = "mentor-progress: "

Listener = Callable[[str, int, int], None]
T = TypeVar("T")

_listener: Listener | None = None


def listen(listener: Listener | None) -> None:
    """Send every report in this process to `listener(phase, done, total)`; None stops it."""
    global _listener
    _listener = listener


def report(phase: str, done: int, total: int) -> None:
    """Tell the display that `done` of `total` items of `phase` (a Danish name) are finished."""
    if _listener is not None:
        _listener(phase, done, total)
    elif os.environ.get(ENV) == "1":
        # One write per line, so reports from several threads do not interleave.
        sys.stderr.write(f"{PREFIX}{json.dumps([phase, done, total], ensure_ascii=False)}\n")
        sys.stderr.flush()


def track(phase: str, items: Sequence[T]) -> Iterator[T]:
    """Yield each item and report it as finished when the caller asks for the next."""
    total = len(items)
    report(phase, 0, total)
    for done, item in enumerate(items, start=1):
        yield item
        report(phase, done, total)


def parse_report(line: str) -> tuple[str, int, int] | None:
    """A report line written by `report()` in a child process, or None for any other line."""
    if not line.startswith(PREFIX):
        return None
    try:
        phase, done, total = json.loads(line[len(PREFIX) :])
        return str(phase), int(done), int(total)
    except (ValueError, TypeError):
        return None
