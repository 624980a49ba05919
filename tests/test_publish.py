"""The asset worker (macros/publish.py): the listed file names are exactly the files it writes."""

from __future__ import annotations

from pathlib import Path

from macros.catalogue import load_catalogue
from macros.publish import asset_paths
from tests.conftest import ROOT

ASSET_TYPES = {".ics", ".pdf", ".docx", ".odt"}


def test_the_listed_assets_are_exactly_the_calendars_and_documents_in_the_site(built_site: Path) -> None:
    listed = asset_paths(load_catalogue(ROOT))
    built = {
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("*")
        if path.suffix in ASSET_TYPES and path.stat().st_size > 0
    }
    assert len(listed) == len(set(listed))
    assert set(listed) == built
    assert any(name.endswith(".ics") for name in listed) and any("hjemmeopgave-" in name for name in listed)
