"""Timelines drawn as accessible SVG: a cohort's plan and the group model's phases.

Time runs downwards, so a timeline is as readable on a 390 px phone as on a desktop
and never needs sideways scrolling. Each drawing is one image for screen readers
(`role="img"` with a title and a description); the facts it shows are on the same
page as text too (the plan table on a cohort page, a list on the method page).
Colours come from the site's palette through CSS (look.css), not from the SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 400
AXIS_X = 96  # one lane: the time axis; labels to its right
TOP = 36
LINE = 20  # a label's height: the least distance between two labels
MIN_HEIGHT = 260
LEGEND_LINE = 22
MAX_LABEL = 36  # characters right of the axis at 13 px in a 400 px wide drawing

KINDS = {
    # kind: (legend text, shape, sideways offset from the axis so that marks on the same day stay apart)
    "phase": ("Fase", "bar", 0),
    "meeting": ("Møde", "circle", 0),
    "deadline": ("Frist for hjemmeopgave", "diamond", -14),
    "mentors": ("Mentorernes møde", "square", 14),
    "evaluation": ("Evaluering", "triangle", 14),
}


@dataclass(frozen=True)
class Mark:
    """Something on the timeline: `offset` days after the start."""

    offset: float
    kind: str  # a key of KINDS
    label: str  # short, e.g. "Møde 2"
    when: str = ""  # e.g. "4. mar." or "uge 6"
    detail: str = ""  # the whole fact, for the text beside the drawing; the label when empty

    @property
    def text(self) -> str:
        """What the text version says about this mark."""
        return self.detail or self.label


@dataclass(frozen=True)
class Lane:
    """One column of marks, e.g. one pair's meetings; a timeline with one lane labels every mark."""

    name: str
    marks: list[Mark]


def timeline_svg(ident: str, title: str, desc: str, lanes: list[Lane], ticks: list[tuple[float, str]]) -> Markup:
    """The drawing: ticks (offset, text) on the left, the lanes to their right, a legend below."""
    span = max([offset for offset, _ in ticks] + [m.offset for lane in lanes for m in lane.marks] + [1])
    most = max((len(lane.marks) for lane in lanes), default=1)
    scale = max(MIN_HEIGHT, most * (LINE + 4)) / span

    def y_of(offset: float) -> float:
        return TOP + offset * scale

    if len(lanes) == 1:
        body, bottom = _labelled_lane(lanes[0], y_of)
    else:
        body, bottom = _lanes(lanes, y_of)
    bottom = max(bottom, y_of(span)) + 24
    kinds = sorted({m.kind for lane in lanes for m in lane.marks}, key=list(KINDS).index)
    rows = "".join(_legend_row(kind, bottom + i * LEGEND_LINE) for i, kind in enumerate(kinds))
    legend = f'<g class="tl-legend">{rows}</g>'
    height = round(bottom + len(kinds) * LEGEND_LINE + 8)
    grid = "".join(_tick(y_of(offset), text) for offset, text in ticks)
    return Markup(
        f'<figure class="mentor-timeline-figure"><svg class="mentor-timeline-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{ident}-title {ident}-desc" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>{grid}{body}{legend}</svg></figure>'
    )


def _tick(y: float, text: str) -> str:
    return (
        f'<line class="tl-grid" x1="0" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>'
        f'<text class="tl-tick" x="2" y="{y - 4:.1f}">{escape(text)}</text>'
    )


def _labelled_lane(lane: Lane, y_of: Callable[[float], float]) -> tuple[str, float]:
    """One axis; every mark has its label, pushed down when it would overlap the one above."""
    marks = sorted(lane.marks, key=lambda m: m.offset)
    top, bottom = y_of(0), y_of(max((m.offset for m in marks), default=0))
    parts = [f'<line class="tl-axis" x1="{AXIS_X}" x2="{AXIS_X}" y1="{top:.1f}" y2="{bottom:.1f}"/>']
    label_y = -float(LINE)
    for mark in marks:
        y = y_of(mark.offset)
        label_y = max(y, label_y + LINE)
        text = _fit(f"{mark.when} · {mark.label}" if mark.when else mark.label)
        x = AXIS_X + KINDS[mark.kind][2]
        parts.append(f'<path class="tl-leader" d="M{x + 8} {y:.1f} L{AXIS_X + 30} {label_y:.1f}"/>')
        parts.append(_shape(mark.kind, x, y))
        parts.append(f'<text class="tl-label" x="{AXIS_X + 34}" y="{label_y + 4:.1f}">{escape(text)}</text>')
    return "".join(parts), max(label_y, bottom)


def _lanes(lanes: list[Lane], y_of: Callable[[float], float]) -> tuple[str, float]:
    """Several axes side by side, each named at the top; marks carry only their short label."""
    step = (WIDTH - AXIS_X - 20) / max(len(lanes) - 1, 1)
    parts, bottom = [], 0.0
    for index, lane in enumerate(lanes):
        x = AXIS_X + index * step
        last = y_of(max((m.offset for m in lane.marks), default=0))
        bottom = max(bottom, last)
        parts.append(f'<text class="tl-lane" x="{x:.1f}" y="16" text-anchor="middle">{escape(lane.name)}</text>')
        parts.append(f'<line class="tl-axis" x1="{x:.1f}" x2="{x:.1f}" y1="{y_of(0):.1f}" y2="{last:.1f}"/>')
        for mark in lane.marks:
            y = y_of(mark.offset)
            parts.append(_shape(mark.kind, x, y))
            parts.append(f'<text class="tl-number" x="{x + 9:.1f}" y="{y + 4:.1f}">{escape(mark.label)}</text>')
    return "".join(parts), bottom


def _fit(text: str, room: int = MAX_LABEL) -> str:
    """A label that fits right of the axis; the whole text is beside the drawing anyway."""
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _shape(kind: str, x: float, y: float) -> str:
    shape = KINDS[kind][1]
    css = f"tl-mark tl-{kind}"
    if shape == "circle":
        return f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
    if shape == "diamond":
        return f'<path class="{css}" d="M{x:.1f} {y - 7:.1f} l7 7 l-7 7 l-7 -7 z"/>'
    if shape == "square":
        return f'<rect class="{css}" x="{x - 5.5:.1f}" y="{y - 5.5:.1f}" width="11" height="11"/>'
    if shape == "triangle":
        return f'<path class="{css}" d="M{x:.1f} {y - 7:.1f} l7 12 l-14 0 z"/>'
    return f'<rect class="{css}" x="{x - 9:.1f}" y="{y - 4:.1f}" width="18" height="8" rx="2"/>'


def _legend_row(kind: str, y: float) -> str:
    return f'{_shape(kind, 12, y)}<text class="tl-label" x="28" y="{y + 4:.1f}">{escape(KINDS[kind][0])}</text>'
