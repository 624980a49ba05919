"""Each cohort's pre-filled documents: contract, agreements, agenda, homework sheets and questionnaires.

Which copies a cohort gets, and their names, come from the list of published files
(rendering/published_files.py); this module gives each copy its values.

They are copies of the programme's masters with the placeholders filled in Python
(outputs/fill.py): a cohort costs milliseconds, not a pandoc run per file. Nothing about
the participants goes in; only the cohort's name, dates, places and homework.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, partial

from ..loading.catalogue import Catalogue
from ..loading.cohorts import CohortEntry
from ..loading.schedule import PlannedMeeting, due_days
from ..model import Programme
from ..model.danish import format_date, number_words
from ..rendering.evaluation import Questionnaire, questionnaires
from ..rendering.published_files import EVALUATION, HOMEWORK, Recipe, document_title, files_of_cohort, meeting_word
from ..rendering.safe_text import one_line
from ..rendering.words import words
from .converters import Job
from .fill import Values, fill_document
from .office import finish
from .sheet_layout import answer_lines

# Placeholders the document templates may hold; every copy gives each a value.
FIELDS = (
    "forloeb", "moedeplan", "titel", "moede", "frist", "omfang", "aflevering", "deling",
    "opgaver_overskrift", "opgave", "spoergsmaal_overskrift", "spoergsmaal", "modtager", "formaal",
    "frist_regel", "omfang_regel", "aflevering_regel", "deling_regel", "underskrift",
    "evaluering_skala", "evaluering_aaben",
    "svarlinjer",
)  # fmt: skip
SHARED_TEXT = "mentor og de andre i gruppen – det har gruppen aftalt, og hver deltager har sagt ja"
CONSENT_RULE = "mentor; de andre i gruppen kun, hvis gruppen aftaler det, og hver deltager selv siger ja"
BLANK = "_" * 40
LINE = 64  # underscores in a line to write on: about the width of an A4 text column
BLANK_MEETINGS = 6  # lines in a blank meeting plan when the programme does not fix a number

Masters = Mapping[tuple[str, str, str], bytes]  # (programme slug, document stem, format) → file


def blank_values(p: Programme) -> Values:
    """The programme's own copy: lines to write on where a cohort's copy has its facts."""
    design = p.group or p.network
    count = design.meeting_count if design else BLANK_MEETINGS
    values: dict[str, str | list[str]] = {
        **dict.fromkeys(FIELDS, BLANK),
        "moedeplan": [f"{n}. møde: {BLANK}" for n in range(1, count + 1)],
        "svarlinjer": ["_" * LINE] * 14,
        "underskrift": signatures(p, 1, p.group.group_size.max if p.group else p.network.size.max if p.network else 1),
    }
    if p.group:
        hw = p.group.homework
        values.update(
            frist_regel=f"{number_words(hw.due_days_before)} dage før næste møde",
            omfang_regel=f"højst {hw.max_pages}",
            aflevering_regel=hw.hand_in,
            deling_regel=CONSENT_RULE,
        )
    return values


def signature_line(label: str) -> str:
    """`Mentee 3: ______`: a label and a line that ends where the other lines end."""
    return f"{label}: " + "_" * max(20, LINE - 12 - len(label))


def signatures(p: Programme, mentors: int, mentees: int) -> list[str]:
    """A line to sign on for each mentor and each mentee (numbered when there are several)."""
    lead, member = ("process_consultant", "participant") if p.is_network_model else ("mentor", "mentee")
    mentor = p.roles[lead].title if lead in p.roles else lead.replace("_", " ").capitalize()
    mentee = p.roles[member].title if member in p.roles else member.capitalize()
    return [signature_line(f"{mentor} {n}" if mentors > 1 else mentor) for n in range(1, mentors + 1)] + [
        signature_line(f"{mentee} {n}" if mentees > 1 else mentee) for n in range(1, mentees + 1)
    ]


@dataclass(frozen=True)
class Copy:
    """A filled copy to make: where it is published, the file it came from, and the work."""

    path: str
    source: str
    job: Job


def fill_job(master: bytes, kind: str, values: Values, title: str) -> Job:
    """Filling one copy and giving it its title; cached too, so a rebuild of many cohorts only reads files."""
    key = ("fill", kind, _digest(master), json.dumps(values, sort_keys=True, ensure_ascii=False), title)
    make: Callable[[], bytes] = partial(_make_copy, master, kind, values, title)
    return Job(key, make)


def _make_copy(master: bytes, kind: str, values: Values, title: str) -> bytes:
    return finish(fill_document(master, kind, values), kind, title)


@cache
def _digest(master: bytes) -> bytes:
    """The master's hash, once per master, not once per copy (bytes keep their own hash for the lookup)."""
    return hashlib.sha256(master).digest()


