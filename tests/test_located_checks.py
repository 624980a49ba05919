"""A check across fields stands at the field it is about, not at the file's first line.

The model's own checks (a group section in a one-to-one programme, a group size whose
typical is larger than its max, two variants with one id, …) compare several fields.
Each names the field a coordinator should change, with its file, line and key.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tests.conftest import copy_project
from tests.refusal import refused
from tests.test_hostile import GROUP, PROGRAMME, VALID, line_of, replaced, shipped

NETWORK = "programmes/digitalt-netvaerk.yaml"
SHARED = "programmes/_faelles.yaml"
COHORT = "programmes/forloeb/2027/2027-lederaspiranter-1.yaml"


def section(file: str, key: str) -> str:
    """The `key:` of a shipped file (indented as `key` is) with everything indented under it."""
    lines = shipped(file).splitlines(keepends=True)
    start = lines.index(f"{key}:\n")
    depth = len(key) - len(key.lstrip()) + 1  # a line indented less than this ends the section
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:depth].strip() and lines[i][:1] != "#")
    return "".join(lines[start:end])


def at(file: str, text: str, needle: str, column: int, key: str, message: str) -> str:
    """The expected message at the line of `needle` in `text`."""
    return f"{file}:{line_of(text, needle)}:{column}: fejl: {key}: {message}"


def cases() -> list[tuple[str, str, str, str]]:
    """(id, file, its new text, the one expected message)."""
    group_in_pairs = VALID + section(GROUP, "group")
    network_in_pairs = VALID + section(NETWORK, "network")
    group_without = VALID.replace("model: one_to_one", "model: group")
    length = VALID + "meeting_guide:\n  length:\n    min: 2\n    max: 1\n"
    size = replaced(GROUP, "    typical: 6\n", "    typical: 9\n")
    variants = replaced(GROUP, "    - id: fungerende-ledere", "    - id: lederaspiranter")
    net_size = replaced(NETWORK, "    typical: 10\n", "    typical: 20\n")
    languages = VALID + dedent(section(SHARED, "  learning_languages").replace("key: advice", "key: guidance"))
    network_without = VALID.replace("model: one_to_one", "model: digital_network")
    platform = replaced(NETWORK, "model: digital_network", "model: physical_network")
    results = replaced(COHORT, "mentors:\n", "results:\n  - moment: slut\n    invited: 5\n    answered: 7\nmentors:\n")
    return [
        ("group in a one-to-one programme", PROGRAMME, group_in_pairs,
         at(PROGRAMME, group_in_pairs, "group:", 1, "group", "afsnittet 'group' hører kun til model: group")),
        ("network in a one-to-one programme", PROGRAMME, network_in_pairs,
         at(PROGRAMME, network_in_pairs, "network:", 1, "network",
            "afsnittet 'network' hører kun til model: digital_network eller physical_network")),
        ("group model without its section", PROGRAMME, group_without,
         at(PROGRAMME, group_without, "model:", 1, "model",
            "en gruppementorordning (model: group) skal have afsnittet 'group'")),
        ("meeting length max below min", PROGRAMME, length,
         at(PROGRAMME, length, "    max: 1", 5, "meeting_guide.length.max", "max må ikke være mindre end min")),
        ("group size typical above max", GROUP, size,
         at(GROUP, size, "    typical: 9", 5, "group.group_size.typical",
            "gruppestørrelsen skal opfylde min ≤ typical ≤ max")),
        ("two variants with one id", GROUP, variants,
         at(GROUP, variants, "    - id: lederaspiranter\n      name: Fungerende", 7, "group.variants[1].id",
            "to varianter har samme id 'lederaspiranter'")),
        ("network size typical above max", NETWORK, net_size,
         at(NETWORK, net_size, "    typical: 20", 5, "network.size.typical",
            "netværkets størrelse skal opfylde min ≤ typical ≤ max")),
        ("a learning language twice", PROGRAMME, languages,
         at(PROGRAMME, languages, "learning_languages:", 1, "learning_languages",
            "learning_languages skal rumme instruction, advice, guidance og coaching, hver én gang")),
        ("network model without its section", PROGRAMME, network_without,
         at(PROGRAMME, network_without, "model:", 1, "model",
            "et netværk (model: digital_network) skal have afsnittet 'network'")),
        ("physical network with a platform only", NETWORK, platform,
         at(NETWORK, platform, "network:", 1, "network",
            "network mangler 'meeting_place' for model: physical_network")),
        ("more answers than invited", COHORT, results,
         at(COHORT, results, "    answered: 7", 5, "results[0].answered",
            "answered (besvarelser) kan ikke være flere end invited (inviterede)")),
    ]  # fmt: skip


CASES = cases()


@pytest.mark.parametrize("name, file, text, expected", CASES, ids=[c[0] for c in CASES])
def test_a_check_across_fields_names_the_field(tmp_path: Path, name: str, file: str, text: str, expected: str) -> None:
    project = copy_project(tmp_path / "project")
    (project / file).write_text(text, encoding="utf-8")
    found = refused(project)
    assert found == [expected]
