"""How a diff compares field values and says them: display text, short phrases, clipping.

Every value in a FieldChange is display text (actor and place ids turned into names,
quantities and dates written out), so renderers and JSON consumers need no model knowledge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from briefgen.model import Actor, Indicator, Outlook, Place, Quantity
from briefgen.model.base import Strict

Kind = Literal["added", "removed", "changed", "resolved"]

_ACTOR_FIELDS = {"actor", "aligned_with", "claimed_by", "addressed_to", "affiliation", "actors"}
_SKIPPED_FIELDS = {"id", "extracted"}
_MINOR_FIELDS = {"cite"}  # kept in Change.fields but left out of summaries when more changed
_SHORT = 40


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs, both values as display text (None when unset)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Change:
    """One added, removed, changed or resolved item (or header field), told as a sentence."""

    section: str
    kind: Kind
    item_id: str
    summary: str
    fields: list[FieldChange] = field(default_factory=list)


class Names:
    """Actor and place ids to display names, from both briefs' actors and places."""

    def __init__(self, actors: Mapping[str, Actor], places: Mapping[str, Place]) -> None:
        self.actors = actors
        self.places = places

    def place(self, place_id: str) -> str:
        """Return a place's name, or its id when the briefs do not list it."""
        place = self.places.get(place_id)
        return place.name if place else place_id

    def __call__(self, actor_id: str | None) -> str:
        """Return an actor's name (its id when unlisted, "" for None)."""
        if actor_id is None:
            return ""
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id


def whole(
    section: str, kind: Kind, item: Strict, summary: str, names: Names, key: str = ""
) -> Change:
    """Describe an added or removed item, listing its set fields."""
    fields = []
    for name, info in type(item).model_fields.items():
        value = getattr(item, name)
        if name in _SKIPPED_FIELDS or (not info.is_required() and value == info.default):
            continue
        shown = show(value, name, names)
        if shown is None:
            continue
        fields.append(
            FieldChange(name, shown, None) if kind == "removed" else FieldChange(name, None, shown)
        )
    item_id = key or str(getattr(item, "id", ""))
    return Change(section, kind, item_id, summary, fields)


def field_changes(old: Strict, new: Strict, names: Names) -> list[FieldChange]:
    """Compare two items of the same type field by field."""
    changes: list[FieldChange] = []
    for name in type(new).model_fields:
        if name in _SKIPPED_FIELDS:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if name == "outlook":
            changes += _outlook_changes(before, after)
        elif name == "indicators":
            changes += _indicator_changes(before, after)
        else:
            fc = compare(name, before, after, names)
            if fc is not None:
                changes.append(fc)
    return changes


def _outlook_changes(old: Outlook | None, new: Outlook | None) -> list[FieldChange]:
    changes = []
    for name in ("likelihood", "confidence"):
        before = getattr(old, name) if old else None
        after = getattr(new, name) if new else None
        if before != after:
            changes.append(
                FieldChange(
                    f"outlook {name}",
                    str(before) if before else None,
                    str(after) if after else None,
                )
            )
    return changes


def _indicator_changes(old: Iterable[Indicator], new: Iterable[Indicator]) -> list[FieldChange]:
    """Match indicators by their text and report status changes, additions and removals."""
    before = {i.text: i for i in old}
    after = {i.text: i for i in new}
    changes = []
    for text, indicator in after.items():
        label = f"indicator {clip(text, 60)!r}"
        previous = before.get(text)
        if previous is None:
            changes.append(FieldChange(label, None, _status(indicator)))
        elif previous.status != indicator.status or previous.signals != indicator.signals:
            changes.append(FieldChange(label, _status(previous), _status(indicator)))
    for text, indicator in before.items():
        if text not in after:
            changes.append(FieldChange(f"indicator {clip(text, 60)!r}", _status(indicator), None))
    return changes


def _status(indicator: Indicator) -> str:
    status = str(indicator.status).replace("_", " ")
    return f"{status} (signals {indicator.signals})" if indicator.signals else status


def compare(name: str, before: object, after: object, names: Names) -> FieldChange | None:
    """Return a FieldChange when two field values differ in substance."""
    if isinstance(before, Quantity) and isinstance(after, Quantity):
        if before.same_amount(after) and before.unit == after.unit:
            return None  # the same amount in other words is no change
    elif isinstance(before, str) and isinstance(after, str):
        if " ".join(before.split()) == " ".join(after.split()):
            return None
    elif before == after:
        return None
    old, new = show(before, name, names), show(after, name, names)
    if old == new:
        return None
    return FieldChange(name, old, new)


def show(value: object, name: str, names: Names) -> str | None:
    """Write a field value as display text; None when unset or empty."""
    if value is None or value == () or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Quantity):
        return value.as_stated
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        shown = [names(v) if name in _ACTOR_FIELDS else str(v) for v in value]
        return ", ".join(shown)
    if isinstance(value, str):
        if name == "place":
            return names.place(value)
        return names(value) if name in _ACTOR_FIELDS else " ".join(value.split())
    if isinstance(value, Strict):
        return None  # provenance and the like: not part of what a reader sees
    return str(value)


def parts(fields: Sequence[FieldChange], *, minor: bool = True) -> list[str]:
    """Say field changes in a few words each, leaving out citation changes when more happened."""
    major = [part(fc) for fc in fields if fc.field not in _MINOR_FIELDS]
    if major or not minor:
        return major
    return [part(fc) for fc in fields]


def part(fc: FieldChange) -> str:
    """Say one field change in a few words, e.g. `likelihood likely -> very likely`."""
    if fc.old is None:
        return f"{fc.field} set to {fc.new}" if short(fc.new) else f"{fc.field} added"
    if fc.new is None:
        return f"{fc.field} removed"
    if is_short(fc):
        return f"{fc.field} {fc.old} -> {fc.new}"
    return f"{fc.field} reworded"


def is_short(fc: FieldChange, limit: int = _SHORT) -> bool:
    return short(fc.old, limit) and short(fc.new, limit)


def short(text: str | None, limit: int = _SHORT) -> bool:
    return text is None or len(text) <= limit


def quote(text: str) -> str:
    return f'"{text}"' if " " in text else text


def clip(text: str, limit: int = 100) -> str:
    """Shorten text to a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
