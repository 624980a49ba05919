"""SEQUENCE, LAST-MODIFIED and cancelled events, from a calendar's versions.

Calendar clients update an event they already have only when its SEQUENCE rises
under the same UID; a meeting that simply disappears from a subscribed feed stays
in an imported copy, and some clients keep it in the subscription too. So every
version of a cohort file (from git, see outputs/calendar_history.py) is rendered, and an
event's SEQUENCE counts the versions in which its content changed; an event that
is gone is kept as STATUS:CANCELLED with one more SEQUENCE. Pure functions on
content lines: the rendering lives in outputs/calendars.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .ics import text, utc_time

Event = list[str]  # the content lines of one VEVENT, unfolded
Version = tuple[dt.datetime | None, Mapping[str, Event]]  # when, and the events by UID
CANCELLED_PREFIX = "Aflyst: "  # for clients that show STATUS:CANCELLED no differently
# A cancelled event's old description could name people the cohort no longer publishes.
CANCELLED_NOTE = "Mødet er taget ud af forløbets plan. Den gældende plan står på forløbets side."


@dataclass(frozen=True)
class EventState:
    """How often an event has changed, and when it last did (None: no history known)."""

    sequence: int = 0
    modified: dt.datetime | None = None


@dataclass(frozen=True)
class CalendarHistory:
    """What the history says about one calendar: its events' states and those removed."""

    default: EventState = EventState()  # events not in `states` (a file with one version)
    states: Mapping[str, EventState] = field(default_factory=dict)
    cancelled: tuple[tuple[Event, EventState], ...] = ()

    def apply(self, events: Iterable[Event], keep_cancelled: bool) -> list[Event]:
        """The events with SEQUENCE and LAST-MODIFIED, then the cancelled ones if kept."""
        current = [_stamped(event, self.states.get(uid_of(event), self.default)) for event in events]
        return current + [_cancelled(event, state) for event, state in self.cancelled] * keep_cancelled


def track(versions: Iterable[Version]) -> CalendarHistory:
    """Walk the versions oldest first; a change, a removal or a return each raise SEQUENCE."""
    last: dict[str, Event] = {}
    present: set[str] = set()
    states: dict[str, EventState] = {}
    for when, events in versions:
        for uid, event in events.items():
            if uid not in states:
                states[uid] = EventState(0, when)
            elif uid not in present or last[uid] != event:
                states[uid] = EventState(states[uid].sequence + 1, when)
            last[uid] = event
        for uid in present - events.keys():
            states[uid] = EventState(states[uid].sequence + 1, when)
        present = set(events)
    gone = tuple((last[uid], states[uid]) for uid in states if uid not in present)
    return CalendarHistory(states={uid: states[uid] for uid in present}, cancelled=gone)


def uid_of(event: Event) -> str:
    """The UID of an event's lines (ours are plain: hex digits, »@« and a domain)."""
    return next(line[4:] for line in event if line.startswith("UID:"))


def _stamped(event: Event, state: EventState) -> Event:
    at = next(number for number, line in enumerate(event) if line.startswith("UID:")) + 1
    extra = [f"SEQUENCE:{state.sequence}"]
    extra += [utc_time("LAST-MODIFIED", state.modified)] if state.modified else []
    return [*event[:at], *extra, *event[at:]]


def _cancelled(event: Event, state: EventState) -> Event:
    """Struck through (Apple) or removed (Google): no reminder, not busy, no old description."""
    lines: Event = []
    in_alarm = False
    for line in event:
        in_alarm = in_alarm or line == "BEGIN:VALARM"
        if line.startswith("SUMMARY:"):
            line = f"SUMMARY:{CANCELLED_PREFIX}{line.removeprefix('SUMMARY:')}"
        elif line.startswith("DESCRIPTION:"):
            line = f"DESCRIPTION:{text(CANCELLED_NOTE)}"
        if not in_alarm and not line.startswith(("TRANSP:", "URL:")) and line != "END:VEVENT":
            lines.append(line)
        in_alarm = in_alarm and line != "END:VALARM"
    return [*_stamped(lines, state), "STATUS:CANCELLED", "TRANSP:TRANSPARENT", "END:VEVENT"]
