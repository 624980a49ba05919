"""The printed booklets: the programme's own pages, set with pandoc and Typst as PDFs.

The booklets are made from the same templates and model as the site, so no text is
written twice: the full booklet holds every programme page, and each role's short
booklet its own chapter plus the pages that concern that role. Pandoc runs once per
programme on all the chapters; each booklet is its cover and layout
(resources/booklet.typ) followed by the chapters it needs, set by Typst.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typst

from ..loading.programme_entry import ProgrammeEntry
from ..model import Programme
from ..model.danish import MONTHS_DA
from ..model.problems import Problem, ProblemsError
from ..rendering.programme_pages import PROGRAMME_PAGES, PageSpec, programme_context
from ..rendering.published_files import PublishedFile, files_of_programme
from ..rendering.templating import render_template
from .booklet_errors import culprit, locate_pandoc, located, marked, rewritten, text_problem, unmark
from .converters import RESOURCES, DocumentOptions, Job, compile_typst, pandoc, run_typst, typst_reasons_da
from .fill import token

ROLE_PAGES = (
    "metode.md", "netvaerk.md", "moedeguide.md", "laeringssprog.md", "kontrakt.md", "aftale.md", "fortrolighed.md"
)  # fmt: skip
GUIDANCE_PAGES = ("foerste-og-sidste-moede.md", "naar-det-ikke-fungerer.md")
# A group mentor needs the variants and the watch-out list, and both mentor booklets the mentor's tools.
MENTOR_PAGES = ("varianter.md", "opmaerksomhed.md", "gruppemoedet.md", "mentorens-vaerktoejer.md")
ROLE_EXTRA = {"mentor": MENTOR_PAGES}
FONT_SIZE = {"a5": "9.5", "a4": "11"}  # points
PART = token("del")  # a paragraph of its own between chapters, where pandoc's output is cut
_PART_LINE = re.compile(rf"^{PART}$", re.MULTILINE)


@dataclass(frozen=True)
class Booklet:
    """One booklet: where it goes, its subtitle and which chapters of the programme it holds."""

    path: str
    subtitle: str
    parts: tuple[int, ...]


@dataclass(frozen=True)
class Chapters:
    """A programme's chapters as Markdown for one pandoc run, and the booklets made of them."""

    entry: ProgrammeEntry
    markdown: list[str]
    booklets: list[Booklet]
    labels: list[str]  # each chapter's label, which a link to it prints the page of (print.lua)

    def job(self) -> Job:
        """Pandoc: every chapter to Typst in one run (the fixed cost of a run is paid once)."""
        text = f"\n\n{PART}\n\n".join(self.markdown)
        locate = partial(locate_pandoc, self.entry)
        make: Callable[[], bytes] = partial(pandoc, text, "typst", (), self.entry.source, locate)
        return Job(("chapters", text), make)


def render_chapters(entry: ProgrammeEntry) -> Chapters:
    """The programme's pages, then each role's own chapter, and the booklets the list of files names."""
    specs = [spec for spec in PROGRAMME_PAGES if spec.applies(entry.programme)]
    context = {**programme_context(entry, specs), "medium": "print"}
    chapters = Chapters(entry, [render_template(s.template, **context) for s in specs], [], [])
    chapters.labels.extend(spec.name.removesuffix(".md") for spec in specs)
    for file in files_of_programme(entry):
        if file.recipe.writer == "booklet" and not file.recipe.part:  # the whole handbook
            chapters.booklets.append(Booklet(file.path, "Håndbog", tuple(range(len(specs)))))
        elif file.recipe.writer == "booklet":
            _add_role_booklet(chapters, specs, context, file)
    return chapters


def _add_role_booklet(chapters: Chapters, specs: list[PageSpec], context: dict[str, Any], file: PublishedFile) -> None:
    """A role's booklet: its own chapter (added last) and the programme pages that concern the role."""
    p = chapters.entry.programme
    role = next(key for key in p.roles if key == file.recipe.part)
    wanted = (*ROLE_PAGES, *ROLE_EXTRA.get(role, ()), *GUIDANCE_PAGES)
    pages = tuple(i for i, spec in enumerate(specs) if spec.name in wanted)
    chapters.markdown.append(render_template("booklet/role.md.j2", role=p.roles[role], **context))
    chapters.labels.append(f"rolle-{role}")
    chapters.booklets.append(Booklet(file.path, file.title, (len(chapters.markdown) - 1, *pages)))


