"""`mentor diplomer FORLØB --navne FIL --ud MAPPE`: certificates of participation, made locally.

The names come from a private CSV (`id,navn`, e.g. the key file from `mentor match`)
and the PDFs are written to a folder outside the published site and outside the
repository's tracked files: nothing here is ever published. Typst sets each
certificate; every text reaches it as `sys.inputs`, so a name cannot become code.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from ..loading.catalogue import Catalogue, load_catalogue
from ..loading.cohorts import CohortEntry
from ..loading.signups import refuse_public
from ..model.danish import format_date
from ..model.problems import Problem, ProblemsError
from .converters import RESOURCES, compile_typst, typst_reasons_da

TEMPLATE = RESOURCES / "certificate.typ"


def export_certificates(root: Path, cohort_id: str, names: Path, out: Path, today: dt.date | None = None) -> list[Path]:
    """One PDF per person in the names file who is in the cohort; return the files written."""
    refuse_public(names, root)
    _refuse_folder(out, root)
    catalogue = load_catalogue(root)
    entry = _cohort(catalogue, cohort_id)
    people = read_names(names)
    roles = _roles(entry)
    unknown = sorted(set(people) - set(roles))
    if unknown:
        message = f"{', '.join(unknown)} er ikke med i forløbet {cohort_id}; ret id'erne, eller fjern linjerne"
        raise ProblemsError([Problem(str(names), 1, 1, "id", message)])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for person_id, name in people.items():
        inputs = _inputs(catalogue, entry, name, roles[person_id], today)
        pdf = compile_typst(TEMPLATE.read_bytes(), entry.source, inputs, _at_name(names, person_id))
        path = out / f"deltagerbevis-{entry.id}-{person_id}.pdf"
        path.write_bytes(pdf)
        written.append(path)
    return written


def _roles(entry: CohortEntry) -> dict[str, str]:
    """Person id → role key; a network's participants and process consultant too."""
    cohort = entry.cohort
    roles = {p.id: "mentor" for p in cohort.mentors} | {p.id: "mentee" for p in cohort.mentees}
    roles |= {p.id: "participant" for p in cohort.participants}
    if cohort.process_consultant is not None:
        roles[cohort.process_consultant.id] = "process_consultant"
    return roles


def _refuse_folder(out: Path, root: Path) -> None:
    folder = out.resolve()
    if folder.is_relative_to((root / "site").resolve()):
        message = "mappen ligger i site/, som udgives; deltagerbeviser har navne og skal skrives uden for sitet"
        raise ProblemsError([Problem(str(out), 1, 1, "--ud", message)])
    refuse_public(folder, root, "Mappen får deltagerbeviser med navne")


def _cohort(catalogue: Catalogue, cohort_id: str) -> CohortEntry:
    found = next((c for c in catalogue.cohorts if c.id == cohort_id), None)
    if found is None:
        known = ", ".join(sorted(c.id for c in catalogue.cohorts))
        raise ProblemsError(
            [Problem("programmes/forloeb", 1, 1, "", f"forløbet '{cohort_id}' findes ikke; kendte: {known}")]
        )
    return found


def read_names(path: Path) -> dict[str, str]:
    """id → navn from a private CSV with the columns id and navn (comma or semicolon)."""
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    if not rows or not {"id", "navn"} <= set(rows[0]):
        raise ProblemsError([Problem(str(path), 1, 1, "", "filen skal have kolonnerne id og navn")])
    return {row["id"].strip(): row["navn"].strip() for row in rows if row.get("id") and row.get("navn")}


def _at_name(names: Path, person_id: str) -> Callable[[str], list[Problem]]:
    """A certificate Typst cannot set, at the person's line in the names file: the name is the only text
    that differs between two certificates (a character no bundled font has, say), so the reason is there."""
    lines = names.read_text(encoding="utf-8-sig").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if re.split("[;,]", text)[0].strip() == person_id), 1)

    def located(reason: str) -> list[Problem]:
        why = typst_reasons_da(reason.splitlines())
        return [Problem(str(names), line, 1, "navn", f"deltagerbeviset til {person_id} kunne ikke sættes: {why}")]

    return located


def _inputs(catalogue: Catalogue, entry: CohortEntry, name: str, role: str, today: dt.date | None) -> dict[str, str]:
    found = catalogue.programme(entry.programme)
    assert found is not None
    p = found.programme
    cohort = entry.cohort
    meetings = len(entry.plan.meetings) or max((len(pair.meetings) for pair in entry.plan.pairs), default=0)
    title = p.roles[role].title.lower() if role in p.roles else role
    return {
        "name": name,
        "role": title,
        "cohort": cohort.name,
        "programme": p.name,
        "organisation": p.organisation,
        "period": f"{format_date(cohort.start)} – {format_date(cohort.end)}",
        "meetings": f"{meetings} møder" if meetings != 1 else "1 møde",
        "issued": format_date(today or dt.date.today()),
    }
