"""The two network models for real: their own words, pages, cohorts, calendars and documents.

A network has participants and a process consultant, never a mentor or a mentee;
every page, booklet, document and calendar of a shipped network is read back from
the real build and checked for those words.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.loading.catalogue import load_catalogue
from macros.model.problems import ProblemsError
from macros.rendering.programme_pages import render_programme_pages
from tests.conftest import LOCAL_SETTINGS, ROOT, build_site, copy_project, html
from tests.test_schema import errors as schema_errors

NETWORKS = {"digitalt-netvaerk": "digital_network", "fysisk-netvaerk": "physical_network"}
# The handbook's own name (header, calendar PRODID and UIDs) is not a word about the model.
MENTOR_WORD = re.compile(r"\bment(?:or|ee)(?!håndbog|haandbog)\w*", re.IGNORECASE)


def mentor_words(text: str) -> list[str]:
    """Every »mentor«/»mentee« word in a text, apart from the handbook's name."""
    return MENTOR_WORD.findall(text)


def network_files(site: Path, slug: str) -> list[Path]:
    return sorted(p for p in (site / "programmer" / slug).rglob("*") if p.is_file())


def readable_text(path: Path) -> str:
    """What a reader sees in a built file: the page's article, the PDF's text, the document's XML text."""
    if path.suffix == ".html":
        article = html(path.parent, path.name).select_one("article")
        return article.get_text(" ") if article else ""
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)
    if path.suffix in (".docx", ".odt"):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".xml")]
            return " ".join(re.sub(r"<[^>]+>", " ", archive.read(n).decode("utf-8")) for n in names)
    if path.suffix == ".ics":
        unfolded = path.read_bytes().decode("utf-8").replace("\r\n ", "")
        return unfolded.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
    raise AssertionError(f"ukendt filtype: {path}")


def test_the_shipped_catalogue_has_one_programme_per_model() -> None:
    catalogue = load_catalogue(ROOT)
    models = {entry.programme.model for entry in catalogue.programmes}
    assert models == {"one_to_one", "group", "digital_network", "physical_network"}
    for slug, model in NETWORKS.items():
        entry = catalogue.programme(slug)
        assert entry is not None and entry.programme.model == model
        assert any(c.programme == slug and c.cohort.participants for c in catalogue.cohorts)


@pytest.mark.parametrize("slug", NETWORKS)
def test_every_file_of_a_network_is_free_of_mentor_words(built_site: Path, slug: str) -> None:
    files = network_files(built_site, slug)
    kinds = {p.suffix for p in files}
    assert {".html", ".pdf", ".docx", ".odt", ".ics"} <= kinds
    found = {p.relative_to(built_site).as_posix(): words for p in files if (words := mentor_words(readable_text(p)))}
    assert found == {}


def test_the_word_check_would_see_a_mentor(built_site: Path) -> None:
    """The same reading finds the words in a mentoring scheme, so the check above can fail."""
    page = built_site / "programmer" / "gruppementor" / "roller" / "index.html"
    assert len(mentor_words(readable_text(page))) > 10
    calendar = next((built_site / "programmer" / "gruppementor").rglob("*-mentor.ics"))
    assert mentor_words(readable_text(calendar))


@pytest.mark.parametrize("slug", NETWORKS)
def test_a_network_has_its_own_pages_and_not_the_mentor_pages(built_site: Path, slug: str) -> None:
    folder = built_site / "programmer" / slug
    assert (folder / "netvaerk" / "index.html").is_file()
    assert (folder / "aftale" / "index.html").is_file()
    assert not (folder / "laeringssprog").exists() and not (folder / "kontrakt").exists()
    roles = html(built_site, f"programmer/{slug}/roller/")
    titles = [h.get_text(" ", strip=True).removesuffix(" ¶") for h in roles.select("article h2")]
    assert titles[:2] == ["Deltager", "Proceskonsulent"]
    assert {"Tovholder", "Nærmeste leder"} <= set(titles)


def test_the_network_design_is_on_its_page(built_site: Path) -> None:
    digital = html(built_site, "programmer/digitalt-netvaerk/netvaerk/").select_one("article").get_text(" ")
    assert "Kommunens samarbejdsplatform" in digital and "løst tilknyttet" in digital
    physical = html(built_site, "programmer/fysisk-netvaerk/netvaerk/").select_one("article").get_text(" ")
    assert "fast tilknyttet" in physical and "seks netværksmøder à tre timer" in physical


def test_a_network_cohort_page_counts_participants_and_has_no_homework(built_site: Path) -> None:
    page = html(built_site, "programmer/fysisk-netvaerk/forloeb/2027-fysisk-netvaerk-1/")
    text = page.select_one("article").get_text(" ")
    assert "otte deltagere og én proceskonsulent" in text
    assert "seks netværksmøder" in text and "Netværksmøde 6: Afslutning og vejen videre" in text
    assert "hjemmeopgave" not in text.lower() and "frist" not in text.lower()
    headings = [h.get_text(" ", strip=True) for h in page.select("article h2")]
    assert any(h.startswith("Proceskonsulentens del") for h in headings)
    links = {a["href"] for a in page.select("article a")}
    assert {"2027-fysisk-netvaerk-1-deltager.ics", "2027-fysisk-netvaerk-1-proceskonsulent.ics"} <= links
    assert "aftale-2027-fysisk-netvaerk-1.docx" in links


