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
from pathlib import Path

ZIP_ENV = "MENTOR_OFFLINE_ZIP"  # set by `mentor build`: the zip's file name, so pages may link it
ZIP_NAME = "mentorhaandbogen-offline.zip"
FOLDER = "mentorhaandbogen"  # the one folder inside the zip
LOCAL_SHIM = "assets/javascripts/iframe-worker.js"
SEARCH_INDEX = "search/search_index.json"
READING_IT = "Det er den kopi, du læser nu."
# Files that are compressed already: deflating them again costs time and saves nothing.
_STORED = (".docx", ".odt", ".zip", ".gz", ".png", ".jpg", ".jpeg", ".woff", ".woff2")
# A relative link (no scheme, not from the root, not only an anchor): its path, then any ?query or #anchor.
_LINK = re.compile(r'(\s(?:href|src)=")((?![A-Za-z][A-Za-z0-9+.-]*:|/|#|")[^"#?]*)([?#][^"]*)?"')


def offline_zip_name() -> str:
    """The zip's name when this build will have one (`mentor build`), else ''."""
    return os.environ.get(ZIP_ENV, "")


def write_zip(site: Path, zip_path: Path) -> None:
    """Every file of the built `site` (but the zip) under one folder in `zip_path`, readable from disk."""
    zip_link = re.compile(rf'<a href="(?:\.\./)*{re.escape(zip_path.name)}">[^<]*</a>')
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(site.rglob("*")):
            if not path.is_file() or path == zip_path:
                continue
            name = path.relative_to(site).as_posix()
            for member, data in _members(name, path.read_bytes(), zip_link):
                stored = member.endswith(_STORED)
                archive.writestr(f"{FOLDER}/{member}", data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


def _members(name: str, data: bytes, zip_link: re.Pattern[str]) -> list[tuple[str, bytes]]:
    """The zip's member(s) for the site's file `name`: pages and the search index changed for file://."""
    if name.endswith(".html"):
        return [(name, offline_page(data.decode("utf-8"), name.count("/"), zip_link).encode("utf-8"))]
    if name == SEARCH_INDEX:
        index = offline_search_index(data.decode("utf-8"))
        return [(name, index.encode("utf-8")), (name[: -len(".json")] + ".js", f"var __index = {index}".encode())]
    return [(name, data)]


def offline_page(html: str, depth: int, zip_link: re.Pattern[str]) -> str:
    """A page `depth` folders down, as it must be opened from disk: file links, local shim, no zip link."""
    html = _LINK.sub(lambda m: f'{m.group(1)}{file_link(m.group(2))}{m.group(3) or ""}"', html)
    shim = f'<script src="{"../" * depth}{LOCAL_SHIM}"></script>'
    return zip_link.sub(READING_IT, html).replace("</head>", f"{shim}</head>", 1)


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
