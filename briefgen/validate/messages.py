"""Plain-words messages for model errors: the problem, and how to fix it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from briefgen.errors import Finding, Severity
from briefgen.model.base import SLUG_PATTERN, slugify
from briefgen.model.vocab import old_marking_hint
from briefgen.validate.yaml import Loc, Positions, format_loc


def is_slug(value: str) -> bool:
    return re.match(SLUG_PATTERN, value) is not None


def bad_slug(value: str) -> str:
    suggestion = slugify(value)
    example = f" (e.g. {suggestion!r})" if suggestion else ""
    return f"{value!r} is not a valid id; use lowercase letters, digits, '-' and '_'{example}"


def closest(value: str, choices: Iterable[str]) -> str | None:
    """Return the choice most like `value`, or None when none is close."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = closest(value, choices)
    return f"did you mean {close!r}?" if close else ""


def misspelt_keys(
    errors: Iterable[ErrorDetails], positions: Positions, *, within: Loc = ()
) -> dict[Loc, str]:
    """Map each unknown key that is a near miss of a missing required key to that key.

    `within` places the file in a brief: ("actors",) for actors.yaml.
    """
    errors = list(errors)
    missing = {_loc(e) for e in errors if e["type"] == "missing"}
    found: dict[Loc, str] = {}
    for err in errors:
        loc = _loc(err)
        if err["type"] != "extra_forbidden" or not loc:
            continue
        meant = closest(str(loc[-1]), _allowed_keys((*within, *loc[:-1]), positions))
        if meant and (*loc[:-1], meant) in missing:
            found[loc] = meant
    return found


def error_findings(
    errors: Iterable[ErrorDetails], positions: Positions, *, within: Loc = ()
) -> list[Finding]:
    """Turn pydantic errors into findings, one per mistake.

    A misspelt required key (`stnace:`) is one mistake: it is reported as the unknown key
    with its suggestion, not also as the missing key it was meant to be. `within` places
    the file in a brief: ("actors",) for actors.yaml.
    """
    errors = list(errors)
    misspelt = misspelt_keys(errors, positions, within=within)
    meant = {(*loc[:-1], key) for loc, key in misspelt.items()}
    return [
        error_finding(err, positions, within=within)
        for err in errors
        if not (err["type"] == "missing" and _loc(err) in meant)
    ]


def _loc(err: ErrorDetails) -> Loc:
    return tuple(p for p in err["loc"] if isinstance(p, str | int))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_RANGES = {
    "credibility": "credibility is 1 (confirmed) to 6 (cannot be judged)",
    "lat": "latitude is -90 (south) to 90 (north) in decimal degrees; check lat and lon "
    "are not swapped",
    "lon": "longitude is -180 (west) to 180 (east) in decimal degrees",
}


def error_finding(err: ErrorDetails, positions: Positions, *, within: Loc = ()) -> Finding:
    """Turn one pydantic error into a finding with a plain message and a fix."""
    loc = _loc(err)
    kind = err["type"]
    if kind == "missing":
        return _missing_key(loc, positions)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys((*within, *loc[:-1]), positions)
        hint = did_you_mean(key, allowed)
        fix = hint or (f"allowed keys: {', '.join(allowed)}" if allowed else "remove it")
        return positions.finding(loc, f"unknown key {key!r}; {fix}", key=True)
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        return positions.finding(loc, _bad_key(str(loc[-1]), loc[:1] == ("sources",)), key=True)
    message = _special_message(loc, kind, err.get("input")) or _message(kind)(err, loc)
    return positions.finding(loc, message)


def _missing_key(loc: Loc, positions: Positions) -> Finding:
    """Report a missing required key at the mapping that lacks it."""
    parent, key = loc[:-1], loc[-1]
    line, col = positions.locate(parent)
    where = "" if parent else " at the top level"
    return Finding(
        positions.file,
        line,
        col,
        Severity.ERROR,
        format_loc(loc),
        f"missing required key {key!r}; add `{key}: ...`{where}",
    )


def _bad_key(key: str, source: bool) -> str:
    """Say what is wrong with a mapping's key: a bad id, or a URL where a source key belongs."""
    if source and _is_url(key):
        return (
            f"{_short(key)} is a URL, not a source key; use a short key such as "
            f"{_url_key(key)!r} and put the URL under it as `url: {key}`"
        )
    return bad_slug(key)


# A message for each kind of pydantic error (`error["type"]`), given the error and its place.
Message = Callable[[ErrorDetails, Loc], str]


def _message(kind: str) -> Message:
    """Return the message writer for a kind of error; every date kind shares one."""
    if kind in MESSAGES:
        return MESSAGES[kind]
    return _not_a_date if kind.startswith("date") else _other


def _value(err: ErrorDetails) -> str:
    return _short(err.get("input"))


def _ctx(err: ErrorDetails) -> dict[str, Any]:
    return err.get("ctx") or {}


def _type_name(err: ErrorDetails) -> str:
    return type(err.get("input")).__name__


def _not_allowed(err: ErrorDetails, loc: Loc) -> str:
    return f"{_value(err)} is not one of {_ctx(err).get('expected', '')}; use one of those"


