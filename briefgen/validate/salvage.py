"""Stand in for the bad values of an invalid brief, so its readable parts can still be checked."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from briefgen.model import Brief
from briefgen.validate.yaml import Loc, format_loc

# Tried in turn at each place that is still invalid. Each is neutral for the cross-reference
# checks: no citations, no actor or item references, and the latest possible date, so a
# stand-in as_of never makes other dates look "after" it.
_STAND_INS: tuple[Any, ...] = ("x", dt.date.max, 1, ["x"])


def error_loc(loc: Iterable[Any]) -> Loc:
    """Return the part of a pydantic location that names a place in the YAML data."""
    parts: list[str | int] = []
    for part in loc:
        if part == "[key]" or not isinstance(part, str | int):
            break
        parts.append(part)
    return tuple(parts)


def salvage(
    data: Mapping[str, Any], bad: Iterable[Loc], renames: Mapping[Loc, str]
) -> Brief | None:
    """Return the brief with each bad value replaced by a stand-in, or None when it cannot be.

    `bad` lists the places of the model errors; `renames` maps misspelt keys to the key they
    were meant to be, so their values are checked under the right name.
    """
    work: dict[str, Any] = copy.deepcopy(dict(data))
    for loc in sorted(set(bad), key=len, reverse=True):
        if loc in renames:
            _rename(work, loc, renames[loc])
        else:
            _remove(work, loc)
    for stand_in in (*_STAND_INS, None):
        try:
            return Brief.model_validate(work)
        except ValidationError as exc:
            if stand_in is None:
                return None
            for err in exc.errors():
                _put(work, error_loc(err["loc"]), copy.deepcopy(stand_in))
    return None


def under(path: str, places: Iterable[str]) -> bool:
    """Return whether a formatted path is one of `places` or lies inside one."""
    return any(
        path == place or path.startswith((f"{place}.", f"{place}[")) for place in places if place
    )


def paths(locs: Iterable[Loc]) -> set[str]:
    """Return the formatted paths of locations."""
    return {format_loc(loc) for loc in locs}


def _parent(work: Any, loc: Loc) -> Any:
    node = work
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _rename(work: dict[str, Any], loc: Loc, name: str) -> None:
    parent = _parent(work, loc)
    if isinstance(parent, dict) and loc[-1] in parent and name not in parent:
        parent[name] = parent.pop(loc[-1])


def _remove(work: dict[str, Any], loc: Loc) -> None:
    if not loc:
        return
    parent = _parent(work, loc)
    if isinstance(parent, dict):
        parent.pop(loc[-1], None)
    elif isinstance(parent, list) and isinstance(loc[-1], int) and loc[-1] < len(parent):
        # Keep the list's length so later entries keep their places.
        parent[loc[-1]] = _STAND_INS[0]


def _put(work: dict[str, Any], loc: Loc, value: Any) -> None:
    if not loc:
        return
    parent = _parent(work, loc)
    in_list = isinstance(parent, list) and isinstance(loc[-1], int) and loc[-1] < len(parent)
    if isinstance(parent, dict) or in_list:
        parent[loc[-1]] = value
