"""Fixtures for extraction tests: the fixture articles and their gold files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "extract"
SEED = ROOT.parent / "shared" / "seed"
KURSK_ARTICLE = SEED / "kursk-article.txt"
GOLD_FILES = sorted(FIXTURES.glob("*.gold.yaml"))
