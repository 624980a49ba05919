"""The page that compares the four models fits the screen: a table at 1280 px, cards on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from macros.loading.catalogue import load_catalogue
from tests.browser.conftest import DESKTOP
from tests.browser.test_a11y import axe_violations
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

MODEL_NAMES = [model.name for model in load_catalogue(ROOT).shared.models]
PHONE_390 = {"width": 390, "height": 844}
# Anything inside the comparison that scrolls sideways, or sticks out of the article's column.
OVERFLOW = """(root) => {
  const column = document.querySelector('article').getBoundingClientRect();
  return [...root.querySelectorAll('*')]
    .filter(e => e.getClientRects().length > 0)
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
              || e.getBoundingClientRect().right > column.right + 1)
    .map(e => e.tagName + '.' + e.className);
}"""


def sideways_scroll(page: Page) -> int:
    """How far the whole page could scroll sideways (0 when it fits)."""
    return int(page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"))


def test_four_models_fit_a_1280_px_screen(page: Page, site_url: str) -> None:
    assert DESKTOP["width"] == 1280 and len(MODEL_NAMES) == 4
    page.goto(site_url + "modeller/")
    table = page.locator(".mentor-models table")
    assert table.is_visible()
    for name in MODEL_NAMES:
        header = table.locator("thead th", has_text=name)
        assert header.is_visible(), name
        assert header.evaluate("e => e.getBoundingClientRect().right") <= DESKTOP["width"]
    assert sideways_scroll(page) == 0
    assert table.evaluate(OVERFLOW) == []
    assert page.locator(".mentor-model-cards").is_hidden()
    assert axe_violations(page) == []


def test_a_phone_gets_one_card_per_model(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE_390)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(site_url + "modeller/")
    cards = page.locator(".mentor-model-card")
    assert cards.count() == 4
    for index, name in enumerate(MODEL_NAMES):
        card = cards.nth(index)
        assert card.is_visible() and name in card.locator(".mentor-model-card__name").inner_text()
        assert card.locator("dt", has_text="Hvem leder").is_visible()
    assert page.locator(".mentor-models table").is_hidden()
    assert sideways_scroll(page) == 0
    assert page.locator(".mentor-model-cards").evaluate(OVERFLOW) == []
    assert axe_violations(page) == []
    context.close()
