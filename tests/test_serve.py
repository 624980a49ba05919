"""`mkdocs serve` rebuilds the site when a programme's YAML file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
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
