"""The committed JSON Schemas: up to date, Danish, and right about the shipped files.

The shipped YAML is checked with `jsonschema`, a validator that shares nothing with
pydantic, after dates are turned into the ISO text an editor sees.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from macros.loading.yamlsource import load_yaml
from macros.model.schema import stale_schemas
from tests.conftest import ROOT

SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def schema_of(path: Path) -> Path:
    """The schema an editor uses for a YAML file: the one its first line names, else the one
    .vscode/settings.json maps it to (a file saved by the form editor at /admin/ has no comments)."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_COMMENT.match(first)
    if match:
        return (path.parent / match.group(1)).resolve()
    mapped = settings_schema(path)
    assert mapped, f"{path.relative_to(ROOT)} names no schema in its first line, nor in .vscode/settings.json"
    return mapped


def settings_schema(path: Path) -> Path | None:
    """The schema .vscode/settings.json (`yaml.schemas`) gives the file, if any."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    relative = path.resolve().relative_to(ROOT).as_posix()
    for schema, globs in settings["yaml.schemas"].items():
        if any(_glob(pattern).fullmatch(relative) for pattern in ([globs] if isinstance(globs, str) else globs)):
            return (ROOT / schema).resolve()
    return None


def _glob(pattern: str) -> re.Pattern[str]:
    """A glob as the YAML extension reads it: `**/` any folders, `*` within a folder, `[!x]` not x."""
    parts = re.split(r"(\*\*/|\*|\[![^]]+\])", pattern)
    table = {"**/": "(?:.*/)?", "*": "[^/]*"}
    return re.compile("".join(table.get(p) or (f"[^{p[2:-1]}]" if p.startswith("[!") else re.escape(p)) for p in parts))


def as_editor_sees(value: Any) -> Any:
    """YAML data with dates as the ISO strings a YAML 1.2 editor reads them as."""
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(name: str, text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    data = as_editor_sees(load_yaml(path, "file.yaml").data)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


SHIPPED = sorted((ROOT / "programmes").rglob("*.yaml"))


def test_committed_schemas_match_the_model() -> None:
    assert stale_schemas(ROOT) == [], "the schema is out of date: run `mentor schema` and commit schema/"


def test_there_is_a_schema_for_each_kind_of_file() -> None:
    assert sorted(p.name for p in (ROOT / "schema").glob("*.json")) == [
        "cohort.schema.json",
        "programme.schema.json",
        "shared.schema.json",
    ]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(ROOT).as_posix() for p in SHIPPED])
def test_shipped_file_names_and_passes_its_schema(path: Path) -> None:
    schema = schema_of(path)
    expected = "shared" if path.name == "_faelles.yaml" else "cohort" if "forloeb" in path.parts else "programme"
    assert schema == ROOT / "schema" / f"{expected}.schema.json"
    data = as_editor_sees(load_yaml(path, path.name).data)
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator(schema.name).iter_errors(data)]
    assert problems == []


def test_a_minimal_programme_needs_only_its_own_keys(tmp_path: Path) -> None:
    minimal = "name: P\norganisation: O\nsummary: S\npurpose: P\nstrategy: S\naudience: A\nmodel: group\n"
    assert errors("programme.schema.json", minimal, tmp_path) == []
    assert errors("programme.schema.json", minimal.replace("name: P\n", ""), tmp_path) == [
        ": 'name' is a required property"
    ]


@pytest.mark.parametrize(
    "schema, text, where",
    [
        ("programme.schema.json", "name: P\nmodle: group\n", ""),
        ("programme.schema.json", "meeting_guide:\n  lenght: {min: 1, max: 2}\n", "meeting_guide"),
        ("programme.schema.json", "roles:\n  mentor:\n    titel: Mentor\n", "roles/mentor"),
        ("programme.schema.json", "roles:\n  mentorr:\n    title: Mentor\n", "roles"),
        (
            "programme.schema.json",
            "contract:\n  terms:\n    - {key: agenda, title: T, defualt: D}\n",
            "contract/terms/0",
        ),
        ("shared.schema.json", "defaults:\n  about: Om\n  abuot: Om\n", "defaults"),
        ("cohort.schema.json", "programme: p\nname: N\nstart: 2028-01-01\nend: 2028-02-01\nstrat: x\n", ""),
    ],
    ids=["top", "nested", "role field", "role key", "list item", "shared defaults", "cohort"],
)
def test_a_typo_in_a_key_is_rejected(schema: str, text: str, where: str, tmp_path: Path) -> None:
    found = errors(schema, text, tmp_path)
    rejected = ("was unexpected", "is not one of")  # an unknown property, or a key outside an enum
    assert any(e.startswith(f"{where}: ") and any(r in e for r in rejected) for e in found), found


def test_a_cohort_date_and_time_are_checked_as_editors_see_them(tmp_path: Path) -> None:
    cohort = (ROOT / "programmes" / "forloeb" / "2027" / "2027-lederaspiranter-1.yaml").read_text(encoding="utf-8")
    assert errors("cohort.schema.json", cohort, tmp_path) == []
    found = errors("cohort.schema.json", cohort.replace('start: "17:00"', "start: 17.00", 1), tmp_path)
    assert found == ["meetings/0/start: 17.0 is not of type 'string'"]
    found = errors("cohort.schema.json", cohort.replace("date: 2027-02-17", 'date: "17-02-2027"', 1), tmp_path)
    assert found == ["meetings/0/date: '17-02-2027' is not a 'date'"]


def walk(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every property definition in a schema, with its path."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            found.append((f"{path}/{key}", sub))
        for key, sub in node.items():
            found += walk(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            found += walk(sub, f"{path}/{index}")
    return found


@pytest.mark.parametrize("name", ["programme.schema.json", "shared.schema.json", "cohort.schema.json"])
def test_every_field_is_explained_in_danish(name: str) -> None:
    schema = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] and schema["description"]
    missing = [path for path, prop in walk(schema) if not prop.get("description")]
    assert missing == []
    text = json.dumps(schema, ensure_ascii=False)
    assert "Goal Questions" not in text and "A role in the programme" not in text  # no English leftovers
    assert re.search(r"[æøå]", text)


def test_objects_reject_unknown_keys_everywhere() -> None:
    for name in ("programme.schema.json", "shared.schema.json", "cohort.schema.json"):
        schema = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
        objects = [schema, *schema.get("$defs", {}).values()]
        open_objects = [o for o in objects if "properties" in o and o.get("additionalProperties") is not False]
        assert open_objects == [], name


def test_an_outdated_schema_is_found_and_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from macros.cli.commands import main

    assert main(["--root", str(tmp_path), "schema"]) == 0
    assert stale_schemas(tmp_path) == []
    programme = tmp_path / "schema" / "programme.schema.json"
    programme.write_text(programme.read_text(encoding="utf-8").replace("Programmets navn.", "Navn."))
    assert stale_schemas(tmp_path) == ["programme.schema.json"]
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 1
    assert "schema/programme.schema.json: er ikke opdateret; kør `mentor schema`" in capsys.readouterr().out
    assert main(["--root", str(tmp_path), "schema"]) == 0
    assert "Skrev schema/programme.schema.json" in capsys.readouterr().out
    assert stale_schemas(tmp_path) == []


def test_every_file_gets_its_schema_without_the_comment_line_too() -> None:
    """A file saved by the form editor loses its comments; the editor settings still map it."""
    for path in SHIPPED:
        expected = "shared" if path.name == "_faelles.yaml" else "cohort" if "forloeb" in path.parts else "programme"
        assert settings_schema(path) == ROOT / "schema" / f"{expected}.schema.json", path
