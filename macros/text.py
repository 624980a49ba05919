"""Make user text safe to place in Markdown, HTML, Typst and office documents.

Programme texts come from pull requests. They may use simple Markdown, but HTML is
shown as text and links may only point to web pages, e-mail or pages of the site.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# [label](target) and [label]: target, where target has a scheme we do not allow.
_INLINE_LINK = re.compile(r"(\]\(\s*<?)([a-zA-Z][a-zA-Z0-9+.\-]*):([^)\s>]*)")
_REFERENCE_LINK = re.compile(r"^(\s*\[[^\]]+\]:\s*<?)([a-zA-Z][a-zA-Z0-9+.\-]*):(\S*)", re.MULTILINE)
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def defuse_links(text: str) -> str:
    """Replace link targets with an unsafe scheme (javascript:, data:, …) by `#`."""

    def replace(match: re.Match[str]) -> str:
        scheme = match.group(2).lower()
        return match.group(0) if scheme in SAFE_SCHEMES else f"{match.group(1)}#"

    return _REFERENCE_LINK.sub(replace, _INLINE_LINK.sub(replace, text))


def safe_markdown(value: object) -> Markup:
    """User text ready for a Markdown page: HTML escaped, unsafe links defused."""
    if isinstance(value, Markup):
        return value
    return Markup(escape(defuse_links(str(value))))


def one_line(value: object) -> str:
    """Fold a multi-line text into one line, e.g. for a list item or a table cell."""
    return " ".join(str(value).split())
