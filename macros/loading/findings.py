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
