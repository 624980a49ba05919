"""The form editor's configuration (`site/admin/config.yml`), generated from the model.

The editor at /admin/ is Decap CMS. Its forms are built from the same JSON
Schemas that `mentor schema` writes (macros/model/schema.py), so every field has the
model's Danish description as help text, the model's nesting, its required keys,
its choices and its limits. Nothing here is written by hand except the Danish
labels (macros/outputs/admin_labels.py) and where each file lives.

Collections: the programmes, the shared texts (`_faelles.yaml`, one file) and
one cohort collection per programme, listed by start year. A new cohort gets the
values `mentor new cohort` writes (macros/loading/scaffold.py), read from the very file
that command would write.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..loading.catalogue import PROGRAMMES_DIR, SHARED_FILE, programme_files
from ..loading.cohorts import COHORTS_DIR
from ..loading.scaffold import _default_variant, load_programme, render_cohort_file
from ..model import Programme
from ..model.base import ID_PATTERN
from ..model.schema import cohort_schema, programme_schema, shared_schema
from .admin_labels import label

Json = dict[str, Any]
TEXT_MAX = 20_000  # the model's long Text; shorter strings get a one-line field
CLOCK = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
TIME = {"widget": "datetime", "format": "HH:mm", "date_format": False, "time_format": "HH:mm"}
PATTERN_MESSAGES = {
    ID_PATTERN: "Brug kun små bogstaver a–z, tal og bindestreg, fx hold-a.",
    "^https://\\S+$": "Et link skal begynde med https:// og må ikke have mellemrum.",
}
# Cohort fields that only one kind of programme uses (see the model's field descriptions).
GROUP_ONLY = ("variant", "meetings", "mentor_meetings")
ONE_TO_ONE_ONLY = ("pairs", "pair_defaults")
NETWORK_ONLY = ("participants", "process_consultant")
# What each model's cohort form leaves out: a network has participants and a process
# consultant instead of mentors and mentees, and network meetings but no mentor meetings.
NOT_IN_NETWORK = ("variant", "mentors", "mentees", "mentor_meetings", *ONE_TO_ONE_ONLY)
LEFT_OUT: dict[str, tuple[str, ...]] = {
    "one_to_one": (*GROUP_ONLY, *NETWORK_ONLY),
    "group": (*ONE_TO_ONE_ONLY, *NETWORK_ONLY),
    "digital_network": NOT_IN_NETWORK,
    "physical_network": NOT_IN_NETWORK,
}
PEOPLE = ("mentors", "mentees", "participants", "process_consultant")
PRIVACY_HINT = (
    "Navne er valgfrie. De udgives aldrig, medmindre »Vis deltagernes navne« under Privatliv "
    "lige ovenfor er slået til – og så kun navnene. Afdeling og nærmeste leder udgives aldrig."
)


def field(name: str, node: Json, defs: Json, required: bool) -> Json:
    """One form field for the property `name` with schema `node`."""
    node, optional = _resolve(node, defs)
    description = node.get("description", "")
    out: Json = {"label": label(name, description), "name": name, **_widget(node, defs)}
    if description:
        out["hint"] = description
    if optional or not required:
        out["required"] = False
    return out


def _resolve(node: Json, defs: Json) -> tuple[Json, bool]:
    """Follow `$ref` and `X | None`; say whether null was allowed."""
    optional = False
    while True:
        if "$ref" in node:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        elif "anyOf" in node:
            kinds = [sub for sub in node["anyOf"] if sub.get("type") != "null"]
            optional = optional or len(kinds) < len(node["anyOf"])
            node = {**kinds[0], **{k: v for k, v in node.items() if k != "anyOf"}}
        else:
            return node, optional


def _widget(node: Json, defs: Json) -> Json:
    kind = node.get("type")
    if "enum" in node:
        return {"widget": "select", "options": list(node["enum"])}
    if kind == "string":
        return _string(node)
    if kind in ("integer", "number"):
        return _number(node)
    if kind == "boolean":
        return {"widget": "boolean", "default": node.get("default", False)}
    if kind == "array":
        return _list(node, defs)
    if "propertyNames" in node:
        return _keyed(node, defs)
    return _object(node, defs)


def _string(node: Json) -> Json:
    if node.get("format") == "date":
        return dict(DATE)
    if node.get("pattern") == CLOCK:
        return dict(TIME)
    out: Json = {"widget": "text" if node.get("maxLength", 0) >= TEXT_MAX else "string"}
    if pattern := node.get("pattern"):
        out["pattern"] = [pattern, PATTERN_MESSAGES.get(pattern, f"Skal passe til mønstret {pattern}")]
    return out


def _number(node: Json) -> Json:
    out: Json = {"widget": "number", "value_type": "int" if node["type"] == "integer" else "float"}
    low = node.get("minimum", node.get("exclusiveMinimum"))
    if low is not None:
        out["min"] = low
    if "maximum" in node:
        out["max"] = node["maximum"]
    if node["type"] == "number":
        out["step"] = 0.25
    return out


def _list(node: Json, defs: Json) -> Json:
    items, _ = _resolve(node["items"], defs)
    if "enum" in items:
        return {"widget": "select", "multiple": True, "options": list(items["enum"]), **_bounds(node)}
    # An explicit empty default: else Decap starts a list with one item when a nested field has a default.
    out: Json = {"widget": "list", "default": [], **_bounds(node)}
    if items.get("type") == "object":
        out["fields"] = _object(items, defs)["fields"]
        out["collapsed"] = True
    else:
        out["field"] = {"label": "Punkt", "name": "punkt", **_widget(items, defs)}
    return out


def _bounds(node: Json) -> Json:
    found = {"min": node.get("minItems"), "max": node.get("maxItems")}
    return {key: value for key, value in found.items() if value is not None}


def _object(node: Json, defs: Json) -> Json:
    required = set(node.get("required", []))
    fields = [field(name, sub, defs, name in required) for name, sub in node.get("properties", {}).items()]
    return {"widget": "object", "collapsed": True, "fields": fields}


def _keyed(node: Json, defs: Json) -> Json:
    """A mapping with a fixed set of keys (the roles): one optional sub-form per key."""
    value = node["additionalProperties"]
    fields = [field(key, value, defs, False) for key in node["propertyNames"]["enum"]]
    return {"widget": "object", "collapsed": True, "fields": fields}


def fields_of(schema: Json) -> list[Json]:
    """The form fields of a whole file's schema."""
    return _object(schema, schema.get("$defs", {}))["fields"]  # type: ignore[no-any-return]


