"""Every brief's revisions in git for the website: read in bulk, validated, diffed and policed.

The whole folder's history costs a fixed number of git calls (find the repository and its
HEAD, one `git log` of the folder, one `git status`, at most two batched blob reads),
whatever the number of briefs and revisions; HEAD alone tells a rebuild whether anything
in git changed. Every file's revisions are kept with the commit they were read at, so
after new commits only those are logged. What each old revision is (its marking, title,
validity) and what changed between two revisions are cached by commit and path, which
never change, so a rebuild only reads and validates revisions it has not seen.

Publication policy (`briefgen.policy`): an old revision is judged by the marking it had
when committed (its own, else the default of that commit's briefgen.toml). One marked
above `publish.max_marking`, or whose marking cannot be known (it does not parse), is
withheld: its entry names only its number, date and marking; nothing it contained, not
even its subject or author, reaches a page, and the next published revision is diffed
against the last published one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from briefgen._version import __version__
from briefgen.config import Config
from briefgen.errors import GitError
from briefgen.history import git
from briefgen.history.diff import Change, FieldChange, Kind, diff_briefs
from briefgen.history.paths import revision_paths
from briefgen.history.revisions import (
    Revision,
    RevisionFiles,
    RevisionInfo,
    RevisionValidator,
    history_of_folder,
    read_revision_files,
    revision_line,
)
from briefgen.model import Brief, Marking
from briefgen.output import write_atomic
from briefgen.policy import is_publishable
from briefgen.site.engine.cache import CACHE_FORMAT, config_key, digest
from briefgen.site.engine.pool import WorkerPool
from briefgen.validate import Validated

HISTORY_FILE = "history.json"
LOG_FILE = "git-log.json"
_LOG_FORMAT = 1  # bump when what LOG_FILE holds changes


@dataclass(frozen=True)
class GitHead:
    """The repository holding a briefs folder and its current commit."""

    repo: git.Repo
    folder: Path
    commit: str  # "" before the first commit

    @property
    def key(self) -> str:
        """Return a hash that changes whenever the history may have: a commit, a fetch."""
        return digest(self.commit, self.repo.shallow, sorted(self.repo.shallow_commits))


@dataclass(frozen=True)
class GitState:
    """The git history of a briefs folder: its repository and every file's revisions."""

    repo: git.Repo
    folder: str  # the briefs folder relative to the repository top, "" for the top
    revisions: Mapping[Path, list[Revision]]  # oldest first, keyed by resolved path


@dataclass(frozen=True)
class HistoryEntry:
    """One revision of a brief (or its uncommitted draft) and what it changed, as shown."""

    revision: Revision | None  # None for the draft
    # "first" (revision 1), "first-shown" (earlier ones withheld or unreadable), "earliest"
    # (a shallow clone's oldest), "changed", "withheld", "invalid" or "draft".
    status: str
    marking: Marking | None = None  # the revision's marking when known
    title: str = ""  # the brief's title at this revision (empty when withheld or invalid)
    baseline: Revision | None = None  # what the changes are counted from
    changes: tuple[Change, ...] = ()

    @property
    def withheld(self) -> bool:
        """Tell whether the publication policy hides this revision's content."""
        return self.status == "withheld"

    @property
    def anchor(self) -> str:
        """Return the entry's HTML id on the history page, e.g. `rev-a1b2c3d`."""
        return f"rev-{self.revision.short}" if self.revision else "draft"

    @property
    def heading(self) -> str:
        """Name the entry: `Revision 3`, `Revision a1b2c3d` (shallow clone) or `Draft`."""
        if self.revision is None:
            return "Draft (uncommitted changes)"
        if self.revision.number is None:
            return f"Revision {self.revision.short}"
        return f"Revision {self.revision.number}"


@dataclass(frozen=True)
class BriefHistory:
    """A published brief's history: entries newest first and its revision line and box."""

    entries: tuple[HistoryEntry, ...]
    info: RevisionInfo
    updated: dt.date | None  # the date of the latest revision, None when never committed
    complete: bool  # False in a shallow clone cut off before the brief was added

    @cached_property
    def key(self) -> str:
        """Return a hash of everything the history page and the feed show of this brief."""
        return digest(
            [_entry_parts(e) for e in self.entries],
            self.info.revision_line,
            self.info.baseline_label,
            [(c.kind, c.summary) for c in self.info.changes],
        )


