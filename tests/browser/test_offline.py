"""The offline copy: `mentor build` zips the built site so that it works opened from disk, search included."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from macros.site.offline import FOLDER, ZIP_NAME
from tests.browser.server import published_prefix, published_url
from tests.conftest import copy_project, html
from tests.test_links import broken_links

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make site` makes it: `mentor build --strict`."""
    project = copy_project(tmp_path_factory.mktemp("offline"))
    command = [sys.executable, "-m", "macros.cli", "--root", str(project), "build", "--strict"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Laver kopien til brug uden net" in result.stdout
    return project / "site"


@pytest.fixture(scope="module")
def unpacked(published: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(published / ZIP_NAME) as archive:
        assert all(name.startswith(f"{FOLDER}/") for name in archive.namelist())
        archive.extractall(folder)
    return folder / FOLDER


def test_about_links_the_zip_and_every_link_resolves(published: Path) -> None:
    link = html(published, "om-haandbogen/").find("a", href=f"../{ZIP_NAME}")
    assert link is not None and "zip" in link.get_text()
    assert broken_links(published, published_prefix(), published_url()) == []


def test_the_copy_links_files_and_has_its_search_index_as_a_script(unpacked: Path) -> None:
    page = (unpacked / "index.html").read_text(encoding="utf-8")
    assert 'href="modeller/index.html"' in page and "assets/javascripts/iframe-worker.js" in page
    assert 'href="modeller/"' not in page  # a folder opened from disk is a file list, not the page
    assert "unpkg.com" not in page  # Material's CDN shim is replaced by our own copy
    assert (unpacked / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert "Det er den kopi, du læser nu." in (unpacked / "om-haandbogen" / "index.html").read_text(encoding="utf-8")
    assert not (unpacked / ZIP_NAME).exists()


def test_opened_from_disk_search_finds_pages_and_leads_to_them(browser: Browser, unpacked: Path) -> None:
    context = browser.new_context()
    outside: list[str] = []
    context.route(
        lambda url: not url.startswith("file:"), lambda route: (outside.append(route.request.url), route.abort())
    )
    page = context.new_page()
    page.goto((unpacked / "index.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type("kontrakt")
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15_000)
    assert page.locator(".md-search-result__item").count() > 1
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith((unpacked / "programmer").as_uri()) and ".html" in page.url
    assert "Kontrakt" in page.title() or "kontrakt" in page.locator("article").inner_text().lower()
    assert outside == []
    context.close()


def test_no_offline_zip_builds_once_and_links_no_zip(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    command = [sys.executable, "-m", "macros.cli", "--root", str(project), "build", "--strict", "--no-offline-zip"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "uden net" not in result.stdout
    assert not (project / "site" / ZIP_NAME).exists()
    about = html(project / "site", "om-haandbogen/")
    assert about.find("a", href=f"../{ZIP_NAME}") is None
    # Reader words, no maintainer command (issue 11): the test expected »make site« before.
    assert "Denne udgave af håndbogen er lavet uden zip-filen." in about.get_text()
