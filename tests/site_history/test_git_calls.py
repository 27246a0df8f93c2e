"""Reading a site's history costs a bounded number of git calls, and caches what it learns."""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefgen.site import build_site
from tests.history.conftest import GIT, git_calls

from .helpers import TODAY, build, history_entries, load_bench, site_config


def repo(tmp_path: Path, briefs: int, revisions: int) -> Path:
    """Return the briefs folder of a generated repo of briefs x revisions commits."""
    src: Path = load_bench().make_repo(tmp_path / f"repo-{briefs}", briefs, revisions)
    return src


def test_git_calls_do_not_grow_with_briefs_or_revisions(tmp_path: Path, git_log: Path) -> None:
    small = repo(tmp_path, 3, 2)
    big = repo(tmp_path, 30, 3)
    git_log.write_text("")
    build(small, tmp_path / "small-site")
    small_calls = git_calls(git_log)
    git_log.write_text("")
    out = build(big, tmp_path / "big-site")
    big_calls = git_calls(git_log)
    assert len(big_calls) == len(small_calls) <= 7, big_calls
    assert sum(" cat-file " in c for c in big_calls) == 1
    assert len(list(out.glob("briefs/*/history.html"))) == 30
    entries = history_entries(out / "briefs" / "brief-0003" / "history.html")
    assert [e.h2.get_text(" ", strip=True)[:10] for e in entries if e.h2] == [
        "Revision 3",
        "Revision 2",
        "Revision 1",
    ]
    assert "Question resolved: Will brief 3 be confirmed?" in entries[0].get_text(" ")


def test_a_rebuild_reads_no_old_revision_again(tmp_path: Path, git_log: Path) -> None:
    src = repo(tmp_path, 30, 3)
    out = tmp_path / "site"
    build(src, out)
    first = (out / "briefs" / "brief-0001" / "history.html").read_bytes()
    git_log.write_text("")
    build(src, out)
    calls = git_calls(git_log)
    assert not any(" cat-file " in c for c in calls), calls
    assert (out / "briefs" / "brief-0001" / "history.html").read_bytes() == first


def test_a_new_commit_reads_only_what_it_needs(tmp_path: Path, git_log: Path) -> None:
    src = repo(tmp_path, 30, 3)
    out = tmp_path / "site"
    build(src, out)
    bench = load_bench()
    (src / "brief-0005.yaml").write_text(bench.brief_text(5, 4), encoding="utf-8")
    subprocess.run(
        [GIT, "-C", str(src.parent), "commit", "-qam", "Revision 4 of brief 5"],
        check=True,
        capture_output=True,
    )
    git_log.write_text("")
    build(src, out)
    calls = git_calls(git_log)
    assert len(calls) <= 7, calls
    # The new revision, then the one it is compared with: two small batched reads.
    assert sum(" cat-file " in c for c in calls) == 2
    entries = history_entries(out / "briefs" / "brief-0005" / "history.html")
    assert len(entries) == 4
    assert "rose from about 3,005 to about 4,005" in entries[0].get_text(" ")


def test_worker_processes_give_the_same_history(tmp_path: Path, git_log: Path) -> None:
    src = repo(tmp_path, 50, 2)
    path = src / "brief-0001.yaml"
    path.write_text(path.read_text().replace("Region 1", "Region one"), encoding="utf-8")
    serial = build_site(
        src,
        tmp_path / "serial",
        config=site_config(),
        today=TODAY,
        formats=("html",),
        search=False,
        jobs=1,
    )
    git_log.write_text("")
    parallel = build_site(
        src,
        tmp_path / "parallel",
        config=site_config(),
        today=TODAY,
        formats=("html",),
        search=False,
        jobs=2,
    )
    assert serial.ok and parallel.ok
    assert len(git_calls(git_log)) <= 7
    for rel in ("feed.xml", "briefs/brief-0001/history.html", "briefs/brief-0049/index.html"):
        assert (tmp_path / "serial" / rel).read_bytes() == (
            tmp_path / "parallel" / rel
        ).read_bytes()
    page = (tmp_path / "parallel" / "briefs/brief-0001/history.html").read_text()
    assert "location now Region one (was Region 1)" in page  # the draft, on top
    assert "rose from about 1,001 to about 2,001" in page  # revision 2, diffed in a worker
