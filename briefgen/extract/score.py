"""Score an extraction against a gold file: precision and recall per section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefgen.extract.extraction import ArticleInfo, Extraction
from briefgen.extract.extractor import RuleExtractor
from briefgen.extract.keywords import coverage
from briefgen.extract.text import guess_format, prepare
from briefgen.model import Event, Force, OpenQuestion, Position

SCORED = ("forces", "positions", "open_questions", "events")
TEXT_MATCH = 0.5
"""Share of a gold item's key words the extracted text must contain to match it."""
EVENT_MATCH = 0.3


@dataclass(frozen=True)
class SectionScore:
    """How many gold items a section has, how many were found, and how many matched."""

    section: str
    gold: int
    found: int
    matched: int

    @property
    def precision(self) -> float:
        """Return the share of found items that match a gold item."""
        if not self.found:
            return 1.0 if not self.gold else 0.0
        return self.matched / self.found

    @property
    def recall(self) -> float:
        """Return the share of gold items that were found."""
        return self.matched / self.gold if self.gold else 1.0


def score(extraction: Extraction, gold: dict[str, Any]) -> dict[str, SectionScore]:
    """Score each section of an extraction against the gold items of the same section."""
    matchers: dict[str, Callable[[Any, dict[str, Any]], float]] = {
        "forces": _force_match,
        "positions": _position_match,
        "open_questions": _question_match,
        "events": _event_match,
    }
    result = {}
    for section in SCORED:
        if section not in gold:
            continue
        found: Sequence[Any] = getattr(extraction, section)
        expected: list[dict[str, Any]] = gold.get(section) or []
        matched = _assign(found, expected, matchers[section])
        result[section] = SectionScore(section, len(expected), len(found), matched)
    return result


def _assign(
    found: Sequence[Any],
    expected: list[dict[str, Any]],
    match: Callable[[Any, dict[str, Any]], float],
) -> int:
    """Pair found and gold items one to one, best pairs first; return the number of pairs."""
    pairs = sorted(
        (
            (value, i, j)
            for i, item in enumerate(found)
            for j, want in enumerate(expected)
            if (value := match(item, want)) > 0
        ),
        reverse=True,
    )
    used_found: set[int] = set()
    used_gold: set[int] = set()
    for _, i, j in pairs:
        if i not in used_found and j not in used_gold:
            used_found.add(i)
            used_gold.add(j)
    return len(used_gold)


def _force_match(force: Force, want: dict[str, Any]) -> float:
    strength = force.strength
    if strength is None or force.actor != want.get("actor"):
        return 0.0
    if strength.qualifier.value != want.get("qualifier", "exact"):
        return 0.0
    same = (strength.value, strength.min, strength.max) == (
        want.get("value"),
        want.get("min"),
        want.get("max"),
    )
    return 1.0 if same else 0.0


def _position_match(position: Position, want: dict[str, Any]) -> float:
    if position.actor != want.get("actor"):
        return 0.0
    said = f"{position.stance} {position.quote or ''}"
    value = coverage(str(want.get("stance", "")), said)
    return value if value >= TEXT_MATCH else 0.0


def _question_match(question: OpenQuestion, want: dict[str, Any]) -> float:
    value = coverage(str(want.get("question", "")), question.question)
    return value if value >= TEXT_MATCH else 0.0


def _event_match(event: Event, want: dict[str, Any]) -> float:
    if str(event.date) != str(want.get("date")):
        return 0.0
    value = coverage(str(want.get("summary", "")), event.summary)
    return value if value >= EVENT_MATCH else 0.0


def score_file(gold_file: Path, *, seed: Path) -> dict[str, SectionScore] | None:
    """Extract a gold file's article and score it; None when the article is absent.

    The gold file names its article relative to itself, or to `seed` when it says `seed: true`.
    """
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    path = (seed if gold.get("seed") else gold_file.parent) / gold["article"]
    if not path.is_file():
        return None
    raw = path.read_text(encoding="utf-8")
    published = gold.get("published")
    info = ArticleInfo("src", published=published if isinstance(published, dt.date) else None)
    extraction = RuleExtractor().extract(prepare(raw, guess_format(raw, path.name)), info)
    return score(extraction, gold)
