"""One policy for every text that is loaded: what may stand in it, and where its links may lead.

Texts reach pages, booklets (pandoc and Typst), office documents (XML) and calendars.
Rather than trust every writer to cope, a text is checked once, where it is loaded:
no control characters, noncharacters or bidi overrides (also not as `&#…;`, which
Markdown and pandoc turn into the character), no code fence that would swallow the
text after it, no more brackets and asterisks than Markdown handles quickly, and
only links to `https://` addresses, e-mail addresses and pages of the handbook.
The text is normalised to NFC, so the same word is always the same characters.
"""

from __future__ import annotations

import html
import re
import unicodedata

MAX_BRACKETS = 100  # Python-Markdown's link search is quadratic in the »[« of a paragraph
MAX_ASTERISKS = 200  # and so is the emphasis in the plain-text path of the documents
# Pandoc's reader is quadratic in these, too: 1,000 of »'a « take it 5 seconds, 3,000 over 30, and
# 20,000 »>« (quotes in quotes) over 30; 20,000 »|« or »{« take it 3–4 seconds.
LIMITS = (
    ("[", MAX_BRACKETS), ("*", MAX_ASTERISKS), ("'", 100), ("<", 100), (">", 100), ("`", 100), ("(", 200),
    ("{", 1000), ("|", 2000),
)  # fmt: skip
MAX_BRACKET_DEPTH = 5  # and exponential in »[« inside »[«: 13 levels take it 3 seconds, 16 over 20
MAX_HEADINGS = 100  # and quadratic in headings with the same words: 5,000 take it 10 seconds
_HEADING = re.compile(r"^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)  # »# …« or a line under a heading
MAX_INDENT = 24  # columns of indentation and list markers before a line's text: about six nested lists
# (Typst stops at some 40 nested lists with »maximum show rule depth exceeded«)
_LINE_START = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t]*", re.MULTILINE)
# A short line that starts with a letter and holds only letters (composed, so already NFC), digits,
# spaces and plain punctuation: no markup, no indentation or heading, fewer of any character than LIMITS allows.
_LETTER = "A-Za-zÆØÅæøåÄäÖöÜüÉé"
_PLAIN = re.compile(f"[{_LETTER}][{_LETTER}0-9 .,:;!?'()/%+\\-–]{{0,98}}")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SEPARATORS = frozenset("\u2028\u2029")
_NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
_SUSPECT_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    f"\ufdd0-\ufdef\ud800-\udfff{_NONCHARACTERS}"
)
_SUSPECT = re.compile(f"[{_SUSPECT_CLASS}]")  # exactly what `forbidden` refuses
_SUSPECT_ONE_LINE = re.compile(f"[\t\n{_SUSPECT_CLASS}]")
_FENCE = re.compile(r"^[ \t>*+\-.0-9]*(```|~~~)", re.MULTILINE)
_BRACKET = re.compile(r"(?<!\\)[\[\]]")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # Markdown's backslash escapes, which pandoc undoes
_NUMERIC = re.compile(r"&#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,7}));")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Where a link's destination starts: `[label](…)`, `[id]: …` and `<…>` (an autolink).
_DESTINATIONS = (
    re.compile(r"\]\(\s*<?([^)>]*)"),
    re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)*\[[^\]]*\]:\s*<?(\S*)", re.MULTILINE),
    re.compile(r"<([^<>\s]*)>"),
)
_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
EMAIL_RE = re.compile(rf"^[A-Za-z0-9._%+\-]{{1,64}}@{_HOST}$")
WEB_LINK_RE = re.compile(rf"^https://{_HOST}(?::[0-9]{{1,5}})?(?:[/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*)?$")


def check_text(value: str, one_line: bool = False) -> str:
    """The text in NFC, or ValueError with a Danish reason."""
    if _PLAIN.fullmatch(value):  # most names and titles: none of the checks can fault them
        return value
    return check_text_fully(value, one_line)


