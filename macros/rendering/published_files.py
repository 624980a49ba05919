"""Every file the site publishes besides its pages, declared once (issue 14).

`files_of_programme` and `files_of_cohort` give each file a programme or a cohort publishes
as a `PublishedFile`: where it goes, what kind it is, what the linking page calls it, and
the recipe the output worker follows to make it. The pages link exactly these files
(rendering/downloads.py), MkDocs is told to expect exactly these (site/worker.py), and the worker makes
exactly these (outputs/booklets.py, outputs/documents.py, outputs/cohort_documents.py, the calendar writers).

A fill-in document is one entry in DOCUMENTS plus one template in templates/documents/:
the programme page gets its blank copy when `blank` says what it is, each cohort page its
filled copy when `filled` does (see CONTRIBUTING.md, »Et nyt dokument pr. forløb«).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..loading.catalogue import Catalogue
from ..loading.cohorts import CohortEntry
from ..loading.programme_entry import ProgrammeEntry
from ..model import Programme
from ..model.base import RoleKey
from ..model.danish import format_date
from .calendar_files import calendar_specs, coordinator_calendar_name
from .evaluation import evaluation_points
from .site_paths import FILE_ROLES, cohort_folder, programme_page_path

Kind = Literal["booklet", "document", "homework", "evaluation", "calendar", "coordinator_calendar"]
# booklet: Typst (outputs/booklets.py); blank and filled: a copy of the document's master (outputs/documents.py,
# outputs/cohort_documents.py); calendar and coordinator_calendar: an .ics file (outputs/calendars.py,
# outputs/coordinator_calendar.py).
Writer = Literal["booklet", "blank", "filled", "calendar", "coordinator_calendar"]
OFFICE_FORMATS = (("docx", "Word (.docx)"), ("odt", "OpenDocument (.odt)"))
ROLE_BOOKLETS: tuple[RoleKey, ...] = ("mentor", "mentee", "participant", "process_consultant")
CALENDAR_FORMAT = "iCalendar (.ics)"


@dataclass(frozen=True)
class Recipe:
    """How the output worker makes a file: which writer, from which template, which part."""

    writer: Writer
    template: str = ""  # the document template under macros/templates/ (booklets and calendars: none)
    document: str = ""  # the document's key, which names its master, e.g. »kontrakt«
    part: str = ""  # which of several: a booklet's role, a pair's or a meeting's number, a questionnaire


@dataclass(frozen=True)
class PublishedFile:
    """One published file: where it goes, how a page links it and how it is made."""

    path: str  # relative to docs/, e.g. programmer/gruppementor/haefte-gruppementor.pdf
    kind: Kind
    title: str  # the link's text in Danish, e.g. »Kontrakt for par 2«
    description: str  # what the page says about it, after the title
    format: str  # the format as the link names it, e.g. »Word (.docx)«
    page: str  # the page that links it, relative to docs/
    recipe: Recipe

    @property
    def name(self) -> str:
        """The file name, which is also the link from a page in the same folder."""
        return self.path.rpartition("/")[2]

    @property
    def extension(self) -> str:
        """»docx«, »odt«, »pdf« or »ics«."""
        return self.path.rpartition(".")[2]


@dataclass(frozen=True)
class Part:
    """One filled copy of a document for a cohort: its file name without extension and its link."""

    stem: str
    title: str
    description: str
    key: str = ""  # the recipe's part: a pair's or a meeting's number, or a questionnaire


def _always(p: Programme) -> bool:
    return True


@dataclass(frozen=True)
class Document:
    """A fill-in document made from one template, as DOCX and ODT on A4."""

    stem: str  # the file name's start: kontrakt → kontrakt-<programme>.docx and kontrakt-<cohort id>.docx
    title: str  # the link's text and, with the programme's or cohort's name, the file's title
    template: str  # under macros/templates/
    blank: str = ""  # the programme page's description of the blank copy; empty: no blank copy
    filled: str = ""  # the cohort page's description of the cohort's copy; empty: no copy per cohort
    applies: Callable[[Programme], bool] = _always  # a programme it does not apply to gets no copy at all
    # Several copies per cohort (one per pair, per homework, per questionnaire); None: one, if `filled`.
    copies: Callable[[CohortEntry, Programme], list[Part]] | None = None
    kind: Kind = "document"
    page: str = "index.md"  # the cohort's page that links the copies

    def parts(self, entry: CohortEntry, p: Programme) -> list[Part]:
        """The cohort's copies of this document (none if the programme does not have it)."""
        if not self.applies(p):
            return []
        if self.copies is not None:
            return self.copies(entry, p)
        return [Part(f"{self.stem}-{entry.id}", self.title, self.filled)] if self.filled else []


