"""The site works by keyboard alone: skip link, visible focus, navigation and search."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

ROLES = "programmer/gruppementor/roller/"
COHORTS = "programmer/gruppementor/forloeb/"
MAX_STOPS = 400  # more tab stops than any page has; reaching it means focus never came back round

# Transitions make a focused element fade in; the checks want its final look.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {
    what: e.tagName + (e.className ? "." + String(e.className).split(" ")[0] : "") + " " +
          (e.getAttribute("aria-label") || e.innerText || "").trim().slice(0, 40),
    href: e.getAttribute("href"), outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
    opacity: parseFloat(s.opacity), visibility: s.visibility,
    onscreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
              r.left < innerWidth && r.top < innerHeight,
    inContent: !!e.closest(".md-content"),
  };
}"""


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def any_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A tab on a desktop and on a phone."""
    context = browser.new_context(viewport=request.param)
    yield context.new_page()
    context.close()


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)


def tab(page: Page) -> dict[str, Any] | None:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)  # type: ignore[no-any-return]


def tab_round(page: Page) -> list[dict[str, Any]]:
    """Every tab stop from the top of the page until the focus comes back round."""
    stops: list[dict[str, Any]] = []
    while (stop := tab(page)) is not None:
        stops.append(stop)
        assert len(stops) < MAX_STOPS, "fokus kommer aldrig tilbage til starten (en tastaturfælde?)"
    return stops


def test_the_skip_link_leads_to_the_content(page: Page, site_url: str) -> None:
    open_page(page, site_url + ROLES)
    first = tab(page)
    assert first is not None and first["what"] == "A.md-skip Gå til indholdet"
    assert first["onscreen"] and first["opacity"] == 1
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#roller"
    after = tab(page)
    assert after is not None and after["inContent"]


@pytest.mark.parametrize("path", ["", ROLES, COHORTS])
def test_every_tab_stop_shows_where_the_focus_is(any_page: Page, site_url: str, path: str) -> None:
    open_page(any_page, site_url + path)
    hidden = [
        stop["what"]
        for stop in tab_round(any_page)
        if not (stop["onscreen"] and stop["opacity"] == 1 and stop["visibility"] == "visible")
        or stop["outline"] == "none"
        or stop["width"] < 2
    ]
    assert hidden == []


def test_every_link_of_the_navigation_is_reachable(page: Page, site_url: str) -> None:
    open_page(page, site_url + ROLES)
    visible = page.locator(".md-nav--primary a.md-nav__link:visible")
    links = {visible.nth(i).get_attribute("href") for i in range(visible.count())}
    reached = {stop["href"] for stop in tab_round(page)}
    assert len(links) >= 10  # the top level, both programmes and this programme's pages
    assert links - reached == set()


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_the_menu_opens_by_keyboard_on_a_phone(browser: Browser, site_url: str, key: str) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    open_page(page, site_url + ROLES)
    tab(page)  # the skip link
    button = tab(page)
    assert button is not None and button["what"] == "LABEL.md-header__button Navigation"
    page.keyboard.press(key)
    assert page.evaluate("document.getElementById('__drawer').checked")
    reached = []
    while (stop := tab(page)) and not stop["inContent"] and len(reached) < MAX_STOPS:
        reached.append(stop)
    models = [stop for stop in reached if stop["href"] == "../../../modeller/"]
    assert models and models[0]["onscreen"]
    page.context.close()


def test_the_search_works_by_keyboard(any_page: Page, site_url: str) -> None:
    open_page(any_page, site_url)
    while (stop := tab(any_page)) is not None and "Søg" not in stop["what"]:
        pass
    any_page.keyboard.press("Enter")  # opens the search on a phone; harmless in the field
    field = any_page.locator(".md-search__input")
    assert field.evaluate("e => e === document.activeElement")
    any_page.keyboard.type("kontrakt")
    # The search index is built in a web worker; on a loaded 2-core machine that can take a while.
    first_link = ".md-search-result__item .md-search-result__link"
    any_page.wait_for_function(
        f"() => (document.querySelector({first_link!r}) || {{}}).href?.includes('/kontrakt/')", timeout=120_000
    )
    # Results for "k", "ko", … can still arrive and redraw the list: let it settle first.
    any_page.evaluate(QUIET_FOR_HALF_A_SECOND, ".md-search-result")
    _arrow_into_results(any_page)
    assert "/kontrakt/" in any_page.evaluate("() => document.activeElement.href")
    any_page.keyboard.press("Enter")
    any_page.wait_for_url("**/kontrakt/**", timeout=60_000)
    assert "ontrakt" in any_page.locator("h1").first.inner_text()


QUIET_FOR_HALF_A_SECOND = """selector => new Promise(resolve => {
    let timer = setTimeout(resolve, 500);
    new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(resolve, 500); })
        .observe(document.querySelector(selector), {childList: true, subtree: true});
})"""


def _arrow_into_results(page: Page) -> None:
    """ArrowDown until a result has the focus, as a person would press again.

    Under load the search worker can answer the same query twice; the list is then
    drawn anew and a result focused a moment earlier is gone.
    """
    focused = "() => document.activeElement?.matches('.md-search-result__link') ?? false"
    for _ in range(10):
        page.keyboard.press("ArrowDown")
        try:
            page.wait_for_function(focused, timeout=3_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError("ArrowDown never moved the focus into the search results")
