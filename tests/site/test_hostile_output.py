"""Hostile and faulty conditions around the site's output: cache, lock, crashes, hangs, disks."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from site_helpers import MARKER, all_bytes, build, make_project

from briefgen.cli import main
from briefgen.errors import GitError, OutputError

ROOT = Path(__file__).resolve().parents[2]


def _files(folder: Path) -> dict[str, bytes]:
    files = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def _built_then_edited(project: Path) -> tuple[Path, dict[str, bytes]]:
    """Build the site, then edit a brief; return the site folder and its files as built."""
    assert build(project).ok
    site = project / "site"
    before = _files(site)
    kursk = project / "briefs" / "dprk-troops-kursk.yaml"
    kursk.write_text(kursk.read_text().replace("title: North Korean", "title: Northern Korean"))
    return site, before


def test_cache_is_kept_in_the_users_cache_not_beside_the_output(
    project: Path, user_cache: Path
) -> None:
    from briefgen.outdir import cache_dir_for

    report = build(project)
    assert report.ok, report.failures
    assert not (project / ".briefgen-cache").exists()
    cache = cache_dir_for(project / "site")
    assert cache.is_relative_to(user_cache)
    assert (user_cache / "briefgen").stat().st_mode & 0o077 == 0  # private to the user
    assert MARKER.encode() in (cache / "briefs.json").read_bytes()  # the withheld brief
    # A deploy of the output's parent publishes everything in it but the sources: no marker.
    for path in project.rglob("*"):
        if path.is_file() and "briefs" not in path.relative_to(project).parts[:1]:
            assert MARKER.encode() not in all_bytes(path), path


def test_an_old_cache_beside_the_output_is_moved_away(project: Path) -> None:
    from briefgen.outdir import cache_dir_for

    build(project)
    cache = cache_dir_for(project / "site")
    old = project / ".briefgen-cache" / "site"
    old.mkdir(parents=True)
    for name in ("manifest.json", "briefs.json"):
        (cache / name).rename(old / name)
    report = build(project)
    assert report.ok
    assert not (project / ".briefgen-cache").exists()
    assert (cache / "manifest.json").is_file()
    assert report.unchanged > 0  # the old manifest was moved, not lost


def test_clean_deletes_only_files_in_the_manifest(project: Path) -> None:
    site = project / "site"
    site.mkdir()
    (site / "NOTES.txt").write_text("mine\n")
    (site / "keep.yaml").write_text("schema: 1\n")
    build(project)
    build(project, clean=True)
    assert (site / "NOTES.txt").read_text() == "mine\n"
    assert (site / "keep.yaml").read_text() == "schema: 1\n"


def test_output_folder_holding_the_sources_is_refused_before_any_write(project: Path) -> None:
    before = _files(project / "briefs")
    with pytest.raises(OutputError, match="holds the sources"):
        build_into(project, project, clean=True)
    with pytest.raises(OutputError, match="is the sources folder"):
        build_into(project, project / "briefs", clean=True)
    assert _files(project / "briefs") == before


def build_into(project: Path, out: Path, **options: object) -> object:
    from site_helpers import TODAY, config_for

    from briefgen.site import build_site

    return build_site(
        project / "briefs",
        out,
        config=config_for(project),
        today=TODAY,
        formats=("html",),
        **options,  # type: ignore[arg-type]
    )


def test_a_second_build_of_one_folder_waits_then_stops_with_a_message(project: Path) -> None:
    from briefgen.outdir import out_lock

    with out_lock(project / "site", wait=0), pytest.raises(OutputError) as caught:
        build(project, lock_wait=0.3)
    assert "another briefgen build is writing this folder" in str(caught.value)
    assert build(project).ok  # the lock went with its holder


def test_a_build_waits_for_the_one_before_it(project: Path) -> None:
    from briefgen.outdir import out_lock

    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with out_lock(project / "site", wait=0):
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)
    threading.Timer(0.5, release.set).start()
    report = build(project, lock_wait=60)
    holder.join()
    assert report.ok


def test_a_build_that_dies_leaves_the_site_whole_and_the_next_repairs_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.site.build as site_build

    site, before = _built_then_edited(project)
    real = site_build._make
    calls = []

    def dies(out: Path, o: object) -> str:
        calls.append(o)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process is stopped halfway
        return real(out, o)  # type: ignore[arg-type]

    monkeypatch.setattr(site_build, "_make", dies)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    after = _files(site)
    assert set(before) <= set(after)  # every page is still there, old or new
    monkeypatch.setattr(site_build, "_make", real)
    report = build(project)
    assert report.ok and report.rendered
    assert "Northern Korean" in (site / "index.html").read_text()


def _pagefind_children() -> list[int]:
    """Return the ids of this process's pagefind children still running (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(stat[1]) == os.getpid() and stat[0] != "Z" and b"pagefind" in command:
            found.append(int(entry.name))
    return found


