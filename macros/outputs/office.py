"""The finishing touches that make a DOCX or ODT accessible and printable.

Pandoc gives headings real heading styles and the language (da-DK); each published
copy also gets its own title in the file's properties (Word and LibreOffice show it,
screen readers read it), and lines to write on stay with the question above them,
so no page starts with a lone line cut off from what it answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape

from .fill import TEXT_MEMBERS, patch_zip

META_MEMBERS = {"docx": "docProps/core.xml", "odt": "meta.xml"}
_TITLE = re.compile(r"<dc:title\s*/>|<dc:title>[^<]*</dc:title>")
_WRITING_LINE = re.compile(r"_{10,}\s*$")  # a line to write on, maybe after a label (»Dato: ____«)
_KEEP = "Mentor_keep_"  # prefix of our ODT paragraph styles (n: keep with next, t: keep together)
WRITING_PITCH = 23  # points from one line to write on to the next: room for handwriting


def finish(data: bytes, kind: str, title: str) -> bytes:
    """The copy with its title set and its writing lines kept with what they answer."""
    member = TEXT_MEMBERS[kind][0]
    patches: dict[str, Callable[[str], str]] = {
        META_MEMBERS[kind]: lambda xml: set_title(xml, title),
        member: lambda xml: keep_lines_together(xml, kind),
    }
    return patch_zip(data, patches)


def set_title(xml: str, title: str) -> str:
    """`<dc:title>` in core.xml (DOCX) or meta.xml (ODT); both formats use Dublin Core."""
    element = f"<dc:title>{escape(title)}</dc:title>"
    if _TITLE.search(xml) is None:
        raise ValueError("dokumentet har ikke noget felt til titlen")
    return _TITLE.sub(lambda _: element, xml, count=1)


def keep_lines_together(xml: str, kind: str) -> str:
    """Lines to write on stay on one page with what they answer.

    A paragraph of several lines (a question and the lines under it, with line breaks)
    is never split and gets room to write (23 pt a line); a paragraph of just a line
    keeps with the paragraph before it, and a labelled line (»Dato: ____«) keeps with
    the labelled line before it, so a signature block stays together.
    """
    paragraphs = list(re.finditer(TEXT_MEMBERS[kind][1], xml, re.S))
    texts = [_text(m.group(0)) for m in paragraphs]
    lines = [bool(_WRITING_LINE.search(text)) for text in texts]
    several = [line and _BREAK[kind] in m.group(0) for line, m in zip(lines, paragraphs, strict=True)]
    keep = set()
    for i in range(1, len(paragraphs)):
        labelled_pair = lines[i - 1] and not several[i - 1] and not texts[i - 1].startswith("_")
        if lines[i] and (texts[i].startswith("_") or labelled_pair):
            keep.add(i - 1)
    marks = {i: (i in keep and not _is_heading(paragraphs[i].group(0)), several[i]) for i in range(len(paragraphs))}
    marks = {i: flags for i, flags in marks.items() if any(flags)}
    if not marks:
        return xml
    mark = _mark_docx if kind == "docx" else _mark_odt
    out, at = [], 0
    for i, (keep_next, together) in sorted(marks.items()):
        out += [xml[at : paragraphs[i].start()], mark(paragraphs[i].group(0), keep_next, together)]
        at = paragraphs[i].end()
    xml = "".join([*out, xml[at:]])
    return _add_odt_styles(xml) if kind == "odt" else xml


_BREAK = {"docx": "<w:br", "odt": "<text:line-break"}


def _text(paragraph: str) -> str:
    return re.sub(r"<[^>]+>", "", paragraph)


def _is_heading(paragraph: str) -> bool:
    return paragraph.startswith("<text:h") or '<w:pStyle w:val="Heading' in paragraph


def _mark_docx(paragraph: str, keep_next: bool, together: bool) -> str:
    """Keep with the next paragraph, and/or keep the lines together with room to write.

    The properties go right after the style (or open the properties), in the order the
    schema wants them; a paragraph that already has its own spacing keeps it.
    """
    spacing = f'<w:spacing w:line="{WRITING_PITCH * 20}" w:lineRule="atLeast" />'
    properties = ("<w:keepNext />" if keep_next else "") + ("<w:keepLines />" if together else "")
    properties += spacing if together and "<w:spacing" not in paragraph else ""
    for anchor in (r"<w:pPr>\s*<w:pStyle [^>]*/>", r"<w:pPr>"):
        if re.search(anchor, paragraph):
            return re.sub(f"({anchor})", lambda m: m.group(1) + properties, paragraph, count=1)
    return re.sub(r"^(<w:p\b[^>]*>)", lambda m: f"{m.group(1)}<w:pPr>{properties}</w:pPr>", paragraph, count=1)


def _mark_odt(paragraph: str, keep_next: bool, together: bool) -> str:
    """The same paragraph style with the properties (the styles are added by _add_odt_styles)."""
    prefix = f"{_KEEP}{'n' if keep_next else ''}{'t' if together else ''}_"
    return re.sub(r'^(<text:p\b[^>]*?text:style-name=")([^"]+)"', rf'\1{prefix}\2"', paragraph, count=1)


def _add_odt_styles(xml: str) -> str:
    styles = []
    for flags, parent in sorted(set(re.findall(rf'text:style-name="{_KEEP}([nt]+)_([^"]+)"', xml))):
        properties = ('fo:keep-with-next="always" ' if "n" in flags else "") + (
            f'fo:keep-together="always" style:line-height-at-least="{WRITING_PITCH}pt" ' if "t" in flags else ""
        )
        styles.append(
            f'<style:style style:name="{_KEEP}{flags}_{parent}" style:family="paragraph" '
            f'style:parent-style-name="{parent}"><style:paragraph-properties {properties}/></style:style>'
        )
    if "<office:automatic-styles/>" in xml:
        return xml.replace(
            "<office:automatic-styles/>", f"<office:automatic-styles>{''.join(styles)}</office:automatic-styles>"
        )
    return xml.replace("</office:automatic-styles>", f"{''.join(styles)}</office:automatic-styles>", 1)
