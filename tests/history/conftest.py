"""Real git repositories in temp folders, with fixed authors and dates."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

KURSK = Path(__file__).parent / "kursk"
GIT = shutil.which("git") or "git"


class Workspace:
    """A git working tree that tests write files into and commit, at fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.day = 0
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str | None = None) -> str:
        """Run git in the working tree and return its output."""
        env = dict(os.environ)
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        done = subprocess.run(
            [GIT, "-C", str(self.root), *args], capture_output=True, text=True, env=env, check=True
        )
        return done.stdout

    def write(self, relpath: str, text: str) -> Path:
        """Write a file in the working tree."""
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str, *paths: str, author: str = "Ann Analyst") -> str:
        """Stage paths (all changes when none) and commit on the next day; return the hash."""
        self.git("add", "--all", *(["--", *paths] if paths else []))
        self.day += 1
        date = f"2024-11-{self.day:02d}T09:00:00+00:00"
        self.git(
            "-c",
            f"user.name={author}",
            "-c",
            "user.email=analyst@example.org",
            "commit",
            "-q",
            "-m",
            message,
            f"--author={author} <analyst@example.org>",
            date=date,
        )
        return self.git("rev-parse", "HEAD").strip()

    def kursk(self, revision: int, relpath: str = "briefs/dprk-troops-kursk.yaml") -> Path:
        """Write revision N of the Kursk example brief (and its actors.yaml beside it)."""
        self.write(str(Path(relpath).parent / "actors.yaml"), (KURSK / "actors.yaml").read_text())
        return self.write(relpath, (KURSK / f"r{revision}.yaml").read_text())


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's git config and identity out of the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ann Analyst")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "analyst@example.org")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """Return an empty git working tree."""
    root = tmp_path / "repo"
    root.mkdir()
    return Workspace(root)


@pytest.fixture
def kursk(workspace: Workspace) -> Iterator[Workspace]:
    """Return a working tree holding three committed revisions of the Kursk brief."""
    workspace.kursk(1)
    workspace.commit("Add Kursk brief")
    workspace.kursk(2)
    workspace.commit("Update troop numbers, add Blinken and Austin", author="Bo Editor")
    workspace.kursk(3)
    workspace.commit("Resolve aid question")
    yield workspace


@pytest.fixture
def git_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a git wrapper first on PATH that logs every call; return the log file."""
    shim = tmp_path / "shim"
    shim.mkdir()
    log = tmp_path / "git-calls.log"
    log.touch()
    script = shim / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{GIT}" "$@"\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    return log


def git_calls(log: Path) -> list[str]:
    """Return the git calls logged by the `git_log` wrapper, one per call."""
    # Split on newlines only: log formats hold the RS control character.
    return [line for line in log.read_text().split("\n") if line]
