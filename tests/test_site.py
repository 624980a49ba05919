"""The real site, built from the shipped programmes, read back as HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import html

ONE_TO_ONE = "mentorordning-ledere"
GROUP = "gruppementor"
COMMON_PAGES = ["", "roller/", "moedeguide/", "laeringssprog/", "kontrakt/", "fortrolighed/", "tovholdere/"]
GROUP_PAGES = ["metode/", "varianter/", "opmaerksomhed/", "resultater/"]


@pytest.mark.parametrize("page", ["", "modeller/", "programmer/", "om-haandbogen/"])
def test_site_pages_exist_in_danish(built_site: Path, page: str) -> None:
    soup = html(built_site, page)
    assert soup.html is not None and soup.html["lang"] == "da"
    assert soup.find("h1") is not None


@pytest.mark.parametrize(
    "slug, page", [(ONE_TO_ONE, p) for p in COMMON_PAGES] + [(GROUP, p) for p in COMMON_PAGES + GROUP_PAGES]
)
def test_programme_pages_exist_and_edit_their_yaml(built_site: Path, slug: str, page: str) -> None:
    soup = html(built_site, f"programmer/{slug}/{page}")
    edit = soup.select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None
    assert edit["href"].endswith(f"/edit/main/programmes/{slug}.yaml")


def test_one_to_one_has_no_group_pages(built_site: Path) -> None:
    for page in GROUP_PAGES:
        assert not (built_site / "programmer" / ONE_TO_ONE / page).exists()


def test_hand_written_pages_edit_their_markdown(built_site: Path) -> None:
    edit = html(built_site, "modeller/").select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None and edit["href"].endswith("/edit/main/docs/modeller.md")


@pytest.mark.parametrize("slug", [ONE_TO_ONE, GROUP])
def test_learning_languages_table_has_languages_as_columns(built_site: Path, slug: str) -> None:
    table = html(built_site, f"programmer/{slug}/laeringssprog/").select_one(".mentor-languages table")
    assert table is not None
    columns = [th.get_text(strip=True) for th in table.select("thead th[scope=col]")]
    assert columns == ["Instruktion", "Rådgivning", "Vejledning", "Coaching"]
    rows = table.select("tbody tr")
    assert [row.select_one("th[scope=row]").get_text(strip=True) for row in rows] == [
        "Mentor siger typisk",
        "Mentors styring og ansvar",
        "Mentees ejerskab og ansvar",
    ]
    assert all(len(row.select("td")) == 4 for row in rows)
    assert table.caption is not None


def test_front_page_lists_both_programmes(built_site: Path) -> None:
    soup = html(built_site, "")
    links = {a["href"] for a in soup.select("article a")}
    assert f"programmer/{ONE_TO_ONE}/" in links
    assert f"programmer/{GROUP}/" in links


def test_model_comparison_has_four_models(built_site: Path) -> None:
    table = html(built_site, "modeller/").select_one(".mentor-models table")
    assert table is not None
    assert len(table.select("thead th[scope=col]")) == 4
    headers = [th.get_text(strip=True) for th in table.select("tbody th[scope=row]")]
    assert "Deltagere pr. mentor eller proceskonsulent" in headers and "Mødemønster" in headers and "Roller" in headers


def test_group_variants_side_by_side(built_site: Path) -> None:
    table = html(built_site, f"programmer/{GROUP}/varianter/").select_one(".mentor-table table")
    assert table is not None
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Lederaspiranter", "Fungerende ledere"]


def test_one_to_one_shows_only_its_models_roles(built_site: Path) -> None:
    soup = html(built_site, f"programmer/{ONE_TO_ONE}/roller/")
    assert soup.find(id="mentor") is not None
    assert soup.find(id="process-consultant") is None


def test_navigation_has_a_section_per_programme(built_site: Path) -> None:
    nav = html(built_site, "").select_one("nav.md-nav--primary")
    assert nav is not None
    text = nav.get_text(" ", strip=True)
    assert "Mentorordning for ledere" in text and "Gruppementorordning" in text


def test_no_external_assets(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        soup = html(built_site, str(page.relative_to(built_site)))
        for tag in soup.select("link[rel~=stylesheet], link[rel~=icon], link[rel~=preload], script[src], img[src]"):
            url = tag.get("href") or tag.get("src")  # canonical and alternate links are not assets
            assert not str(url).startswith(("http://", "https://", "//")), (page, url)


SHARED_EDIT = "https://github.com/example-kommune/mentorhaandbog/edit/main/programmes/_faelles.yaml"


def source_note(soup: object) -> str:
    """The text of the page's »Hvor står teksten?« note, or '' without one; its links in <>."""
    for note in soup.select(".admonition.note"):  # type: ignore[attr-defined]
        if "Hvor står teksten?" in note.get_text():
            links = " ".join(f"<{a['href']}>" for a in note.select("a[href]"))
            return " ".join(note.get_text().split()) + " " + links
    return ""


@pytest.mark.parametrize("slug, page", [(GROUP, "laeringssprog/"), (ONE_TO_ONE, ""), (ONE_TO_ONE, "kontrakt/")])
def test_a_page_of_inherited_texts_says_they_stand_in_the_shared_file(built_site: Path, slug: str, page: str) -> None:
    note = source_note(html(built_site, f"programmer/{slug}/{page}"))
    assert f"programmes/{slug}.yaml" in note and "programmes/_faelles.yaml" in note
    assert f"<{SHARED_EDIT}>" in note  # the shared file's own edit link


@pytest.mark.parametrize("page", ["", "kontrakt/"])
def test_a_page_of_the_programmes_own_texts_has_no_note(built_site: Path, page: str) -> None:
    assert source_note(html(built_site, f"programmer/{GROUP}/{page}")) == ""  # gruppementor.yaml writes them


def test_the_model_comparison_says_which_file_holds_which_part(built_site: Path) -> None:
    note = source_note(html(built_site, "modeller/"))
    assert "under models i programmes/_faelles.yaml" in note and f"<{SHARED_EDIT}>" in note
    assert f"programmes/{GROUP}.yaml" in note and f"programmes/{ONE_TO_ONE}.yaml" in note