def cohort_fields(defaults: Json | None = None) -> list[Json]:
    """The cohort form: privacy shown right before the people (the first of them in the
    schema is `mentors`), and defaults for a new cohort."""
    fields = fields_of(cohort_schema())
    privacy = next(f for f in fields if f["name"] == "privacy")
    fields.remove(privacy)
    fields.insert(next(i for i, f in enumerate(fields) if f["name"] == "mentors"), privacy)
    privacy["collapsed"] = False
    for people in (f for f in fields if f["name"] in PEOPLE):
        people["hint"] = f"{people.get('hint', '')} {PRIVACY_HINT}".strip()
    for item in fields:
        if defaults and defaults.get(item["name"]) not in (None, [], {}):
            _set_default(item, defaults[item["name"]])
        if item["name"] == "meetings":  # a new cohort's meetings are filled in one go
            _expand(item)
    return fields


def _set_default(item: Json, value: Any) -> None:
    """Decap takes no default for a whole object, only for the fields inside it."""
    if item.get("widget") == "object" and isinstance(value, dict):
        for sub in item["fields"]:
            if sub["name"] in value:
                _set_default(sub, value[sub["name"]])
    else:
        item["default"] = value


def _expand(item: Json) -> None:
    """Show a field and everything in it open rather than folded."""
    if item.get("widget") in ("list", "object"):
        item["collapsed"] = False
    for sub in item.get("fields", []):
        _expand(sub)


def new_cohort_defaults(root: Path, slug: str) -> Json:
    """The values `mentor new cohort SLUG` writes, without the ones left to fill."""
    entry = load_programme(root, slug)
    data = yaml.safe_load(render_cohort_file(entry, _default_variant(entry.programme)))
    return _filled(data)  # type: ignore[no-any-return]


def _filled(value: Any) -> Any:
    """Drop what the scaffold leaves empty; a list keeps an empty item for the form to ask for."""
    if isinstance(value, dict):
        return {key: _filled(sub) for key, sub in value.items() if sub is not None}
    if isinstance(value, list):
        return [("" if item is None else _filled(item)) for item in value]
    return value


def programme_collection(programmes: list[tuple[str, str]]) -> Json:
    """One form per programme file. A folder collection would also list `_faelles.yaml`,
    and Decap can only filter a folder on one exact value; new programmes are rare."""
    fields = fields_of(programme_schema())
    files = [
        {"name": slug, "label": name, "file": f"{PROGRAMMES_DIR}/{slug}.yaml", "fields": fields}
        for slug, name in programmes
    ]
    return {
        "name": "programmer",
        "label": "Programmer",
        "description": "Et program arver alt, det ikke selv siger, fra de fælles tekster.",
        "editor": {"preview": False},
        "files": files,
    }


