"""Phase one: load and validate every programme, collecting all problems.

Nothing is rendered until the whole catalogue is valid, so a coordinator sees every
mistake of a run at once and a broken file never half-publishes a site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import ModelDescription, Programme, SharedContent, name_problem
from ..model.problems import KeyPath, Mark, Problem, ProblemsError, at
from ..model.programme import MODEL_ROLES
from .cohorts import CohortEntry, load_cohorts
from .fit import programme_warnings
from .programme_entry import ProgrammeEntry
from .validation import validate_model
from .yamlsource import Document, load_yaml

PROGRAMMES_DIR = "programmes"
SHARED_FILE = "_faelles.yaml"
NETWORK_MODELS = ("digital_network", "physical_network")


@dataclass(frozen=True)
class Catalogue:
    """Everything the renderers need, validated."""

    root: Path
    shared: SharedContent
    programmes: list[ProgrammeEntry]
    warnings: list[Problem] = field(default_factory=list)
    cohorts: list[CohortEntry] = field(default_factory=list)  # forløb, from programmes/forloeb/

    def programme(self, slug: str) -> ProgrammeEntry | None:
        """The programme with this slug, or None."""
        return next((p for p in self.programmes if p.slug == slug), None)

    def programme_of(self, entry: CohortEntry) -> Programme:
        """The programme a validated cohort belongs to (phase one drops cohorts of unknown programmes)."""
        found = self.programme(entry.programme)
        assert found is not None
        return found.programme


def load_catalogue(root: Path) -> Catalogue:
    """Load `programmes/` under `root`; raise ProblemsError with every problem found."""
    problems: list[Problem] = []
    shared_doc = _load(root, f"{PROGRAMMES_DIR}/{SHARED_FILE}", problems, optional=True)
    shared = SharedContent()
    if shared_doc is not None:
        shared = _validate(SharedContent, shared_doc, problems) or shared
    entries = []
    for path in programme_files(root):
        doc = _load(root, f"{PROGRAMMES_DIR}/{path.name}", problems)
        entry = validate_programme(path, doc, shared_doc, problems, shared.models) if doc else None
        if entry:
            entries.append(entry)
    if not entries and not problems:
        problems.append(Problem(PROGRAMMES_DIR, 1, 1, "", "mappen indeholder ingen programmer (*.yaml)"))
    cohorts = load_cohorts(root, entries, problems)
    if any(p.severity == "error" for p in problems):
        raise ProblemsError(problems)
    return Catalogue(root, shared, entries, warnings=problems, cohorts=cohorts)


def programme_files(root: Path) -> list[Path]:
    """Programme files: `programmes/*.yaml` except shared ones starting with `_`."""
    folder = root / PROGRAMMES_DIR
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def validate_programme(
    path: Path,
    doc: Document,
    shared: Document | None,
    problems: list[Problem],
    shared_models: list[ModelDescription],
) -> ProgrammeEntry | None:
    """Merge a programme over the shared defaults and validate it."""
    slug = path.stem
    message = name_problem("filnavnet", "programmets", slug)
    if message:
        problems.append(Problem(doc.file, 1, 1, "", message))
        return None
    merged = _merge_documents(shared, doc)
    programme = _validate(Programme, merged, problems)
    if programme is None:
        return None
    problems.extend(inherited_role_texts(doc, merged, shared))
    programme = _own_roles(programme, doc)
    problems.extend(programme_warnings(programme, _kept(merged, programme)))
    return ProgrammeEntry(slug, doc.file, programme, _inherited(merged, doc), merged.marks)


def _inherited(merged: Document, doc: Document) -> frozenset[str]:
    """The top-level fields where some value came from the shared file, not the programme's own."""
    return frozenset(str(path[0]) for path, mark in merged.marks.items() if path and mark.file != doc.file)


def _kept(merged: Document, programme: Programme) -> Document:
    """The merged document without the roles the programme's model leaves out."""
    data = dict(merged.data)
    data["roles"] = {k: v for k, v in data.get("roles", {}).items() if k in programme.roles}
    return Document(merged.file, data, merged.marks)