def cohort_fills(catalogue: Catalogue, masters: Masters) -> list[Copy]:
    """Every cohort's filled copies, as the list of published files names them."""
    copies = []
    for entry in catalogue.cohorts:
        found = catalogue.programme(entry.programme)
        if found is None:
            continue
        values: dict[Recipe, Values] = {}  # the DOCX and the ODT of a document share their values
        for file in files_of_cohort(entry, found.programme):
            recipe = file.recipe
            if recipe.writer == "filled":
                filled = values.setdefault(recipe, copy_values(entry, found.programme, recipe))
                master = masters[entry.programme, recipe.document, file.extension]
                job = fill_job(master, file.extension, filled, copy_title(recipe.document, filled))
                copies.append(Copy(file.path, entry.source, job))
    return copies


def copy_values(entry: CohortEntry, p: Programme, recipe: Recipe) -> Values:
    """The values of one filled copy: the cohort's name, plan and signatures, and the document's own."""
    base = {**blank_values(p), "forloeb": entry.cohort.name, "moedeplan": meeting_lines(entry.plan.meetings)}
    if p.network is not None:
        base["underskrift"] = signatures(p, 1, len(entry.cohort.participants))
    else:
        base["underskrift"] = signatures(p, len(entry.cohort.mentors), len(entry.cohort.mentees))
    own = DOCUMENT_VALUES.get(recipe.document)
    return {**base, **own(entry, p, recipe.part, base)} if own else base


def _pair_values(entry: CohortEntry, p: Programme, part: str, base: Values) -> Values:
    """A pair's contract: the pair's own plan; the cohort's contract: the cohort's."""
    if not part:
        return {}
    pair = entry.plan.pairs[int(part) - 1]
    return {
        "forloeb": f"{entry.cohort.name}, par {pair.number}",
        "moedeplan": meeting_lines(pair.meetings),
        "underskrift": signatures(p, 1, 1),
    }


def _homework_values(entry: CohortEntry, p: Programme, part: str, base: Values) -> Values:
    planned = entry.plan.meetings[int(part) - 1]
    sheet = {**base, **homework_values(planned, p)}
    return {**sheet, "svarlinjer": ["_" * LINE] * answer_lines(sheet, p)}


def _evaluation_values(entry: CohortEntry, p: Programme, part: str, base: Values) -> Values:
    form = next(form for form in questionnaires(entry, p) if form.key == part)
    return evaluation_values(form)


# The values a document needs beyond the cohort's name, plan and signatures, by its key
# (published_files.DOCUMENTS). A new document that uses only those needs no entry here.
DOCUMENT_VALUES: dict[str, Callable[[CohortEntry, Programme, str, Values], Values]] = {
    "kontrakt": _pair_values,
    "gruppeaftale": lambda entry, p, part, base: agreement_values(entry, p),
    HOMEWORK: _homework_values,
    EVALUATION: _evaluation_values,
}


def copy_title(document: str, values: Values) -> str:
    """»Kontrakt – Lederaspiranter, hold 1«: what the copy is, and for which cohort (and pair)."""
    what = values["titel"] if document == HOMEWORK else document_title(document)
    return f"{what} – {values['forloeb']}"


