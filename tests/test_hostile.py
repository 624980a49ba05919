"""Hostile and broken input gives one clear Danish message, quickly and in bounded memory.

Programme and cohort files arrive in pull requests. Each case here checks the exact
message; the heavy ones also run the real build in a child process with a CPU and
memory limit and check that it wrote nothing outside its output folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import subprocess
import sys
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from macros.loading.catalogue import load_catalogue
from macros.model.problems import ProblemsError
from macros.site.page_cache import FILE_NAME as PAGE_CACHE
from tests.conftest import MINIMAL_PROGRAMME, ROOT, copy_project
from tests.refusal import check_limited, refused

VALID = MINIMAL_PROGRAMME
PROGRAMME = "programmes/proeve.yaml"
GROUP = "programmes/gruppementor.yaml"
COHORT = "programmes/forloeb/2027/2027-ledere-runde-1.yaml"
ALIASES = "ankre og aliaser (& og *) bruges ikke i disse filer; skriv værdien ud"
NOT_UTF8 = "filen er ikke gemt som UTF-8; gem den igen med tegnsættet UTF-8 (æ, ø og å skal kunne læses)"
NOT_BOOL = "forventede true eller false, men fik '{}' (skriv true eller false)"
NOT_A_DATE = "'2027-02-30' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, fx 2027-03-01)"
BAD_ID = "må kun bestå af små bogstaver a–z, tal og bindestreg (højst 63 tegn)"
MIB = 1024 * 1024


def shipped(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def alias_bomb() -> str:
    """The YAML "billion laughs": nine levels of nine aliases each."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        this, below = chr(97 + level), chr(96 + level)
        lines.append(f"{this}: &{this} [{', '.join([f'*{below}'] * 9)}]")
    return "\n".join(lines) + "\n"


def replaced(path: str, old: str, new: str) -> str:
    text = shipped(path)
    assert old in text, f"{old!r} står ikke længere i {path}; ret testen"
    return text.replace(old, new, 1)


def group_with(old: str, new: str) -> tuple[str, int]:
    text = replaced(GROUP, old, new)
    return text, line_of(text, new)


def cohort_with(old: str, new: str) -> tuple[str, int]:
    text = replaced(COHORT, old, new)
    return text, line_of(text, new)


