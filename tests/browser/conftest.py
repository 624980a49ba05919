"""Fixtures for tests in a real browser: Debian's Chromium driven by Playwright.

`make test` installs Chromium through tools/install-test-deps.sh; Playwright's own
browser download (`playwright install`) is never used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from tests.browser.server import published_prefix, serve_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium mangler: kør tools/install-test-deps.sh (make test gør det selv)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The shipped site, served on 127.0.0.1 under its published path."""
    with serve_site(built_site, published_prefix()) as url:
        yield url


LOCAL = ("http://127.0.0.1", "file:", "data:", "blob:", "about:")


def stay_local(context: BrowserContext) -> list[str]:
    """Answer every request that leaves this machine with 204 No Content, and list them.

    A navigation answered with 204 stays on the page it started from, so the redirect
    of was/ to the (example.org) accessibility statement leaves was/ to be checked.
    """
    outside: list[str] = []

    def answer(route: Route) -> None:
        outside.append(route.request.url)
        route.fulfill(status=204)

    context.route(lambda url: not url.startswith(LOCAL), answer)
    return outside


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-sized tab that never reaches beyond this machine."""
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    stay_local(context)
    tab = context.new_page()
    yield tab
    context.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to the root, e.g. `programmer/`."""
    pages = [p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")]
    return [*sorted(p.removeprefix("./") for p in pages), "404.html"]
