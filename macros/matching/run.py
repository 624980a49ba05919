"""`mentor match PROGRAM FIL`: from the private sign-up file to proposed cohort files.

Nothing personal is written into the project: the cohort files carry new ids only,
and the key from ids to names is written beside the private input (which must be
outside the repository or git-ignored). The coordinator reviews the suggestion and
the explanation per pair or group before anyone is told.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..loading.cohorts import COHORTS_DIR
from ..loading.programme_entry import ProgrammeEntry
from ..loading.scaffold import load_programme
from ..loading.signups import Candidate, key_path, read_candidates, refuse_public, write_key
from ..model import Programme
from ..model.problems import Problem, ProblemsError
from .proposals import chunk_rounds, explain, group_file, key_rows, pairs_file, pseudonymise, write_text
from .rules import Match, MatchRules, People
from .suggestions import pair_capacity, suggest


@dataclass(frozen=True)
class MatchOptions:
    """The command line's choices."""

    start: dt.date | None = None
    year: int | None = None
    out: Path | None = None
    variant: str | None = None
    single_gender: bool = False
    most: int | None = None  # mentees per mentor in a one-to-one round
    seconds: float = 2.0


@dataclass
class MatchResult:
    """What was written, and the explanation per pair or group."""

    cohort_files: list[Path] = field(default_factory=list)
    key_file: Path | None = None
    explanations: list[str] = field(default_factory=list)
    mentors_without_group: int = 0


def export_match(root: Path, slug: str, source: Path, options: MatchOptions) -> MatchResult:
    """Read, match and write; raise ProblemsError for bad input and Infeasible when no suggestion exists."""
    entry = load_programme(root, slug)
    programme = entry.programme
    if programme.model.endswith("network"):
        message = "netværk matches ikke endnu: mentor match laver par og grupper med en mentor"
        raise ProblemsError([Problem(entry.source, 1, 1, "model", message)])
    shown = str(source)
    refuse_public(source, root)
    refuse_public(key_path(source), root)
    if key_path(source).exists():
        message = (
            f"nøglefilen {key_path(source).name} findes allerede fra et tidligere forslag. En ny kørsel giver "
            "nye id'er, så den gamle nøgle passer ikke længere; flyt den, eller slet den sammen med de "
            "foreslåede forløbsfiler"
        )
        raise ProblemsError([Problem(str(key_path(source)), 1, 1, "", message)])
    candidates = read_candidates(source, shown)
    participants = [c for c in candidates if c.role == "deltager"]
    if participants:
        message = "rollen deltager hører til netværk; i dette program er rollerne mentor og mentee"
        raise ProblemsError([Problem(shown, c.line, 1, "rolle", message) for c in participants])
    rules = match_rules(programme, options, candidates)
    matches = suggest(candidates, rules)
    return _write(root, entry, source, matches, People(candidates), options)


def match_rules(programme: Programme, options: MatchOptions, candidates: list[Candidate]) -> MatchRules:
    """The hard rules from the programme and the command line."""
    design = programme.group
    if design is not None:
        size = design.group_size
        return MatchRules(
            True,
            programme.cross_organisational,
            size.min,
            size.max,
            size.typical,
            options.single_gender,
            options.seconds,
        )
    mentors = sum(1 for c in candidates if c.role == "mentor")
    most = pair_capacity(len(candidates) - mentors, mentors, options.most)
    return MatchRules(False, programme.cross_organisational, 1, most, 1, seconds=options.seconds)


def start_date(options: MatchOptions) -> dt.date:
    """`--start`, else 1 February of `--år`, else six weeks from today."""
    if options.start:
        return options.start
    if options.year:
        return dt.date(options.year, 2, 1)
    return dt.date.today() + dt.timedelta(weeks=6)


def _write(
    root: Path, entry: ProgrammeEntry, source: Path, matches: list[Match], people: People, options: MatchOptions
) -> MatchResult:
    start = start_date(options)
    year = options.year or start.year
    folder = (options.out or root / COHORTS_DIR / str(year)).resolve()
    proposal = pseudonymise(matches)
    taken = {p.stem for p in (root / COHORTS_DIR).rglob("*.yaml")} if (root / COHORTS_DIR).is_dir() else set()
    taken |= {p.stem for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    result = MatchResult()
    variant = options.variant or _first_variant(entry.programme)
    stem = variant or entry.slug
    title = _title(entry.programme, variant)
    if entry.programme.group is not None:
        for match in matches:
            cohort_id = _free_id(taken, year, stem)
            text = group_file(
                entry, match, people, proposal, f"{title}, hold {cohort_id.rsplit('-', 1)[1]}, {year}", start, variant
            )
            result.cohort_files.append(_save(folder, cohort_id, text))
    else:
        for chunk in chunk_rounds(matches):
            cohort_id = _free_id(taken, year, "runde")
            text = pairs_file(
                entry, chunk, people, proposal, f"{title}, runde {cohort_id.rsplit('-', 1)[1]}, {year}", start
            )
            result.cohort_files.append(_save(folder, cohort_id, text))
    result.key_file = key_path(source)
    write_key(result.key_file, key_rows(proposal))
    result.mentors_without_group = len(people.mentors) - len(matches)
    cross = entry.programme.cross_organisational
    group = entry.programme.group is not None
    result.explanations = [line for match in matches for line in explain(match, proposal, cross, group)]
    return result


def _first_variant(programme: Programme) -> str | None:
    return programme.group.variants[0].id if programme.group and programme.group.variants else None


def _title(programme: Programme, variant: str | None) -> str:
    found = programme.group.variant(variant) if programme.group and variant else None
    if programme.group and variant and found is None:
        known = ", ".join(v.id for v in programme.group.variants)
        raise ProblemsError([Problem("--variant", 1, 1, "", f"varianten '{variant}' findes ikke; vælg en af: {known}")])
    return found.name if found else programme.name


def _free_id(taken: set[str], year: int, stem: str) -> str:
    number = 1
    while f"{year}-{stem}-{number}" in taken:
        number += 1
    cohort_id = f"{year}-{stem}-{number}"
    taken.add(cohort_id)
    return cohort_id


def _save(folder: Path, cohort_id: str, text: str) -> Path:
    path = folder / f"{cohort_id}.yaml"
    write_text(path, text)
    return path
