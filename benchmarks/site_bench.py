"""Benchmark `briefgen site` on synthetic briefs, against Hugo on the same content.

Usage: python benchmarks/site_bench.py [--small] [--briefs N] [--pdf-briefs N] [--repeat R]

Reports medians of: full HTML-only build, no-change rebuild, one-brief-changed rebuild,
full build with PDFs with 1 and 2 workers, peak memory, and Hugo's time on the same briefs
written as Markdown pages. Work files go to benchmarks/_work/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.config import Config  # noqa: E402
from briefgen.site import build_site  # noqa: E402

WORK = ROOT / "benchmarks" / "_work"
TODAY = dt.date(2025, 1, 15)
STATES = [
    "russia", "ukraine", "china", "united-states", "north-korea", "south-korea", "iran",
    "israel", "turkey", "india", "pakistan", "japan", "france", "germany", "united-kingdom",
    "poland", "belarus", "syria", "saudi-arabia", "egypt",
]  # fmt: skip
GROUPS = ["wagner", "houthis", "hezbollah", "hamas", "isis", "rsf", "m23", "al-shabaab"]
TOPICS = [
    "russia-ukraine-war", "red-sea", "korean-peninsula", "taiwan-strait", "sahel", "syria",
    "gaza", "iran-nuclear", "arctic", "cyber", "energy", "migration", "sanctions", "baltic",
    "south-china-sea",
]  # fmt: skip
WORDS = [
    "forces", "troops", "border", "region", "officials", "said", "statement", "ministry",
    "defence", "artillery", "drones", "supply", "convoy", "ceasefire", "talks", "sanctions",
    "shipping", "port", "attack", "missile", "air", "reinforcements", "withdrawal", "offensive",
    "positions", "village", "city", "corridor", "aid", "envoy", "summit", "pressure",
    "escalation", "deterrence", "exercise", "patrol", "vessel", "strait", "airspace", "incursion",
]  # fmt: skip
POSITION_TYPES = ["statement", "warning", "assessment", "prediction", "commitment", "appeal"]
LIKELIHOODS = ["very unlikely", "unlikely", "roughly even chance", "likely", "very likely"]


def sentence(rng: random.Random, n: int = 14) -> str:
    """Return a plausible-looking sentence of n words."""
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def shared_actors() -> dict[str, Any]:
    """Return the actors.yaml content: states, armed groups and two people per state."""
    actors: dict[str, Any] = {}
    for state in STATES:
        actors[state] = {"name": state.replace("-", " ").title(), "kind": "state"}
        for role in ("minister", "spokesperson"):
            actors[f"{state}-{role}"] = {
                "name": f"{state.replace('-', ' ').title()} {role}",
                "kind": "person",
                "role": role.capitalize(),
                "affiliation": state,
            }
    for group in GROUPS:
        actors[group] = {"name": group.upper(), "kind": "armed_group"}
    return actors


def make_brief(i: int, rng: random.Random) -> dict[str, Any]:
    """Return one synthetic brief with 12 forces, 12 positions and 10 open questions."""
    as_of = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700))
    states = rng.sample(STATES, 5)
    speakers = [f"{s}-{r}" for s in states for r in ("minister", "spokesperson")] + states
    sources = {f"s{k}": {"title": sentence(rng, 8), "publisher": "Wire", "type": "news",
                         "url": f"https://example.org/{i}/{k}", "reliability": "B",
                         "credibility": 2} for k in range(6)}  # fmt: skip
    keys = list(sources)
    forces = [
        {
            "id": f"force-{k}",
            "actor": rng.choice([*states, *GROUPS]),
            "location": f"Sector {rng.randrange(40)}",
            "strength": f"about {rng.randrange(1, 90) * 100} troops",
            "claimed_by": rng.choice(states),
            "as_of": as_of.isoformat(),
            "status": sentence(rng, 8),
            "cite": rng.choice(keys),
        }
        for k in range(12)
    ]
    positions = [
        {
            "id": f"pos-{k}",
            "actor": rng.choice(speakers),
            "type": rng.choice(POSITION_TYPES),
            "stance": sentence(rng, 20),
            "date": (as_of - dt.timedelta(days=rng.randrange(10))).isoformat(),
            "cite": rng.choice(keys),
        }
        for k in range(12)
    ]
    questions = [
        {
            "id": f"q-{k}",
            "question": sentence(rng, 10)[:-1] + "?",
            "why": sentence(rng, 18),
            "outlook": {"likelihood": rng.choice(LIKELIHOODS), "confidence": "moderate"},
            "indicators": [
                {"text": sentence(rng, 9), "signals": rng.choice(["toward", "against"])}
                for _ in range(3)
            ],
        }
        for k in range(10)
    ]
    return {
        "schema": 1,
        "id": f"brief-{i:05d}",
        "title": f"Brief {i}: " + sentence(rng, 7)[:-1],
        "as_of": as_of.isoformat(),
        "review_by": (as_of + dt.timedelta(days=rng.randrange(30, 600))).isoformat(),
        "topics": rng.sample(TOPICS, 3),
        "bluf": " ".join(sentence(rng, 22) for _ in range(3)) + " [@s0]",
        "key_judgments": [
            {
                "text": sentence(rng, 16),
                "likelihood": rng.choice(LIKELIHOODS),
                "confidence": "low",
                "cite": keys[k],
            }
            for k in range(1, 4)
        ],
        "forces": forces,
        "positions": positions,
        "events": [
            {
                "date": (as_of - dt.timedelta(days=k)).isoformat(),
                "summary": sentence(rng, 15),
                "actors": rng.sample(states, 2),
                "cite": keys[k],
            }
            for k in range(4, 6)
        ],
        "open_questions": questions,
        "sources": sources,
    }


def write_briefs(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write n synthetic briefs and actors.yaml into a fresh folder."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "actors.yaml").write_text(yaml.safe_dump(shared_actors(), sort_keys=False))
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        path = folder / f"brief-{i:05d}.yaml"
        path.write_text(yaml.safe_dump(make_brief(i, rng), sort_keys=False, allow_unicode=True))
        paths.append(path)
    return paths


HUGO_LAYOUT = {
    "layouts/_default/baseof.html": (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
        '</head><body><nav><a href="{{ relURL "" }}">Briefs</a> '
        '<a href="{{ relURL "topics/" }}">Topics</a></nav><main>{{ block "main" . }}{{ end }}'
        "</main></body></html>"
    ),
    "layouts/_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}'
        '</p>{{ range .Params.topics }}<a href="{{ relURL (printf "topics/%s/" (urlize .)) }}">'
        "{{ . }}</a> {{ end }}{{ .Content }}</article>{{ end }}"
    ),
    "layouts/_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Pages.ByDate.Reverse }}<article>'
        '<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p>'
        "</article>{{ end }}{{ end }}"
    ),
    "layouts/index.html": (
        '{{ define "main" }}<h1>Briefs</h1>{{ range (where .Site.RegularPages "Section" '
        '"briefs").ByDate.Reverse }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}'
        "</a></h2><p>{{ .Summary }}</p></article>{{ end }}{{ end }}"
    ),
}


def write_hugo_site(folder: Path, briefs: Path) -> None:
    """Write the briefs as Markdown pages of a minimal Hugo site with a topics taxonomy."""
    from briefgen.render.markdown_out import render_markdown
    from briefgen.validate import check_paths

    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content" / "briefs").mkdir(parents=True)
    (folder / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Briefs"\nrelativeURLs = true\n'
        'disableKinds = ["RSS"]\n[taxonomies]\ntopic = "topics"\n'
    )
    for name, text in HUGO_LAYOUT.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    config = Config()
    for checked in check_paths([briefs], config=config, today=TODAY).briefs:
        brief = checked.brief
        body = render_markdown(checked, config=config, today=TODAY)
        front = yaml.safe_dump(
            {"title": brief.title, "date": brief.as_of.isoformat(), "topics": list(brief.topics)}
        )
        (folder / "content" / "briefs" / f"{brief.id}.md").write_text(f"---\n{front}---\n{body}")


def pagefind_binary() -> str:
    """Return the pagefind binary that briefgen uses."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SystemExit("pagefind is not installed; pip install 'pagefind[bin]'")
    return str(binary)


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    """Run func and return its wall time and result."""
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def median_of(repeat: int, func: Callable[[], Any]) -> tuple[float, list[float], Any]:
    """Run func `repeat` times; return the median time, all times and the last result."""
    times, result = [], None
    for _ in range(repeat):
        seconds, result = timed(func)
        times.append(seconds)
    return statistics.median(times), times, result