def _no_match(err: ErrorDetails, loc: Loc) -> str:
    value = err.get("input")
    if loc and loc[-1] == "url":
        return f"{_short(value)} is not a URL; write it in full with https://"
    if isinstance(value, str):
        return bad_slug(value)
    return f"{_short(value)} does not match {_ctx(err).get('pattern')}"


def _not_a_date(err: ErrorDetails, loc: Loc) -> str:
    return f"{_value(err)} is not a date; write YYYY-MM-DD (e.g. 2024-10-31)"


def _too_long(err: ErrorDetails, loc: Loc) -> str:
    value = err.get("input")
    length = f"{len(value):,} characters" if isinstance(value, str) else "too long"
    return (
        f"is {length}, over the limit of {_ctx(err).get('max_length'):,}; shorten it "
        "(the detail can go into items)"
    )


def _out_of_range(err: ErrorDetails, loc: Loc) -> str:
    if loc and loc[-1] in _RANGES:
        return f"{_value(err)} is out of range; {_RANGES[str(loc[-1])]}"
    return f"{_value(err)} is out of range ({err['msg'].lower()})"


def _other(err: ErrorDetails, loc: Loc) -> str:
    return f"{err['msg']} (got {_value(err)})"


MESSAGES: dict[str, Message] = {
    "enum": _not_allowed,
    "literal_error": _not_allowed,
    "string_pattern_mismatch": _no_match,
    "date_from_datetime_inexact": lambda err, loc: (
        f"{_value(err)} has a time of day; write the date only, YYYY-MM-DD"
    ),
    "string_type": lambda err, loc: (
        f"expected text, got {_type_name(err)} {_value(err)}; put the value in quotes"
    ),
    **dict.fromkeys(
        ("int_type", "int_parsing", "int_from_float"),
        lambda err, loc: f"expected a whole number, got {_value(err)}",
    ),
    **dict.fromkeys(
        ("list_type", "tuple_type"),
        lambda err, loc: (
            f"expected a list, got {_type_name(err)}; write each entry on its own line "
            "starting with `- `"
        ),
    ),
    **dict.fromkeys(
        ("dict_type", "model_type", "model_attributes_type"),
        lambda err, loc: (
            f"expected a mapping of `key: value` lines, got {_type_name(err)} {_value(err)}"
        ),
    ),
    **dict.fromkeys(
        ("too_short", "string_too_short"),
        lambda err, loc: "must not be empty; fill it in or remove the key",
    ),
    "string_too_long": _too_long,
    "greater_than_equal": _out_of_range,
    "less_than_equal": _out_of_range,
    "value_error": lambda err, loc: str(_ctx(err).get("error", err["msg"])),
    "bool_type": lambda err, loc: f"expected true or false, got {_value(err)}",
}


def _special_message(loc: Loc, kind: str, value: Any) -> str | None:
    """Return the message for a mistake new writers often make, or None."""
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if value is None and kind.endswith("_type"):
        return f"{name} is empty; write its value after `{name}:`"
    if loc == ("schema",) and kind == "literal_error":
        return (
            f"briefgen supports schema 1 only, and this file says schema {_short(value)}; "
            "write `schema: 1` and the brief format this briefgen documents"
        )
    if loc[-1:] == ("marking",) and old_marking_hint(value):
        return old_marking_hint(value)
    if kind == "string_pattern_mismatch" and "cite" in loc and _is_url(value):
        return (
            f"{_short(value)} is a URL, but a citation is a key of `sources:`; add a source "
            f"with `url: {value}` under `sources:` (e.g. as {_url_key(value)!r}) and cite "
            "that key"
        )
    return None


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and re.match(r"^[a-z]+://", value.strip()) is not None


def _url_key(url: str) -> str:
    """Return a source key made from a URL's host and path, e.g. `example-org-report`."""
    rest = re.sub(r"^[a-z]+://(www\.)?", "", url.strip())
    return slugify(rest, max_length=40) or "source-1"


def _allowed_keys(parent: Loc, positions: Positions) -> list[str]:
    """Return the keys the model accepts at a location, for suggestions."""
    import briefgen.model as model

    section_models: dict[str, type[BaseModel]] = {
        "key_judgments": model.KeyJudgment,
        "forces": model.Force,
        "positions": model.Position,
        "events": model.Event,
        "incidents": model.Incident,
        "places": model.Place,
        "open_questions": model.OpenQuestion,
        "sources": model.Source,
        "actors": model.Actor,
    }
    target: type[BaseModel] = model.Brief
    if parent:
        target = section_models.get(str(parent[0]), model.Brief)
        if len(parent) >= 3 and parent[2] == "outlook":
            target = model.Outlook
        elif len(parent) >= 3 and parent[2] == "indicators":
            target = model.Indicator
        elif len(parent) >= 3 and parent[2] == "extracted":
            target = model.Provenance
        elif len(parent) >= 3 and parent[2] in ("strength", "fatalities", "wounded", "captured"):
            target = model.Quantity
    return [(f.alias or name) for name, f in target.model_fields.items()]
