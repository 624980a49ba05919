"""The download links a page shows, read from the list of published files (rendering/published_files.py).

A document made in two formats is one line with both links; the files live next to the
page that links them, so a link is the file name alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .published_files import Kind, PublishedFile


@dataclass(frozen=True)
class Download:
    """One document in one or more file formats, as a page lists it."""

    title: str
    description: str
    files: tuple[tuple[str, str], ...]  # (format shown to the reader, file name)


def downloads(files: Iterable[PublishedFile], kinds: Iterable[Kind] | None = None) -> list[Download]:
    """The files (of these kinds) as a page lists them: the formats of one document on one line."""
    wanted = set(kinds) if kinds is not None else None
    items: list[Download] = []
    for file in files:
        if wanted is not None and file.kind not in wanted:
            continue
        link = (file.format, file.name)
        last = items[-1] if items else None
        if last is not None and (last.title, last.description) == (file.title, file.description):
            items[-1] = Download(last.title, last.description, (*last.files, link))
        else:
            items.append(Download(file.title, file.description, (link,)))
    return items
