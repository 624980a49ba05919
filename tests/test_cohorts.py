"""Cohort files: loading, clear errors, the pages in the built site and the navigation."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from macros.loading.catalogue import load_catalogue
from macros.model import cohort as cohort_model
from macros.model.problems import ProblemsError
from tests.conftest import ROOT, copy_project, html

GROUP = "programmer/gruppementor"
PAIRS = "programmer/mentorordning-ledere"
SHIPPED = {
    "2027-fungerende-ledere": GROUP,
    "2027-lederaspiranter-1": GROUP,
    "2027-lederaspiranter-2": GROUP,
    "2027-ledere-runde-1": PAIRS,
    "2027-digitalt-netvaerk-1": "programmer/digitalt-netvaerk",
    "2027-fysisk-netvaerk-1": "programmer/fysisk-netvaerk",
}

MINIMAL = """\
programme: gruppementor
name: Prøvehold
start: 2027-02-01
end: 2027-06-30
mentors:
  - id: mentor-a
mentees:
  - id: m01
meetings:
  - id: moede-1
    date: 2027-02-17
    start: "17:00"
"""


def test_shipped_cohorts_load_without_warnings() -> None:
    catalogue = load_catalogue(ROOT)
    assert {entry.id: entry.programme for entry in catalogue.cohorts} == {
        cohort_id: path.rsplit("/", 1)[1] for cohort_id, path in SHIPPED.items()
    }
    assert [w for w in catalogue.warnings if w.file.startswith("programmes/forloeb/")] == []


def test_shipped_group_cohorts_follow_the_pilot() -> None:
    group = [e for e in load_catalogue(ROOT).cohorts if e.programme == "gruppementor"]
    assert sorted(e.cohort.variant or "" for e in group) == ["fungerende-ledere", "lederaspiranter", "lederaspiranter"]
    for entry in group:
        assert len(entry.cohort.mentees) == 6
        assert [m.end - m.start for m in entry.plan.meetings] == [
            entry.plan.meetings[0].end - entry.plan.meetings[0].start
        ] * 4
        assert all(m.start.hour >= 16 for m in entry.plan.meetings)  # after working hours
        gaps = [
            (b.start.date() - a.start.date()).days
            for a, b in zip(entry.plan.meetings, entry.plan.meetings[1:], strict=False)
        ]
        assert all(26 <= gap <= 35 for gap in gaps)  # about a month apart
        assert {m.meeting.kind for m in entry.plan.mentor_meetings} == {"evaluation", "planning"}


def test_cohort_files_point_editors_to_the_schema() -> None:
    from tests.test_schema import schema_of, settings_schema

    for path in (ROOT / "programmes" / "forloeb").rglob("*.yaml"):
        assert schema_of(path) == ROOT / "schema" / "cohort.schema.json"
        # Also without the comment line, which the form editor at /admin/ does not keep:
        assert settings_schema(path) == ROOT / "schema" / "cohort.schema.json"


def problems(tmp_path: Path, text: str, name: str = "2027-proeve.yaml") -> list[str]:
    project = copy_project(tmp_path)
    (project / "programmes" / "forloeb" / "2027" / name).write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_catalogue(project)
    return [p.format() for p in caught.value.problems]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'start: "17:00"',
            'start: "5:00"',
            ":12:5: fejl: meetings[0].start: '5:00' er ikke et klokkeslæt; skriv TT:MM",
        ),
        ("meetings:", "meetngs:", ":9:1: fejl: meetngs: 'meetngs' er ikke et kendt felt her. Mente du 'meetings'?"),
        ("  - id: m01\n", "  - id: M01\n", ":8:5: fejl: mentees[0].id: 'M01' må kun bestå af små bogstaver"),
        ("mentors:\n  - id: mentor-a\n", "", ":1:1: fejl: mentors: feltet 'mentors' mangler: skriv mindst én mentor"),
        ("end: 2027-06-30", "end: 2027-06-31", ":4:6: fejl: end: '2027-06-31' er ikke en gyldig dato"),
        (
            'start: "17:00"\n',
            'start: "17:00"\n    online: http://eksempel.example.org\n',
            ":13:5: fejl: meetings[0].online: 'http://eksempel.example.org' er ikke et gyldigt link",
        ),
        (
            'start: "17:00"\n',
            'start: "17:00"\n    homework:\n      shared: true\n',
            ":13:5: fejl: meetings[0].homework: en hjemmeopgave skal have mindst én opgave (tasks)",
        ),
    ],
    ids=["clock", "typo", "id", "missing", "date", "link", "empty homework"],
)
def test_bad_cohort_file_is_explained(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in MINIMAL
    found = problems(tmp_path, MINIMAL.replace(old, new, 1))
    assert any(f"programmes/forloeb/2027/2027-proeve.yaml{expected}" in p for p in found), found


def test_cohort_file_name_must_be_an_id(tmp_path: Path) -> None:
    found = problems(tmp_path, MINIMAL, name="Hold A.yaml")
    assert found == [
        "programmes/forloeb/2027/Hold A.yaml:1:1: fejl: filnavnet bliver forløbets adresse: "
        "brug kun små bogstaver a–z, tal og bindestreg"
    ]


def test_two_cohorts_with_one_id_in_a_programme(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "programmes" / "forloeb" / "2028").mkdir()
    for year in ("2027", "2028"):
        (project / "programmes" / "forloeb" / year / "hold-a.yaml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_catalogue(project)
    assert [p.format() for p in caught.value.errors] == [
        "programmes/forloeb/2028/hold-a.yaml:1:1: fejl: der er allerede et forløb med id'et 'hold-a' i "
        "programmes/forloeb/2027/hold-a.yaml; giv filen et andet navn"
    ]


# --- the built site --------------------------------------------------------------


@pytest.mark.parametrize("cohort_id", SHIPPED)
def test_every_cohort_has_a_page_that_edits_its_yaml(built_site: Path, cohort_id: str) -> None:
    soup = html(built_site, f"{SHIPPED[cohort_id]}/forloeb/{cohort_id}/")
    assert soup.h1 is not None
    edit = soup.select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None and edit["href"].endswith(f"/programmes/forloeb/2027/{cohort_id}.yaml")


@pytest.mark.parametrize("cohort_id", SHIPPED)
def test_cohort_page_links_its_calendars(built_site: Path, cohort_id: str) -> None:
    folder = built_site / SHIPPED[cohort_id] / "forloeb" / cohort_id
    links = [a["href"] for a in html(built_site, f"{SHIPPED[cohort_id]}/forloeb/{cohort_id}/").select("article a")]
    calendars = sorted(href for href in links if href.endswith(".ics") and ":" not in href)  # not the subscriptions
    expected = 4 if SHIPPED[cohort_id] == PAIRS else 2
    assert len(set(calendars)) == expected
    assert all((folder / href).is_file() for href in calendars)


def test_cohort_pages_stay_out_of_the_navigation(built_site: Path) -> None:
    for page in ("", f"{GROUP}/", f"{GROUP}/forloeb/2027-fungerende-ledere/"):
        nav = html(built_site, page).select_one("nav.md-nav--primary")
        assert nav is not None
        hrefs = [a.get("href", "") for a in nav.select("a")]
        assert not [h for h in hrefs if "forloeb/2027-" in h], page
        assert any(h.rstrip("/").endswith("forloeb") for h in hrefs), page  # the year list is in the nav


def test_cohorts_are_reached_from_the_programme_and_the_year_list(built_site: Path) -> None:
    overview = html(built_site, f"{GROUP}/")
    assert overview.select_one("article a[href='forloeb/']") is not None
    listing = html(built_site, f"{GROUP}/forloeb/")
    assert next(h.get_text(strip=True).rstrip("¶") for h in listing.select("article h2")) == "2027"
    targets = {a["href"] for a in listing.select("article a")}
    assert {"2027-fungerende-ledere/", "2027-lederaspiranter-1/", "2027-lederaspiranter-2/"} <= targets


def test_plan_table_is_accessible(built_site: Path) -> None:
    soup = html(built_site, f"{GROUP}/forloeb/2027-fungerende-ledere/")
    table = soup.select_one(".mentor-plan table")
    assert table is not None and table.caption is not None
    assert [th.get_text() for th in table.select("thead th[scope=col]")] == ["Dato", "Tid", "Hvad", "Sted"]
    rows = table.select("tbody tr")
    assert len(rows) == 4 + 3 + 7 + 3  # meetings, homework deadlines, mentors' meetings, evaluations (issue 12)
    assert all(row.select_one("th[scope=row]") for row in rows)
    assert rows[0].get_text(" ", strip=True).startswith("tirsdag 16. februar 2027 17.00–20.00 Møde 1")
    levels = [int(h.name[1]) for h in soup.select("article h1, article h2, article h3")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_page_shows_computed_due_dates(built_site: Path) -> None:
    text = html(built_site, f"{GROUP}/forloeb/2027-fungerende-ledere/").get_text(" ", strip=True)
    # three days before Tuesday 16 March is a Saturday: the deadline moves back to Friday
    assert "Frist fredag 12. marts 2027 kl. 16.00" in text and "(beregnet)" not in text
    text = html(built_site, f"{GROUP}/forloeb/2027-lederaspiranter-1/").get_text(" ", strip=True)
    assert "Frist onsdag 26. maj 2027 kl. 16.00" in text  # a fixed date after the last meeting


def test_the_models_docstring_example_is_a_valid_cohort(tmp_path: Path) -> None:
    """The example at the top of macros/model/cohort.py is what coordinators and the scaffold start from."""
    assert cohort_model.__doc__ is not None
    example = cohort_model.__doc__.split("group cohort:\n\n", 1)[1].split("\n\n", 1)[0]
    project = copy_project(tmp_path)
    text = "\n".join(line.removeprefix("    ") for line in example.splitlines()) + "\n"
    (project / "programmes" / "forloeb" / "2027" / "eksempel.yaml").write_text(text, encoding="utf-8")
    catalogue = load_catalogue(project)
    assert "eksempel" in {entry.id for entry in catalogue.cohorts}


def test_search_finds_a_cohort_by_its_name_and_introduction_not_by_each_section(built_site: Path) -> None:
    """The sections repeat the programme's words on every cohort page: with hundreds of cohorts they
    would bury the handbook's own pages, and at 10,000 cohorts they made the index some 100 MB."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    page = f"{GROUP}/forloeb/2027-fungerende-ledere/"
    entries = [doc for doc in docs if doc["location"].startswith(page)]
    assert [doc["location"] for doc in entries] == [page]
    assert entries[0]["title"] == "Fungerende ledere, forår 2027" and "afklare deres næste" in entries[0]["text"]
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert 'id="kalenderfiler"' in html and "Møde 1: Hvor står jeg" in html  # still on the page, only not indexed
    assert any(doc["location"].startswith(f"{GROUP}/kontrakt/#") for doc in docs)  # the handbook's sections are


def test_cohort_pages_rank_below_the_handbook_in_search(built_site: Path) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    boosts = {doc["location"].split("#")[0]: doc.get("boost", 1) for doc in docs}
    assert boosts[f"{GROUP}/forloeb/2027-fungerende-ledere/"] < 1
    assert boosts[f"{GROUP}/kontrakt/"] == 1
