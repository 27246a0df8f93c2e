"""Every brief's history for the website: its entries, revision line and box, policed.

The whole folder's history is read by `briefgen.history.bulk` (a fixed number of git
calls, kept between builds in the site's cache folder); old revisions are read, validated
and diffed by `briefgen.history.store` (cached by commit and path, so a rebuild only
reads revisions it has not seen). This module assembles what the history pages and the
feed show of each brief; HEAD alone tells a rebuild whether anything in git changed.

Publication policy (`briefgen.policy`, applied through `briefgen.history.lineage.verdict`):
an old revision is judged by the marking it had when committed (its own, else the default
of that commit's briefgen.toml). One marked above `publish.max_marking`, or whose marking
cannot be known (it does not parse), is withheld: its entry names only its number, date
and marking; nothing it contained, not even its subject or author, reaches a page, and the
next published revision is diffed against the last published one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from briefgen._version import __version__
from briefgen.config import Config
from briefgen.errors import GitError
from briefgen.history import git
from briefgen.history.bulk import LOG_FILE, LOG_FORMAT, GitState, read_folder_history
from briefgen.history.diff import Change, diff_briefs
from briefgen.history.lineage import Revision
from briefgen.history.paths import revision_paths
from briefgen.history.revisions import RevisionInfo, revision_line
from briefgen.history.store import (
    HISTORY_FILE,
    HistoryCache,
    Pool,
    RevisionReader,
    Step,
    diff_key,
    diff_rows,
    published_pairs,
    step,
)
from briefgen.model import Brief, Marking
from briefgen.policy import site_ceiling
from briefgen.site.engine.cache import CACHE_FORMAT, config_key, digest
from briefgen.validate import Validated

__all__ = [
    "HISTORY_FILE",
    "LOG_FILE",
    "BriefHistory",
    "GitHead",
    "GitState",
    "HistoryEntry",
    "find_git_head",
    "read_git_state",
    "read_history",
    "read_site_history",
]


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
    """Read the history of every file under the folder, kept in a site cache folder."""
    key = digest(__version__, CACHE_FORMAT, LOG_FORMAT)
    return read_folder_history(head.repo, head.folder, head.commit, cache_dir=cache_dir, key=key)


def read_site_history(
    state: GitState,
    briefs: Sequence[tuple[Validated, str]],
    *,
    config: Config,
    include_restricted: bool = False,
    cache: HistoryCache | None = None,
    pool: Pool | None = None,
) -> dict[Path, BriefHistory]:
    """Return the history of every brief (each with its content key), keyed by its path.

    Old revisions are read in at most two batched git calls and validated only when the
    cache does not know them; one more git call finds uncommitted changes. A git failure
    leaves the briefs without history rather than failing the build.
    """
    cache = cache or HistoryCache(None, config_key(config), CACHE_FORMAT)
    reader = RevisionReader(state.repo, config, cache)
    ceiling = site_ceiling(config, include_restricted=include_restricted)
    try:
        dirty = git.changed_paths(state.repo, [state.folder or "."])
        lineages = [_lineage(state, checked, key, dirty) for checked, key in briefs]
        if pool is not None:
            reader.load_in_workers([x.revisions for x in lineages], pool, ceiling)
        # First learn every revision's marking: it decides what each revision is diffed with.
        reader.load(r for lineage in lineages for r in lineage.revisions)
        plans = [_plan(x.revisions, reader, ceiling) for x in lineages]
        # Then read the revisions that a diff not yet cached needs, in one more batch.
        wanted = [
            revision
            for lineage, plan in zip(lineages, plans, strict=True)
            for old, new in published_pairs(plan, draft=lineage.draft)
            if not cache.has_diff(diff_key(old, new, lineage.key))
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
    pool: Pool | None = None,
) -> dict[Path, BriefHistory]:
    """Read the history of every brief, with the cache in a site's cache folder; {} outside git."""
    if head is None:
        return {}
    state = read_git_state(head, cache_dir)
    if state is None:
        return {}
    cache = HistoryCache.open(cache_dir, config_key(config), CACHE_FORMAT)
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


def _entry_parts(entry: HistoryEntry) -> list[object]:
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


def _plan(
    revisions: Sequence[Revision], reader: RevisionReader, ceiling: Marking | None
) -> list[Step]:
    """Decide for each revision whether it is published, withheld or invalid."""
    return [step(r, reader.describe(r), ceiling) for r in revisions]


def _changes(
    old: Revision,
    new: Revision | None,
    draft: Brief | None,
    draft_key: str,
    reader: RevisionReader,
    cache: HistoryCache,
) -> tuple[Change, ...]:
    """Return the changes from one revision to the next (or to the draft), cached."""
    key = diff_key(old, new, draft_key)
    cached = cache.diff(key)
    if cached is not None:
        return tuple(cached)
    old_brief = reader.brief(old)
    new_brief = reader.brief(new) if new is not None else draft
    if old_brief is None or new_brief is None:
        return ()
    cache.put_diff(key, diff_rows(diff_briefs(old_brief, new_brief).changes))
    return tuple(cache.diff(key) or ())  # as a cached diff reads, whether cached or not


def _history(
    lineage: _Lineage, plan: Sequence[Step], reader: RevisionReader, cache: HistoryCache
) -> BriefHistory:
    """Assemble one brief's entries (newest first) and its revision line and box."""
    checked, key, revisions, draft = lineage.checked, lineage.key, lineage.revisions, lineage.draft
    complete = not revisions or revisions[0].number is not None
    entries: list[HistoryEntry] = []
    last: Revision | None = None
    for one in plan:
        revision = one.revision
        if one.status != "published":
            entries.append(HistoryEntry(revision, one.status, one.marking))
            continue
        if last is None:
            status = "first" if revision is revisions[0] else "first-shown"
            if not complete and revision is revisions[0]:
                status = "earliest"
            entries.append(HistoryEntry(revision, status, one.marking, one.title))
        else:
            changes = _changes(last, revision, None, key, reader, cache)
            entries.append(HistoryEntry(revision, "changed", one.marking, one.title, last, changes))
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
