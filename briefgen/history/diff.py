"""A semantic diff of two briefs: items matched by id, changes told as sentences.

`diff_briefs(old, new)` returns a BriefDiff whose changes follow the brief's order: header
fields, key judgments, forces, positions, events, incidents, open questions, sources, actors,
places. Every value in a FieldChange is display text (actor and place ids turned into names,
quantities and dates written out), so renderers and JSON consumers need no model knowledge.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

import click

from briefgen.model import (
    Actor,
    Brief,
    Event,
    Force,
    Incident,
    Indicator,
    KeyJudgment,
    OpenQuestion,
    Outlook,
    Place,
    Position,
    PositionType,
    Quantity,
    QuestionStatus,
    Source,
)
from briefgen.model.base import Strict

Kind = Literal["added", "removed", "changed", "resolved"]

SECTION_TITLES: dict[str, str] = {
    "brief": "Header",
    "key_judgments": "Key judgments",
    "forces": "Forces",
    "positions": "Positions",
    "events": "Events",
    "incidents": "Incidents",
    "open_questions": "Open questions",
    "sources": "Sources",
    "actors": "Actors",
    "places": "Places",
}
"""Section keys of Change.section, in the order changes are listed, with their titles."""

_HEADER_FIELDS = (
    "id",
    "title",
    "subtitle",
    "type",
    "as_of",
    "review_by",
    "marking",
    "authors",
    "topics",
    "region",
    "bluf",
)
_ACTOR_FIELDS = {"actor", "aligned_with", "claimed_by", "addressed_to", "affiliation", "actors"}
_SKIPPED_FIELDS = {"id", "extracted"}
_MINOR_FIELDS = {"cite"}  # kept in Change.fields but left out of summaries when more changed
_SHORT = 40
_VERBS: dict[PositionType, tuple[str, str]] = {
    PositionType.STATEMENT: ("says", "tells {to}"),
    PositionType.WARNING: ("warns", "warns {to}"),
    PositionType.ASSESSMENT: ("assesses", "assesses, on {to},"),
    PositionType.PREDICTION: ("predicts", "predicts, on {to},"),
    PositionType.COMMITMENT: ("commits", "commits to {to}"),
    PositionType.APPEAL: ("appeals", "appeals to {to}"),
    PositionType.REACTION: ("reacts", "reacts to {to}"),
}
_SYMBOLS: dict[str, tuple[str, str]] = {
    "added": ("+", "green"),
    "removed": ("-", "red"),
    "changed": ("~", "yellow"),
    "resolved": ("*", "cyan"),
}


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


@dataclass(frozen=True)
class BriefDiff:
    """Every change between two briefs, in document order, with labels for both sides."""

    changes: list[Change]
    old_label: str = "old"
    new_label: str = "new"

    @property
    def has_changes(self) -> bool:
        """Tell whether anything changed."""
        return bool(self.changes)

    def in_section(self, section: str) -> list[Change]:
        """Return the changes of one section, e.g. `forces`."""
        return [c for c in self.changes if c.section == section]


def diff_briefs(
    old: Brief, new: Brief, *, old_label: str = "old", new_label: str = "new"
) -> BriefDiff:
    """Compare two validated briefs item by item (matched by id) and describe each change."""
    names = _Names({**old.actors, **new.actors}, {**old.places, **new.places})
    changes = [*_header_changes(old, new, names)]
    changes += _items(old.key_judgments, new.key_judgments, names, _judgment_change)
    changes += _items(old.forces, new.forces, names, _force_change)
    changes += _items(old.positions, new.positions, names, _position_change)
    changes += _items(old.events, new.events, names, _event_change)
    changes += _items(old.incidents, new.incidents, names, _incident_change)
    changes += _items(old.open_questions, new.open_questions, names, _question_change)
    changes += _mapping_items(old.sources, new.sources, names, _source_change)
    changes += _mapping_items(old.actors, new.actors, names, _actor_change)
    changes += _mapping_items(old.places, new.places, names, _place_change)
    return BriefDiff(changes, old_label, new_label)


def format_text(diff: BriefDiff, *, color: bool = False) -> str:
    """Format a diff for a terminal, coloured when `color` is true."""

    def paint(text: str, fg: str | None, *, bold: bool = False) -> str:
        return click.style(text, fg=fg, bold=bold) if color else text

    lines = [f"Changes from {diff.old_label} to {diff.new_label}:"]
    if not diff.changes:
        return f"No changes from {diff.old_label} to {diff.new_label}.\n"
    for section, changes in _by_section(diff):
        lines.append(paint(SECTION_TITLES[section], None, bold=True))
        for change in changes:
            symbol, fg = _SYMBOLS[change.kind]
            lines.append(paint(f"  {symbol} {change.summary}", fg))
            for fc in _details(change):
                if fc.old is not None and change.kind != "added":
                    lines.append(paint(f"      {fc.field}: - {_one_line(fc.old)}", "red"))
                if fc.new is not None and change.kind != "removed":
                    lines.append(paint(f"      {fc.field}: + {_one_line(fc.new)}", "green"))
    count = len(diff.changes)
    lines.append(f"{count} change{'s' if count != 1 else ''}.")
    return "\n".join(lines) + "\n"


def format_markdown(diff: BriefDiff) -> str:
    """Format a diff as Markdown: a heading, one list per section, old values struck out."""
    lines = [f"## Changes from {diff.old_label} to {diff.new_label}", ""]
    if not diff.changes:
        return "\n".join([*lines, "No changes.", ""])
    for section, changes in _by_section(diff):
        lines += [f"### {SECTION_TITLES[section]}", ""]
        for change in changes:
            lines.append(f"- **{change.kind.capitalize()}**: {_md(change.summary)}")
            for fc in _details(change):
                old = f"~~{_md(_one_line(fc.old))}~~" if fc.old is not None else "(none)"
                new = _md(_one_line(fc.new)) if fc.new is not None else "(none)"
                lines.append(f"  - `{fc.field}`: {old} → {new}")
        lines.append("")
    return "\n".join(lines)


def to_dict(diff: BriefDiff) -> dict[str, Any]:
    """Return a diff as a JSON-ready mapping."""
    return {
        "from": diff.old_label,
        "to": diff.new_label,
        "changed": diff.has_changes,
        "changes": [
            {
                "section": c.section,
                "kind": c.kind,
                "item_id": c.item_id,
                "summary": c.summary,
                "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
            }
            for c in diff.changes
        ],
    }


def to_json(diff: BriefDiff) -> str:
    """Return a diff as indented JSON text."""
    return json.dumps(to_dict(diff), indent=2, ensure_ascii=False) + "\n"


class _Names:
    """Actor and place ids to display names, from both briefs' actors and places."""

    def __init__(self, actors: Mapping[str, Actor], places: Mapping[str, Place]) -> None:
        self.actors = actors
        self.places = places

    def place(self, place_id: str) -> str:
        place = self.places.get(place_id)
        return place.name if place else place_id

    def __call__(self, actor_id: str | None) -> str:
        if actor_id is None:
            return ""
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id