def check_text_fully(value: str, one_line: bool = False) -> str:
    """`check_text` without its shortcut for short plain lines."""
    value = unicodedata.normalize("NFC", value)
    # Most texts have no escape, reference, code mark or link: the checks that need one are skipped.
    decoded = decode_references(_ESCAPED.sub(r"\1", value)) if "&" in value or "\\" in value else value
    for text in (value, decoded) if decoded is not value else (value,):
        _check_characters(text, one_line)
    if ("`" in value or "~" in value) and _FENCE.search(value):
        raise ValueError("en linje må ikke begynde med ``` eller ~~~ (kodeblokke bruges ikke i teksterne)")
    if any(len(start.expandtabs(4)) > MAX_INDENT for start in _LINE_START.findall(value)):
        raise ValueError(f"en linje er rykket mere end {MAX_INDENT} tegn ind; læg højst lister i seks lag")
    for char, limit in LIMITS:
        if (count := value.count(char)) > limit:
            raise ValueError(f"teksten har {count} tegn »{char}«; højst {limit} er tilladt i én tekst")
    if (headings := len(_HEADING.findall(value))) > MAX_HEADINGS:
        raise ValueError(f"teksten har {headings} overskrifter; højst {MAX_HEADINGS} er tilladt i én tekst")
    if (depth := bracket_depth(value)) > MAX_BRACKET_DEPTH:
        raise ValueError(
            f"teksten har klammer »[« i {depth} lag inden i hinanden; højst {MAX_BRACKET_DEPTH} er tilladt"
        )
    if "]" in decoded or "<" in decoded:  # every link form has one (_DESTINATIONS)
        for target in link_targets(decoded):
            check_link(target)
    return value


def bracket_depth(text: str) -> int:
    """How many »[« stand open at the deepest point (a »]« closes one; »\\[« is no bracket)."""
    depth = deepest = 0
    for found in _BRACKET.finditer(text):
        depth = depth + 1 if found.group() == "[" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def decode_references(text: str) -> str:
    """`&#…;` and `&name;` as pandoc and browsers read them: numbers become their character as
    they are (Python's html.unescape drops noncharacters and would hide them from the check)."""
    text = _NUMERIC.sub(lambda m: _character(int(m.group(1) or m.group(2), 16 if m.group(2) else 10)), text)
    return html.unescape(text)


def _character(code: int) -> str:
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"


def _check_characters(text: str, one_line: bool) -> None:
    found = (_SUSPECT_ONE_LINE if one_line else _SUSPECT).search(text)  # fast: most texts have none
    if found:
        raise ValueError(f"{forbidden(found.group(), one_line)} (U+{ord(found.group()):04X}); slet det")


def forbidden(char: str, one_line: bool = False) -> str:
    """Why a character may not stand in a text, or "" if it may."""
    code = ord(char)
    if char in "\n\t":
        return "teksten skal stå på én linje, men har et linjeskift eller en tabulator" if one_line else ""
    if code < 0x20 or 0x7F <= code <= 0x9F or char in _SEPARATORS:
        return "teksten indeholder et usynligt styretegn"
    if char in _BIDI:
        return "teksten indeholder et usynligt tegn, der vender skriftretningen"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE or 0xD800 <= code <= 0xDFFF:
        return "teksten indeholder et tegn, der ikke er et bogstav eller tegn i nogen skrift"
    return ""


def link_targets(text: str) -> list[str]:
    """Every link destination in a Markdown text, as a browser or pandoc would read it."""
    found = [match.group(1) for pattern in _DESTINATIONS for match in pattern.finditer(text)]
    return ["".join(target.split()) for target in found]  # a browser drops tabs and line breaks


def check_link(target: str) -> str:
    """A link may lead to an https:// address, an e-mail address or a page of the handbook."""
    scheme = _SCHEME.match(target)
    if scheme is None and not target.startswith("//") and ":" not in target.split("/")[0]:
        return target  # a page of the handbook, e.g. ../roller/
    if scheme and scheme.group(1).lower() == "mailto" and EMAIL_RE.match(target[7:]):
        return target
    if WEB_LINK_RE.match(target):
        return target
    shown = target if len(target) <= 60 else f"{target[:60]}…"
    raise ValueError(
        f"linket '{shown}' er ikke tilladt; et link skal være en adresse med https://, "
        "en e-mailadresse (mailto:) eller en side i håndbogen"
    )


def check_web_link(value: str) -> str:
    """An online meeting's link: https:// and nothing a page or calendar could misread."""
    if not WEB_LINK_RE.match(value):
        raise ValueError(f"'{_short(value)}' er ikke et gyldigt link; det skal begynde med https://")
    return value


def check_email(value: str) -> str:
    """A shared mailbox such as mentor@example.org."""
    if not EMAIL_RE.match(value) or len(value) > 254:
        raise ValueError(f"'{_short(value)}' er ikke en gyldig e-mailadresse; skriv fx mentor@example.org")
    return value


def _short(value: str) -> str:
    printable = "".join(char if not forbidden(char, True) else "�" for char in value)
    return printable if len(printable) <= 60 else f"{printable[:60]}…"