def evaluation_values(form: Questionnaire) -> Values:
    """One questionnaire: its title, date, statements to rate and open questions."""
    boxes = "☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5"
    return {
        "titel": form.title,
        "moede": format_date(form.date),
        "evaluering_skala": [f"{n}. {plain(text)}   {boxes}" for n, text in enumerate(form.rated, 1)],
        "evaluering_aaben": [f"{n}. {plain(text)}" for n, text in enumerate(form.open, len(form.rated) + 1)],
    }


def meeting_lines(meetings: list[PlannedMeeting]) -> list[str]:
    """`1. møde: onsdag 17. februar 2027 kl. 17.00–20.00, Borgercentret – Hvad er god ledelse?`"""
    lines = []
    for planned in meetings:
        meeting = planned.meeting
        line = (
            f"{planned.number}. møde: {format_date(planned.start.date())} kl. {planned.start:%H.%M}–{planned.end:%H.%M}"
        )
        place = meeting.place or ("online" if meeting.online else None)
        line += f", {place}" if place else ""
        line += f" – {meeting.theme}" if meeting.theme else ""
        lines.append(line)
    return lines


def agreement_values(entry: CohortEntry, p: Programme) -> Values:
    """The group agreement's homework rules as this cohort has them, so they match its page."""
    assert p.group is not None
    planned = [m.homework for m in entry.plan.meetings if m.homework is not None]
    lengths = {h.max_length for h in planned if h.max_length}
    hand_ins = Counter(h.hand_in for h in planned if h.hand_in)  # the usual way; a last sheet may differ
    shared = any(h.homework.shared for h in planned)
    days = due_days(entry.cohort, p)
    return {
        "frist_regel": f"{number_words(days)} {'dag' if days == 1 else 'dage'} før næste møde",
        "omfang_regel": lengths.pop() if len(lengths) == 1 else f"højst {p.group.homework.max_pages}",
        "aflevering_regel": hand_ins.most_common(1)[0][0] if hand_ins else p.group.homework.hand_in,
        "deling_regel": SHARED_TEXT if shared else "kun mentor",
    }


def homework_values(planned: PlannedMeeting, p: Programme) -> Values:
    """The homework sheet after one meeting: its tasks, questions and due date."""
    homework = planned.homework
    assert homework is not None
    tasks, questions = homework.homework.tasks, homework.homework.questions
    lead, shared = reader(p)
    return {
        "titel": homework.homework.title or f"Hjemmeopgave efter {planned.number}. {meeting_word(p)}",
        "moede": f"{planned.number}. {meeting_word(p)}, {format_date(planned.start.date())}",
        "frist": f"{format_date(homework.due)} kl. {homework.due_at:%H.%M}",
        "omfang": homework.max_length or f"efter aftale med {lead}",
        "aflevering": homework.hand_in or f"efter aftale med {lead}",
        "deling": shared if homework.homework.shared else f"kun {lead}",
        "modtager": [homework.homework.receiver] if homework.homework.receiver else [],
        "formaal": [homework.homework.purpose] if homework.homework.purpose else [],
        "opgaver_overskrift": ["Opgaver"] if tasks else [],
        "opgave": [f"{n}. {plain(task)}" for n, task in enumerate(tasks, 1)],
        "spoergsmaal_overskrift": ["Refleksionsspørgsmål"] if questions else [],
        "spoergsmaal": [f"– {plain(question)}" for question in questions],
    }


def reader(p: Programme) -> tuple[str, str]:
    """Who reads a sheet: the lead (»mentor«, »proceskonsulenten«), and who when the answers are shared."""
    if p.network is not None:  # as the network's cohort page says it
        return f"{words(p).lead}en", "alle i netværket"
    return "mentor", SHARED_TEXT


_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?\s*\)")
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")


def plain(text: str) -> str:
    """Simple Markdown as plain text for a filled field: `**fed**` → `fed`, links show their address."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2).removeprefix('mailto:')})", text)
    return one_line(_EMPHASIS.sub(r"\2", text))
