"""Revisions read from real git repositories: commits, renames, deletes, merges, clones."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from briefgen.errors import GitError
from briefgen.history import git
from briefgen.history.revisions import (
    diff_revisions,
    list_revisions,
    load_revision,
    read_revision,
    revision_info,
)

from .conftest import GIT, KURSK, Workspace

BRIEF = "briefs/dprk-troops-kursk.yaml"


def test_revisions_are_numbered_from_the_first_commit(kursk: Workspace) -> None:
    revisions = list_revisions(kursk.root / BRIEF)
    assert [r.number for r in revisions] == [1, 2, 3]
    assert [r.subject for r in revisions] == [
        "Add Kursk brief",
        "Update troop numbers, add Blinken and Austin",
        "Resolve aid question",
    ]
    assert [r.author for r in revisions] == ["Ann Analyst", "Bo Editor", "Ann Analyst"]
    assert revisions[0].date == dt.datetime(2024, 11, 1, 9, tzinfo=dt.UTC)
    assert [r.day for r in revisions] == ["2024-11-01", "2024-11-02", "2024-11-03"]
    assert revisions[2].commit == kursk.git("rev-parse", "HEAD").strip()
    assert revisions[2].commit.startswith(revisions[2].short)
    assert {r.path for r in revisions} == {BRIEF}
    assert revisions[1].describe() == f"revision 2 of 2024-11-02, {revisions[1].short}"


def test_commits_to_other_files_are_not_revisions(kursk: Workspace) -> None:
    kursk.write("briefs/other.yaml", (KURSK / "r1.yaml").read_text())
    kursk.commit("Add another brief")
    assert len(list_revisions(kursk.root / BRIEF)) == 3
    assert len(list_revisions(kursk.root / "briefs/other.yaml")) == 1


def test_read_revision_returns_brief_shared_files_and_revision(kursk: Workspace) -> None:
    text, (actors, places), revision = read_revision(kursk.root / BRIEF, "r1")
    assert text == (KURSK / "r1.yaml").read_text()
    assert actors == (KURSK / "actors.yaml").read_text()
    assert places is None  # the folder has no places.yaml
    assert revision.number == 1
    for rev in ("1", "HEAD~2", revision.short, revision.commit):
        assert read_revision(kursk.root / BRIEF, rev)[2] == revision


def test_a_commit_that_did_not_touch_the_brief_reads_it_as_it_stood(kursk: Workspace) -> None:
    kursk.write("README.md", "notes\n")
    kursk.commit("Add notes")
    kursk.git("tag", "v1")
    text, _, revision = read_revision(kursk.root / BRIEF, "v1")
    assert text == (KURSK / "r3.yaml").read_text()
    assert revision.number == 3


def test_load_revision_validates_with_that_revisions_actors(kursk: Workspace) -> None:
    # A later commit drops Blinken from actors.yaml; r2 still knows him.
    actors = (KURSK / "actors.yaml").read_text().replace("blinken:", "blinken-old:")
    kursk.write("briefs/actors.yaml", actors)
    kursk.commit("Rename an actor")
    validated, revision = load_revision(kursk.root / BRIEF, "r2")
    assert revision.number == 2
    assert validated.brief.actors["blinken"].name == "Antony Blinken"
    assert validated.brief.forces[0].strength is not None
    assert validated.brief.forces[0].strength.as_stated == "about 10,000 troops"


def test_load_revision_validates_with_that_revisions_places(kursk: Workspace) -> None:
    places = "kursk-region:\n  name: Kursk region\n  lat: 51.6\n  lon: 36.1\n"
    kursk.write("briefs/places.yaml", places)
    brief = (
        (kursk.root / BRIEF)
        .read_text()
        .replace(
            "    location: Kursk region, Russia\n",
            "    location: Kursk region, Russia\n    place: kursk-region\n",
            1,
        )
    )
    kursk.write(BRIEF, brief)
    kursk.commit("Put the force on the map")
    kursk.write("briefs/places.yaml", places.replace("51.6", "52.6"))
    kursk.commit("Move the region")
    validated, revision = load_revision(kursk.root / BRIEF, "r4")
    assert revision.number == 4
    assert validated.brief.places["kursk-region"].lat == 51.6
    assert [c.summary for c in diff_revisions(kursk.root / BRIEF, "r3", "r4").changes][-1] == (
        "new place: Kursk region (point, 51.6, 36.1)"
    )


def test_history_follows_renames(kursk: Workspace) -> None:
    (kursk.root / "briefs/korea").mkdir()
    kursk.git("mv", BRIEF, "briefs/korea/dprk-in-kursk.yaml")
    kursk.git("mv", "briefs/actors.yaml", "briefs/korea/actors.yaml")
    kursk.commit("Move the brief")
    new_path = kursk.root / "briefs/korea/dprk-in-kursk.yaml"
    revisions = list_revisions(new_path)
    assert [r.number for r in revisions] == [1, 2, 3, 4]
    assert [r.path for r in revisions] == [BRIEF] * 3 + ["briefs/korea/dprk-in-kursk.yaml"]
    text, (actors, _), _ = read_revision(new_path, "r1")
    assert text == (KURSK / "r1.yaml").read_text()
    assert actors is not None
    # The brief's id is explicit, so moving the file changes nothing in its content.
    assert diff_revisions(new_path, "r3", "r4").changes == []
    # The default baseline is the previous revision (r3); --from r1 spans the rename.
    assert [c.kind for c in diff_revisions(new_path, "r2").changes] == ["changed", "resolved"]


def test_a_copied_brief_starts_its_own_history(kursk: Workspace) -> None:
    kursk.write("briefs/copy.yaml", (KURSK / "r3.yaml").read_text().replace("Kursk", "Kharkiv"))
    kursk.commit("Start a brief from a copy")
    (revision,) = list_revisions(kursk.root / "briefs/copy.yaml")
    assert (revision.number, revision.subject) == (1, "Start a brief from a copy")


def test_history_of_a_deleted_brief_is_still_readable(kursk: Workspace) -> None:
    kursk.git("rm", "-q", BRIEF)
    kursk.commit("Retire the brief")
    path = kursk.root / BRIEF
    assert not path.exists()
    assert [r.number for r in list_revisions(path)] == [1, 2, 3]
    assert read_revision(path, "r2")[0] == (KURSK / "r2.yaml").read_text()
    with pytest.raises(GitError, match="does not exist at 'HEAD'"):
        read_revision(path, "HEAD")


def test_branch_and_merge(kursk: Workspace) -> None:
    kursk.git("checkout", "-q", "-b", "feature")
    text = (KURSK / "r3.yaml").read_text().replace("as_of: 2024-11-05", "as_of: 2024-11-06")
    kursk.write(BRIEF, text)
    kursk.commit("Move as_of on a branch", author="Cy Branch")
    kursk.git("checkout", "-q", "main")
    kursk.write("briefs/other.yaml", (KURSK / "r1.yaml").read_text())
    kursk.commit("Add another brief on main")
    kursk.git(
        "merge", "-q", "--no-ff", "-m", "Merge feature", "feature", date="2024-11-09T09:00:00+00:00"
    )
    revisions = list_revisions(kursk.root / BRIEF)
    assert [(r.number, r.subject) for r in revisions] == [
        (1, "Add Kursk brief"),
        (2, "Update troop numbers, add Blinken and Austin"),
        (3, "Resolve aid question"),
        (4, "Move as_of on a branch"),
    ]
    (change,) = diff_revisions(kursk.root / BRIEF, "r3", "HEAD").changes
    assert change.summary == "as_of 2024-11-05 -> 2024-11-06"


def test_a_merge_that_resolves_a_conflict_is_a_revision(kursk: Workspace) -> None:
    r3 = (KURSK / "r3.yaml").read_text()
    kursk.git("checkout", "-q", "-b", "feature")
    kursk.write(BRIEF, r3.replace("as_of: 2024-11-05", "as_of: 2024-11-06"))
    kursk.commit("Branch edit")
    kursk.git("checkout", "-q", "main")
    kursk.write(BRIEF, r3.replace("as_of: 2024-11-05", "as_of: 2024-11-07"))
    kursk.commit("Main edit")
    with pytest.raises(subprocess.CalledProcessError):
        kursk.git("merge", "-q", "feature")
    kursk.write(BRIEF, r3.replace("as_of: 2024-11-05", "as_of: 2024-11-08"))
    kursk.commit("Merge feature, keep a later date")
    revisions = list_revisions(kursk.root / BRIEF)
    assert [r.subject for r in revisions][3:] == [
        "Branch edit",
        "Main edit",
        "Merge feature, keep a later date",
    ]
    (change,) = diff_revisions(kursk.root / BRIEF, "r5", "r6").changes
    assert change.summary == "as_of 2024-11-07 -> 2024-11-08"


def test_shallow_clone_returns_what_is_known(kursk: Workspace, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        [GIT, "clone", "-q", "--depth", "1", f"file://{kursk.root}", str(clone)], check=True
    )
    path = clone / BRIEF
    (revision,) = list_revisions(path)
    assert revision.number is None
    assert revision.subject == "Resolve aid question"
    assert revision.label == revision.short
    info = revision_info(path)
    assert info is not None
    assert info.revision_line == (
        f"Revision {revision.short} of 2024-11-03 (earlier history not available)"
    )
    assert not info.complete
    assert (info.draft, info.baseline, info.changes) == (False, None, [])
    with pytest.raises(GitError):
        diff_revisions(path)


def test_shallow_clone_keeps_numbers_of_briefs_added_after_the_cut(
    kursk: Workspace, tmp_path: Path
) -> None:
    kursk.write("briefs/new.yaml", (KURSK / "r1.yaml").read_text())
    kursk.commit("Add a new brief")
    kursk.write("briefs/new.yaml", (KURSK / "r2.yaml").read_text())
    kursk.commit("Revise the new brief")
    clone = tmp_path / "clone"
    subprocess.run(
        [GIT, "clone", "-q", "--depth", "3", f"file://{kursk.root}", str(clone)], check=True
    )
    assert [r.number for r in list_revisions(clone / "briefs/new.yaml")] == [1, 2]
    assert [r.number for r in list_revisions(clone / BRIEF)] == [None]


def test_revision_info_of_a_clean_working_tree(kursk: Workspace) -> None:
    info = revision_info(kursk.root / BRIEF)
    assert info is not None
    revisions = list_revisions(kursk.root / BRIEF)
    assert info.revision_line == f"Revision 3 of 2024-11-03, {revisions[2].short}"
    assert not info.draft
    assert info.current == revisions[2]
    assert info.baseline == revisions[1]
    assert info.baseline_label == f"revision 2 of 2024-11-02, {revisions[1].short}"
    assert [c.kind for c in info.changes] == ["changed", "resolved"]


def test_revision_info_of_a_draft(kursk: Workspace) -> None:
    text = (
        (KURSK / "r3.yaml")
        .read_text()
        .replace("likelihood: very likely", "likelihood: almost certain")
    )
    kursk.write(BRIEF, text)
    info = revision_info(kursk.root / BRIEF)
    assert info is not None
    assert info.draft
    assert info.revision_line.endswith("; draft (uncommitted changes)")
    assert info.baseline is not None and info.baseline.number == 3
    (change,) = info.changes
    assert "likelihood very likely -> almost certain" in change.summary


def test_revision_info_since_and_at_a_revision(kursk: Workspace) -> None:
    since = revision_info(kursk.root / BRIEF, since="r1")
    assert since is not None and since.baseline is not None
    assert since.baseline.number == 1
    assert len(since.changes) == 13
    at = revision_info(kursk.root / BRIEF, rev="r2")
    assert at is not None and at.current is not None
    assert (at.current.number, at.draft) == (2, False)
    assert at.baseline is not None and at.baseline.number == 1
    assert len(at.changes) == 12
    first = revision_info(kursk.root / BRIEF, rev="r1")
    assert first is not None
    assert (first.baseline, first.baseline_label, first.changes) == (None, "", [])


def test_revision_info_of_a_new_uncommitted_brief(kursk: Workspace) -> None:
    path = kursk.write("briefs/draft.yaml", (KURSK / "r1.yaml").read_text())
    info = revision_info(path)
    assert info is not None
    assert (info.draft, info.current, info.changes) == (True, None, [])
    assert info.revision_line == "Draft (uncommitted changes), not yet in git"


def test_revision_info_outside_git_or_without_git(
    tmp_path: Path, kursk: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "loose" / "brief.yaml"
    outside.parent.mkdir()
    outside.write_text((KURSK / "r1.yaml").read_text())
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert revision_info(outside) is None
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert revision_info(kursk.root / BRIEF) is None


def test_clear_errors(tmp_path: Path, kursk: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    path = kursk.root / BRIEF
    with pytest.raises(GitError, match=r"no revision 'r9' \(revisions: r1 to r3\)"):
        read_revision(path, "r9")
    with pytest.raises(GitError, match="unknown revision 'no-such-tag'; give a commit hash"):
        read_revision(path, "no-such-tag")
    with pytest.raises(GitError, match="unknown revision"):
        revision_info(path, since="deadbeef")
    with pytest.raises(GitError, match="not a git revision"):
        read_revision(path, "--output=x")
    outside = tmp_path / "loose" / "brief.yaml"
    outside.parent.mkdir()
    outside.write_text("x")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(GitError, match="not inside a git repository; run `git init`"):
        list_revisions(outside)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GitError, match="git is not installed or not on PATH"):
        list_revisions(path)


def test_empty_repository_has_no_revisions(workspace: Workspace) -> None:
    path = workspace.kursk(1)
    assert list_revisions(path) == []
    with pytest.raises(GitError, match="no earlier revision"):
        diff_revisions(path)


def test_read_blobs_reads_many_files_in_one_call(kursk: Workspace) -> None:
    repo = git.find_repo(kursk.root)
    revisions = list_revisions(kursk.root / BRIEF)
    specs = [f"{r.commit}:{r.path}" for r in revisions] + ["HEAD:missing.yaml", "HEAD:briefs"]
    blobs = git.read_blobs(repo, specs)
    assert blobs[:3] == [(KURSK / f"r{n}.yaml").read_bytes() for n in (1, 2, 3)]
    assert blobs[3:] == [None, None]


def test_odd_file_names(workspace: Workspace) -> None:
    name = "briefs/[draft] Kursk brief.yaml"
    workspace.kursk(1, name)
    workspace.commit("Add")
    workspace.kursk(2, name)
    workspace.commit("Revise")
    path = workspace.root / name
    assert [r.path for r in list_revisions(path)] == [name, name]
    assert read_revision(path, "r1")[0] == (KURSK / "r1.yaml").read_text()
    repo = git.find_repo(path)
    assert git.read_blobs(repo, ["HEAD:briefs/no such file.yaml"]) == [None]
    path.write_text((KURSK / "r3.yaml").read_text())
    info = revision_info(path)
    assert info is not None and info.draft
    assert [c.kind for c in info.changes] == ["changed", "resolved"]


def test_a_symlink_out_of_the_repository_is_a_clear_error(kursk: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text("x")
    link = kursk.root / "briefs" / "link.yaml"
    link.symlink_to(target)
    with pytest.raises(GitError, match="outside the git repository"):
        list_revisions(link)
