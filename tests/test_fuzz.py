"""Random YAML and random structures only ever validate or fail with a BriefgenError."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import BriefgenError
from briefgen.validate import validate_text
from tests.conftest import KURSK

KEYS = ["schema", "title", "as_of", "bluf", "sources", "forces", "actor", "strength", "cite",
        "positions", "stance", "key_judgments", "likelihood", "open_questions", "status", "id",
        "actors", "name", "events", "date", "summary", "marking", "review_by"]  # fmt: skip

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["likely", "TLP:RED", "about 8,000 troops", "2024-10"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)  # fmt: skip
structures = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)


def check(text: str) -> None:
    # Anything but a BriefgenError escapes and fails the test.
    with contextlib.suppress(BriefgenError):
        validate_text(text, "fuzz.yaml", today=dt.date(2024, 11, 1))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), structures, max_size=8))
def test_random_structures(data: dict[str, Any]) -> None:
    check(yaml.safe_dump(data, allow_unicode=True))


KURSK_LINES = KURSK.read_text(encoding="utf-8").splitlines(keepends=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, len(KURSK_LINES) - 1), max_size=6), st.text(max_size=30))
def test_mutated_example(drop: list[int], insert: str) -> None:
    lines = [line for i, line in enumerate(KURSK_LINES) if i not in set(drop)]
    lines.insert(len(drop) * 7 % max(len(lines), 1), insert + "\n")
    check("".join(lines))
