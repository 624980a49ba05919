"""The people of a match and the hard rules a suggestion must keep.

Shared by the solvers (matching/suggestions.py) and the reasons given when no suggestion can keep
the rules (matching/reasons.py), which therefore need not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..loading.signups import Candidate


@dataclass(frozen=True)
class MatchRules:
    """The hard rules and bounds a suggestion must keep."""

    group: bool
    cross_organisational: bool
    min_size: int  # mentees per group (or per mentor in pairs)
    max_size: int
    typical: int
    single_gender: bool = False
    seconds: float = 2.0


@dataclass(frozen=True)
class Match:
    """A mentor and the mentee (pair) or mentees (group) suggested for them."""

    mentor: Candidate
    mentees: tuple[Candidate, ...]


class People:
    """The candidates with their managers resolved to people in the file, when they are there."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.mentors = [c for c in candidates if c.role == "mentor"]
        self.mentees = [c for c in candidates if c.role != "mentor"]
        by_key = {normal(c.id): c for c in candidates}
        by_key.update({normal(c.name): c for c in candidates if normal(c.name) not in by_key})
        self.manager = {c.id: by_key.get(normal(c.manager)) if c.manager else None for c in candidates}

    def manages(self, boss: Candidate, person: Candidate) -> bool:
        """True when `boss` is `person`'s nearest manager (by id or by name)."""
        found = self.manager.get(person.id)
        return found is not None and found.id == boss.id

    def blocked(self, mentor: Candidate, mentee: Candidate, rules: MatchRules) -> str | None:
        """Why `mentor` may not have `mentee` ("leder", "forvaltning", "undgå"), or None."""
        if self.manages(mentor, mentee):
            return "leder"
        if rules.cross_organisational and normal(mentor.department) == normal(mentee.department):
            return "forvaltning"
        if mentee.id in mentor.avoid or mentor.id in mentee.avoid:
            return "undgå"
        return None

    def conflicts(self) -> set[tuple[int, int]]:
        """Pairs of mentees (by index, lower first) who may not share a group: one manages the other, or `undgå`."""
        index = {m.id: i for i, m in enumerate(self.mentees)}
        found: set[tuple[int, int]] = set()
        for i, mentee in enumerate(self.mentees):
            boss = self.manager.get(mentee.id)
            others = {*mentee.avoid, *([boss.id] if boss is not None else [])}
            found |= {(min(i, index[o]), max(i, index[o])) for o in others if o in index and index[o] != i}
        return found


def normal(text: str | None) -> str:
    """Names and departments compared without case or extra spaces."""
    return " ".join((text or "").casefold().split())
