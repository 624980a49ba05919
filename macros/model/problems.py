"""Problems found in the input, reported in plain Danish with file, line and key."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .textpolicy import forbidden

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]

_SEVERITY_DA = {"error": "fejl", "warning": "advarsel"}


@dataclass(frozen=True)
class Mark:
    """Where something stands in a source file (1-based line and column)."""

    file: str
    line: int
    column: int = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int
    column: int
    key: str
    message: str
    severity: Severity = "error"
    code: str = ""

    def format(self) -> str:
        """`file:line:column: fejl: key: message`, the form editors and CI understand.

        Always one printable line: values from the files are part of it (see `printable`).
        """
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        key = f"{printable(self.key)}: " if self.key else ""
        return f"{where}: {_SEVERITY_DA[self.severity]}: {key}{printable(self.message)}"


def printable(text: str) -> str:
    """Text from a file, safe for a terminal and a CI log: control characters (ESC for the
    terminal's colours and title, line breaks that start a GitHub workflow command) are shown
    as `<U+001B>`, and »::« is split, so no line can turn into `::add-mask::` or `::stop-commands::`."""
    if text.isascii() and text.isprintable() and "::" not in text:
        return text  # the usual case, quickly
    shown = "".join(f"<U+{ord(char):04X}>" if forbidden(char, one_line=True) else char for char in text)
    return shown.replace("::", ": :")


def at(mark: Mark, key: KeyPath | str, message: str, severity: Severity = "error", code: str = "") -> Problem:
    """A problem at a mark, with its key path written the way it looks in YAML."""
    key_text = key if isinstance(key, str) else format_key(key)
    return Problem(mark.file, mark.line, mark.column, key_text, message, severity, code)


def format_key(path: KeyPath) -> str:
    """`('roles', 'mentor', 'expectations', 2)` → `roles.mentor.expectations[2]`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class ProblemsError(Exception):
    """Raised with every problem of a run, so all of them can be shown together."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.key))
        super().__init__(render_problems(self.problems))

    @property
    def errors(self) -> list[Problem]:
        """Only the problems that are errors."""
        return [p for p in self.problems if p.severity == "error"]


def render_problems(problems: Iterable[Problem]) -> str:
    """All problems as one text, one per line, with a closing count in Danish."""
    problems = list(problems)
    lines = [p.format() for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    lines.append(f"{errors} fejl og {count_warnings(len(problems) - errors)} i programmerne.")
    return "\n".join(lines)


def count_warnings(count: int) -> str:
    """`1 advarsel`, `2 advarsler`: Danish has a singular."""
    return f"{count} advarsel" if count == 1 else f"{count} advarsler"


ACKNOWLEDGE_HINT = (
    "En advarsel om et forløb, I har tænkt over, kan I kvittere for i forløbsfilen under `acknowledge:` med "
    "dens kode og en begrundelse (se »Advarsler, du kan kvittere for« i CONTRIBUTING.md)."
)


def strict_stop(count: int, what: str) -> str:
    """Why a strict run stopped on warnings alone, and what to do about it, in one line."""
    return (
        f"{what} stopper på {count_warnings(count)}, fordi den er streng ligesom tjekket i pull requesten. "
        "Ret det, advarslen nævner, eller kvittér for den. " + ACKNOWLEDGE_HINT
    )
