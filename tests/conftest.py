"""Shared fixtures: the example briefs, a fixed date, golden-file comparison."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefgen.config import Config
from briefgen.validate import Validated, load_brief

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = ROOT / "briefs"
KURSK = BRIEFS / "dprk-troops-kursk.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2024, 11, 1)


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the site build caches (in the user's cache folder) inside the test run."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite golden files from current output."
    )


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def kursk() -> Validated:
    return load_brief(KURSK, today=TODAY)


@pytest.fixture
def brief_dir(tmp_path: Path) -> Path:
    """A copy of the example briefs folder to edit freely."""
    target = tmp_path / "briefs"
    shutil.copytree(BRIEFS, target)
    return target


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            path.write_text(actual, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} was missing and has been written; rerun")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{name} differs; rerun with --update-golden if intended"

    return check


def write(folder: Path, name: str, text: str) -> Path:
    """Write a file in a folder and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
schema: 1
title: Minimal brief
as_of: 2024-10-31
bluf: Something happened [@src].
sources:
  src:
    title: A source
"""
# MINIMAL with one extracted event that no analyst has reviewed yet.
MINIMAL_UNREVIEWED = MINIMAL.replace(
    "sources:",
    "events:\n  - date: 2024-10\n    summary: Draft event.\n    cite: src\n"
    "    unreviewed: true\n"
    "    extracted: {source: src, sentence: Draft event., span: [0, 12]}\n"
    "sources:",
)


def shutil_which(name: str) -> str | None:
    return shutil.which(name)


def run_on_a_terminal(
    args: list[str], *, cwd: Path, env: dict[str, str], stream: str = "stdout"
) -> tuple[int, str]:
    """Run `briefgen ARGS` with stdout (or stderr) on a pseudo-terminal; return code and text."""
    import pty

    leader, follower = pty.openpty()
    other = {"stdout": subprocess.DEVNULL} if stream == "stderr" else {"stderr": subprocess.DEVNULL}
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env, **{stream: follower}, **other
    )
    os.close(follower)
    seen = b""
    while True:  # read as it comes, so a full terminal buffer never stalls the command
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # Linux reports the closed far side as EIO
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return proc.wait(timeout=300), seen.decode("utf-8", "replace")


def run_cli(argv: list[str]) -> int:
    """Run the command line in-process and return its exit code."""
    from briefgen.cli import main

    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
