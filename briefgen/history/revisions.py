"""A brief's revisions in git: list them, read a brief as it was, and say what changed.

Revision numbers count the commits that changed a brief, oldest first, following renames:
revision 1 is the commit that added it. In a shallow clone whose history is cut off before
that commit, numbers are unknown (`Revision.number` is None) and only the commits present
are listed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.config import Config
from briefgen.errors import GitError, display_path
from briefgen.history import git
from briefgen.history.diff import BriefDiff, Change, diff_briefs
from briefgen.history.lineage import (
    Revision,
    RevisionFiles,
    RevisionValidator,
    file_revisions,
    folder_revisions,
    read_revision_files,
    shared_texts,
    verdict,
)
from briefgen.history.paths import RevisionPaths, revision_paths
from briefgen.model import Brief
from briefgen.validate import SharedTexts, Validated, load_brief
from briefgen.validate.yaml import decode

__all__ = [
    "Revision",
    "RevisionFiles",
    "RevisionInfo",
    "RevisionValidator",
    "diff_revisions",
    "has_uncommitted_changes",
    "history_of_folder",
    "list_revisions",
    "load_revision",
    "read_revision",
    "read_revision_files",
    "revision_info",
    "revision_line",
]

_NUMBER_REV = re.compile(r"^[rR]?(\d+)$")


@dataclass(frozen=True)
class RevisionInfo:
    """What a rendered brief shows about its revision and what changed since the baseline."""

    # "Revision 4 of 2024-11-02, a1b2c3d", "...; draft (uncommitted changes)", or
    # "Revision a1b2c3d of 2024-11-02 (earlier history not available)" in a shallow clone.
    revision_line: str
    # True when the working tree differs from the last commit (or the brief is uncommitted).
    draft: bool
    # The revision shown: the last commit of the brief, or REV; None when never committed.
    current: Revision | None
    # The revision the changes are counted from; None when there is none (no box to show).
    baseline: Revision | None
    # "revision 3 of 2024-10-31, 9f8e7d6" for "What changed since ..."; "" without baseline.
    baseline_label: str
    # The semantic diff from baseline to the brief shown, in document order.
    changes: list[Change]
    # False in a shallow clone cut off before the brief was added (numbers unknown).
    complete: bool = True
    # The whole diff (labels and changes), for format_markdown/format_text/to_json.
    diff: BriefDiff | None = None
    # Strengths and likelihoods that changed across the revisions this output may show.
    paths: RevisionPaths = field(default_factory=RevisionPaths)


def list_revisions(path: Path) -> list[Revision]:
    """List a brief's revisions oldest first, following renames (2 git calls)."""
    repo = git.find_repo(path)
    return file_revisions(repo, repo.relpath(path))


def has_uncommitted_changes(path: Path) -> bool:
    """Tell whether the brief in the working tree differs from its last commit (2 git calls)."""
    repo = git.find_repo(path)
    return bool(git.changed_paths(repo, [repo.relpath(path)]))


def read_revision(path: Path, rev: str) -> tuple[str, SharedTexts, Revision]:
    """Return the brief's text, the actors.yaml and places.yaml beside it and the revision at REV.

    REV is a revision number (`3`, `r3`) or any git revision (hash, tag, `HEAD~1`); for a
    commit that did not change the brief, the brief is read as it stood at that commit.
    At most 5 git calls.
    """
    repo = git.find_repo(path)
    revision, commit = _resolve(repo, path, rev, file_revisions(repo, repo.relpath(path)))
    files = _files_at(repo, commit, revision, rev=rev, path=path)
    assert files.brief is not None
    where = f"{revision.path}@{revision.label}"
    return decode(files.brief, where), shared_texts(files, revision), revision


def load_revision(
    path: Path, rev: str, *, config: Config | None = None, today: dt.date | None = None
) -> tuple[Validated, Revision]:
    """Validate the brief as it was at REV, with the actors.yaml and default marking of then."""
    repo = git.find_repo(path)
    revision, commit = _resolve(repo, path, rev, file_revisions(repo, repo.relpath(path)))
    files = _files_at(repo, commit, revision, rev=rev, path=path)
    return RevisionValidator(config or Config()).validate(revision, files, today=today), revision


