"""A small static file server for a built site, on the loopback interface only.

Like a real web host, and unlike `python -m http.server`, it answers 404 for a
folder without index.html instead of listing the folder.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]


class _SiteHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        # The site lives under the path of its site_url (e.g. /mentorhaandbog/), as when published.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0-outside-the-site")
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def list_directory(self, path: str | Path) -> None:
        self.send_error(404, "Not found")
        return None

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


@contextmanager
def serve_site(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `root` on 127.0.0.1 at a free port under `prefix`; yields the site's URL, ending in '/'."""
    handler = partial(type("Handler", (_SiteHandler,), {"prefix": prefix}), directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def published_url() -> str:
    """`site_url` from mkdocs.yml: where the site is published."""
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(1) if found else "/"


def published_prefix() -> str:
    """The path the site is published under, e.g. `/mentorhaandbog/`."""
    return urlsplit(published_url()).path or "/"
