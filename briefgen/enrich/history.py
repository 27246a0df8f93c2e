"""A brief's revisions in git: list them, read a brief as it was, and say what changed.

Revision numbers count the commits that changed a brief, oldest first, following renames:
revision 1 is the commit that added it. In a shallow clone whose history is cut off before
that commit, numbers are unknown (`Revision.number` is None) and only the commits present
are listed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefgen.config import Config
from briefgen.enrich import git
from briefgen.enrich.diff import BriefDiff, Change, diff_briefs
from briefgen.errors import BriefgenError, GitError, display_path
from briefgen.model import Brief
from briefgen.validate import (
    SHARED_FILES,
    SharedTexts,
    Validated,
    find_briefs,
    load_brief,
    parse_shared_texts,
    validate_text,
)

_NUMBER_REV = re.compile(r"^[rR]?(\d+)$")


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


def list_revisions(path: Path) -> list[Revision]:
    """List a brief's revisions oldest first, following renames (2 git calls)."""
    repo = git.find_repo(path)
    return _revisions(repo, repo.relpath(path))


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
    revisions = _revisions(repo, repo.relpath(path))
    revision, commit = _resolve(repo, path, rev, revisions)
    brief_text, shared_texts = _read_pair(repo, commit, revision.path)
    if brief_text is None:
        raise GitError(
            f"{display_path(path)}: the brief does not exist at {rev!r} ({revision.describe()}); "
            "pick a revision listed by `briefgen history`"
        )
    return brief_text, shared_texts, revision


def load_revision(
    path: Path, rev: str, *, config: Config | None = None, today: dt.date | None = None
) -> tuple[Validated, Revision]:
    """Validate the brief as it was at REV, with the actors.yaml and places.yaml of then."""
    brief_text, shared_texts, revision = read_revision(path, rev)
    return _validate_at(brief_text, shared_texts, revision, config=config, today=today), revision


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
    revisions = _revisions(repo, relpath)
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
    the baseline is `since` or else the previous revision. Pass `current` to reuse an
    already validated brief. Return None when git is missing or the brief is not in a
    repository; in a shallow clone, return what is known. A bad `since` or `rev` raises
    GitError. At most 6 git calls.
    """
    try:
        repo = git.find_repo(path)
        relpath = repo.relpath(path)
        revisions = _revisions(repo, relpath)
        dirty = rev is None and bool(git.changed_paths(repo, [relpath]))
    except GitError:
        return None  # no git, no repository: the brief renders without a revision line
    complete = not revisions or revisions[0].number is not None
    shown: Revision | None
    if rev is not None:
        shown, shown_commit = _resolve(repo, path, rev, revisions)
        draft = False
        upper = revisions.index(shown)
        if current is None:
            current = _load_at(repo, shown_commit, shown, config=config).brief
    else:
        draft = dirty or not revisions
        shown = revisions[-1] if revisions else None
        upper = len(revisions) if draft else len(revisions) - 1
    line = revision_line(shown, draft)
    baseline: Revision | None = None
    baseline_commit = ""
    if since is not None:
        baseline, baseline_commit = _resolve(repo, path, since, revisions)
    elif upper > 0:
        baseline = revisions[upper - 1]
        baseline_commit = baseline.commit
    if baseline is None:
        return RevisionInfo(line, draft, shown, None, "", [], complete)
    if current is None:
        current = load_brief(path, config=config).brief
    try:
        old = _load_at(repo, baseline_commit, baseline, config=config).brief
    except BriefgenError:
        # An old revision that no longer validates cannot be diffed; show no box.
        return RevisionInfo(line, draft, shown, baseline, baseline.describe(), [], complete)
    diff = diff_briefs(old, current, old_label=baseline.describe(), new_label=line)
    return RevisionInfo(
        line, draft, shown, baseline, baseline.describe(), list(diff.changes), complete, diff
    )


def history_of_folder(folder: Path) -> dict[Path, list[Revision]]:
    """Return the revisions of every file under a folder, keyed by current path (2 git calls).

    Keys are absolute paths inside the repository. Renames inside the folder are followed;
    the cost in git calls does not grow with the number of briefs or revisions, so a
    website can read its whole history at once. Files deleted in a commit are left out.
    """
    repo = git.find_repo(folder)
    return _folder_history(repo, folder)


def revision_infos(
    folder: Path,
    *,
    current: Mapping[Path, Brief] | None = None,
    config: Config | None = None,
) -> dict[Path, RevisionInfo]:
    """Return revision_info() for every brief under a folder in 4 git calls in all.

    Keys are the absolute paths of the briefs in the working tree. Pass `current` (keyed
    by the same absolute paths) to reuse briefs already validated; a brief that fails
    validation, or whose baseline does, gets its revision line and no changes. Return an
    empty mapping when git is missing or the folder is not in a repository.
    """
    try:
        repo = git.find_repo(folder)
    except GitError:
        return {}
    history = _folder_history(repo, folder)
    relfolder = _relfolder(repo, folder)
    dirty = git.changed_paths(repo, [relfolder or "."])
    plans: list[tuple[Path, Revision | None, bool, Revision | None]] = []
    for path in find_briefs([folder.resolve()]):
        revisions = history.get(path, [])
        draft = repo.relpath(path) in dirty or not revisions
        upper = len(revisions) if draft else len(revisions) - 1
        baseline = revisions[upper - 1] if upper > 0 else None
        plans.append((path, revisions[-1] if revisions else None, draft, baseline))
    specs: list[str] = []
    for _, _, _, baseline in plans:
        if baseline is not None:
            specs += [
                f"{baseline.commit}:{baseline.path}",
                *shared_specs(baseline.commit, baseline.path),
            ]
    blobs = iter(git.read_blobs(repo, specs))
    infos: dict[Path, RevisionInfo] = {}
    for path, shown, draft, baseline in plans:
        line = revision_line(shown, draft)
        complete = shown is None or shown.number is not None
        if baseline is None:
            infos[path] = RevisionInfo(line, draft, shown, None, "", [], complete)
            continue
        brief_blob = next(blobs)
        shared_texts = tuple(decode_blob(next(blobs)) for _ in SHARED_FILES)
        label = baseline.describe()
        try:
            new = (current or {}).get(path) or load_brief(path, config=config).brief
            if brief_blob is None:
                raise GitError(f"{baseline.path}: missing at {baseline.short}")
            old = _validate_at(
                brief_blob.decode("utf-8", "replace"),
                shared_texts,
                baseline,
                config=config,
            ).brief
        except BriefgenError:
            infos[path] = RevisionInfo(line, draft, shown, baseline, label, [], complete)
            continue
        diff = diff_briefs(old, new, old_label=label, new_label=line)
        infos[path] = RevisionInfo(
            line, draft, shown, baseline, label, list(diff.changes), complete, diff
        )
    return infos


def _relfolder(repo: git.Repo, folder: Path) -> str:
    """Return a folder relative to the repository top, '' for the top itself."""
    return "" if folder.resolve() == repo.root else repo.relpath(folder)


def _folder_history(repo: git.Repo, folder: Path) -> dict[Path, list[Revision]]:
    """Rebuild every file's lineage under a folder from one `git log -M` of the folder."""
    commits = git.log_folder(repo, _relfolder(repo, folder))
    lineages: dict[str, list[tuple[git.Commit, str]]] = {}
    for commit in reversed(commits):
        for change in commit.files:
            if change.status == "D":
                lineages.pop(change.path, None)
            elif change.status == "R" and change.old_path is not None:
                lineage = lineages.pop(change.old_path, [])
                lineages[change.path] = [*lineage, (commit, change.path)]
            elif change.status in "AC":
                lineages[change.path] = [(commit, change.path)]
            else:
                lineages.setdefault(change.path, []).append((commit, change.path))
    result: dict[Path, list[Revision]] = {}
    for relpath, lineage in sorted(lineages.items()):
        result[repo.root / relpath] = _number(repo, [(c, p) for c, p in reversed(lineage)])
    return result


