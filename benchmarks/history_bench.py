"""Time the whole-folder history read on a generated repo of N briefs with R revisions each.

Usage: python benchmarks/history_bench.py [--briefs N] [--revisions R] [--small]

The repository is generated with one `git fast-import`, so building 10,000 commits takes
seconds; the script then times `history_of_folder` and a batched read of every brief's
previous revision and the website's `read_history` (every brief's revisions validated
and diffed), and counts the git processes each starts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_repo import brief_text as brief_text  # used by tests/history
from synthetic_repo import counting_git, make_repo

from briefgen.config import Config
from briefgen.history import git
from briefgen.history.revisions import history_of_folder, revision_info
from briefgen.site.history import find_git_head, read_history
from briefgen.validate import find_briefs, load_brief


def main(argv: list[str] | None = None) -> int:
    """Build the repo, time the bulk reads and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--revisions", type=int, default=10)
    parser.add_argument("--small", action="store_true", help="30 briefs x 3 revisions")
    args = parser.parse_args(argv)
    briefs, revisions = (30, 3) if args.small else (args.briefs, args.revisions)
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
        start = time.perf_counter()
        folder = make_repo(Path(tmp) / "repo", briefs, revisions)
        built = time.perf_counter() - start
        print(f"repo: {briefs} briefs x {revisions} revisions = {briefs * revisions} commits")
        print(f"  generated in {built:.2f} s")
        with counting_git() as calls:
            start = time.perf_counter()
            history = history_of_folder(folder)
            elapsed = time.perf_counter() - start
        counted = sum(len(v) for v in history.values())
        print(f"history_of_folder: {len(history)} files, {counted} revisions")
        print(f"  {elapsed:.2f} s, {len(calls)} git call(s)")
        repo = git.find_repo(folder)
        specs = [f"{revs[-2].commit}:{revs[-2].path}" for revs in history.values() if len(revs) > 1]
        with counting_git() as calls:
            start = time.perf_counter()
            blobs = git.read_blobs(repo, specs)
            elapsed = time.perf_counter() - start
        print(f"read_blobs (previous revision of every brief): {len(blobs)} blobs")
        print(f"  {elapsed:.2f} s, {len(calls)} git call(s)")
        briefs = [(load_brief(p), p.name) for p in find_briefs([folder.resolve()])]
        with counting_git() as calls:
            start = time.perf_counter()
            histories = read_history(find_git_head(folder), briefs, config=Config())
            elapsed = time.perf_counter() - start
        changes = sum(len(e.changes) for h in histories.values() for e in h.entries)
        print(f"read_history (validate and diff every revision): {len(histories)} briefs")
        print(f"  {elapsed:.2f} s, {len(calls)} git call(s), {changes} changes")
        one = folder / "brief-0000.yaml"
        with counting_git() as calls:
            start = time.perf_counter()
            revision_info(one)
            elapsed = time.perf_counter() - start
        print(f"revision_info (one brief, as `briefgen build` does): {len(calls)} git call(s)")
        print(f"  {elapsed:.2f} s (git log --follow walks the whole history)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
