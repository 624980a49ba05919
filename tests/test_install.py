"""The installed environment is the locked one, and installing is quiet.

`make site` and `make test` install exactly requirements.lock (tools/install.sh). These
tests read the lock and compare it with what this interpreter has installed, check
that the build backend is the locked one, and build the project's wheel to see that
setuptools has nothing to warn about in our own files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked() -> dict[str, str]:
    """Package → version from the lock, for the packages whose markers fit this interpreter."""
    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        found = _PIN.match(line)
        if found and (found.group(3) is None or Marker(found.group(3)).evaluate()):
            pins[canonicalize_name(found.group(1))] = found.group(2)
    return pins


def installed() -> dict[str, str]:
    """Package → version of every distribution this interpreter sees, the project itself left out."""
    found = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    for own_or_installer in ("mentorhaandbog", "pip"):
        found.pop(own_or_installer, None)
    return found


@pytest.mark.skipif(os.environ.get("INSTALL") == "newest", reason="the weekly job installs the newest versions")
@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="runs inside the project's virtual environment")
def test_the_environment_holds_exactly_the_locked_versions() -> None:
    assert installed() == locked()


def test_the_lock_pins_every_package_with_hashes() -> None:
    text = LOCK.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1] if text.startswith("#") else text)
    pins = [block for block in blocks if "==" in block.split("\n", 1)[0]]
    assert len(pins) > 40
    assert all("--hash=sha256:" in block for block in pins)


def test_the_build_backend_is_pinned_to_the_locked_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (backend,) = project["build-system"]["requires"]
    name, version = backend.split("==")
    assert canonicalize_name(name) == "setuptools"
    assert f"\nsetuptools=={version} " in LOCK.read_text(encoding="utf-8")


def test_the_lock_covers_the_ranges_in_pyproject() -> None:
    """Every direct dependency is in the lock: a range added without `make lock` fails here."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    names = {canonicalize_name(re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0]) for spec in direct}
    text = LOCK.read_text(encoding="utf-8").lower()
    assert [name for name in sorted(names) if f"\n{name}==" not in "\n" + text] == []


def test_building_the_package_gives_no_setuptools_warning(tmp_path: Path) -> None:
    """setuptools warns about our own pyproject.toml (licence form, package data) only here."""
    source = tmp_path / "source"
    shutil.copytree(ROOT / "macros", source / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    script = f"from setuptools import build_meta; print(build_meta.build_wheel({str(tmp_path)!r}))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # a machine setting, not ours
    command = [sys.executable, "-W", "always", "-c", script]
    result = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"warning|deprecat", result.stdout + result.stderr, re.IGNORECASE), result.stderr[-3000:]
    wheel = tmp_path / result.stdout.strip().splitlines()[-1]
    names = zipfile.ZipFile(wheel).namelist()
    assert "macros/templates/cohort/page.md.j2" in names
    assert "macros/resources/booklet.typ" in names