def _revisions(repo: git.Repo, relpath: str) -> list[Revision]:
    """Read one file's revisions with `git log --follow`, oldest first."""
    commits = git.log_file(repo, relpath)
    pairs: list[tuple[git.Commit, str]] = []
    for commit in commits:
        # --follow lists only the followed file, by its path at that commit. A merge that
        # only combined its parents lists no file and is not a revision; one that resolved
        # a conflict in the brief lists it (combined diff, --cc).
        if not commit.files:
            continue
        change = commit.files[0]
        path = change.path
        if change.status == "D":
            continue
        pairs.append((commit, path))
        if change.status == "C":
            # --follow also tracks copies; a copy starts a new brief, so history ends here.
            break
    return _number(repo, pairs)


def _number(repo: git.Repo, newest_first: Sequence[tuple[git.Commit, str]]) -> list[Revision]:
    """Turn commits (newest first) into numbered revisions, oldest first."""
    oldest_first = list(reversed(newest_first))
    # In a shallow clone the oldest commit present may not be the one that added the file.
    cut = bool(oldest_first) and oldest_first[0][0].commit in repo.shallow_commits
    return [
        Revision(
            number=None if cut else i,
            commit=commit.commit,
            short=commit.short,
            date=dt.datetime.fromisoformat(commit.date),
            author=commit.author,
            subject=commit.subject,
            path=path,
        )
        for i, (commit, path) in enumerate(oldest_first, start=1)
    ]


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


def shared_specs(commit: str, relpath: str) -> list[str]:
    """Return the git specs of the actors.yaml and places.yaml beside a brief at a commit."""
    folder = PurePosixPath(relpath).parent
    return [f"{commit}:{folder / name}" for name in SHARED_FILES]


def decode_blob(blob: bytes | None) -> str | None:
    """Decode a blob read from git as text, keeping None for a missing file."""
    return blob.decode("utf-8", "replace") if blob is not None else None


def _read_pair(repo: git.Repo, commit: str, relpath: str) -> tuple[str | None, SharedTexts]:
    """Read a brief and the shared files beside it at one commit, in one git call."""
    specs = [f"{commit}:{relpath}", *shared_specs(commit, relpath)]
    brief_blob, *shared = git.read_blobs(repo, specs)
    return decode_blob(brief_blob), tuple(decode_blob(blob) for blob in shared)


def _load_at(
    repo: git.Repo, commit: str, revision: Revision, *, config: Config | None
) -> Validated:
    """Read and validate the brief at a commit."""
    brief_text, shared_texts = _read_pair(repo, commit, revision.path)
    if brief_text is None:
        raise GitError(
            f"{revision.path}: not found at {commit[:12]}; pick a revision listed by "
            "`briefgen history`"
        )
    return _validate_at(brief_text, shared_texts, revision, config=config)


def _validate_at(
    brief_text: str,
    shared_texts: SharedTexts,
    revision: Revision,
    *,
    config: Config | None = None,
    today: dt.date | None = None,
) -> Validated:
    """Validate a brief's text from git against the actors and places of the same revision."""
    where = f"{revision.path}@{revision.label}"
    folder = PurePosixPath(revision.path).parent
    shared = parse_shared_texts(shared_texts, folder, revision.label)
    return validate_text(
        brief_text,
        where,
        config=config,
        shared=shared,
        today=today or revision.date.date(),
        path=Path(revision.path),
    )


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
