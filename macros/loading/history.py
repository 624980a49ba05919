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
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model.danish import MONTHS_DA

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T")
GIT_TIMEOUT = 60


@dataclass
class History:
    """What one pass over `git log` found: each file's last change, and the newest commits' changes."""

    last: dict[str, dt.datetime] = field(default_factory=dict)
    recent: list[tuple[dt.datetime, str]] = field(default_factory=list)  # committed, newest first


def load_history(root: Path, files: Collection[str]) -> dict[str, dt.datetime]:
    """The last change of each of `files` (paths relative to `root`) that has one."""
    return scan_history(root, files).last


def scan_history(
    root: Path, files: Collection[str], recent: int = 0, news: Callable[[str], bool] = lambda name: True
) -> History:
    """Last changes of `files`, and the `recent` newest (date, file) changes of files that `news` accepts.

    The news list holds commits only (their dates, no authors); local edits are not news yet.
    """
    wanted = set(files)
    if not wanted:
        return History()
    try:
        history = _committed(root, wanted, recent, news)
        dirty = _uncommitted(root) & wanted
    except (OSError, subprocess.SubprocessError):
        return History()
    for name in dirty | (wanted - history.last.keys()):
        path = root / name
        if path.is_file():
            history.last[name] = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return history


def _committed(root: Path, wanted: set[str], recent: int, news: Callable[[str], bool]) -> History:
    """Walk `git log` newest first; the first date seen for a file is its last change."""
    command = ["git", "-c", "core.quotePath=false", "log", "--format=%x00%cI", "--name-only", "-z"]
    command += ["--no-renames", "--relative", "--", "."]
    history = History()
    found = history.last
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        for date, name in _entries(_tokens(process.stdout.fileno())):
            if name in wanted and name not in found:
                found[name] = date
            if len(history.recent) < recent and name in wanted and news(name):
                history.recent.append((date, name))
            if len(found) == len(wanted) and len(history.recent) >= recent:
                break
        process.kill()  # done early, or git has finished anyway
    if process.returncode not in (0, -9) and not found:
        raise subprocess.SubprocessError("git log failed")  # not a repository: no dates at all
    return history


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


@dataclass(frozen=True)
class Version:
    """One version of a file: when it was made, and its git blob (None for the working tree)."""

    when: dt.datetime
    blob: str | None


def file_versions(root: Path, folder: str, files: Collection[str]) -> dict[str, list[Version]]:
    """Every version of each of `files` under `folder`, oldest first (one `git log` for all).

    Uncommitted changes, or a file git does not know yet, add the working tree as the
    newest version. Without git (or a repository without commits) the map is empty.
    """
    try:
        committed = _blob_history(root, folder)
        dirty = _uncommitted(root)
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, list[Version]] = {}
    for name in files:
        versions = committed.get(name, [])[::-1]
        if name in dirty or not versions:
            versions.append(Version(dt.datetime.fromtimestamp((root / name).stat().st_mtime, dt.UTC), None))
        found[name] = versions
    return found


def _blob_history(root: Path, folder: str) -> dict[str, list[Version]]:
    """Each file's blobs along the first-parent line (what was published), newest first."""
    command = ["git", "-c", "core.quotePath=false", "log", "--first-parent", "--diff-merges=first-parent"]
    command += ["--format=%x00%cI", "--raw", "--no-abbrev", "-z", "--no-renames", "--relative", "--", folder]
    result = subprocess.run(command, cwd=root, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    if result.returncode != 0:
        raise subprocess.SubprocessError("git log failed")
    found: dict[str, list[Version]] = {}
    for when, blob, name in _raw_entries(result.stdout.decode("utf-8", "surrogateescape").split("\0")):
        found.setdefault(name, []).append(Version(when, blob))
    return found


def _raw_entries(tokens: Iterable[str]) -> Iterator[tuple[dt.datetime, str, str]]:
    """(date, blob, file) from `--raw -z`: a date field, then »:modes old new status« and the file."""
    when: dt.datetime | None = None
    blob: str | None = None
    for token in tokens:
        token = token.lstrip("\n")
        if blob is not None:
            if when is not None and blob.strip("0"):  # the zero id: the file was deleted
                yield when, blob, token
            blob = None
        elif token.startswith(":"):
            blob = token.split()[3]
        elif _DATE.match(token):
            when = dt.datetime.fromisoformat(token)


def read_blobs(root: Path, blobs: Collection[str]) -> dict[str, bytes]:
    """The contents of git blobs, in one `git cat-file --batch`; missing ones are left out."""
    if not blobs:
        return {}
    request = "".join(f"{blob}\n" for blob in blobs).encode()
    command = ["git", "cat-file", "--batch"]
    result = subprocess.run(command, cwd=root, input=request, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    found: dict[str, bytes] = {}
    data, at = result.stdout, 0
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].split()
        if len(header) != 3:  # »<id> missing«
            at = end + 1
            continue
        size = int(header[2])
        found[header[0].decode()] = data[end + 1 : end + 1 + size]
        at = end + 2 + size  # the content ends with a line break of its own
    return found


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