ItemDiffer = Callable[[Any, Any, _Names], Change | None]


def _items(
    old_items: Sequence[Any],
    new_items: Sequence[Any],
    names: _Names,
    differ: ItemDiffer,
) -> list[Change]:
    """Match list items by id: changed and added in the new order, then removed ones."""
    old_by_id = {item.id: item for item in old_items}
    new_ids = {item.id for item in new_items}
    changes: list[Change] = []
    for item in new_items:
        change = differ(old_by_id.get(item.id), item, names)
        if change is not None:
            changes.append(change)
    for item in old_items:
        if item.id not in new_ids:
            change = differ(item, None, names)
            if change is not None:
                changes.append(change)
    return changes


def _mapping_items(
    old_map: Mapping[str, Any],
    new_map: Mapping[str, Any],
    names: _Names,
    differ: Callable[[str, Any, Any, _Names], Change | None],
) -> list[Change]:
    """Match keyed entries (sources, actors) by key."""
    changes = [differ(key, old_map.get(key), value, names) for key, value in new_map.items()]
    changes += [
        differ(key, value, None, names) for key, value in old_map.items() if key not in new_map
    ]
    return [c for c in changes if c is not None]


def _header_changes(old: Brief, new: Brief, names: _Names) -> list[Change]:
    changes = []
    for name in _HEADER_FIELDS:
        fc = _compare(name, getattr(old, name), getattr(new, name), names)
        if fc is None:
            continue
        if name == "bluf":
            summary = "BLUF rewritten"
        elif fc.old is None or fc.new is None or max(len(fc.old), len(fc.new)) > 100:
            summary = _part(fc)
        else:
            summary = f"{name} {_quote(fc.old)} -> {_quote(fc.new)}"
        changes.append(Change("brief", "changed", name, summary, [fc]))
    return changes


