"""Keeping pages small in memory while MkDocs builds thousands of them.

MkDocs reads and converts every page before it writes the first, and keeps each page's
Markdown and HTML to the end: at 10,000 cohorts (30,000 pages) some 1.5 GB of text, most
of it two bytes a character because a dash or an ellipsis makes Python store the whole
string wide. The adapter (plugin.py) keeps a generated page's Markdown, and every page's
HTML between its conversion and its turn to be written, compressed here: a page is then
3 kB instead of 40 kB, and the text comes back unchanged when it is needed.
"""

from __future__ import annotations

import zlib

LEVEL = 1  # the fastest: pages compress 5–8× already, and a page is packed and unpacked once


def pack(text: str) -> bytes:
    """`text` as compressed UTF-8."""
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpack(data: bytes) -> str:
    """The text `pack` was given."""
    return zlib.decompress(data).decode("utf-8")


class PackedHtml:
    """Each page's HTML from its conversion until its turn to be written, compressed, by page."""

    def __init__(self) -> None:
        self._pages: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._pages)

    def keep(self, page: str, html: str) -> str:
        """Store `html` for `page` (its src_uri); what the page holds meanwhile: nothing."""
        self._pages[page] = pack(html)
        return ""

    def take(self, page: str, html: str) -> str:
        """The HTML kept for `page`, let go of here; `html` as it is if none was kept (a page MkDocs skipped)."""
        data = self._pages.pop(page, None)
        return html if data is None else unpack(data)
