"""The glossary holds: generated text uses one word for each thing, and Danish typography.

The real site is built once for the module. Every page's readable text, every DOCX
document and every calendar is searched for the variants the glossary forbids
(docs/ordliste.md and CONTRIBUTING.md), and for the generator slips the review found.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT

# Each rule: a name, and a pattern that must not occur in generated text for readers.
# RUNNING_ONLY rules look at running text only: tables and drawings keep their figures
# (»4 møder à 3 timer« in the hours table is a calculation, not a sentence).
FORBIDDEN = {
    "»runde« om et forløb": r"\brunde \d|\bmøderunde\w*|\bmellem runderne\b|\bnæste runde\b",
    "»program« om en ordning": r"(?i)\bprogram(?:met|mets|mer|merne|mernes)?\b",
    "»sitet« eller »repository«": r"(?i)\bsitet\b|\bsite\b|\brepositor(?:y|iet)\b|\bpull request\b",
    "interval med ens ender": r"\b(\d+(?:,\d+)?)\.?\s*[–-]\s*\1\b(?!\.\d)",
    "»fra måned«": r"\bfra måned \d",
    "»(beregnet)«": r"\(beregnet\)",
    "tal under ti med cifre i løbende tekst": (
        r"(?<![\d,])\b[1-9] (?:varianter|mentees|mentorer|møder|gruppemøder|evaluerings-|dage|måneder|timer|par)\b"
    ),
    "engelsk": r"Made with|Not found|\bMaterial for MkDocs\b|Åbn arkiv",
}
RUNNING_ONLY = {"tal under ti med cifre i løbende tekst"}
# Any spelling of »én til én« but the chosen one (a hyphen only before the last part).
ONE_TO_ONE = re.compile(r"\b[EeÉé]n[- ]til[- ][eé]n(?:-[\wæøå]+)?", re.IGNORECASE)
ALLOWED_ONE_TO_ONE = re.compile(r"^[Éé]n til én-(?:mentorordning|forløb)\w*$")


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """The shipped project, built once for the whole session (tests/conftest.py)."""
    return built_site


def _readable(path: Path, running: bool = False) -> str:
    """What a reader sees: the page without scripts, styles and the search index;
    `running`: also without tables and drawings."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style", "noscript", *(["table", "svg"] if running else [])]):
        tag.decompose()
    return soup.get_text(" ")


def _texts(site: Path, running: bool = False) -> dict[str, str]:
    texts = {str(p.relative_to(site)): _readable(p, running) for p in site.rglob("*.html")}
    for doc in site.rglob("*.docx"):
        xml = zipfile.ZipFile(doc).read("word/document.xml").decode("utf-8")
        if running:
            xml = re.sub(r"<w:tbl>.*?</w:tbl>", "", xml, flags=re.DOTALL)
        texts[str(doc.relative_to(site))] = re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n"))
    for ics in site.rglob("*.ics"):
        unfolded = ics.read_text(encoding="utf-8").replace("\r\n ", "")
        texts[str(ics.relative_to(site))] = unfolded.replace("\\n", " ").replace("\\,", ",")
    return texts


@pytest.fixture(scope="module")
def texts(site: Path) -> dict[str, str]:
    return _texts(site)


@pytest.fixture(scope="module")
def running_texts(site: Path) -> dict[str, str]:
    return _texts(site, running=True)


@pytest.mark.parametrize("rule", FORBIDDEN, ids=list(FORBIDDEN))
def test_no_forbidden_variant(texts: dict[str, str], running_texts: dict[str, str], rule: str) -> None:
    pattern = re.compile(FORBIDDEN[rule])
    searched = running_texts if rule in RUNNING_ONLY else texts
    hits = [f"{name}: »{m.group(0)}«" for name, text in searched.items() for m in pattern.finditer(text)]
    assert not hits, f"{rule}:\n" + "\n".join(hits[:20])