def _judgment_change(
    old: KeyJudgment | None, new: KeyJudgment | None, names: _Names
) -> Change | None:
    if new is None:
        assert old is not None
        return _whole(
            "key_judgments", "removed", old, f"removed key judgment: {_clip(old.text)}", names
        )
    if old is None:
        return _whole("key_judgments", "added", new, f"new key judgment: {_judgment(new)}", names)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    parts = _parts(fields)
    summary = f"key judgment {_clip(new.text, 60)!r}: " + "; ".join(parts)
    return Change("key_judgments", "changed", new.id, summary, fields)


def _judgment(kj: KeyJudgment) -> str:
    terms = [str(kj.likelihood) if kj.likelihood else ""]
    if kj.confidence:
        terms.append(f"{kj.confidence} confidence")
    hedge = ", ".join(t for t in terms if t)
    return f"{_clip(kj.text)} ({hedge})" if hedge else _clip(kj.text)


def _force_change(old: Force | None, new: Force | None, names: _Names) -> Change | None:
    if new is None:
        assert old is not None
        return _whole("forces", "removed", old, f"removed force: {_force_label(old, names)}", names)
    if old is None:
        summary = f"new force: {_force_label(new, names)}"
        if new.strength is not None:
            summary += f": {new.strength.as_stated}"
        summary += _claimed(new.claimed_by, names)
        return _whole("forces", "added", new, summary, names)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    parts = _quantity_parts(old, new, fields, names, named=False)
    summary = f"{_force_label(new, names)}: " + "; ".join(parts)
    return Change("forces", "changed", new.id, summary, fields)


def _force_label(force: Force, names: _Names) -> str:
    unit = force.strength.unit if force.strength and force.strength.unit else "forces"
    label = f"{names(force.actor)} {unit}"
    where = _where(force, names)
    return f"{label} in {where}" if where else label


def _where(item: Force | Event | Incident, names: _Names) -> str:
    """Name where an item is: its free-text location, else its place's name."""
    if item.location:
        return item.location
    return names.place(item.place) if item.place else ""


def _claimed(claimed_by: str | None, names: _Names) -> str:
    return f" (claimed by {names(claimed_by)})" if claimed_by else ""


def _quantity_parts(
    old: Force | Incident,
    new: Force | Incident,
    fields: list[FieldChange],
    names: _Names,
    *,
    named: bool,
) -> list[str]:
    """Say changed quantities first, compared as quantities, then the other changes."""
    parts: list[str] = []
    rest: list[FieldChange] = []
    for fc in fields:
        before, after = getattr(old, fc.field), getattr(new, fc.field)
        if isinstance(before, Quantity) and isinstance(after, Quantity):
            said = _strength_part(before, after, new.claimed_by, names)
            parts.append(f"{fc.field} {said}" if named else said)
        else:
            rest.append(fc)
    return parts + _parts(rest, minor=not parts)


def _strength_part(old: Quantity, new: Quantity, claimed_by: str | None, names: _Names) -> str:
    """Say how a strength changed, e.g. `more than 3,000 -> about 10,000 (claimed by X)`."""
    same_unit = old.unit == new.unit
    before = _amount(old) if same_unit else old.describe()
    after = _amount(new) if same_unit else new.describe()
    text = f"{before} -> {after}"
    if old.qualifier != new.qualifier and (old.value, old.min, old.max) == (
        new.value,
        new.min,
        new.max,
    ):
        text += f" (qualifier {old.qualifier.words or 'exact'} -> {new.qualifier.words or 'exact'})"
    return text + _claimed(claimed_by, names)


def _amount(quantity: Quantity) -> str:
    return quantity.model_copy(update={"unit": None}).describe()


def _position_change(old: Position | None, new: Position | None, names: _Names) -> Change | None:
    if new is None:
        assert old is not None
        return _whole("positions", "removed", old, f"removed position: {_says(old, names)}", names)
    if old is None:
        return _whole("positions", "added", new, f"new position: {_says(new, names)}", names)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    when = f", {new.date.isoformat()}" if new.date else ""
    summary = f"position of {names(new.actor)} ({new.type}{when}): " + "; ".join(_parts(fields))
    return Change("positions", "changed", new.id, summary, fields)


def _says(position: Position, names: _Names) -> str:
    """Tell a position as a sentence, e.g. `Antony Blinken warns North Korea: ...`."""
    plain, addressed = _VERBS[position.type]
    verb = addressed.format(to=names(position.addressed_to)) if position.addressed_to else plain
    return f"{names(position.actor)} {verb}: {_clip(position.stance)}"


