"""Phase one for cohorts: load every cohort file, validate it and check the rules.

Cohort files live in `programmes/forloeb/` (one folder per year is the convention);
the file name is the cohort's id. Problems are collected with the programmes'
problems so a coordinator sees every mistake of a run at once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..model import Programme, name_problem
from ..model.cohort import Cohort
from ..model.problems import Problem, ProblemsError, at
from .findings import Finding, acknowledged
from .programme_entry import ProgrammeEntry
from .rules import check_cohort
from .schedule import CohortPlan, plan_cohort, time_problems
from .validation import validate_model
from .yamlsource import Document, load_yaml

COHORTS_DIR = "programmes/forloeb"
MAX_PERIOD_DAYS = 3 * 365 + 1  # three years, one of them a leap year


@dataclass(frozen=True)
class CohortEntry:
    """A validated cohort, its computed plan and where it came from."""

    id: str
    source: str  # path relative to the project root
    cohort: Cohort
    programme: str  # the programme's slug
    plan: CohortPlan

    @property
    def year(self) -> int:
        """The year the cohort starts, used to list cohorts by year."""
        return self.cohort.start.year


def cohort_files(root: Path) -> list[Path]:
    """Every `*.yaml` under `programmes/forloeb/`, except files starting with `_`."""
    folder = root / COHORTS_DIR
    return sorted(p for p in folder.rglob("*.yaml") if not p.name.startswith("_")) if folder.is_dir() else []


def linked_folders(root: Path) -> list[Problem]:
    """A linked folder under programmes/forloeb/ could publish files from outside the project."""
    folder = root / COHORTS_DIR
    links = [p for p in folder.rglob("*") if p.is_symlink() and p.is_dir()] if folder.is_dir() else []
    message = "mappen er et link; læg selve mappen og dens filer her"
    return [Problem(p.relative_to(root).as_posix(), 1, 1, "", message) for p in sorted(links)]


def load_cohorts(root: Path, programmes: list[ProgrammeEntry], problems: list[Problem]) -> list[CohortEntry]:
    """Load and check every cohort file; append errors and unacknowledged warnings to `problems`."""
    by_slug, broken = programme_lookup(root, programmes)
    problems.extend(linked_folders(root))
    return keep_unique([load_cohort_file(root, path, by_slug, broken) for path in cohort_files(root)], problems)


@dataclass(frozen=True)
class LoadedCohort:
    """One cohort file, loaded and checked: its entry (None if it has errors) and its problems."""

    source: str  # path relative to the project root
    entry: CohortEntry | None
    problems: tuple[Problem, ...]


def programme_lookup(root: Path, programmes: list[ProgrammeEntry]) -> tuple[dict[str, Programme], set[str]]:
    """The valid programmes by slug, and the slugs of programme files that failed (their cohorts are skipped)."""
    by_slug = {entry.slug: entry.programme for entry in programmes}
    return by_slug, {p.stem for p in (root / "programmes").glob("*.yaml")} - set(by_slug)


def load_cohort_file(root: Path, path: Path, programmes: dict[str, Programme], broken: set[str]) -> LoadedCohort:
    """Load and check one cohort file, with the problems found in it."""
    relative = path.relative_to(root).as_posix()
    problems: list[Problem] = []
    if not _safe_folders(relative, problems):
        return LoadedCohort(relative, None, tuple(problems))
    entry = validate_cohort(path, _load(path, relative, problems), programmes, broken, problems)
    return LoadedCohort(relative, entry, tuple(problems))


def keep_unique(loaded: list[LoadedCohort], problems: list[Problem]) -> list[CohortEntry]:
    """The entries in file order, each file's problems appended; a second file with the same id is an error."""
    entries: list[CohortEntry] = []
    seen: dict[tuple[str, str], str] = {}
    for one in loaded:
        problems.extend(one.problems)
        if one.entry is None:
            continue
        first = seen.setdefault((one.entry.programme, one.entry.id), one.source)
        if first != one.source:
            message = f"der er allerede et forløb med id'et '{one.entry.id}' i {first}; giv filen et andet navn"
            problems.append(Problem(one.source, 1, 1, "", message, code="duplicate-cohort"))
            continue
        entries.append(one.entry)
    return entries


def validate_cohort(
    path: Path,
    doc: Document | None,
    programmes: dict[str, Programme],
    broken: set[str],
    problems: list[Problem],
) -> CohortEntry | None:
    """Validate one loaded cohort file against the model, its programme and the rules."""
    if doc is None:
        return None
    message = name_problem("filnavnet", "forløbets", path.stem)
    if message:
        problems.append(Problem(doc.file, 1, 1, "", message))
        return None
    cohort, found = validate_model(Cohort, doc.data, doc.mark)
    problems.extend(found)
    if cohort is None:
        return None
    if (too_long := _too_long(cohort)) is not None:
        problems.append(at(doc.mark(("end",)), "end", too_long))
        return None
    if times := time_problems(cohort):
        problems.extend(at(doc.mark(path), path, message) for path, message in times)
        return None
    programme = programmes.get(cohort.programme)
    if programme is None:
        if cohort.programme not in broken:
            message = _unknown_programme(cohort.programme, programmes)
            problems.append(at(doc.mark(("programme",)), "programme", message, code="unknown-programme"))
        return None
    plan = plan_cohort(cohort, programme)
    findings = check_cohort(cohort, programme, plan)
    problems.extend(_problem(doc, f) for f in findings if not acknowledged(f, cohort))
    if any(f.severity == "error" for f in findings):
        return None
    return CohortEntry(path.stem, doc.file, cohort, cohort.programme, plan)


def _safe_folders(relative: str, problems: list[Problem]) -> bool:
    """The folders between programmes/forloeb/ and the file are part of the page's edit link."""
    folders = relative.split("/")[2:-1]
    messages = [name_problem("mappenavnet", "en del af redigeringslinkets", folder) for folder in folders]
    problems.extend(Problem(relative, 1, 1, "", message) for message in messages if message)
    return not any(messages)


def _too_long(cohort: Cohort) -> str | None:
    """A cohort of more than a few years is a typo, and would make a plan of hundreds of meetings."""
    if (cohort.end - cohort.start).days <= MAX_PERIOD_DAYS:
        return None
    return (
        f"forløbet varer over {MAX_PERIOD_DAYS // 365} år ({cohort.start} til {cohort.end}); del det op i flere forløb"
    )


def _unknown_programme(slug: str, programmes: dict[str, Programme]) -> str:
    guess = difflib.get_close_matches(slug, list(programmes), n=1, cutoff=0.6)
    hint = f" Mente du '{guess[0]}'?" if guess else f" Kendte programmer: {', '.join(sorted(programmes))}."
    return f"programmet '{slug}' findes ikke i programmes/.{hint}"


def _problem(doc: Document, finding: Finding) -> Problem:
    return at(doc.mark(finding.path), finding.path, finding.message, finding.severity, finding.code)


def _load(path: Path, relative: str, problems: list[Problem]) -> Document | None:
    try:
        return load_yaml(path, relative)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None
