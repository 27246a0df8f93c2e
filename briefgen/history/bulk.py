"""A whole folder's history in a fixed number of git calls, kept between builds.

One `git log -M` of the folder gives every file's revisions, followed by the lineage rules
of `briefgen.history.lineage`. With a cache folder, the result is kept with the commit it
was read at; when HEAD has since moved forward through commits of one parent each, two git
calls bring it up to date: one checks the line of commits, one logs the new ones. Anything
else (a merge, an amend, a reset, another branch, a shallow clone, a missing or foreign
cache) reads the whole history again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import GitError
from briefgen.history import git
from briefgen.history.lineage import Lineages, Revision, folder_revisions
from briefgen.output import write_atomic

LOG_FILE = "git-log.json"
LOG_FORMAT = 1  # bump when what LOG_FILE holds changes


@dataclass(frozen=True)
class GitState:
    """The git history of a briefs folder: its repository and every file's revisions."""

    repo: git.Repo
    folder: str  # the briefs folder relative to the repository top, "" for the top
    revisions: Mapping[Path, list[Revision]]  # oldest first, keyed by resolved path


def read_folder_history(
    repo: git.Repo, src: Path, head: str, *, cache_dir: Path | None = None, key: str = ""
) -> GitState | None:
    """Read the history of every file under a folder at commit HEAD; None when git fails.

    `head` is "" before the first commit. The snapshot in `cache_dir` is used only when
    it was written under the same `key` (the caller's format and version).
    """
    try:
        resolved = src.resolve()
        folder = "" if resolved == repo.root else repo.relpath(resolved)
        if repo.shallow or not head:
            # Revision numbers are unknown at the cut-off; nothing to carry on from.
            return GitState(repo, folder, folder_revisions(repo, folder))
        cached = Snapshot.load(cache_dir, key)
        snapshot = _read_since(repo, head, folder, cached)
        if snapshot is None:
            commits = git.log_folder(repo, folder, start=head)
            snapshot = Snapshot(folder, head, _follow({}, commits))
        if snapshot is not cached:
            snapshot.save(cache_dir, key)
    except GitError:
        return None
    revisions = {repo.root / relpath: snapshot.files[relpath] for relpath in sorted(snapshot.files)}
    return GitState(repo, folder, revisions)


@dataclass(frozen=True)
class Snapshot:
    """Every file's revisions under a folder, keyed by path, as they stood at one commit."""

    folder: str
    commit: str
    files: dict[str, list[Revision]]

    @property
    def abbrev(self) -> int:
        """Return the length git abbreviated hashes to, 0 without any revision."""
        return min((len(r.short) for rs in self.files.values() for r in rs), default=0)

    @classmethod
    def load(cls, cache_dir: Path | None, key: str) -> Snapshot | None:
        """Read the snapshot in a cache folder; None when missing, corrupt or foreign."""
        if cache_dir is None:
            return None
        try:
            data = json.loads((cache_dir / LOG_FILE).read_text(encoding="utf-8"))
            if data["key"] != key:
                return None
            commits: list[tuple[str, str, dt.datetime, str, str]] = [
                (str(commit), str(short), dt.datetime.fromisoformat(date), str(author), str(subj))
                for commit, short, date, author, subj in data["commits"]
            ]
            files = {
                str(relpath): [
                    _revision(number, commits[index], str(path))
                    for number, (index, path) in enumerate(lineage, start=1)
                ]
                for relpath, lineage in data["files"].items()
            }
            commit = str(data["commit"])
            if not all(c in "0123456789abcdef" for c in commit):
                return None  # a hash, never an option or a range for git
            return cls(str(data["folder"]), commit, files)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def save(self, cache_dir: Path | None, key: str) -> None:
        """Write the snapshot to a cache folder (nothing without one)."""
        if cache_dir is None:
            return
        index: dict[str, int] = {}
        commits: list[list[str]] = []
        files: dict[str, list[tuple[int, str]]] = {}
        for relpath, revisions in self.files.items():
            for r in revisions:
                if r.commit not in index:
                    index[r.commit] = len(commits)
                    commits.append([r.commit, r.short, r.date.isoformat(), r.author, r.subject])
            files[relpath] = [(index[r.commit], r.path) for r in revisions]
        payload = {
            "key": key,
            "folder": self.folder,
            "commit": self.commit,
            "commits": commits,
            "files": files,
        }
        write_atomic(cache_dir / LOG_FILE, json.dumps(payload, separators=(",", ":")))


def _revision(number: int, commit: tuple[str, str, dt.datetime, str, str], path: str) -> Revision:
    """Make a revision from a snapshot's commit fields."""
    full, short, date, author, subject = commit
    return Revision(number, full, short, date, author, subject, path)


def _read_since(
    repo: git.Repo, head: str, folder: str, snapshot: Snapshot | None
) -> Snapshot | None:
    """Bring a cached snapshot up to HEAD with the new commits alone; None when it cannot."""
    if snapshot is None or snapshot.folder != folder:
        return None
    if snapshot.commit == head:
        return snapshot
    # Past a merge, `git log` orders the merged branch's commits among older ones by date
    # and may drop a side whose changes the merge discarded: only a full read says how.
    if not git.descends_in_line(repo, snapshot.commit, head):
        return None
    commits = git.log_folder(repo, folder, start=head, since=snapshot.commit)
    if any(len(c.short) != snapshot.abbrev for c in commits):
        return None  # git abbreviates hashes longer now, so old short hashes may have grown
    return Snapshot(folder, head, _follow(snapshot.files, commits))


def _follow(
    files: dict[str, list[Revision]], newest_first: list[git.Commit]
) -> dict[str, list[Revision]]:
    """Carry every file's revisions on through new commits, by the one lineage rule."""
    lineages = Lineages(live=files)
    lineages.extend(newest_first)
    return lineages.live
