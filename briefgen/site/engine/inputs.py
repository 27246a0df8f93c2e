"""Read every brief under a folder, validating only the files that changed since last build."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.config import Config
from briefgen.errors import Finding, InputError, ValidationFailed
from briefgen.model import Actor
from briefgen.reader import read_regular
from briefgen.site.engine.cache import BriefStore, config_key, digest, hash_bytes
from briefgen.site.engine.memory import paused_gc
from briefgen.site.engine.pool import WorkerPool, enter
from briefgen.validate import (
    SharedActors,
    Validated,
    find_briefs,
    load_brief,
    load_shared_actors,
    shared_paths,
)
from briefgen.validate.yaml import MAX_BYTES

LastGood = dict[Path, tuple[Validated, str]]
"""The last version of each brief that validated, with its content key, by path."""


@dataclass
class Inputs:
    """The briefs that passed validation (each with its content key) and every finding."""

    briefs: list[tuple[Validated, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    shared_actors: dict[str, Actor] = field(default_factory=dict)
    validated: int = 0
    fingerprint: str = ""
    unchanged: bool = False


def read_inputs(
    src: Path,
    *,
    config: Config,
    today: dt.date,
    store: BriefStore,
    pool: WorkerPool | None = None,
    salt: str = "",
    previous: str = "",
    last_good: LastGood | None = None,
) -> Inputs:
    """Validate the briefs under `src`, reusing the store for files whose inputs are unchanged.

    When the fingerprint of every input (with `salt`) equals `previous`, return at once with
    `unchanged` set and no briefs loaded: the last build already made this exact site.
    With `last_good` (the preview server's), a brief that stops validating keeps its last
    valid version, so its pages stay up while its errors are shown; the map is updated.
    """
    inputs = Inputs()
    shared, slots = _hash_inputs(src, config, inputs)
    day = today.isoformat()
    inputs.fingerprint = digest(salt, day, [(str(path), key) for path, key in slots])
    if previous and inputs.fingerprint == previous:
        inputs.unchanged = True
        return inputs
    cached = {path: store.get(digest(key, day), path) for path, key in slots}
    missing = [path for path, checked in cached.items() if checked is None]
    fresh: dict[Path, tuple[Validated | None, list[Finding]]] = {}
    if pool is not None and pool.worth_it(len(missing)):
        tasks = [(path, config, today, str(Path.cwd())) for path in missing]
        fresh = dict(zip(missing, pool.map(validate_batch, tasks), strict=True))
    for path, key in slots:
        checked = cached[path]
        if checked is None:
            folder = shared[path.parent] or SharedActors()
            checked, findings = fresh.get(path) or _validate(path, config, folder, today)
            inputs.findings.extend(findings)
            if checked is not None:
                store.put(digest(key, day), checked)
                inputs.validated += 1
        _add(inputs, path, key, checked, last_good)
    if last_good is not None:
        present = {path for path, _ in slots}
        for gone in [path for path in last_good if path not in present]:
            del last_good[gone]  # a deleted brief's pages go
    return inputs


def _hash_inputs(
    src: Path, config: Config, inputs: Inputs
) -> tuple[dict[Path, SharedActors | None], list[tuple[Path, str]]]:
    """Read each folder's shared files, and key each brief by everything it is read with."""
    settings = config_key(config)
    shared: dict[Path, SharedActors | None] = {}
    hashes: dict[Path, str] = {}
    slots: list[tuple[Path, str]] = []
    for path in find_briefs([src]):
        folder = path.parent
        if folder not in shared:
            shared[folder], hashes[folder] = _read_shared(folder, inputs)
        key = digest(hash_bytes(_read(path)), hashes[folder], settings, str(path))
        slots.append((path, key))
    return shared, slots


def _add(
    inputs: Inputs, path: Path, key: str, checked: Validated | None, last_good: LastGood | None
) -> None:
    """Add a brief that validated, else the last version of it that did (preview only)."""
    if checked is None:
        kept = last_good.get(path) if last_good is not None else None
        if kept is not None:
            inputs.briefs.append(kept)
        return
    inputs.briefs.append((checked, key))
    inputs.findings.extend(checked.warnings)
    if last_good is not None:
        last_good[path] = (checked, key)


def _validate(
    path: Path, config: Config, shared: SharedActors, today: dt.date
) -> tuple[Validated | None, list[Finding]]:
    """Validate one brief here; return it or its findings."""
    try:
        return load_brief(path, config=config, shared=shared, today=today), []
    except ValidationFailed as exc:
        return None, list(exc.findings)


def _read_shared(folder: Path, inputs: Inputs) -> tuple[SharedActors | None, str]:
    """Load a folder's actors.yaml and places.yaml, recording their findings and hash."""
    data = b"".join(hash_bytes(_read(path)).encode() for path in shared_paths(folder))
    try:
        shared = load_shared_actors(folder)
    except ValidationFailed as exc:
        inputs.findings.extend(exc.findings)
        return None, hash_bytes(data)
    for key, actor in shared.actors.items():
        inputs.shared_actors.setdefault(key, actor)
    return shared, hash_bytes(data)


def _read(path: Path) -> bytes:
    """Return a file's bytes for its hash, or none when it cannot be read (validation says why)."""
    try:
        return read_regular(path, MAX_BYTES)
    except InputError:
        return b""


_shared: dict[Path, SharedActors] = {}
"""Each folder's shared actors, loaded once per worker process."""


def validate_batch(
    batch: list[tuple[Path, Config, dt.date, str]],
) -> list[tuple[Validated | None, list[Finding]]]:
    """Validate briefs in a worker; return each brief or its findings."""
    with paused_gc():
        return _validate_batch(batch)


def _validate_batch(
    batch: list[tuple[Path, Config, dt.date, str]],
) -> list[tuple[Validated | None, list[Finding]]]:
    results: list[tuple[Validated | None, list[Finding]]] = []
    for path, config, today, cwd in batch:
        enter(cwd)
        folder = path.parent
        if folder not in _shared:
            try:
                _shared[folder] = load_shared_actors(folder)
            except ValidationFailed:
                _shared[folder] = SharedActors()  # the main process reports these findings
        try:
            checked = load_brief(path, config=config, shared=_shared[folder], today=today)
        except ValidationFailed as exc:
            results.append((None, list(exc.findings)))
            continue
        # Positions are only needed to place findings, and are large to send back.
        results.append((dataclasses.replace(checked, positions=None), []))
    return results
