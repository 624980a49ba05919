"""The private sign-up file for `mentor match`: read it, check it, and keep it private.

The file is a CSV, as a sign-up form exports it (comma or semicolon, UTF-8, with or
without BOM). One line per person:

    id,rolle,navn,forvaltning,leder,køn,emner,undgå
    p01,mentor,Mentor Eksempel,Teknik og Miljø,,k,økonomistyring;strategi,
    p02,mentee,Mentee Eksempel,Børn og Unge,p17,m,økonomistyring,p05

`id`, `rolle`, `navn`, `forvaltning` and `leder` are required columns (`leder` may be
empty); `køn`, `emner` (separated by `;`) and `undgå` (ids, separated by `;`) are
optional. Names never leave this file: the cohort files get new pseudonymous ids,
and the key between them and the names is written beside the input.
"""

from __future__ import annotations

import csv
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..model.problems import Problem, ProblemsError

REQUIRED = ("id", "rolle", "navn", "forvaltning", "leder")
OPTIONAL = ("køn", "emner", "undgå")
ROLES = ("mentor", "mentee", "deltager")
KEY_SUFFIX = ".noegle.csv"
MAX_PEOPLE = 5_000


@dataclass(frozen=True)
class Candidate:
    """One person from the private file; `line` is the CSV line for messages."""

    id: str
    role: str
    name: str
    department: str
    manager: str | None  # the id or name of the nearest manager, as written
    gender: str | None
    topics: frozenset[str]
    avoid: frozenset[str]
    line: int


def key_path(path: Path) -> Path:
    """Where the private key (id,navn) is written: beside the input, `FIL.noegle.csv`."""
    return path.with_name(path.name + KEY_SUFFIX)


def refuse_public(path: Path, root: Path, why: str = "Filen har deltagernes navne") -> None:
    """Raise a Danish ProblemsError if `path` is tracked by git or inside the repo and not ignored."""
    path = path.resolve()
    root = root.resolve()
    if not path.is_relative_to(root):
        return
    relative = path.relative_to(root).as_posix()
    reason = _public_reason(root, relative, why)
    if reason:
        raise ProblemsError([Problem(relative, 1, 1, "", reason)])


def _public_reason(root: Path, relative: str, why: str) -> str | None:
    why += " og må aldrig komme med i repositoriet. "
    move = "Læg den uden for projektmappen eller i mappen privat/, som git ignorerer."
    if not _git(root, "rev-parse", "--is-inside-work-tree"):
        return why + "Projektmappen er ikke et git-repositorium, så det kan ikke ses, om filen ignoreres. " + move
    if _git(root, "ls-files", "--error-unmatch", "--", relative):
        return why + "Den er allerede tilføjet til git (git rm --cached fjerner den). " + move
    if not _git(root, "check-ignore", "-q", "--", relative):
        return why + "Den ligger i projektmappen, og git ignorerer den ikke. " + move
    return None


def _git(root: Path, *args: str) -> bool:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=20)
    except OSError:
        return False
    return done.returncode == 0


def read_candidates(path: Path, shown: str) -> list[Candidate]:
    """Every person in the private file; raise ProblemsError with every mistake found."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ProblemsError(
            [Problem(shown, 1, 1, "", "filen er ikke gemt som UTF-8; gem den igen som UTF-8")]
        ) from None
    rows = list(csv.reader(text.splitlines(), delimiter=_delimiter(text)))
    if not rows:
        raise ProblemsError([Problem(shown, 1, 1, "", "filen er tom; første linje skal være kolonnernes navne")])
    if len(rows) > MAX_PEOPLE + 1:
        message = f"filen har {len(rows) - 1} linjer; mentor match tager højst {MAX_PEOPLE:,} personer".replace(
            ",", "."
        )
        raise ProblemsError([Problem(shown, MAX_PEOPLE + 2, 1, "", message)])
    header = [cell.strip().casefold() for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        message = f"kolonnen {', '.join(missing)} mangler; første linje skal have {', '.join(REQUIRED)}"
        raise ProblemsError([Problem(shown, 1, 1, "", message)])
    problems: list[Problem] = []
    people = [_candidate(dict(zip(header, row, strict=False)), n, shown, problems) for n, row in _lines(rows)]
    found = [p for p in people if p is not None]
    problems += _cross_checks(found, shown)
    if problems:
        raise ProblemsError(problems)
    return found


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _lines(rows: list[list[str]]) -> list[tuple[int, list[str]]]:
    return [(n, row) for n, row in enumerate(rows[1:], 2) if any(cell.strip() for cell in row)]


def _candidate(row: dict[str, str], line: int, shown: str, problems: list[Problem]) -> Candidate | None:
    cells = {key: (value or "").strip() for key, value in row.items()}
    person_id, role = cells.get("id", ""), cells.get("rolle", "").casefold()
    for key in ("id", "navn", "forvaltning"):
        if not cells.get(key):
            problems.append(Problem(shown, line, 1, key, f"kolonnen '{key}' er tom; skriv en værdi"))
    if role not in ROLES:
        problems.append(Problem(shown, line, 1, "rolle", f"'{role}' er ikke en rolle; skriv {', '.join(ROLES)}"))
    if not person_id or role not in ROLES:
        return None
    return Candidate(
        id=person_id,
        role=role,
        name=cells.get("navn", ""),
        department=cells.get("forvaltning", ""),
        manager=cells.get("leder") or None,
        gender=cells.get("køn", "").casefold() or None,
        topics=_split(cells.get("emner", "")),
        avoid=_split(cells.get("undgå", ""), fold=False),
        line=line,
    )


def _split(text: str, fold: bool = True) -> frozenset[str]:
    parts = (part.strip() for part in text.split(";"))
    return frozenset(part.casefold() if fold else part for part in parts if part)


def _cross_checks(people: list[Candidate], shown: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for person in people:
        if person.id in seen:
            message = f"id'et '{person.id}' står også i linje {seen[person.id]}; giv hver person sit eget id"
            problems.append(Problem(shown, person.line, 1, "id", message))
        seen.setdefault(person.id, person.line)
    for person in people:
        for other in sorted(person.avoid - set(seen)):
            message = f"'{other}' i kolonnen undgå er ikke et id i filen"
            problems.append(Problem(shown, person.line, 1, "undgå", message))
    return problems


def write_key(path: Path, rows: list[tuple[str, str]]) -> None:
    """The private key file: the pseudonymous id and the name, one person a line."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "navn"])
        writer.writerows(rows)
