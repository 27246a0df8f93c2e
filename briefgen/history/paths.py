"""How forces' strengths and judged likelihoods moved across a brief's shown revisions.

The paths are read from the semantic diffs between consecutive revisions that the
publication policy lets into an output, so a withheld revision never feeds one: the
website's history and `briefgen build` hand over the same kind of steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.history.diff import Change

if TYPE_CHECKING:  # history imports this module for RevisionInfo
    from briefgen.history.lineage import Revision

    Step = tuple[Revision, Revision | None, Sequence[Change]]
    """A baseline revision, the revision after it (None for a draft) and what changed."""

_TRACKED = {
    ("forces", "strength"): "strength",
    ("key_judgments", "likelihood"): "likelihood",
    ("open_questions", "outlook likelihood"): "likelihood",
}


@dataclass(frozen=True)
class PathPoint:
    """An item's value as one revision stated it."""

    revision: str  # "Revision 3", "Revision a1b2c3d" or "Draft"
    date: dt.date | None  # the revision's date, None for a draft
    value: str  # as stated, e.g. "about 10,000 troops" or "very likely"


@dataclass(frozen=True)
class RevisionPaths:
    """Every force's strength path and every judgment's likelihood path, by item id."""

    strength: dict[str, tuple[PathPoint, ...]] = field(default_factory=dict)
    likelihood: dict[str, tuple[PathPoint, ...]] = field(default_factory=dict)


def revision_paths(steps: Iterable[Step]) -> RevisionPaths:
    """Follow strengths and likelihoods that changed through consecutive steps, oldest first."""
    found: dict[str, dict[str, list[PathPoint]]] = {"strength": {}, "likelihood": {}}
    for old, new, changes in steps:
        for change in changes:
            if change.kind not in ("changed", "resolved"):
                continue
            for fc in change.fields:
                kind = _TRACKED.get((change.section, fc.field))
                if kind is None or not fc.old or not fc.new:
                    continue
                points = found[kind].setdefault(change.item_id, [])
                before = _point(old, fc.old)
                if not points or points[-1].revision != before.revision:
                    points.append(before)
                points.append(_point(new, fc.new))
    return RevisionPaths(
        {k: tuple(v) for k, v in sorted(found["strength"].items())},
        {k: tuple(v) for k, v in sorted(found["likelihood"].items())},
    )


def _point(revision: Revision | None, value: str) -> PathPoint:
    if revision is None:
        return PathPoint("Draft", None, value)
    name = revision.number if revision.number is not None else revision.short
    return PathPoint(f"Revision {name}", revision.date.date(), value)
