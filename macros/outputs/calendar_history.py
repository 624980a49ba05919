"""Every calendar's history, from the cohort files' git history (one pass for all).

One `git log` lists each cohort file's committed versions (loading/history.py); uncommitted
changes count as one more version. A file with a single version needs nothing more:
its events have SEQUENCE 0 and were last modified when it was made. Only files that
changed are read from git (one `git cat-file` for all), checked like the current
file and rendered with today's programme, so only changes to the cohort file itself
raise SEQUENCE. A version that does not validate was never published and is skipped.
Cohorts that have ended are not rendered again (see `_cohort_history`): the cost of a
build grows with the history of the running cohorts only.
Without git there is no history: SEQUENCE 0, no LAST-MODIFIED, nothing cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from ..loading.catalogue import Catalogue
from ..loading.cohorts import COHORTS_DIR, CohortEntry, validate_cohort
from ..loading.history import Version as FileVersion
from ..loading.history import file_versions, read_blobs
from ..loading.yamlsource import parse_yaml
from ..model import Programme
from ..model.problems import Problem, ProblemsError
from ..rendering.calendar_files import calendar_specs
from .calendars import build_day, calendar_events
from .event_changes import CalendarHistory, Event, EventState, Version, track, uid_of

Histories = dict[str, dict[str, CalendarHistory]]  # cohort source → calendar file name → history


def calendar_histories(catalogue: Catalogue) -> Histories:
    """The history of every calendar of every cohort that git knows."""
    versions = file_versions(catalogue.root, COHORTS_DIR, [entry.source for entry in catalogue.cohorts])
    running = [entry for entry in catalogue.cohorts if entry.cohort.end >= build_day()]
    older = {v.blob for entry in running for v in versions.get(entry.source, [])[:-1] if v.blob}
    try:
        blobs = read_blobs(catalogue.root, older)
    except OSError:
        blobs = {}
    programmes = {p.slug: p.programme for p in catalogue.programmes}
    found: Histories = {}
    for entry in catalogue.cohorts:
        if entry.source in versions:
            found[entry.source] = _cohort_history(entry, versions[entry.source], blobs, programmes)
    return found


def _cohort_history(
    entry: CohortEntry, versions: list[FileVersion], blobs: Mapping[str, bytes], programmes: dict[str, Programme]
) -> dict[str, CalendarHistory]:
    specs = [spec.name for spec in calendar_specs(entry)]
    if len(versions) == 1 or entry.cohort.end < build_day():
        # One version: nothing to compare. An ended cohort keeps no cancelled meetings, and an
        # event changes at most once per version, so this bound never lowers a published SEQUENCE.
        return dict.fromkeys(specs, CalendarHistory(EventState(len(versions) - 1, versions[-1].when)))
    old = [(v.when, _old_entry(entry.source, blobs.get(v.blob or ""), programmes)) for v in versions[:-1]]
    timeline = [(when, _events(version, programmes)) for when, version in old]
    timeline.append((versions[-1].when, _events(entry, programmes)))
    return {name: track(_calendar(timeline, name)) for name in specs}


def _calendar(timeline: list[tuple[dt.datetime, dict[str, dict[str, Event]]]], name: str) -> list[Version]:
    """One calendar's versions; a version without it (not valid, or no such pair yet) is left out."""
    return [(when, events[name]) for when, events in timeline if name in events]


def _events(entry: CohortEntry | None, programmes: dict[str, Programme]) -> dict[str, dict[str, Event]]:
    """Each calendar file's events by UID, in one version of the cohort."""
    if entry is None or entry.programme not in programmes:
        return {}
    programme = programmes[entry.programme]
    return {
        spec.name: {uid_of(event): event for event in calendar_events(entry, programme, spec)}
        for spec in calendar_specs(entry)
    }


def _old_entry(source: str, raw: bytes | None, programmes: dict[str, Programme]) -> CohortEntry | None:
    """An earlier version checked like the current one; None if it does not validate."""
    if raw is None:
        return None
    problems: list[Problem] = []
    try:
        return validate_cohort(Path(source), parse_yaml(raw, source), programmes, set(), problems)
    except ProblemsError:
        return None
