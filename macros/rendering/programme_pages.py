"""Phase two: turn a validated catalogue into Markdown pages and their navigation.

Plain Python, no MkDocs: the same pages could be written to disk by a CLI for
another site generator.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import quote, urljoin

from markupsafe import Markup

from ..loading.catalogue import PROGRAMMES_DIR, SHARED_FILE, Catalogue
from ..loading.programme_entry import ProgrammeEntry
from ..model import Programme
from ..model.danish import every_weeks, number_words
from .downloads import downloads
from .plans import method_marks, method_timeline
from .published_files import files_of_programme
from .site_paths import SECTION, programme_page_path
from .templating import html_table, render_template
from .words import role_title, words

SETTINGS_PAGE = "arbejdstid-og-data.md"  # a guidance page whose facts come from the programme file
INDEX = f"{SECTION}/index.md"
SHARED_SOURCE = f"{PROGRAMMES_DIR}/{SHARED_FILE}"
# The top-level programme fields whose texts a page shows, for its note on inherited texts.
PAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "index.md": ("about",),
    "roller.md": ("roles",),
    "laeringssprog.md": ("learning_languages_intro", "learning_languages"),
    "moedeguide.md": ("meeting_guide",),
    "kontrakt.md": ("contract",),
    "aftale.md": ("contract",),
    "fortrolighed.md": ("confidentiality",),
    "tovholdere.md": ("coordination",),
}


@dataclass(frozen=True)
class Page:
    """A generated Markdown page and the YAML file it was made from."""

    path: str  # relative to docs/, e.g. programmer/gruppementor/roller.md
    title: str
    markdown: str
    source: str | None  # relative to the project root, e.g. programmes/gruppementor.yaml
    in_nav: bool = True  # False: reached from an index page, kept out of the global navigation


@dataclass(frozen=True)
class Asset:
    """A generated file that is published as it is (calendar, PDF, DOCX, …)."""

    path: str  # relative to the site root, e.g. programmer/gruppementor/kontrakt-gruppementor.docx
    content: bytes
    source: str | None = None  # the YAML file it was made from


@dataclass(frozen=True)
class PageSpec:
    """One kind of programme page."""

    name: str
    title: str
    template: str
    applies: Callable[[Programme], bool] = lambda p: True
    guidance: str = ""  # a guidance page: one line on what it helps with; its text lives in the template

    @property
    def summary(self) -> str:
        """The line the overview shows under »Vejledning«."""
        return self.guidance


def _group(p: Programme) -> bool:
    return p.group is not None


def _network(p: Programme) -> bool:
    return p.network is not None


def _mentoring_or(extra: str) -> Callable[[Programme], bool]:
    """Pages about mentors: every mentoring scheme, and a network only when it asks for the page."""
    return lambda p: not p.is_network_model or extra in p.extra_pages


def _watch_out(p: Programme) -> bool:
    return p.group is not None or bool(p.network and p.network.watch_out)


def _one_to_one(p: Programme) -> bool:
    return p.model == "one_to_one"


def _has_mentor(p: Programme) -> bool:
    return "mentor" in p.roles and not p.model.endswith("network")


def _has_manager(p: Programme) -> bool:
    return "manager" in p.roles


PROGRAMME_PAGES = [
    PageSpec("index.md", "Overblik", "programme/overview.md.j2"),
    PageSpec("roller.md", "Roller", "programme/roles.md.j2"),
    PageSpec("metode.md", "Metode og tidsplan", "programme/method.md.j2", _group),
    PageSpec("netvaerk.md", "Netværkets design", "programme/network.md.j2", _network),
    PageSpec("varianter.md", "Varianter", "programme/variants.md.j2", _group),
    PageSpec("moedeguide.md", "Det gode møde", "programme/meeting_guide.md.j2"),
    PageSpec(
        "laeringssprog.md", "De fire læringssprog", "programme/languages.md.j2", _mentoring_or("learning_languages")
    ),
    PageSpec("kontrakt.md", "Kontrakten", "programme/contract.md.j2", _mentoring_or("mentor_contract")),
    PageSpec("aftale.md", "Aftale for netværket", "programme/network_agreement.md.j2", _network),
    PageSpec("fortrolighed.md", "Tavshedspligt og nærmeste leder", "programme/confidentiality.md.j2"),
    PageSpec("tovholdere.md", "Tovholdere", "programme/coordination.md.j2"),
    PageSpec("opmaerksomhed.md", "Det skal man være opmærksom på", "programme/watch_out.md.j2", _watch_out),
    PageSpec("resultater.md", "Succeskriterier og resultater", "programme/results.md.j2", _group),
    PageSpec(
        "foerste-og-sidste-moede.md",
        "Første og sidste møde",
        "guidance/first_last.md.j2",
        _has_mentor,
        "sådan kommer I godt i gang, og sådan slutter I godt af",
    ),
    PageSpec(
        "naar-det-ikke-fungerer.md",
        "Når det ikke fungerer",
        "guidance/not_working.md.j2",
        guidance="faresignaler, hvem der taler med hvem, afslutning uden skyld og fortrolighedens grænser",
    ),
    PageSpec(
        "matchning.md",
        "Rekruttering og matchning",
        "guidance/matching.md.j2",
        _one_to_one,
        "tilmelding, kriterier for parrene, retten til at sige nej og besked til lederen",
    ),
    PageSpec(
        "gruppemoedet.md",
        "Sådan leder du et gruppemøde",
        "guidance/group_meeting.md.j2",
        _group,
        "tidsplan, pauser, hjemmeopgaverne og plads til alle i gruppen",
    ),
    PageSpec(
        "naermeste-leder.md",
        "Den nærmeste leders rolle",
        "guidance/manager.md.j2",
        _has_manager,
        "hvad lederen må spørge om, hvordan tiden aftales, og et brev til lederen",
    ),
    PageSpec(
        "arbejdstid-og-data.md",
        "Arbejdstid og opbevaring",
        "guidance/settings.md.j2",
        guidance="om møderne er arbejdstid, og hvor besvarelser og kontrakter gemmes og slettes",
    ),
    PageSpec(
        "evaluering.md",
        "Evaluering",
        "guidance/evaluation.md.j2",
        _has_mentor,
        "hvad I spørger om, hvornår, og hvordan svarene holdes anonyme",
    ),
    PageSpec(
        "mentorens-vaerktoejer.md",
        "Mentorens værktøjskasse",
        "guidance/mentor_tools.md.j2",
        _has_mentor,
        "åbne spørgsmål, når mentee vil have et råd, og hvad der ligger uden for mentorskabet",
    ),
]


def render_pages(catalogue: Catalogue, shared_url: str = "") -> list[Page]:
    """Every generated page: the programme index and each programme's pages.

    `shared_url` is the edit link of programmes/_faelles.yaml, for the notes on inherited texts.
    """
    pages = [_render_index(catalogue)]
    for entry in catalogue.programmes:
        pages.extend(render_programme_pages(entry, shared_url))
    return pages


def render_programme_pages(entry: ProgrammeEntry, shared_url: str = "") -> list[Page]:
    """The pages of one programme, in reading order."""
    specs = [spec for spec in PROGRAMME_PAGES if spec.applies(entry.programme)]
    context = programme_context(entry, specs)
    return [
        Page(
            programme_page_path(entry.slug, spec.name),
            spec.title,
            render_template(spec.template, **context) + source_note(entry, spec.name, shared_url),
            f"macros/templates/{spec.template}" if spec.guidance and spec.name != SETTINGS_PAGE else entry.source,
        )
        for spec in specs
    ]


def source_note(entry: ProgrammeEntry, page: str, shared_url: str = "") -> str:
    """A closing note on a page that shows inherited texts: which file holds which part.

    The page's edit link leads to the programme file (where a field is overridden);
    the note says which of its texts stand in the shared file instead.
    """
    inherited = [name for name in PAGE_FIELDS.get(page, ()) if name in entry.inherited]
    if not inherited:
        return ""
    fields = " og ".join(f"`{name}`" for name in inherited)
    shared = f"[`{SHARED_SOURCE}`]({shared_url})" if shared_url else f"`{SHARED_SOURCE}`"
    return (
        f'\n\n!!! note "Hvor står teksten?"\n'
        f"    Siden er lavet ud fra `{entry.source}`. Det, ordningen ikke selv skriver under {fields}, "
        f"er fælles for alle ordninger og står i {shared}. Skriv feltet i `{entry.source}`, "
        "hvis ordningen skal have sin egen tekst.\n"
    )


def programme_context(entry: ProgrammeEntry, specs: list[PageSpec]) -> dict[str, Any]:
    """What every programme template may use."""
    p = entry.programme
    return {
        "p": p,
        "entry": entry,
        "pages": specs,
        "languages_table": languages_table(p),
        "rhythm_table": rhythm_table(p),
        "variants_table": variants_table(p),
        "phase_timeline": method_timeline(p),  # the group model's phases, drawn (macros/rendering/plans.py)
        "phase_marks": method_marks(p),
        "medium": "site",  # the booklet renders the same templates with "print"
        "downloads": downloads(files_of_programme(entry)),
        "w": words(p),
        "role_title": partial(role_title, p),
        "has_page": {spec.name for spec in specs}.__contains__,
    }


def navigation(catalogue: Catalogue, pages: list[Page]) -> list[Any]:
    """MkDocs nav entries for the generated pages: one section per programme."""
    nav: list[Any] = [{"Oversigt": INDEX}]
    for entry in catalogue.programmes:
        own = [{page.title: page.path} for page in pages if page.path.startswith(f"{SECTION}/{entry.slug}/")]
        nav.append({entry.programme.name: own})
    return nav


def programme_list(catalogue: Catalogue, base: str = "") -> Markup:
    """A Markdown list of the programmes with links; `base` leads from the page to docs/."""
    text = render_template("partials/programme_list.md.j2", entries=catalogue.programmes, base=f"{base}{SECTION}/")
    return Markup(text)


def languages_table(p: Programme) -> Markup:
    """The four learning languages as columns and the three aspects as rows."""
    langs = p.learning_languages
    rows = [
        ("Mentor siger typisk", [lang.mentor_says for lang in langs]),
        ("Mentors styring og ansvar", [lang.mentor_control for lang in langs]),
        ("Mentees ejerskab og ansvar", [lang.mentee_ownership for lang in langs]),
    ]
    caption = "De fire læringssprog – fra mest styring hos mentor til mest ejerskab hos mentee"
    return html_table(caption, [lang.name for lang in langs], rows, css="mentor-languages")


def rhythm_table(p: Programme) -> Markup:
    """The meeting rhythm's phases as a table."""
    phases = p.meeting_guide.rhythm.phases
    rows = [
        (phase.label, [_from_month(phase.from_month), every_weeks(phase.interval_weeks_min, phase.interval_weeks_max)])
        for phase in phases
    ]
    return html_table("Mødernes rytme over tid", ["Hvornår", "Afstand mellem møder"], rows)


