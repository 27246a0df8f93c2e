"""After new commits the site logs only those, and its history equals a full read."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefgen.history.bulk import LOG_FORMAT, Snapshot
from briefgen.history.revisions import Revision, history_of_folder
from briefgen.site import history
from briefgen.site.history import LOG_FILE, find_git_head, read_git_state
from tests.history.conftest import GIT, Workspace, git_calls

from .helpers import build, history_entries, load_bench


def read(src: Path, cache: Path | None) -> dict[Path, list[Revision]]:
    """Read the folder's history as a site build does, with the cache folder given."""
    head = find_git_head(src)
    assert head is not None
    state = read_git_state(head, cache)
    assert state is not None
    return dict(state.revisions)


def how_read(log: Path) -> str:
    """Tell from the logged git calls whether the last read logged new commits, all or none."""
    logs = [c for c in git_calls(log) if " log " in f" {c} "]
    log.write_text("")
    ways = ["incremental" if ".." in c.split(" -- ")[0] else "full" for c in logs]
    return ", ".join(ways) or "cached"


def check(src: Path, cache: Path, log: Path) -> str:
    """Read with the cache, compare with fresh full reads and return how it was read."""
    log.write_text("")
    cached = read(src, cache)
    way = how_read(log)
    assert cached == read(src, None) == history_of_folder(src)
    assert list(cached) == sorted(cached)
    return way


def edit(ws: Workspace, relpath: str, line: str) -> None:
    """Append a line to a file in the working tree."""
    path = ws.root / relpath
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    ws.write(relpath, old + line + "\n")


def test_each_kind_of_commit_gives_what_a_full_read_gives(
    workspace: Workspace, git_log: Path, tmp_path: Path
) -> None:
    ws, cache = workspace, tmp_path / "cache"
    src = ws.root / "briefs"
    ws.kursk(1, "briefs/a.yaml")
    edit(ws, "briefs/notes.txt", "one")
    edit(ws, "outside.txt", "not in the folder")
    ws.commit("Add a brief")
    assert check(src, cache, git_log) == "full"
    assert check(src, cache, git_log) == "cached"  # HEAD has not moved

    ws.kursk(2, "briefs/a.yaml")
    ws.commit("Edit a brief")
    assert check(src, cache, git_log) == "incremental"

    ws.kursk(1, "briefs/b.yaml")
    ws.commit("Add another brief")
    assert check(src, cache, git_log) == "incremental"

    ws.git("mv", "briefs/a.yaml", "briefs/renamed.yaml")
    ws.commit("Rename a brief")
    assert check(src, cache, git_log) == "incremental"
    renamed = read(src, cache)[src.resolve() / "renamed.yaml"]
    assert [(r.number, r.path) for r in renamed] == [
        (1, "briefs/a.yaml"),
        (2, "briefs/a.yaml"),
        (3, "briefs/renamed.yaml"),
    ]

    ws.git("rm", "-q", "briefs/b.yaml")
    ws.commit("Retire a brief")
    assert check(src, cache, git_log) == "incremental"
    assert src.resolve() / "b.yaml" not in read(src, cache)

    # Several commits at once, one of them outside the folder, one re-adding a deleted path.
    ws.kursk(3, "briefs/renamed.yaml")
    ws.commit("Edit the renamed brief")
    edit(ws, "outside.txt", "still not in the folder")
    ws.commit("Touch another folder")
    ws.kursk(2, "briefs/b.yaml")
    ws.commit("Bring a brief back")
    assert check(src, cache, git_log) == "incremental"
    assert [r.number for r in read(src, cache)[src.resolve() / "b.yaml"]] == [1]

    # A branch merged by fast-forward is a line of new commits.
    ws.git("checkout", "-q", "-b", "topic")
    edit(ws, "briefs/notes.txt", "two")
    ws.commit("Note on a branch")
    ws.git("checkout", "-q", "main")
    ws.git("merge", "-q", "--ff-only", "topic")
    assert check(src, cache, git_log) == "incremental"

    # A true merge, whose branch commit is older than the main line's: `git log` places
    # it among the older commits, so only a full read gives the right order.
    ws.git("checkout", "-q", "-b", "side")
    ws.write("briefs/notes.txt", "zero\n" + (ws.root / "briefs/notes.txt").read_text())
    ws.commit("Note on the side, first")
    ws.git("checkout", "-q", "main")
    edit(ws, "briefs/notes.txt", "three")
    ws.commit("Note on main, later")
    assert check(src, cache, git_log) == "incremental"
    ws.git("merge", "-q", "--no-edit", "side", date="2024-11-30T09:00:00+00:00")
    assert check(src, cache, git_log) == "full"
    notes = [r.subject for r in read(src, cache)[src.resolve() / "notes.txt"]]
    assert notes[-3:-1] == ["Note on the side, first", "Note on main, later"]

    # Amend, reset and a checkout of another branch leave the cached commit behind.
    ws.kursk(1, "briefs/renamed.yaml")
    ws.commit("Go back to the first text")
    assert check(src, cache, git_log) == "incremental"
    ws.kursk(2, "briefs/renamed.yaml")
    ws.git("add", "--all")
    ws.git("commit", "-q", "--amend", "-m", "Go back to the second text")
    assert check(src, cache, git_log) == "full"
    ws.git("reset", "-q", "--hard", "HEAD~1")
    assert check(src, cache, git_log) == "full"
    ws.git("checkout", "-q", "topic")
    assert check(src, cache, git_log) == "full"
    ws.git("checkout", "-q", "main")
    assert check(src, cache, git_log) == "full"
    ws.kursk(1, "briefs/renamed.yaml")
    ws.commit("And on again")
    assert check(src, cache, git_log) == "incremental"


