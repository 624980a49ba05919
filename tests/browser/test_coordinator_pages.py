"""axe-core on the page types issue 12 adds: a cohort's evaluation and coordinator pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import PHONE
from tests.browser.test_a11y import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    f"programmer/{programme}/forloeb/{cohort}/{kind}/"
    for programme, cohort in (
        ("gruppementor", "2027-lederaspiranter-1"),
        ("mentorordning-ledere", "2027-ledere-runde-1"),
    )
    for kind in ("evaluering", "tovholder")
]


@pytest.mark.parametrize("path", PAGES)
def test_new_pages_pass_axe_on_a_desktop_and_a_phone(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    page.reload()
    assert axe_violations(page) == []
