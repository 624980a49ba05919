"""Validate loaded data against the model and explain pydantic's errors in Danish."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..model.base import FieldError
from ..model.problems import KeyPath, Mark, Problem, at

M = TypeVar("M", bound=BaseModel)
MarkOf = Callable[[KeyPath], Mark]

_EXPECTED = {
    "string_type": "tekst",
    "int_type": "et helt tal",
    "int_parsing": "et helt tal",
    "float_type": "et tal",
    "bool_type": "true eller false",
    "list_type": "en liste (linjer der begynder med »- «)",
    "dict_type": "et afsnit med felter",
    "model_type": "et afsnit med felter",
    "model_attributes_type": "et afsnit med felter",
    "date_type": "en dato som ÅÅÅÅ-MM-DD",
}


def validate_model(model: type[M], data: Any, mark_of: MarkOf) -> tuple[M | None, list[Problem]]:
    """Validate `data`; on failure return every error located at its file and line."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(model, error, mark_of) for error in exc.errors()]


def _problem(model: type[BaseModel], error: ErrorDetails, mark_of: MarkOf) -> Problem:
    loc: KeyPath = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, FieldError):  # a check across fields names the one it is about
        loc = (*loc, *cause.key)
    if kind == "missing":
        return at(mark_of(loc[:-1]), loc, f"feltet '{loc[-1]}' mangler{_field_hint(model, loc)}")
    if kind == "extra_forbidden":
        return at(mark_of(loc), loc, _unknown_key(model, loc))
    return at(mark_of(loc), loc, _message(error))


def _message(error: ErrorDetails) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind in _EXPECTED:
        return f"forventede {_EXPECTED[kind]}, men fik {_describe(value)}{_yaml11_hint(value)}"
    if kind == "literal_error":
        return f"{_describe(value)} er ikke tilladt her; vælg en af: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} må kun bestå af små bogstaver a–z, tal og bindestreg (højst 63 tegn)"
    if kind == "string_too_short":
        return "må ikke være tom"
    if kind in ("string_too_long", "too_long"):
        return f"er for lang (højst {ctx.get('max_length')})"
    if kind == "too_short":
        return f"skal have mindst {ctx.get('min_length')} punkt(er)"
    if kind in ("greater_than", "greater_than_equal"):
        return f"skal være mindst {ctx.get('gt', ctx.get('ge'))}" + (" (og større)" if "gt" in ctx else "")
    if kind in ("less_than", "less_than_equal"):
        return f"må højst være {ctx.get('lt', ctx.get('le'))}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _describe(value: Any) -> str:
    if value is None:
        return "ingenting"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dt.date):
        return f"datoen {value.isoformat()}"
    if isinstance(value, dict):
        return "et afsnit med felter"
    if isinstance(value, list):
        return "en liste"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _yaml11_hint(value: Any) -> str:
    if isinstance(value, str) and value.lower() in {"yes", "no", "on", "off", "y", "n"}:
        return " (skriv true eller false)"
    if isinstance(value, str) and ":" in value and value.replace(":", "").isdigit():
        return " (klokkeslæt og varigheder skrives som tal eller i anførselstegn)"
    if isinstance(value, str) and value.startswith("0") and value.isdigit():
        return " (skriv tallet uden foranstillet nul)"
    return ""


def _unknown_key(model: type[BaseModel], loc: KeyPath) -> str:
    known = _fields_at(model, loc[:-1])
    guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    hint = f" Mente du '{guess[0]}'?" if guess else (f" Kendte felter: {', '.join(known)}." if known else "")
    return f"'{loc[-1]}' er ikke et kendt felt her.{hint}"


def _field_hint(model: type[BaseModel], loc: KeyPath) -> str:
    cls = _model_at(model, loc[:-1])
    field = cls.model_fields.get(str(loc[-1])) if cls else None
    return f" ({field.description})" if field and field.description else ""


def _fields_at(model: type[BaseModel], loc: KeyPath) -> list[str]:
    cls = _model_at(model, loc)
    return sorted(cls.model_fields) if cls else []


def _model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """Follow a key path through the model's annotations to the model that holds it."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if _is_model(current) and isinstance(part, str) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:  # a list index or a dict key
            current = _inner(current)
    current = _unwrap(current)
    return current if _is_model(current) else None


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _unwrap(tp: Any) -> Any:
    """`X | None` → X."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return args[0] if len(args) == 1 else tp
    return tp


def _inner(tp: Any) -> Any:
    """The item type of a list or the value type of a dict."""
    args = typing.get_args(_unwrap(tp))
    return _unwrap(args[-1]) if args else tp
