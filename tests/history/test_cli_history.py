"""The history and diff commands: output formats, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli as run
from tests.conftest import run_on_a_terminal

from .conftest import KURSK, Workspace

BRIEF = "briefs/dprk-troops-kursk.yaml"


@pytest.fixture
def repo(kursk: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.chdir(kursk.root)
    return kursk


def test_history_text(repo: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["history", BRIEF]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].split()[:2] == ["r1", "2024-11-01"]
    assert lines[0].endswith("Ann Analyst  Add Kursk brief")
    assert lines[1].endswith("Bo Editor  Update troop numbers, add Blinken and Austin")
    repo.write(BRIEF, (KURSK / "r2.yaml").read_text())
    assert run(["history", BRIEF]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "      draft (uncommitted changes in the working tree)"
    )


def test_history_json_after_a_rename(repo: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("mv", BRIEF, "briefs/kursk.yaml")
    repo.commit("Rename")
    assert run(["history", "briefs/kursk.yaml", "--format", "json"]) == 0
    revisions = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in revisions] == [1, 2, 3, 4]
    assert [r["path"] for r in revisions] == [BRIEF] * 3 + ["briefs/kursk.yaml"]
    assert set(revisions[0]) == {"number", "commit", "short", "date", "author", "subject", "path"}
    assert revisions[0]["date"] == "2024-11-01T09:00:00+00:00"


def test_diff_default_is_previous_revision_against_working_tree(
    repo: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["diff", BRIEF]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Changes from revision 2 of 2024-11-02, ")
    assert " to working tree:\n" in out
    assert "  * question resolved: Will the United States announce new military aid" in out
    assert "\x1b[" not in out  # not a terminal: plain text


def test_diff_between_revisions_in_every_format(
    repo: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["diff", BRIEF, "--from", "r1", "--to", "2", "--color"]) == 0
    coloured = capsys.readouterr().out
    assert "\x1b[" in coloured
    assert "more than 3,000 -> about 10,000 (claimed by United States)" in coloured
    assert run(["diff", BRIEF, "--from", "HEAD~2", "--to", "HEAD~1", "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert "### Positions" in markdown
    assert "new position: Antony Blinken warns North Korea" in markdown
    assert run(["diff", BRIEF, "--from", "r1", "--to", "r2", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["changed"] is True
    assert len(payload["changes"]) == 12


def test_exit_code_flag(repo: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", BRIEF, "--exit-code"]) == 1
    assert run(["diff", BRIEF, "--from", "r3", "--exit-code"]) == 0
    assert "No changes from revision 3" in capsys.readouterr().out
    assert run(["diff", BRIEF, "--from", "r3"]) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", BRIEF, "--from", "r7"], "no revision 'r7' (revisions: r1 to r3)"),
        (["diff", BRIEF, "--to", "nope"], f"{BRIEF}: unknown revision 'nope'"),
        (["history", "elsewhere/brief.yaml"], "not inside a git repository"),
    ],
)
def test_errors_are_one_line_and_exit_1(
    repo: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(tmp_path if argv[0] == "history" else repo.root)
    assert run(argv) == 1
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_git_in_a_real_process(repo: Workspace, tmp_path: Path) -> None:
    empty = tmp_path / "no-git"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", "history", BRIEF],
        cwd=repo.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().endswith(
        "git is not installed or not on PATH; install git (https://git-scm.com) and retry"
    )
    assert len(done.stderr.strip().splitlines()) == 1


def test_diff_of_a_first_revision_needs_from(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.kursk(1)
    workspace.commit("Add")
    monkeypatch.chdir(workspace.root)
    assert run(["diff", BRIEF]) == 1
    assert "no earlier revision to compare with (1 revision(s) in git); pass --from REV" in (
        capsys.readouterr().err
    )
    workspace.write(BRIEF, (KURSK / "r2.yaml").read_text())
    assert run(["diff", BRIEF, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["to"] == "working tree"


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "briefs/missing.yaml"],
        ["history", "briefs/dprk-troops-kursks.yaml"],
    ],
)
def test_a_missing_brief_is_a_usage_error(
    repo: Workspace, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "Usage: briefgen" in err
    assert "Traceback" not in err


def test_history_of_a_deleted_brief_still_lists_its_revisions(
    repo: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo.root / BRIEF).unlink()
    assert run(["history", BRIEF]) == 0
    assert "Resolve aid question" in capsys.readouterr().out


def test_diff_json_ends_with_a_newline(repo: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", BRIEF, "--from", "r1", "--to", "r2", "--format", "json"]) == 0
    assert capsys.readouterr().out.endswith("}\n")


def diff_on_a_terminal(root: Path, *args: str, no_color: bool) -> str:
    """Run `briefgen diff` with its output on a pseudo-terminal and return what it printed."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = "1"
    argv = ["diff", BRIEF, "--from", "r1", "--to", "r2", *args]
    code, text = run_on_a_terminal(argv, cwd=root, env=env)
    assert code == 0, text
    return text


def test_diff_colours_on_a_terminal_unless_no_color_is_set(repo: Workspace) -> None:
    assert "\x1b[" in diff_on_a_terminal(repo.root, no_color=False)
    assert "\x1b[" not in diff_on_a_terminal(repo.root, no_color=True)
    assert "\x1b[" not in diff_on_a_terminal(repo.root, "--no-color", no_color=False)
    assert "\x1b[" in diff_on_a_terminal(repo.root, "--color", no_color=True)
