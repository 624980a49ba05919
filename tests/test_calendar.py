"""The cohorts' calendar files, read back with icalendar and with the independent vobject."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import vobject

from macros.loading.catalogue import load_catalogue
from macros.outputs.cohort_calendars import export_cohort_calendars
from tests.conftest import copy_project, html

UTC = dt.UTC
GROUP = "programmer/gruppementor/forloeb"
PAIRS = "programmer/mentorordning-ledere/forloeb"

# file → (events, of which homework deadlines)
COUNTS = {
    f"{GROUP}/2027-fungerende-ledere/2027-fungerende-ledere-mentee.ics": (4 + 3, 3),
    f"{GROUP}/2027-fungerende-ledere/2027-fungerende-ledere-mentor.ics": (4 + 3 + 7, 3),
    f"{GROUP}/2027-lederaspiranter-1/2027-lederaspiranter-1-mentee.ics": (4 + 4, 4),
    f"{GROUP}/2027-lederaspiranter-1/2027-lederaspiranter-1-mentor.ics": (4 + 4 + 7, 4),
    f"{GROUP}/2027-lederaspiranter-2/2027-lederaspiranter-2-mentee.ics": (4 + 3, 3),
    f"{GROUP}/2027-lederaspiranter-2/2027-lederaspiranter-2-mentor.ics": (4 + 3 + 7, 3),
    f"{PAIRS}/2027-ledere-runde-1/2027-ledere-runde-1-par-1.ics": (7, 0),
    f"{PAIRS}/2027-ledere-runde-1/2027-ledere-runde-1-par-2.ics": (7, 0),
    f"{PAIRS}/2027-ledere-runde-1/2027-ledere-runde-1-par-3.ics": (5, 0),
    f"{PAIRS}/2027-ledere-runde-1/2027-ledere-runde-1-par-4.ics": (7, 0),
}


def read_vobject(text: str) -> vobject.base.Component:
    return vobject.readOne(text)


def starts_utc(text: str) -> dict[str, dt.datetime]:
    """Each event's summary → its start in UTC, as vobject understands the file."""
    return {ev.summary.value: ev.dtstart.value.astimezone(UTC) for ev in read_vobject(text).vevent_list}


@pytest.mark.parametrize("path", COUNTS)
def test_calendar_has_the_right_events(built_site: Path, path: str) -> None:
    text = (built_site / path).read_text(encoding="utf-8")
    events, deadlines = COUNTS[path]
    parsed = read_vobject(text)
    summaries = [ev.summary.value for ev in parsed.vevent_list]
    assert len(summaries) == events
    assert sum(s.startswith("Frist for") for s in summaries) == deadlines
    uids = [ev.uid.value for ev in parsed.vevent_list]
    assert len(set(uids)) == len(uids)
    calendar = icalendar.Calendar.from_ical(text)
    assert len(calendar.walk("VEVENT")) == events


def test_local_times_are_right_in_winter_and_summer(built_site: Path) -> None:
    text = (built_site / f"{GROUP}/2027-fungerende-ledere/2027-fungerende-ledere-mentor.ics").read_text("utf-8")
    starts = starts_utc(text)
    # 17:00 in Copenhagen is 16:00 UTC in February (CET) and 15:00 UTC in May (CEST).
    assert starts["Gruppemøde 1 af 4: Hvor står jeg som leder i dag?"] == dt.datetime(2027, 2, 16, 16, tzinfo=UTC)
    assert starts["Gruppemøde 4 af 4: Næste skridt"] == dt.datetime(2027, 5, 11, 15, tzinfo=UTC)
    # A deadline on each side of the switch to summer time on 28 March 2027.
    assert starts["Frist for mentees' besvarelser efter møde 1"] == dt.datetime(2027, 3, 12, 15, tzinfo=UTC)
    assert starts["Frist for mentees' besvarelser efter møde 2"] == dt.datetime(2027, 4, 9, 14, tzinfo=UTC)