def test_one_spelling_of_en_til_en(texts: dict[str, str]) -> None:
    hits = [
        f"{name}: »{m.group(0)}«"
        for name, text in texts.items()
        for m in ONE_TO_ONE.finditer(text)
        if not ALLOWED_ONE_TO_ONE.match(m.group(0))
    ]
    assert not hits, "\n".join(hits[:20])


def test_titles_use_an_en_dash(site: Path) -> None:
    soup = BeautifulSoup(
        (site / "programmer/gruppementor/metode/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert soup.title is not None and soup.title.string == "Metode og tidsplan – Mentorhåndbogen"


def test_headings_use_the_definite_form(site: Path) -> None:
    headings = _readable(site / "programmer/gruppementor/roller/index.html")
    assert "Det kan tovholderne forvente" in headings
    assert "Det forpligter den nærmeste leder sig til" in headings
    assert "Det kan opdragsgiveren forvente" in headings
    assert "indgår i gruppementorordningen" in headings
    assert "Forløb i mentorordningen for ledere" in _readable(
        site / "programmer/mentorordning-ledere/forloeb/index.html"
    )


def test_the_glossary_is_on_the_site_and_in_contributing(site: Path) -> None:
    page = _readable(site / "ordliste/index.html")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for term in ("Ordning", "Forløb", "Hold", "Par", "Gruppemøde", "Deltager", "Tovholder", "Opdragsgiver",
                 "Nærmeste leder", "Proceskonsulent", "Netværksmøde"):  # fmt: skip
        assert term in page, term
        assert f"**{term}**" in contributing, term
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("a", href=re.compile(r"^ordliste/$")) is not None


def test_the_404_page_and_footer_are_danish(site: Path) -> None:
    page = _readable(site / "404.html")
    assert "Siden findes ikke" in page and "404 - Not found" not in page
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    footer = home.find("footer")
    assert footer is not None and "Made with" not in footer.get_text()
    links = [a.get_text(strip=True) for a in footer.select(".mentor-footer a")]
    assert links == ["Tilgængelighedserklæring", "Ingen cookies, ingen sporing"]
    # The source files are for contributors: not in the header (issue 15), but named in
    # Danish on »Om håndbogen«.
    assert home.select(".md-source") == []
    about = BeautifulSoup((site / "om-haandbogen/index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.find("a", string="Kildefilerne på GitHub") is not None


def test_the_detector_catches_each_variant() -> None:
    """The rules themselves: each finds the slip it is written for, in a sentence the review quotes."""
    samples = {
        "»runde« om et forløb": "Mentorordning for ledere, runde 1 2027",
        "»program« om en ordning": "Programmer",
        "»sitet« eller »repository«": "byg sitet igen",
        "interval med ens ender": "Et møde varer sædvanligvis 3–3 timer",
        "»fra måned«": "fra måned 0",
        "»(beregnet)«": "kl. 12.00 (beregnet)",
        "tal under ti med cifre i løbende tekst": "Forløbet kan tilrettelægges i 2 varianter.",
        "engelsk": "Made with Material for MkDocs",
    }
    for rule, sample in samples.items():
        assert re.search(FORBIDDEN[rule], sample), rule
    assert re.search(FORBIDDEN["interval med ens ender"], "hver 6.–6. uge")
    assert not re.search(FORBIDDEN["interval med ens ender"], "kl. 17.00–20.00")
    for wrong in ("Én-til-én-mentorordning", "én til én forløb", "en til en-mentorordning"):
        assert not ALLOWED_ONE_TO_ONE.match(ONE_TO_ONE.search(wrong).group(0)), wrong  # type: ignore[union-attr]


def test_running_text_leaves_out_tables_and_drawings_only(tmp_path: Path) -> None:
    page = tmp_path / "side.html"
    page.write_text(
        "<p>Et hold mødes 4 gange.</p><table><tr><td>4 møder à 3 timer</td></tr></table>"
        "<svg><text>Uge 4</text></svg><ul><li>2 timer</li></ul>",
        encoding="utf-8",
    )
    running = " ".join(_readable(page, running=True).split())
    assert running == "Et hold mødes 4 gange. 2 timer"
    assert "4 møder à 3 timer" in _readable(page)
