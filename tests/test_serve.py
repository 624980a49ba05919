"""`mkdocs serve` rebuilds the site when a programme's YAML file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import copy_project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_after_a_yaml_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/mentorhaandbog/programmer/gruppementor/"  # site_url sets the path
    try:
        assert _wait_for(url, "Gruppementorordning", 120), "serve did not start"
        source = project / "programmes" / "gruppementor.yaml"
        source.write_text(source.read_text(encoding="utf-8").replace("name: Gruppementorordning", "name: Ændret navn"))
        assert _wait_for(url, "Ændret navn", 60), "the page was not rebuilt after the YAML edit"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _page(url: str) -> str:
    """The page's HTML, also when the server answers 404 (the error page is served for every address)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))
    except OSError:
        return ""  # also a request that hangs: it times out after 2 s


def _shows(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _page(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_shows_a_build_error_in_the_browser_until_it_is_fixed(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    source = project / "programmes" / "gruppementor.yaml"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("model: group", "modle: group"), encoding="utf-8")  # broken from the start
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/mentorhaandbog/"
    page = f"{base}programmer/gruppementor/"
    try:
        assert _shows(page, "Håndbogen kan ikke bygges", 120), "no error page while the YAML is broken"
        shown = _page(page)
        assert 'lang="da"' in shown and "programmes/gruppementor.yaml:" in shown and "modle" in shown
        assert "Håndbogen kan ikke bygges" in _page(base)  # the front page too
        source.write_text(good, encoding="utf-8")
        assert _shows(page, "Gruppementorordning", 120), "the real page did not come back after the fix"
        source.write_text(good.replace("model: group", "modle: group"), encoding="utf-8")  # broken on a rebuild
        assert _shows(page, "Håndbogen kan ikke bygges", 120), "no error page after a rebuild failed"
        source.write_text(good, encoding="utf-8")
        models = project / "docs" / "modeller.md"
        text = models.read_text(encoding="utf-8")
        models.write_text(text.replace("model_comparison()", "model_comparisonn()"), encoding="utf-8")
        assert _shows(f"{base}modeller/", "Siden kan ikke bygges", 120), "no error for a broken macro"
        assert "docs/modeller.md:" in _page(f"{base}modeller/") and "Gruppementorordning" in _page(page)
        models.write_text(text, encoding="utf-8")
        assert _shows(f"{base}modeller/", "Hvor står teksten?", 120), "the page did not come back after the fix"
    finally:
        server.terminate()
        server.wait(timeout=10)
