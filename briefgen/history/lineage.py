"""A brief's lineage in git: its revisions followed through renames, and each judged.

This module holds the one rule for how revisions are followed and the one way an old
revision is validated and weighed by the publication policy; `briefgen history`,
`briefgen diff`, `briefgen build --rev/--since` and the website all go through it.

Following: reading a log oldest first, a rename carries a file's revisions to its new
path, a deletion ends them, and an addition or a copy starts new ones. A brief deleted
and later added again at the same path is a new brief with its own revision 1. In a
shallow clone whose history is cut off before a file was added, its revision numbers are
unknown (None).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from briefgen.config import CONFIG_NAME, Config
from briefgen.errors import BriefgenError, GitError
from briefgen.history import git
from briefgen.model import Brief, Marking
from briefgen.policy import allows, config_at_commit, default_at_commit, marking_of_data
from briefgen.validate import (
    SHARED_FILES,
    SharedActors,
    SharedTexts,
    Validated,
    parse_shared_texts,
    validate_text,
)
from briefgen.validate.yaml import decode, parse

Verdict = Literal["published", "withheld", "invalid"]


@dataclass(frozen=True)
class Revision:
    """One committed revision of a brief."""

    number: int | None
    commit: str
    short: str
    date: dt.datetime
    author: str
    subject: str
    path: str  # the brief's path at this revision, relative to the repository top

    @property
    def label(self) -> str:
        """Return a short name such as `r3`, or the short hash when the number is unknown."""
        return f"r{self.number}" if self.number is not None else self.short

    @property
    def day(self) -> str:
        """Return the author date as YYYY-MM-DD, in the author's time zone."""
        return self.date.date().isoformat()

    def describe(self) -> str:
        """Describe the revision, e.g. `revision 4 of 2024-11-02, a1b2c3d`."""
        if self.number is None:
            return f"revision {self.short} of {self.day}"
        return f"revision {self.number} of {self.day}, {self.short}"

    def to_dict(self) -> dict[str, str | int | None]:
        """Return the revision as a JSON-ready mapping."""
        return {
            "number": self.number,
            "commit": self.commit,
            "short": self.short,
            "date": self.date.isoformat(),
            "author": self.author,
            "subject": self.subject,
            "path": self.path,
        }


@dataclass
class Lineages:
    """Every file's revisions by current path, and the revisions a deletion last ended."""

    live: dict[str, list[Revision]] = field(default_factory=dict)
    ended: dict[str, list[Revision]] = field(default_factory=dict)

    def extend(self, newest_first: Sequence[git.Commit], shallow: Iterable[str] = ()) -> None:
        """Add the commits of a `git log -M` (or `--follow`) to the lineages, in place.

        `shallow` holds the commits a shallow clone is cut off at: a lineage that starts at
        one of them has unknown revision numbers.
        """
        cut = set(shallow)
        for commit in reversed(newest_first):
            date = dt.datetime.fromisoformat(commit.date)
            for change in commit.files:
                if change.status == "D":
                    self.ended[change.path] = self.live.pop(change.path, [])
                    continue
                if change.status == "R" and change.old_path is not None:
                    lineage = self.live.pop(change.old_path, [])
                elif change.status in "AC":
                    lineage = []
                else:
                    lineage = self.live.get(change.path, [])
                number = _next_number(lineage, commit.commit in cut)
                lineage.append(
                    Revision(
                        number,
                        commit.commit,
                        commit.short,
                        date,
                        commit.author,
                        commit.subject,
                        change.path,
                    )
                )
                self.live[change.path] = lineage

    def of(self, relpath: str, *, deleted: bool) -> list[Revision]:
        """Return one file's revisions, oldest first; a deleted file keeps those it had."""
        if relpath in self.live:
            return self.live[relpath]
        return self.ended.get(relpath, []) if deleted else []


def _next_number(lineage: Sequence[Revision], cut_here: bool) -> int | None:
    """Number the next revision of a lineage: None throughout when history is cut off."""
    if not lineage:
        return None if cut_here else 1
    last = lineage[-1].number
    return None if last is None else last + 1


def follow(newest_first: Sequence[git.Commit], shallow: Iterable[str] = ()) -> Lineages:
    """Follow every file in a log through renames and deletions."""
    lineages = Lineages()
    lineages.extend(newest_first, shallow)
    return lineages


def file_revisions(repo: git.Repo, relpath: str) -> list[Revision]:
    """Read one file's revisions with `git log --follow`, oldest first (1 git call)."""
    lineages = follow(git.log_file(repo, relpath), repo.shallow_commits)
    return lineages.of(relpath, deleted=not (repo.root / relpath).exists())