def booklet_jobs(
    chapters: Chapters, typst_body: bytes, options: DocumentOptions, changed: dt.datetime | None = None
) -> list[Job]:
    """Typst: one PDF per booklet from its layout and chapters.

    `changed` is the newest change of the programme's files; the cover names its month.
    """
    jobs = []
    for index, (booklet, text) in enumerate(zip(chapters.booklets, typst_sources(chapters, typst_body), strict=True)):
        source = text.encode("utf-8")
        inputs = settings(chapters.entry.programme, booklet, options, edition(changed))
        locate = partial(locate_failure, chapters.entry, index, inputs)
        make: Callable[[], bytes] = partial(compile_typst, source, chapters.entry.source, inputs, locate)
        jobs.append(Job(("booklet", source, *(f"{key}={value}" for key, value in sorted(inputs.items()))), make))
    return jobs


def typst_sources(chapters: Chapters, typst_body: bytes) -> list[str]:
    """Each booklet's Typst: the layout, then the chapters it holds."""
    parts = _PART_LINE.split(typst_body.decode("utf-8"))
    if len(parts) != len(chapters.markdown):  # a programme text with a line of just the marker
        raise ValueError(f"forventede {len(chapters.markdown)} kapitler, men fik {len(parts)}")
    parts = [_mark_chapter(part, label) for part, label in zip(parts, chapters.labels, strict=True)]
    layout, end = ((RESOURCES / name).read_text(encoding="utf-8") for name in ("booklet.typ", "booklet-end.typ"))
    return ["\n".join([layout, *(parts[i] for i in booklet.parts), end]) for booklet in chapters.booklets]


def locate_failure(entry: ProgrammeEntry, index: int, inputs: dict[str, str], reason: str) -> list[Problem]:
    """The texts that made booklet number `index` fail or warn (with `reason`), found with markers
    (outputs/booklet_errors.py), or by halving when the markers do not find them; [] if neither does."""
    programme, paths = marked(entry.programme)
    again = render_chapters(replace(entry, programme=programme))
    try:
        unmarked = unmark(typst_sources(again, again.job().make())[index])
        _, warnings = run_typst(unmarked.source.encode("utf-8"), inputs)
    except typst.TypstError as exc:
        return located(exc.diagnostic, unmarked, paths, entry) or _halved(entry, index, inputs, reason)
    except (ProblemsError, ValueError, IndexError):  # the marked copy did not get as far
        return _halved(entry, index, inputs, reason)
    diagnostic = "".join(w.diagnostic for w in warnings)
    return located(diagnostic, unmarked, paths, entry) or _halved(entry, index, inputs, reason)


def _halved(entry: ProgrammeEntry, index: int, inputs: dict[str, str], reason: str) -> list[Problem]:
    """When Typst names a place in the layout (a show rule), not in a text: the text the failure
    needs, found by setting the booklet with half of the texts at a time (the rest a neutral word)."""

    def fails(keep: set[int]) -> bool:
        programme, _ = rewritten(entry.programme, lambda i, text: text if i in keep else "Tekst")
        chapters = render_chapters(replace(entry, programme=programme))
        try:
            _, warnings = run_typst(typst_sources(chapters, chapters.job().make())[index].encode("utf-8"), inputs)
        except typst.TypstError:
            return True
        return bool(warnings)  # a warning refuses the booklet, too

    _, paths = rewritten(entry.programme, lambda _, text: text)
    found = culprit(len(paths), fails)
    return [] if found is None else [text_problem(entry, paths[found], typst_reasons_da([reason]))]


def settings(p: Programme, booklet: Booklet, options: DocumentOptions, edition: str) -> dict[str, str]:
    """What booklet.typ reads from `sys.inputs`: texts stay strings, never Typst code."""
    return {
        "title": p.name,
        "subtitle": booklet.subtitle,
        "organisation": p.organisation,
        "edition": edition,
        "font": options.font,
        "paper": options.paper,
        "fontsize": FONT_SIZE.get(options.paper, "10"),
    }


def edition(changed: dt.datetime | None) -> str:
    """»Udgave december 2026«: when the programme last changed, else the build's date.

    The build's date is SOURCE_DATE_EPOCH when set (reproducible builds), else today.
    """
    if changed is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        changed = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    with contextlib.suppress(ZoneInfoNotFoundError):  # the month in Denmark, as the pages' dates
        changed = changed.astimezone(ZoneInfo("Europe/Copenhagen"))
    return f"Udgave {MONTHS_DA[changed.month - 1]} {changed.year}"


_HEADING = re.compile(r"^=[^=].*\n(?:<[^>\n]*>\n)?", re.MULTILINE)  # `= Title` and pandoc's label


def _mark_chapter(part: str, label: str) -> str:
    """A label under the chapter's first heading, on the page where the chapter starts."""
    return _HEADING.sub(lambda m: f"{m.group(0)}#metadata(none) <kapitel-{label}>\n", part, count=1)
