"""A validated programme and where it came from: what cohorts and pages are built against."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Programme


@dataclass(frozen=True)
class ProgrammeEntry:
    """A validated programme with where it came from."""

    slug: str
    source: str  # path relative to the project root, e.g. programmes/gruppementor.yaml
    programme: Programme
    # Top-level fields with at least one value from programmes/_faelles.yaml, for the pages' source notes.
    inherited: frozenset[str] = frozenset()