def diff_revisions(
    path: Path,
    from_rev: str | None = None,
    to_rev: str | None = None,
    *,
    config: Config | None = None,
) -> BriefDiff:
    """Diff a brief between two revisions; by default the previous revision and the working tree.

    With only `to_rev`, compare the revision before it. Raise GitError when there is no
    earlier revision to compare with.
    """
    repo = git.find_repo(path)
    relpath = repo.relpath(path)
    revisions = file_revisions(repo, relpath)
    new: Validated
    if to_rev is None:
        new = load_brief(path, config=config)
        new_label = "working tree"
        dirty = bool(git.changed_paths(repo, [relpath])) or not revisions
        upper = len(revisions) if dirty else len(revisions) - 1
    else:
        to_revision, to_commit = _resolve(repo, path, to_rev, revisions)
        new = _load_at(repo, to_commit, to_revision, config=config)
        new_label = _label(to_rev, to_revision, to_commit)
        upper = revisions.index(to_revision)
    if from_rev is None:
        if upper <= 0:
            raise GitError(
                f"{display_path(path)}: no earlier revision to compare with "
                f"({len(revisions)} revision(s) in git); pass --from REV"
            )
        old_revision, old_commit = revisions[upper - 1], revisions[upper - 1].commit
    else:
        old_revision, old_commit = _resolve(repo, path, from_rev, revisions)
    old = _load_at(repo, old_commit, old_revision, config=config)
    old_label = _label(from_rev, old_revision, old_commit)
    return diff_briefs(old.brief, new.brief, old_label=old_label, new_label=new_label)


def revision_info(
    path: Path,
    *,
    since: str | None = None,
    rev: str | None = None,
    current: Brief | None = None,
    config: Config | None = None,
) -> RevisionInfo | None:
    """Return the revision line and the changes since a baseline for a rendered brief.

    Describe the working tree (or the brief at `rev` when given, as for `build --rev`);
    the baseline is `since` or else the latest earlier revision that validates and whose
    marking the brief's own allows (the publication policy: nothing more restricted than
    the output's stamp goes into it). Pass `current` to reuse an already validated brief.
    Return None when git is missing or the brief is not in a repository; in a shallow
    clone, return what is known. A bad `since` or `rev`, or a `since` more restricted than
    the brief, raises GitError. At most 6 git calls.
    """
    try:
        repo = git.find_repo(path)
        relpath = repo.relpath(path)
        revisions = file_revisions(repo, relpath)
        dirty = rev is None and bool(git.changed_paths(repo, [relpath]))
    except GitError:
        return None  # no git, no repository: the brief renders without a revision line
    complete = not revisions or revisions[0].number is not None
    validator = RevisionValidator(config or Config())
    shown: Revision | None
    if rev is not None:
        shown, shown_commit = _resolve(repo, path, rev, revisions)
        draft = False
        upper = revisions.index(shown)
        if current is None:
            current = validator.validate(shown, _files_at(repo, shown_commit, shown)).brief
    else:
        draft = dirty or not revisions
        shown = revisions[-1] if revisions else None
        upper = len(revisions) if draft else len(revisions) - 1
    line = revision_line(shown, draft)
    candidates = [(r, r.commit) for r in reversed(revisions[:upper])]
    if since is not None:
        candidates = [_resolve(repo, path, since, revisions)]
    if not candidates:
        return RevisionInfo(line, draft, shown, None, "", [], complete)
    if current is None:
        current = load_brief(path, config=config).brief
    files = read_revision_files(repo, [(commit, r.path) for r, commit in candidates])
    paths = RevisionPaths()
    if since is None:
        paths = _paths(candidates, files, validator, current, shown if not draft else None)
    found = _baseline(candidates, files, validator, current, since=since, path=path)
    if found is None:
        return RevisionInfo(line, draft, shown, None, "", [], complete, paths=paths)
    baseline, old = found
    label = baseline.describe()
    if old is None:  # asked for with --since, but it no longer validates: no changes to show
        return RevisionInfo(line, draft, shown, baseline, label, [], complete)
    diff = diff_briefs(old, current, old_label=label, new_label=line)
    return RevisionInfo(
        line, draft, shown, baseline, label, list(diff.changes), complete, diff, paths
    )


def _baseline(
    newest_first: Sequence[tuple[Revision, str]],
    files: Sequence[RevisionFiles],
    validator: RevisionValidator,
    current: Brief,
    *,
    since: str | None,
    path: Path,
) -> tuple[Revision, Brief | None] | None:
    """Find the revision to count changes from and its brief (None when it does not validate).

    Without `since`, that is the latest revision the brief's marking allows and that
    validates; a revision asked for with `since` must be allowed (else GitError).
    """
    for (candidate, _), candidate_files in zip(newest_first, files, strict=True):
        old, marking = validator.judge(candidate, candidate_files)
        judged = verdict(old is not None, marking, current.effective_marking)
        if judged == "withheld" and since is not None:
            raise GitError(
                f"{display_path(path)}: {candidate.describe()} is marked {marking or 'unknown'}, "
                f"above this brief's {current.effective_marking}, so its content cannot go "
                "into this output; pick a later --since"
            )
        if judged == "published" or (judged == "invalid" and since is not None):
            return candidate, old
        # Withheld, as on the website, or invalid: compare with an earlier revision.
    return None