def cases() -> list[tuple[str, str, Callable[[], str | bytes], Callable[[], list[str]]]]:
    """(id, file, content, expected messages): content and messages are made when the test runs."""
    deep = "[" * 100_000 + "]" * 100_000
    return [
        ("alias bomb", PROGRAMME, alias_bomb, lambda: [f"{PROGRAMME}:1:4: fejl: a: {ALIASES}"]),
        (
            "alias",
            PROGRAMME,
            lambda: VALID.replace("purpose: At teste.", "purpose: &p At teste.").replace(
                "strategy: Ingen.", "strategy: *p"
            ),
            lambda: [f"{PROGRAMME}:4:10: fejl: purpose: {ALIASES}"],
        ),
        (
            "deep flow nesting",
            PROGRAMME,
            lambda: VALID + "about: " + deep + "\n",
            lambda: [f"{PROGRAMME}:8:48: fejl: about…: filen er for dybt indlejret (over 40 niveauer)"],
        ),
        (
            "deep indentation",
            PROGRAMME,
            lambda: VALID + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(100)) + " " * 200 + "x: 1\n",
            lambda: [f"{PROGRAMME}:48:81: fejl: k0.k1.k2…: filen er for dybt indlejret (over 40 niveauer)"],
        ),
        (
            "unclosed nesting",
            PROGRAMME,
            lambda: VALID + "about: " + "{a: " * 500_000 + "\n",
            lambda: [f"{PROGRAMME}:8:165: fejl: about…: filen er for dybt indlejret (over 40 niveauer)"],
        ),
        (
            "very large file",
            PROGRAMME,
            lambda: VALID + "# " + "x" * (3 * MIB) + "\n",
            lambda: [f"{PROGRAMME}:1:1: fejl: filen er for stor (3072 KiB); største tilladte størrelse er 2048 KiB"],
        ),
        (
            "too many items",
            PROGRAMME,
            lambda: VALID + "about:\n" + "- a\n" * 250_000,
            lambda: [f"{PROGRAMME}:199992:3: fejl: about[199983]: filen har for mange elementer (over 200.000)"],
        ),
        (
            "duplicate key",
            PROGRAMME,
            lambda: VALID + "summary: Igen.\n",
            lambda: [
                f"{PROGRAMME}:8:1: fejl: summary: nøglen 'summary' står to gange (første gang i linje 3); slet den ene"
            ],
        ),
        (
            "yaml 1.1 no",
            PROGRAMME,
            lambda: VALID + "cross_organisational: no\n",
            lambda: [f"{PROGRAMME}:8:1: fejl: cross_organisational: {NOT_BOOL.format('no')}"],
        ),
        (
            "yaml 1.1 on",
            PROGRAMME,
            lambda: VALID + "cross_organisational: on\n",
            lambda: [f"{PROGRAMME}:8:1: fejl: cross_organisational: {NOT_BOOL.format('on')}"],
        ),
        (
            "yaml 1.1 octal",
            GROUP,
            lambda: group_with("  meeting_count: 4\n", "  meeting_count: 010\n")[0],
            lambda: [
                f"{GROUP}:{group_with('  meeting_count: 4', '  meeting_count: 010')[1]}:3: fejl: group.meeting_count: "
                "forventede et helt tal, men fik '010' (skriv tallet uden foranstillet nul)"
            ],
        ),
        (
            "yaml 1.1 sexagesimal",
            PROGRAMME,
            lambda: VALID + "meeting_guide:\n  length:\n    min: 1:30\n    max: 2\n",
            lambda: [
                f"{PROGRAMME}:10:5: fejl: meeting_guide.length.min: forventede et tal, men fik '1:30' "
                "(klokkeslæt og varigheder skrives som tal eller i anførselstegn)"
            ],
        ),
        (
            "wrong type: list for a mapping",
            PROGRAMME,
            lambda: VALID + "roles: [mentor, mentee]\n",
            lambda: [f"{PROGRAMME}:8:1: fejl: roles: forventede et afsnit med felter, men fik en liste"],
        ),
        (
            "wrong type: text for a list",
            PROGRAMME,
            lambda: VALID + "meeting_guide:\n  agenda: Bare en tekst\n",
            lambda: [
                f"{PROGRAMME}:9:3: fejl: meeting_guide.agenda: forventede en liste (linjer der begynder med »- «), "
                "men fik 'Bare en tekst'"
            ],
        ),
        (
            "wrong type: a tag",
            PROGRAMME,
            lambda: VALID + "about: !!python/object:os.system echo\n",
            lambda: [
                f"{PROGRAMME}:8:8: fejl: about: mærket '!!python/object:os.system' bruges ikke i disse filer; fjern det"
            ],
        ),
        (
            "impossible date",
            PROGRAMME,
            lambda: VALID.replace("summary: Et lille program til test.", "summary: 2027-02-30"),
            lambda: [f"{PROGRAMME}:3:10: fejl: summary: {NOT_A_DATE}"],
        ),
        (
            "impossible cohort date",
            COHORT,
            lambda: cohort_with("start: 2027-01-11", "start: 2027-02-30")[0],
            lambda: [
                f"{COHORT}:{cohort_with('start: 2027-01-11', 'start: 2027-02-30')[1]}:8: fejl: start: {NOT_A_DATE}"
            ],
        ),
        *[
            (
                f"cohort id {bad!r}",
                COHORT,
                lambda bad=bad: cohort_with("  - id: mentor-a", f"  - id: {bad}")[0],
                lambda bad=bad: [
                    f"{COHORT}:{cohort_with('  - id: mentor-a', f'  - id: {bad}')[1]}:5: "
                    f"fejl: mentors[0].id: '{bad}' {BAD_ID}"
                ],
            )
            for bad in ["../../etc", "mentor/a", "mentor a"]
        ],
        (
            "variant id with ../",
            GROUP,
            lambda: group_with("    - id: ", "    - id: ../../etc #")[0],
            lambda: [
                f"{GROUP}:{group_with('    - id: ', '    - id: ../../etc #')[1]}:7: fejl: group.variants[0].id: "
                f"'../../etc' {BAD_ID}"
            ],
        ),
        (
            "file name with a dot",
            "programmes/hold.a.yaml",
            lambda: VALID,
            lambda: [
                "programmes/hold.a.yaml:1:1: fejl: filnavnet bliver programmets adresse: "
                "brug kun små bogstaver a–z, tal og bindestreg"
            ],
        ),
        (
            "cohort file name with a space",
            "programmes/forloeb/2027/hold a.yaml",
            lambda: shipped(COHORT),
            lambda: [
                "programmes/forloeb/2027/hold a.yaml:1:1: fejl: filnavnet bliver forløbets adresse: "
                "brug kun små bogstaver a–z, tal og bindestreg"
            ],
        ),
        (
            "latin-1",
            PROGRAMME,
            lambda: (VALID + "audience: Ældre\n").encode("latin-1"),
            lambda: [f"{PROGRAMME}:1:1: fejl: {NOT_UTF8}"],
        ),
        (
            "latin-1 further down",
            PROGRAMME,
            lambda: VALID.encode() + "about: Ældre\n".encode("latin-1"),
            lambda: [f"{PROGRAMME}:8:1: fejl: {NOT_UTF8}"],
        ),
        ("utf-16", PROGRAMME, lambda: VALID.encode("utf-16"), lambda: [f"{PROGRAMME}:1:1: fejl: {NOT_UTF8}"]),
        (
            "control character",
            PROGRAMME,
            lambda: VALID + "about: a\x00b\n",
            lambda: [f"{PROGRAMME}:8:9: fejl: filen indeholder et usynligt styretegn (U+0000); slet det"],
        ),
        (
            "empty file",
            PROGRAMME,
            lambda: "",
            lambda: [f"{PROGRAMME}:1:1: fejl: filen er tom: den skal indeholde felter som `name: …`"],
        ),
        (
            "only comments",
            PROGRAMME,
            lambda: "# kun en kommentar\n\n",
            lambda: [f"{PROGRAMME}:1:1: fejl: filen er tom: den skal indeholde felter som `name: …`"],
        ),
        (
            "two documents",
            PROGRAMME,
            lambda: VALID + "---\nname: x\n",
            lambda: [
                f"{PROGRAMME}:8:1: fejl: filen kan ikke læses som YAML: "
                "filen må kun indeholde ét dokument (fjern »---« midt i filen)"
            ],
        ),
    ]


