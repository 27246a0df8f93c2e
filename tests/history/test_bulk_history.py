"""Whole-folder history for a website: a constant number of git calls, same answers."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from briefgen.config import Config
from briefgen.history import git
from briefgen.history.revisions import history_of_folder, list_revisions, revision_info
from briefgen.site.history import find_git_head, read_history
from briefgen.validate import find_briefs, load_brief

from .conftest import GIT, git_calls

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "history_bench.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("history_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Return the briefs folder of a repo with 30 briefs x 3 revisions (90 commits)."""
    folder: Path = load_bench().make_repo(tmp_path / "many", 30, 3)
    root = folder.parent

    def git_run(*args: str) -> None:
        subprocess.run([GIT, "-C", str(root), *args], check=True, capture_output=True)

    git_run("mv", "briefs/brief-0007.yaml", "briefs/renamed-0007.yaml")
    git_run("rm", "-q", "briefs/brief-0008.yaml")
    git_run("commit", "-q", "-m", "Rename one brief, retire another")
    return folder


def test_bulk_history_takes_two_git_calls(many: Path, git_log: Path) -> None:
    history = history_of_folder(many)
    calls = git_calls(git_log)
    assert len(calls) == 2, calls
    briefs = {p.name: revs for p, revs in history.items() if p.name != "actors.yaml"}
    assert len(briefs) == 29
    assert "brief-0008.yaml" not in briefs
    renamed = briefs.pop("renamed-0007.yaml")
    assert all([r.number for r in revs] == [1, 2, 3] for revs in briefs.values())
    # The rename is a revision of its own, as with `git log --follow`.
    assert [r.path for r in renamed] == ["briefs/brief-0007.yaml"] * 3 + [
        "briefs/renamed-0007.yaml"
    ]


def test_bulk_history_matches_per_brief_history(many: Path) -> None:
    history = history_of_folder(many)
    for name in ("brief-0000.yaml", "brief-0029.yaml", "renamed-0007.yaml", "actors.yaml"):
        assert history[many / name] == list_revisions(many / name)


def test_reading_every_previous_revision_takes_one_call(many: Path, git_log: Path) -> None:
    history = history_of_folder(many)
    repo = git.find_repo(many)
    before = len(git_calls(git_log))
    specs = [f"{revs[-2].commit}:{revs[-2].path}" for revs in history.values() if len(revs) > 1]
    blobs = git.read_blobs(repo, specs)
    assert len(blobs) == 29 and all(b is not None and b.startswith(b"schema: 1") for b in blobs)
    assert len(git_calls(git_log)) - before == 1


def test_per_brief_calls_are_bounded(many: Path, git_log: Path) -> None:
    """A build's git calls per brief do not grow with the number of revisions."""
    for name in ("brief-0001.yaml", "brief-0002.yaml"):
        before = len(git_calls(git_log))
        info = revision_info(many / name)
        assert info is not None and info.current is not None
        assert info.current.number == 3
        assert [c.item_id for c in info.changes] == [
            "as_of",
            "bluf",
            f"force-{name[6:10].lstrip('0') or '0'}",
            "wire",
        ]
        used = git_calls(git_log)[before:]
        commands = [c.split()[4] for c in used]  # after -C DIR -c core.quotePath=false
        assert commands == ["rev-parse", "log", "status", "cat-file"]


def test_benchmark_small_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert load_bench().main(["--small"]) == 0
    out = capsys.readouterr().out
    assert "30 briefs x 3 revisions" in out
    assert "2 git call(s)" in out


def test_a_whole_folder_history_takes_a_fixed_number_of_calls(many: Path, git_log: Path) -> None:
    draft = many / "brief-0003.yaml"
    draft.write_text(draft.read_text().replace("Generated brief 3", "Retitled brief 3"))
    new = many / "brief-new.yaml"
    new.write_text(load_bench().brief_text(99, 1))
    briefs = [(load_brief(p), p.name) for p in find_briefs([many.resolve()])]
    before = len(git_calls(git_log))
    histories = read_history(find_git_head(many), briefs, config=Config())
    commands = [c.split()[4] for c in git_calls(git_log)[before:]]
    # find the repository and HEAD, log the folder, status, then one batched blob read
    assert commands == ["rev-parse", "rev-parse", "log", "status", "cat-file"]
    infos = {path: history.info for path, history in histories.items()}
    assert len(infos) == 30  # 28 committed briefs, the renamed one and the new one
    assert infos[new.resolve()].revision_line == "Draft (uncommitted changes), not yet in git"
    drafted = infos[draft.resolve()]
    assert drafted.draft and drafted.baseline is not None and drafted.baseline.number == 3
    assert [c.item_id for c in drafted.changes] == ["title"]
    for name in ("brief-0000.yaml", "brief-0003.yaml", "renamed-0007.yaml"):
        one = revision_info(many / name)
        assert one is not None
        bulk = infos[(many / name).resolve()]
        assert (bulk.revision_line, bulk.baseline, bulk.changes) == (
            one.revision_line,
            one.baseline,
            one.changes,
        )


def test_log_folder_since_lists_only_the_new_commits(many: Path, git_log: Path) -> None:
    repo = git.find_repo(many)
    everything = git.log_folder(repo, "briefs")
    old, head = everything[1].commit, everything[0].commit
    git_log.write_text("")
    new = git.log_folder(repo, "briefs", start=head, since=old)
    assert len(git_calls(git_log)) == 1
    assert new == everything[:1]
    assert git.log_folder(repo, "briefs", start=old) == everything[1:]


def test_descends_in_line_only_through_single_parent_commits(many: Path) -> None:
    repo = git.find_repo(many)
    root = many.parent

    def git_run(*args: str) -> str:
        done = subprocess.run([GIT, "-C", str(root), *args], check=True, capture_output=True)
        return done.stdout.decode().strip()

    first, head = git_run("rev-list", "--max-parents=0", "HEAD"), git_run("rev-parse", "HEAD")
    assert git.descends_in_line(repo, first, head)
    assert git.descends_in_line(repo, head, head)
    assert not git.descends_in_line(repo, head, first)  # backwards, as after a reset
    assert not git.descends_in_line(repo, "0" * 40, head)  # an unknown commit
    git_run("checkout", "-q", "-b", "side", "HEAD~1")
    git_run("commit", "-q", "--allow-empty", "-m", "On the side")
    side = git_run("rev-parse", "HEAD")
    assert not git.descends_in_line(repo, head, side)  # another branch
    git_run("checkout", "-q", "main")
    git_run("merge", "-q", "--no-edit", "side")
    merged = git_run("rev-parse", "HEAD")
    assert not git.descends_in_line(repo, head, merged)  # past a merge
    assert not git.descends_in_line(repo, side, merged)
