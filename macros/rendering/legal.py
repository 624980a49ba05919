"""The accessibility statement every Danish public site must link from every page.

The statement itself is made in the Agency for Digital Government's WAS tool and
lives there; the site links it in the footer and answers at `was/` (the usual
`<domain>/was` address) with a page that sends the reader on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import escape

WAS_PAGE = "was/index.html"
STATEMENT_LABEL = "Tilgængelighedserklæring"

MISSING_STATEMENT = (
    "mkdocs.yml: plugins → mentor → accessibility_statement mangler. "
    "Skriv adressen på organisationens tilgængelighedserklæring, fx "
    "`accessibility_statement: https://was.digst.dk/<jeres-adresse>`. Loven om webtilgængelighed kræver, "
    "at et offentligt site linker til erklæringen fra hver side; den laves i Digitaliseringsstyrelsens "
    "WAS-værktøj (was.digst.dk). Indtil adressen står der, har sidefoden intet link, og was/ findes ikke."
)


def statement_problem(url: str | None) -> str | None:
    """A Danish message when the statement's address is missing or not a web address."""
    if not url:
        return MISSING_STATEMENT
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return (
            f"mkdocs.yml: plugins → mentor → accessibility_statement: '{url}' er ikke en webadresse. "
            "Skriv hele adressen på tilgængelighedserklæringen, begyndende med https://."
        )
    return None


def was_page(url: str, site_name: str) -> str:
    """A small valid page that sends the reader straight on to the statement, with a link to follow by hand."""
    href = escape(url)
    return f"""<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={href}">
<link rel="canonical" href="{href}">
<title>{STATEMENT_LABEL} – {escape(site_name)}</title>
</head>
<body>
<main>
<h1>{STATEMENT_LABEL}</h1>
<p>Tilgængelighedserklæringen for {escape(site_name)} er en side for sig. Du bliver sendt videre nu.
Sker det ikke, så følg linket: <a href="{href}">{STATEMENT_LABEL}</a>.</p>
</main>
</body>
</html>
"""