CASES = cases()
HEAVY = ["alias bomb", "deep flow nesting", "unclosed nesting", "very large file", "too many items"]


def load_problems(project: Path, measure: bool = True) -> tuple[list[str], int]:
    """The formatted problems of loading `project`, and the peak of Python memory it took."""
    if measure:
        tracemalloc.start()
    try:
        load_catalogue(project)
        found: list[str] = []
    except ProblemsError as exc:
        found = [problem.format() for problem in exc.problems]
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return found, peak


@pytest.mark.parametrize("name, file, content, expected", CASES, ids=[c[0] for c in CASES])
def test_hostile_input_gives_one_clear_message(
    tmp_path: Path,
    name: str,
    file: str,
    content: Callable[[], str | bytes],
    expected: Callable[[], list[str]],
) -> None:
    project = copy_project(tmp_path / "project")
    target = project / file
    data = content()
    target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    found, peak = load_problems(project, measure=name not in HEAVY)  # tracing 200,000 items is slow
    assert found == expected()
    assert peak < 64 * MIB  # a bound, not a measurement: 30× the largest file allowed


@pytest.mark.parametrize("name, file, content, expected", CASES, ids=[c[0] for c in CASES])
def test_mentor_check_refuses_within_5_seconds_and_512_mib(
    tmp_path: Path,
    name: str,
    file: str,
    content: Callable[[], str | bytes],
    expected: Callable[[], list[str]],
) -> None:
    project = copy_project(tmp_path / "project")
    data = content()
    (project / file).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    assert refused(project) == expected()


