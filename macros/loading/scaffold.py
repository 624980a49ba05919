"""New files from the command line: `mentor new cohort PROGRAMME`.

The cohort file is shaped by its programme: a group gets its meetings (as many
as the design says, each with a homework to write), a one-to-one round gets pairs
and the pairs' usual time, and a network gets participants, a process consultant
and its network meetings. Every value that must be written by hand is left
empty with a `# UDFYLD: …` comment, so `mentor check` points at exactly those
lines until they are filled; optional parts are shown as comments.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from ..model import ID_RE, Programme, SharedContent
from ..model.problems import Problem, ProblemsError
from .catalogue import PROGRAMMES_DIR, SHARED_FILE, programme_files, validate_programme
from .cohorts import COHORTS_DIR
from .programme_entry import ProgrammeEntry
from .validation import validate_model
from .yamlsource import load_yaml

PLACEHOLDER = "# UDFYLD"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../schema/cohort.schema.json"


def load_programme(root: Path, slug: str) -> ProgrammeEntry:
    """One programme, merged over the shared defaults; other files are not read."""
    path = root / PROGRAMMES_DIR / f"{slug}.yaml"
    if not path.is_file():
        raise ProblemsError([Problem(f"{PROGRAMMES_DIR}/{slug}.yaml", 1, 1, "", _unknown(root, slug))])
    problems: list[Problem] = []
    shared_path = root / PROGRAMMES_DIR / SHARED_FILE
    shared_doc = load_yaml(shared_path, f"{PROGRAMMES_DIR}/{SHARED_FILE}") if shared_path.is_file() else None
    shared, found = validate_model(SharedContent, shared_doc.data, shared_doc.mark) if shared_doc else (None, [])
    problems.extend(found)
    doc = load_yaml(path, f"{PROGRAMMES_DIR}/{path.name}")
    entry = validate_programme(path, doc, shared_doc, problems, shared.models if shared else [])
    if entry is None or problems:
        raise ProblemsError(problems)
    return entry


def _unknown(root: Path, slug: str) -> str:
    known = [p.stem for p in programme_files(root)]
    guess = difflib.get_close_matches(slug, known, n=1, cutoff=0.6)
    hint = f"Mente du '{guess[0]}'?" if guess else f"Kendte programmer: {', '.join(known) or 'ingen'}."
    return f"programmet '{slug}' findes ikke i {PROGRAMMES_DIR}/. {hint}"


def new_cohort_id(root: Path, year: int, stem: str) -> str:
    """The first free id of the form `2028-lederaspiranter-1`."""
    taken = {p.stem for p in (root / COHORTS_DIR).rglob("*.yaml")} if (root / COHORTS_DIR).is_dir() else set()
    number = 1
    while f"{year}-{stem}-{number}" in taken:
        number += 1
    return f"{year}-{stem}-{number}"


def export_new_cohort(root: Path, slug: str, year: int | None = None, cohort_id: str | None = None) -> Path:
    """Write a new cohort file for programme `slug`; never overwrite an existing file."""
    entry = load_programme(root, slug)
    year = year or dt.date.today().year
    variant = _default_variant(entry.programme)
    cohort_id = cohort_id or new_cohort_id(root, year, variant or slug)
    relative = f"{COHORTS_DIR}/{year}/{cohort_id}.yaml"
    if not ID_RE.match(cohort_id):
        message = f"'{cohort_id}' kan ikke bruges som id: brug kun små bogstaver a–z, tal og bindestreg"
        raise ProblemsError([Problem(relative, 1, 1, "", message)])
    path = root / relative
    if path.exists():
        raise ProblemsError([Problem(relative, 1, 1, "", "filen findes allerede; vælg et andet id med --id")])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_cohort_file(entry, variant), encoding="utf-8")
    return path


def _default_variant(programme: Programme) -> str | None:
    return programme.group.variants[0].id if programme.group and programme.group.variants else None


def render_cohort_file(entry: ProgrammeEntry, variant: str | None) -> str:
    """The commented cohort file for a programme, placeholders left to fill."""
    p = entry.programme
    parts = [_head(entry, variant)]
    if p.model == "one_to_one":
        parts.append(_pairs(p))
    elif p.network is not None:
        parts.append(_network(p))
    else:
        parts.append(_group(p, variant))
    parts.append(_optional_tail())
    return "\n".join(parts)


def _head(entry: ProgrammeEntry, variant: str | None) -> str:
    p = entry.programme
    lines = [
        SCHEMA_COMMENT,
        "#",
        f"# Nyt forløb i »{p.name}«, lavet med `mentor new cohort {entry.slug}`.",
        "#",
        f"# Sådan udfylder du filen: hver linje med »{PLACEHOLDER}« mangler en værdi. Skriv",
        "# værdien efter kolon (eller efter »- «) og slet kommentaren. Datoer skrives",
        '# ÅÅÅÅ-MM-DD, fx 2028-02-15, og klokkeslæt i anførselstegn, fx "17:00".',
        "# Kør `mentor check` bagefter; den peger på de linjer, der mangler noget.",
        "# Filnavnet er forløbets id og bliver en del af sidens adresse.",
        "#",
        "# Personer står kun med korte id'er. Navn, afdeling og nærmeste leder er",
        "# valgfrie (name, department, manager); de bruges kun til tjekkene og",
        "# udgives aldrig, medmindre privacy.publish_names slås til (og så kun navne).",
        "",
        f"programme: {entry.slug}",
    ]
    if variant and p.group:
        others = ", ".join(v.id for v in p.group.variants)
        lines.append(f"variant: {variant}  # varianten; vælg en af: {others}")
    lines += [
        f"name:  {PLACEHOLDER}: forløbets navn, fx »{_example_name(p, variant)}«",
        f"start:  {PLACEHOLDER}: forløbets første dag, ÅÅÅÅ-MM-DD",
        f"end:  {PLACEHOLDER}: forløbets sidste dag, ÅÅÅÅ-MM-DD",
        "# description: Et par linjer om forløbet (valgfrit).",
        "",
    ]
    return "\n".join(lines)


def _example_name(p: Programme, variant: str | None) -> str:
    found = p.group.variant(variant) if p.group and variant else None
    return f"{found.name if found else p.name}, {'forløb' if p.network else 'hold'} 1"


def _group(p: Programme, variant: str | None) -> str:
    group = p.group
    found = group.variant(variant) if group and variant else None
    count = (found.meeting_count if found and found.meeting_count else None) or (group.meeting_count if group else 4)
    mentees = group.group_size.typical if group else 6
    start = "17:00" if group and group.after_hours else "09:00"
    size = f"{group.group_size.min}–{group.group_size.max}" if group else "få"
    lines = [
        "mentors:",
        "  - id: mentor-a",
        "",
        f"# Programmet er lagt an på {size} mentees pr. gruppe. Tilføj eller slet linjer.",
        "mentees:",
        *[f"  - id: m{number:02d}" for number in range(1, mentees + 1)],
        "",
        f"# Gruppens {count} møder i tidsrækkefølge. Efter hvert møde undtagen det sidste",
        "# følger en hjemmeopgave; fristen regnes ud fra programmets regel.",
        "meetings:",
    ]
    for number in range(1, count + 1):
        lines += _meeting(number, start, homework=number < count)
    if group:
        lines += ["", *_MENTOR_MEETINGS]
    return "\n".join(lines) + "\n"


_MENTOR_MEETINGS = [
    "# Mentorernes egne møder (valgfrit): et evalueringsmøde lige efter hver runde og",
    "# et planlægningsmøde før den næste. Fjern »# « foran linjerne for at bruge dem.",
    "# mentor_meetings:",
    "#   - id: evaluering-1",
    "#     kind: evaluation",
    "#     date: ÅÅÅÅ-MM-DD",
    '#     start: "15:00"',
    "#     hours: 1.5",
    "#   - id: planlaegning-2",
    "#     kind: planning",
    "#     date: ÅÅÅÅ-MM-DD",
    '#     start: "15:00"',
    "#     hours: 1.5",
]


def _network(p: Programme) -> str:
    """Participants, the process consultant and the network meetings; no homework by default."""
    network = p.network
    assert network is not None
    online = network.platform is not None
    lines = [
        "process_consultant:",
        "  id: proceskonsulent-a",
        "",
        f"# Programmet er lagt an på {network.size.min}–{network.size.max} deltagere. Tilføj eller slet linjer.",
        "participants:",
        *[f"  - id: d{number:02d}" for number in range(1, network.size.typical + 1)],
        "",
        f"# Netværkets {network.meeting_count} netværksmøder i tidsrækkefølge" + (", online." if online else "."),
        "# Et netværk har som udgangspunkt ingen hjemmeopgaver.",
        "meetings:",
    ]
    for number in range(1, network.meeting_count + 1):
        lines += _meeting(number, "13:00", homework=False, online=online)
    return "\n".join(lines) + "\n"


def _meeting(number: int, start: str, homework: bool, online: bool = False) -> list[str]:
    where = "    # online: https://moede.example.org/netvaerk" if online else "    # place: Rådhuset, mødelokale 2"
    lines = [
        f"  - id: moede-{number}",
        f"    date:  {PLACEHOLDER}: mødets dato, ÅÅÅÅ-MM-DD",
        f'    start: "{start}"',
        where,
        "    # theme: Mødets tema",
    ]
    if homework:
        lines += [
            "    homework:",
            "      questions:",
            f"        -  {PLACEHOLDER}: et spørgsmål, mentees besvarer før næste møde",
        ]
    return lines


def _pairs(p: Programme) -> str:
    hours = p.meeting_guide.length
    lines = [
        "# Parrenes sædvanlige tid og sted. Hvert par får en foreslået mødeplan ud fra",
        "# programmets rytme; et par kan skrive sine egne datoer under meetings i stedet.",
        "pair_defaults:",
        '  time: "14:00"',
        f"  # hours: {hours.max:g}",
        "  # place: Aftales i parret",
        "",
        "mentors:",
        "  - id: mentor-a",
        "  - id: mentor-b",
        "",
        "mentees:",
        "  - id: m01",
        "  - id: m02",
        "",
        "# Hvert par: en mentor og en mentee fra listerne ovenfor.",
        "pairs:",
    ]
    for number, letter in ((1, "a"), (2, "b")):
        lines += [
            f"  - id: par-{number}",
            f"    mentor: mentor-{letter}",
            f"    mentee: m{number:02d}",
            "    # first_meeting: ÅÅÅÅ-MM-DD (valgfrit; ellers forløbets første dag)",
        ]
    return "\n".join(lines) + "\n"


def _optional_tail() -> str:
    return "\n".join(
        [
            "# Valgfrit: vis deltagernes navne på siden og i kalenderne (standard: nej).",
            "# privacy:",
            "#   publish_names: true",
            "",
        ]
    )
