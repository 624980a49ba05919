"""Each cohort's pre-filled documents: contract, group agreement and homework sheets.

They are copies of the programme's masters with the placeholders filled in Python
(fill.py): a cohort costs milliseconds, not a pandoc run per file. Nothing about
the participants goes in; only the cohort's name, dates, places and homework.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, partial

from .catalogue import Catalogue
from .cohort_pages import cohort_folder
from .cohorts import CohortEntry
from .downloads import OFFICE_FORMATS, OfficeDocument, cohort_stem, homework_stem
from .evaluation import Questionnaire, evaluation_stem, questionnaires
from .export import Job
from .fill import Values, fill_document
from .model import Programme
from .render import format_date, number_words
from .schedule import PlannedMeeting, due_days
from .text import one_line

# Placeholders the document templates may hold; every copy gives each a value.
FIELDS = (
    "forloeb", "moedeplan", "titel", "moede", "frist", "omfang", "aflevering", "deling",
    "opgaver_overskrift", "opgave", "spoergsmaal_overskrift", "spoergsmaal", "modtager", "formaal",
    "frist_regel", "omfang_regel", "aflevering_regel", "deling_regel", "underskrift",
    "evaluering_skala", "evaluering_aaben",
)  # fmt: skip
SHARED_TEXT = "mentor og de andre i gruppen – det har gruppen aftalt, og hver deltager har sagt ja"
CONSENT_RULE = "mentor; de andre i gruppen kun, hvis gruppen aftaler det, og hver deltager selv siger ja"
BLANK = "_" * 40
BLANK_MEETINGS = 6  # lines in a blank meeting plan when the programme does not fix a number
HOMEWORK = OfficeDocument("hjemmeopgave", "Hjemmeopgave", "", "documents/homework.md.j2", group_only=True)
EVALUATION = OfficeDocument("evaluering", "Evaluering", "", "documents/evaluation.md.j2")

Masters = Mapping[tuple[str, str, str], bytes]  # (programme slug, document stem, format) → file


def blank_values(p: Programme) -> Values:
    """The programme's own copy: lines to write on where a cohort's copy has its facts."""
    count = p.group.meeting_count if p.group else p.network.meeting_count if p.network else BLANK_MEETINGS
    values: dict[str, str | list[str]] = {
        **dict.fromkeys(FIELDS, BLANK),
        "moedeplan": [f"{n}. møde: {BLANK}" for n in range(1, count + 1)],
    }
    if p.group:
        hw = p.group.homework
        values.update(
            frist_regel=f"{number_words(hw.due_days_before)} dage før næste møde",
            omfang_regel=f"højst {hw.max_pages}",
            aflevering_regel=hw.hand_in,
            deling_regel=CONSENT_RULE,
            underskrift=[f"{p.roles['mentee'].title} {n}" for n in range(1, p.group.group_size.max + 1)],
        )
    return values


@dataclass(frozen=True)
class Copy:
    """A filled copy to make: where it is published, the file it came from, and the work."""

    path: str
    source: str
    job: Job


def fill_job(master: bytes, kind: str, values: Values) -> Job:
    """Filling one copy; cached too, so a rebuild of many cohorts only reads files."""
    key = ("fill", kind, _digest(master), json.dumps(values, sort_keys=True, ensure_ascii=False))
    make: Callable[[], bytes] = partial(fill_document, master, kind, values)
    return Job(key, make)


@cache
def _digest(master: bytes) -> bytes:
    """The master's hash, once per master, not once per copy (bytes keep their own hash for the lookup)."""
    return hashlib.sha256(master).digest()


def cohort_fills(catalogue: Catalogue, masters: Masters) -> list[Copy]:
    """Every cohort's filled copies in both formats."""
    copies = []
    for entry in catalogue.cohorts:
        found = catalogue.programme(entry.programme)
        if found is None:
            continue
        for document, stem, values in cohort_copies(entry, found.programme):
            for kind, _ in OFFICE_FORMATS:
                job = fill_job(masters[entry.programme, document, kind], kind, values)
                copies.append(Copy(f"{cohort_folder(entry)}/{stem}.{kind}", entry.source, job))
    return copies


def cohort_copies(entry: CohortEntry, p: Programme) -> Iterator[tuple[str, str, Values]]:
    """(master's stem, file stem, values) for each filled copy of a cohort."""
    base = {**blank_values(p), "forloeb": entry.cohort.name}
    for form in questionnaires(entry, p):
        yield EVALUATION.stem, evaluation_stem(entry, form.key), {**base, **evaluation_values(form)}
    if entry.plan.pairs:
        for pair in entry.plan.pairs:
            values = {**base, "forloeb": f"{entry.cohort.name}, par {pair.number}"}
            yield (
                "kontrakt",
                cohort_stem("kontrakt", entry, pair.number),
                {**values, "moedeplan": meeting_lines(pair.meetings)},
            )
        return
    base["moedeplan"] = meeting_lines(entry.plan.meetings)
    if p.network is not None:
        yield "aftale", cohort_stem("aftale", entry), base
        return
    yield "kontrakt", cohort_stem("kontrakt", entry), base
    if p.is_group:
        yield "gruppeaftale", cohort_stem("gruppeaftale", entry), {**base, **agreement_values(entry, p)}
        for planned in entry.plan.meetings:
            if planned.homework is not None:
                yield HOMEWORK.stem, homework_stem(entry, planned.number), {**base, **homework_values(entry, planned)}


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
    mentees = len(entry.cohort.mentees)
    return {
        "frist_regel": f"{number_words(days)} {'dag' if days == 1 else 'dage'} før næste møde",
        "omfang_regel": lengths.pop() if len(lengths) == 1 else f"højst {p.group.homework.max_pages}",
        "aflevering_regel": hand_ins.most_common(1)[0][0] if hand_ins else p.group.homework.hand_in,
        "deling_regel": SHARED_TEXT if shared else "kun mentor",
        "underskrift": [f"{p.roles['mentee'].title} {n}" for n in range(1, mentees + 1)],
    }


def homework_values(entry: CohortEntry, planned: PlannedMeeting) -> Values:
    """The homework sheet after one meeting: its tasks, questions and due date."""
    homework = planned.homework
    assert homework is not None
    tasks, questions = homework.homework.tasks, homework.homework.questions
    return {
        "titel": homework.homework.title or f"Hjemmeopgave efter {planned.number}. møde",
        "moede": f"{planned.number}. møde, {format_date(planned.start.date())}",
        "frist": f"{format_date(homework.due)} kl. {homework.due_at:%H.%M}",
        "omfang": homework.max_length or "efter aftale med mentor",
        "aflevering": homework.hand_in or "efter aftale med mentor",
        "deling": SHARED_TEXT if homework.homework.shared else "kun mentor",
        "modtager": [homework.homework.receiver] if homework.homework.receiver else [],
        "formaal": [homework.homework.purpose] if homework.homework.purpose else [],
        "opgaver_overskrift": ["Opgaver"] if tasks else [],
        "opgave": [f"{n}. {plain(task)}" for n, task in enumerate(tasks, 1)],
        "spoergsmaal_overskrift": ["Refleksionsspørgsmål"] if questions else [],
        "spoergsmaal": [f"– {plain(question)}" for question in questions],
    }


_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?\s*\)")
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")


def plain(text: str) -> str:
    """Simple Markdown as plain text for a filled field: `**fed**` → `fed`, links show their address."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2).removeprefix('mailto:')})", text)
    return one_line(_EMPHASIS.sub(r"\2", text))