def test_the_limits_of_the_check_bite(tmp_path: Path) -> None:
    """The helper itself: a check that needs more memory or CPU than allowed fails the test."""
    project = copy_project(tmp_path / "project")
    _, file, content, _ = next(case for case in CASES if case[0] == "too many items")
    (project / file).write_text(str(content()), encoding="utf-8")
    for limits in ({"memory": 60 * MIB}, {"seconds": 0}):
        with pytest.raises(AssertionError, match="mentor check svarede ikke inden for grænserne"):
            check_limited(project, **limits)


def test_a_link_to_a_file_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    secret = tmp_path / "secret.yaml"
    secret.write_text(VALID, encoding="utf-8")
    (project / PROGRAMME).symlink_to(secret)
    message = "filen er et link eller ikke en almindelig fil; læg selve filen her"
    assert refused(project) == [f"{PROGRAMME}:1:1: fejl: {message}"]


def test_yaml_1_1_words_stay_text_where_text_is_wanted(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = VALID.replace("summary: Et lille program til test.", "summary: no").replace(
        "strategy: Ingen.", "strategy: 010"
    )
    (project / PROGRAMME).write_text(text.replace("audience: Testere.", "audience: 1:30"), encoding="utf-8")
    programme = load_catalogue(project).programme("proeve")
    assert programme is not None
    assert (programme.programme.summary, programme.programme.strategy, programme.programme.audience) == (
        "no",
        "010",
        "1:30",
    )


# The heavy cases again, through the real build in a child process with hard limits.
CPU_SECONDS = 120  # a runaway bound for the child, far above what a build takes; not a timing test
ADDRESS_SPACE = 3 * 1024 * MIB
PEAK_RSS = 400 * MIB


def run_limited(command: list[str], cwd: Path) -> tuple[int, str, int]:
    """Run `command` with CPU and memory limits; return its exit code, stderr and peak resident memory."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=limits)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return process.returncode, err.read().decode("utf-8", "replace"), usage.ru_maxrss * 1024


def snapshot(folder: Path, skip: tuple[str, ...]) -> dict[str, str]:
    """Every file under `folder` (except the `skip` folders) with a hash of its content."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and not path.relative_to(folder).as_posix().startswith(skip)
    }


@pytest.mark.slow
@pytest.mark.parametrize("name", HEAVY)
def test_the_build_stops_on_heavy_input_within_limits(tmp_path: Path, name: str) -> None:
    _, file, content, expected = next(case for case in CASES if case[0] == name)
    project = copy_project(tmp_path / "project")
    data = content()
    (project / file).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    before = snapshot(tmp_path, ())
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")]
    code, stderr, peak = run_limited(command, project)
    assert code != 0
    assert expected()[0] in stderr
    assert "Traceback" not in stderr
    assert peak < PEAK_RSS
    assert snapshot(tmp_path, ("project/site/",)) == before