@pytest.fixture
def cached(workspace: Workspace, tmp_path: Path, git_log: Path) -> tuple[Workspace, Path, Path]:
    """Return a working tree with a read cached at its HEAD and one commit after it."""
    workspace.kursk(1, "briefs/a.yaml")
    workspace.commit("Add a brief")
    src, cache = workspace.root / "briefs", tmp_path / "cache"
    read(src, cache)
    workspace.kursk(2, "briefs/a.yaml")
    workspace.commit("Edit a brief")
    git_log.write_text("")
    return workspace, src, cache


def test_no_cache_reads_everything(cached: tuple[Workspace, Path, Path], git_log: Path) -> None:
    _, src, cache = cached
    (cache / LOG_FILE).unlink()
    assert check(src, cache, git_log) == "full"
    assert (cache / LOG_FILE).is_file()


@pytest.mark.parametrize("text", ["", "{not json", "[]", '{"key": 1}', '{"commits": [[1]]}'])
def test_a_corrupt_cache_reads_everything(
    cached: tuple[Workspace, Path, Path], git_log: Path, text: str
) -> None:
    _, src, cache = cached
    (cache / LOG_FILE).write_text(text)
    assert check(src, cache, git_log) == "full"


def test_a_cache_from_another_version_reads_everything(
    cached: tuple[Workspace, Path, Path], git_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, src, cache = cached
    monkeypatch.setattr(history, "__version__", "99.0")
    assert check(src, cache, git_log) == "full"
    assert check(src, cache, git_log) == "cached"  # rewritten by this version
    monkeypatch.undo()
    key = history.digest(history.__version__, history.CACHE_FORMAT, LOG_FORMAT)
    assert Snapshot.load(cache, key) is None  # written by 99.0


def test_a_cache_of_another_folder_reads_everything(
    cached: tuple[Workspace, Path, Path], git_log: Path
) -> None:
    ws, src, cache = cached
    ws.kursk(1, "other/b.yaml")
    ws.commit("Add a brief elsewhere")
    assert check(ws.root / "other", cache, git_log) == "full"
    assert check(src, cache, git_log) == "full"


def broken_entries(data: dict[str, Any]) -> None:
    """Point a brief's revision at a commit the cache does not hold."""
    data["files"] = {"briefs/a.yaml": [[99, "briefs/a.yaml"]]}


def shorter_hashes(data: dict[str, Any]) -> None:
    """Cut the short hashes, as if git had abbreviated them to 6 digits before."""
    for commit in data["commits"]:
        commit[1] = commit[1][:6]


def pruned_commit(data: dict[str, Any]) -> None:
    """Read at a commit that is gone, as an amended one after `git gc`."""
    data["commit"] = "0" * 40


def not_a_commit(data: dict[str, Any]) -> None:
    """Read at something that git would take for an option."""
    data["commit"] = "--output=stolen"


@pytest.mark.parametrize(
    ("change", "way"),
    [
        (broken_entries, "full"),
        (shorter_hashes, "incremental, full"),  # the new hash is longer: read all again
        (pruned_commit, "full"),
        (not_a_commit, "full"),
    ],
)
def test_a_cache_that_cannot_be_carried_on_reads_everything(
    cached: tuple[Workspace, Path, Path],
    git_log: Path,
    change: Callable[[dict[str, Any]], None],
    way: str,
) -> None:
    _, src, cache = cached
    data = json.loads((cache / LOG_FILE).read_text())
    change(data)
    (cache / LOG_FILE).write_text(json.dumps(data))
    assert check(src, cache, git_log) == way


def test_a_shallow_clone_reads_everything(kursk: Workspace, tmp_path: Path, git_log: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        [GIT, "clone", "-q", "--depth", "1", f"file://{kursk.root}", str(clone)], check=True
    )
    cache = tmp_path / "cache"
    src = clone / "briefs"
    git_log.write_text("")
    revisions = read(src, cache)
    assert revisions == history_of_folder(src)
    assert [r.number for r in revisions[src.resolve() / "dprk-troops-kursk.yaml"]] == [None]
    assert not (cache / LOG_FILE).exists()  # numbers unknown: nothing to carry on from
    subprocess.run([GIT, "-C", str(clone), "fetch", "-q", "--unshallow"], check=True)
    git_log.write_text("")
    assert check(src, cache, git_log) == "full"
    assert [r.number for r in read(src, cache)[src.resolve() / "dprk-troops-kursk.yaml"]] == [
        1,
        2,
        3,
    ]


def test_a_site_rebuild_after_one_commit_logs_only_it(tmp_path: Path, git_log: Path) -> None:
    src: Path = load_bench().make_repo(tmp_path / "repo", 20, 3)
    out = tmp_path / "site"
    build(src, out)
    (src / "brief-0005.yaml").write_text(load_bench().brief_text(5, 4), encoding="utf-8")
    subprocess.run(
        [GIT, "-C", str(src.parent), "commit", "-qam", "Revision 4 of brief 5"], check=True
    )
    git_log.write_text("")
    build(src, out)
    calls = git_calls(git_log)
    assert len(calls) <= 7, calls
    assert how_read(git_log) == "incremental"
    entries = history_entries(out / "briefs" / "brief-0005" / "history.html")
    assert len(entries) == 4
    assert "rose from about 3,005 to about 4,005" in entries[0].get_text(" ")
    fresh = build(src, tmp_path / "fresh")
    for rel in ("feed.xml", "briefs/brief-0005/history.html", "index.html"):
        assert (out / rel).read_bytes() == (fresh / rel).read_bytes()
