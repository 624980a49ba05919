"""The form editor's configuration follows the model: a change to the model that the
configuration does not follow fails here, and what the forms write is what the tool reads."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.loading.catalogue import load_catalogue
from macros.loading.scaffold import export_new_cohort
from macros.model.schema import cohort_schema, programme_schema, shared_schema
from macros.outputs.admin_config import (
    CLOCK,
    LEFT_OUT,
    _resolve,
    admin_config,
    new_cohort_defaults,
    render_admin_config,
)
from macros.outputs.admin_labels import LABELS
from macros.site.admin_site import has_bundle
from macros.site.build import Display, _add_admin
from tests.conftest import ROOT, copy_project

Json = dict[str, Any]


def _config() -> Json:
    return yaml.safe_load(render_admin_config(ROOT))  # type: ignore[no-any-return]


def _collection(config: Json, name: str) -> Json:
    return next(c for c in config["collections"] if c["name"] == name)  # type: ignore[no-any-return]


def _compare(fields: list[Json], node: Json, defs: Json, where: str, left_out: tuple[str, ...] = ()) -> None:
    """Fields and schema agree on names, nesting, required keys, choices and date/time formats."""
    node, _ = _resolve(node, defs)
    if "propertyNames" in node:  # a mapping with fixed keys: one optional sub-form per key
        names = node["propertyNames"]["enum"]
        properties = {key: node["additionalProperties"] for key in names}
        required: set[str] = set()
    else:
        properties, required = node.get("properties", {}), set(node.get("required", []))
    expected = [name for name in properties if name not in left_out]
    assert [f["name"] for f in fields] == expected or sorted(f["name"] for f in fields) == sorted(expected), where
    for item in fields:
        _compare_field(item, properties[item["name"]], defs, f"{where}.{item['name']}", item["name"] in required)


def _compare_field(item: Json, node: Json, defs: Json, where: str, required: bool) -> None:
    node, optional = _resolve(node, defs)
    assert item.get("required", True) == (required and not optional), where
    assert item["label"] and item.get("hint", "").startswith(node.get("description", "")), where
    if item["widget"] == "hidden":
        return
    if "enum" in node:
        assert item["widget"] == "select" and item["options"] == node["enum"], where
    elif node.get("format") == "date":
        assert (item["widget"], item["format"], item["time_format"]) == ("datetime", "YYYY-MM-DD", False), where
    elif node.get("pattern") == CLOCK:
        assert (item["widget"], item["format"], item["date_format"]) == ("datetime", "HH:mm", False), where
    elif node.get("type") == "array":
        _compare_list(item, node, defs, where)
    elif node.get("type") == "object" or "properties" in node:
        _compare(item["fields"], node, defs, where)
    else:
        kinds = {"string": ("string", "text"), "integer": ("number",), "number": ("number",), "boolean": ("boolean",)}
        assert item["widget"] in kinds[node["type"]], where


def _compare_list(item: Json, node: Json, defs: Json, where: str) -> None:
    items, _ = _resolve(node["items"], defs)
    assert item.get("min") == node.get("minItems") and item.get("max") == node.get("maxItems"), where
    if "enum" in items:
        assert item["widget"] == "select" and item["multiple"] and item["options"] == items["enum"], where
    elif items.get("type") == "object":
        _compare(item["fields"], items, defs, where)
    else:
        assert item["widget"] == "list" and "field" in item, where


def test_programme_forms_follow_the_model() -> None:
    schema = programme_schema()
    for form in _collection(_config(), "programmer")["files"]:
        _compare(form["fields"], schema, schema.get("$defs", {}), form["file"])


def test_the_shared_texts_form_follows_the_model() -> None:
    schema = shared_schema()
    form = _collection(_config(), "faelles")["files"][0]
    assert form["file"] == "programmes/_faelles.yaml"
    fields = [f for f in form["fields"] if f["name"] != "network_defaults"]
    _compare(fields, schema, schema["$defs"], "_faelles", ("network_defaults",))
    # A free mapping in the model, merged over `defaults` for networks: the same form as `defaults`.
    network = next(f for f in form["fields"] if f["name"] == "network_defaults")
    assert network["hint"] == schema["properties"]["network_defaults"]["description"]
    _compare(network["fields"], schema["$defs"]["ProgrammeDefaults"], schema["$defs"], "network_defaults")


MODELS = {
    "gruppementor": "group",
    "mentorordning-ledere": "one_to_one",
    "digitalt-netvaerk": "digital_network",
    "fysisk-netvaerk": "physical_network",
}


@pytest.mark.parametrize(("slug", "model"), MODELS.items())
def test_cohort_forms_follow_the_model(slug: str, model: str) -> None:
    schema = cohort_schema()
    form = _collection(_config(), f"forloeb-{slug}")
    left_out = LEFT_OUT[model]
    assert form["folder"] == "programmes/forloeb" and form["filter"] == {"field": "programme", "value": slug}
    variant = next((f for f in form["fields"] if f["name"] == "variant"), None)
    fields = [f for f in form["fields"] if f["name"] != "variant"]
    _compare(fields, schema, schema["$defs"], slug, (*left_out, "variant"))
    if slug == "gruppementor":
        assert variant and variant["widget"] == "select" and "lederaspiranter" in variant["options"]


def test_a_network_cohort_form_has_the_network_shape() -> None:
    """Participants, a process consultant and network meetings; no mentors, mentees or pairs."""
    for slug in ("digitalt-netvaerk", "fysisk-netvaerk"):
        names = [f["name"] for f in _collection(_config(), f"forloeb-{slug}")["fields"]]
        assert {"participants", "process_consultant", "meetings"} <= set(names), slug
        assert not {"mentors", "mentees", "pairs", "pair_defaults", "mentor_meetings", "variant"} & set(names)
    for slug in ("gruppementor", "mentorordning-ledere"):
        names = [f["name"] for f in _collection(_config(), f"forloeb-{slug}")["fields"]]
        assert not {"participants", "process_consultant"} & set(names), slug


def test_the_drift_check_fails_when_a_field_is_missing() -> None:
    schema = cohort_schema()
    fields = _collection(_config(), "forloeb-gruppementor")["fields"]
    fields = [f for f in fields if f["name"] != "variant"]
    with pytest.raises(AssertionError):
        _compare(fields[1:], schema, schema["$defs"], "x", (*LEFT_OUT["group"], "variant"))
    meetings = next(f for f in fields if f["name"] == "meetings")
    meetings["fields"] = [f for f in meetings["fields"] if f["name"] != "theme"]
    with pytest.raises(AssertionError):
        _compare(fields, schema, schema["$defs"], "x", (*LEFT_OUT["group"], "variant"))


def test_every_model_field_has_a_danish_label_of_its_own() -> None:
    def names(node: Any) -> set[str]:
        if isinstance(node, dict):
            found = set(node.get("properties", {})) | set(node.get("propertyNames", {}).get("enum", []))
            return found.union(*(names(value) for value in node.values()))
        return set().union(*(names(value) for value in node)) if isinstance(node, list) else set()

    every = names([programme_schema(), shared_schema(), cohort_schema()])
    assert sorted(every - set(LABELS)) == []


def test_a_new_cohort_in_the_form_starts_like_mentor_new_cohort(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for slug in MODELS:
        form = _collection(admin_config(project), f"forloeb-{slug}")
        defaults = {f["name"]: _default_of(f) for f in form["fields"]}
        written = yaml.safe_load(export_new_cohort(project, slug, 2030).read_text(encoding="utf-8"))
        for key, value in new_cohort_defaults(project, slug).items():
            assert defaults[key] == value, key
        people = "participants" if "participants" in written else "mentees"
        assert [m["id"] for m in defaults[people]] == [m["id"] for m in written[people]]
        assert defaults["programme"] == written["programme"] == slug


def _default_of(item: Json) -> Any:
    """A field's default; for an object, the defaults of the fields inside it (as Decap reads them)."""
    if item["widget"] != "object" or "default" in item:
        return item.get("default")
    found = {sub["name"]: _default_of(sub) for sub in item["fields"]}
    return {key: value for key, value in found.items() if value is not None} or None