# Text from a pull request with HTML, scripts and unsafe links in every kind of field.
# `PWNED` marks each payload: if a browser ran one, it would set window.__pwned.
# Unsafe links and control characters are refused where the text is loaded (tests/test_hostile_text.py);
# what the policy lets through must still be harmless on every page and in every document.
HOSTILE_PROGRAMME = r"""
name: "Ond <script>window.__pwned=1</script><img src=x onerror=window.__pwned=2> {{ 7 * 7 }}"
organisation: '<iframe src="javascript:window.__pwned=3"></iframe> Kommune'
summary: "Se [klik](https://example.org/klik'onmouseover=window.__pwned=4) og <b onclick=window.__pwned=5>
  fed</b> {% raw %}."
purpose: |
  [ref]: https://example.org/?a='onclick='window.__pwned=6
  Et [referencelink][ref] og <svg onload=window.__pwned=7>.

  - [liste][r2]
  - [r2]: mailto:tovholder@example.org

  Tekst med attributter
  {: onclick=window.__pwned=9 }

  *fed*{ onmouseover=window.__pwned=10 } og [et link](https://example.org){: onclick=window.__pwned=11 }
strategy: "[mellemrum]( https://example.org ) og &#106;avascript:window.__pwned=13"
audience: '<a href="javascript:window.__pwned=14">rå HTML</a> &lt;b&gt; &#106;avascript:'
about: "<style>body{display:none}</style>"
model: one_to_one
working_hours: "<script>window.__pwned=30</script> <a href='javascript:window.__pwned=31'>tid</a>"
data_storage: "<img src=x onerror=window.__pwned=32>"
roles:
  mentor:
    title: "Mentor <img src=x onerror=window.__pwned=16>"
    expectations: ["<script>window.__pwned=17</script>"]
    obligations: []
    description: "<script>window.__pwned=15</script> [x](mailto:tovholder@example.org)"
coordination:
  intro: '<base href="https://evil.example.org/"><meta http-equiv="refresh" content="0;url=javascript:PWNED">'
  duties: ["<object data=javascript:PWNED></object><embed src=javascript:PWNED>"]
  contacts:
    - role: "Tovholder <script>window.__pwned=17</script>"
      unit: "HR"
      email: tovholder@example.org
"""
HOSTILE_COHORT = {
    "programme: mentorordning-ledere": "programme: ondsindet",
    "name: Mentorordning for ledere, forår 2027": 'name: "Hold </title><script>window.__pwned=20</script>"',
    "place: Rådhuset, mødelokale 4": 'place: "<img src=x onerror=window.__pwned=21> [x](https://example.org/x)"',
    "theme: Forventninger og kontrakt": 'theme: "<script>window.__pwned=22</script>"',
    "online: https://moede.example.org/par-3": 'online: "https://moede.example.org/par-3?x=\'onmouseover=window.__pwned=23"',
}
SAFE_SCHEMES = {"http", "https", "mailto", "tel", "webcal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcdoc"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}  # the theme has a search <form>


def scheme_of(url: str) -> str:
    """The scheme a browser sees: it drops tabs and line breaks and leading control characters."""
    cleaned = "".join(ch for ch in url if ch not in "\t\n\r").lstrip("".join(map(chr, range(33))))
    head = cleaned.split(":", 1)[0]
    return head.lower() if ":" in cleaned and head.replace("+", "").replace("-", "").replace(".", "").isalnum() else ""


def hostile_project(dest: Path) -> Path:
    """The shipped project plus a hostile programme and a hostile cohort for it."""
    project = copy_project(dest)
    (project / "programmes" / "ondsindet.yaml").write_text(HOSTILE_PROGRAMME.lstrip(), encoding="utf-8")
    cohort = shipped(COHORT)
    for old, new in HOSTILE_COHORT.items():
        assert old in cohort, f"{old!r} står ikke længere i {COHORT}; ret testen"
        cohort = cohort.replace(old, new)
    (project / "programmes" / "forloeb" / "2027" / "2027-ondsindet.yaml").write_text(cohort, encoding="utf-8")
    return project


def build_hostile_site(root: Path) -> Path:
    """Build the hostile project under `root` for real; the build may write only to site/ and its cache."""
    project = hostile_project(root / "project")
    before = snapshot(root, ())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MENTOR_CACHE_DIR": str(root / "cache")}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert snapshot(root, ("project/site/", "cache/")) == before
    kept = {path.name for path in (root / "cache").rglob("*") if path.is_file()}
    assert kept and all(name.endswith(".bin") or name == PAGE_CACHE for name in kept)  # documents, converted pages
    return project / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile project, built once for this module."""
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def _statement(tag: Any) -> bool:
    """was/'s redirect to the accessibility statement set in mkdocs.yml (not in any YAML): allowed."""
    return bool(tag.get("content") == "0; url=https://www.was.example.org/mentorhaandbog")


