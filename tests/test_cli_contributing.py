"""CONTRIBUTING.md explains the messages `mentor check` really gives, in the words it uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.model.cohort import WARNING_CODES
from tests.conftest import MINIMAL_PROGRAMME, ROOT, copy_project
from tests.refusal import refused

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
PROGRAMME = MINIMAL_PROGRAMME
COHORT = "forloeb/2027/2027-lederaspiranter-1.yaml"
NETWORK = "forloeb/2027/2027-fysisk-netvaerk-1.yaml"

# (what to break: file under programmes/ and its new text, or a replacement in a shipped file; a phrase
# that must be both in the real message and in the guide)
CASES = [
    ("proeve.yaml", PROGRAMME + "modle: group\n", "er ikke et kendt felt her. Mente du"),
    ("proeve.yaml", PROGRAMME.replace("audience: Testere.\n", ""), "mangler ("),
    ("proeve.yaml", PROGRAMME + "cross_organisational: ja\n", "forventede true eller false, men fik 'ja'"),
    ("proeve.yaml", PROGRAMME.replace("one_to_one", "pairs"), "er ikke tilladt her; vælg en af:"),
    ("proeve.yaml", PROGRAMME + "name: Igen\n", "står to gange (første gang i linje"),
    ("proeve.yaml", PROGRAMME + "audience: [Testere\n", "filen kan ikke læses som YAML:"),
    ("proeve.yaml", "", "filen er tom"),
    ("Prøve Program.yaml", PROGRAMME, "filnavnet bliver programmets adresse"),
    (COHORT, ("date: 2027-02-17", "date: 2027-02-30"), "er ikke en gyldig dato"),
    (COHORT, ("name: Lederaspiranter, hold 1, forår 2027", "name:"), "forventede tekst, men fik ingenting"),
    (COHORT, ('start: "17:00"', 'start: "17.00"'), "er ikke et klokkeslæt; skriv TT:MM i anførselstegn"),
    (COHORT, ("  - id: moede-2", "  - id: Møde 2"), "må kun bestå af små bogstaver a–z, tal og bindestreg"),
    (COHORT, ("date: 2027-03-17", "date: 2027-01-17"), "skriv møderne i tidsrækkefølge"),
    (COHORT, ("    department: Børn og Unge", "    manager: mentor-b"), "er nærmeste leder for mentee"),
    (COHORT, ("programme: gruppementor", "programme: grupementor"), "findes ikke i programmes/"),
    (COHORT, ("      due: 2027-05-26\n", ""), "efter sidste møde er der intet næste møde at regne fristen ud fra"),
    (COHORT, ("      receiver: mentor\n", ""), "hjemmeopgaven efter sidste møde har ingen at blive drøftet med"),
    (NETWORK, ("participants:\n", "mentors:\n  - id: mentor-a\nparticipants:\n"), "mentors hører til mentorordninger"),
    (NETWORK, ("process_consultant:\n  id: proceskonsulent-b\n", ""), "netværket mangler sin proceskonsulent"),
    ("digitalt-netvaerk.yaml", ("model: digital_network", "model: one_to_one"), "hører kun til model: digital_network"),
]


def break_project(project: Path, target: str, change: str | tuple[str, str]) -> None:
    path = project / "programmes" / target
    if isinstance(change, str):
        path.write_text(change, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert change[0] in text, f"{target} no longer has {change[0]!r}: update this test"
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")


@pytest.mark.parametrize("target, change, phrase", CASES, ids=[c[2][:40] for c in CASES])
def test_guide_explains_the_real_message(
    tmp_path: Path, target: str, change: str | tuple[str, str], phrase: str
) -> None:
    project = copy_project(tmp_path)
    break_project(project, target, change)
    assert any(phrase in line for line in refused(project))  # `mentor check`, within 5 s and 512 MiB
    assert phrase in GUIDE.replace("`", "")


def test_guide_names_every_warning_that_can_be_acknowledged() -> None:
    for code in WARNING_CODES:
        assert f"| `{code}` |" in GUIDE


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_inside_the_guide_lead_to_its_headings() -> None:
    anchors = {github_slug(h) for h in re.findall(r"^#+ (.+)$", GUIDE, re.MULTILINE)}
    links = set(re.findall(r"\]\(#([^)]+)\)", GUIDE))
    assert links and links <= anchors, links - anchors


def test_guide_commands_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "check", "site", "test"):
        assert f"`make {target}`" in GUIDE
        assert re.search(rf"^{target}:", makefile, re.MULTILINE)
