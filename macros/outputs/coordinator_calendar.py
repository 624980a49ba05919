"""The coordinators' calendar of a cohort: their checklist as all-day events with reminders."""

from __future__ import annotations

import datetime as dt
import hashlib

from ..loading.cohorts import CohortEntry
from ..model import Programme
from ..rendering.coordinator_plan import Step, coordinator_steps
from .calendars import PRODID, REFRESH, TZID, UID_DOMAIN, stamp
from .ics import serialize, text, utc_time, verbatim

REMINDERS = ("-P6DT15H", "-PT15H")  # 09.00 a week before and 09.00 the day before an all-day item


def export_coordinator_calendar(entry: CohortEntry, programme: Programme) -> bytes:
    """The checklist as all-day events, each with reminders a week and a day before."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{text(PRODID)}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    head.append(f"X-WR-CALNAME:{verbatim(f'{entry.cohort.name} – tovholdere')}")
    # Like the cohort's other calendars (issue 15): subscribers fetch it twice a day.
    head += [f"X-WR-TIMEZONE:{TZID}", f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}", f"X-PUBLISHED-TTL:{REFRESH}"]
    events = [line for step in coordinator_steps(entry, programme) for line in _event(entry, step)]
    return serialize([*head, *events, "END:VCALENDAR"])


def _event(entry: CohortEntry, step: Step) -> list[str]:
    key = f"{entry.programme}/{entry.id}/tovholder/{step.key}"
    uid = f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{UID_DOMAIN}"
    alarms = [
        line
        for trigger in REMINDERS
        for line in (
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{text(step.title)}",
            f"TRIGGER:{trigger}",
            "END:VALARM",
        )
    ]
    return [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(step.title)}",
        f"DTSTART;VALUE=DATE:{step.date:%Y%m%d}",
        f"DTEND;VALUE=DATE:{step.date + dt.timedelta(days=1):%Y%m%d}",
        utc_time("DTSTAMP", stamp()),
        f"UID:{text(uid)}",
        f"DESCRIPTION:{text(entry.cohort.name + chr(10) + step.detail)}",
        "TRANSP:TRANSPARENT",
        *alarms,
        "END:VEVENT",
    ]
