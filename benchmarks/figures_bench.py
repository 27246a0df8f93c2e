"""Print what the SVG figures (map, strength claims, likelihood scales, timeline) cost.

Usage: python benchmarks/figures_bench.py [--runs N] [--briefs N] [--pdf-only]

Measures CPU time of this process (steadier than wall time on a shared machine), as
medians of N runs of: drawing the Kursk brief's figures alone; its PDF with and without
figures (end to end, and one layout of each); an HTML-only site build (one process, no
search) of synthetic briefs with four places each, with and without figures; and the same for a
site built inside git from briefs whose strength changes in every revision (the worst
case for the across-revisions charts). "Without" swaps the figure steps for ones that
draw nothing, so the difference is what the figures add; the two are run alternately so
that changes in the machine's load hit both alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from site_bench import WORK, machine, write_briefs  # noqa: E402
from synthetic_repo import make_repo  # noqa: E402

import briefgen.render.context as context  # noqa: E402
import briefgen.site.history_pages as history_pages  # noqa: E402
from briefgen.config import Config  # noqa: E402
from briefgen.render.figures import Figures, brief_figures  # noqa: E402
from briefgen.render.pdf import allowed_roots, html_to_pdf, print_html, render_pdf  # noqa: E402
from briefgen.site import build_site  # noqa: E402
from briefgen.validate import load_brief  # noqa: E402

BRIEF = ROOT / "briefs" / "dprk-troops-kursk.yaml"
TODAY = dt.date(2025, 1, 15)


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """Run an action `runs` times (after one warm-up run) and return the median wall time."""
    action()
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def paired(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Time an action with and without figures, alternating, so load drifts hit both alike.

    Each run collects its own garbage (a laid-out PDF leaves many reference cycles), so
    neither side pays for the collection of the other's.
    """
    action()
    with_times, without_times = [], []
    for _ in range(runs):
        for times, swap in ((with_times, False), (without_times, True)):
            with without_figures() if swap else nullcontext():
                gc.collect()
                start = time.process_time()
                action()
                gc.collect()
                times.append(time.process_time() - start)
    return statistics.median(with_times), statistics.median(without_times)


@contextmanager
def without_figures() -> Iterator[None]:
    """Swap the figure steps (brief pages and history pages) for ones that draw nothing."""
    originals = context.brief_figures, history_pages.path_figures
    context.brief_figures = lambda *args, **kwargs: Figures()
    history_pages.path_figures = lambda *args, **kwargs: Figures()
    try:
        yield
    finally:
        context.brief_figures, history_pages.path_figures = originals


def add_places(paths: list[Path], seed: int = 11) -> None:
    """Give each synthetic brief four places and put its forces and events on them."""
    rng = random.Random(seed)
    for path in paths:
        data: dict[str, Any] = yaml.safe_load(path.read_text())
        lat, lon = rng.uniform(-50, 60), rng.uniform(-120, 150)
        data["places"] = {
            f"p{k}": {"name": f"Place {k}", "lat": round(lat + rng.uniform(-3, 3), 2),
                      "lon": round(lon + rng.uniform(-3, 3), 2), "kind": "city"}
            for k in range(4)
        }  # fmt: skip
        for k, item in enumerate(data["forces"] + data["events"]):
            item["place"] = f"p{k % 4}"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def row(name: str, with_figures: float, without: float) -> None:
    extra = (with_figures - without) / without * 100
    print(f"{name:<44} {with_figures:8.3f} s {without:8.3f} s {extra:+7.1f}%")


def main() -> None:
    """Measure and print the figures' cost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Runs per measurement [5].")
    parser.add_argument("--briefs", type=int, default=200, help="Briefs in the site [200].")
    parser.add_argument(
        "--revisions", type=int, default=5, help="Revisions of each brief in git [5]."
    )
    parser.add_argument(
        "--pdf-only", action="store_true", help="Measure only the figures and the PDF."
    )
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"medians of {args.runs} runs after a warm-up run")
    checked = load_brief(BRIEF, today=TODAY)
    config = Config()
    draw = median_seconds(lambda: brief_figures(checked.brief), args.runs * 4)
    print(f"{'draw the Kursk brief figures alone':<44} {draw * 1000:8.2f} ms")
    print(f"{'':<44} {'with':>10} {'without':>10} {'added':>8}")

    def pdf() -> bytes:
        return render_pdf(checked, config=config, today=TODAY)

    row("one-brief PDF (Kursk)", *paired(pdf, args.runs))
    # Without figures the brief is shorter, and its page count can call for another
    # contents-list decision; this row compares one layout of each, both with the list.
    base, roots = checked.path.resolve().parent, allowed_roots(checked, config)

    def one_layout() -> bytes:
        html = print_html(checked, config=config, today=TODAY, contents=True)
        return html_to_pdf(html, base=base, roots=roots)

    row("one-brief PDF (Kursk), one layout each", *paired(one_layout, args.runs))
    if args.pdf_only:
        return

    src = WORK / f"figures-{args.briefs}" / "briefs"
    out = WORK / f"figures-{args.briefs}" / "site"
    add_places(write_briefs(src, args.briefs))
    site_config = Config(title="Benchmark", base_url="https://example.org/")

    def site() -> Any:
        report = build_site(src, out, config=site_config, today=TODAY, formats=("html",),
                            clean=True, search=False, jobs=1)  # fmt: skip
        assert report.ok, (report.errors[:3], report.failures[:3])
        return report

    row(f"{args.briefs}-brief HTML site, one process", *paired(site, max(1, args.runs // 2)))

    repo = WORK / f"figures-git-{args.briefs}x{args.revisions}"
    if repo.exists():
        shutil.rmtree(repo)
    git_src = make_repo(repo, args.briefs, args.revisions)

    def git_site() -> Any:
        report = build_site(git_src, repo / "site", config=site_config, today=TODAY,
                            formats=("html",), clean=True, search=False, jobs=1)  # fmt: skip
        assert report.ok, (report.errors[:3], report.failures[:3])
        return report

    name = f"{args.briefs} x {args.revisions} revisions in git, HTML"
    row(name, *paired(git_site, max(1, args.runs // 2)))


if __name__ == "__main__":
    main()
