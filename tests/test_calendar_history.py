"""SEQUENCE, LAST-MODIFIED and cancelled meetings from the cohort files' git history.

Each test commits the project in a temporary git repository, changes a cohort,
commits again and reads the calendars back with icalendar and vobject.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import vobject

from macros.loading.catalogue import load_catalogue
from macros.outputs.cohort_calendars import export_cohort_calendars
from macros.outputs.event_changes import EventState, track
from tests.conftest import ROOT, build_site, copy_project

GROUP = "programmer/gruppementor/forloeb/2027-fungerende-ledere/2027-fungerende-ledere-mentee.ics"
PAIR = "programmer/mentorordning-ledere/forloeb/2027-ledere-runde-1/2027-ledere-runde-1-par-3.ics"
GROUP_FILE = "programmes/forloeb/2027/2027-fungerende-ledere.yaml"
PAIR_FILE = "programmes/forloeb/2027/2027-ledere-runde-1.yaml"
FIRST = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
SECOND = dt.datetime(2026, 11, 20, 14, 30, tzinfo=dt.UTC)
MEETING_3 = "Gruppemøde 3 af 4: Arbejdsliv og balance"


def git(project: Path, *args: str, when: dt.datetime = FIRST) -> None:
    stamp = when.isoformat()
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env |= {"GIT_AUTHOR_NAME": "Koordinator", "GIT_COMMITTER_NAME": "Koordinator"}
    env |= {"GIT_AUTHOR_EMAIL": "hr@example.org", "GIT_COMMITTER_EMAIL": "hr@example.org"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the project, committed once."""
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Første udgave")
    return project


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def calendars(project: Path) -> dict[str, bytes]:
    return {asset.path: asset.content for asset in export_cohort_calendars(load_catalogue(project))}


def events(data: bytes) -> dict[str, icalendar.Event]:
    """Summary (without »Aflyst: «) → event, as icalendar reads it."""
    found = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return {str(ev["SUMMARY"]).removeprefix("Aflyst: "): ev for ev in found}


def vevents(data: bytes) -> dict[str, vobject.base.Component]:
    """The same, as the independent vobject reads it."""
    found = vobject.readOne(data.decode("utf-8")).vevent_list
    return {ev.summary.value.removeprefix("Aflyst: "): ev for ev in found}


def test_a_moved_meeting_raises_sequence_and_keeps_its_uid(repo: Path) -> None:
    before = events(calendars(repo)[GROUP])
    edit(repo, GROUP_FILE, "date: 2027-04-13", "date: 2027-04-20")
    git(repo, "commit", "-q", "-am", "Møde 3 flyttet", when=SECOND)
    data = calendars(repo)[GROUP]
    after, read = events(data), vevents(data)
    assert after[MEETING_3]["UID"] == before[MEETING_3]["UID"] == read[MEETING_3].uid.value
    assert (before[MEETING_3]["SEQUENCE"], after[MEETING_3]["SEQUENCE"]) == (0, 1)
    assert int(read[MEETING_3].sequence.value) == 1
    assert after[MEETING_3]["LAST-MODIFIED"].dt == SECOND == read[MEETING_3].last_modified.value
    assert after[MEETING_3]["DTSTART"].dt.date() == dt.date(2027, 4, 20)
    first = "Gruppemøde 1 af 4: Hvor står jeg som leder i dag?"
    assert (after[first]["SEQUENCE"], after[first]["LAST-MODIFIED"].dt) == (0, FIRST)  # untouched


def test_an_uncommitted_change_counts_as_one_more_version(repo: Path) -> None:
    edit(repo, GROUP_FILE, "date: 2027-04-13", "date: 2027-04-20")
    git(repo, "commit", "-q", "-am", "Møde 3 flyttet", when=SECOND)
    edit(repo, GROUP_FILE, "date: 2027-04-20", "date: 2027-04-27")
    saved = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    os.utime(repo / GROUP_FILE, (saved.timestamp(), saved.timestamp()))
    meeting = events(calendars(repo)[GROUP])[MEETING_3]
    assert (meeting["SEQUENCE"], meeting["LAST-MODIFIED"].dt) == (2, saved)


def test_a_removed_meeting_is_kept_as_cancelled_with_a_higher_sequence(repo: Path) -> None:
    removed = "Mentormøde 4 af 5"
    before = events(calendars(repo)[PAIR])[removed]
    remove_meeting_4(repo)
    git(repo, "commit", "-q", "-am", "Par 3 aflyser møde 4", when=SECOND)
    data = calendars(repo)[PAIR]
    after, read = events(data), vevents(data)
    cancelled = after[removed]
    assert cancelled["UID"] == before["UID"]
    assert (cancelled["STATUS"], cancelled["SEQUENCE"], cancelled["LAST-MODIFIED"].dt) == ("CANCELLED", 1, SECOND)
    assert str(cancelled["SUMMARY"]).startswith("Aflyst: ")
    assert not cancelled.walk("VALARM") and cancelled["TRANSP"] == "TRANSPARENT"
    assert read[removed].status.value == "CANCELLED" and int(read[removed].sequence.value) == 1
    live = [ev for name, ev in after.items() if name != removed]
    assert len(live) == 4 and all("STATUS" not in ev for ev in live)


