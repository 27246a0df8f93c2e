"""Fixtures for extraction tests: the fixture articles and their gold files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefgen.extract import ArticleInfo, extract_article

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "extract"
SEED = ROOT.parent / "shared" / "seed"
KURSK_ARTICLE = SEED / "kursk-article.txt"
GOLD_FILES = sorted(FIXTURES.glob("*.gold.yaml"))

PUBLISHED = dt.date(2025, 3, 14)


def questions_of(text: str) -> list[str]:
    """Return the open questions the rules draft from a text of our own."""
    found = extract_article(text, "text", ArticleInfo("s", published=PUBLISHED))[1]
    return [q.question for q in found.open_questions]
