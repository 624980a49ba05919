"""Downloadable documents: booklets (PDF) and fill-in documents (DOCX and ODT on A4).

Pandoc's fixed cost is most of the time a small document takes, so it runs once per
programme and format on all the programme's documents, and the result is cut apart.
The programme's blank copy and each cohort's pre-filled copies are then made by
filling placeholders in the file's XML (see outputs/fill.py): milliseconds, not a pandoc run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from markupsafe import Markup

from ..loading.catalogue import Catalogue
from ..loading.history import last_changed, load_history, page_inputs
from ..loading.programme_entry import ProgrammeEntry
from ..model import Programme
from ..model.problems import Problem, ProblemsError
from ..rendering.programme_pages import Asset
from ..rendering.published_files import OFFICE_FORMATS, Document, files_of_programme, programme_documents
from ..rendering.safe_text import safe_markdown
from ..rendering.templating import render_template
from .booklet_errors import locate_pandoc
from .booklets import PART, booklet_jobs, render_chapters
from .cohort_documents import FIELDS, LINE, Copy, Masters, blank_values, cohort_fills, fill_job
from .converters import Cache, DocumentOptions, Job, check_options, pandoc, reference_document, reference_path
from .fill import MARK, split_document, token
from .progress import report
from .sheet_layout import agenda_lines

COHORTS_AT_A_TIME = 100
COPIES_PHASE = "Udfyldte dokumenter, forløb"


@dataclass(frozen=True)
class OfficeBundle:
    """A programme's fill-in documents as Markdown, made in one pandoc run per format."""

    entry: ProgrammeEntry
    documents: list[Document]
    markdown: str

    def job(self, kind: str) -> Job:
        """Markdown → DOCX or ODT on A4, through pandoc with our reference document."""
        make: Callable[[], bytes] = partial(export_office, self.markdown, kind, self.entry)
        # The reference document is part of the key: a change to it (outputs/converters.py) makes the files again.
        return Job(("office", kind, reference_document(kind), self.markdown), make)

    def masters(self, kind: str, made: bytes) -> dict[tuple[str, str, str], bytes]:
        """The pandoc result cut into one master per document."""
        parts = split_document(made, kind, PART)
        if len(parts) != len(self.documents):
            raise ValueError(f"forventede {len(self.documents)} dokumenter, men fik {len(parts)}")
        return {(self.entry.slug, doc.stem, kind): part for doc, part in zip(self.documents, parts, strict=True)}


def export_documents(catalogue: Catalogue, options: DocumentOptions) -> Iterator[Asset]:
    """Every booklet and document of every programme and cohort, one at a time.

    The cohorts' filled copies are made a few cohorts at a time (_cohort_copies), so the
    memory this takes does not grow with the number of cohorts.
    """
    check_options(options)
    check_markers(catalogue)
    cache = Cache(options.cache_dir)
    chapters = [render_chapters(entry) for entry in catalogue.programmes]
    bodies = cache.run([c.job() for c in chapters], "Hæfternes kapitler")
    changed = programme_changes(catalogue)
    typst = [
        job
        for c, body in zip(chapters, bodies, strict=True)
        for job in booklet_jobs(c, body, options, changed.get(c.entry.slug))
    ]
    office = [(render_bundle(entry), kind) for entry in catalogue.programmes for kind, _ in OFFICE_FORMATS]
    # Typst holds the interpreter while it sets a booklet; pandoc runs in its own process meanwhile.
    results = iter(cache.run([*typst, *(bundle.job(kind) for bundle, kind in office)], "Hæfter og skabeloner"))
    booklets = [Asset(b.path, next(results), c.entry.source) for c in chapters for b in c.booklets]
    masters = _masters(office, results)  # what is left of the results: the office masters, in order
    yield from booklets
    yield from _filled(cache, [copy for entry in catalogue.programmes for copy in _blank_copies(entry, masters)])
    yield from _cohort_copies(cache, catalogue, masters)
    cache.prune()


def _cohort_copies(cache: Cache, catalogue: Catalogue, masters: Masters) -> Iterator[Asset]:
    """The cohorts' filled copies, COHORTS_AT_A_TIME cohorts at a time, reported per cohort when any is made.

    A copy's job holds its values (some 10 kB), and 10,000 cohorts have 130,000 copies:
    made all at once they would take more than a gigabyte of memory.
    """
    cohorts, made_before = catalogue.cohorts, cache.made
    for start in range(0, len(cohorts), COHORTS_AT_A_TIME):
        part = replace(catalogue, cohorts=cohorts[start : start + COHORTS_AT_A_TIME])
        yield from _filled(cache, cohort_fills(part, masters), phase="")
        if cache.made > made_before:  # a warm build makes nothing and shows nothing
            report(COPIES_PHASE, min(start + COHORTS_AT_A_TIME, len(cohorts)), len(cohorts))


