"""The offline copy: the built site as a zip that works opened from disk, search included.

`mentor build` makes it from the site it has just built, changing the pages in memory
while it zips them the way Material's `offline` plugin would have built them: a link
to a folder gets its `index.html` (a browser shows a folder from disk as a file list),
the search index is also written as a script (`search/search_index.js`), which a page
opened from file:// can load where a fetch is refused, and every page loads the Web
Worker shim Material needs on file:// from our own copy in overrides/ instead of from
a CDN, so the copy makes no request to anyone. A link to the zip itself, which the
copy lacks, becomes a sentence saying the reader has it. Plain `mkdocs build` and
`mkdocs serve` make no zip and show no link to one.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

AddMember = Callable[[str, bytes], None]  # (path in the site, content)
ZIP_ENV = "MENTOR_OFFLINE_ZIP"  # set by `mentor build`: the zip's file name, so pages may link it
ZIP_NAME = "mentorhaandbogen-offline.zip"
FOLDER = "mentorhaandbogen"  # the one folder inside the zip
LOCAL_SHIM = "assets/javascripts/iframe-worker.js"
SEARCH_INDEX = "search/search_index.json"
READING_IT = "Det er den kopi, du læser nu."
# Files that are compressed already: deflating them again costs time and saves nothing.
_AHEAD = 64  # files read and changed ahead of the thread that writes the zip
_STORED = (".docx", ".odt", ".zip", ".gz", ".png", ".jpg", ".jpeg", ".woff", ".woff2")
# Relative links (no scheme, not from the root) to a folder: `x/`, then `.`, `..` and `../..`.
# Matched on the page's bytes from the literal `href="` and changed by templates: the regex
# engine does all the work (4× faster than a Python function per link at 1,000 cohorts).
_FOLDER_LINK = re.compile(rb'href="(?!/)[^"#?:]*/(?=[#?"])')
_DOTS_LINK = re.compile(rb'href="(?!/)(?:[^"#?:]*/)?\.\.?(?=[#?"])')


def offline_zip_name() -> str:
    """The zip's name when this build will have one (`mentor build`), else ''."""
    return os.environ.get(ZIP_ENV, "")


@contextmanager
def offline_assets(site_dir: str) -> Iterator[AddMember]:
    """In the asset worker (worker.py), while MkDocs renders the pages: a function that puts its files into the zip.

    They are in memory there, and the worker has a core of its own, so `write_zip` after
    MkDocs only adds the pages and the theme's files. Adds nothing when this build makes no zip.
    """
    zip_name = offline_zip_name()
    if not zip_name:
        yield lambda path, content: None
        return
    with zipfile.ZipFile(os.path.join(site_dir, zip_name), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:

        def add(path: str, content: bytes) -> None:
            if not path.endswith(".html"):  # a page is changed for the copy by write_zip
                _add(archive, path, content)

        yield add


def write_zip(site: Path, zip_path: Path) -> None:
    """Every file of the built `site` (but the zip) under one folder in `zip_path`, readable from disk.

    Members the asset worker has put in already (`offline_assets`) are kept, not read again.
    One thread reads and changes the files while another deflates and writes them:
    zlib lets go of the interpreter lock, so the two overlap on two cores.
    """
    zip_link = re.compile(rb'<a href="(?:\.\./)*' + re.escape(zip_path.name.encode()) + rb'">[^<]*</a>')
    mode: Literal["a", "w"] = "a" if zip_path.is_file() else "w"
    with zipfile.ZipFile(zip_path, mode, zipfile.ZIP_DEFLATED) as archive, ThreadPoolExecutor(1) as writer:
        done, pending = set(archive.namelist()), deque[Future[None]]()
        for path in sorted(site.rglob("*")):
            name = path.relative_to(site).as_posix()
            if f"{FOLDER}/{name}" in done or path == zip_path or not path.is_file():
                continue
            for member, data in _members(name, path.read_bytes(), zip_link):
                pending.append(writer.submit(_add, archive, member, data))
            while len(pending) > _AHEAD:  # bounded: the pages wait in memory only this far ahead
                pending.popleft().result()
        for future in pending:
            future.result()


def _add(archive: zipfile.ZipFile, member: str, data: bytes) -> None:
    # Level 1: pages deflate 2.4× faster than at 6 for a zip 5 % larger (docx and odt are most of it).
    stored = member.endswith(_STORED)
    archive.writestr(f"{FOLDER}/{member}", data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED, 1)


def _members(name: str, data: bytes, zip_link: re.Pattern[bytes]) -> list[tuple[str, bytes]]:
    """The zip's member(s) for the site's file `name`: pages and the search index changed for file://."""
    if name.endswith(".html"):
        return [(name, offline_page(data, name.count("/"), zip_link))]
    if name == SEARCH_INDEX:
        index = offline_search_index(data.decode("utf-8"))
        return [(name, index.encode("utf-8")), (name[: -len(".json")] + ".js", f"var __index = {index}".encode())]
    return [(name, data)]


def offline_page(html: bytes, depth: int, zip_link: re.Pattern[bytes]) -> bytes:
    """A page `depth` folders down, as it must be opened from disk: file links, local shim, no zip link."""
    html = _DOTS_LINK.sub(rb"\g<0>/index.html", _FOLDER_LINK.sub(rb"\g<0>index.html", html))
    shim = f'<script src="{"../" * depth}{LOCAL_SHIM}"></script></head>'.encode()
    return zip_link.sub(READING_IT.encode(), html).replace(b"</head>", shim, 1)


def file_link(path: str) -> str:
    """A relative link to a folder (`x/`, `.`, `../..`) as a link to its `index.html`; others as they are."""
    if path.endswith("/"):
        return f"{path}index.html"
    if path in (".", "..") or path.endswith(("/.", "/..")):
        return f"{path}/index.html"
    return path


def offline_search_index(text: str) -> str:
    """The search index with each result's location linked to a file, as pages are in the copy."""
    index = json.loads(text)
    for doc in index.get("docs", []):
        path, anchor, rest = str(doc.get("location", "")).partition("#")
        doc["location"] = (file_link(path) if path else "index.html") + anchor + rest
    return json.dumps(index, separators=(",", ":"))
