"""The preview server: safe paths, live reload, errors in the page, rebuild on change."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from site_helpers import TODAY, build, free_port

from briefgen.history.git import GitDirs
from briefgen.site.serve import (
    Preview,
    SiteServer,
    is_history_path,
    safe_target,
    watch_changes,
    watch_git,
)
from tests.history.conftest import (  # noqa: F401 (fixtures: a clean git identity, a git log)
    Workspace,
    _git_env,
    git_calls,
)
from tests.history.conftest import git_log as git_log


@pytest.fixture
def server(project: Path) -> Iterator[SiteServer]:
    build(project)
    running = SiteServer(project / "site", port=free_port()).start()
    try:
        yield running
    finally:
        running.stop()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_binds_loopback_and_serves_pages_with_reload_script(server: SiteServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    status, body = fetch(server.url)
    assert status == 200
    assert "Damaged cables" in body
    assert '<script src="/__briefgen/reload.js" defer></script>' in body
    status, body = fetch(server.url + "briefs/baltic-cables/")
    assert status == 200 and "data-pagefind-body" in body
    status, body = fetch(server.url + "assets/site.css")
    assert status == 200 and "__briefgen" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/../briefgen.toml",
        "/%2e%2e/briefgen.toml",
        "/%2E%2E%2Fbriefgen.toml",
        "/briefs/..%2f..%2fbriefgen.toml",
        "/%252e%252e/briefgen.toml",
        "/..%5cbriefgen.toml",
        "/.briefgen-cache/site/briefs.json",
        "/no-such-page.html",
    ],
)
def test_paths_outside_the_site_are_not_found(server: SiteServer, path: str) -> None:
    import http.client

    host, port = server.httpd.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=5)
    connection.request("GET", path)  # sent raw, as a hostile client would
    response = connection.getresponse()
    body = response.read().decode()
    assert response.status == 404
    assert "Page not found" in body
    assert "base_url" not in body


def test_safe_target_refuses_symlinks_out_of_the_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    (root / "index.html").write_text("home")
    assert safe_target(root, "/link.txt") is None
    assert safe_target(root, "/") == (root / "index.html").resolve()


def test_build_id_and_errors_are_shown(server: SiteServer) -> None:
    server.state.update("abc", ["briefs/x.yaml:1:1: error: title: must not be empty"])
    status, body = fetch(server.url + "__briefgen/build-id")
    assert status == 200
    assert json.loads(body)["id"] == "abc"
    _, page = fetch(server.url)
    assert "Build errors" in page and "must not be empty" in page


@dataclass
class Live:
    """A preview wired as `briefgen serve` wires it: server, watchers and rebuild loop."""

    server: SiteServer
    events: list[tuple[Any, str]] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)
    git_dirs: list[Path] = field(default_factory=list)


@contextmanager
def live_preview(project: Path) -> Iterator[Live]:
    """Build the project's site, serve it on loopback and rebuild it on change until exit."""
    live = Live(SiteServer(project / "site", port=free_port()))
    preview = Preview(
        project / "briefs",
        project / "site",
        project / "briefgen.toml",
        ("html",),
        lambda: TODAY,
        lambda result, phase: live.events.append((result, phase)),
        server=live.server,
    )
    preview.build()
    stop = threading.Event()

    def on_git(commit: str) -> None:
        live.moves.append(commit)
        preview.changed.set()

    live.git_dirs = watch_git(project / "briefs", on_git, stop, debounce_ms=50)
    watch_changes(
        [project / "briefs"],
        [project / "briefgen.toml"],
        lambda _: preview.changed.set(),
        stop,
        ignore=[project / "site", *live.git_dirs],
        debounce_ms=50,
    )
    runner = threading.Thread(target=preview.run, args=(stop,), daemon=True)
    runner.start()
    live.server.start()
    try:
        time.sleep(0.5)  # let the watchers start
        yield live
    finally:
        stop.set()
        runner.join(timeout=5)
        live.server.stop()