def test_a_cancelled_meeting_shows_no_name_the_cohort_no_longer_publishes(repo: Path) -> None:
    """Names published in an earlier version stay out when the meeting is removed with them."""
    edit(repo, PAIR_FILE, "  - id: mentor-c\n", "  - id: mentor-c\n    name: Testmentor Gamma\n")
    edit(repo, PAIR_FILE, "pair_defaults:", "privacy:\n  publish_names: true\n\npair_defaults:")
    git(repo, "commit", "-q", "-am", "Navne udgives")
    assert b"Testmentor Gamma" in calendars(repo)[PAIR].replace(b"\r\n ", b"")
    git(repo, "checkout", "-q", "HEAD~1", "--", PAIR_FILE)
    remove_meeting_4(repo)
    git(repo, "commit", "-q", "-am", "Navne fjernet, møde 4 aflyst", when=SECOND)
    data = calendars(repo)[PAIR]
    assert b"Testmentor Gamma" not in data.replace(b"\r\n ", b"") and b"STATUS:CANCELLED" in data
    cancelled = events(data)["Mentormøde 4 af 5"]
    assert (
        str(cancelled["DESCRIPTION"])
        == "Mødet er taget ud af forløbets plan. Den gældende plan står på forløbets side."
    )


def test_a_meeting_that_comes_back_is_no_longer_cancelled(repo: Path) -> None:
    original = (repo / PAIR_FILE).read_text(encoding="utf-8")
    remove_meeting_4(repo)
    git(repo, "commit", "-q", "-am", "Møde 4 aflyst", when=SECOND)
    (repo / PAIR_FILE).write_text(original, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Møde 4 alligevel", when=SECOND + dt.timedelta(days=1))
    back = events(calendars(repo)[PAIR])["Mentormøde 4 af 5"]
    assert "STATUS" not in back and back["SEQUENCE"] == 2


def test_cancelled_meetings_are_dropped_after_the_cohort_has_ended(repo: Path) -> None:
    """A build after the cohort's end date (SOURCE_DATE_EPOCH) no longer lists what was removed."""
    remove_meeting_4(repo)
    git(repo, "commit", "-q", "-am", "Par 3 aflyser møde 4", when=SECOND)
    during = _events_at(repo, dt.datetime(2027, 6, 25, 12, tzinfo=dt.UTC))
    assert "Aflyst: Mentormøde 4 af 5" in [str(ev["SUMMARY"]) for ev in during]
    after = _events_at(repo, dt.datetime(2027, 6, 26, 12, tzinfo=dt.UTC))
    assert len(after) == 4 and all("STATUS" not in ev for ev in after)
    # Not rendered again once ended: every event gets the bound (versions - 1), never less than before.
    assert {ev["SEQUENCE"] for ev in after} == {1} and {ev["LAST-MODIFIED"].dt for ev in after} == {SECOND}


def test_the_built_site_publishes_the_history(repo: Path) -> None:
    """The real build (the asset worker reads git itself): a moved meeting, a removed one."""
    edit(repo, GROUP_FILE, "date: 2027-04-13", "date: 2027-04-20")
    remove_meeting_4(repo)
    git(repo, "commit", "-q", "-am", "Flyttet og aflyst", when=SECOND)
    result = build_site(repo)
    assert result.returncode == 0, result.stderr
    assert events((repo / "site" / GROUP).read_bytes())[MEETING_3]["SEQUENCE"] == 1
    assert events((repo / "site" / PAIR).read_bytes())["Mentormøde 4 af 5"]["STATUS"] == "CANCELLED"


def test_without_git_every_sequence_is_zero_and_the_files_are_reproducible(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "no-git")
    first = calendars(project)
    assert first == calendars(project)
    for data in first.values():
        text = data.decode("utf-8")
        assert "LAST-MODIFIED" not in text and "STATUS:CANCELLED" not in text
        assert set(re.findall(r"^SEQUENCE:(\d+)\r$", text, re.MULTILINE)) == {"0"}
        assert text.count("SEQUENCE:") == text.count("BEGIN:VEVENT")


def test_the_projects_own_calendars_date_from_its_history() -> None:
    """In this repository every event has a LAST-MODIFIED no later than now."""
    for data in calendars(ROOT).values():
        for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
            assert event["LAST-MODIFIED"].dt <= dt.datetime.now(dt.UTC)


def test_track_counts_changes_removals_and_returns() -> None:
    t = [dt.datetime(2026, 1, day, tzinfo=dt.UTC) for day in range(1, 6)]
    a, b, b2 = ["UID:a", "x"], ["UID:b", "y"], ["UID:b", "z"]
    history = track([(t[0], {"a": a, "b": b}), (t[1], {"a": a, "b": b2}), (t[2], {"a": a}), (t[3], {"a": a})])
    assert history.states == {"a": EventState(0, t[0])}
    assert history.cancelled == ((b2, EventState(2, t[2])),)
    back = track([(t[0], {"b": b}), (t[1], {}), (t[2], {"b": b})])
    assert back.states == {"b": EventState(2, t[2])} and back.cancelled == ()


def remove_meeting_4(project: Path) -> None:
    """Par 3's own fourth meeting (20 April) is taken out of the cohort file."""
    path = project / PAIR_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"      - id: moede-4\n(        .*\n)+", "", text, count=1), encoding="utf-8")


def _events_at(project: Path, moment: dt.datetime) -> list[icalendar.Event]:
    """The par-3 calendar's events from a fresh process built at `moment`."""
    script = (
        "import sys; from pathlib import Path; from macros.loading.catalogue import load_catalogue; "
        "from macros.outputs.cohort_calendars import export_cohort_calendars as e; "
        f"sys.stdout.buffer.write(next(a.content for a in e(load_catalogue(Path(sys.argv[1]))) if a.path == {PAIR!r}))"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}
    command = [sys.executable, "-c", script, str(project)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True, timeout=120)
    return list(icalendar.Calendar.from_ical(result.stdout).walk("VEVENT"))
