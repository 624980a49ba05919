"""In a real browser, no script from a hostile programme or cohort runs: not on load, not in the search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Dialog

from tests.browser.server import published_prefix, serve_site
from tests.test_hostile import build_hostile_site

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "programmer/",
    "programmer/ondsindet/",
    "programmer/ondsindet/roller/",
    "programmer/ondsindet/tovholdere/",
    "programmer/ondsindet/forloeb/",
    "programmer/ondsindet/forloeb/2027-ondsindet/",
]
QUERIES = ["Ond", "Hold", "Kommune"]  # words of the payloads, so they show among the results


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))
    with serve_site(site, published_prefix()) as url:
        yield url


def test_no_script_runs_on_any_page_or_in_the_search(browser: Browser, hostile_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    ran = {}
    for path in PAGES:
        page.goto(hostile_url + path)
        for query in QUERIES:
            field = page.locator(".md-search__input")
            field.click()
            field.fill("")
            page.keyboard.type(query)
            page.locator(".md-search-result__item").first.wait_for()
            page.keyboard.press("Escape")
        ran[path] = page.evaluate("window.__pwned ?? null")
    context.close()
    assert dialogs == []
    assert ran == dict.fromkeys(PAGES)
