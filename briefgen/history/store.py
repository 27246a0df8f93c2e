"""What old revisions are and what changed between two of them, read in batches and cached.

What a revision is (valid or not, its marking, its title) and the changes between two
revisions are keyed by commit and path, which never change, so a rebuild only reads and
validates revisions it has not seen. Each revision is judged by `lineage.verdict`, the
publication policy applied to the marking it had when committed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypedDict, TypeVar, cast

from briefgen.config import Config
from briefgen.history import git
from briefgen.history.diff import Change, FieldChange, Kind, diff_briefs
from briefgen.history.lineage import (
    Revision,
    RevisionFiles,
    RevisionValidator,
    Verdict,
    read_revision_files,
    verdict,
)
from briefgen.model import Brief, Marking
from briefgen.output import write_atomic

HISTORY_FILE = "history.json"

T = TypeVar("T")
R = TypeVar("R")


class RevisionMeta(TypedDict, total=False):
    """What the cache knows of a revision: whether it validates, its marking and title."""

    valid: bool
    marking: str | None
    title: str


FieldRow = list[str | None]
DiffRow = list[str | list[FieldRow]]  # section, kind, item id, summary, [field, old, new]...


class Pool(Protocol):
    """A pool of worker processes that maps a function over batches of tasks."""

    def worth_it(self, tasks: int) -> bool:
        """Tell whether so many tasks are worth sending to workers."""
        ...

    def map(self, func: Callable[[list[T]], list[R]], items: Sequence[T]) -> Iterable[R]:
        """Run `func` over batches of `items` in the workers, yielding every result."""
        ...


@dataclass
class HistoryCache:
    """What old revisions were and what changed between two of them, kept between builds."""

    path: Path | None
    salt: str
    fmt: int = 0
    revisions: dict[str, RevisionMeta] = field(default_factory=dict)
    diffs: dict[str, list[DiffRow]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed: bool = False

    @classmethod
    def open(cls, folder: Path | None, salt: str, fmt: int) -> HistoryCache:
        """Read the cache in a cache folder, or start an empty one (in memory for None)."""
        if folder is None:
            return cls(None, salt, fmt)
        path = folder / HISTORY_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != fmt or data.get("salt") != salt:
                raise ValueError("another format or configuration")
            return cls(path, salt, fmt, dict(data["revisions"]), dict(data["diffs"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path, salt, fmt)

    def revision(self, key: str) -> RevisionMeta | None:
        """Return what is known of a revision (`valid`, `marking`, `title`), or None."""
        entry = self.revisions.get(key)
        if entry is not None:
            self.used.add(key)
        return entry

    def put_revision(self, key: str, entry: RevisionMeta) -> None:
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
        return [_change(row) for row in entry]

    def put_diff(self, key: str, rows: list[DiffRow]) -> None:
        """Remember the changes between two revisions, as rows made by `diff_rows`."""
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
            "format": self.fmt,
            "salt": self.salt,
            "revisions": {k: v for k, v in self.revisions.items() if k in self.used},
            "diffs": {k: v for k, v in self.diffs.items() if k in self.used},
        }
        write_atomic(self.path, json.dumps(payload, separators=(",", ":")))


def _change(row: DiffRow) -> Change:
    """Turn a cache row back into a change."""
    section, kind, item_id, summary, fields = row
    return Change(
        cast(str, section),
        cast(Kind, kind),
        cast(str, item_id),
        cast(str, summary),
        [FieldChange(str(f[0]), f[1], f[2]) for f in cast(list[FieldRow], fields)],
    )


def diff_rows(changes: Sequence[Change]) -> list[DiffRow]:
    """Turn changes into cache rows, with the field values the reader's sentences need."""
    return [
        [c.section, c.kind, c.item_id, c.summary, [[f.field, f.old, f.new] for f in c.fields]]
        for c in changes
    ]


def revision_meta(brief: Brief | None, marking: Marking | None) -> RevisionMeta:
    """Describe a revision for the cache: valid, marking (None: unknown) and title."""
    value = marking.value if marking is not None else None
    if brief is None:
        return {"valid": False, "marking": value}
    return {"valid": True, "marking": value, "title": brief.title}


def revision_key(revision: Revision) -> str:
    """Name a revision in the cache: its commit and path."""
    return f"{revision.commit}:{revision.path}"


def diff_key(old: Revision | None, new: Revision | None, draft_key: str) -> str:
    """Name a diff: old revision to new revision, or to the working tree's content key."""
    old_part = revision_key(old) if old else "-"
    new_part = revision_key(new) if new else f"draft:{draft_key}"
    return f"{old_part}>{new_part}"


