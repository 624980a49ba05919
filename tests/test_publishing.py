"""Published like a Danish public body: the statement in every footer, was/, the own look, no third parties."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from macros.rendering.legal import MISSING_STATEMENT
from macros.site.brand import DEFAULT_ACCENT, DEFAULT_PRIMARY, WHITE, colour_problems, contrast
from tests.conftest import ROOT, copy_project, html, run_mkdocs

STATEMENT = "https://www.was.example.org/mentorhaandbog"
COHORT = "programmer/gruppementor/forloeb/2027-lederaspiranter-1/"
PAIRS = "programmer/mentorordning-ledere/forloeb/2027-ledere-runde-1/"


def pages(site: Path) -> list[Path]:
    """Every page with the theme around it (was/ is a bare redirect)."""
    return [p for p in site.rglob("*.html") if p.parent.name != "was"]


def test_every_page_links_the_statement_in_its_footer(built_site: Path) -> None:
    missing = []
    for path in pages(built_site):
        footer = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("footer")
        link = footer.find("a", string="Tilgængelighedserklæring") if footer else None
        if link is None or link["href"] != STATEMENT:
            missing.append(path.relative_to(built_site).as_posix())
    assert len(pages(built_site)) >= 25
    assert missing == []


def test_was_redirects_to_the_statement_with_a_link_to_follow(built_site: Path) -> None:
    soup = html(built_site, "was/")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None and refresh["content"] == f"0; url={STATEMENT}"
    assert soup.html is not None and soup.html["lang"] == "da"
    assert soup.find("a", href=STATEMENT).get_text() == "Tilgængelighedserklæring"


def test_no_generator_credit_and_no_repository_in_the_header(built_site: Path) -> None:
    for path in pages(built_site):
        text = path.read_text(encoding="utf-8")
        assert "Made with" not in text and "squidfunk" not in text, path
        soup = BeautifulSoup(text, "html.parser")
        assert soup.select(".md-source") == [], path  # no repository link in the header or the menu


def test_about_page_says_what_the_site_stores_and_links_the_sources(built_site: Path) -> None:
    soup = html(built_site, "om-haandbogen/")
    section = soup.find(id="hvad-hjemmesiden-gemmer")
    assert section is not None
    words = soup.get_text(" ")
    assert "ingen cookies" in words and "sporing" in words and "andre servere" in words
    source = soup.find("a", string="Kildefilerne på GitHub")
    assert source is not None and source["href"] == "https://github.com/example-kommune/mentorhaandbog"
    privacy = html(built_site, "").select_one("footer a[href$='#hvad-hjemmesiden-gemmer']")
    assert privacy is not None and privacy["href"] == "om-haandbogen/#hvad-hjemmesiden-gemmer"


def test_pages_load_nothing_from_other_servers(built_site: Path) -> None:
    """Scripts, styles, fonts and images all come from the site itself (theme.font: false, no CDN)."""
    outside = []
    for path in pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[rel~=stylesheet], link[rel~=preconnect], img[src], iframe"):
            address = tag.get("src") or tag.get("href") or ""
            if re.match(r"^(https?:)?//", address):
                outside.append(f"{path.name}: {address}")
    assert outside == []
    styles = " ".join(p.read_text(encoding="utf-8") for p in (built_site / "assets" / "stylesheets").glob("*.css"))
    assert "fonts.googleapis" not in styles


def test_the_look_is_our_own(built_site: Path) -> None:
    soup = html(built_site, "")
    assert soup.body is not None and soup.body["data-md-color-primary"] == "custom"
    logo = soup.select_one(".md-header .md-logo img")
    assert logo is not None and logo["src"].endswith("assets/images/logo.svg") and logo["alt"] == ""
    assert (built_site / "assets" / "images" / "logo.svg").read_text(encoding="utf-8").startswith("<svg")
    brand = (built_site / "assets" / "stylesheets" / "brand.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {DEFAULT_PRIMARY}" in brand and f"--md-accent-fg-color: {DEFAULT_ACCENT}" in brand
    assert "Eksempel Kommune" in soup.select_one("footer").get_text()


def test_default_colours_pass_wcag_aa_and_faint_ones_are_reported() -> None:
    assert contrast(DEFAULT_PRIMARY, WHITE) >= 4.5 and contrast(DEFAULT_ACCENT, WHITE) >= 4.5
    assert round(contrast("#000000", WHITE), 1) == 21.0
    assert colour_problems(DEFAULT_PRIMARY, DEFAULT_ACCENT) == []
    faint = colour_problems("#7fb3d5", DEFAULT_ACCENT)
    assert len(faint) == 1 and faint[0].startswith("colour_primary: #7fb3d5") and "4.5:1" in faint[0]
    assert "er ikke en farve" in colour_problems("blå", DEFAULT_ACCENT)[0]


def card_facts(card: Any) -> dict[str, str]:
    """A card's facts: each term and its description."""
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in card.select("dt")}


