"""A semantic diff of two briefs: items matched by id, changes told as sentences.

`diff_briefs(old, new)` returns a BriefDiff whose changes follow the brief's order: header
fields, key judgments, forces, positions, events, incidents, open questions, sources, actors,
places. Each section is one row of a table that says how an added, a removed and a changed
item is summarised; `briefgen.render.diff_text` prints a diff for `briefgen diff`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from briefgen.history.diff_fields import (
    Change,
    FieldChange,
    Kind,
    Names,
    clip,
    compare,
    field_changes,
    is_short,
    part,
    parts,
    quote,
    show,
    whole,
)
from briefgen.model import (
    Actor,
    Brief,
    Event,
    Force,
    Incident,
    KeyJudgment,
    OpenQuestion,
    Place,
    Position,
    PositionType,
    Quantity,
    QuestionStatus,
    Source,
)
from briefgen.model.base import Strict

__all__ = ["BriefDiff", "Change", "FieldChange", "Kind", "diff_briefs", "untold"]

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
_VERBS: dict[PositionType, tuple[str, str]] = {
    PositionType.STATEMENT: ("says", "tells {to}"),
    PositionType.WARNING: ("warns", "warns {to}"),
    PositionType.ASSESSMENT: ("assesses", "assesses, on {to},"),
    PositionType.PREDICTION: ("predicts", "predicts, on {to},"),
    PositionType.COMMITMENT: ("commits", "commits to {to}"),
    PositionType.APPEAL: ("appeals", "appeals to {to}"),
    PositionType.REACTION: ("reacts", "reacts to {to}"),
}
_CASUALTIES = ("fatalities", "wounded", "captured")


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


ItemT = TypeVar("ItemT", bound=Strict)


def _told(old: object, new: object, fields: list[FieldChange], names: Names) -> list[str]:
    """Say the changed fields in a few words each."""
    return parts(fields)


def _never(old: object, new: object) -> str | None:
    """Never call a change a resolution."""
    return None


@dataclass(frozen=True)
class _Section(Generic[ItemT]):
    """How one section's items are summarised when added, removed or changed."""

    key: str  # the Brief attribute and Change.section
    added: Callable[[ItemT, Names], str]
    removed: Callable[[ItemT, Names], str]
    # How a changed item is named, given the item and its id (or key), before its parts.
    heading: Callable[[ItemT, str, Names], str]
    told: Callable[[ItemT, ItemT, list[FieldChange], Names], list[str]] = _told
    # The summary of a change that resolves the item (kind "resolved"), None for others.
    resolved: Callable[[ItemT, ItemT], str | None] = _never

    def change(
        self, old: ItemT | None, new: ItemT | None, names: Names, key: str = ""
    ) -> Change | None:
        """Describe one item's change; None when nothing of substance changed."""
        if new is None:
            assert old is not None
            return whole(self.key, "removed", old, self.removed(old, names), names, key)
        if old is None:
            return whole(self.key, "added", new, self.added(new, names), names, key)
        fields = field_changes(old, new, names)
        if not fields:
            return None
        item_id = key or str(getattr(new, "id", ""))
        resolution = self.resolved(old, new)
        if resolution is not None:
            return Change(self.key, "resolved", item_id, resolution, fields)
        told = "; ".join(self.told(old, new, fields, names))
        return Change(
            self.key, "changed", item_id, f"{self.heading(new, item_id, names)}: {told}", fields
        )


def diff_briefs(
    old: Brief, new: Brief, *, old_label: str = "old", new_label: str = "new"
) -> BriefDiff:
    """Compare two validated briefs item by item (matched by id) and describe each change."""
    names = Names({**old.actors, **new.actors}, {**old.places, **new.places})
    changes = _header_changes(old, new, names)
    for section in _LISTED:
        changes += _items(getattr(old, section.key), getattr(new, section.key), names, section)
    for section in _KEYED:
        changes += _keyed(getattr(old, section.key), getattr(new, section.key), names, section)
    return BriefDiff(changes, old_label, new_label)


def untold(change: Change) -> list[FieldChange]:
    """Return the field changes a summary did not tell in full (none for added or removed)."""
    if change.kind in ("added", "removed"):
        return []
    if change.kind == "resolved":  # the summary tells the status and the resolution
        return [fc for fc in change.fields if fc.field not in ("status", "resolution")]
    if change.section == "brief" and change.item_id != "bluf":
        return [] if is_short(change.fields[0], 100) else change.fields
    return [fc for fc in change.fields if not (change.kind == "changed" and is_short(fc))]


