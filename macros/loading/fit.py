"""Checks that a programme's texts fit its model and that its local settings are filled in.

A group programme that inherits a shared text about a pair (or a one-to-one programme
that inherits one about a group) would tell readers something that is not true for
them. Working hours and the storing of answers are decided by each municipality, so
the tool never fills them in; it reminds the coordinators instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import Programme
from ..model.problems import KeyPath, Problem, format_key
from .yamlsource import Document

PAIR_WORDS = re.compile(r"\b(parret|parrene|parrets|parrenes|mentorpar\w*)\b", re.IGNORECASE)
GROUP_WORDS = re.compile(r"\b(gruppen|gruppens|gruppemøde\w*|grupperne)\b", re.IGNORECASE)
SETTINGS = {
    "working_hours": "om møder og forberedelse tæller som arbejdstid",
    "data_storage": "hvor besvarelser, kontrakter og noter gemmes, og hvornår de slettes",
}  # what the coordinators must write: »skriv, <what>«


def programme_warnings(programme: Programme, merged: Document) -> list[Problem]:
    """Missing local settings and inherited texts that speak of the wrong model."""
    return [*_missing_settings(programme, merged), *_misfits(programme, merged)]


def _missing_settings(programme: Programme, merged: Document) -> Iterator[Problem]:
    for key, what in SETTINGS.items():
        if not getattr(programme, key):
            message = (
                f"feltet '{key}' er tomt: skriv, {what}. Det beslutter hver kommune selv, "
                "så håndbogen kan ikke udfylde det for jer"
            )
            yield Problem(merged.file, 1, 1, key, message, "warning", "local-setting")


def _misfits(programme: Programme, merged: Document) -> Iterator[Problem]:
    wrong = PAIR_WORDS if programme.model != "one_to_one" else GROUP_WORDS
    label = "et par" if wrong is PAIR_WORDS else "en gruppe"
    for path, text in _inherited_texts(merged.data, merged, ()):
        found = wrong.search(text)
        if found:
            message = (
                f"teksten arves fra {merged.mark(path).file} og taler om {label} (»{found.group(0)}«), "
                "som ikke passer til programmets model; skriv programmets egen tekst i feltet"
            )
            yield Problem(merged.file, 1, 1, format_key(path), message, "warning", "model-text")


def _inherited_texts(value: Any, merged: Document, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _inherited_texts(item, merged, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _inherited_texts(item, merged, (*path, index))
    elif isinstance(value, str) and merged.mark(path).file != merged.file:
        yield path, value