def unsafe_markup(page: Path) -> list[str]:
    """What in one built page could run a script or lead a reader to one."""
    found = []
    for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(True):
        if tag.name in FORBIDDEN_TAGS or (tag.name == "meta" and tag.get("http-equiv") and not _statement(tag)):
            found.append(f"<{tag.name}>")
        if tag.name in ("script", "style") and ("pwned" in tag.get_text().lower() or "display:none" in tag.get_text()):
            found.append(f"<{tag.name}> med indhold fra YAML")
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"{tag.name}[{name}]")
            elif name.lower() in URL_ATTRIBUTES and scheme_of(text) not in SAFE_SCHEMES | {""}:
                found.append(f"{tag.name}[{name}={text[:40]}]")
    return found


def test_no_script_from_yaml_reaches_any_page(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    found = {page.relative_to(hostile_site).as_posix(): unsafe_markup(page) for page in pages}
    assert (hostile_site / "programmer" / "ondsindet" / "index.html").exists()
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_html_from_yaml_is_shown_as_text(hostile_site: Path) -> None:
    page = BeautifulSoup((hostile_site / "programmer/ondsindet/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1 is not None
    assert "Ond <script>window.__pwned=1</script>" in page.h1.get_text()
    assert "<iframe" in page.get_text()


def test_generated_text_is_never_run_as_a_macro(hostile_site: Path) -> None:
    """A programme's `{{ … }}` and `{% … %}` are text: generated pages go through Jinja once, and
    what a page macro prints (the programme list on the front page) is not expanded again."""
    for page in ("programmer/ondsindet/index.html", "index.html"):
        text = BeautifulSoup((hostile_site / page).read_text(encoding="utf-8"), "html.parser").get_text()
        assert "{{ 7 * 7 }}" in text and "Ond <script>window.__pwned=1</script>" in text, page
    summary = BeautifulSoup((hostile_site / "index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    assert "{% raw %}" in summary


def test_no_unsafe_link_reaches_any_document(hostile_site: Path) -> None:
    """Calendars, office documents and PDFs made from the hostile files carry no script or unsafe link."""
    found = []
    for path in sorted(hostile_site.rglob("*")):
        name = path.relative_to(hostile_site).as_posix()
        if path.suffix in (".docx", ".odt"):
            with zipfile.ZipFile(path) as archive:
                xml = "\n".join(
                    archive.read(n).decode("utf-8", "replace")
                    for n in archive.namelist()
                    if n.endswith(".xml") or n.endswith(".rels")
                )
            targets = re.findall(r'(?:Target|xlink:href)="([^"]*)"', xml)
            found += [f"{name}: {t}" for t in targets if scheme_of(t) not in SAFE_SCHEMES | {""}]
            found += [
                f"{name}: makro" for tag in ("<office:script", "<script:event-listener", "vbaProject") if tag in xml
            ]
        elif path.suffix == ".pdf":
            reader = PdfReader(path)
            text = str(reader.trailer["/Root"].get_object())
            found += [f"{name}: {key}" for key in ("/JavaScript", "/JS", "/Launch", "/OpenAction") if key in text]
            for pdf_page in reader.pages:
                for annotation in pdf_page.get("/Annots") or []:
                    uri = str(annotation.get_object().get("/A", {}).get("/URI", ""))
                    if uri and scheme_of(uri) not in SAFE_SCHEMES:
                        found.append(f"{name}: {uri}")
        elif path.suffix == ".ics":
            urls = re.findall(r"^(?:URL|ATTACH)[^:]*:(.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
            found += [f"{name}: {url}" for url in urls if scheme_of(url) not in SAFE_SCHEMES]
    assert any(hostile_site.rglob("*.ics")) and any(hostile_site.rglob("*.docx"))
    assert found == []
