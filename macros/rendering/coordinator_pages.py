"""Per cohort: the evaluation page and the coordinator page with its calendar (issue 12).

Both pages sit next to the cohort page (`…/forloeb/<id>/evaluering/` and
`…/forloeb/<id>/tovholder/`), out of the navigation and linked from the cohort page.
The coordinator calendar is written next to the cohort's other calendars.
"""

from __future__ import annotations

from ..loading.catalogue import Catalogue
from ..loading.cohorts import CohortEntry
from ..model import Programme
from ..model.danish import format_date
from .cohort_pages import by_part
from .coordinator_plan import coordinator_steps
from .evaluation import SCALE, questionnaires
from .programme_pages import Page
from .published_files import files_of_cohort
from .site_paths import cohort_folder
from .templating import html_table, render_template


def render_coordinator_pages(catalogue: Catalogue) -> list[Page]:
    """The evaluation page and the coordinator page of every cohort."""
    pages = []
    for entry in catalogue.cohorts:
        p = catalogue.programme_of(entry)
        folder = cohort_folder(entry)
        forms = questionnaires(entry, p)
        published = files_of_cohort(entry, p)
        files = by_part(published, "evaluation")
        markdown = render_template(
            "cohort/evaluation_page.md.j2", c=entry.cohort, p=p, forms=forms, files=files, scale=SCALE
        )
        pages.append(Page(f"{folder}/evaluering.md", f"Evaluering: {entry.cohort.name}", markdown, entry.source, False))
        markdown = render_template(
            "cohort/coordinator_page.md.j2",
            c=entry.cohort,
            p=p,
            table=_steps_table(entry, p),
            ics=next(file for file in published if file.kind == "coordinator_calendar"),
        )
        pages.append(
            Page(f"{folder}/tovholder.md", f"Tovholdernes plan: {entry.cohort.name}", markdown, entry.source, False)
        )
    return pages


def _steps_table(entry: CohortEntry, p: Programme) -> object:
    rows = [(format_date(step.date), [step.title, step.detail]) for step in coordinator_steps(entry, p)]
    return html_table("Tjekliste fra rekruttering til opfølgning", ["Opgave", "Hvad"], rows)