def shared_collection() -> Json:
    """`programmes/_faelles.yaml` as a single-file collection."""
    return {
        "name": "faelles",
        "label": "Fælles tekster",
        "editor": {"preview": False},
        "files": [
            {
                "name": "faelles",
                "label": "Fælles tekster for alle programmer",
                "file": f"{PROGRAMMES_DIR}/{SHARED_FILE}",
                "fields": shared_fields(),
            }
        ],
    }


def shared_fields() -> list[Json]:
    """The shared texts' form. `network_defaults` is a free mapping in the model, merged over
    `defaults` for networks, so its form is the same as the one for `defaults`."""
    fields = fields_of(shared_schema())
    by_name = {item["name"]: item for item in fields}
    by_name["network_defaults"]["fields"] = by_name["defaults"]["fields"]
    return fields


def cohort_collection(root: Path, slug: str, name: str) -> Json:
    """The cohorts of one programme, listed by start year; a new one is filed under the current year."""
    fields = cohort_fields(new_cohort_defaults(root, slug))
    programme = next(f for f in fields if f["name"] == "programme")
    programme.update({"widget": "hidden", "default": slug})
    programme.pop("pattern", None)
    _fit_to_model(fields, load_programme(root, slug).programme)
    return {
        "name": f"forloeb-{slug}",
        "label": f"Forløb: {name}",
        "label_singular": f"Nyt forløb i {name}",  # Decap's button reads »＋ {label_singular}«
        "folder": COHORTS_DIR,
        "path": "{{year}}/{{slug}}",  # the year it is made: Decap cannot take the year from `start` in a path
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "identifier_field": "name",
        "slug": "{{slug}}",
        "filter": {"field": "programme", "value": slug},
        "summary": "{{name}} ({{start}})",
        "sortable_fields": ["start", "name"],
        "view_groups": [{"label": "År", "field": "start", "pattern": r"\d{4}"}],
        "editor": {"preview": False},
        "fields": fields,
    }


def _fit_to_model(fields: list[Json], programme: Programme) -> None:
    """Only the parts the programme's model uses, and its own variants as choices.

    Besides being shorter, this matters: Decap checks the required fields inside an
    optional object even when it is left empty, so a group cohort could not be saved
    with `pair_defaults` (whose `time` is required) in its form."""
    fields[:] = [f for f in fields if f["name"] not in LEFT_OUT[programme.model]]
    variant = next((f for f in fields if f["name"] == "variant"), None)
    if variant is not None and programme.group:
        variant.pop("pattern", None)
        variant.update({"widget": "select", "options": [v.id for v in programme.group.variants]})


def _mkdocs_setting(root: Path, pattern: str) -> str | None:
    found = re.search(pattern, (root / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(1) if found else None


def backend(root: Path) -> Json:
    """GitHub, the repository of mkdocs.yml's repo_url, and the sign-in helper if one is set.

    GitHub Pages cannot keep a secret, so signing in with GitHub needs a small OAuth helper
    elsewhere; its address goes in mkdocs.yml as `extra: admin_auth_url:` (see CONTRIBUTING.md)."""
    repo = _mkdocs_setting(root, r"^repo_url:\s*https://github\.com/([^/\s]+/[^/\s]+?)/?$")
    out: Json = {"name": "github", "repo": repo or "OWNER/REPO", "branch": "main", "squash_merges": True}
    if auth := _mkdocs_setting(root, r"^\s+admin_auth_url:\s*(https://\S+)\s*$"):
        out["base_url"] = auth
    return out


def admin_config(root: Path, local_backend: str | None = None) -> Json:
    """The whole configuration; `local_backend` is decap-server's URL for offline use and tests."""
    programmes = [(p.stem, load_programme(root, p.stem).programme.name) for p in programme_files(root)]
    config: Json = {
        "locale": "da",
        "backend": backend(root),
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/assets/billeder",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            programme_collection(programmes),
            shared_collection(),
            *[cohort_collection(root, slug, name) for slug, name in programmes],
        ],
    }
    if local_backend:
        config["local_backend"] = {"url": local_backend, "allowed_hosts": ["127.0.0.1"]}
    return config


def render_admin_config(root: Path, local_backend: str | None = None) -> str:
    """The text of config.yml; stable, so a rebuild without changes writes the same file."""
    head = "# Lavet af `mentor admin` ud fra modellen i macros/model/. Ret ikke i filen.\n"
    body = yaml.safe_dump(admin_config(root, local_backend), allow_unicode=True, sort_keys=False, width=100)
    return head + body
