"""Time an HTML site build of N briefs with R revisions each, inside git and outside it.

Usage: python benchmarks/site_history_bench.py [--briefs N] [--revisions R] [--small]

The repository is generated with one `git fast-import` (N x R commits in seconds). The
same briefs are copied to a folder outside git, and the script reports the time of a
clean HTML-only build (no search index), of a rebuild with no change and of a rebuild
after one new commit, inside git and outside it, with the number of git processes each
build starts and, for the rebuild after one commit, which ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_repo import brief_text, counting_git, make_repo

from briefgen.config import Config
from briefgen.site import BuildReport, build_site

TODAY = dt.date(2024, 12, 1)


def timed_build(
    src: Path, out: Path, config: Config, *, clean: bool
) -> tuple[float, list[str], BuildReport]:
    """Build the HTML site once; return seconds, the git commands run and the report."""
    with counting_git() as calls:
        start = time.perf_counter()
        report = build_site(
            src, out, config=config, today=TODAY, formats=("html",), search=False, clean=clean
        )
        seconds = time.perf_counter() - start
    if not report.ok:
        raise SystemExit(f"build failed: {report.errors[:3]} {report.failures[:3]}")
    # Each call is `git -C DIR -c core.quotePath=false COMMAND ...`.
    return seconds, [c[5] if len(c) > 5 else c[-1] for c in calls], report


def commit_one(src: Path, revisions: int) -> None:
    """Commit a new revision of the first brief."""
    (src / "brief-0000.yaml").write_text(brief_text(0, revisions + 1), encoding="utf-8")
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Bench Author",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench Author",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_AUTHOR_DATE": "2025-01-01T00:00:00+00:00",
        "GIT_COMMITTER_DATE": "2025-01-01T00:00:00+00:00",
    }
    root = src.parent
    subprocess.run(["git", "-C", str(root), "commit", "-qam", "One more"], check=True, env=env)


def main(argv: list[str] | None = None) -> int:
    """Generate the repo and the plain copy, time the builds and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--revisions", type=int, default=10)
    parser.add_argument("--small", action="store_true", help="60 briefs x 3 revisions")
    args = parser.parse_args(argv)
    briefs, revisions = (60, 3) if args.small else (args.briefs, args.revisions)
    config = Config(title="Benchmark", base_url="https://example.org/")
    with tempfile.TemporaryDirectory(prefix="briefgen-site-history-") as tmp:
        start = time.perf_counter()
        in_git = make_repo(Path(tmp) / "repo", briefs, revisions)
        plain = Path(tmp) / "plain" / "briefs"
        shutil.copytree(in_git, plain)
        print(f"repo: {briefs} briefs x {revisions} revisions = {briefs * revisions} commits")
        print(f"  generated in {time.perf_counter() - start:.2f} s")
        # Warm up (imports, worker processes) so both sides are timed alike.
        timed_build(plain, Path(tmp) / "warm-up", config, clean=True)
        rows = []
        for name, src in (("outside git", plain), ("inside git", in_git)):
            out = src.parent / "site"
            rows.append((name, "clean build", timed_build(src, out, config, clean=True)))
            rows.append((name, "no-change rebuild", timed_build(src, out, config, clean=False)))
            if src == in_git:
                commit_one(src, revisions)
                what = "rebuild after one commit"
            else:
                (src / "brief-0000.yaml").write_text(brief_text(0, revisions + 1), "utf-8")
                what = "rebuild after one edit"
            rows.append((name, what, timed_build(src, out, config, clean=False)))
        pages = sum(1 for _ in (in_git.parent / "site").glob("briefs/*/history.html"))
        print(f"history pages: {pages}")
        for name, what, (seconds, calls, report) in rows:
            print(
                f"{name:12} {what:26} {seconds:6.2f} s  {len(calls):2d} git call(s)  "
                f"{len(report.rendered):5d} file(s) written"
            )
            if what == "rebuild after one commit":
                print(f"  git: {' '.join(calls)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