def test_the_network_calendar_has_network_meetings(built_site: Path) -> None:
    folder = built_site / "programmer" / "digitalt-netvaerk" / "forloeb" / "2027-digitalt-netvaerk-1"
    text = readable_text(folder / "2027-digitalt-netvaerk-1-deltager.ics")
    assert text.count("BEGIN:VEVENT") == 4
    assert "SUMMARY:Netværksmøde 1 af 4: Velkommen i netværket" in text
    assert "URL:https://moede.example.org/netvaerk-nyansatte" in text
    consultant = readable_text(folder / "2027-digitalt-netvaerk-1-proceskonsulent.ics")
    assert "Fik alle sagt det, de kom for at sige?" in consultant


def test_the_network_agreement_is_filled_per_cohort(built_site: Path) -> None:
    folder = built_site / "programmer" / "fysisk-netvaerk" / "forloeb" / "2027-fysisk-netvaerk-1"
    for kind in ("docx", "odt"):
        text = readable_text(folder / f"aftale-2027-fysisk-netvaerk-1.{kind}")
        assert "Aftale for netværket" in text
        assert "Netværk for nyansatte, efterår 2027" in text
        assert "6. møde: torsdag 24. februar 2028 kl. 13.00–16.00, Rådhuset, mødelokale 3" in text
        assert "Proceskonsulent: ___" in text.replace("_" * 4, "___")


def _check(tmp_path: Path, cohort: str) -> ProblemsError:
    project = copy_project(tmp_path)
    (project / "programmes" / "forloeb" / "2027" / "2027-proeve.yaml").write_text(cohort, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_catalogue(project)
    return caught.value


def test_mentors_in_a_network_cohort_are_an_error_at_their_line(tmp_path: Path) -> None:
    cohort = (
        "programme: fysisk-netvaerk\nname: Prøve\nstart: 2027-09-01\nend: 2027-12-01\n"
        "mentors:\n  - id: mentor-a\nmentees:\n  - id: m01\n"
        'meetings:\n  - id: moede-1\n    date: 2027-09-02\n    start: "13:00"\n'
    )
    errors = _check(tmp_path, cohort).errors
    assert [(e.line, e.key) for e in errors] == [(5, "mentors")]
    assert "participants" in errors[0].message and "process_consultant" in errors[0].message


def test_a_process_consultant_in_a_one_to_one_round_is_an_error(tmp_path: Path) -> None:
    cohort = (
        "programme: mentorordning-ledere\nname: Prøve\nstart: 2027-09-01\nend: 2027-12-01\n"
        "process_consultant:\n  id: pk\nparticipants:\n  - id: d01\n  - id: d02\n"
    )
    errors = _check(tmp_path, cohort).errors
    assert any(e.key == "process_consultant" and "hører til netværk" in e.message for e in errors)


def test_a_renamed_role_that_inherits_texts_is_a_warning(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project / "programmes" / "mentorordning-ledere.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "roles:\n  mentor:\n",
            "roles:\n  coordinator:\n    title: Netværksværter\n  mentor:\n",
        ),
        encoding="utf-8",
    )
    warnings = [w for w in load_catalogue(project).warnings if w.code == "inherited-role-texts"]
    assert len(warnings) == 1
    assert warnings[0].key == "roles.coordinator.title"
    assert "»Netværksværter«" in warnings[0].message and "»Tovholder«" in warnings[0].message
    assert "beskrivelsen, forventningerne og forpligtelserne" in warnings[0].message


def test_a_network_built_strictly_from_a_fresh_programme(tmp_path: Path) -> None:
    """A new network programme with only its own keys gets network words from the shared file."""
    project = copy_project(tmp_path)
    source = (project / "programmes" / "fysisk-netvaerk.yaml").read_text(encoding="utf-8")
    own = source.split("\nroles:")[0] + "\nnetwork:" + source.split("\nnetwork:")[1].split("\nat_a_glance:")[0]
    (project / "programmes" / "fysisk-netvaerk.yaml").write_text(own + "\n" + LOCAL_SETTINGS, encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    for path in network_files(project / "site", "fysisk-netvaerk"):
        if path.suffix in (".html", ".ics"):
            assert mentor_words(readable_text(path)) == [], path


NETWORK_COHORT = """\
programme: fysisk-netvaerk
name: Prøve
start: 2027-09-01
end: 2027-12-01
process_consultant:
  id: pk
participants:
  - id: d01
  - id: d02
meetings:
  - id: moede-1
    date: 2027-09-02
    start: "13:00"
"""


def test_the_schema_accepts_a_network_cohort_and_rejects_one_with_mentors(tmp_path: Path) -> None:
    assert schema_errors("cohort.schema.json", NETWORK_COHORT, tmp_path) == []
    with_mentors = NETWORK_COHORT + "mentors:\n  - id: mentor-a\n"
    assert schema_errors("cohort.schema.json", with_mentors, tmp_path) != []
    without_consultant = NETWORK_COHORT.replace("process_consultant:\n  id: pk\n", "")
    assert schema_errors("cohort.schema.json", without_consultant, tmp_path) != []


def test_the_schema_describes_the_network_section() -> None:
    schema = json.loads((ROOT / "schema" / "programme.schema.json").read_text(encoding="utf-8"))
    network = schema["$defs"]["NetworkDesignPartial"]["properties"]
    assert {"platform", "meeting_place", "consultant", "size", "start", "end", "contributions"} <= set(network)
    assert schema["$defs"]["ConsultantAttachmentPartial"]["properties"]["kind"]["enum"] == ["loose", "fixed"]


def test_a_network_can_ask_for_the_mentor_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project / "programmes" / "digitalt-netvaerk.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nextra_pages: [learning_languages]\n", encoding="utf-8")
    entry = load_catalogue(project).programme("digitalt-netvaerk")
    assert entry is not None
    names = [page.path.rsplit("/", 1)[1] for page in render_programme_pages(entry)]
    assert "laeringssprog.md" in names and "kontrakt.md" not in names and "aftale.md" in names
