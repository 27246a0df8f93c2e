"""Extraction quality against gold files written by an analyst, per fixture and section."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.extract.score import SectionScore, score, score_file
from tests.extract.conftest import GOLD_FILES, KURSK_ARTICLE, SEED

TARGETS = {
    "forces": (0.8, 0.9),
    "positions": (0.8, 0.9),
    "open_questions": (0.0, 0.7),
}
"""Section -> (minimum precision, minimum recall)."""

# Fixture sections where the rules fall short of the target, with the measured scores.
# Strict xfail: when a rule change lifts one above the target, the test says so.
SHORT: dict[tuple[str, str], str] = {}


def _cases() -> list[object]:
    cases: list[object] = []
    for gold_file in GOLD_FILES:
        name = gold_file.name.removesuffix(".gold.yaml")
        for section in TARGETS:
            marks = []
            if (name, section) in SHORT:
                marks.append(pytest.mark.xfail(reason=SHORT[(name, section)], strict=True))
            cases.append(pytest.param(gold_file, section, id=f"{name}-{section}", marks=marks))
    return cases


@pytest.fixture(scope="module")
def results() -> dict[Path, dict[str, SectionScore] | None]:
    return {gold_file: score_file(gold_file, seed=SEED) for gold_file in GOLD_FILES}


@pytest.mark.parametrize(("gold_file", "section"), _cases())
def test_meets_target(
    results: dict[Path, dict[str, SectionScore] | None], gold_file: Path, section: str
) -> None:
    scores = results[gold_file]
    if scores is None:
        pytest.skip(f"article for {gold_file.name} not present (needs {KURSK_ARTICLE})")
    got = scores[section]
    precision, recall = TARGETS[section]
    assert got.recall >= recall, f"recall {got.recall:.2f} < {recall}"
    assert got.precision >= precision, f"precision {got.precision:.2f} < {precision}"


def test_score_matches_one_to_one() -> None:
    from briefgen.extract import Extraction
    from briefgen.model import Force

    force = Force.model_validate({"actor": "russia", "strength": "about 500 tanks", "cite": "s"})
    gold = {"forces": [{"actor": "russia", "value": 500, "qualifier": "about"}] * 2}
    result = score(Extraction(forces=[force]), gold)["forces"]
    assert (result.matched, result.precision, result.recall) == (1, 1.0, 0.5)