def cohort_documents(catalogue: Catalogue, options: DocumentOptions) -> list[Asset]:
    """Only the filled copies for the catalogue's cohorts, as export_documents makes them.

    For `make serve` after a cohort edit (macros/site/serve_dirty.py): no booklets, no git, and the
    cache is not pruned, since it holds what the other cohorts use.
    """
    cache = Cache(options.cache_dir)
    office = [(render_bundle(entry), kind) for entry in catalogue.programmes for kind, _ in OFFICE_FORMATS]
    masters = _masters(office, cache.run([bundle.job(kind) for bundle, kind in office], "Skabeloner"))
    return _filled(cache, cohort_fills(catalogue, masters))


def _masters(office: list[tuple[OfficeBundle, str]], made: Iterable[bytes]) -> Masters:
    """Each programme's office masters by key, from the converted bundles (one result per bundle)."""
    masters: dict[tuple[str, str, str], bytes] = {}
    for (bundle, kind), data in zip(office, made, strict=True):
        masters.update(bundle.masters(kind, data))
    return masters


def _filled(cache: Cache, copies: list[Copy], phase: str = "Udfyldte dokumenter") -> list[Asset]:
    """The filled copies made (or taken from the cache), as published files."""
    contents = cache.run([copy.job for copy in copies], phase)
    return [Asset(copy.path, content, copy.source) for copy, content in zip(copies, contents, strict=True)]


def programme_changes(catalogue: Catalogue) -> dict[str, dt.datetime]:
    """When each programme's files (its YAML and the shared texts) last changed, from git."""
    inputs = {entry.slug: page_inputs(entry.source) for entry in catalogue.programmes}
    history = load_history(catalogue.root, {source for sources in inputs.values() for source in sources})
    found = {slug: last_changed(history, sources) for slug, sources in inputs.items()}
    return {slug: when for slug, when in found.items() if when is not None}


def export_office(markdown: str, kind: str, entry: ProgrammeEntry) -> bytes:
    """Pandoc with our A4 reference document (pandoc's own, so the tool version keys it)."""
    args = [f"--reference-doc={reference_path(kind)}", "--metadata=lang:da-DK"]
    return pandoc(markdown, kind, args, entry.source, partial(locate_pandoc, entry))


def check_markers(catalogue: Catalogue) -> None:
    """The documents' own placeholders and cuts use a character no text may hold (fill.MARK).

    The text policy refuses it where the files are loaded; this is the last guard before pandoc.
    """
    sources = [(e.source, e.programme) for e in catalogue.programmes] + [
        (c.source, c.cohort) for c in catalogue.cohorts
    ]
    message = "teksten indeholder et tegn, som hæfterne og dokumenterne bruger internt; slet det"
    problems = [Problem(source, 1, 1, "", message) for source, model in sources if MARK in model.model_dump_json()]
    if problems:
        raise ProblemsError(problems)


def render_bundle(entry: ProgrammeEntry) -> OfficeBundle:
    """The programme's fill-in documents with placeholders, one after the other."""
    p = entry.programme
    documents = programme_documents(p)
    context = document_context(p)
    markdown = f"\n\n{PART}\n\n".join(render_template(doc.template, **context) for doc in documents)
    return OfficeBundle(entry, documents, markdown)


def document_context(p: Programme) -> dict[str, object]:
    """What the document templates use: the programme, placeholders and lines to write on."""
    return {
        "p": p,
        "fields": {name: Markup(token(name)) for name in FIELDS},
        "blank": lambda width=LINE: Markup("\\_" * width),
        # One paragraph with line breaks: outputs/office.py keeps it on one page with room to write.
        "lines": lambda count: Markup("\\\n".join(["\\_" * LINE] * count)),
        "agenda_lines": agenda_lines(p),  # as many under each point as keep the agenda on one page
        # A role title is user text: made safe for Markdown like every other (links defused, too).
        "signature": lambda label: Markup(f"{safe_markdown(label)}: " + "\\_" * max(20, LINE - 12 - len(label))),
    }


def _blank_copies(entry: ProgrammeEntry, masters: Masters) -> list[Copy]:
    """The programme's blank copies, as the list of published files names them."""
    values = blank_values(entry.programme)
    return [
        Copy(
            file.path,
            entry.source,
            fill_job(
                masters[entry.slug, file.recipe.document, file.extension],
                file.extension,
                values,
                f"{file.title} – {entry.programme.name}",
            ),
        )
        for file in files_of_programme(entry)
        if file.recipe.writer == "blank"
    ]
