"""Phase two: turn a validated catalogue into Markdown pages and their navigation.

Plain Python, no MkDocs: the same pages could be written to disk by a CLI for
another site generator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .catalogue import Catalogue, ProgrammeEntry
from .downloads import programme_downloads
from .model import Programme
from .plans import method_marks, method_timeline
from .render import html_table, render_template

SECTION = "programmer"
INDEX = f"{SECTION}/index.md"


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


def _group(p: Programme) -> bool:
    return p.group is not None


PROGRAMME_PAGES = [
    PageSpec("index.md", "Overblik", "programme/overview.md.j2"),
    PageSpec("roller.md", "Roller", "programme/roles.md.j2"),
    PageSpec("metode.md", "Metode og tidsplan", "programme/method.md.j2", _group),
    PageSpec("varianter.md", "Varianter", "programme/variants.md.j2", _group),
    PageSpec("moedeguide.md", "Det gode møde", "programme/meeting_guide.md.j2"),
    PageSpec("laeringssprog.md", "De fire læringssprog", "programme/languages.md.j2"),
    PageSpec("kontrakt.md", "Kontrakten", "programme/contract.md.j2"),
    PageSpec("fortrolighed.md", "Tavshedspligt og nærmeste leder", "programme/confidentiality.md.j2"),
    PageSpec("tovholdere.md", "Tovholdere", "programme/coordination.md.j2"),
    PageSpec("opmaerksomhed.md", "Det skal man være opmærksom på", "programme/watch_out.md.j2", _group),
    PageSpec("resultater.md", "Succeskriterier og resultater", "programme/results.md.j2", _group),
]


def render_pages(catalogue: Catalogue) -> list[Page]:
    """Every generated page: the programme index and each programme's pages."""
    pages = [_render_index(catalogue)]
    for entry in catalogue.programmes:
        pages.extend(render_programme_pages(entry))
    return pages


def render_programme_pages(entry: ProgrammeEntry) -> list[Page]:
    """The pages of one programme, in reading order."""
    specs = [spec for spec in PROGRAMME_PAGES if spec.applies(entry.programme)]
    context = programme_context(entry, specs)
    return [
        Page(
            programme_page_path(entry.slug, spec.name),
            spec.title,
            render_template(spec.template, **context),
            entry.source,
        )
        for spec in specs
    ]


def programme_page_path(slug: str, name: str = "index.md") -> str:
    """Where a programme's page lives, relative to docs/."""
    return f"{SECTION}/{slug}/{name}"


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
        "phase_timeline": method_timeline(p),  # the group model's phases, drawn (macros/plans.py)
        "phase_marks": method_marks(p),
        "medium": "site",  # the booklet renders the same templates with "print"
        "downloads": programme_downloads(entry.slug, p),
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
        (
            phase.label,
            [f"fra måned {phase.from_month}", f"hver {phase.interval_weeks_min}.–{phase.interval_weeks_max}. uge"],
        )
        for phase in phases
    ]
    return html_table("Mødernes rytme over tid", ["Begynder", "Afstand mellem møder"], rows)


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
    return Page(INDEX, "Programmer", markdown, "macros/templates/programmes_index.md.j2")