def _from_month(month: int) -> str:
    """0 → 'Fra start', 3 → 'Efter ca. tre måneder'."""
    if month == 0:
        return "Fra start"
    return "Efter ca. en måned" if month == 1 else f"Efter ca. {number_words(month)} måneder"


def variants_table(p: Programme) -> Markup:
    """The group variants side by side."""
    variants = p.group.variants if p.group else []
    rows = [
        ("Skriftlig forberedelse", [v.homework for v in variants]),
        ("Møderækken", [v.meeting_series for v in variants]),
        ("Fokus", [v.focus for v in variants]),
        ("Dagsorden", [v.agenda_style for v in variants]),
        ("Forberedelsestid", [v.preparation_load for v in variants]),
    ]
    return html_table("Varianterne side om side", [v.name for v in variants], rows)


def _render_index(catalogue: Catalogue) -> Page:
    markdown = render_template("programmes_index.md.j2", programme_list=programme_list(catalogue, base="../"))
    # Its own words live in the template, so that is where its edit link leads.
    return Page(INDEX, "Ordninger", markdown, "macros/templates/programmes_index.md.j2")


def shared_edit_url(repo_url: str | None, edit_uri: str | None, docs_to_root: str) -> str:
    """The edit link of programmes/_faelles.yaml, made the way MkDocs makes a page's ("" without a repo)."""
    if not repo_url or not edit_uri:
        return ""
    base = urljoin(repo_url if repo_url.endswith("/") else f"{repo_url}/", edit_uri)
    return urljoin(base if base.endswith("/") else f"{base}/", quote(posixpath.join(docs_to_root, SHARED_SOURCE)))
