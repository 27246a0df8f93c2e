"""No test asserts how fast something runs: timings fail at random on a busy machine.

Performance is measured in benchmarks/ (scripts that print figures), never asserted here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Words that mark a measured duration when they appear in an assertion's comparison.
TIMING_NAME = re.compile(r"elapsed|seconds|duration|took|timing|perf_counter|monotonic|time\(\)")


def timing_assertions(source: str) -> list[int]:
    """Return the lines of assertions that compare a measured duration with a bound."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assert):
            continue
        for compare in ast.walk(node.test):
            if not isinstance(compare, ast.Compare):
                continue
            if not any(isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE) for op in compare.ops):
                continue
            if TIMING_NAME.search(ast.unparse(compare)):
                lines.append(node.lineno)
    return lines


def test_the_detector_finds_timing_assertions() -> None:
    source = (
        "start = time.perf_counter()\n"
        "elapsed = time.perf_counter() - start\n"
        "assert elapsed < 1.0\n"
        "assert report.seconds['total'] < 1\n"
        "assert len(items) < 3\n"
    )
    assert timing_assertions(source) == [3, 4]


def test_no_test_asserts_a_timing() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        if path != Path(__file__).resolve()
        for line in timing_assertions(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "timing assertions belong in benchmarks/: " + ", ".join(found)


def test_no_test_reads_a_stopwatch() -> None:
    """perf_counter exists only to time code; tests have no use for it."""
    found = [
        str(path.relative_to(TESTS))
        for path in sorted(TESTS.rglob("*.py"))
        if path != Path(__file__).resolve() and "perf_counter" in path.read_text(encoding="utf-8")
    ]
    assert found == []