def wait_for(check: Callable[[], bool], seconds: float = 10) -> float:
    """Poll until `check` holds; return how long it took, or fail after `seconds`."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not seen within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - started


@pytest.fixture
def repo(project: Path) -> Workspace:
    """The test project as a real git working tree with its briefs committed."""
    (project / ".git").rmdir()  # make_project's marker folder gives way to a repository
    workspace = Workspace(project)
    workspace.commit("Add briefs", "briefs", "briefgen.toml")
    return workspace


def test_preview_rebuilds_on_change_and_reports_errors(project: Path) -> None:
    with live_preview(project) as live:
        first = live.server.state.build_id
        assert first and live.server.state.errors == []
        assert live.git_dirs == []  # not in git: files are watched as before
        (project / "briefs" / "broken.yaml").write_text("schema: 1\ntitle: Broken\n")
        wait_for(lambda: bool(live.server.state.errors), 15)
        assert any("broken.yaml" in e for e in live.server.state.errors)
        assert live.server.state.build_id != first
        home = (project / "site" / "index.html").read_text()
        assert "Damaged cables" in home  # the valid briefs are still served


def test_a_commit_alone_rebuilds_and_reloads_the_served_pages(repo: Workspace) -> None:
    brief = repo.root / "briefs" / "baltic-cables.yaml"
    brief.write_text(brief.read_text().replace("under scrutiny", "being searched"))
    page = "briefs/baltic-cables/"
    with live_preview(repo.root) as live:
        _, body = fetch(live.server.url + page)
        assert "Revision 1 of 1 November 2024 (draft with uncommitted changes)" in body
        first = live.server.state.build_id
        commit = repo.commit("Say the ship is being searched", "briefs")
        revision = f"Revision 2 of 2 November 2024, commit {commit[:7]}"
        # Pages are written before the build is published: wait for the new build id.
        wait_for(lambda: live.server.state.build_id != first)  # open pages reload
        _, body = fetch(live.server.url + page)
        assert revision in body and "draft with uncommitted changes" not in body
        assert live.moves == [commit]  # one commit, many objects written: one rebuild

        repo.git("commit", "-q", "--amend", "-m", "Report the search of the ship")
        amended = repo.git("rev-parse", "HEAD").strip()
        wait_for(lambda: "Report the search" in fetch(live.server.url + page + "history.html")[1])
        assert live.moves == [commit, amended]


def test_writes_to_objects_locks_and_the_index_are_not_watched(
    repo: Workspace, git_log: Path
) -> None:
    moves: list[str] = []
    stop = threading.Event()
    watched = watch_git(repo.root / "briefs", moves.append, stop, debounce_ms=50)
    assert watched == [repo.root / ".git"]
    try:
        time.sleep(0.5)
        calls = len(git_calls(git_log))
        git_dir = repo.root / ".git"
        for rel in (
            "objects/ab/cdef0123456789",
            "objects/pack/tmp_pack_x",
            "index.lock",
            "HEAD.lock",
            "refs/heads/main.lock",
            "packed-refs.lock",
            "COMMIT_EDITMSG",
            "ORIG_HEAD",
            "logs/HEAD",
        ):
            (git_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (git_dir / rel).write_text("x\n")
        time.sleep(1)
        assert len(git_calls(git_log)) == calls  # filtered before git is even asked
        for rel in ("index.lock", "HEAD.lock", "refs/heads/main.lock", "packed-refs.lock"):
            (git_dir / rel).unlink()  # stale locks would stop the commits below
        repo.git("branch", "elsewhere")  # a branch that HEAD is not on: asked, no rebuild
        time.sleep(1)
        assert moves == []
        repo.git("commit", "-q", "--allow-empty", "-m", "An empty commit")
        commit = repo.git("rev-parse", "HEAD").strip()
        wait_for(lambda: moves == [commit])
        time.sleep(0.5)
        assert moves == [commit]
    finally:
        stop.set()


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("HEAD", True),
        ("refs/heads/main", True),
        ("refs/heads/feature/x", True),
        ("packed-refs", True),
        ("shallow", True),
        ("reftable/tables.list", True),
        ("refs/heads/main.lock", False),
        ("HEAD.lock", False),
        ("packed-refs.lock", False),
        ("objects/ab/cdef0123", False),
        ("objects/pack/pack-1.pack", False),
        ("index", False),
        ("index.lock", False),
        ("logs/HEAD", False),
        ("logs/refs/heads/main", False),
        ("refs/remotes/origin/main", False),
        ("refs/tags/v1", False),
        ("ORIG_HEAD", False),
        ("FETCH_HEAD", False),
        ("COMMIT_EDITMSG", False),
        ("worktrees/wt/HEAD", False),
    ],
)
def test_only_head_and_branches_change_the_site(rel: str, expected: bool) -> None:
    dirs = GitDirs(Path("/r/.git"), Path("/r/.git"))
    assert is_history_path(dirs, Path("/r/.git") / rel) is expected


def test_a_linked_worktree_watches_its_own_head(repo: Workspace, tmp_path: Path) -> None:
    other = tmp_path / "wt"
    repo.git("worktree", "add", "-q", "-b", "side", str(other))
    dirs = GitDirs(repo.root / ".git" / "worktrees" / "wt", repo.root / ".git")
    assert is_history_path(dirs, dirs.git_dir / "HEAD")
    assert not is_history_path(dirs, repo.root / ".git" / "HEAD")  # the main tree's HEAD
    assert is_history_path(dirs, repo.root / ".git" / "refs" / "heads" / "side")
    moves: list[str] = []
    stop = threading.Event()
    watched = watch_git(other / "briefs", moves.append, stop, debounce_ms=50)
    assert watched == sorted([dirs.common_dir, dirs.git_dir])
    try:
        time.sleep(0.5)
        repo.git("commit", "-q", "--allow-empty", "-m", "On main")  # not this tree's HEAD
        time.sleep(1)
        assert moves == []
        subprocess.run(
            ["git", "-C", str(other), "commit", "-q", "--allow-empty", "-m", "On side"],
            check=True,
        )
        side = repo.git("rev-parse", "side").strip()
        wait_for(lambda: moves == [side])
    finally:
        stop.set()


@pytest.mark.parametrize("how", ["--separate-git-dir", "GIT_DIR"])
def test_a_git_dir_elsewhere_is_found_and_watched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    store = tmp_path / "store.git"
    tree = tmp_path / "tree"
    if how == "GIT_DIR":
        subprocess.run(["git", "init", "-q", "--bare", str(store)], check=True)
        monkeypatch.setenv("GIT_DIR", str(store))
        monkeypatch.setenv("GIT_WORK_TREE", str(tree))
    else:
        subprocess.run(
            ["git", "init", "-q", "--separate-git-dir", str(store), str(tree)], check=True
        )
    (tree / "briefs").mkdir(parents=True)
    stop = threading.Event()
    try:
        assert watch_git(tree / "briefs", lambda _: None, stop) == [store]
    finally:
        stop.set()


@pytest.mark.parametrize("case", ["not a repository", "git missing"])
def test_without_git_nothing_is_watched(
    repo: Workspace,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
) -> None:
    src = repo.root / "briefs"
    if case == "git missing":
        monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    else:
        src = tmp_path_factory.mktemp("plain")
    stop = threading.Event()
    try:
        assert watch_git(src, lambda _: None, stop) == []
    finally:
        stop.set()


@pytest.mark.slow
def test_serve_prints_a_line_and_rebuilds_after_a_commit(repo: Workspace) -> None:
    brief = repo.root / "briefs" / "baltic-cables.yaml"
    brief.write_text(brief.read_text().replace("under scrutiny", "being searched"))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "serve", "--port", str(port), "--formats", "html"],
        cwd=repo.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    page = f"http://127.0.0.1:{port}/briefs/baltic-cables/history.html"

    def shown(text: str) -> Callable[[], bool]:
        def check() -> bool:
            try:
                return text in fetch(page)[1]
            except OSError:
                return False  # not serving yet

        return check

    try:
        wait_for(shown("Add briefs"), 30)
        time.sleep(0.5)  # let the watchers start
        commit = repo.commit("Say the ship is being searched", "briefs")[:7]
        wait_for(shown("Say the ship is being searched"), 15)
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=20)
    assert f"git: HEAD is now {commit}; rebuilding" in output
    assert process.returncode == 0


def test_a_broken_brief_keeps_its_last_good_pages_under_an_error_banner(project: Path) -> None:
    brief = project / "briefs" / "baltic-cables.yaml"
    page = project / "site" / "briefs" / "baltic-cables" / "index.html"
    good = brief.read_text(encoding="utf-8")
    with live_preview(project) as live:
        before = page.read_text(encoding="utf-8")
        assert "Damaged cables in the Baltic Sea" in before
        brief.write_text(good.replace("status: One bulk carrier", "strength: lots\n    status: X"))
        wait_for(lambda: bool(live.server.state.errors), 15)
        [error] = live.server.state.errors
        assert "baltic-cables.yaml" in error and "'lots' is not a quantity" in error
        assert page.read_text(encoding="utf-8") == before  # the last good page stays
        home = (project / "site" / "index.html").read_text(encoding="utf-8")
        assert "Damaged cables in the Baltic Sea" in home  # and so does its listing
        status, served = fetch(live.server.url + "briefs/baltic-cables/index.html")
        assert status == 200
        body = BeautifulSoup(served, "html.parser").body
        assert body is not None
        banner = body.find("section", class_="serve-errors")
        assert banner is not None and "position:fixed" in str(banner.get("style"))
        assert "'lots' is not a quantity" in banner.get_text()
        assert "Damaged cables in the Baltic Sea" in body.get_text()
        brief.write_text(good.replace("Damaged cables", "Mended cables"), encoding="utf-8")
        wait_for(lambda: not live.server.state.errors, 15)
        wait_for(lambda: "Mended cables" in page.read_text(encoding="utf-8"), 15)
        _, served = fetch(live.server.url + "briefs/baltic-cables/index.html")
        assert "serve-errors" not in served


def test_a_deleted_brief_takes_its_pages_with_it(project: Path) -> None:
    with live_preview(project) as live:
        first = live.server.state.build_id
        (project / "briefs" / "baltic-cables.yaml").unlink()
        wait_for(lambda: live.server.state.build_id != first, 15)
        wait_for(lambda: not (project / "site" / "briefs" / "baltic-cables").exists(), 15)
