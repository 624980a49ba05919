"""The site's own look in a real browser: no sideways scrolling, screenshots, the statement, no third parties.

Screenshots of the front page, a cohort page and the comparison page at 1280 px and
390 px are written to `.cache/screenshots/` (or MENTOR_SCREENSHOTS) for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.conftest import stay_local
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SCREENS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PAGES = {
    "forside": "",
    "forloeb": "programmer/gruppementor/forloeb/2027-lederaspiranter-1/",
    "forloeb-par": "programmer/mentorordning-ledere/forloeb/2027-ledere-runde-1/",
    "modeller": "modeller/",
    "metode": "programmer/gruppementor/metode/",
}
WIDTHS = """() => ({
  body: document.scrollingElement.scrollWidth,
  screen: innerWidth,
  tables: [...document.querySelectorAll(".mentor-table .md-typeset__scrollwrap")]
    .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.querySelector("caption")?.textContent),
})"""


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("MENTOR_SCREENSHOTS", ROOT / ".cache" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("screen", SCREENS)
def test_no_page_scrolls_sideways_and_screenshots_are_saved(browser: Browser, site_url: str, screen: str) -> None:
    """Neither the page nor a macro table scrolls sideways; a table becomes cards on a phone."""
    context = browser.new_context(viewport=SCREENS[screen])  # type: ignore[arg-type]
    stay_local(context)
    page = context.new_page()
    found = {}
    for name, path in PAGES.items():
        page.goto(site_url + path)
        widths = page.evaluate(WIDTHS)
        if widths["body"] > widths["screen"] or widths["tables"]:
            found[name] = widths
        shot = screenshot_dir() / f"{name}-{SCREENS[screen]['width']}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    context.close()
    assert found == {}


def test_the_cohort_plan_is_a_stack_of_labelled_cards_on_a_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=SCREENS["phone"])  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(site_url + PAGES["forloeb"])
    cell = page.locator(".mentor-plan td[data-label=Tid]").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"Tid: "'
    assert page.locator(".mentor-plan thead").evaluate("e => e.getBoundingClientRect().height") <= 1
    context.close()


def test_was_sends_the_reader_on_to_the_statement(browser: Browser, site_url: str) -> None:
    """A browser that follows the redirect lands on the statement's own address."""
    statement = "https://www.was.example.org/mentorhaandbog"
    assert statement in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    context = browser.new_context()
    context.route("https://www.was.example.org/**", lambda route: route.fulfill(body="<title>WAS</title>"))
    page = context.new_page()
    page.goto(site_url + "was/")
    page.wait_for_url(statement)
    context.close()


def test_was_passes_axe_while_it_waits(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    outside = stay_local(context)
    page = context.new_page()
    page.goto(site_url + "was/")
    page.wait_for_timeout(300)  # the refresh has fired; the 204 answer keeps the page
    assert page.url.endswith("/was/") and outside
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    assert Axe().run(page, options=options).response["violations"] == []
    assert page.get_by_role("link", name="Tilgængelighedserklæring").get_attribute("href", timeout=1000)
    context.close()


def test_pages_set_no_cookies_and_ask_no_other_server(browser: Browser, site_url: str) -> None:
    """What »Om håndbogen« promises: no cookies, no requests beyond the site, also while searching."""
    context = browser.new_context()
    outside = stay_local(context)
    page = context.new_page()
    for path in [*PAGES.values(), "om-haandbogen/", "nyt/"]:
        page.goto(site_url + path)
    page.locator(".md-search__input").click()
    page.keyboard.type("mentor")
    page.locator(".md-search-result__item").first.wait_for()
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0  # nothing kept in the browser
    assert outside == []
    context.close()