def _own_roles(programme: Programme, doc: Document) -> Programme:
    """Keep the roles the programme's model uses, plus any the programme file names itself.

    The shared defaults describe every role; a one-to-one scheme should not show a
    process consultant, nor a network a mentor, just because the defaults have one.
    """
    wanted = [*MODEL_ROLES[programme.model], *(k for k in programme.roles if ("roles", k) in doc.marks)]
    roles = {k: programme.roles[k] for k in dict.fromkeys(wanted) if k in programme.roles}
    return programme.model_copy(update={"roles": roles})


ROLE_TEXTS = {"description": "beskrivelsen", "expectations": "forventningerne", "obligations": "forpligtelserne"}


def inherited_role_texts(doc: Document, merged: Document, shared: Document | None) -> list[Problem]:
    """A role given a new title in the programme, but whose texts still come from the shared file.

    Merging key by key would otherwise let »Netværksværter« silently promise a mentor's
    expectations; the coordinator is told which texts were inherited, and from where.
    """
    if shared is None or not isinstance(shared.data, dict) or not isinstance(doc.data, dict):
        return []
    base = shared_base(shared, doc.data.get("model")).data.get("roles") or {}
    roles = doc.data.get("roles") or {}
    return [
        problem
        for key, role in roles.items()
        if isinstance(role, dict) and isinstance(base.get(key), dict)
        for problem in _renamed_role(doc, merged, key, role, base[key].get("title"))
    ]


def _renamed_role(doc: Document, merged: Document, key: str, role: dict[str, Any], old: Any) -> list[Problem]:
    inherited = [f for f in ROLE_TEXTS if f not in role and merged.data["roles"][key].get(f)]
    if old is None or role.get("title") in (None, old) or not inherited:
        return []
    message = (
        f"rollen '{key}' har fået titlen »{role['title']}«, men arver {_join([ROLE_TEXTS[f] for f in inherited])} "
        f"fra rollen »{old}« i {merged.mark(('roles', key, inherited[0])).file}; skriv dem selv under rollen, "
        "eller skriv fx expectations: [] for at undlade dem"
    )
    path = ("roles", key, "title")
    return [at(doc.mark(path), path, message, "warning", "inherited-role-texts")]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"


def _load(root: Path, relative: str, problems: list[Problem], optional: bool = False) -> Document | None:
    path = root / relative
    if optional and not path.exists():
        return None
    try:
        return load_yaml(path, relative)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None


def _validate(model: Any, doc: Document, problems: list[Problem]) -> Any:
    value, found = validate_model(model, doc.data, doc.mark)
    problems.extend(found)
    return value


def _merge_documents(shared: Document | None, doc: Document) -> Document:
    """The programme over the shared `defaults`; marks tell which file each value came from."""
    if shared is None or not isinstance(shared.data, dict) or not isinstance(doc.data, dict):
        return doc
    base = shared_base(shared, doc.data.get("model"))
    marks = dict(base.marks)
    marks.update(doc.marks)  # the programme's own keys win, like its values
    return Document(doc.file, deep_merge(base.data, doc.data), marks)


def shared_base(shared: Document, model: Any) -> Document:
    """What a programme of `model` inherits: `defaults`, and for networks `network_defaults` on top."""
    sections = ["defaults", *(["network_defaults"] if model in NETWORK_MODELS else [])]
    merged: Any = {}
    marks: dict[KeyPath, Mark] = {}
    for section in sections:
        merged = deep_merge(merged, shared.data.get(section) or {})
        marks.update({p[1:]: m for p, m in shared.marks.items() if p[:1] == (section,) and len(p) > 1})
    return Document(shared.file, merged, marks)


def deep_merge(base: Any, override: Any) -> Any:
    """Mappings merge key by key; anything else in `override` replaces `base`."""
    if not (isinstance(base, dict) and isinstance(override, dict)):
        return override
    merged = dict(base)
    for key, value in override.items():
        merged[key] = deep_merge(base[key], value) if key in base else value
    return merged
