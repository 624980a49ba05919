"""Fill placeholders in finished DOCX and ODT files, without running pandoc again.

A DOCX or ODT file is a zip of XML. Pandoc makes one master per programme with
placeholders such as `\ufdd0forloeb\ufdd0`; each cohort's copy is the master with the
placeholders replaced, which takes milliseconds instead of a pandoc run. The marker
is a noncharacter, which the text policy (model/textpolicy.py) refuses in every text,
also as `&#xFDD0;`: no programme text can make a placeholder or a cut.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape as escape_xml

# The XML members that hold text, and the element that is one paragraph there.
TEXT_MEMBERS = {
    "docx": ("word/document.xml", r"<w:p[ >](?:(?!<w:p[ >]).)*?</w:p>"),
    "odt": ("content.xml", r"<text:(p|h)[ >](?:(?!<text:[ph][ >]).)*?</text:\1>"),
}
MARK = "\ufdd0"  # never in a text: see the module's docstring
TOKEN = re.compile(rf"{MARK}[a-z0-9_]+{MARK}")

Values = Mapping[str, str | Sequence[str]]
# Characters XML 1.0 does not allow: Word and LibreOffice refuse a file that has one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(value: str) -> str:
    """A value as XML text: markup escaped and characters XML cannot hold left out."""
    return escape_xml(_NOT_XML.sub("", value))


def token(name: str) -> str:
    """The placeholder for a value, as it is written in a document template."""
    return f"{MARK}{name}{MARK}"


def fill_document(master: bytes, kind: str, values: Values) -> bytes:
    """The master with each placeholder replaced.

    A text value replaces its placeholder; a list repeats the whole paragraph that
    holds the placeholder once per item (none for an empty list).
    """
    member, paragraph = TEXT_MEMBERS[kind]
    return patch_zip(master, {member: lambda xml: _fill_xml(xml, re.compile(paragraph, re.S), values)})


def _fill_xml(xml: str, paragraph: re.Pattern[str], values: Values) -> str:
    def repeat(match: re.Match[str]) -> str:
        text = match.group(0)
        lists = [name for name, value in values.items() if not isinstance(value, str) and token(name) in text]
        if not lists:
            return text
        return "".join(text.replace(token(lists[0]), escape(item)) for item in values[lists[0]])

    xml = paragraph.sub(repeat, xml)
    for name, value in values.items():
        if isinstance(value, str):
            xml = xml.replace(token(name), escape(value))
    left = TOKEN.search(xml)
    if left:
        raise ValueError(f"pladsholderen »{left.group(0).strip(MARK)}« fik ingen værdi")
    return xml


# Where the body of the text starts and ends, so a document can be cut into several.
BODY = {"docx": ("<w:body>", "<w:sectPr"), "odt": ("<office:text>", "</office:text>")}


def split_document(data: bytes, kind: str, marker: str) -> list[bytes]:
    """Cut a document at each paragraph holding `marker` into separate documents.

    Pandoc's fixed cost is most of a small document's time, so several documents are
    made in one run and cut apart here; each part keeps the styles, lists and links.
    """
    member = TEXT_MEMBERS[kind][0]
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read(member).decode("utf-8")
    opening, closing = BODY[kind]
    head, tail = xml.index(opening) + len(opening), xml.rindex(closing)
    parts = _marker_paragraph(kind, marker).split(xml[head:tail])
    return [patch_zip(data, {member: _replace_with(xml[:head] + part + xml[tail:])}) for part in parts]


def _replace_with(text: str) -> Callable[[str], str]:
    return lambda _: text


def _marker_paragraph(kind: str, marker: str) -> re.Pattern[str]:
    element = "w:p" if kind == "docx" else "text:p"
    return re.compile(rf"<{element}[ >](?:(?!<{element}[ >]).)*?{re.escape(marker)}.*?</{element}>", re.S)


def patch_zip(original: bytes, patches: Mapping[str, Callable[[str], str]]) -> bytes:
    """A copy of a zip with some XML members changed; order, names and compression kept.

    ODT readers require `mimetype` first and uncompressed, which copying each entry's
    ZipInfo as it is preserves.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in patches:
                data = patches[info.filename](data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()
