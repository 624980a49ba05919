"""JSON Schemas for the YAML files, generated from the pydantic model.

Editors with the YAML language server read them through the
`# yaml-language-server: $schema=…` comment at the top of each file and then
complete and check fields as people type. The schemas are committed, and a test
fails when they no longer match the model.

A programme file is merged over `defaults` in `programmes/_faelles.yaml`, so in
its schema only the keys the shared file cannot give are required. Mappings merge
key by key and lists replace, so objects inside lists keep their required keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import CoreSchema

from ..model import Cohort, Programme, SharedContent

SCHEMA_DIR = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
# What a programme file must say itself; everything else may come from the shared defaults.
PROGRAMME_OWN_KEYS = ["name", "organisation", "summary", "purpose", "strategy", "audience", "model"]

Json = dict[str, Any]


class _FieldsOnly(GenerateJsonSchema):
    """Leave out the English titles pydantic makes from field names."""

    def field_title_should_be_set(self, schema: CoreSchema) -> bool:
        return False


def model_schema(model: type[BaseModel], title: str, description: str) -> Json:
    """The schema of one model with Danish texts only.

    Field descriptions are Danish in the model; the class docstrings are English notes
    for developers, so they are left out of the definitions.
    """
    schema = model.model_json_schema(schema_generator=_FieldsOnly)
    for definition in schema.get("$defs", {}).values():
        definition.pop("title", None)
        definition.pop("description", None)
    schema.pop("title", None)
    schema.pop("description", None)
    return {"$schema": DIALECT, "title": title, "description": description, **schema}


def programme_schema() -> Json:
    """The schema of a programme file such as `programmes/gruppementor.yaml`."""
    full = model_schema(
        Programme,
        "Mentorprogram",
        "Et mentorprogram i programmes/. Alt, der ikke står i filen, arves fra programmes/_faelles.yaml.",
    )
    schema = relax_required(full)
    schema["required"] = [key for key in PROGRAMME_OWN_KEYS if key in schema["properties"]]
    return prune_definitions(schema)


def shared_schema() -> Json:
    """The schema of `programmes/_faelles.yaml`: `defaults` is a programme without required keys."""
    schema = model_schema(
        SharedContent,
        "Fælles indhold",
        "Tekster, som alle programmer arver (defaults), og de fire modeller til sammenligningssiden.",
    )
    defaults = relax_required(model_schema(Programme, "", ""))
    description = schema["properties"]["defaults"].get("description", "")
    schema["$defs"].update(defaults.pop("$defs"))
    schema["$defs"]["ProgrammeDefaults"] = {k: v for k, v in defaults.items() if not k.startswith("$")}
    schema["properties"]["defaults"] = {"$ref": "#/$defs/ProgrammeDefaults", "description": description}
    for key in ("title", "description"):
        schema["$defs"]["ProgrammeDefaults"].pop(key, None)
    return prune_definitions(schema)


def relax_required(schema: Json) -> Json:
    """Drop `required` from every object a deep merge can complete.

    Followed: properties, mapping values and alternatives (`X | None`). Not followed:
    list items, because a list in a programme file replaces the shared list whole.
    Definitions reached both ways get a relaxed copy named `…Partial`.
    """
    out = deepcopy(schema)
    source = out.get("$defs", {})
    defs: Json = dict(source)

    def relax(node: Json) -> Json:
        node = {k: v for k, v in node.items() if k != "required"}
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            partial = f"{name}Partial"
            if partial not in defs:
                defs[partial] = {}  # placeholder first: definitions may refer to themselves
                defs[partial] = relax(source[name])
            node["$ref"] = f"#/$defs/{partial}"
        _map_children(node, relax)
        return node

    root = relax({k: v for k, v in out.items() if k != "$defs"})
    return {**root, "$defs": defs} if defs else root


def _map_children(node: Json, relax: Callable[[Json], Json]) -> None:
    if "properties" in node:
        node["properties"] = {key: relax(sub) for key, sub in node["properties"].items()}
    if isinstance(node.get("additionalProperties"), dict):
        node["additionalProperties"] = relax(node["additionalProperties"])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            node[key] = [relax(sub) for sub in node[key]]


def prune_definitions(schema: Json) -> Json:
    """Keep only the definitions the schema still refers to, in a stable order."""
    defs = schema.get("$defs", {})
    used: set[str] = set()
    pending = [_refs({k: v for k, v in schema.items() if k != "$defs"})]
    while pending:
        for name in pending.pop() - used:
            used.add(name)
            pending.append(_refs(defs[name]))
    out = {k: v for k, v in schema.items() if k != "$defs"}
    if used:
        out["$defs"] = {name: defs[name] for name in sorted(used)}
    return out


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


def cohort_schema() -> Json:
    """The schema of a cohort file in `programmes/forloeb/`; nothing is merged into it."""
    return model_schema(
        Cohort,
        "Forløb",
        "Et forløb (hold) i et program: deltagere, møder og hjemmeopgaver. Filnavnet er forløbets id.",
    )


def schemas() -> dict[str, Json]:
    """Every schema by file name under `schema/`."""
    return {
        "programme.schema.json": programme_schema(),
        "shared.schema.json": shared_schema(),
        "cohort.schema.json": cohort_schema(),
    }


def render_schema(schema: Json) -> str:
    """The text written to disk: stable key order from the model, Danish letters as they are."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def export_schemas(root: Path) -> list[Path]:
    """Write every schema under `root/schema/`; return the files that changed."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for name, schema in schemas().items():
        path = folder / name
        text = render_schema(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_schemas(root: Path) -> list[str]:
    """Names of committed schemas that differ from what the model gives now."""
    folder = root / SCHEMA_DIR
    return [
        name
        for name, schema in schemas().items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != render_schema(schema)
    ]
