"""How much fits on one A4 page of a fill-in document: a homework sheet's answer lines and
the agenda's lines per point.

The layout in points was measured in LibreOffice with DejaVu Sans, which is wider than the
fonts Word and LibreOffice use by default (so the estimate is safe). The text column is A4
less the margins of the reference documents (outputs/converters.py).
"""

from __future__ import annotations

from ..model import Programme
from .fill import Values

PAGE = 690  # the A4 text column's height, less a margin for error
CHARACTERS = 64  # characters in a line of body text (a heading line holds about 40)
ANSWER = 23  # one line to write on, with the space between lines
HEADING = 36  # a second-level heading with the space around it
NOTE = 37  # the note above the lines saying that the answer is confidential
MIN_ANSWER_LINES = 8
SECOND_PAGE = PAGE // ANSWER - 3  # a page of lines, less a margin: the estimate may be a line or two off
AGENDA_NOTES = 3  # lines under »Aftaler til næste gang« (documents/agenda.md.j2)
AGENDA_LINES = (1, 3)  # the fewest and the most lines under each agenda point
# The labelled lines at the top of the sheet (documents/homework.md.j2); receiver and purpose
# are lists, and an empty one leaves its line out.
_SHEET_FIELDS = {
    "moede": "Stilles efter",
    "frist": "Frist",
    "omfang": "Omfang",
    "aflevering": "Aflevering",
    "deling": "Hvem læser besvarelsen",
}
_LISTED_FIELDS = {"modtager": "Modtager", "formaal": "Bruges til"}


def confidential(p: Programme) -> bool:
    """The sheet says that the answer is confidential: a network's always, a group's if the programme says so."""
    return p.group is None or p.group.homework.confidential


def answer_lines(values: Values, p: Programme) -> int:
    """As many lines to write on as fill the sheet's first page, and no more.

    One line too many puts the last line alone on a new page. When only a few fit, the
    lines fill the first page and go on over a second (LibreOffice does not move a long
    chain of kept-together lines in a DOCX file, so they would split and leave a stray
    line or two); when the tasks themselves fill the page, MIN_ANSWER_LINES follow them.
    """
    used = height(str(values["titel"]), 40, 26, 40) + HEADING  # the title, and the heading »Din besvarelse«
    used += height(f"{p.name} · Forløb: {values['forloeb']}", 23)
    used += sum(height(f"{label}: {values[key]}", 16) for key, label in _SHEET_FIELDS.items())
    used += sum(height(f"{label}: {item}", 16) for key, label in _LISTED_FIELDS.items() for item in values[key])
    for heading, items in (("opgaver_overskrift", "opgave"), ("spoergsmaal_overskrift", "spoergsmaal")):
        used += HEADING * len(values[heading]) + sum(height(item, 23) for item in values[items])
    used += NOTE if confidential(p) else 0
    fits = (PAGE - used) // ANSWER
    if fits >= MIN_ANSWER_LINES:
        return fits
    return fits + SECOND_PAGE if fits > 0 else MIN_ANSWER_LINES


def agenda_lines(p: Programme) -> int:
    """Lines under each point of the agenda: as many as keep it on one page (documents/agenda.md.j2)."""
    guide = p.meeting_guide
    used = height("Dagsorden", 40, 26, 40) + height(f"{p.name} · Forløb: {'_' * 40}", 23) + 2 * ANSWER
    used += 3 * HEADING + height(guide.preparation, 23)  # Forberedelse, Punkter, Aftaler til næste gang
    used += sum(height(f"{n}. {item}", 23) for n, item in enumerate(guide.agenda, 1)) + AGENDA_NOTES * ANSWER
    fits = (PAGE - used) // (ANSWER * max(1, len(guide.agenda)))
    return max(AGENDA_LINES[0], min(AGENDA_LINES[1], fits))


def height(text: str, first: int, line: int = 14, characters: int = CHARACTERS) -> int:
    """A paragraph's height: its first line with the space around it, then `line` a line."""
    return first + line * (-(-len(text) // characters) - 1 if text else 0)
