"""Our own RFC 5545 writing (macros/outputs/ics.py): folding and escaping, read back by icalendar and vobject."""

from __future__ import annotations

import datetime as dt
import random

import icalendar
import pytest
import vobject

from macros.outputs.ics import fold, local_time, serialize, text, utc_time, verbatim

TRICKY = [
    "",
    "kort linje",
    "a" * 74,
    "a" * 75,
    "æøå" * 60,
    "Møde; komma, og backslash \\ midt i" * 5,
    "\\" * 200,
    "^" * 150,
    "x" * 73 + "\\,y" * 40,
    "🙂–€" * 50,
]


def _random_lines(count: int) -> list[str]:
    pick = random.Random(5545)
    alphabet = "ab ,;\\^æø–€🙂"
    return ["".join(pick.choice(alphabet) for _ in range(pick.randint(60, 300))) for _ in range(count)]


@pytest.mark.parametrize("line", TRICKY + _random_lines(200))
def test_fold_keeps_every_physical_line_within_75_octets_and_unfolds_to_the_original(line: str) -> None:
    folded = fold(line)
    pieces = folded.split(b"\r\n")
    assert all(len(piece) <= 75 for piece in pieces)
    assert all(piece.startswith(b" ") for piece in pieces[1:])
    assert [piece.decode("utf-8") for piece in pieces]  # no character is cut in two
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line


@pytest.mark.parametrize("line", TRICKY + _random_lines(200))
def test_a_fold_never_separates_an_escape_from_what_it_escapes(line: str) -> None:
    """»\\,« and »\\n« stay on one physical line (some readers join folded lines badly)."""
    escaped = text(line.replace("\\", "/") + "\n" + line.replace("\\", ","))  # every backslash starts an escape
    pieces = fold("DESCRIPTION:" + escaped).split(b"\r\n")
    assert not any(piece.endswith(b"\\") for piece in pieces[:-1])


def test_short_lines_are_not_folded() -> None:
    assert fold("SUMMARY:" + "a" * 66) == ("SUMMARY:" + "a" * 66).encode()
    assert fold("SUMMARY:" + "a" * 67).count(b"\r\n ") == 1


def test_text_escapes_what_rfc_5545_requires() -> None:
    assert text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert text("C:\\Noter") == "C:\\\\Noter"  # a backslash before N stays a backslash


def test_a_verbatim_value_may_not_break_the_line() -> None:
    assert verbatim("https://example.org/a,b") == "https://example.org/a,b"
    assert verbatim("https://example.org/\nBEGIN:VEVENT") == "https://example.org/ BEGIN:VEVENT"  # one line


def test_hostile_text_survives_a_round_trip_through_icalendar_and_vobject() -> None:
    summary = "Møde; komma, backslash \\ og 🙂 " * 6
    description = "Linje 1\nLinje 2, med komma; og semikolon\n\\N er ikke et linjeskift\n" + "æ" * 120
    start = dt.datetime(2027, 3, 28, 10, 0)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Test//DA",
        "BEGIN:VEVENT",
        f"UID:{text('x@example.org')}",
        utc_time("DTSTAMP", dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
        local_time("DTSTART", start, "Europe/Copenhagen"),
        f"SUMMARY:{text(summary)}",
        f"DESCRIPTION:{text(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    data = serialize(lines)
    assert data.endswith(b"END:VCALENDAR\r\n")
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == description
    parsed = vobject.readOne(data.decode("utf-8")).vevent
    assert parsed.summary.value == summary
    assert parsed.description.value == description
    assert parsed.dtstamp.value == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