def folder_revisions(repo: git.Repo, relfolder: str) -> dict[Path, list[Revision]]:
    """Read every file's revisions under a folder from one `git log -M`, by absolute path."""
    live = follow(git.log_folder(repo, relfolder), repo.shallow_commits).live
    return {repo.root / relpath: live[relpath] for relpath in sorted(live)}


def verdict(valid: bool, marking: Marking | None, ceiling: Marking | None) -> Verdict:
    """Say how an output under a ceiling (None: no ceiling) treats an old revision.

    A revision whose marking is above the ceiling, or unknown, is withheld whether or not
    it validates; one that does not validate shows no content.
    """
    if ceiling is not None and not allows(marking, ceiling):
        return "withheld"
    return "published" if valid else "invalid"


@dataclass(frozen=True)
class RevisionFiles:
    """What a revision's brief is read with: its text, the actors.yaml and places.yaml beside
    it and the briefgen.toml files of its folder and those above, nearest first (None where
    absent)."""

    brief: bytes | None
    actors: bytes | None
    places: bytes | None
    configs: tuple[bytes | None, ...]


def read_revision_files(repo: git.Repo, wanted: Sequence[tuple[str, str]]) -> list[RevisionFiles]:
    """Read each (commit, brief path)'s files in one `git cat-file --batch` call."""
    specs: list[str] = []
    counts: list[int] = []
    for commit, relpath in wanted:
        folder = PurePosixPath(relpath).parent
        configs = [(f / CONFIG_NAME).as_posix() for f in (folder, *folder.parents)]
        names = [relpath, *((folder / name).as_posix() for name in SHARED_FILES), *configs]
        specs += [f"{commit}:{name}" for name in names]
        counts.append(len(names))
    blobs = iter(git.read_blobs(repo, specs))
    files: list[RevisionFiles] = []
    for count in counts:
        brief, actors, places, *found = [next(blobs) for _ in range(count)]
        files.append(RevisionFiles(brief, actors, places, tuple(found)))
    return files


class RevisionValidator:
    """Validate old revisions as they were committed, parsing each distinct pair of
    actors.yaml and places.yaml once.

    A revision is validated with the `default_marking` of its own commit's briefgen.toml
    (or today's, when stricter), so its marking is the one it had.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.shared: dict[SharedTexts, SharedActors | BriefgenError] = {}

    def validate(
        self, revision: Revision, files: RevisionFiles, *, today: dt.date | None = None
    ) -> Validated:
        """Validate a revision's brief; raise BriefgenError when it cannot be read or is invalid."""
        if files.brief is None:
            raise GitError(
                f"{revision.path}: not found at {revision.short}; pick a revision listed by "
                "`briefgen history`"
            )
        shared = self._shared(revision, files)
        if isinstance(shared, BriefgenError):
            raise shared
        where = f"{revision.path}@{revision.label}"
        return validate_text(
            decode(files.brief, where),
            where,
            config=self.config_for(files),
            shared=shared,
            today=today or revision.date.date(),
            path=Path(revision.path),
        )

    def judge(
        self, revision: Revision, files: RevisionFiles
    ) -> tuple[Brief | None, Marking | None]:
        """Return a revision's brief (None when invalid) and its marking (None when unknown)."""
        try:
            brief = self.validate(revision, files).brief
        except BriefgenError:
            return None, self.marking(revision, files)
        return brief, brief.effective_marking

    def marking(self, revision: Revision, files: RevisionFiles) -> Marking | None:
        """Return the marking of a revision that does not validate, None when unknown."""
        if files.brief is None:
            return None
        try:
            where = f"{revision.path}@{revision.label}"
            data = parse(decode(files.brief, where), where).data
        except BriefgenError:
            return None
        return marking_of_data(data, self.config_for(files))

    def config_for(self, files: RevisionFiles) -> Config:
        """Return the config a revision is judged with: its commit's default marking."""
        return config_at_commit(self.config, default_at_commit(files.configs))

    def _shared(self, revision: Revision, files: RevisionFiles) -> SharedActors | BriefgenError:
        try:
            texts = shared_texts(files, revision)
        except BriefgenError as exc:
            return exc
        if texts not in self.shared:
            folder = PurePosixPath(revision.path).parent
            try:
                self.shared[texts] = parse_shared_texts(texts, folder, revision.label)
            except BriefgenError as exc:
                self.shared[texts] = exc
        return self.shared[texts]


def shared_texts(files: RevisionFiles, revision: Revision) -> SharedTexts:
    """Decode a revision's actors.yaml and places.yaml (None where absent)."""
    return tuple(
        decode(blob, f"{name}@{revision.label}") if blob is not None else None
        for blob, name in zip((files.actors, files.places), SHARED_FILES, strict=True)
    )