@dataclass(frozen=True)
class Step:
    """One revision in a lineage and how the policy treats it."""

    revision: Revision
    status: Verdict
    marking: Marking | None
    title: str


def step(revision: Revision, meta: RevisionMeta, ceiling: Marking | None) -> Step:
    """Judge one revision described by `revision_meta` under a ceiling (None: show all).

    A revision that does not validate is listed (subject and author, no content) only when
    the policy allows the marking it had; one whose marking is unknown is withheld.
    """
    value = meta.get("marking")
    marking = Marking(value) if value else None
    status = verdict(bool(meta.get("valid")), marking, ceiling)
    title = str(meta.get("title", "")) if status == "published" else ""
    return Step(revision, status, marking, title)


def published_pairs(plan: Sequence[Step], *, draft: bool) -> list[tuple[Revision, Revision | None]]:
    """Return (previous published, published) for each published revision but the first,
    and (last published, None) for a draft."""
    pairs: list[tuple[Revision, Revision | None]] = []
    last: Revision | None = None
    for one in plan:
        if one.status != "published":
            continue
        if last is not None:
            pairs.append((last, one.revision))
        last = one.revision
    if draft and last is not None:
        pairs.append((last, None))
    return pairs


LineageTask = tuple[list[Revision], list[RevisionFiles], Config, Marking | None]
LineageResult = tuple[dict[str, RevisionMeta], dict[str, list[DiffRow]]]


def describe_lineages(batch: list[LineageTask]) -> list[LineageResult]:
    """Validate briefs' old revisions and diff consecutive published ones (in a worker)."""
    results: list[LineageResult] = []
    validators: dict[str, RevisionValidator] = {}
    for revisions, files, config, ceiling in batch:
        validator = validators.setdefault(config.model_dump_json(), RevisionValidator(config))
        metas: dict[str, RevisionMeta] = {}
        briefs: dict[str, Brief | None] = {}
        for revision, revision_files in zip(revisions, files, strict=True):
            key = revision_key(revision)
            briefs[key], marking = validator.judge(revision, revision_files)
            metas[key] = revision_meta(briefs[key], marking)
        steps = [step(r, metas[revision_key(r)], ceiling) for r in revisions]
        diffs: dict[str, list[DiffRow]] = {}
        for old, new in published_pairs(steps, draft=False):
            old_brief = briefs[revision_key(old)]
            new_brief = briefs[revision_key(new)] if new is not None else None
            if old_brief is not None and new_brief is not None:
                changes = diff_briefs(old_brief, new_brief).changes
                diffs[diff_key(old, new, "")] = diff_rows(changes)
        results.append((metas, diffs))
    return results


class RevisionReader:
    """Read, validate and describe old revisions in batches, caching what they are."""

    def __init__(self, repo: git.Repo, config: Config, cache: HistoryCache) -> None:
        self.repo = repo
        self.config = config
        self.cache = cache
        self.briefs: dict[str, Brief | None] = {}
        self.validator = RevisionValidator(config)

    def describe(self, revision: Revision) -> RevisionMeta:
        """Return what a loaded revision is: `valid`, `marking` (None: unknown) and `title`."""
        entry = self.cache.revision(revision_key(revision))
        return entry if entry is not None else {"valid": False}

    def brief(self, revision: Revision) -> Brief | None:
        """Return a loaded revision's brief, None when it does not validate."""
        return self.briefs.get(revision_key(revision))

    def load(self, revisions: Iterable[Revision], *, briefs: bool = False) -> None:
        """Read and validate, in one git call, revisions not yet known (or not yet loaded)."""
        todo: dict[str, Revision] = {}
        for revision in revisions:
            key = revision_key(revision)
            known = key in self.briefs if briefs else self.cache.revision(key) is not None
            if not known:
                todo[key] = revision
        for (key, revision), files in zip(
            todo.items(), self._read(list(todo.values())), strict=True
        ):
            brief, marking = self.validator.judge(revision, files)
            self.briefs[key] = brief
            self.cache.put_revision(key, revision_meta(brief, marking))

    def load_in_workers(
        self, lineages: Sequence[list[Revision]], pool: Pool, ceiling: Marking | None
    ) -> None:
        """Validate and diff the revisions of many briefs the cache does not know, in parallel.

        Only worth it for a first build; the briefs come back as cache entries, not objects.
        """
        fresh = [
            revisions
            for revisions in lineages
            if any(revision_key(r) not in self.cache.revisions for r in revisions)
        ]
        if not pool.worth_it(len(fresh)):
            return
        blobs = iter(self._read([r for revisions in fresh for r in revisions]))
        tasks: list[LineageTask] = [
            (revisions, [next(blobs) for _ in revisions], self.config, ceiling)
            for revisions in fresh
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