def _paths(
    newest_first: Sequence[tuple[Revision, str]],
    files: Sequence[RevisionFiles],
    validator: RevisionValidator,
    current: Brief,
    shown: Revision | None,
) -> RevisionPaths:
    """Follow strengths and likelihoods through the earlier revisions the brief may show.

    A revision more restricted than the brief, or one that no longer validates, is left
    out, as the baseline search leaves it out; the files are already read, so no git call.
    """
    kept: list[tuple[Revision, Brief]] = []
    for (revision, _), revision_files in zip(newest_first, files, strict=True):
        old, marking = validator.judge(revision, revision_files)
        judged = verdict(old is not None, marking, current.effective_marking)
        if old is not None and judged == "published":
            kept.append((revision, old))
    kept.reverse()
    steps: list[tuple[Revision, Revision | None, list[Change]]] = [
        (a, b, diff_briefs(old, new).changes) for (a, old), (b, new) in itertools.pairwise(kept)
    ]
    if kept:
        steps.append((kept[-1][0], shown, diff_briefs(kept[-1][1], current).changes))
    return revision_paths(steps)


def history_of_folder(folder: Path) -> dict[Path, list[Revision]]:
    """Return the revisions of every file under a folder, keyed by current path (2 git calls).

    Keys are absolute paths inside the repository. Renames inside the folder are followed;
    the cost in git calls does not grow with the number of briefs or revisions, so a
    website can read its whole history at once. Files deleted in a commit are left out.
    """
    repo = git.find_repo(folder)
    return folder_revisions(repo, _relfolder(repo, folder))


def _relfolder(repo: git.Repo, folder: Path) -> str:
    """Return a folder relative to the repository top, '' for the top itself."""
    return "" if folder.resolve() == repo.root else repo.relpath(folder)


def _resolve(
    repo: git.Repo, path: Path, rev: str, revisions: list[Revision]
) -> tuple[Revision, str]:
    """Find the revision in effect at REV and the commit to read files from."""
    match = _NUMBER_REV.match(rev.strip())
    # Seven or more digits with no such revision may be a short hash made only of digits.
    if match and not (len(rev.strip()) >= 7 and int(match[1]) > len(revisions)):
        number = int(match[1])
        for revision in revisions:
            if revision.number == number:
                return revision, revision.commit
        known = f"r1 to r{len(revisions)}" if revisions and revisions[0].number else "none known"
        raise GitError(
            f"{display_path(path)}: no revision {rev!r} (revisions: {known}); "
            "run `briefgen history` to list them"
        )
    commit = git.resolve_commit(repo, rev.strip(), for_path=path)
    by_commit = {r.commit: r for r in revisions}
    if commit in by_commit:
        return by_commit[commit], commit
    before = git.ancestors(repo, commit)
    for revision in reversed(revisions):
        if revision.commit in before:
            return revision, commit
    raise GitError(
        f"{display_path(path)}: the brief does not exist yet at {rev!r}; "
        "pick a later revision (see `briefgen history`)"
    )


def _files_at(
    repo: git.Repo,
    commit: str,
    revision: Revision,
    *,
    rev: str | None = None,
    path: Path | None = None,
) -> RevisionFiles:
    """Read a brief's files at one commit (1 git call); GitError when the brief is absent."""
    (files,) = read_revision_files(repo, [(commit, revision.path)])
    if files.brief is None:
        where = display_path(path) if path is not None else revision.path
        asked = f"at {rev!r} ({revision.describe()})" if rev else f"at {commit[:12]}"
        raise GitError(
            f"{where}: the brief does not exist {asked}; pick a revision listed by "
            "`briefgen history`"
        )
    return files


def _load_at(
    repo: git.Repo, commit: str, revision: Revision, *, config: Config | None
) -> Validated:
    """Read and validate the brief at a commit, as it was committed."""
    files = _files_at(repo, commit, revision)
    return RevisionValidator(config or Config()).validate(revision, files)


def _label(rev: str | None, revision: Revision, commit: str) -> str:
    """Name one side of a diff: the revision, or the REV given when it is a later commit."""
    if rev is None or commit == revision.commit:
        return revision.describe()
    return f"{rev} ({revision.describe()})"


def revision_line(shown: Revision | None, draft: bool) -> str:
    """Write the line a rendered brief shows about its revision."""
    if shown is None:
        return "Draft (uncommitted changes), not yet in git"
    if shown.number is None:
        line = f"Revision {shown.short} of {shown.day} (earlier history not available)"
    else:
        line = f"Revision {shown.number} of {shown.day}, {shown.short}"
    return f"{line}; draft (uncommitted changes)" if draft else line
