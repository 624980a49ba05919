"""The Nu Html Checker (vnu.jar, run with Java) finds no errors in any page of the built site.

No message is filtered. Material's three kinds of invalid markup are repaired by
macros/site/htmlrepair.py; the tests below show the checker still catches them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from macros.site.htmlrepair import repair_theme_html
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

VNU = ROOT / ".cache" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check_html(folder: Path) -> list[str]:
    """The checker's errors for every HTML file under `folder`, as `file:line: message`."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("Java eller vnu.jar mangler: kør tools/install-test-deps.sh (make test gør det selv)")
    command = [java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    messages: list[dict[str, Any]] = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m['url'].split(folder.as_posix())[-1]}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


def test_every_page_is_valid_html(built_site: Path) -> None:
    assert check_html(built_site) == []


def test_the_checker_catches_material_markup_that_the_repairs_remove(tmp_path: Path, built_site: Path) -> None:
    """Put Material's original markup back into a page: the checker fails it, the repair passes it."""
    page = (built_site / "index.html").read_text(encoding="utf-8")
    unrepaired = page.replace('id="__drawer"', 'id="__drawer" autocomplete="off"').replace(
        'class="md-nav__link"', 'class="md-nav__link" tabindex=""'
    )
    (tmp_path / "original.html").write_text(unrepaired, encoding="utf-8")
    (tmp_path / "repaired.html").write_text(repair_theme_html(unrepaired), encoding="utf-8")
    errors = check_html(tmp_path)  # one run of the checker for both files: Java starts slowly
    original = "\n".join(e for e in errors if e.startswith("/original.html"))
    assert "Attribute “autocomplete” is only allowed" in original
    assert "Bad value “” for attribute “tabindex”" in original
    assert [e for e in errors if e.startswith("/repaired.html")] == []


def test_the_repairs_leave_other_markup_alone() -> None:
    page = '<input type="checkbox" id="__search"><label class="md-nav__title" for="__toc"><input id="__toc">'
    assert repair_theme_html(page) == page