def test_the_files_own_time_zone_definition_gives_these_times(built_site: Path) -> None:
    """Renamed, the zone is unknown to the parser: only our VTIMEZONE can give the offsets."""
    text = (built_site / f"{GROUP}/2027-fungerende-ledere/2027-fungerende-ledere-mentee.ics").read_text("utf-8")
    assert starts_utc(text.replace("Europe/Copenhagen", "Mentor/Lokaltid")) == starts_utc(text)
    zone = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")[0]
    assert "RDATE" not in zone.to_ical().decode()
    parts = {part.name: part for part in zone.subcomponents}
    assert set(parts) == {"DAYLIGHT", "STANDARD"}
    assert all("RRULE" in part for part in parts.values())


def test_meetings_have_place_and_reflection_questions(built_site: Path) -> None:
    text = (built_site / f"{GROUP}/2027-fungerende-ledere/2027-fungerende-ledere-mentee.ics").read_text("utf-8")
    first = next(ev for ev in read_vobject(text).vevent_list if ev.summary.value.startswith("Gruppemøde 1"))
    assert first.location.value == "Rådhuset, mødelokale 3"
    description = first.description.value
    assert "Før mødet:\n- Hvad tog jeg med fra sidste gruppemøde?" in description  # the group's own questions
    assert "Efter mødet: hjemmeopgave med frist fredag 12. marts 2027 kl. 16.00." in description
    assert (first.dtend.value - first.dtstart.value) == dt.timedelta(hours=3)


def test_mentee_deadlines_remind_a_day_before(built_site: Path) -> None:
    text = (built_site / f"{GROUP}/2027-lederaspiranter-1/2027-lederaspiranter-1-mentee.ics").read_text("utf-8")
    deadlines = [ev for ev in read_vobject(text).vevent_list if ev.summary.value.startswith("Frist")]
    assert len(deadlines) == 4
    for deadline in deadlines:
        assert deadline.valarm.trigger.value == dt.timedelta(days=-1)
        assert deadline.valarm.action.value == "DISPLAY"
        assert deadline.transp.value == "TRANSPARENT"
    first = deadlines[0].description.value
    assert "Refleksionsspørgsmål:\n- Hvilken del af lederrollen glæder du dig mest til" in first
    assert "Besvarelserne deles med gruppen." in first


def test_mentor_calendar_has_the_mentors_meetings(built_site: Path) -> None:
    text = (built_site / f"{GROUP}/2027-lederaspiranter-2/2027-lederaspiranter-2-mentor.ics").read_text("utf-8")
    summaries = [ev.summary.value for ev in read_vobject(text).vevent_list]
    assert summaries.count("Mentorernes møde: evaluering") == 4
    assert summaries.count("Mentorernes møde: planlægning") == 3
    mentee = (built_site / f"{GROUP}/2027-lederaspiranter-2/2027-lederaspiranter-2-mentee.ics").read_text("utf-8")
    assert "Mentorernes møde" not in mentee


def test_uids_survive_moved_meetings(tmp_path: Path) -> None:
    """UIDs come from ids, not dates: a moved meeting updates the event on re-import."""
    before = _uids(copy_project(tmp_path / "a"))
    project = copy_project(tmp_path / "b")
    cohort = project / "programmes" / "forloeb" / "2027" / "2027-fungerende-ledere.yaml"
    text = cohort.read_text(encoding="utf-8")
    cohort.write_text(text.replace("date: 2027-04-13", "date: 2027-04-20"), encoding="utf-8")
    after = _uids(project)
    assert after == before
    assert all(re.fullmatch(r"[0-9a-f]{32}@mentorhaandbog", uid) for uids in after.values() for uid in uids)


def _uids(project: Path) -> dict[str, list[str]]:
    files = export_cohort_calendars(load_catalogue(project))
    return {f.path: [str(ev["UID"]) for ev in icalendar.Calendar.from_ical(f.content).walk("VEVENT")] for f in files}


def _all_events(site: Path) -> list[tuple[str, vobject.base.Component]]:
    return [
        (path.name, event)
        for path in sorted(site.rglob("*.ics"))
        for event in read_vobject(path.read_text(encoding="utf-8")).vevent_list
    ]


