"""The guidance a coordinator needs to run a programme, and the checks that keep it honest.

The site is built once for the module; the checks run `mentor check --strict` on copies
of the project that a test changes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.cli.commands import main
from tests.conftest import copy_project, html

GUIDANCE = {
    "foerste-og-sidste-moede": {"mentorordning-ledere", "gruppementor"},
    "naar-det-ikke-fungerer": {"mentorordning-ledere", "gruppementor"},
    "matchning": {"mentorordning-ledere"},
    "gruppemoedet": {"gruppementor"},
    "naermeste-leder": {"mentorordning-ledere", "gruppementor"},
    "arbejdstid-og-data": {"mentorordning-ledere", "gruppementor"},
    "mentorens-vaerktoejer": {"mentorordning-ledere", "gruppementor"},
    "evaluering": {"mentorordning-ledere", "gruppementor"},
}


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """The shipped project, built once for the whole session (tests/conftest.py)."""
    return built_site


def text(site: Path, page: str) -> str:
    article = html(site, page).find("article")
    assert article is not None
    return re.sub(r"\s+", " ", article.get_text(" "))


@pytest.mark.parametrize("page", GUIDANCE)
def test_guidance_is_linked_from_every_programme_it_applies_to(site: Path, page: str) -> None:
    for slug in ("mentorordning-ledere", "gruppementor"):
        overview = html(site, f"programmer/{slug}/")
        linked = overview.find("a", href=f"{page}/") is not None
        assert linked == (slug in GUIDANCE[page]), (slug, page)
        assert (site / f"programmer/{slug}/{page}/index.html").exists() == (slug in GUIDANCE[page])


def test_first_and_last_meeting_fit_the_model(site: Path) -> None:
    pairs = text(site, "programmer/mentorordning-ledere/foerste-og-sidste-moede/")
    group = text(site, "programmer/gruppementor/foerste-og-sidste-moede/")
    assert "Udfyld kontrakten sammen" in pairs and "gruppeaftalen" not in pairs
    assert "gruppeaftalen" in group and "personlige samtale" in group
    assert "kunne blive spurgt som mentor" in group


def test_not_working_has_signs_no_fault_ending_and_the_limits_of_confidentiality(site: Path) -> None:
    pairs = text(site, "programmer/mentorordning-ledere/naar-det-ikke-fungerer/")
    group = text(site, "programmer/gruppementor/naar-det-ikke-fungerer/")
    for page in (pairs, group):
        assert "Faresignaler" in page and "Afslutning uden skyld" in page
        assert "whistleblowerordningen" in page and "psykologordning" in page
    assert "ny mentor" in pairs and "dominerer" not in pairs
    assert "dominerer" in group and "krise" in group


def test_the_group_meeting_has_a_three_hour_plan_with_a_break(site: Path) -> None:
    page = html(site, "programmer/gruppementor/gruppemoedet/")
    cells = [td.get_text(strip=True) for td in page.select("article table td")]
    assert "Pause." in cells and cells[-2].endswith("3.00")
    assert "Læs aldrig en besvarelse højt" in text(site, "programmer/gruppementor/gruppemoedet/")


def test_the_manager_gets_a_page_and_a_letter(site: Path) -> None:
    for slug in ("mentorordning-ledere", "gruppementor"):
        page = text(site, f"programmer/{slug}/naermeste-leder/")
        assert "Det må lederen spørge om" in page and "Det spørger lederen ikke om" in page
        letter = site / f"programmer/{slug}/brev-til-leder-{slug}.docx"
        xml = zipfile.ZipFile(letter).read("word/document.xml").decode("utf-8")
        plain = re.sub(r"<[^>]+>", "", xml)
        assert "Det må du gerne spørge om" in plain and "mentorordning@example.org" in plain
        assert (site / f"programmer/{slug}/brev-til-leder-{slug}.odt").exists()
        assert html(site, f"programmer/{slug}/naermeste-leder/").find("a", href=f"../brev-til-leder-{slug}.docx")


def test_settings_are_shown_as_the_coordinators_wrote_them(site: Path) -> None:
    page = text(site, "programmer/gruppementor/arbejdstid-og-data/")
    assert "tæller ikke som arbejdstid" in page and "sletter dem senest en måned" in page


def test_mentor_tools_have_open_questions_advice_and_limits(site: Path) -> None:
    page = html(site, "programmer/mentorordning-ledere/mentorens-vaerktoejer/")
    questions = [li.get_text() for li in page.select("article li") if li.get_text().strip().endswith("?")]
    assert len(questions) >= 10
    words = text(site, "programmer/mentorordning-ledere/mentorens-vaerktoejer/")
    assert "Når mentee insisterer på et råd" in words and "ikke en opgave for mentorordningen" in words


def test_homework_facts_stand_apart_from_the_tasks(site: Path) -> None:
    page = html(site, "programmer/gruppementor/forloeb/2027-lederaspiranter-1/")
    for ordered in page.select("article ol"):
        assert "Frist" not in ordered.get_text()
    terms = [dt.get_text(strip=True) for dt in page.select("article dl dt")]
    assert terms.count("Frist") == 4 and "Bruges til" in terms


def strict_check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(project), "check", "--strict"])
    return code, capsys.readouterr().out


def replace(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{path.name} no longer has {old!r}: update this test"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def test_the_check_reminds_when_a_local_setting_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = copy_project(tmp_path)
    programme = project / "programmes/mentorordning-ledere.yaml"
    content = programme.read_text(encoding="utf-8")
    programme.write_text(content[: content.index("\nworking_hours:")] + "\n", encoding="utf-8")
    code, out = strict_check(project, capsys)
    assert code == 1
    assert "advarsel: working_hours: feltet 'working_hours' er tomt: skriv, om møder og forberedelse" in out
    assert "advarsel: data_storage: feltet 'data_storage' er tomt: skriv, hvor besvarelser" in out


def test_the_check_warns_when_a_group_inherits_a_text_about_pairs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = copy_project(tmp_path)
    programme = project / "programmes/gruppementor.yaml"
    content = programme.read_text(encoding="utf-8")
    start = content.index("  coordinator:\n")
    programme.write_text(content[:start] + content[content.index("  manager:\n") :], encoding="utf-8")
    code, out = strict_check(project, capsys)
    assert code == 1
    assert "roles.coordinator.description: teksten arves fra programmes/_faelles.yaml og taler om et par" in out


def test_homework_after_the_last_meeting_needs_a_receiver_and_a_purpose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = copy_project(tmp_path)
    cohort = project / "programmes/forloeb/2027/2027-lederaspiranter-1.yaml"
    replace(cohort, "      receiver: mentor\n", "")
    code, out = strict_check(project, capsys)
    assert code == 1
    assert re.search(r"2027-lederaspiranter-1\.yaml:\d+:\d+: fejl: meetings\[3\]\.homework: hjemmeopgaven efter", out)
    assert "hvem der modtager den (receiver)" in out and "purpose" not in out.split("receiver")[1].split("\n")[0]


def test_a_deadline_after_the_cohort_ends_is_still_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project = copy_project(tmp_path)
    replace(project / "programmes/forloeb/2027/2027-lederaspiranter-1.yaml", "due: 2027-05-26", "due: 2027-07-01")
    code, out = strict_check(project, capsys)
    assert code == 1 and "forløbets slutning" in out


def test_reader_pages_have_no_maintainer_instructions(site: Path) -> None:
    for page in ("", "om-haandbogen/", "programmer/gruppementor/forloeb/", "programmer/mentorordning-ledere/forloeb/"):
        words = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = words.find("article")
        assert article is not None
        content = article.get_text(" ")
        for technical in ("programmes/", "YAML", "pull request", "repository", "blyanten", "Sådan tilføjer du"):
            assert technical not in content, (page, technical)
    sources = text(site, "om-haandbogen/")
    assert "»Mentorskab for ledere«" in sources and "udgivet af Aalborg Kommune, HR og Arbejdsmiljø" in sources
    assert "»Gruppementorordning«" in sources and "udgivet af KL og DJØF" in sources


def test_evaluation_follows_the_success_criteria_and_keeps_answers_anonymous(site: Path) -> None:
    group = text(site, "programmer/gruppementor/evaluering/")
    assert "Kommunen udvikler flere kvinder til topledelse" in group
    assert "Efter et halvt til et helt år" in group and "aldrig om, hvad den enkelte har sagt" in group
