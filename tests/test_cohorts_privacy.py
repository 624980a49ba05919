"""Privacy: names, departments and managers in a cohort file never reach the site by default."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from tests.conftest import build_site, copy_project, html

HIDDEN = """\
programme: gruppementor
name: Lukket hold
start: 2027-02-01
end: 2027-06-30
mentors:
  - {id: mentor-a, name: Mentorina Fiktivsen, department: Afdeling Ypsilon, manager: Direktør Zetasen}
mentees:
  - {id: m01, name: Menteeline Opdigtet, department: Afdeling Omega, manager: Chef Alfasen}
  - {id: m02, name: Deltager Paafundsen, department: Afdeling Kappa, manager: Chef Betasen}
  - {id: m03}
  - {id: m04}
meetings:
  - {id: moede-1, date: 2027-02-17, start: "17:00", homework: {questions: [Hvad vil du afklare?]}}
  - {id: moede-2, date: 2027-03-17, start: "17:00"}
  - {id: moede-3, date: 2027-04-14, start: "17:00"}
  - {id: moede-4, date: 2027-05-12, start: "17:00"}
"""
OPEN = (
    HIDDEN.replace("name: Lukket hold\n", "name: Åbent hold\nprivacy:\n  publish_names: true\n")
    .replace("Mentorina Fiktivsen", "Synlig Mentorsen")
    .replace("Menteeline Opdigtet", "Synlig Menteesen")
    .replace("Deltager Paafundsen", "Synlig Deltagersen")
)
PAIRS = """\
programme: mentorordning-ledere
name: Lukket runde
start: 2027-01-11
end: 2027-03-31
pair_defaults: {time: "14:00", hours: 1.5}
mentors:
  - {id: mentor-a, name: Parmentor Fiktivsen, department: Afdeling Sigma, manager: Chef Gammasen}
mentees:
  - {id: m01, name: Parmentee Opdigtet, department: Afdeling Tau, manager: Chef Deltasen}
pairs:
  - {id: par-1, mentor: mentor-a, mentee: m01}
"""
NAMES = [
    "Mentorina Fiktivsen",
    "Menteeline Opdigtet",
    "Deltager Paafundsen",
    "Parmentor Fiktivsen",
    "Parmentee Opdigtet",
]
NEVER = ["Afdeling", "Zetasen", "Alfasen", "Betasen", "Gammasen", "Deltasen"]


@pytest.fixture(scope="module")
def private_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("privacy"))
    folder = project / "programmes" / "forloeb" / "2027"
    for name, text in [("lukket-hold", HIDDEN), ("aabent-hold", OPEN), ("lukket-runde", PAIRS)]:
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def published(site: Path, folder: str) -> str:
    """Every page and calendar of one cohort, plus the year list and the search index."""
    files = [*(site / folder).rglob("*.html"), *(site / folder).rglob("*.ics")]
    files += [site / folder.rsplit("/", 1)[0] / "index.html", site / "search" / "search_index.json"]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


@pytest.mark.parametrize(
    "folder", ["programmer/gruppementor/forloeb/lukket-hold", "programmer/mentorordning-ledere/forloeb/lukket-runde"]
)
def test_default_publishes_roles_and_counts_only(private_site: Path, folder: str) -> None:
    text = published(private_site, folder)
    assert [secret for secret in NAMES + NEVER if secret in text] == []
    assert list((private_site / folder).glob("*.ics"))


def test_group_page_shows_counts_by_role(private_site: Path) -> None:
    soup = html(private_site, "programmer/gruppementor/forloeb/lukket-hold/")
    assert "én mentor og fire mentees" in soup.get_text(" ", strip=True)  # numbers under ten in words


def test_publish_names_shows_names_but_never_departments_or_managers(private_site: Path) -> None:
    folder = "programmer/gruppementor/forloeb/aabent-hold"
    page = html(private_site, f"{folder}/").get_text(" ", strip=True)
    assert "Mentor: Synlig Mentorsen" in page
    assert "Mentees: Synlig Menteesen, Synlig Deltagersen" in page
    calendar = vobject.readOne((private_site / folder / "aabent-hold-mentee.ics").read_text(encoding="utf-8"))
    assert "Mentees: Synlig Menteesen, Synlig Deltagersen." in calendar.vevent_list[0].description.value
    files = [*(private_site / folder).rglob("*.html"), *(private_site / folder).rglob("*.ics")]
    text = "\n".join(path.read_text(encoding="utf-8") for path in files)
    assert not [secret for secret in NEVER if secret in text]