def test_a_place_still_to_be_agreed_is_never_a_location(built_site: Path) -> None:
    """»Aftales i parret« is no address: it stays in the description, LOCATION is left out."""
    locations = [ev.location.value for _, ev in _all_events(built_site) if hasattr(ev, "location")]
    assert locations and not [place for place in locations if "aftales" in place.lower()]
    text = (built_site / f"{PAIRS}/2027-ledere-runde-1/2027-ledere-runde-1-par-1.ics").read_bytes()
    for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        assert "LOCATION" not in event
        assert "Sted: Aftales i parret – gerne skiftevis hos mentor og mentee" in str(event["DESCRIPTION"])
    online = (built_site / f"{PAIRS}/2027-ledere-runde-1/2027-ledere-runde-1-par-3.ics").read_text("utf-8")
    assert {ev.location.value for ev in read_vobject(online).vevent_list} == {
        "Rådhuset, mødelokale 4",
        "https://moede.example.org/par-3",
    }


def test_every_meeting_reminds_the_day_before_and_two_hours_before(built_site: Path) -> None:
    # The coordinators' calendar (issue 12) is a checklist of all-day items, not meetings: it reminds a week
    # and a day before at 09.00 (tests/test_coordinators_year.py).
    meetings = [
        (name, ev)
        for name, ev in _all_events(built_site)
        if not ev.summary.value.startswith("Frist") and not name.endswith("-tovholder.ics")
    ]
    assert len(meetings) > 50
    for name, event in meetings:
        triggers = sorted(alarm.trigger.value for alarm in event.valarm_list)
        assert triggers == [dt.timedelta(days=-1), dt.timedelta(hours=-2)], (name, event.summary.value)
    text = (built_site / f"{GROUP}/2027-fungerende-ledere/2027-fungerende-ledere-mentor.ics").read_bytes()
    first = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    alarms = {str(alarm["TRIGGER"].to_ical().decode()): str(alarm["DESCRIPTION"]) for alarm in first.walk("VALARM")}
    assert alarms == {
        "-P1D": "I morgen kl. 17.00: Gruppemøde 1 af 4: Hvor står jeg som leder i dag?",
        "-PT2H": "Om to timer kl. 17.00: Gruppemøde 1 af 4: Hvor står jeg som leder i dag?",
    }


def test_calendars_ask_subscribers_to_refresh_twice_a_day(built_site: Path) -> None:
    for path in built_site.rglob("*.ics"):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert calendar["X-PUBLISHED-TTL"] == "PT12H"
        assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
        assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT12H"
        parsed = read_vobject(path.read_text(encoding="utf-8"))
        assert parsed.contents["refresh-interval"][0].value == "PT12H"


@pytest.mark.parametrize(
    "page",
    [
        f"{GROUP}/2027-fungerende-ledere/",
        f"{PAIRS}/2027-ledere-runde-1/",
        "programmer/fysisk-netvaerk/forloeb/2027-fysisk-netvaerk-1/",
    ],
)
def test_each_calendar_has_subscribe_links_next_to_its_download(built_site: Path, page: str) -> None:
    site_url = "https://example-kommune.github.io/mentorhaandbog/"
    soup = html(built_site, page)
    section = soup.select_one("article")
    assert section is not None
    downloads = [a["href"] for a in section.select("a") if a["href"].endswith(".ics") and ":" not in a["href"]]
    for name in dict.fromkeys(downloads):
        item = next(a.find_parent(["li", "p"]) for a in section.select(f"a[href='{name}']"))
        links = {a.get_text(" ", strip=True): a["href"] for a in item.select("a")}
        webcal = links["Apple Kalender eller Outlook"]
        assert webcal == f"webcal://{site_url.removeprefix('https://')}{page}{name}"
        assert (built_site / page / name).is_file()
        google = urlsplit(links["Google Kalender"])
        assert (google.scheme, google.netloc, google.path) == ("https", "calendar.google.com", "/calendar/render")
        assert parse_qs(google.query) == {"cid": [webcal]}
    text = " ".join(section.get_text(" ").split())
    assert "følger den selv med, når et møde flyttes eller aflyses" in text
    assert "Google henter først ændringer efter 8 til 24 timer" in text
    assert "En hentet kalenderfil (.ics) er derimod en kopi af planen" in text
