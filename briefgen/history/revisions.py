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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefgen.config import CONFIG_NAME, Config
from briefgen.errors import BriefgenError, GitError, display_path
from briefgen.history import git
from briefgen.history.diff import BriefDiff, Change, diff_briefs
from briefgen.history.paths import RevisionPaths, revision_paths
from briefgen.model import Brief, Marking
from briefgen.policy import allows, config_at_commit, default_at_commit, marking_of_data
from briefgen.validate import (
    SHARED_FILES,
    SharedActors,
    SharedTexts,
    Validated,
    find_briefs,
    load_brief,
    parse_shared_texts,
    validate_text,
)
from briefgen.validate.yaml import decode, parse

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
    # Strengths and likelihoods that changed across the revisions this output may show.
    paths: RevisionPaths = field(default_factory=RevisionPaths)


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
            texts = _shared_texts(files, revision)
        except BriefgenError as exc:
            return exc
        if texts not in self.shared:
            folder = PurePosixPath(revision.path).parent
            try:
                self.shared[texts] = parse_shared_texts(texts, folder, revision.label)
            except BriefgenError as exc:
                self.shared[texts] = exc
        return self.shared[texts]


def _shared_texts(files: RevisionFiles, revision: Revision) -> SharedTexts:
    """Decode a revision's actors.yaml and places.yaml (None where absent)."""
    return tuple(
        decode(blob, f"{name}@{revision.label}") if blob is not None else None
        for blob, name in zip((files.actors, files.places), SHARED_FILES, strict=True)
    )


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
    revision, commit = _resolve(repo, path, rev, _revisions(repo, repo.relpath(path)))
    files = _files_at(repo, commit, revision, rev=rev, path=path)
    assert files.brief is not None
    where = f"{revision.path}@{revision.label}"
    return decode(files.brief, where), _shared_texts(files, revision), revision


def load_revision(
    path: Path, rev: str, *, config: Config | None = None, today: dt.date | None = None
) -> tuple[Validated, Revision]:
    """Validate the brief as it was at REV, with the actors.yaml and default marking of then."""
    repo = git.find_repo(path)
    revision, commit = _resolve(repo, path, rev, _revisions(repo, repo.relpath(path)))
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
        revisions = _revisions(repo, relpath)
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
    for (candidate, _), candidate_files in zip(candidates, files, strict=True):
        old, marking = validator.judge(candidate, candidate_files)
        label = candidate.describe()
        if not allows(marking, current.effective_marking):
            if since is not None:
                raise GitError(
                    f"{display_path(path)}: {label} is marked {marking or 'unknown'}, above "
                    f"this brief's {current.effective_marking}, so its content cannot go "
                    "into this output; pick a later --since"
                )
            continue  # withheld, as on the website: compare with an earlier revision
        if old is None:
            if since is not None:  # asked for, but it no longer validates: no changes to show
                return RevisionInfo(line, draft, shown, candidate, label, [], complete)
            continue
        diff = diff_briefs(old, current, old_label=label, new_label=line)
        return RevisionInfo(
            line, draft, shown, candidate, label, list(diff.changes), complete, diff, paths
        )
    return RevisionInfo(line, draft, shown, None, "", [], complete, paths=paths)


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
        if old is not None and allows(marking, current.effective_marking):
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
    validation gets its revision line and no changes. Return an empty mapping when git is
    missing or the folder is not in a repository.
    """
    try:
        repo = git.find_repo(folder)
    except GitError:
        return {}
    history = _folder_history(repo, folder)
    relfolder = _relfolder(repo, folder)
    dirty = git.changed_paths(repo, [relfolder or "."])
    plans: list[tuple[Path, Revision | None, bool, list[Revision]]] = []
    for path in find_briefs([folder.resolve()]):
        revisions = history.get(path, [])
        draft = repo.relpath(path) in dirty or not revisions
        upper = len(revisions) if draft else len(revisions) - 1
        plans.append((path, revisions[-1] if revisions else None, draft, revisions[:upper]))
    wanted = [(r.commit, r.path) for *_, earlier in plans for r in earlier]
    files = iter(read_revision_files(repo, wanted))
    validator = RevisionValidator(config or Config())
    infos: dict[Path, RevisionInfo] = {}
    for path, shown, draft, earlier in plans:
        line = revision_line(shown, draft)
        complete = shown is None or shown.number is not None
        infos[path] = RevisionInfo(line, draft, shown, None, "", [], complete)
        earlier_files = [next(files) for _ in earlier]
        try:
            new = (current or {}).get(path) or load_brief(path, config=config).brief
        except BriefgenError:
            continue
        for baseline, baseline_files in zip(
            reversed(earlier), reversed(earlier_files), strict=True
        ):
            old, marking = validator.judge(baseline, baseline_files)
            if old is None or not allows(marking, new.effective_marking):
                continue  # skipped as in revision_info: invalid or more restricted
            label = baseline.describe()
            diff = diff_briefs(old, new, old_label=label, new_label=line)
            infos[path] = RevisionInfo(
                line, draft, shown, baseline, label, list(diff.changes), complete, diff
            )
            break
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
