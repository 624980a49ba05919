"""The names of the downloadable files, in one place for the pages that link them
and the modules that make them.

Files live next to the programme's pages, e.g. `programmer/gruppementor/kontrakt-gruppementor.docx`,
so a page links them by file name alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .cohorts import CohortEntry
from .danish import format_date
from .model import Programme
from .model.base import RoleKey

OFFICE_FORMATS = (("docx", "Word (.docx)"), ("odt", "OpenDocument (.odt)"))
FILE_ROLES = {"participant": "deltager", "process_consultant": "proceskonsulent"}  # Danish in file names
ROLE_BOOKLETS: tuple[RoleKey, ...] = ("mentor", "mentee", "participant", "process_consultant")


@dataclass(frozen=True)
class Download:
    """One document in one or more file formats, as a page lists it."""

    title: str
    description: str
    files: tuple[tuple[str, str], ...]  # (format shown to the reader, file name)


@dataclass(frozen=True)
class OfficeDocument:
    """A fill-in document made as DOCX and ODT from a template in templates/documents/."""

    stem: str  # file name before -<slug>, e.g. kontrakt
    title: str
    description: str
    template: str
    group_only: bool = False
    applies: Callable[[Programme], bool] = lambda p: True
    needs_role: RoleKey | None = None  # made only for programmes that have this role


def _mentor_contract(p: Programme) -> bool:
    return not p.is_network_model or "mentor_contract" in p.extra_pages


OFFICE_DOCUMENTS = (
    OfficeDocument(
        "kontrakt",
        "Kontrakt",
        "mål, vilkår og tavshedspligt, klar til at udfylde og underskrive",
        "documents/contract.md.j2",
        applies=_mentor_contract,
    ),
    OfficeDocument(
        "aftale",
        "Aftale for netværket",
        "mål og spilleregler for netværket, med plads til alles underskrift",
        "documents/network_agreement.md.j2",
        applies=lambda p: p.network is not None,
    ),
    OfficeDocument(
        "gruppeaftale",
        "Gruppeaftale",
        "gruppens fælles spilleregler med plads til alles underskrift",
        "documents/group_agreement.md.j2",
        group_only=True,
    ),
    OfficeDocument("dagsorden", "Dagsorden", "skabelon til det enkelte møde", "documents/agenda.md.j2"),
    OfficeDocument(
        "logbog",
        "Logbog og refleksionsark",
        "ordningens refleksionsspørgsmål med plads til noter",
        "documents/logbook.md.j2",
    ),
    OfficeDocument(
        "brev-til-leder",
        "Brev til nærmeste leder",
        "hvad lederen må og ikke må spørge om, og hvordan tiden aftales",
        "documents/manager_letter.md.j2",
        needs_role="manager",
    ),
)


def booklet_name(slug: str, role: str | None = None) -> str:
    """`haefte-<slug>.pdf`, or `haefte-mentor-<slug>.pdf` for a role's booklet."""
    return f"haefte-{FILE_ROLES.get(role, role)}-{slug}.pdf" if role else f"haefte-{slug}.pdf"


def office_documents(p: Programme) -> list[OfficeDocument]:
    """The fill-in documents this programme gets."""
    return [
        doc
        for doc in OFFICE_DOCUMENTS
        if (p.is_group or not doc.group_only)
        and doc.applies(p)
        and (doc.needs_role is None or doc.needs_role in p.roles)
    ]


def role_booklets(p: Programme) -> list[RoleKey]:
    """The roles that get their own short booklet (those the programme has)."""
    return [role for role in ROLE_BOOKLETS if role in p.roles]


def programme_downloads(slug: str, p: Programme) -> list[Download]:
    """Everything a programme's page offers for download, in the order it lists them."""
    items = [Download("Håndbogen som hæfte", "alle siderne samlet til print", (("PDF", booklet_name(slug)),))]
    for role in role_booklets(p):
        title = f"Hæfte for {p.roles[role].title.lower()}"
        what = "rolle, netværk, møder og tavshedspligt" if p.network else "rolle, møder, læringssprog og tavshedspligt"
        items.append(Download(title, what, (("PDF", booklet_name(slug, role)),)))
    for doc in office_documents(p):
        files = tuple((label, f"{doc.stem}-{slug}.{ext}") for ext, label in OFFICE_FORMATS)
        items.append(Download(doc.title, doc.description, files))
    return items


def cohort_downloads(entry: CohortEntry, p: Programme) -> list[Download]:
    """A cohort's pre-filled copies, named by the cohort's id, next to its page."""
    if entry.plan.pairs:
        return [
            _office(
                f"Kontrakt for par {pair.number}",
                "udfyldt med parrets mødeplan",
                cohort_stem("kontrakt", entry, pair.number),
            )
            for pair in entry.plan.pairs
        ]
    if p.network is not None:
        return [
            _office("Aftale for netværket", "udfyldt med forløbets navn og mødedatoer", cohort_stem("aftale", entry))
        ]
    items = [_office("Kontrakt", "udfyldt med forløbets navn og mødedatoer", cohort_stem("kontrakt", entry))]
    if p.is_group:
        agreement = cohort_stem("gruppeaftale", entry)
        items.append(_office("Gruppeaftale", "udfyldt med forløbets navn og mødedatoer", agreement))
        items += [
            _office(
                f"Hjemmeopgave efter {m.number}. møde",
                f"frist {format_date(m.homework.due)}",
                homework_stem(entry, m.number),
            )
            for m in entry.plan.meetings
            if m.homework is not None
        ]
    return items


def cohort_stem(document: str, entry: CohortEntry, pair: int | None = None) -> str:
    """`kontrakt-<cohort id>`, or `kontrakt-<cohort id>-par-<n>` for a pair of a one-to-one round."""
    return f"{document}-{entry.id}" + (f"-par-{pair}" if pair else "")


def homework_stem(entry: CohortEntry, number: int) -> str:
    """`hjemmeopgave-<n>-<cohort id>`: the homework sheet after meeting n."""
    return f"hjemmeopgave-{number}-{entry.id}"


def _office(title: str, description: str, stem: str) -> Download:
    return Download(title, description, tuple((label, f"{stem}.{ext}") for ext, label in OFFICE_FORMATS))