@pytest.mark.parametrize(
    ("slug", "people"),
    [("gruppementor", ("mentors", "mentees")), ("fysisk-netvaerk", ("participants", "process_consultant"))],
)
def test_privacy_stands_right_before_the_people_and_names_are_optional(slug: str, people: tuple[str, str]) -> None:
    fields = _collection(_config(), f"forloeb-{slug}")["fields"]
    names = [f["name"] for f in fields]
    assert names.index("privacy") + 1 == names.index(people[0])
    for key in people:
        item = fields[names.index(key)]
        assert "Navne er valgfrie" in item["hint"] and "udgives aldrig" in item["hint"]
        name = next(f for f in item["fields"] if f["name"] == "name")
        assert name.get("required") is False


def test_a_file_in_the_editors_formats_passes_the_strict_check(tmp_path: Path) -> None:
    """Unquoted times, emptied optional fields as "", numbers and empty lists, as Decap writes them."""
    project = copy_project(tmp_path)
    for old in (project / "programmes" / "forloeb").rglob("*.yaml"):
        old.unlink()
    target = project / "programmes" / "forloeb" / "2027" / "lederaspiranter-hold-3.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(DECAP_COHORT, encoding="utf-8")
    catalogue = load_catalogue(project)
    assert catalogue.warnings == []
    (cohort,) = catalogue.cohorts
    meeting = cohort.cohort.meetings[0]
    assert (meeting.start, meeting.place, meeting.hours) == ("17:00", None, 3.0)


