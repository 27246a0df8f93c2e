"""Generated git repositories of briefs for the history benchmarks (and their tests).

One `git fast-import` builds N briefs x R revisions, so 10,000 commits take seconds.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


def brief_text(index: int, revision: int, *, marker: str = "") -> str:
    """Return revision R of generated brief I: its troop count grows, a question resolves."""
    resolved = revision > 2 and index % 3 == 0
    question = "    status: resolved\n    resolution: Yes, it was confirmed.\n" if resolved else ""
    extra = f"  - actor: russia\n    location: {marker}\n    cite: wire\n" if marker else ""
    return f"""\
schema: 1
id: brief-{index:04d}
title: Generated brief {index}
as_of: 2024-{1 + revision % 12:02d}-01
topics: [topic-{index % 7}]
marking: {"TLP:AMBER" if marker else "TLP:CLEAR"}
bluf: Revision {revision} of a generated brief [@wire].
forces:
  - id: force-{index}
    actor: north-korea
    aligned_with: russia
    location: Region {index}
    strength: about {1000 * revision + index:,} troops
    claimed_by: united-states
    cite: wire
{extra}open_questions:
  - id: q-{index}
    question: Will brief {index} be confirmed?
{question}sources:
  wire:
    title: Generated wire report {revision}
"""


def make_repo(
    root: Path, briefs: int, revisions: int, make_text: Callable[[int, int], str] | None = None
) -> Path:
    """Create a repo at root with briefs x revisions commits; return its briefs folder."""
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    stream = b"".join(_fast_import(briefs, revisions, make_text or brief_text))
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=stream, check=True, env=env
    )
    subprocess.run(["git", "-C", str(root), "reset", "-q", "--hard", "main"], check=True, env=env)
    return root / "briefs"


def _fast_import(
    briefs: int, revisions: int, make_text: Callable[[int, int], str]
) -> Iterator[bytes]:
    """Yield a fast-import stream: one commit per brief per revision, a minute apart."""
    stamp = 1_700_000_000
    for revision in range(1, revisions + 1):
        for index in range(briefs):
            stamp += 60
            files = [(f"briefs/brief-{index:04d}.yaml", make_text(index, revision))]
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
    """Count the git processes started in this process while the block runs."""
    started: list[list[str]] = []
    real_run = subprocess.run

    def run(args: Any, *rest: Any, **kwargs: Any) -> Any:
        if isinstance(args, list | tuple) and args and str(args[0]).endswith("git"):
            started.append([str(a) for a in args])
        return real_run(args, *rest, **kwargs)

    subprocess.run = run  # type: ignore[assignment]
    try:
        yield started
    finally:
        subprocess.run = real_run  # type: ignore[assignment]
