"""Shared building blocks of the programme and cohort models.

Every model forbids unknown keys, so a typo in a YAML file is an error and not a
silently ignored field. Field descriptions are written in Danish: they are what
coordinators see in their editor through the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .textpolicy import check_email, check_text

# Every role a programme can describe; each model uses some of them (model/programme.py).
RoleKey = Literal["mentor", "mentee", "participant", "coordinator", "manager", "process_consultant", "commissioner"]

# Ids end up in URLs, file names and calendar UIDs: keep them to a safe alphabet.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
ID_RE = re.compile(ID_PATTERN)
# Names Windows reserves for devices: a file or folder called so cannot be checked out there.
RESERVED_NAMES = frozenset(["con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))])


def name_problem(what: str, whose: str, name: str) -> str | None:
    """Why a file or folder name cannot become part of an address on every system, or None.

    `what` and `whose` fill in the message, e.g. "filnavnet" and "forløbets".
    """
    if not ID_RE.match(name):
        return f"{what} bliver {whose} adresse: brug kun små bogstaver a–z, tal og bindestreg"
    if name in RESERVED_NAMES:
        return f"{what} '{name}' kan ikke bruges: Windows reserverer det (ligesom con, aux, nul, com1 og lpt1)"
    return None


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="Kort id med små bogstaver a–z, tal og bindestreg, fx `hold-a`."),
]
# Every text goes through the same policy (textpolicy.py), so all outputs receive a safe value.
Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=20_000, strip_whitespace=True),
    AfterValidator(check_text),
    Field(description="Tekst. Enkel Markdown (fed, kursiv, links) er tilladt; HTML vises som tekst."),
]
ShortText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=300, strip_whitespace=True),
    AfterValidator(lambda value: check_text(value, one_line=True)),
]
Email = Annotated[
    str,
    StringConstraints(min_length=1, max_length=300, strip_whitespace=True),
    AfterValidator(check_email),
]
FIRST_YEAR, LAST_YEAR = 2000, 2100  # dates far outside make the plan overflow or fill the memory


def _sane_date(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"datoen {value.isoformat()} ligger uden for årene {FIRST_YEAR}–{LAST_YEAR}")
    return value


Date = Annotated[dt.date, AfterValidator(_sane_date)]
TextList = Annotated[list[Text], Field(max_length=200)]


class FieldError(ValueError):
    """A check across fields that is about one of them: `key` is its path below the model checked,
    so the message stands at that field's line (loading/validation.py) and not at the model's first line."""

    def __init__(self, key: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.key = key


class Strict(BaseModel):
    """Base for every model: unknown keys are errors and values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
