"""One text policy where the files are loaded: characters, links, code fences and size.

Every text of a programme or cohort reaches pages, booklets, office documents and
calendars. Each case here is refused with one Danish message at the field's line,
so no output ever receives a control character, a bidi override or an unsafe link.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.loading.catalogue import load_catalogue
from macros.model.textpolicy import _PLAIN, check_text, check_text_fully
from macros.outputs.booklets import booklet_jobs, render_chapters
from macros.outputs.converters import DocumentOptions
from tests.conftest import ROOT, copy_project
from tests.refusal import refused
from tests.test_hostile import COHORT, PROGRAMME, VALID, cohort_with

CONTROL = "teksten indeholder et usynligt styretegn (U+{}); slet det"
BIDI = "teksten indeholder et usynligt tegn, der vender skriftretningen (U+{}); slet det"
NONCHAR = "teksten indeholder et tegn, der ikke er et bogstav eller tegn i nogen skrift (U+{}); slet det"
ONE_LINE = "teksten skal stå på én linje, men har et linjeskift eller en tabulator (U+000A); slet det"
LINK = (
    "linket '{}' er ikke tilladt; et link skal være en adresse med https://, "
    "en e-mailadresse (mailto:) eller en side i håndbogen"
)
INDENT = "en linje er rykket mere end 24 tegn ind; læg højst lister i seks lag"
FENCE = "en linje må ikke begynde med ``` eller ~~~ (kodeblokke bruges ikke i teksterne)"


def programme_case(field: str, value: str, message: str, column: int = 1) -> tuple[str, str, str, str]:
    """A programme with one more top-level text, refused at line 8."""
    return (PROGRAMME, VALID + f"{field}: {value}\n", f"{PROGRAMME}:8:{column}: fejl: {field}: {message}", field)


def role_title(value: str, message: str) -> tuple[str, str, str, str]:
    text = VALID + f"roles:\n  mentor:\n    title: {value}\n"
    return (PROGRAMME, text, f"{PROGRAMME}:10:5: fejl: roles.mentor.title: {message}", "role title")


def cohort_case(old: str, new: str, key: str, message: str) -> tuple[str, str, str, str]:
    text, line = cohort_with(old, new)
    column = len(new) - len(new.lstrip()) + 1
    return (COHORT, text, f"{COHORT}:{line}:{column}: fejl: {key}: {message}", key)


def cases() -> list[tuple[str, str, str, str]]:
    name = "name: Mentorordning for ledere, forår 2027"
    place, online = "        place: Rådhuset, mødelokale 4", "        online: https://moede.example.org/par-3"
    return [
        programme_case("about", r'"a\x01b"', CONTROL.format("0001")),
        programme_case("about", r'"farve \e[31m rød"', CONTROL.format("001B")),
        programme_case("about", r'"a\x7fb"', CONTROL.format("007F")),
        programme_case("about", r'"a\x85b"', CONTROL.format("0085")),
        programme_case("about", r'"a\u2028b"', CONTROL.format("2028")),
        programme_case("about", r'"a\uFFFEb"', NONCHAR.format("FFFE")),
        programme_case("about", r'"a\uFDD0b"', NONCHAR.format("FDD0")),
        programme_case("about", r'"fil\u202Etxt.exe"', BIDI.format("202E")),
        programme_case("about", "fil&#x202E;txt.exe (skrevet som tegnreference)", BIDI.format("202E")),
        programme_case("about", "Se [klik](javascript:alert(1)).", LINK.format("javascript:alert(1")),
        programme_case("about", r"Se [klik](javascript\:alert(1)).", LINK.format("javascript:alert(1")),
        programme_case("about", "Se [klik](javascript&#58;alert(1)).", LINK.format("javascript:alert(1")),
        programme_case("about", "Se [klik]( JAVA SCRIPT:x).", LINK.format("JAVASCRIPT:x")),
        programme_case("about", "'[a](data:text/html,x) og'", LINK.format("data:text/html,x")),
        programme_case("about", "Se [fil](file:///etc/passwd).", LINK.format("file:///etc/passwd")),
        programme_case("about", "Se <vbscript:msgbox>.", LINK.format("vbscript:msgbox")),
        programme_case("about", "Se [post](mailto:a<b@example.org).", LINK.format("mailto:a<b@example.org")),
        programme_case("about", "Se [net](//evil.example.org/).", LINK.format("//evil.example.org/")),
        programme_case("about", "|\n  [ref]: javascript:x\n  Et [link][ref].", LINK.format("javascript:x")),
        programme_case("about", "|\n  Før\n  ```\n  efter", FENCE),
        programme_case("about", "|\n" + "\n".join("  " + "  " * i + "- x" for i in range(50)), INDENT),
        programme_case("about", "'" + "- " * 13 + "x'", INDENT),
        programme_case("about", "'" + "[" * 101 + "'", "teksten har 101 tegn »[«; højst 100 er tilladt i én tekst"),
        programme_case("about", "'" + "*a " * 201 + "'", "teksten har 201 tegn »*«; højst 200 er tilladt i én tekst"),
        programme_case("about", '"' + "'a " * 101 + '"', "teksten har 101 tegn »'«; højst 100 er tilladt i én tekst"),
        programme_case("about", "'" + "<a " * 101 + "'", "teksten har 101 tegn »<«; højst 100 er tilladt i én tekst"),
        programme_case("about", "'" + "a` " * 101 + "'", "teksten har 101 tegn »`«; højst 100 er tilladt i én tekst"),
        programme_case("about", "'[a](" + "(" * 200 + "'", "teksten har 201 tegn »(«; højst 200 er tilladt i én tekst"),
        programme_case("about", "'" + ">" * 101 + " x'", "teksten har 101 tegn »>«; højst 100 er tilladt i én tekst"),
        programme_case("about", "'" + "{" * 1001 + "'", "teksten har 1001 tegn »{«; højst 1000 er tilladt i én tekst"),
        programme_case("about", "'" + "|" * 2001 + "'", "teksten har 2001 tegn »|«; højst 2000 er tilladt i én tekst"),
        programme_case("about", "|\n" + "  a\n  =\n" * 101,
                       "teksten har 101 overskrifter; højst 100 er tilladt i én tekst"),
        programme_case("about", "'" + "[" * 6 + "x" + "]" * 6 + "'",
                       "teksten har klammer »[« i 6 lag inden i hinanden; højst 5 er tilladt"),
        role_title("Mentor [x](vbscript:msgbox(1))", LINK.format("vbscript:msgbox(1")),
        role_title(r"Mentor [x](javascript\:alert(1))", LINK.format("javascript:alert(1")),
        role_title(r'"Mentor\tmed tab"', ONE_LINE.replace("U+000A", "U+0009")),
        cohort_case(name, r'name: "Runde 1\nBEGIN:VEVENT"', "name", ONE_LINE),
        cohort_case(name, r'name: "Runde \e]0;x\a"', "name", CONTROL.format("001B")),
        cohort_case(place, '        place: "Sal [x](javascript:alert(1))"', "pairs[2].meetings[0].place",
                    LINK.format("javascript:alert(1")),
        cohort_case(online, '        online: "https://moede.example.org/\\"><b>x</b>"', "pairs[2].meetings[2].online",
                    "'https://moede.example.org/\"><b>x</b>' er ikke et gyldigt link; det skal begynde med https://"),
        cohort_case(online, "        online: javascript:alert(1)", "pairs[2].meetings[2].online",
                    "'javascript:alert(1)' er ikke et gyldigt link; det skal begynde med https://"),
    ]  # fmt: skip


CASES = cases()


@pytest.mark.parametrize("file, content, expected, what", CASES, ids=[f"{c[3]}-{i}" for i, c in enumerate(CASES)])
def test_a_text_outside_the_policy_is_refused_at_its_line(
    tmp_path: Path, file: str, content: str, expected: str, what: str
) -> None:
    project = copy_project(tmp_path / "project")
    (project / file).write_text(content, encoding="utf-8")
    found = refused(project)
    assert found == [expected]


def test_a_contact_email_must_be_an_address(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shared = project / "programmes" / "_faelles.yaml"
    text = shared.read_text(encoding="utf-8")
    bad = '"x@example.org><img src=x onerror=alert(1)>"'
    shared.write_text(text.replace("email: mentorordning@example.org", f"email: {bad}"), encoding="utf-8")
    line = text[: text.index("email: mentorordning@example.org")].count("\n") + 1
    found = refused(project)
    message = (
        "'x@example.org><img src=x onerror=alert(1)>' er ikke en gyldig e-mailadresse; skriv fx mentor@example.org"
    )
    key = "coordination.contacts[0].email"
    assert found == [f"programmes/_faelles.yaml:{line}:9: fejl: {key}: {message}"]


def test_texts_are_normalised_to_nfc(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / PROGRAMME).write_text(VALID.replace("At teste.", "Cafe\u0301 i A\u030arhus."), encoding="utf-8")
    entry = load_catalogue(project).programme("proeve")
    assert entry is not None
    assert entry.programme.purpose == "Caf\u00e9 i \u00c5rhus."


def test_lists_at_the_deepest_allowed_still_make_a_booklet(tmp_path: Path) -> None:
    """The limit lies well below the nesting where Typst gives up (»maximum show rule depth«)."""
    project = copy_project(tmp_path / "project")
    deepest = "\n".join("  " + "    " * level + "- lag" for level in range(6))
    (project / PROGRAMME).write_text(VALID + f"about: |\n{deepest}\n", encoding="utf-8")
    entry = load_catalogue(project).programme("proeve")
    assert entry is not None
    chapters = render_chapters(entry)
    jobs = booklet_jobs(chapters, chapters.job().make(), DocumentOptions())
    assert jobs[0].make().startswith(b"%PDF")


def _texts(value: object) -> list[str]:
    """Every string in a YAML value."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _texts(item)]


SHIPPED_TEXTS = sorted(
    {text for path in (ROOT / "programmes").rglob("*.yaml") for text in _texts(yaml.safe_load(path.read_text("utf-8")))}
)
EDGES = ["a" * 99, "a" * 100, "Å\u030a", "x\u2028y", "- a", "   a", "1. a", "x'" * 60, "(" * 99]
EDGES += ["Møde 1: Hvor står jeg?", "x\ty", "a\nb", "Åbent hus"]


@pytest.mark.parametrize("one_line", [True, False])
def test_the_shortcut_for_plain_lines_answers_as_the_full_check_does(one_line: bool) -> None:
    """check_text skips its checks for short plain lines (the most common texts, and `mentor check`
    must stay under 2 s at 1,000 cohorts); it must never accept what the full check refuses."""
    for text in [*SHIPPED_TEXTS, *EDGES]:
        try:
            expected: str | None = check_text_fully(text, one_line)
        except ValueError:
            expected = None
        try:
            found: str | None = check_text(text, one_line)
        except ValueError:
            found = None
        assert found == expected, text
    assert sum(1 for text in SHIPPED_TEXTS if _PLAIN.fullmatch(text)) > len(SHIPPED_TEXTS) / 3  # it pays
