"""When each source file last changed, from git, for the »Sidst ændret« line on every page.

One `git log` pass reads the dates of all files (not one call per file, which costs
a process start per page), and stops as soon as every wanted file has a date. Files
git does not know yet, or that have uncommitted changes, get their modification time,
so a local preview shows the edit just made. Without git (a copied folder, a zip, no
git installed) the map is empty and pages show no date.

A shallow clone only knows its newest commit, so CI must fetch the whole history
(`fetch-depth: 0`) for the dates to be true.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import subprocess
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .render import MONTHS_DA

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T")
GIT_TIMEOUT = 60


def load_history(root: Path, files: Collection[str]) -> dict[str, dt.datetime]:
    """The last change of each of `files` (paths relative to `root`) that has one."""
    wanted = set(files)
    if not wanted:
        return {}
    try:
        found = _committed(root, wanted)
        dirty = _uncommitted(root) & wanted
    except (OSError, subprocess.SubprocessError):
        return {}
    for name in dirty | (wanted - found.keys()):
        path = root / name
        if path.is_file():
            found[name] = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return found


def _committed(root: Path, wanted: set[str]) -> dict[str, dt.datetime]:
    """Walk `git log` newest first; the first date seen for a file is its last change."""
    command = ["git", "-c", "core.quotePath=false", "log", "--format=%x00%cI", "--name-only", "-z"]
    command += ["--no-renames", "--relative", "--", "."]
    found: dict[str, dt.datetime] = {}
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        for date, name in _entries(_tokens(process.stdout.fileno())):
            if name in wanted and name not in found:
                found[name] = date
                if len(found) == len(wanted):
                    break
        process.kill()  # done early, or git has finished anyway
    if process.returncode not in (0, -9) and not found:
        raise subprocess.SubprocessError("git log failed")  # not a repository: no dates at all
    return found


def _tokens(fd: int) -> Iterator[str]:
    """NUL-separated fields of git's output, read as it comes."""
    rest = b""
    for chunk in iter(lambda: os.read(fd, 65536), b""):
        *fields, rest = (rest + chunk).split(b"\0")
        yield from (field.decode("utf-8", "surrogateescape") for field in fields)
    if rest:
        yield rest.decode("utf-8", "surrogateescape")


def _entries(tokens: Iterable[str]) -> Iterator[tuple[dt.datetime, str]]:
    """(date, file) pairs: each commit is an empty field, its date, then its file names."""
    date: dt.datetime | None = None
    expect_date = False
    for token in tokens:
        if token == "":
            expect_date = True
        elif expect_date and _DATE.match(token):
            date, expect_date = dt.datetime.fromisoformat(token), False
        elif date is not None:
            expect_date = False
            yield date, token.lstrip("\n")


def _uncommitted(root: Path) -> set[str]:
    """Tracked files under `root` with staged or unstaged changes."""
    command = ["git", "-c", "core.quotePath=false", "diff", "HEAD", "--name-only", "-z", "--relative"]
    result = subprocess.run(command, cwd=root, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    return {name for name in result.stdout.decode("utf-8", "surrogateescape").split("\0") if name}


def last_changed(history: dict[str, dt.datetime], sources: Iterable[str]) -> dt.datetime | None:
    """The newest change among the files a page is made from, or None if none is known."""
    dates = [history[source] for source in sources if source in history]
    return max(dates, default=None)


def format_day(value: dt.datetime) -> str:
    """'4. marts 2027': the day of the change in Danish time, without the time of day."""
    with contextlib.suppress(ZoneInfoNotFoundError):  # systems without time-zone data keep the commit's offset
        value = value.astimezone(ZoneInfo("Europe/Copenhagen"))
    return f"{value.day}. {MONTHS_DA[value.month - 1]} {value.year}"


SHARED_SOURCE = "programmes/_faelles.yaml"


def page_inputs(source: str) -> tuple[str, ...]:
    """The files a generated page is made from: its YAML and the shared texts it inherits."""
    return (source, SHARED_SOURCE) if source.endswith(".yaml") and source != SHARED_SOURCE else (source,)


def changed_meta(when: dt.datetime | None) -> dict[str, str] | None:
    """What the theme's »Sidst ændret« line shows: an ISO date and the Danish text."""
    if when is None:
        return None
    return {"iso": when.date().isoformat(), "text": format_day(when)}