def _event_change(old: Event | None, new: Event | None, names: _Names) -> Change | None:
    if new is None:
        assert old is not None
        return _whole(
            "events", "removed", old, f"removed event: {old.date}: {_clip(old.summary)}", names
        )
    if old is None:
        return _whole("events", "added", new, f"new event: {new.date}: {_clip(new.summary)}", names)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    summary = f"event {new.date} {_clip(new.summary, 50)!r}: " + "; ".join(_parts(fields))
    return Change("events", "changed", new.id, summary, fields)


_CASUALTIES = ("fatalities", "wounded", "captured")


def _incident_change(old: Incident | None, new: Incident | None, names: _Names) -> Change | None:
    if new is None:
        assert old is not None
        summary = f"removed incident: {_incident_label(old, names)}"
        return _whole("incidents", "removed", old, summary, names)
    if old is None:
        summary = f"new incident: {_incident_label(new, names)}"
        counts = [f"{n} {getattr(new, n).as_stated}" for n in _CASUALTIES if getattr(new, n)]
        if counts:
            summary += ": " + ", ".join(counts)
        summary += _claimed(new.claimed_by, names)
        return _whole("incidents", "added", new, summary, names)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    parts = _quantity_parts(old, new, fields, names, named=True)
    summary = f"incident {_incident_label(new, names)}: " + "; ".join(parts)
    return Change("incidents", "changed", new.id, summary, fields)


def _incident_label(incident: Incident, names: _Names) -> str:
    """Name an incident by date, type and place, e.g. `2024-08-06 attack in Sudzha`."""
    return f"{incident.date} {incident.type} in {_where(incident, names)}"


def _question_change(
    old: OpenQuestion | None, new: OpenQuestion | None, names: _Names
) -> Change | None:
    if new is None:
        assert old is not None
        return _whole("open_questions", "removed", old, f"removed question: {old.question}", names)
    if old is None:
        kind: Kind = "added"
        summary = f"new open question: {new.question}"
        if new.status is QuestionStatus.RESOLVED:
            summary = f"new resolved question: {new.question}"
            if new.resolution:
                summary += f" Resolution: {_clip(new.resolution, 160)}"
        return _whole("open_questions", kind, new, summary, names)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    if old.status is QuestionStatus.OPEN and new.status is QuestionStatus.RESOLVED:
        summary = f"question resolved: {new.question}"
        if new.resolution:
            summary += f" Resolution: {_clip(new.resolution, 160)}"
        return Change("open_questions", "resolved", new.id, summary, fields)
    parts = _parts(fields)
    if old.status is QuestionStatus.RESOLVED and new.status is QuestionStatus.OPEN:
        parts = ["reopened", *_parts([fc for fc in fields if fc.field != "status"])]
    summary = f"question {_clip(new.question, 60)!r}: " + "; ".join(parts)
    return Change("open_questions", "changed", new.id, summary, fields)


def _source_change(
    key: str, old: Source | None, new: Source | None, names: _Names
) -> Change | None:
    if new is None:
        assert old is not None
        return _whole("sources", "removed", old, f"removed source: {old.title}", names, key)
    if old is None:
        details = ", ".join(
            x for x in (new.publisher, _show(new.published, "published", names)) if x
        )
        summary = f"new source: {new.title}" + (f" ({details})" if details else "")
        return _whole("sources", "added", new, summary, names, key)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    summary = f"source {key} ({_clip(new.title, 60)}): " + "; ".join(_parts(fields))
    return Change("sources", "changed", key, summary, fields)


def _actor_change(key: str, old: Actor | None, new: Actor | None, names: _Names) -> Change | None:
    if new is None:
        assert old is not None
        return _whole("actors", "removed", old, f"removed actor: {old.name}", names, key)
    if old is None:
        summary = f"new actor: {new.name}" + (f" ({new.role})" if new.role else "")
        return _whole("actors", "added", new, summary, names, key)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    summary = f"actor {new.name}: " + "; ".join(_parts(fields))
    return Change("actors", "changed", key, summary, fields)


def _place_change(key: str, old: Place | None, new: Place | None, names: _Names) -> Change | None:
    if new is None:
        assert old is not None
        return _whole("places", "removed", old, f"removed place: {old.name}", names, key)
    if old is None:
        summary = f"new place: {new.name} ({new.kind}, {new.lat}, {new.lon})"
        return _whole("places", "added", new, summary, names, key)
    fields = _field_changes(old, new, names)
    if not fields:
        return None
    summary = f"place {new.name}: " + "; ".join(_parts(fields))
    return Change("places", "changed", key, summary, fields)


