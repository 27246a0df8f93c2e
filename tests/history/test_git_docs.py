"""The pre-commit hook definition and docs/git.md stay in step with the commands."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefgen.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]


def test_pre_commit_hook_runs_validate_on_briefs_only() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["briefgen-validate"]
    assert (hook["entry"], hook["language"]) == ("briefgen validate", "python")
    assert hook["entry"].split()[1] in COMMANDS
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for path, checked in [
        ("briefs/dprk-troops-kursk.yaml", True),
        ("briefs/asia/taiwan.yml", True),
        ("briefs/actors.yaml", False),
        ("briefs/asia/actors.yaml", False),
        ("briefs/places.yaml", False),
        (".github/workflows/briefs.yml", False),
        ("README.md", False),
    ]:
        assert bool(files.search(path) and not exclude.search(path)) is checked, path
    assert hooks["briefgen-validate-all"]["pass_filenames"] is False


def test_docs_cover_the_commands_the_hook_and_ci() -> None:
    text = (ROOT / "docs" / "git.md").read_text()
    for needle in (
        "briefgen history",
        "briefgen diff",
        "--exit-code",
        "--format md",
        "id: briefgen-validate",
        "briefgen site",
        "fetch-depth: 0",
    ):
        assert needle in text, needle


def test_commands_have_help() -> None:
    for name in ("history", "diff"):
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.help
        assert all(p.help for p in command.params if hasattr(p, "help") and p.name != "brief")


def test_the_library_api_in_the_docs_imports() -> None:
    text = (ROOT / "docs" / "git.md").read_text()
    (block,) = re.findall(r"## Library API\n\n.*?```python\n(.*?)```", text, re.S)
    exec(compile(block, "docs/git.md", "exec"), {})  # every name it lists exists
