"""Extraction stays fast: a 1 MB text in under 5 seconds."""

from __future__ import annotations

import datetime as dt
import time

from briefgen.extract import ArticleInfo, extract_article
from tests.extract.conftest import FIXTURES

BUDGET_SECONDS = 5.0


def test_one_megabyte_in_budget() -> None:
    block = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt")))
    text = ((block + "\n\n") * (1_000_000 // len(block) + 1))[:1_000_000]
    start = time.perf_counter()
    _, found = extract_article(text, "text", ArticleInfo("s", published=dt.date(2024, 6, 20)))
    elapsed = time.perf_counter() - start
    assert found.positions
    assert elapsed < BUDGET_SECONDS, f"1 MB took {elapsed:.2f} s"
