"""Print how long the brief commands take: start-up, validate, HTML-only and HTML+PDF builds.

Run: `.venv/bin/python benchmarks/render_bench.py [--runs N] [--pdf-only]`. Figures are
medians of N runs of the real command line (a fresh process each time, as a user would run
it), an in-process comparison of briefgen's PDF with WeasyPrint alone on the same print HTML,
and one of the two Markdown libraries the renderer could use.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "briefs" / "dprk-troops-kursk.yaml"


def machine() -> str:
    """Describe the machine the figures come from."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """Run an action `runs` times and return the median wall time."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli(*args: str) -> Callable[[], object]:
    """Return an action that runs briefgen in a fresh process."""
    command = [sys.executable, "-m", "briefgen", *args]
    return lambda: subprocess.run(command, check=True, capture_output=True)


def markdown_figures(runs: int) -> tuple[float, float]:
    """Time the markdown package and markdown-it-py over the brief's Markdown fields."""
    import markdown
    from markdown_it import MarkdownIt

    from briefgen.validate import load_brief

    brief = load_brief(BRIEF).brief
    # The Markdown fields: the BLUF and each item's prose.
    prose = ("text", "notes", "stance", "summary", "why", "resolution")
    fields = [getattr(item, name, None) for _, items in brief.sections() for item in items
              for name in prose]  # fmt: skip
    texts = [t for t in [brief.bluf, *fields] if t] * 20
    converter = markdown.Markdown(extensions=["extra", "sane_lists"])
    parser = MarkdownIt("commonmark").enable("table")

    def with_markdown() -> None:
        for text in texts:
            converter.reset()
            converter.convert(text)

    def with_markdown_it() -> None:
        for text in texts:
            parser.render(text)

    return median_seconds(with_markdown, runs), median_seconds(with_markdown_it, runs)


def cpu_seconds(action: Callable[[], object]) -> float:
    """Run an action once and return the CPU time it took, collecting its own garbage.

    A laid-out document leaves many reference cycles; without the collections, whichever
    action happens to run when the collector starts pays for the other's garbage.
    """
    gc.collect()
    start = time.process_time()
    action()
    gc.collect()
    return time.process_time() - start


def pdf_figures(runs: int) -> list[tuple[str, float, float, int]]:
    """Time briefgen's PDF per brief against WeasyPrint alone on the same print HTML.

    The WeasyPrint figure is one `HTML(...).write_pdf()` of the final print HTML, tagged
    PDF/UA-1 as briefgen writes it; briefgen's adds the template, the page count that
    decides the contents list, and another layout when one is needed (counted here). Both
    are CPU time of this process: WeasyPrint uses one core, and on a shared machine CPU time
    varies far less than wall time.
    """
    import logging

    import weasyprint

    from briefgen.config import Config
    from briefgen.render import pdf
    from briefgen.validate import load_brief

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    config = Config()
    layouts = 0
    layout = pdf.layout

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal layouts
        layouts += 1
        return layout(*args, **kwargs)

    figures = []
    for path in sorted((ROOT / "briefs").glob("*.yaml")):
        if path.name == "actors.yaml":
            continue
        checked = load_brief(path)
        html, _ = pdf.lay_out_brief(checked, config=config)
        base = str(path.parent) + "/"

        def weasy(html: str = html, base: str = base) -> bytes:
            document = weasyprint.HTML(string=html, base_url=base)
            data: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"x")
            return data

        def ours(checked: object = checked) -> bytes:
            return pdf.render_pdf(checked, config=config)  # type: ignore[arg-type]

        ours()  # warm the template and font caches, as a site build's workers are
        pdf.layout, layouts = counted, 0
        try:
            ours()
        finally:
            pdf.layout = layout
        # Alternate the two, so a busy machine slows both alike.
        pairs = [(cpu_seconds(ours), cpu_seconds(weasy)) for _ in range(runs)]
        figures.append(
            (
                path.stem,
                statistics.median(a for a, _ in pairs),
                statistics.median(b for _, b in pairs),
                layouts,
            )
        )
    return figures


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--pdf-only", action="store_true", help="Only compare the PDF with WeasyPrint alone."
    )
    args = parser.parse_args()
    runs = args.runs
    print(f"machine: {machine()}")
    if args.pdf_only:
        print_pdf_figures(runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rows = [
            ("briefgen --help (start-up)", median_seconds(cli("--help"), runs)),
            ("validate the example brief", median_seconds(cli("validate", str(BRIEF)), runs)),
            ("build HTML only", median_seconds(
                cli("build", str(BRIEF), "-o", str(out), "--format", "html", "--no-history"),
                runs)),
            ("build HTML + PDF", median_seconds(
                cli("build", str(BRIEF), "-o", str(out), "--format", "html,pdf", "--no-history"),
                runs)),
            ("build all four formats with git history", median_seconds(
                cli("build", str(BRIEF), "-o", str(out)), runs)),
        ]  # fmt: skip
    md_time, md_it_time = markdown_figures(runs)
    print(f"median of {runs} runs, each a fresh process\n")
    print(f"{'what':45} {'median':>9}")
    for name, seconds in rows:
        print(f"{name:45} {seconds * 1000:7.0f} ms")
    print()
    print_pdf_figures(runs)
    print(f"\nMarkdown, all fields x20: markdown {md_time * 1000:.1f} ms, "
          f"markdown-it-py {md_it_time * 1000:.1f} ms "
          f"(ratio {md_time / md_it_time:.2f})")  # fmt: skip


def print_pdf_figures(runs: int) -> None:
    """Print briefgen's PDF time per example brief against WeasyPrint's own."""
    print(f"PDF per brief, CPU time in process, median of {runs} alternating runs:")
    print("briefgen vs WeasyPrint alone on the same print HTML (target: ratio at most 1.3)")
    for name, ours, weasy, layouts in pdf_figures(runs):
        print(f"  {name:28} briefgen {ours * 1000:5.0f} ms, WeasyPrint {weasy * 1000:5.0f} ms"
              f" (ratio {ours / weasy:.2f}; layouts: {layouts})")  # fmt: skip


if __name__ == "__main__":
    main()