DECAP_COHORT = """\
programme: gruppementor
variant: lederaspiranter
name: Lederaspiranter, hold 3, efterår 2027
start: 2027-09-01
end: 2027-12-15
description: ""
privacy:
  publish_names: false
mentors:
  - id: mentor-a
    name: ""
mentees:
  - id: m01
    department: ""
  - id: m02
  - id: m03
  - id: m04
  - id: m05
meetings:
  - id: moede-1
    start: 17:00
    hours: 3.0
    place: ""
    homework:
      questions:
        - Hvad tager du med fra møde 1?
      tasks: []
      shared: false
    date: 2027-09-06
  - id: moede-2
    start: 17:00
    homework:
      questions:
        - Hvad vil du prøve af før næste møde?
    date: 2027-10-04
  - id: moede-3
    start: 17:00
    homework:
      questions:
        - Hvad lykkedes, og hvad gjorde du så?
    date: 2027-11-01
  - id: moede-4
    start: 17:00
    date: 2027-12-06
mentor_meetings: []
acknowledge: []
"""


def test_the_build_adds_the_editor_only_when_it_is_installed(tmp_path: Path) -> None:
    if not has_bundle(ROOT):
        pytest.fail("Redigeringsværktøjet mangler: kør tools/install-admin.sh (make test gør det selv)")
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    said = io.StringIO()
    _add_admin(project, site, Display(said))
    assert not (site / "admin").exists() and "make site" in said.getvalue()
    (project / ".cache").mkdir()
    (project / ".cache" / "admin").symlink_to(ROOT / ".cache" / "admin")
    _add_admin(project, site, Display(said))
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in page and '<script src="decap-cms.js">' in page
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "example-kommune/mentorhaandbog" and "local_backend" not in config
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "da"


def test_our_entry_page_is_valid_html(tmp_path: Path) -> None:
    from macros.site.admin_site import ENTRY_PAGE
    from tests.test_html_valid import check_html

    (tmp_path / "index.html").write_text(ENTRY_PAGE.format(title="Mentorhåndbogen", bundle="x.js"), encoding="utf-8")
    assert check_html(tmp_path) == []


def test_no_sub_form_is_empty() -> None:
    """Decap refuses the whole configuration (and shows no sign-in) for an object without fields."""

    def empty(fields: list[Json], where: str) -> list[str]:
        found = [f"{where}.{f['name']}" for f in fields if "fields" in f and not f["fields"]]
        return found + [x for f in fields if f.get("fields") for x in empty(f["fields"], f"{where}.{f['name']}")]

    for collection in _config()["collections"]:
        for form in collection.get("files", [collection]):
            assert empty(form["fields"], form["name"]) == []