class _Identified(Protocol):
    """A list item matched by its id."""

    @property
    def id(self) -> str:
        """Return the item's id, unique in its list."""
        ...


def _items(
    old_items: Sequence[_Identified],
    new_items: Sequence[_Identified],
    names: Names,
    section: _Section[Any],
) -> list[Change]:
    """Match list items by id: changed and added in the new order, then removed ones."""
    old_by_id = {item.id: item for item in old_items}
    new_ids = {item.id for item in new_items}
    changes = [section.change(old_by_id.get(item.id), item, names) for item in new_items]
    changes += [section.change(item, None, names) for item in old_items if item.id not in new_ids]
    return [c for c in changes if c is not None]


def _keyed(
    old_map: Mapping[str, ItemT],
    new_map: Mapping[str, ItemT],
    names: Names,
    section: _Section[ItemT],
) -> list[Change]:
    """Match keyed entries (sources, actors, places) by key."""
    changes = [section.change(old_map.get(k), v, names, k) for k, v in new_map.items()]
    changes += [section.change(v, None, names, k) for k, v in old_map.items() if k not in new_map]
    return [c for c in changes if c is not None]


def _header_changes(old: Brief, new: Brief, names: Names) -> list[Change]:
    changes = []
    for name in _HEADER_FIELDS:
        fc = compare(name, getattr(old, name), getattr(new, name), names)
        if fc is None:
            continue
        if name == "bluf":
            summary = "BLUF rewritten"
        elif fc.old is None or fc.new is None or max(len(fc.old), len(fc.new)) > 100:
            summary = part(fc)
        else:
            summary = f"{name} {quote(fc.old)} -> {quote(fc.new)}"
        changes.append(Change("brief", "changed", name, summary, [fc]))
    return changes


def _judgment(kj: KeyJudgment) -> str:
    terms = [str(kj.likelihood) if kj.likelihood else ""]
    if kj.confidence:
        terms.append(f"{kj.confidence} confidence")
    hedge = ", ".join(t for t in terms if t)
    return f"{clip(kj.text)} ({hedge})" if hedge else clip(kj.text)


def _force_added(force: Force, names: Names) -> str:
    summary = f"new force: {_force_label(force, names)}"
    if force.strength is not None:
        summary += f": {force.strength.as_stated}"
    return summary + _claimed(force.claimed_by, names)


def _force_label(force: Force, names: Names) -> str:
    unit = force.strength.unit if force.strength and force.strength.unit else "forces"
    label = f"{names(force.actor)} {unit}"
    where = _where(force, names)
    return f"{label} in {where}" if where else label


def _where(item: Force | Event | Incident, names: Names) -> str:
    """Name where an item is: its free-text location, else its place's name."""
    if item.location:
        return item.location
    return names.place(item.place) if item.place else ""


def _claimed(claimed_by: str | None, names: Names) -> str:
    return f" (claimed by {names(claimed_by)})" if claimed_by else ""


def _quantity_parts(
    old: Force | Incident,
    new: Force | Incident,
    fields: list[FieldChange],
    names: Names,
    *,
    named: bool,
) -> list[str]:
    """Say changed quantities first, compared as quantities, then the other changes."""
    said: list[str] = []
    rest: list[FieldChange] = []
    for fc in fields:
        before, after = getattr(old, fc.field), getattr(new, fc.field)
        if isinstance(before, Quantity) and isinstance(after, Quantity):
            told = _strength_part(before, after, new.claimed_by, names)
            said.append(f"{fc.field} {told}" if named else told)
        else:
            rest.append(fc)
    return said + parts(rest, minor=not said)


def _strength_part(old: Quantity, new: Quantity, claimed_by: str | None, names: Names) -> str:
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


def _says(position: Position, names: Names) -> str:
    """Tell a position as a sentence, e.g. `Antony Blinken warns North Korea: ...`."""
    plain, addressed = _VERBS[position.type]
    verb = addressed.format(to=names(position.addressed_to)) if position.addressed_to else plain
    return f"{names(position.actor)} {verb}: {clip(position.stance)}"


def _position_heading(position: Position, item_id: str, names: Names) -> str:
    when = f", {position.date.isoformat()}" if position.date else ""
    return f"position of {names(position.actor)} ({position.type}{when})"


