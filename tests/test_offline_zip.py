"""The offline copy's changes to pages and the search index (macros/site/offline.py), without a browser.

tests/browser/test_offline.py opens the real zip from disk in Chromium; these check the
rewriting rules one link form at a time.
"""

from __future__ import annotations

import json
import re

import pytest

from macros.site.offline import LOCAL_SHIM, READING_IT, ZIP_NAME, offline_page, offline_search_index

ZIP_LINK = re.compile(rb'<a href="(?:\.\./)*' + re.escape(ZIP_NAME.encode()) + rb'">[^<]*</a>')


@pytest.mark.parametrize(
    "link, expected",
    [
        ("modeller/", "modeller/index.html"),
        ("../../programmer/gruppementor/#roller", "../../programmer/gruppementor/index.html#roller"),
        (".", "./index.html"),
        ("./", "./index.html"),
        ("..", "../index.html"),
        ("../../..", "../../../index.html"),
        ("../..#top", "../../index.html#top"),
        ("#kontrakten", "#kontrakten"),
        ("../assets/stylesheets/a11y.css", "../assets/stylesheets/a11y.css"),
        ("kontrakt-hold.docx", "kontrakt-hold.docx"),
        ("https://example.org/mappe/", "https://example.org/mappe/"),
        ("/mentorhaandbog/assets/", "/mentorhaandbog/assets/"),
        ("mailto:mentor@example.org", "mailto:mentor@example.org"),
    ],
)
def test_links_to_folders_lead_to_their_index_file(link: str, expected: str) -> None:
    page = f'<html><head></head><body><a class="x" href="{link}">her</a></body></html>'.encode()
    assert f'href="{expected}"'.encode() in offline_page(page, 2, ZIP_LINK)


def test_every_page_loads_the_local_shim_and_the_zip_link_becomes_a_sentence() -> None:
    page = f'<html><head><title>Om</title></head><p>Hent: <a href="../{ZIP_NAME}">Hent zip</a></p></html>'.encode()
    copy = offline_page(page, 1, ZIP_LINK).decode()
    assert f'<script src="../{LOCAL_SHIM}"></script></head>' in copy
    assert ZIP_NAME not in copy and READING_IT in copy


def test_search_results_lead_to_files() -> None:
    index = {"config": {"lang": ["da"]}, "docs": [{"location": loc} for loc in ("", "#a", "modeller/", "b/#c")]}
    changed = json.loads(offline_search_index(json.dumps(index)))
    locations = [doc["location"] for doc in changed["docs"]]
    assert locations == ["index.html", "index.html#a", "modeller/index.html", "b/index.html#c"]
    assert changed["config"] == index["config"]
