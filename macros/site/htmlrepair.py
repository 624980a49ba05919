"""Repairs to the theme's HTML, so every page passes the Nu Html Checker.

Material 9 writes three things the HTML standard does not allow, all outside the
blocks a theme override can replace. Each repair is a plain text replacement of
markup the theme always writes the same way; tests/test_html_valid.py checks the
result with the checker itself, so a theme upgrade that changes the markup shows.
"""

from __future__ import annotations

# `autocomplete` is not allowed on checkboxes. Material adds it to its two hidden
# toggles so that Firefox does not restore an open menu after a reload; Material's
# own script closes both toggles on navigation, so dropping it costs little.
_TOGGLES = [f'data-md-toggle="{name}" type="checkbox" id="__{name}"' for name in ("drawer", "search")]
# Section labels get `tabindex=""`: an empty value is invalid and browsers ignore it anyway.
_EMPTY_TABINDEX = ' tabindex=""'
# The table of contents' label points at the `__toc` toggle, which Material writes only
# for pages listed in the navigation; elsewhere (section index pages, cohort pages) the
# label points at nothing.
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def repair_theme_html(html: str) -> str:
    """The page without the invalid attributes; everything else stays as the theme wrote it."""
    for toggle in _TOGGLES:
        html = html.replace(f'{toggle} autocomplete="off"', toggle, 1)
    html = html.replace(_EMPTY_TABINDEX, "")
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