@dataclass
class HistoryCache:
    """What old revisions were and what changed between two of them, kept between builds."""

    path: Path | None
    salt: str
    revisions: dict[str, dict[str, Any]] = field(default_factory=dict)
    diffs: dict[str, list[list[Any]]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed: bool = False

    @classmethod
    def open(cls, folder: Path | None, config: Config) -> HistoryCache:
        """Read the cache in a site cache folder, or start an empty one (in memory for None)."""
        salt = config_key(config)
        if folder is None:
            return cls(None, salt)
        path = folder / HISTORY_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT or data.get("salt") != salt:
                raise ValueError("another format or configuration")
            return cls(path, salt, dict(data["revisions"]), dict(data["diffs"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path, salt)

    def revision(self, key: str) -> dict[str, Any] | None:
        """Return what is known of a revision (`valid`, `marking`, `title`), or None."""
        entry = self.revisions.get(key)
        if entry is not None:
            self.used.add(key)
        return entry

    def put_revision(self, key: str, entry: dict[str, Any]) -> None:
        """Remember what a revision is."""
        self.revisions[key] = entry
        self.used.add(key)
        self.changed = True

    def has_diff(self, key: str) -> bool:
        """Tell whether the changes between two revisions are cached."""
        return key in self.diffs

    def diff(self, key: str) -> list[Change] | None:
        """Return the cached changes between two revisions, or None."""
        entry = self.diffs.get(key)
        if entry is None:
            return None
        self.used.add(key)
        return [
            Change(s, cast(Kind, k), i, text, [FieldChange(*f) for f in fields])
            for s, k, i, text, fields in entry
        ]

    def put_diff(self, key: str, rows: list[list[Any]]) -> None:
        """Remember the changes between two revisions, as rows made by `_rows`."""
        self.diffs[key] = rows
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the cache back, keeping only what this build used."""
        if self.path is None:
            return
        stale = set(self.revisions) | set(self.diffs)
        if not self.changed and self.used >= stale:
            return
        payload = {
            "format": CACHE_FORMAT,
            "salt": self.salt,
            "revisions": {k: v for k, v in self.revisions.items() if k in self.used},
            "diffs": {k: v for k, v in self.diffs.items() if k in self.used},
        }
        write_atomic(self.path, json.dumps(payload, separators=(",", ":")))


def find_git_head(src: Path) -> GitHead | None:
    """Find the repository of a briefs folder and its HEAD (2 git calls); None outside git."""
    try:
        repo = git.find_repo(src)
    except GitError:
        return None  # no git, no repository: the site is built without history
    try:
        commit = git.resolve_commit(repo, "HEAD")
    except GitError:
        commit = ""  # a repository without commits yet
    return GitHead(repo, src, commit)


def read_git_state(head: GitHead, cache_dir: Path | None = None) -> GitState | None:
    """Read the history of every file under the folder; None when git fails.

    A full read is one `git log` of the folder. With a cache folder, the history is kept
    with the commit it was read at; when HEAD has since moved forward through commits of
    one parent each, two git calls bring it up to date: one checks the line of commits,
    one logs the new ones. Anything else (a merge, an amend, a reset, another branch, a
    shallow clone, a missing or foreign cache) reads the whole history again.
    """
    try:
        src = head.folder.resolve()
        folder = "" if src == head.repo.root else head.repo.relpath(src)
        if head.repo.shallow or not head.commit:
            # Revision numbers are unknown at the cut-off: history_of_folder handles that.
            return GitState(head.repo, folder, history_of_folder(head.folder))
        cached = _Snapshot.load(cache_dir)
        snapshot = _read_since(head, folder, cached)
        if snapshot is None:
            commits = git.log_folder(head.repo, folder, start=head.commit)
            snapshot = _Snapshot(folder, head.commit, _extend({}, commits))
        if snapshot is not cached:
            snapshot.save(cache_dir)
    except GitError:
        return None
    root = head.repo.root
    revisions = {root / relpath: snapshot.files[relpath] for relpath in sorted(snapshot.files)}
    return GitState(head.repo, folder, revisions)


@dataclass(frozen=True)
class _Snapshot:
    """Every file's revisions under a folder, keyed by path, as they stood at one commit."""

    folder: str
    commit: str
    files: dict[str, list[Revision]]

    @property
    def abbrev(self) -> int:
        """Return the length git abbreviated hashes to, 0 without any revision."""
        return min((len(r.short) for rs in self.files.values() for r in rs), default=0)

    @classmethod
    def load(cls, cache_dir: Path | None) -> _Snapshot | None:
        """Read the snapshot in a site cache folder; None when missing, corrupt or foreign."""
        if cache_dir is None:
            return None
        try:
            data = json.loads((cache_dir / LOG_FILE).read_text(encoding="utf-8"))
            if data["key"] != _log_key():
                return None
            commits: list[dict[str, Any]] = [
                {
                    "commit": str(commit),
                    "short": str(short),
                    "date": dt.datetime.fromisoformat(date),
                    "author": str(author),
                    "subject": str(subject),
                }
                for commit, short, date, author, subject in data["commits"]
            ]
            files = {
                str(relpath): [
                    Revision(number=number, path=str(path), **commits[index])
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

    def save(self, cache_dir: Path | None) -> None:
        """Write the snapshot to a site cache folder (nothing without one)."""
        if cache_dir is None:
            return
        index: dict[str, int] = {}
        commits: list[list[str]] = []
        files: dict[str, list[tuple[int, str]]] = {}
        for relpath, revisions in self.files.items():
            for revision in revisions:
                if revision.commit not in index:
                    index[revision.commit] = len(commits)
                    commits.append(
                        [
                            revision.commit,
                            revision.short,
                            revision.date.isoformat(),
                            revision.author,
                            revision.subject,
                        ]
                    )
            files[relpath] = [(index[r.commit], r.path) for r in revisions]
        payload = {
            "key": _log_key(),
            "folder": self.folder,
            "commit": self.commit,
            "commits": commits,
            "files": files,
        }
        write_atomic(cache_dir / LOG_FILE, json.dumps(payload, separators=(",", ":")))


def _log_key() -> str:
    """Return the key of the snapshot's format: briefgen's version and the cache formats."""
    return digest(__version__, CACHE_FORMAT, _LOG_FORMAT)


def _read_since(head: GitHead, folder: str, snapshot: _Snapshot | None) -> _Snapshot | None:
    """Bring a cached snapshot up to HEAD with the new commits alone; None when it cannot."""
    if snapshot is None or snapshot.folder != folder:
        return None
    if snapshot.commit == head.commit:
        return snapshot
    # Past a merge, `git log` orders the merged branch's commits among older ones by date
    # and may drop a side whose changes the merge discarded: only a full read says how.
    if not git.descends_in_line(head.repo, snapshot.commit, head.commit):
        return None
    commits = git.log_folder(head.repo, folder, start=head.commit, since=snapshot.commit)
    if any(len(c.short) != snapshot.abbrev for c in commits):
        return None  # git abbreviates hashes longer now, so old short hashes may have grown
    return _Snapshot(folder, head.commit, _extend(snapshot.files, commits))


def _extend(
    files: dict[str, list[Revision]], newest_first: Sequence[git.Commit]
) -> dict[str, list[Revision]]:
    """Add commits from a folder's `git log -M` to every file's revisions (in place).

    A rename carries the revisions to the new path, a deletion ends them and an addition
    or a copy starts new ones, as `history_of_folder` reads them.
    """
    for commit in reversed(newest_first):
        date = dt.datetime.fromisoformat(commit.date)
        for change in commit.files:
            if change.status == "D":
                files.pop(change.path, None)
                continue
            if change.status == "R" and change.old_path is not None:
                lineage = files.pop(change.old_path, [])
            elif change.status in "AC":
                lineage = []
            else:
                lineage = files.get(change.path, [])
            number = len(lineage) + 1
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
            files[change.path] = lineage
    return files


def read_site_history(
    state: GitState,
    briefs: Sequence[tuple[Validated, str]],
    *,
    config: Config,
    include_restricted: bool = False,
    cache: HistoryCache | None = None,
    pool: WorkerPool | None = None,
) -> dict[Path, BriefHistory]:
    """Return the history of every brief (each with its content key), keyed by its path.

    Old revisions are read in at most two batched git calls and validated only when the
    cache does not know them; one more git call finds uncommitted changes. A git failure
    leaves the briefs without history rather than failing the build.
    """
    cache = cache or HistoryCache(None, config_key(config))
    reader = _RevisionReader(state.repo, config, cache)
    try:
        dirty = git.changed_paths(state.repo, [state.folder or "."])
        lineages = [_lineage(state, checked, key, dirty) for checked, key in briefs]
        if pool is not None:
            reader.load_in_workers(lineages, pool, include_restricted)
        # First learn every revision's marking: it decides what each revision is diffed with.
        reader.load(r for lineage in lineages for r in lineage.revisions)
        plans = [_plan(x.revisions, reader, config, include_restricted) for x in lineages]
        # Then read the revisions that a diff not yet cached needs, in one more batch.
        wanted = [
            revision
            for lineage, plan in zip(lineages, plans, strict=True)
            for old, new in _pairs(plan, draft=lineage.draft)
            if not cache.has_diff(_diff_key(old, new, lineage.key))
            for revision in (old, new)
            if revision is not None
        ]
        reader.load(wanted, briefs=True)
    except GitError:
        return {}  # e.g. a brief outside the repository (a symlink): no history at all
    return {
        lineage.checked.path: _history(lineage, plan, reader, cache)
        for lineage, plan in zip(lineages, plans, strict=True)
    }


def read_history(
    head: GitHead | None,
    briefs: Sequence[tuple[Validated, str]],
    *,
    config: Config,
    include_restricted: bool = False,
    cache_dir: Path | None = None,
    pool: WorkerPool | None = None,
) -> dict[Path, BriefHistory]:
    """Read the history of every brief, with the cache in a site's cache folder; {} outside git."""
    if head is None:
        return {}
    state = read_git_state(head, cache_dir)
    if state is None:
        return {}
    cache = HistoryCache.open(cache_dir, config)
    histories = read_site_history(
        state, briefs, config=config, include_restricted=include_restricted, cache=cache, pool=pool
    )
    cache.save()
    return histories


@dataclass(frozen=True)
class _Lineage:
    """A brief in the working tree, its content key, its revisions and whether it is a draft."""

    checked: Validated
    key: str
    revisions: list[Revision]
    draft: bool


@dataclass(frozen=True)
class _Step:
    """One revision in a lineage and how the policy treats it."""

    revision: Revision
    status: str  # "published", "withheld" or "invalid"
    marking: Marking | None
    title: str


LineageTask = tuple[list[Revision], list[RevisionFiles], Config, bool]
LineageResult = tuple[dict[str, dict[str, Any]], dict[str, list[list[Any]]]]


def describe_lineages(batch: list[LineageTask]) -> list[LineageResult]:
    """Validate briefs' old revisions and diff consecutive published ones (in a worker)."""
    results: list[LineageResult] = []
    validators: dict[str, RevisionValidator] = {}
    for revisions, files, config, include_all in batch:
        validator = validators.setdefault(config_key(config), RevisionValidator(config))
        metas: dict[str, dict[str, Any]] = {}
        briefs: dict[str, Brief | None] = {}
        for revision, revision_files in zip(revisions, files, strict=True):
            key = _revision_key(revision)
            briefs[key], marking = validator.judge(revision, revision_files)
            metas[key] = _meta(briefs[key], marking)
        steps = [_step(r, metas[_revision_key(r)], config, include_all) for r in revisions]
        diffs: dict[str, list[list[Any]]] = {}
        for old, new in _pairs(steps, draft=False):
            old_brief = briefs[_revision_key(old)]
            new_brief = briefs[_revision_key(new)] if new is not None else None
            if old_brief is not None and new_brief is not None:
                changes = diff_briefs(old_brief, new_brief).changes
                diffs[_diff_key(old, new, "")] = _rows(changes)
        results.append((metas, diffs))
    return results


class _RevisionReader:
    """Read, validate and describe old revisions in batches, caching what they are."""

    def __init__(self, repo: git.Repo, config: Config, cache: HistoryCache) -> None:
        self.repo = repo
        self.config = config
        self.cache = cache
        self.briefs: dict[str, Brief | None] = {}
        self.validator = RevisionValidator(config)

    def describe(self, revision: Revision) -> dict[str, Any]:
        """Return what a loaded revision is: `valid`, `marking` (None: unknown) and `title`."""
        entry = self.cache.revision(_revision_key(revision))
        return entry if entry is not None else {"valid": False}

    def brief(self, revision: Revision) -> Brief | None:
        """Return a loaded revision's brief, None when it does not validate."""
        return self.briefs.get(_revision_key(revision))

    def load(self, revisions: Iterable[Revision], *, briefs: bool = False) -> None:
        """Read and validate, in one git call, revisions not yet known (or not yet loaded)."""
        todo: dict[str, Revision] = {}
        for revision in revisions:
            key = _revision_key(revision)
            known = key in self.briefs if briefs else self.cache.revision(key) is not None
            if not known:
                todo[key] = revision
        for (key, revision), files in zip(
            todo.items(), self._read(list(todo.values())), strict=True
        ):
            brief, marking = self.validator.judge(revision, files)
            self.briefs[key] = brief
            self.cache.put_revision(key, _meta(brief, marking))

    def load_in_workers(
        self, lineages: Sequence[_Lineage], pool: WorkerPool, include_all: bool
    ) -> None:
        """Validate and diff the revisions of many briefs the cache does not know, in parallel.

        Only worth it for a first build; the briefs come back as cache entries, not objects.
        """
        fresh = [
            lineage
            for lineage in lineages
            if any(_revision_key(r) not in self.cache.revisions for r in lineage.revisions)
        ]
        if not pool.worth_it(len(fresh)):
            return
        blobs = iter(self._read([r for lineage in fresh for r in lineage.revisions]))
        tasks: list[LineageTask] = [
            (lineage.revisions, [next(blobs) for _ in lineage.revisions], self.config, include_all)
            for lineage in fresh
        ]
        for metas, diffs in pool.map(describe_lineages, tasks):
            for key, meta in metas.items():
                self.cache.put_revision(key, meta)
            for key, rows in diffs.items():
                self.cache.put_diff(key, rows)

    def _read(self, revisions: Sequence[Revision]) -> list[RevisionFiles]:
        """Read each revision's brief, actors.yaml and briefgen.toml files, in one git call."""
        if not revisions:
            return []
        return read_revision_files(self.repo, [(r.commit, r.path) for r in revisions])


def _meta(brief: Brief | None, marking: Marking | None) -> dict[str, Any]:
    """Describe a revision for the cache: valid, marking (None: unknown) and title."""
    value = marking.value if marking is not None else None
    if brief is None:
        return {"valid": False, "marking": value}
    return {"valid": True, "marking": value, "title": brief.title}


def _rows(changes: Sequence[Change]) -> list[list[Any]]:
    """Turn changes into cache rows, with the field values the reader's sentences need."""
    return [
        [c.section, c.kind, c.item_id, c.summary, [[f.field, f.old, f.new] for f in c.fields]]
        for c in changes
    ]


def _entry_parts(entry: HistoryEntry) -> list[Any]:
    """Return what a history entry shows, for content keys."""
    revision = entry.revision
    return [
        [
            revision.commit,
            revision.number,
            revision.date.isoformat(),
            revision.author,
            revision.subject,
        ]
        if revision
        else None,
        entry.status,
        entry.marking.value if entry.marking else None,
        entry.title,
        entry.baseline.describe() if entry.baseline else None,
        [(c.kind, c.summary) for c in entry.changes],
    ]


def _lineage(state: GitState, checked: Validated, key: str, dirty: set[str]) -> _Lineage:
    """Find a brief's revisions and whether the working tree differs from the last one."""
    relpath = state.repo.relpath(checked.path)
    revisions = state.revisions.get(state.repo.root / relpath, [])
    draft = not revisions or relpath in dirty
    return _Lineage(checked, key, revisions, draft)


def _revision_key(revision: Revision) -> str:
    return f"{revision.commit}:{revision.path}"


def _diff_key(old: Revision | None, new: Revision | None, draft_key: str) -> str:
    """Name a diff: old revision to new revision, or to the working tree's content key."""
    old_part = _revision_key(old) if old else "-"
    new_part = _revision_key(new) if new else f"draft:{draft_key}"
    return f"{old_part}>{new_part}"


def _plan(
    revisions: Sequence[Revision], reader: _RevisionReader, config: Config, include_all: bool
) -> list[_Step]:
    """Decide for each revision whether it is published, withheld or invalid."""
    return [_step(r, reader.describe(r), config, include_all) for r in revisions]


def _step(revision: Revision, meta: Mapping[str, Any], config: Config, include_all: bool) -> _Step:
    """Apply the publication policy to one revision described by `_meta`.

    A revision that does not validate is listed (subject and author, no content) only when
    the policy allows the marking it had; one whose marking is unknown is withheld.
    """
    marking = Marking(meta["marking"]) if meta.get("marking") else None
    if not (include_all or is_publishable(marking, config)):
        return _Step(revision, "withheld", marking, "")
    if not meta.get("valid"):
        return _Step(revision, "invalid", marking, "")
    return _Step(revision, "published", marking, str(meta.get("title", "")))


def _pairs(plan: Sequence[_Step], *, draft: bool) -> list[tuple[Revision, Revision | None]]:
    """Return (previous published, published) for each published revision but the first,
    and (last published, None) for a draft."""
    pairs: list[tuple[Revision, Revision | None]] = []
    last: Revision | None = None
    for step in plan:
        if step.status != "published":
            continue
        if last is not None:
            pairs.append((last, step.revision))
        last = step.revision
    if draft and last is not None:
        pairs.append((last, None))
    return pairs


def _changes(
    old: Revision,
    new: Revision | None,
    draft: Brief | None,
    draft_key: str,
    reader: _RevisionReader,
    cache: HistoryCache,
) -> tuple[Change, ...]:
    """Return the changes from one revision to the next (or to the draft), cached."""
    key = _diff_key(old, new, draft_key)
    cached = cache.diff(key)
    if cached is not None:
        return tuple(cached)
    old_brief = reader.brief(old)
    new_brief = reader.brief(new) if new is not None else draft
    if old_brief is None or new_brief is None:
        return ()
    cache.put_diff(key, _rows(diff_briefs(old_brief, new_brief).changes))
    return tuple(cache.diff(key) or ())  # as a cached diff reads, whether cached or not


def _history(
    lineage: _Lineage, plan: Sequence[_Step], reader: _RevisionReader, cache: HistoryCache
) -> BriefHistory:
    """Assemble one brief's entries (newest first) and its revision line and box."""
    checked, key, revisions, draft = lineage.checked, lineage.key, lineage.revisions, lineage.draft
    complete = not revisions or revisions[0].number is not None
    entries: list[HistoryEntry] = []
    last: Revision | None = None
    for step in plan:
        revision = step.revision
        if step.status != "published":
            entries.append(HistoryEntry(revision, step.status, step.marking))
            continue
        if last is None:
            status = "first" if revision is revisions[0] else "first-shown"
            if not complete and revision is revisions[0]:
                status = "earliest"
            entries.append(HistoryEntry(revision, status, step.marking, step.title))
        else:
            changes = _changes(last, revision, None, key, reader, cache)
            entries.append(
                HistoryEntry(revision, "changed", step.marking, step.title, last, changes)
            )
        last = revision
    shown = revisions[-1] if revisions else None
    line = revision_line(shown, draft)
    info = RevisionInfo(line, draft, shown, None, "", [], complete)
    if draft:
        changes = ()
        if last is not None:
            changes = _changes(last, None, checked.brief, key, reader, cache)
        entries.append(
            HistoryEntry(
                None,
                "draft",
                checked.brief.effective_marking,
                checked.brief.title,
                last,
                changes,
            )
        )
        if last is not None:
            info = RevisionInfo(line, draft, shown, last, last.describe(), list(changes), complete)
    elif entries and entries[-1].baseline is not None:
        newest = entries[-1]
        assert newest.baseline is not None
        info = RevisionInfo(
            line,
            draft,
            shown,
            newest.baseline,
            newest.baseline.describe(),
            list(newest.changes),
            complete,
        )
    # Withheld and invalid revisions have no changes of their own: they feed no path.
    steps = [(e.baseline, e.revision, e.changes) for e in entries if e.baseline is not None]
    info = dataclasses.replace(info, paths=revision_paths(steps))
    updated = revisions[-1].date.date() if revisions else None
    return BriefHistory(tuple(reversed(entries)), info, updated, complete)
