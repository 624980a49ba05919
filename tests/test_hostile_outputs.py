"""Every output escapes for its own reader: CI logs and terminals, calendars, office XML, paths.

The text policy keeps control characters out of the files; these tests check the second
line of defence at each writer, and the paths: no link leads outside the project, no name
that Windows reserves, and no published file lands outside the site folder.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest

from macros.cli.commands import main
from macros.outputs.converters import pandoc, reference_path
from macros.outputs.fill import fill_document, token
from macros.outputs.ics import fold, text, verbatim
from macros.rendering.safe_text import defuse_links, safe_markdown
from macros.site.worker import inside
from tests.conftest import copy_project
from tests.refusal import refused
from tests.test_hostile import COHORT, PROGRAMME, VALID

FORLOEB = "programmes/forloeb"
LINK = "filen er et link eller ikke en almindelig fil; læg selve filen her"


def test_values_in_messages_cannot_start_a_workflow_command_or_steer_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    hostile = r'"ja\n::add-mask::hemmelig\r\n::stop-commands::slut\e[2J\e]0;titel\a"'
    text = VALID + f"cross_organisational: {hostile}\n" + '"nøgle\\e[31m::warning::x": 1\n'
    (project / PROGRAMME).write_text(text, encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code = main(["--root", str(project), "check"])
    out, err = capsys.readouterr()
    assert code == 1
    lines = (out + err).splitlines()
    assert [line for line in lines if line.startswith("::")] == [
        line for line in lines if line.startswith(("::error ", "::warning "))
    ]
    assert len([line for line in lines if line.startswith("::error ")]) == 2
    assert not any(char in out + err for char in "\x1b\x07\r")
    assert "::add-mask::" not in out + err and "::stop-commands::" not in out + err
    assert (
        f"{PROGRAMME}:8:1: fejl: cross_organisational: forventede true eller false, men fik 'ja<U+000A>: :add-mask: :"
        in out
    )


def test_calendar_values_never_break_a_line_or_carry_control_characters() -> None:
    assert text("a\r\nb\x00c\x1bd;e\u2028f") == "a\\nb c d\\;e f"
    assert verbatim("Hold\r\nBEGIN:VEVENT\x00") == "Hold BEGIN:VEVENT"
    folded = fold("DESCRIPTION:" + text("æ\x07" * 200)).decode()
    assert all(ord(char) >= 32 or char in "\r\n " for char in folded)


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_filled_document_stays_well_formed_xml(kind: str) -> None:
    master = pandoc(f"# Prøve\n\n{token('forloeb')}\n", kind, [f"--reference-doc={reference_path(kind)}"])
    filled = fill_document(master, kind, {"forloeb": "Hold \x00\x01\x0b\ufffe A & <B>"})
    member = "word/document.xml" if kind == "docx" else "content.xml"
    ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(filled)).read(member))  # raises on malformed XML
    if kind == "docx":
        assert [p.text for p in docx.Document(io.BytesIO(filled)).paragraphs][-1] == "Hold  A & <B>"


def test_a_linked_folder_under_programmes_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside" / "2029"
    outside.mkdir(parents=True)
    (outside / "hemmelig.yaml").write_text((project / COHORT).read_text(encoding="utf-8"), encoding="utf-8")
    (project / "programmes" / "forloeb" / "2029").symlink_to(outside, target_is_directory=True)
    found = refused(project)
    assert found == ["programmes/forloeb/2029:1:1: fejl: mappen er et link; læg selve mappen og dens filer her"]


def test_a_linked_cohort_folder_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cohorts = project / "programmes" / "forloeb"
    cohorts.rename(tmp_path / "elsewhere")
    cohorts.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    found = refused(project)
    assert found and all(line.endswith(LINK) for line in found)
    assert len(found) == len(list((tmp_path / "elsewhere").rglob("*.yaml")))


RESERVED = "'{}' kan ikke bruges: Windows reserverer det (ligesom con, aux, nul, com1 og lpt1)"
NAMES = [
    ("programmes/con.yaml", VALID, f"programmes/con.yaml:1:1: fejl: filnavnet {RESERVED.format('con')}"),
    ("programmes/lpt1.yaml", VALID, f"programmes/lpt1.yaml:1:1: fejl: filnavnet {RESERVED.format('lpt1')}"),
    (f"{FORLOEB}/2027/aux.yaml", None, f"{FORLOEB}/2027/aux.yaml:1:1: fejl: filnavnet {RESERVED.format('aux')}"),
    (f"{FORLOEB}/nul/hold-x.yaml", None, f"{FORLOEB}/nul/hold-x.yaml:1:1: fejl: mappenavnet {RESERVED.format('nul')}"),
    (
        'programmes/forloeb/2027"onmouseover=alert(1)/hold-x.yaml',
        None,
        "programmes/forloeb/2027\"onmouseover=alert(1)/hold-x.yaml:1:1: fejl: "
        "mappenavnet bliver en del af redigeringslinkets adresse: brug kun små bogstaver a–z, tal og bindestreg",
    ),
]  # fmt: skip


@pytest.mark.parametrize("file, content, expected", NAMES, ids=[n[0] for n in NAMES])
def test_names_that_cannot_be_an_address_everywhere_are_refused(
    tmp_path: Path, file: str, content: str | None, expected: str
) -> None:
    project = copy_project(tmp_path / "project")
    target = project / file
    target.parent.mkdir(parents=True, exist_ok=True)
    cohort = (project / COHORT).read_text(encoding="utf-8").replace("id: par-", "id: x-par-")
    target.write_text(content or cohort, encoding="utf-8")
    found = refused(project)
    assert found == [expected]


def test_a_published_file_must_stay_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "programmer").mkdir(parents=True)
    (site / "programmer" / "ud").symlink_to(tmp_path, target_is_directory=True)
    assert inside(str(site), "programmer/gruppementor/forloeb/hold/hold-mentee.ics")
    for path in ["../x.ics", "/etc/x.ics", "programmer/../../x.ics", "programmer/ud/x.ics", "programmer\\..\\x"]:
        assert not inside(str(site), path), path


@pytest.mark.parametrize(
    "written", [r"[x](javascript\:alert(1))", "[x](javascript&#58;alert(1))", "[x](java&#x73;cript:alert(1))"]
)
def test_the_page_sanitiser_reads_escaped_schemes_as_pandoc_does(written: str) -> None:
    """Behind the load-time policy: a text that reached a template some other way is still defused."""
    assert defuse_links(written) == "x"
    html = pandoc(str(safe_markdown(written)), "html").decode()
    assert "href" not in html and "javascript" not in html.lower()