def test_front_page_shows_the_programmes_as_cards(built_site: Path) -> None:
    cards = html(built_site, "").select(".mentor-cards li")
    names = [card.h3.a.get_text(strip=True) for card in cards]
    assert names == [
        "Digitalt netværk for nyansatte akademikere",
        "Netværk for nyansatte akademikere",
        "Gruppementorordning",
        "Mentorordning for ledere",
    ]
    digital, physical, group, pair = (card_facts(card) for card in cards)
    assert digital["Model"] == "Digitalt netværk med løst tilknyttet proceskonsulent"
    assert digital["Deltagere"] == "6–15 deltagere og en proceskonsulent"
    assert digital["Periode"] == "Fem måneder med fire netværksmøder"
    assert physical["Periode"] == "Syv måneder med seks netværksmøder"
    assert group["Model"] == "Gruppementorordning"
    assert group["Deltagere"] == "Én mentor og fire til syv mentees i hver gruppe"
    assert group["Periode"] == "Fire måneder med fire gruppemøder"
    assert group["Forløb"] == "Tre forløb"
    assert cards[2].h3.a["href"] == "programmer/gruppementor/"
    assert pair["Model"] == "Én til én-mentorordning"
    assert pair["Deltagere"] == "Én mentor og én mentee i hvert par"
    assert pair["Periode"] == "januar–juni 2027 (seneste forløb)"


def drawn(svg: BeautifulSoup, selector: str) -> int:
    """How many marks the timeline draws, not counting the legend's."""
    return len([mark for mark in svg.select(selector) if mark.find_parent("g", class_="tl-legend") is None])


def _svg(site: Path, page: str) -> BeautifulSoup:
    svg = html(site, page).select_one("svg.mentor-timeline-svg")
    assert svg is not None and svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id) is not None and svg.find("desc", id=desc_id).get_text()
    return svg


def test_a_cohort_timeline_draws_what_the_plan_table_lists(built_site: Path) -> None:
    svg = _svg(built_site, COHORT)
    rows = html(built_site, COHORT).select(".mentor-plan tbody tr")
    kinds = {"circle.tl-meeting": "Møde ", "path.tl-deadline": "Frist", ".tl-mentors, .tl-evaluation": "Mentorernes"}
    for selector, start in kinds.items():
        listed = [r for r in rows if r.select_one("td[data-label=Hvad]").get_text().startswith(start)]
        assert drawn(svg, selector) == len(listed) > 0, selector


def test_a_pair_cohort_has_a_lane_per_pair(built_site: Path) -> None:
    svg = _svg(built_site, PAIRS)
    assert [t.get_text() for t in svg.select(".tl-lane")] == ["Par 1", "Par 2", "Par 3", "Par 4"]
    tables = html(built_site, PAIRS).select(".mentor-plan")
    assert drawn(svg, "circle.tl-meeting") == sum(len(t.select("tbody tr")) for t in tables)


def test_the_method_page_draws_the_phases_and_lists_them(built_site: Path) -> None:
    svg = _svg(built_site, "programmer/gruppementor/metode/")
    assert drawn(svg, "circle.tl-meeting") == 4
    items = [
        li.get_text(" ", strip=True) for li in html(built_site, "programmer/gruppementor/metode/").select("article li")
    ]
    assert any(item.startswith("Uge 4: 1. gruppemøde (tre timer)") for item in items)
    # The closing phase (macros/rendering/plans.py): drawn after the last meeting, listed and described.
    assert drawn(svg, "rect.tl-phase") == 2
    assert [item for item in items if item.startswith("Uge ")][-1].startswith("Uge 17: Afslutning: hele forløbet")
    desc = svg.find("desc")
    assert desc is not None and "Til sidst evalueres hele forløbet." in desc.get_text()


@pytest.fixture(scope="module")
def unbranded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project without the statement, with a faint colour and markup in the organisation's name."""
    project = copy_project(tmp_path_factory.mktemp("unbranded"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    settings = "\n      colour_primary: '#7fb3d5'\n      organisation: 'Ond <b>Kommune</b> & Co'"
    text = re.sub(r"\n\s*accessibility_statement: \S+", settings, text)
    config.write_text(text, encoding="utf-8")
    return project


def test_without_a_statement_strict_fails_with_a_danish_explanation(unbranded: Path) -> None:
    result = run_mkdocs(unbranded, "build", "--strict", "--site-dir", str(unbranded / "strict"))
    assert result.returncode != 0
    assert MISSING_STATEMENT in result.stderr
    assert "WAS" in MISSING_STATEMENT and "hver side" in MISSING_STATEMENT
    assert "colour_primary: #7fb3d5" in result.stderr


def test_without_a_statement_a_plain_build_warns_and_links_nothing(unbranded: Path) -> None:
    result = run_mkdocs(unbranded, "build", "--site-dir", str(unbranded / "site"))
    assert result.returncode == 0 and "accessibility_statement mangler" in result.stderr
    site = unbranded / "site"
    assert not (site / "was").exists()
    assert html(site, "").find("a", string="Tilgængelighedserklæring") is None
    footer = html(site, "").select_one("footer .md-copyright__highlight")
    assert footer is not None and footer.find("b") is None and "Ond <b>Kommune</b> & Co" in footer.get_text()
    assert DEFAULT_PRIMARY in (site / "assets" / "stylesheets" / "brand.css").read_text(encoding="utf-8")


def test_the_shipped_config_has_an_example_statement() -> None:
    assert f"accessibility_statement: {STATEMENT}" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
