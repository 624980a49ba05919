"""RFC 5545 content lines written directly: text escaping, date-times and line folding.

icalendar built an object per property and folded every line one character at a
time, which made the calendars most of what a build of a thousand cohorts added to
MkDocs' own work. Our calendars use only a handful of property types; they are
written here, and tests/test_calendar.py reads the files back with icalendar and
the independent vobject.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # all but the line feed
FOLD_OCTETS = 74  # a physical line's text, so that with the folding space it stays within 75 octets
_CONTINUATION = 0b1000_0000  # UTF-8 bytes 10xxxxxx continue a character
_ESCAPES = b"\\^"  # never end a folded piece on these: some readers join »\« + »n« wrongly


def text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as \\n.

    Other control characters are not allowed in a content line; the text policy keeps them
    out of the files, and they are dropped here too, so no calendar can hold one.
    """
    value = _CONTROLS.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def verbatim(value: str) -> str:
    """A value written as it is (a URI, a calendar name as clients expect it), on one line."""
    return " ".join(_CONTROLS.sub(" ", value).split())


def local_time(name: str, moment: dt.datetime, tzid: str) -> str:
    """`DTSTART;TZID=Europe/Copenhagen:20270216T170000`: a local time in the calendar's zone."""
    return f"{name};TZID={tzid}:{moment:%Y%m%dT%H%M%S}"


def utc_time(name: str, moment: dt.datetime) -> str:
    """`DTSTAMP:20261122T121332Z`."""
    return f"{name}:{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded into pieces of at most 74 octets (RFC 5545 §3.1).

    A fold never splits a multi-byte character, and a piece does not end on a
    backslash or caret, so an escape such as »\\,« stays on one physical line.
    """
    data = line.encode()
    if len(data) <= FOLD_OCTETS:
        return data
    pieces = []
    start = 0
    while len(data) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while data[end] & 0b1100_0000 == _CONTINUATION:
            end -= 1
        if data[end - 1] in _ESCAPES:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def serialize(lines: Iterable[str]) -> bytes:
    """The calendar file: every line folded and ended with CRLF."""
    return b"".join(fold(line) + b"\r\n" for line in lines)