FILLED = "udfyldt med forløbets navn og mødedatoer"


def _mentor_contract(p: Programme) -> bool:
    return not p.is_network_model or "mentor_contract" in p.extra_pages


def _contracts(entry: CohortEntry, p: Programme) -> list[Part]:
    """A round of pairs gets one contract per pair; a network has its agreement instead."""
    if entry.plan.pairs:
        return [
            Part(f"kontrakt-{entry.id}-par-{n}", f"Kontrakt for par {n}", "udfyldt med parrets mødeplan", str(n))
            for n in (pair.number for pair in entry.plan.pairs)
        ]
    return [] if p.network is not None else [Part(f"kontrakt-{entry.id}", "Kontrakt", FILLED)]


def meeting_word(p: Programme) -> str:
    """»2. netværksmøde« in a network, »2. møde« elsewhere (as the cohort page numbers them)."""
    return "netværksmøde" if p.network is not None else "møde"


def _homework(entry: CohortEntry, p: Programme) -> list[Part]:
    """A sheet for each meeting with homework, in groups and networks alike."""
    return [
        Part(
            f"hjemmeopgave-{m.number}-{entry.id}",
            f"Hjemmeopgave efter {m.number}. {meeting_word(p)}",
            f"frist {format_date(m.homework.due)}",
            str(m.number),
        )
        for m in entry.plan.meetings
        if m.homework is not None
    ]


def _evaluations(entry: CohortEntry, p: Programme) -> list[Part]:
    """The three questionnaires (rendering/evaluation.py), linked from the cohort's evaluation page."""
    return [
        Part(f"evaluering-{key}-{entry.id}", title, f"besvares omkring {format_date(day)}", key)
        for key, title, day in evaluation_points(entry)
    ]


HOMEWORK = "hjemmeopgave"
EVALUATION = "evaluering"
# In this order on the pages and, per programme, in the pandoc run that makes the masters.
DOCUMENTS = (
    Document(
        "kontrakt",
        "Kontrakt",
        "documents/contract.md.j2",
        blank="mål, vilkår og tavshedspligt, klar til at udfylde og underskrive",
        applies=_mentor_contract,
        copies=_contracts,
    ),
    Document(
        "aftale",
        "Aftale for netværket",
        "documents/network_agreement.md.j2",
        blank="mål og spilleregler for netværket, med plads til alles underskrift",
        filled=FILLED,
        applies=lambda p: p.network is not None,
    ),
    Document(
        "gruppeaftale",
        "Gruppeaftale",
        "documents/group_agreement.md.j2",
        blank="gruppens fælles spilleregler med plads til alles underskrift",
        filled=FILLED,
        applies=lambda p: p.is_group,
    ),
    Document(
        "dagsorden",
        "Dagsorden",
        "documents/agenda.md.j2",
        blank="skabelon til det enkelte møde",  # no copy per cohort: it would differ only by the name
    ),
    Document(
        "logbog",
        "Logbog og refleksionsark",
        "documents/logbook.md.j2",
        blank="ordningens refleksionsspørgsmål med plads til noter",
    ),
    Document(
        "brev-til-leder",
        "Brev til nærmeste leder",
        "documents/manager_letter.md.j2",
        blank="hvad lederen må og ikke må spørge om, og hvordan tiden aftales",
        applies=lambda p: "manager" in p.roles,
    ),
    Document(
        HOMEWORK,
        "Hjemmeopgave",
        "documents/homework.md.j2",
        applies=lambda p: p.is_group or p.network is not None,
        copies=_homework,
        kind="homework",
    ),
    Document(
        EVALUATION,
        "Evaluering",
        "documents/evaluation.md.j2",
        copies=_evaluations,
        kind="evaluation",
        page="evaluering.md",
    ),
)


def document_title(stem: str) -> str:
    """A document's title by its key, e.g. »kontrakt« → »Kontrakt«."""
    return next(doc.title for doc in DOCUMENTS if doc.stem == stem)


def programme_documents(p: Programme) -> list[Document]:
    """The documents a programme has: its blank copies and the masters of its cohorts' copies."""
    return [doc for doc in DOCUMENTS if doc.applies(p)]


def _office(path: str, kind: Kind, title: str, description: str, page: str, recipe: Recipe) -> list[PublishedFile]:
    """A document in both formats; `path` is without the extension."""
    return [
        PublishedFile(f"{path}.{ext}", kind, title, description, label, page, recipe) for ext, label in OFFICE_FORMATS
    ]


