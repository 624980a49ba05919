"""User text in pages: HTML shown as text, unsafe links dropped, no images fetched."""

from __future__ import annotations

import markdown
import pytest

from macros.rendering.safe_text import safe_markdown


def _html(text: str) -> str:
    return markdown.markdown(str(safe_markdown(text)), extensions=["attr_list"])


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Se ![logo](https://tracker.example.org/pixel.png) her",
            '<a href="https://tracker.example.org/pixel.png">logo</a>',
        ),
        ("![x][ref]\n\n[ref]: https://example.org/a.png", '<a href="https://example.org/a.png">x</a>'),
        ("[hjemmeside](https://example.org)", '<a href="https://example.org">hjemmeside</a>'),
        ("[klik](javascript:alert(1))", "<p>klik</p>"),
        ("<b>fed</b>", "&lt;b&gt;fed&lt;/b&gt;"),
    ],
)
def test_user_text_renders_safely(text: str, expected: str) -> None:
    html = _html(text)
    assert expected in html
    assert "<img" not in html and "javascript:" not in html