def _incident_added(incident: Incident, names: Names) -> str:
    summary = f"new incident: {_incident_label(incident, names)}"
    counts = [f"{n} {getattr(incident, n).as_stated}" for n in _CASUALTIES if getattr(incident, n)]
    if counts:
        summary += ": " + ", ".join(counts)
    return summary + _claimed(incident.claimed_by, names)


def _incident_label(incident: Incident, names: Names) -> str:
    """Name an incident by date, type and place, e.g. `2024-08-06 attack in Sudzha`."""
    return f"{incident.date} {incident.type} in {_where(incident, names)}"


def _question_added(question: OpenQuestion, names: Names) -> str:
    if question.status is not QuestionStatus.RESOLVED:
        return f"new open question: {question.question}"
    return f"new resolved question: {question.question}" + _resolution(question)


def _question_resolved(old: OpenQuestion, new: OpenQuestion) -> str | None:
    if old.status is QuestionStatus.OPEN and new.status is QuestionStatus.RESOLVED:
        return f"question resolved: {new.question}" + _resolution(new)
    return None


def _question_told(
    old: OpenQuestion, new: OpenQuestion, fields: list[FieldChange], names: Names
) -> list[str]:
    if old.status is QuestionStatus.RESOLVED and new.status is QuestionStatus.OPEN:
        return ["reopened", *parts([fc for fc in fields if fc.field != "status"])]
    return parts(fields)


def _resolution(question: OpenQuestion) -> str:
    return f" Resolution: {clip(question.resolution, 160)}" if question.resolution else ""


def _source_added(source: Source, names: Names) -> str:
    details = ", ".join(
        x for x in (source.publisher, show(source.published, "published", names)) if x
    )
    return f"new source: {source.title}" + (f" ({details})" if details else "")


# One row per listed section, in document order: how its items are summarised. Each row
# is typed by its own item class; the table mixes them, hence Any.
_LISTED: tuple[_Section[Any], ...] = (
    _Section[KeyJudgment](
        "key_judgments",
        added=lambda kj, names: f"new key judgment: {_judgment(kj)}",
        removed=lambda kj, names: f"removed key judgment: {clip(kj.text)}",
        heading=lambda kj, _, names: f"key judgment {clip(kj.text, 60)!r}",
    ),
    _Section[Force](
        "forces",
        added=_force_added,
        removed=lambda force, names: f"removed force: {_force_label(force, names)}",
        heading=lambda force, _, names: _force_label(force, names),
        told=lambda old, new, fields, names: _quantity_parts(old, new, fields, names, named=False),
    ),
    _Section[Position](
        "positions",
        added=lambda position, names: f"new position: {_says(position, names)}",
        removed=lambda position, names: f"removed position: {_says(position, names)}",
        heading=_position_heading,
    ),
    _Section[Event](
        "events",
        added=lambda event, names: f"new event: {event.date}: {clip(event.summary)}",
        removed=lambda event, names: f"removed event: {event.date}: {clip(event.summary)}",
        heading=lambda event, _, names: f"event {event.date} {clip(event.summary, 50)!r}",
    ),
    _Section[Incident](
        "incidents",
        added=_incident_added,
        removed=lambda incident, names: f"removed incident: {_incident_label(incident, names)}",
        heading=lambda incident, _, names: f"incident {_incident_label(incident, names)}",
        told=lambda old, new, fields, names: _quantity_parts(old, new, fields, names, named=True),
    ),
    _Section[OpenQuestion](
        "open_questions",
        added=_question_added,
        removed=lambda question, names: f"removed question: {question.question}",
        heading=lambda question, _, names: f"question {clip(question.question, 60)!r}",
        told=_question_told,
        resolved=_question_resolved,
    ),
)

# One row per keyed section (matched by key, not id), in document order.
_KEYED: tuple[_Section[Any], ...] = (
    _Section[Source](
        "sources",
        added=_source_added,
        removed=lambda source, names: f"removed source: {source.title}",
        heading=lambda source, key, names: f"source {key} ({clip(source.title, 60)})",
    ),
    _Section[Actor](
        "actors",
        added=lambda actor, names: (
            f"new actor: {actor.name}" + (f" ({actor.role})" if actor.role else "")
        ),
        removed=lambda actor, names: f"removed actor: {actor.name}",
        heading=lambda actor, _, names: f"actor {actor.name}",
    ),
    _Section[Place](
        "places",
        added=lambda place, names: (
            f"new place: {place.name} ({place.kind}, {place.lat}, {place.lon})"
        ),
        removed=lambda place, names: f"removed place: {place.name}",
        heading=lambda place, _, names: f"place {place.name}",
    ),
)
