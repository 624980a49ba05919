"""Planned hours per role: the shipped cohorts' figures against a hand calculation."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.cli.commands import main
from macros.loading.catalogue import Catalogue, load_catalogue
from macros.rendering.cohort_pages import render_cohort_pages
from macros.rendering.hours import cohort_hours, typical_hours
from macros.rendering.programme_pages import render_pages
from tests.conftest import ROOT, html

# The workload in programmes/gruppementor.yaml: mentee preparation 2 h per meeting; mentor preparation
# 1 h per meeting, 0.25 h per homework answer read, a 4 h seminar; coordinator 4 h seminar + 15 h other.
# Group meetings 4 × 3 h. Mentors' own meetings in all three group cohorts: 6 × 1.5 h + 1 × 2 h = 11 h.
MENTOR_MEETINGS = 6 * 1.5 + 2
GROUP_COHORTS = {
    # cohort: (mentees, homework assignments)
    "2027-lederaspiranter-1": (6, 4),  # homework after all four meetings (the last has a fixed due date)
    "2027-lederaspiranter-2": (6, 3),  # no homework after the last meeting
    "2027-fungerende-ledere": (6, 3),
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT)


def figures(catalogue: Catalogue, cohort_id: str) -> dict[str, tuple[int, float]]:
    entry = next(e for e in catalogue.cohorts if e.id == cohort_id)
    programme = catalogue.programme(entry.programme)
    assert programme is not None
    return {role.key: (role.people, role.per_person) for role in cohort_hours(entry, programme.programme)}


@pytest.mark.parametrize("cohort_id", sorted(GROUP_COHORTS))
def test_group_cohorts_match_the_hand_calculation(catalogue: Catalogue, cohort_id: str) -> None:
    mentees, homework = GROUP_COHORTS[cohort_id]
    found = figures(catalogue, cohort_id)
    assert set(found) == {"mentor", "mentee", "coordinator"}
    mentor = 4 * 3 + 4 * 1 + homework * mentees * 0.25 + MENTOR_MEETINGS + 4
    assert found["mentor"] == (1, pytest.approx(mentor))
    assert found["mentee"] == (mentees, pytest.approx(4 * 3 + 4 * 2))
    assert found["coordinator"] == (1, pytest.approx(MENTOR_MEETINGS + 4 + 15))


def test_one_to_one_round_matches_the_hand_calculation(catalogue: Catalogue) -> None:
    # programmes/mentorordning-ledere.yaml: preparation 0.5 h per meeting, kick-off 3 h, coordinator 3 h + 10 h.
    # par-1 and par-2 from 11 Jan: every 3rd week for three months, then every 5th → 7 meetings à 1.5 h.
    # par-3's own five meetings: 4 × 1.5 h + 2 h. par-4 from 25 Jan: 7 meetings à 1.5 h.
    meetings = 7 + 7 + 5 + 7
    hours = 7 * 1.5 + 7 * 1.5 + (4 * 1.5 + 2) + 7 * 1.5
    per_person = hours / 4 + 0.5 * meetings / 4 + 3  # four mentors and four mentees, one pair each
    found = figures(catalogue, "2027-ledere-runde-1")
    assert found["mentor"] == (4, pytest.approx(per_person))
    assert found["mentee"] == (4, pytest.approx(per_person))
    assert found["coordinator"] == (1, pytest.approx(3 + 10))


def test_typical_cohorts_follow_the_programme_design(catalogue: Catalogue) -> None:
    group = catalogue.programme("gruppementor")
    pairs = catalogue.programme("mentorordning-ledere")
    assert group is not None and pairs is not None
    typical = {r.key: r.per_person for r in typical_hours(group.programme)}
    # One group of six: homework after three of four meetings; 7 mentors' meetings of 1.5 h.
    assert typical == pytest.approx(
        {"mentor": 12 + 4 + 3 * 6 * 0.25 + 7 * 1.5 + 4, "mentee": 12 + 8, "coordinator": 7 * 1.5 + 4 + 15}
    )
    # One pair over six months: 8 meetings of 2 h (the guide's longest) from the rhythm.
    typical = {r.key: r.per_person for r in typical_hours(pairs.programme)}
    assert typical == pytest.approx({"mentor": 16 + 4 + 3, "mentee": 16 + 4 + 3, "coordinator": 13})


def test_every_figure_states_what_it_is_built_from(catalogue: Catalogue) -> None:
    for entry in catalogue.cohorts:
        programme = catalogue.programme(entry.programme)
        assert programme is not None
        for role in cohort_hours(entry, programme.programme):
            assert role.items and all(item.basis for item in role.items), (entry.id, role.key)


def test_cohort_and_programme_pages_show_the_table(catalogue: Catalogue) -> None:
    pages = {page.path: page for page in [*render_cohort_pages(catalogue), *render_pages(catalogue)]}
    page = pages["programmer/gruppementor/forloeb/2027-lederaspiranter-1/index.md"]
    table = BeautifulSoup(page.markdown, "html.parser").find("caption", string="Planlagte timer pr. rolle")
    assert table is not None
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.parent.find_all("tr")[1:]}
    assert rows["Mentee i alt"] == ["20", "6 i rollen: 120 timer i alt"]
    assert rows["Mentor: læsning af hjemmeopgaver"] == [  # the group's mentor is titled »Mentor« (issue 11)
        "6",
        "4 hjemmeopgaver × 6 mentees × 0,25 timer pr. besvarelse (ordningens skøn)",
    ]
    overview = pages["programmer/mentorordning-ledere/index.md"].markdown
    assert "Planlagte timer pr. rolle i et typisk forløb" in overview
    assert "8 møder à 2 timer" in overview


def test_mentor_timer_prints_the_same_as_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "timer", "gruppementor", "--excel"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    total = next(
        r for r in rows if r["forløb"] == "2027-lederaspiranter-1" and r["rolle"] == "mentee" and r["post"] == "i alt"
    )
    assert (total["personer"], total["timer_pr_person"], total["timer_i_alt"]) == ("6", "20", "120")
    assert {r["program"] for r in rows} == {"gruppementor"}
    assert {r["forløb"] for r in rows} == {"typisk", *GROUP_COHORTS}


def test_the_comparison_page_has_computed_hours_per_model(built_site: Path) -> None:
    cells = [
        td.get_text()
        for td in html(built_site, "modeller").find("th", string="Planlagte timer").find_next_siblings("td")
    ]  # the comparison table's row since issue 10; the group's mentor is titled »Mentor« (issue 11)
    assert cells[0] == "Pr. person i et typisk forløb af Mentorordning for ledere: mentor 23 timer, mentee 23 timer."
    assert cells[1] == "Pr. person i et typisk forløb af Gruppementorordning: mentor 35 timer, mentee 20 timer."
    # A network: its meetings from the design, for the process consultant and each participant.
    assert cells[3] == (
        "Pr. person i et typisk forløb af Netværk for nyansatte akademikere: "
        "proceskonsulent 18 timer, deltager 18 timer."
    )
