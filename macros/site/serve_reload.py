"""`make serve`: after a cohort edit, load and check only the cohort files that changed.

Loading every cohort file again was more than half of a rebuild at 1,000 cohorts. While
everything but the cohort files is as it was (`Inputs.world`, macros/serve_dirty.py), the
programmes, the shared texts and the other cohort files load to the same result, so the
previous load's programmes and each unchanged file's entry and warnings are kept, and only
the changed files (and new or removed ones) are loaded. The result is what load_catalogue
gives for the same files: the same cohorts in the same order, the same warnings in the
same order, and the same ProblemsError when a file has an error.

Any doubt means a full load, as in a build: the world changed, there is no previous
successful load, a changed cohort now names another programme, or the previous load's
warnings could not be told apart by file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..loading.catalogue import Catalogue, load_catalogue
from ..loading.cohorts import (
    LoadedCohort,
    cohort_files,
    keep_unique,
    linked_folders,
    load_cohort_file,
    programme_lookup,
)
from ..model.problems import Problem, ProblemsError


@dataclass(frozen=True)
class _Known:
    """A cohort file as the previous load found it, and the digest of the text it loaded."""

    digest: str
    loaded: LoadedCohort


@dataclass(frozen=True)
class _Previous:
    """The previous successful load: what it was made from, and the parts that can be kept."""

    world: str
    catalogue: Catalogue
    before: tuple[Problem, ...]  # the warnings of the programmes and shared files, ahead of the cohorts'
    files: dict[str, _Known]  # cohort file → what it loaded to


class CohortReuse:
    """Loads the catalogue for each rebuild of `mkdocs serve --dirty`, reusing the unchanged cohort files."""

    def __init__(self) -> None:
        self.previous: _Previous | None = None
        self.reused = 0  # cohort files kept in the last load (0 after a full load)

    def load(self, root: Path, world: str, digests: dict[str, str]) -> Catalogue:
        """The catalogue of `root`; `digests` (cohort file → digest) were read before loading.

        Raises ProblemsError as load_catalogue does; the next load is then a full one.
        """
        self.reused = 0
        try:
            catalogue = None if self.previous is None or self.previous.world != world else self._again(root, digests)
            catalogue = catalogue or self._full(root, world, digests)
        except ProblemsError:
            self.previous = None
            raise
        return catalogue

    def forget(self) -> None:
        """The next load is a full one (the previous build failed)."""
        self.previous = None

    def _full(self, root: Path, world: str, digests: dict[str, str]) -> Catalogue:
        catalogue = load_catalogue(root)
        self.previous = _split(world, catalogue, digests)
        return catalogue

    def _again(self, root: Path, digests: dict[str, str]) -> Catalogue | None:
        """Load only the changed cohort files; None when the previous load cannot be built on."""
        previous = self.previous
        assert previous is not None
        by_slug, broken = programme_lookup(root, previous.catalogue.programmes)
        files: dict[str, _Known] = {}
        for path in cohort_files(root):
            source = path.relative_to(root).as_posix()
            known, digest = previous.files.get(source), digests.get(source, "")
            if known is not None and digest and known.digest == digest:
                files[source] = known
                continue
            loaded = load_cohort_file(root, path, by_slug, broken)
            if _moved(known, loaded):
                return None  # a cohort given another programme: load everything
            files[source] = _Known(digest, loaded)
        self.reused = sum(files[s] is previous.files.get(s) for s in files)
        return self._assemble(root, previous, files)

    def _assemble(self, root: Path, previous: _Previous, files: dict[str, _Known]) -> Catalogue:
        """The catalogue as load_catalogue puts it together; ProblemsError on any error."""
        problems = [*previous.before, *linked_folders(root)]
        cohorts = keep_unique([known.loaded for known in files.values()], problems)
        if any(p.severity == "error" for p in problems):
            raise ProblemsError(problems)
        catalogue = replace(previous.catalogue, warnings=problems, cohorts=cohorts)
        self.previous = replace(previous, catalogue=catalogue, files=files)
        return catalogue


def _moved(known: _Known | None, loaded: LoadedCohort) -> bool:
    """True if a cohort that loaded before now loads under another programme."""
    old = None if known is None or known.loaded.entry is None else known.loaded.entry.programme
    return old is not None and loaded.entry is not None and loaded.entry.programme != old


def _split(world: str, catalogue: Catalogue, digests: dict[str, str]) -> _Previous | None:
    """The full load's warnings told apart by file; None if they are not ahead-then-per-file as expected."""
    entries = {entry.source: entry for entry in catalogue.cohorts}
    sources = [*digests, *(s for s in entries if s not in digests)]
    own: dict[str, list[Problem]] = {source: [] for source in sources}
    before = [w for w in catalogue.warnings if w.file not in own]
    for warning in catalogue.warnings:
        own.get(warning.file, []).append(warning)
    files = {s: _Known(digests.get(s, ""), LoadedCohort(s, entries.get(s), tuple(own[s]))) for s in sources}
    in_order = [*before, *(w for known in files.values() for w in known.loaded.problems)]
    kept = [known.loaded.entry for known in files.values() if known.loaded.entry is not None]
    if in_order != catalogue.warnings or kept != catalogue.cohorts:
        return None
    return _Previous(world, catalogue, tuple(before), files)
