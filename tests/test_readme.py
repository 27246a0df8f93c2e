"""Every command line the README shows runs, on a copy of the example briefs, as it says.

Lines are taken from the README's shell code blocks, the `run:` steps of its CI recipe and
its inline `briefgen ...` commands; `make demo` runs the briefgen steps of the Makefile's
demo recipe. Lines that cannot run here are listed in SKIPPED with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent

SKIPPED = {
    "make test": "runs this very suite",
    "source .venv/bin/activate": "changes the calling shell; `briefgen --version` checks PATH",
    "briefgen serve": "serves until stopped; tests/site/test_site_serve.py runs it",
    "pip install briefgen": "needs the network",
    "sudo apt-get install -y fonts-noto-core fonts-noto-cjk": "needs root and the network",
}
# A line whose exit code is not 0, with the code the README promises for it.
EXIT_CODES: dict[str, int] = {}
# Words of the commands table that stand for the user's own values.
PLACEHOLDER = re.compile(r"\b[A-Z]{3,}\b|\.\.\.|\[")
ARTICLE = """\
Example Wire, 31 October 2024.

The defence ministry of North State said on Thursday that about 2,000 troops had moved to
the river crossing. "We are only holding an exercise," the minister told reporters.
"""


def shell_lines(text: str) -> list[str]:
    """Return the command lines of the shell code blocks, without their comments."""
    lines = []
    for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def ci_lines(text: str) -> list[str]:
    """Return the `run:` steps of the YAML code blocks."""
    return [
        run.strip()
        for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
        for run in re.findall(r"^\s*- run: (.+?)(?:\s+#.*)?$", block, re.MULTILINE)
    ]


def inline_lines(text: str) -> list[str]:
    """Return the complete `briefgen ...` commands written inline, placeholders left out."""
    found = re.findall(r"`(briefgen [^`\n]+)`", text)
    return [line for line in found if not PLACEHOLDER.search(line)]


def readme_lines() -> list[str]:
    return list(dict.fromkeys([*shell_lines(README), *ci_lines(README), *inline_lines(README)]))


def demo_steps() -> list[str]:
    """Return the briefgen steps of the Makefile's demo recipe."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    return [
        line.strip().replace("$(BIN)/", "")
        for line in recipe.splitlines()
        if line.strip().startswith("$(BIN)/briefgen ")
    ]


def test_the_readme_shows_commands_and_the_skip_list_is_current() -> None:
    lines = readme_lines()
    assert "briefgen --version" in lines and "make demo" in lines
    assert "briefgen validate --strict briefs" in lines
    for line in SKIPPED:
        assert line in lines, f"SKIPPED names {line!r}, which the README no longer shows"
    assert demo_steps() == [
        "briefgen validate briefs",
        "briefgen build briefs -o out",
        "briefgen site briefs -o out/site",
    ]


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a copy of the example briefs, the schema and an article."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "briefs", root / "briefs")
    shutil.copytree(ROOT / "schema", root / "schema")
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def run_line(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("line", [line for line in readme_lines() if line not in SKIPPED])
def test_a_readme_command_runs_and_exits_as_documented(line: str, copy: Path) -> None:
    steps = demo_steps() if line == "make demo" else [line]
    for step in steps:
        result = run_line(step, copy)
        assert result.returncode == EXIT_CODES.get(step, 0), (step, result.stderr[-2000:])
        assert "Traceback" not in result.stderr
        if line == "make demo":
            assert "STALE" not in result.stderr and "review_by" not in result.stderr, step