def _whole(
    section: str, kind: Kind, item: Strict, summary: str, names: _Names, key: str = ""
) -> Change:
    """Describe an added or removed item, listing its set fields."""
    fields = []
    for name, info in type(item).model_fields.items():
        value = getattr(item, name)
        if name in _SKIPPED_FIELDS or (not info.is_required() and value == info.default):
            continue
        shown = _show(value, name, names)
        if shown is None:
            continue
        fields.append(
            FieldChange(name, shown, None) if kind == "removed" else FieldChange(name, None, shown)
        )
    item_id = key or str(getattr(item, "id", ""))
    return Change(section, kind, item_id, summary, fields)


def _field_changes(old: Strict, new: Strict, names: _Names) -> list[FieldChange]:
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
            fc = _compare(name, before, after, names)
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
        label = f"indicator {_clip(text, 60)!r}"
        previous = before.get(text)
        if previous is None:
            changes.append(FieldChange(label, None, _status(indicator)))
        elif previous.status != indicator.status or previous.signals != indicator.signals:
            changes.append(FieldChange(label, _status(previous), _status(indicator)))
    for text, indicator in before.items():
        if text not in after:
            changes.append(FieldChange(f"indicator {_clip(text, 60)!r}", _status(indicator), None))
    return changes


def _status(indicator: Indicator) -> str:
    status = str(indicator.status).replace("_", " ")
    return f"{status} (signals {indicator.signals})" if indicator.signals else status


def _compare(name: str, before: Any, after: Any, names: _Names) -> FieldChange | None:
    """Return a FieldChange when two field values differ in substance."""
    if isinstance(before, Quantity) and isinstance(after, Quantity):
        if before.same_amount(after) and before.unit == after.unit:
            return None  # the same amount in other words is no change
    elif isinstance(before, str) and isinstance(after, str):
        if " ".join(before.split()) == " ".join(after.split()):
            return None
    elif before == after:
        return None
    old, new = _show(before, name, names), _show(after, name, names)
    if old == new:
        return None
    return FieldChange(name, old, new)


def _show(value: Any, name: str, names: _Names) -> str | None:
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


def _parts(fields: Sequence[FieldChange], *, minor: bool = True) -> list[str]:
    """Say field changes in a few words each, leaving out citation changes when more happened."""
    major = [_part(fc) for fc in fields if fc.field not in _MINOR_FIELDS]
    if major or not minor:
        return major
    return [_part(fc) for fc in fields]


def _part(fc: FieldChange) -> str:
    """Say one field change in a few words, e.g. `likelihood likely -> very likely`."""
    if fc.old is None:
        return f"{fc.field} set to {fc.new}" if _short(fc.new) else f"{fc.field} added"
    if fc.new is None:
        return f"{fc.field} removed"
    if _is_short(fc):
        return f"{fc.field} {fc.old} -> {fc.new}"
    return f"{fc.field} reworded"


def _is_short(fc: FieldChange, limit: int = _SHORT) -> bool:
    return _short(fc.old, limit) and _short(fc.new, limit)


def _short(text: str | None, limit: int = _SHORT) -> bool:
    return text is None or len(text) <= limit


def _quote(text: str) -> str:
    return f'"{text}"' if " " in text else text


def _clip(text: str, limit: int = 100) -> str:
    """Shorten text to a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _md(text: str) -> str:
    """Escape the characters that would start Markdown markup inside a list item."""
    for char in ("\\", "*", "_", "`", "[", "]", "<"):
        text = text.replace(char, "\\" + char)
    return text.replace(" -> ", " → ")


def _details(change: Change) -> list[FieldChange]:
    """Return the field changes a summary did not tell in full (none for added or removed)."""
    if change.kind in ("added", "removed"):
        return []
    if change.kind == "resolved":  # the summary tells the status and the resolution
        return [fc for fc in change.fields if fc.field not in ("status", "resolution")]
    if change.section == "brief" and change.item_id != "bluf":
        return [] if _is_short(change.fields[0], 100) else change.fields
    return [fc for fc in change.fields if not (change.kind == "changed" and _is_short(fc))]


def _by_section(diff: BriefDiff) -> list[tuple[str, list[Change]]]:
    return [(s, diff.in_section(s)) for s in SECTION_TITLES if diff.in_section(s)]
