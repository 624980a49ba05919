"""The site's own look: the organisation's colours as CSS, checked for contrast (WCAG 2.1 AA).

The colours are settings of the mentor plugin; the theme's palette is `custom`, and
this stylesheet gives Material's colour variables their values. A colour that would
make the header's text or the links hard to read is reported in Danish before anyone
sees the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..loading.catalogue import Catalogue
from ..rendering.legal import statement_problem
from .contents import BRAND_CSS, LOOK_CSS

DEFAULT_PRIMARY = "#155e63"  # deep sea green: 7.5:1 with white
DEFAULT_ACCENT = "#a23b1c"  # rust: 6.6:1 on white
WHITE = "#ffffff"
AA_TEXT = 4.5  # WCAG 2.1 AA, 1.4.3: normal text
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours written as #rrggbb (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def colour_problems(primary: str, accent: str) -> list[str]:
    """Danish messages for colours that are not #rrggbb or read too faintly; empty when fine."""
    named = {"colour_primary": primary, "colour_accent": accent}
    example = f"fx {DEFAULT_PRIMARY}"
    wrong = [f"{key}: '{value}' er ikke en farve på formen #rrggbb, {example}" for key, value in named.items()]
    wrong = [message for message, value in zip(wrong, named.values(), strict=True) if not _HEX.match(value)]
    if wrong:
        return wrong
    checks = [
        ("colour_primary", primary, "den hvide tekst i sidehovedet og linkene i teksten"),
        ("colour_accent", accent, "links, når musen eller tastaturet står på dem"),
    ]
    return [
        f"{key}: {value} giver kun kontrasten {contrast(value, WHITE):.2f}:1 mod hvid til {what}; "
        f"der skal mindst {AA_TEXT}:1 til (WCAG 2.1 AA). Vælg en mørkere farve."
        for key, value, what in checks
        if contrast(value, WHITE) < AA_TEXT
    ]


def brand_css(primary: str, accent: str) -> str:
    """Material's colour variables for the `custom` palette."""
    return (
        "/* Made by the mentor plugin from its colour settings (macros/brand.py). */\n"
        ":root > * {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {primary}cc;\n"
        f"  --md-primary-fg-color--dark: {primary};\n"
        f"  --md-primary-bg-color: {WHITE};\n"
        f"  --md-accent-fg-color: {accent};\n"
        f"  --md-accent-fg-color--transparent: {accent}1a;\n"
        f"  --md-typeset-a-color: {primary};\n"
        "}\n"
    )


@dataclass(frozen=True)
class Look:
    """What the plugin's look settings give the site: the colours' CSS, the footer and warnings."""

    css: str
    footer: dict[str, str | None]  # the theme's `mentor_footer`: the statement's address and the publisher
    warnings: list[str]


def site_look(primary: str, accent: str, statement: str | None, organisation: str) -> Look:
    """The colours (the defaults while a setting is unreadable) and the legal footer, checked."""
    warnings = [f"mkdocs.yml: plugins → mentor → {problem}" for problem in colour_problems(primary, accent)]
    if warnings:  # a readable site while the setting is fixed
        primary, accent = DEFAULT_PRIMARY, DEFAULT_ACCENT
    missing = statement_problem(statement)
    footer = {"statement": None if missing else statement, "organisation": organisation}
    return Look(brand_css(primary, accent), footer, warnings + ([missing] if missing else []))


def publisher(setting: str | None, catalogue: Catalogue | None) -> str:
    """The footer's publisher: the plugin's `organisation` setting, else the first programme's organisation."""
    programmes = catalogue.programmes if catalogue else []
    return setting or (programmes[0].programme.organisation if programmes else "")


def apply_look(config: Any, settings: Any, organisation: str) -> Look:
    """The plugin's `settings` (colours, logo, statement) put into MkDocs' `config`; the look for its css, warnings."""
    look = site_look(settings.colour_primary, settings.colour_accent, settings.accessibility_statement, organisation)
    config.extra_css.insert(0, BRAND_CSS)  # the colours first: every other stylesheet may use them
    config.extra_css.append(LOOK_CSS)  # last: it changes tables on phones, after their own styles
    config.extra["mentor_footer"] = look.footer
    config.theme["logo"] = settings.logo
    return look
