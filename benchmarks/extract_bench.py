"""Print extraction precision and recall per fixture and section, and time a 1 MB text.

Run: .venv/bin/python benchmarks/extract_bench.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from briefgen.extract import ArticleInfo, extract_article
from briefgen.extract.score import SCORED, score_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "extract"
SEED = ROOT.parent / "shared" / "seed"


def big_text(size: int = 1_000_000) -> str:
    """Return about `size` bytes of wire text made by repeating the fixture articles."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.md"))]
    if (SEED / "kursk-article.txt").is_file():
        texts.append((SEED / "kursk-article.txt").read_text(encoding="utf-8"))
    block = "\n\n".join(texts) + "\n\n"
    return (block * (size // len(block.encode()) + 1))[:size]


def time_extraction(text: str) -> tuple[float, float]:
    """Return the wall-clock and CPU seconds it takes to extract a text."""
    wall, cpu = time.perf_counter(), time.process_time()
    extract_article(text, "text", ArticleInfo("src", published=dt.date(2024, 10, 31)))
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    """Print the score table and the timing."""
    print(
        f"{'fixture':<16} {'section':<15} {'gold':>4} {'found':>5} {'match':>5} {'P':>5} {'R':>5}"
    )
    for gold_file in sorted(FIXTURES.glob("*.gold.yaml")):
        name = gold_file.name.removesuffix(".gold.yaml")
        scores = score_file(gold_file, seed=SEED)
        if scores is None:
            print(f"{name}: article not found, skipped")
            continue
        for section in SCORED:
            s = scores.get(section)
            if s is not None:
                print(
                    f"{name:<16} {section:<15} {s.gold:>4} {s.found:>5} {s.matched:>5} "
                    f"{s.precision:>5.2f} {s.recall:>5.2f}"
                )
    text = big_text()
    # CPU time is the figure to compare: on a shared machine wall time includes waiting.
    wall, cpu = time_extraction(text)
    print(
        f"\n1 MB timing: {len(text.encode()):,} bytes extracted in {cpu:.2f} s CPU "
        f"({wall:.2f} s wall clock; budget 5 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