def booklet_name(slug: str, role: str = "") -> str:
    """`haefte-<slug>.pdf`, or `haefte-mentor-<slug>.pdf` for a role's booklet."""
    return f"haefte-{FILE_ROLES.get(role, role)}-{slug}.pdf" if role else f"haefte-{slug}.pdf"


def _booklets(entry: ProgrammeEntry) -> list[PublishedFile]:
    p, page = entry.programme, programme_page_path(entry.slug)
    what = "rolle, netværk, møder og tavshedspligt" if p.network else "rolle, møder, læringssprog og tavshedspligt"
    whole = ("", "Håndbogen som hæfte", "alle siderne samlet til print")
    roles = [(role, f"Hæfte for {p.roles[role].title.lower()}", what) for role in ROLE_BOOKLETS if role in p.roles]
    return [
        PublishedFile(
            programme_page_path(entry.slug, booklet_name(entry.slug, role)),
            "booklet",
            title,
            description,
            "PDF",
            page,
            Recipe("booklet", part=role),
        )
        for role, title, description in [whole, *roles]
    ]


def files_of_programme(entry: ProgrammeEntry) -> list[PublishedFile]:
    """Everything a programme's page offers for download, in the order it lists them."""
    page, files = programme_page_path(entry.slug), _booklets(entry)
    for doc in programme_documents(entry.programme):
        if doc.blank:
            path = programme_page_path(entry.slug, f"{doc.stem}-{entry.slug}")
            files += _office(path, doc.kind, doc.title, doc.blank, page, Recipe("blank", doc.template, doc.stem))
    return files


# What each calendar holds, as its link says: (without homework, with homework).
CALENDAR_NOTES = {
    "mentee": (
        "gruppemøderne",
        "gruppemøderne og fristerne for hjemmeopgaverne, med en påmindelse dagen før hver frist",
    ),
    "mentor": ("gruppemøderne og mentorernes egne møder", "gruppemøderne, fristerne og mentorernes egne møder"),
    "participant": ("netværksmøderne med spørgsmålene til før og efter hvert møde",) * 2,
    "process_consultant": ("netværksmøderne med proceskonsulentens egne spørgsmål",) * 2,
    "pair": ("parrets møder",) * 2,
}
NETWORK_DEADLINES = " samt fristerne for hjemmeopgaverne"
COORDINATOR_NOTE = "hvert punkt er en heldagsaftale med en påmindelse kl. 9 en uge før og dagen før"


def files_of_cohort(entry: CohortEntry, p: Programme) -> list[PublishedFile]:
    """A cohort's filled documents, its calendars and the coordinators' calendar, next to its page."""
    folder = cohort_folder(entry)
    files = []
    for doc in DOCUMENTS:
        for part in doc.parts(entry, p):
            recipe = Recipe("filled", doc.template, doc.stem, part.key)
            path, page = f"{folder}/{part.stem}", f"{folder}/{doc.page}"
            files += _office(path, doc.kind, part.title, part.description, page, recipe)
    return [*files, *_calendars(entry, folder), _coordinator_calendar(entry, folder)]


def _calendars(entry: CohortEntry, folder: str) -> list[PublishedFile]:
    """The cohort's calendars (outputs/calendars.py names them), linked from its page; the part is a role or a pair."""
    homework = any(m.homework for m in entry.plan.meetings)
    files = []
    for spec in calendar_specs(entry):
        note = CALENDAR_NOTES[spec.role][homework]
        note += NETWORK_DEADLINES if homework and entry.cohort.is_network else ""
        recipe = Recipe("calendar", part=str(spec.pair.number) if spec.pair else spec.role)
        page = f"{folder}/index.md"
        files.append(
            PublishedFile(f"{folder}/{spec.name}", "calendar", spec.title, note, CALENDAR_FORMAT, page, recipe)
        )
    return files


def _coordinator_calendar(entry: CohortEntry, folder: str) -> PublishedFile:
    """The coordinators' checklist as a calendar (rendering/coordinator_plan.py), linked from their page."""
    path, page = f"{folder}/{coordinator_calendar_name(entry)}", f"{folder}/tovholder.md"
    title = "Tovholdernes plan som kalender"
    recipe = Recipe("coordinator_calendar")
    return PublishedFile(path, "coordinator_calendar", title, COORDINATOR_NOTE, CALENDAR_FORMAT, page, recipe)


def published_files(catalogue: Catalogue) -> list[PublishedFile]:
    """Every file the site publishes besides its pages, programme by programme, then cohort by cohort."""
    files = [file for entry in catalogue.programmes for file in files_of_programme(entry)]
    for entry in catalogue.cohorts:
        found = catalogue.programme(entry.programme)
        if found is not None:
            files += files_of_cohort(entry, found.programme)
    return files
