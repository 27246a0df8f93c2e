"""Print how long briefs at the input limits take: a 2 MiB brief, hostile Markdown, many ids.

Run: `.venv/bin/python benchmarks/limits_bench.py`. Three figures, each the median of a
few in-process runs:

- a brief of just under 2 MiB (the most `validate` reads) made of ordinary items, one in
  four with Markdown formatting (bold, italics, a link) and the rest prose with citations:
  read and validate it, then render its HTML (the target is 10 s for both); then the same
  with formatting in every item;
- the same size made of Markdown fields each at the 10,000-character limit and full of
  the constructs Python-Markdown is slowest on (unclosed brackets, `<`, backticks,
  emphasis), with no citations to resolve: the worst case the limits allow;
- 14,600 positions deriving the same base id (44 s before ids were derived in O(n)).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.config import Config  # noqa: E402
from briefgen.model.base import MAX_MARKDOWN  # noqa: E402
from briefgen.render.html import render_html  # noqa: E402
from briefgen.validate import Validated, validate_text  # noqa: E402
from briefgen.validate.yaml import MAX_BYTES  # noqa: E402

TODAY = dt.date(2024, 11, 20)
HEAD = """\
schema: 1
title: A brief at the size limit
as_of: 2024-10-31
bluf: |
{bluf}
actors:
  us:
    name: United States
  ru:
    name: Russia
sources:
  src:
    title: A source
    publisher: A publisher
positions:
"""
PROSE = (
    "Officials said **about 10,000** troops moved toward the border, and *several* "
    "units were seen near [the river](https://example.org/river) on Monday [@src]."
)
PLAIN = (
    "Officials said about 10,000 troops moved toward the border, and several units "
    "were seen near the river on Monday [@src]."
)
HOSTILE_UNITS = ["[a ", "<a ", "`a ", "*a ", "[a](b ", "_a_ "]


def position(number: int, stance: str) -> str:
    """Return one position entry with an explicit id."""
    return f"  - id: p{number}\n    actor: us\n    stance: |\n      {stance}\n    cite: src\n"


def big_brief(stance_for: Callable[[int], str], bluf: str) -> str:
    """Return a brief just under MAX_BYTES: positions until the limit is reached."""
    head = HEAD.format(bluf="  " + bluf)
    parts, size, number = [head], len(head.encode()), 0
    while True:
        entry = position(number, stance_for(number))
        if size + len(entry.encode()) > MAX_BYTES - 64:
            return "".join(parts)
        parts.append(entry)
        size += len(entry.encode())
        number += 1


def ordinary(number: int) -> str:
    """Return an ordinary stance of a few sentences, formatted in one item of four."""
    return " ".join([PROSE if number % 4 == 0 else PLAIN] * (1 + number % 3))


def formatted(number: int) -> str:
    """Return a stance of a few sentences with Markdown formatting."""
    return " ".join([PROSE] * (1 + number % 3))


def hostile(number: int) -> str:
    """Return a stance at the Markdown limit made of one slow construct, repeated."""
    unit = HOSTILE_UNITS[number % len(HOSTILE_UNITS)]
    return unit * ((MAX_MARKDOWN - 20) // len(unit))


def median(action: Callable[[], object], runs: int) -> tuple[float, object]:
    """Run an action and return its median wall time and its last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(label: str, text: str, runs: int) -> None:
    """Print the validate and HTML times of one brief."""
    seconds, checked = median(lambda: validate_text(text, "big.yaml", today=TODAY), runs)
    assert isinstance(checked, Validated)
    html_seconds, html = median(lambda: render_html(checked, config=Config(), today=TODAY), runs)
    assert isinstance(html, str)
    items = len(checked.brief.positions)
    print(
        f"{label}: {len(text.encode()):,} bytes, {items:,} positions: validate {seconds:.2f} s, "
        f"HTML {html_seconds:.2f} s ({len(html):,} bytes), total {seconds + html_seconds:.2f} s"
    )


def main() -> None:
    """Print the figures."""
    runs = 3
    measure("typical 2 MiB brief (1 item in 4 formatted)", big_brief(ordinary, PROSE), runs)
    measure("2 MiB brief, every item formatted", big_brief(formatted, PROSE), runs)
    measure("hostile 2 MiB brief (fields at the limit)", big_brief(hostile, hostile(0)), 1)
    same = HEAD.format(bluf="  " + PROSE) + "".join(
        f"  - actor: us\n    stance: Stance {n} [@src]\n    cite: src\n" for n in range(14_600)
    )
    seconds, _ = median(lambda: validate_text(same, "ids.yaml", today=TODAY), runs)
    print(f"14,600 positions deriving one base id: validate {seconds:.2f} s")


if __name__ == "__main__":
    main()