def machine() -> str:
    """Describe the machine: CPU model and core count."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, nproc={os.cpu_count()}, Python {platform.python_version()}, {sys.platform}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="Quick run: 60 briefs, 6 PDFs.")
    parser.add_argument("--briefs", type=int, default=None, help="Briefs for HTML builds [1000].")
    parser.add_argument("--pdf-briefs", type=int, default=None, help="Briefs for PDFs [100].")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per measurement [3].")
    parser.add_argument("--no-pdf", action="store_true", help="Skip the PDF measurements.")
    parser.add_argument("--no-hugo", action="store_true", help="Skip the Hugo comparison.")
    args = parser.parse_args()
    n = args.briefs or (60 if args.small else 1000)
    n_pdf = args.pdf_briefs or (6 if args.small else 100)
    repeat = args.repeat

    print(f"machine: {machine()}")
    print(f"briefs: {n} for HTML builds, {n_pdf} for PDF builds; medians of {repeat} runs")
    config = Config(title="Benchmark", base_url="https://example.org/")
    rows: list[tuple[str, float, str]] = []

    src = WORK / f"briefs-{n}" / "briefs"
    paths = write_briefs(src, n)
    out = WORK / f"briefs-{n}" / "site"

    def full() -> Any:
        return build_site(src, out, config=config, today=TODAY, formats=("html",), clean=True)

    def again() -> Any:
        return build_site(src, out, config=config, today=TODAY, formats=("html",))

    def full_no_search() -> Any:
        return build_site(
            src, out, config=config, today=TODAY, formats=("html",), clean=True, search=False
        )

    # Full builds, ours and Hugo's, rebuild into the output folder of the run before, as
    # people rebuild a site; briefgen leaves files that come out the same untouched.
    seconds, times, report = median_of(repeat, full_no_search)
    assert report.ok, (report.errors[:3], report.failures[:3])
    rows.append((f"full build, HTML only, no search index, {n} briefs", seconds, _fmt(times)))
    seconds, times, report = median_of(repeat, full)
    assert report.ok, (report.errors[:3], report.failures[:3])
    pages = len(report.rendered)
    rows.insert(0, (f"full build, HTML only, {n} briefs ({pages} files)", seconds, _fmt(times)))
    stages = ", ".join(f"{k} {v:.2f}" for k, v in report.seconds.items() if k != "total")
    # As Hugo is timed: a new process, with its start-up, printing and exit.
    (src.parent / "briefgen.toml").write_text(
        f'title = "{config.title}"\nbase_url = "{config.base_url}"\n', encoding="utf-8"
    )
    command = [sys.executable, "-m", "briefgen", "site", str(src), "-o", str(out)]
    epoch = str(int(dt.datetime.combine(TODAY, dt.time(12), dt.UTC).timestamp()))

    def full_cli() -> Any:
        return subprocess.run(
            [*command, "--formats", "html", "--clean"],
            capture_output=True,
            check=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        )

    cli_seconds, times, _ = median_of(repeat, full_cli)
    rows.insert(1, ("full build, command line (new process)", cli_seconds, _fmt(times)))
    seconds, times, report = median_of(repeat, again)
    assert report.rendered == [], report.rendered[:5]
    rows.append(("no-change rebuild", seconds, _fmt(times)))

    changed_times = []
    for k in range(repeat):
        text = paths[0].read_text()
        paths[0].write_text(text.replace("bluf: ", f"bluf: Update {k}. ", 1))
        seconds, report = timed(again)
        changed_times.append(seconds)
    rows.append(
        (
            f"one brief changed ({len(report.rendered)} files re-rendered)",
            statistics.median(changed_times),
            _fmt(changed_times),
        )
    )

    # What serve does: the pages first, then PDFs and the search index in a second build.
    def pages_first() -> Any:
        return build_site(src, out, config=config, today=TODAY, formats=("html",), pages_only=True)

    first_times, rest_times = [], []
    for k in range(repeat):
        text = paths[0].read_text()
        paths[0].write_text(text.replace("bluf: ", f"bluf: Serve {k}. ", 1))
        first_times.append(timed(pages_first)[0])
        rest_times.append(timed(again)[0])
    for label, times in (("its page back", first_times), ("then its search shard", rest_times)):
        rows.append((f"one brief changed, serve: {label}", statistics.median(times), _fmt(times)))
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    hugo_seconds = hugo_search_seconds = None
    if not args.no_hugo:
        hugo = shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")
        hugo_dir = WORK / f"hugo-{n}"
        write_hugo_site(hugo_dir, src)

        def run_hugo() -> Any:
            return subprocess.run(
                [hugo, "--quiet", "-s", str(hugo_dir), "-d", str(hugo_dir / "public")],
                check=True,
                capture_output=True,
            )

        hugo_seconds, times, _ = median_of(repeat, run_hugo)
        rows.append((f"Hugo full build, {n} Markdown pages", hugo_seconds, _fmt(times)))

        def run_hugo_with_search() -> Any:
            run_hugo()
            # The usual way to add search to a Hugo site: pagefind over its output, here
            # over the brief pages only, as briefgen indexes them.
            site = str(hugo_dir / "public")
            return subprocess.run(
                [pagefind_binary(), "--site", site, "--glob", "briefs/*/index.html", "--silent"],
                check=True,
                capture_output=True,
            )

        hugo_search_seconds, times, _ = median_of(repeat, run_hugo_with_search)
        rows.append((f"Hugo + pagefind search index, {n} pages", hugo_search_seconds, _fmt(times)))

    pdf_rows: dict[int, float] = {}
    if not args.no_pdf:
        pdf_src = WORK / f"pdf-{n_pdf}" / "briefs"
        write_briefs(pdf_src, n_pdf, seed=11)
        pdf_out = WORK / f"pdf-{n_pdf}" / "site"
        for workers in (1, 2):

            def with_pdfs(workers: int = workers) -> Any:
                return build_site(
                    pdf_src, pdf_out, config=config, today=TODAY, jobs=workers, clean=True
                )

            # PDF builds are long; one run each unless asked for more.
            seconds, times, report = median_of(max(1, repeat // 3), with_pdfs)
            assert not report.failures, report.failures[:3]
            pdf_rows[workers] = seconds
            rows.append((f"full build with PDFs, {n_pdf} briefs, {workers} worker(s)",
                         seconds, _fmt(times)))  # fmt: skip
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    width = max(len(r[0]) for r in rows)
    print()
    print(f"{'measurement'.ljust(width)}  median s  runs")
    for label, seconds, runs in rows:
        print(f"{label.ljust(width)}  {seconds:8.3f}  {runs}")
    print()
    print(f"full build stages (last run, s): {stages}")
    print(
        f"peak memory: builder {peak_self:.0f} MiB; largest child (worker, pagefind or the "
        f"command-line build) {peak_children:.0f} MiB"
    )
    full_html, no_search = rows[0][1], rows[2][1]
    if hugo_seconds:
        ratio = full_html / hugo_seconds
        verdict = "within" if ratio <= 3 else "OVER"
        print(f"briefgen/Hugo full-build ratio: {ratio:.2f} ({verdict} the 3x target)")
        print(f"briefgen/Hugo, both as a command: {cli_seconds / hugo_seconds:.2f}")
        bare = no_search / hugo_seconds
        print(f"briefgen/Hugo ratio, neither building a search index: {bare:.2f}")
    if hugo_search_seconds:
        both = full_html / hugo_search_seconds
        print(f"briefgen/(Hugo + pagefind) ratio, both with a search index: {both:.2f}")
    no_change = next(r[1] for r in rows if r[0] == "no-change rebuild")
    print(f"no-change rebuild: {no_change:.3f} s ({'under' if no_change < 1 else 'OVER'} 1 s)")
    back = statistics.median(first_times)
    print(f"serve, changed brief's page back: {back:.3f} s ({'under' if back < 1 else 'OVER'} 1 s)")
    if len(pdf_rows) == 2:
        speedup = pdf_rows[1] / pdf_rows[2]
        print(f"PDF speed-up with 2 workers: {speedup:.2f}x (linear would be 2.00x)")


def _fmt(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times)


if __name__ == "__main__":
    main()