def test_an_interrupted_build_leaves_no_pagefind_running(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.site.build as site_build

    site, _ = _built_then_edited(project)

    def interrupted(run: object, todo: object) -> None:
        time.sleep(0.05)  # the shards started a moment ago: pagefind is running
        raise KeyboardInterrupt

    monkeypatch.setattr(site_build, "_pdfs", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    assert _pagefind_children() == []
    assert not [p.name for p in (site / "pagefind").iterdir() if p.name.startswith(".")]


def test_a_search_shard_missing_on_disk_is_rebuilt_not_unchanged(project: Path) -> None:
    import shutil

    assert build(project).ok
    index = project / "site" / "pagefind"
    shards = sorted(p.name for p in index.iterdir() if p.is_dir())
    shutil.rmtree(index / shards[0])
    report = build(project)
    assert report.indexed is not None and report.indexed > 0
    assert (index / shards[0]).is_dir()


def test_a_full_disk_stops_the_build_with_one_line_and_keeps_the_old_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import briefgen.site.brief_files as brief_files

    site, before = _built_then_edited(project)

    def full(path: Path, data: object) -> bool:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(brief_files, "replace_file", full)
    monkeypatch.chdir(project)
    with pytest.raises(SystemExit) as exit_:
        main(["site", "briefs", "-o", "site", "--formats", "html,md,json"])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "No space left on device; free some space" in err
    assert "Traceback" not in err
    assert _files(site) == before


def test_a_read_only_output_folder_is_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    def refused(**_: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    # Tests run as root, whom a chmod does not stop: refuse the first write instead.
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    monkeypatch.chdir(project)
    with pytest.raises(SystemExit) as exit_:
        main(["site", "briefs", "-o", "site"])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "site: error: cannot write the output folder: Permission denied" in err


def test_a_hung_pagefind_is_stopped_and_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import briefgen.site.search as search

    hang = tmp_path / "pagefind-hangs"
    hang.write_text("#!/bin/sh\nsleep 60\n")
    hang.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(hang))
    monkeypatch.setattr(search, "PAGEFIND_TIMEOUT", 0.5)
    report = build(project)
    assert not report.ok
    assert any("pagefind gave no answer" in f.message for f in report.failures)
    assert (project / "site" / "index.html").is_file()


def test_a_hung_git_is_stopped_and_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import briefgen.history.git as git

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "git").write_text("#!/bin/sh\nsleep 60\n")
    (bin_dir / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(git, "GIT_TIMEOUT", 0.5)
    with pytest.raises(GitError, match="gave no answer in 0 s and was stopped"):
        git.run_git(project, ["log"])


def test_hung_pdf_workers_are_killed_and_each_pdf_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.site.engine.pdfs as pdfs

    monkeypatch.setattr(pdfs, "PDF_TIMEOUT", 0.01)  # no PDF can be that fast: all "hang"
    report = build(project, formats=("html", "pdf"))
    stopped = [f for f in report.failures if "the renderer was stopped" in f.message]
    assert stopped and all(f.output.endswith(".pdf") for f in stopped)
    assert (project / "site" / "index.html").is_file()


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    make_project(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1732060800"}
    child = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "site", "briefs", "-o", "site", "--formats", "pdf"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 3 and child.poll() is None:
        workers = _descendants(child.pid)  # fork server, resource tracker, PDF workers
        time.sleep(0.1)
    assert len(workers) >= 3, "the build ended before its PDF workers started"
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)]


def test_serve_does_not_follow_a_symlinked_index_outside_the_site(tmp_path: Path) -> None:
    from briefgen.site.serve import SiteServer, safe_target

    site = tmp_path / "site"
    (site / "evil").mkdir(parents=True)
    (site / "index.html").write_text("<html><head></head><body>home</body></html>")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the site")
    (site / "evil" / "index.html").symlink_to(secret)
    (site / "inner").mkdir()
    (site / "inner" / "index.html").symlink_to(site / "index.html")
    assert safe_target(site, "/evil/") is None
    assert safe_target(site, "/evil/index.html") is None
    assert safe_target(site, "/inner/") == (site / "index.html").resolve()
    server = SiteServer(site, port=0).start()
    try:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{server.url}evil/", timeout=10)
        assert caught.value.code == 404
        assert b"outside the site" not in caught.value.read()
    finally:
        server.stop()


def test_hung_page_workers_are_killed_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.site.engine.pool as workers
    from briefgen.errors import RenderError

    monkeypatch.setattr(workers, "BATCH_TIMEOUT", 0.5)
    pool = workers.WorkerPool(2)
    # A task that never ends: sigwait on a signal nobody sends.
    results = pool.map(signal.sigwait, [signal.SIGUSR2] * 4)  # type: ignore[arg-type]
    started = [p.pid for p in pool._pool._processes.values()]  # type: ignore[union-attr]
    with pytest.raises(RenderError, match="gave no result in 0 s and were stopped"):
        next(results)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(pid) for pid in started):
        time.sleep(0.1)
    assert started and not [pid for pid in started if _alive(pid)]
    pool.close()
