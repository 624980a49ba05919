"""What a rule says about a cohort: a finding at one place, and whether it is acknowledged.

Kept apart from the rules themselves, so the one-to-one and group rules (loading/rules.py) and
the network rules (loading/network_rules.py) share it without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Programme
from ..model.cohort import Cohort
from ..model.problems import KeyPath, Severity
from .schedule import CohortPlan


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one place in a cohort file."""

    path: KeyPath
    message: str
    code: str
    severity: Severity = "error"
    about: str | None = None  # the id of the person or meeting, for acknowledgements


Rule = Callable[[Cohort, Programme, CohortPlan], Iterable[Finding]]


def acknowledged(finding: Finding, cohort: Cohort) -> bool:
    """True when the cohort file acknowledges this warning."""
    return finding.severity == "warning" and any(
        ack.code == finding.code and ack.about in (None, finding.about) for ack in cohort.acknowledge
    )


def size_warning(key: str, whole: str, count: int, people: str, low: int, high: int) -> list[Finding]:
    """A warning at `key` when `count` lies outside the programme's design (`low`–`high`), for the
    group's mentees and the network's participants alike: »gruppen har 9 mentees, men …«."""
    if low <= count <= high:
        return []
    message = f"{whole} har {count} {people}, men programmet er lagt an på {low}–{high}"
    return [Finding((key,), message, "group-size", "warning")]
