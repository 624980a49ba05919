"""A validated programme and where it came from: what cohorts and pages are built against."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Programme
from ..model.problems import KeyPath, Mark


@dataclass(frozen=True)
class ProgrammeEntry:
    """A validated programme with where it came from."""

    slug: str
    source: str  # path relative to the project root, e.g. programmes/gruppementor.yaml
    programme: Programme
    # Top-level fields with at least one value from programmes/_faelles.yaml, for the pages' source notes.
    inherited: frozenset[str] = frozenset()
    # Where each key stands (in the programme's file or the shared one), for messages about a text later on.
    marks: Mapping[KeyPath, Mark] = field(default_factory=dict, compare=False)
