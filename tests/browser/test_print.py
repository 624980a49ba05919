"""A printed page (Chromium's own PDF print) keeps the text and drops the navigation."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PAGES = ["programmer/gruppementor/roller/", "programmer/gruppementor/forloeb/", "modeller/"]
SCREEN_ONLY = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"]


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\wæøåÆØÅ]+", " ", text).split())


@pytest.mark.parametrize("path", PAGES)
def test_printing_drops_the_navigation(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    title = page.locator("article h1").first.inner_text()
    nav_only = [
        text
        for text in page.locator(".md-nav--primary .md-nav__link").all_inner_texts()
        if text.strip() and words(text) not in words(page.locator("article").inner_text())
    ]
    printed = words("".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages))
    assert words(title) in printed
    assert len(nav_only) >= 3
    assert [text for text in nav_only if words(text) in printed] == []


def test_print_styles_hide_every_screen_part(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGES[0])
    page.emulate_media(media="print")
    display = "e => getComputedStyle(e).display"
    shown = [part for part in SCREEN_ONLY if page.locator(part).first.evaluate(display) != "none"]
    assert shown == []
