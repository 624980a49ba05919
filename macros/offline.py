"""The offline copy: the whole site as a zip that works opened from disk, search included.

`mentor build` builds the site a second time with Material's `offline` plugin switched
on (mkdocs.yml: `enabled: !ENV [MENTOR_OFFLINE, false]`): links end in `index.html`,
and the search index is also written as a script, which a page opened from file://
can load where a fetch would be refused. Material fetches a Web Worker shim for
file:// from a CDN; the plugin points it at a copy in overrides/ instead, so the copy
makes no request to anyone. Plain `mkdocs build` and `mkdocs serve` make no zip and
show no link to one.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

ZIP_ENV = "MENTOR_OFFLINE_ZIP"  # set by `mentor build`: the zip's file name, so pages may link it
OFFLINE_ENV = "MENTOR_OFFLINE"  # set for the second build: switches Material's offline plugin on
ZIP_NAME = "mentorhaandbogen-offline.zip"
FOLDER = "mentorhaandbogen"  # the one folder inside the zip
CDN_SHIM = "https://unpkg.com/iframe-worker/shim"
LOCAL_SHIM = "assets/javascripts/iframe-worker.js"


def offline_zip_name() -> str:
    """The zip's name when this build will have one (`mentor build`), else ''."""
    return os.environ.get(ZIP_ENV, "")


def is_offline_build() -> bool:
    """True in the second build, the one that goes into the zip."""
    return os.environ.get(OFFLINE_ENV, "").lower() in ("1", "true", "yes")


def local_polyfills(polyfills: list[str]) -> list[str]:
    """Material's polyfill list with the CDN's worker shim replaced by our own copy."""
    return [LOCAL_SHIM if url.startswith(CDN_SHIM) else url for url in polyfills]


def write_zip(site: Path, zip_path: Path) -> None:
    """Every file of the built `site` under one folder in `zip_path`."""
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
