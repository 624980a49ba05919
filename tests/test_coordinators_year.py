"""Evaluation, results, the coordinators' plan and calendar, and the certificates (issue 12)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from macros.cli.commands import main
from macros.loading.catalogue import load_catalogue
from macros.rendering.coordinator_plan import coordinator_steps
from macros.rendering.evaluation import evaluation_dates
from macros.site.contents import render_site
from tests.conftest import ROOT, copy_project, html

COHORTS = {
    "2027-lederaspiranter-1": "gruppementor",
    "2027-lederaspiranter-2": "gruppementor",
    "2027-fungerende-ledere": "gruppementor",
    "2027-ledere-runde-1": "mentorordning-ledere",
}
FORMS = ("midt", "slut", "opfoelgning")


def folder(site: Path, cohort: str) -> Path:
    return site / "programmer" / COHORTS[cohort] / "forloeb" / cohort


def entry(cohort_id: str):  # type: ignore[no-untyped-def]
    catalogue = load_catalogue(ROOT)
    found = next(e for e in catalogue.cohorts if e.id == cohort_id)
    programme = catalogue.programme(found.programme)
    assert programme is not None
    return found, programme.programme


def test_evaluation_dates_follow_the_plan() -> None:
    # Meetings 17 Feb – 12 May 2027: halfway is 31 March; a week after the last is 19 May;
    # the cohort ends 15 June, so the follow-up is 15 December 2027 (all Wednesdays, working days).
    found, _ = entry("2027-lederaspiranter-1")
    assert evaluation_dates(found) == (dt.date(2027, 3, 31), dt.date(2027, 5, 19), dt.date(2027, 12, 15))
    # Pairs: first meeting 11 Jan, last 14 June (par-4) → 29 March (Easter Monday 2027 → Tuesday 30 March).
    found, _ = entry("2027-ledere-runde-1")
    assert evaluation_dates(found)[0] == dt.date(2027, 3, 30)


def test_checklist_runs_from_recruitment_to_follow_up_in_date_order() -> None:
    found, programme = entry("2027-lederaspiranter-1")
    steps = coordinator_steps(found, programme)
    assert [s.date for s in steps] == sorted(s.date for s in steps)
    titles = [s.title for s in steps]
    assert titles[0] == "Rekruttering afsluttet" and steps[0].date == dt.date(2026, 12, 23)  # 8 weeks before
    assert titles[-1] == "Opfølgning efter seks måneder"
    for needed in ("Grupperne er sat sammen", "Nærmeste ledere er orienteret", "Seminar for mentorerne"):
        assert needed in titles
    assert titles.index("Gruppemøde 4") < titles.index("Afslutning og deltagerbeviser")
    assert sum(t.startswith("Mentorernes møde") for t in titles) == 7


@pytest.mark.parametrize("cohort", sorted(COHORTS))
def test_every_cohort_has_questionnaires_as_page_and_documents(built_site: Path, cohort: str) -> None:
    base = folder(built_site, cohort)
    page = html(built_site, f"programmer/{COHORTS[cohort]}/forloeb/{cohort}/evaluering")
    headings = [h.get_text(" ", strip=True).removesuffix(" ¶") for h in page.select("article h2")]
    assert headings[:2] == ["Midtvejsevaluering", "Slutevaluering"] and headings[2].startswith("Opfølgning")
    _, programme = entry(cohort)
    criteria = programme.group.success_criteria if programme.group else programme.roles["mentee"].expectations
    for key in FORMS:
        text = "\n".join(p.text for p in Document(str(base / f"evaluering-{key}-{cohort}.docx")).paragraphs)
        assert "☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5" in text and "§§" not in text
        with zipfile.ZipFile(base / f"evaluering-{key}-{cohort}.odt") as odt:
            content = odt.read("content.xml").decode()
        assert "§§" not in content
        if key != "midt":
            assert all(" ".join(c.split())[:40] in text for c in criteria), key


@pytest.mark.parametrize("cohort", sorted(COHORTS))
def test_coordinator_page_and_calendar_exist_for_every_cohort(built_site: Path, cohort: str) -> None:
    page = html(built_site, f"programmer/{COHORTS[cohort]}/forloeb/{cohort}/tovholder")
    rows = page.select("table tbody tr")
    found, programme = entry(cohort)
    steps = coordinator_steps(found, programme)
    assert len(rows) == len(steps)
    data = (folder(built_site, cohort) / f"{cohort}-tovholder.ics").read_text(encoding="utf-8")
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [s.date for s in steps]
    assert all(len(e.walk("VALARM")) == 2 for e in events)
    parsed = vobject.readOne(data).vevent_list
    assert {e.summary.value for e in parsed} == {s.title for s in steps}
    assert all(e.dtstart.value == s.date for e, s in zip(parsed, steps, strict=True))


def test_cohort_page_links_the_new_pages_and_shows_dates_and_hours(built_site: Path) -> None:
    page = html(built_site, "programmer/gruppementor/forloeb/2027-lederaspiranter-1")
    section = page.find(id="evaluering")
    assert section is not None
    items = [li.get_text(" ", strip=True) for li in section.find_next("ul").find_all("li")]
    assert items[0] == (
        "Midtvejsevaluering: onsdag 31. marts 2027 – skemaet som Word (.docx) eller OpenDocument (.odt)"
    )
    links = {a["href"] for a in page.select("article a")}
    assert {"evaluering/", "tovholder/"} <= links
    assert page.find("caption", string="Planlagte timer pr. rolle") is not None
    assert page.find("caption", string="Resultater af evalueringerne") is None  # no results in the file
    plan = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in page.select(".mentor-plan tbody tr")]
    assert ["onsdag 31. marts 2027", "hele dagen", "Midtvejsevaluering", ""] in plan


def test_results_are_shown_when_filled_in(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project / "programmes/forloeb/2027/2027-fungerende-ledere.yaml"
    results = (
        "\nresults:\n  - moment: slut\n    invited: 6\n    answered: 5\n    satisfaction: 4.4\n    recommend: 80\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + results, encoding="utf-8")
    pages = {p.path: p for p in render_site(load_catalogue(project)).pages}
    markdown = pages["programmer/gruppementor/forloeb/2027-fungerende-ledere/index.md"].markdown
    table = BeautifulSoup(markdown, "html.parser").find("caption", string="Resultater af evalueringerne").parent
    row = [cell.get_text() for cell in table.select("tbody tr")[0].find_all(["th", "td"])]
    assert row == ["Slut", "5 af 6", "4,4", "–", "80 %"]


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ("  - moment: slut\n    invited: 3\n    answered: 5\n", "kan ikke være flere end invited"),
        ("  - moment: slut\n    invited: 3\n    answered: 2\n    comment: Mentee m01 var utilfreds\n", "'comment'"),
    ],
)
def test_results_take_numbers_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, results: str, expected: str
) -> None:
    project = copy_project(tmp_path)
    path = project / "programmes/forloeb/2027/2027-fungerende-ledere.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nresults:\n" + results, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    assert expected in capsys.readouterr().out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    found = copy_project(tmp_path / "projekt")
    shutil.copy2(ROOT / ".gitignore", found / ".gitignore")
    for command in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", "-C", str(found), *command], check=True, capture_output=True)
    return found


def names_file(path: Path, rows: str = "m01;Fiktiv Prøvesen\nmentor-b;Anden Fiktivsen\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"id;navn\n{rows}", encoding="utf-8")
    return path


def certificates(project: Path, cohort: str, names: Path, out: Path) -> int:
    """`mentor diplomer` for `cohort`: its exit code."""
    return main(["--root", str(project), "diplomer", cohort, "--navne", str(names), "--ud", str(out)])


def test_certificates_are_made_locally_per_person(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    names = names_file(project / "privat" / "navne.csv")
    out = project / "privat" / "beviser"
    assert certificates(project, "2027-lederaspiranter-1", names, out) == 0
    files = sorted(out.glob("*.pdf"))
    assert [f.name for f in files] == [
        "deltagerbevis-2027-lederaspiranter-1-m01.pdf",
        "deltagerbevis-2027-lederaspiranter-1-mentor-b.pdf",
    ]
    text = PdfReader(files[0]).pages[0].extract_text()
    assert "Fiktiv Prøvesen" in text and "har deltaget som mentee i" in text
    assert "Lederaspiranter, hold 1, forår 2027" in text
    assert "har deltaget som mentor i" in PdfReader(files[1]).pages[0].extract_text()  # titled »Mentor« (issue 11)


def test_a_network_cohort_gets_certificates_for_participants_and_the_consultant(project: Path) -> None:
    names = names_file(project / "privat" / "navne.csv", "n01;Fiktiv Prøvesen\nproceskonsulent-b;Anden Fiktivsen\n")
    out = project / "privat" / "beviser"
    assert certificates(project, "2027-fysisk-netvaerk-1", names, out) == 0
    texts = {f.name: PdfReader(f).pages[0].extract_text() for f in sorted(out.glob("*.pdf"))}
    assert "har deltaget som deltager i" in texts["deltagerbevis-2027-fysisk-netvaerk-1-n01.pdf"]
    consultant = texts["deltagerbevis-2027-fysisk-netvaerk-1-proceskonsulent-b.pdf"]
    assert "har deltaget som proceskonsulent i" in consultant and "mentor" not in consultant.lower()


@pytest.mark.parametrize(
    ("names_at", "out_at", "expected"),
    [
        ("privat/navne.csv", "site/beviser", "mappen ligger i site/, som udgives"),
        ("privat/navne.csv", "docs/beviser", "Mappen får deltagerbeviser med navne og må aldrig komme med"),
        ("programmes/navne.csv", "privat/beviser", "Filen har deltagernes navne og må aldrig komme med"),
    ],
)
def test_certificates_are_never_written_where_they_could_be_published(
    capsys: pytest.CaptureFixture[str], project: Path, names_at: str, out_at: str, expected: str
) -> None:
    names = names_file(project / names_at)
    out = project / out_at
    assert certificates(project, "2027-lederaspiranter-1", names, out) == 1
    assert expected in capsys.readouterr().out
    assert not out.exists()


def test_an_id_outside_the_cohort_is_explained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projekt")
    names = tmp_path / "navne.csv"
    names.write_text("id,navn\nm99,Fiktiv Prøvesen\n", encoding="utf-8")
    assert certificates(project, "2027-lederaspiranter-1", names, tmp_path / "ud") == 1
    assert "m99 er ikke med i forløbet 2027-lederaspiranter-1" in capsys.readouterr().out


@pytest.mark.slow
def test_the_new_page_types_are_valid_html(built_site: Path, tmp_path: Path) -> None:
    from tests.test_html_valid import check_html

    base = folder(built_site, "2027-ledere-runde-1")
    group = folder(built_site, "2027-lederaspiranter-1")
    pages = {"par": base, "hold": group, "evaluering": base / "evaluering", "tovholder": group / "tovholder"}
    for name, page in pages.items():
        shutil.copy2(page / "index.html", tmp_path / f"{name}.html")
    assert check_html(tmp_path) == []


def test_a_name_no_font_can_show_is_reported_at_its_line_in_the_names_file(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    names = names_file(project / "privat" / "navne.csv", "m01;Fiktiv Prøvesen\nmentor-b;Anden \U0001d11e Fiktivsen\n")
    assert certificates(project, "2027-lederaspiranter-1", names, project / "privat" / "beviser") == 1
    shown = capsys.readouterr().out
    assert f"{names}:3:1: fejl: navn: deltagerbeviset til mentor-b kunne ikke sættes:" in shown, shown
    assert "\U0001d11e" in shown and "Traceback" not in shown and "hæftet" not in shown
