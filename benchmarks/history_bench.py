"""Time the whole-folder history read on a generated repo of N briefs with R revisions each.

Usage: python benchmarks/history_bench.py [--briefs N] [--revisions R] [--small]

The repository is generated with one `git fast-import`, so building 10,000 commits takes
seconds; the script then times `history_of_folder` and a batched read of every brief's
previous revision and `revision_infos` (every brief validated and diffed against its
previous revision), and counts the git processes each starts.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from briefgen.enrich import git
from briefgen.enrich.history import history_of_folder, revision_info, revision_infos

ACTORS = """\
north-korea:
  name: North Korea
  kind: state
russia:
  name: Russia
  kind: state
united-states:
  name: United States
  kind: state
"""


def brief_text(index: int, revision: int) -> str:
    """Return revision R of generated brief I: a valid brief whose troop count grows."""
    return f"""\
schema: 1
id: brief-{index:04d}
title: Generated brief {index}
as_of: 2024-{1 + revision % 12:02d}-01
bluf: Revision {revision} of a generated brief [@wire].
forces:
  - id: force-{index}
    actor: north-korea
    aligned_with: russia
    location: Region {index}
    strength: about {1000 * revision + index:,} troops
    claimed_by: united-states
    cite: wire
sources:
  wire:
    title: Generated wire report {revision}
"""


def make_repo(root: Path, briefs: int, revisions: int) -> Path:
    """Create a repo at root with briefs x revisions commits; return its briefs folder."""
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    stream = b"".join(_fast_import(briefs, revisions))
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=stream, check=True, env=env
    )
    subprocess.run(["git", "-C", str(root), "reset", "-q", "--hard", "main"], check=True, env=env)
    return root / "briefs"


def _fast_import(briefs: int, revisions: int) -> Iterator[bytes]:
    """Yield a fast-import stream: one commit per brief per revision, a day apart."""
    stamp = 1_700_000_000
    for revision in range(1, revisions + 1):
        for index in range(briefs):
            stamp += 60
            files = [(f"briefs/brief-{index:04d}.yaml", brief_text(index, revision))]
            if revision == 1 and index == 0:
                files.append(("briefs/actors.yaml", ACTORS))
            message = f"Revise brief {index} (r{revision})\n".encode()
            who = f"Bench Author <bench@example.org> {stamp} +0000\n".encode()
            yield b"commit refs/heads/main\n"
            yield b"author " + who + b"committer " + who
            yield b"data %d\n%s" % (len(message), message)
            for path, text in files:
                data = text.encode()
                yield f"M 100644 inline {path}\n".encode()
                yield b"data %d\n%s\n" % (len(data), data)


@contextmanager
def counting_git() -> Iterator[list[list[str]]]:
    """Count the git processes briefgen starts while the block runs."""
    started: list[list[str]] = []
    real_run = subprocess.run

    def run(args: Any, *rest: Any, **kwargs: Any) -> Any:
        started.append(list(args))
        return real_run(args, *rest, **kwargs)

    subprocess.run = run
    try:
        yield started
    finally:
        subprocess.run = real_run


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
        with counting_git() as calls:
            start = time.perf_counter()
            infos = revision_infos(folder)
            elapsed = time.perf_counter() - start
        changes = sum(len(info.changes) for info in infos.values())
        print(f"revision_infos (validate and diff every brief): {len(infos)} briefs")
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
