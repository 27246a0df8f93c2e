"""Read every brief under a folder, validating only the files that changed since last build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.config import Config
from briefgen.errors import Finding, ValidationFailed
from briefgen.model import Actor
from briefgen.site.cache import BriefStore, config_key, digest, hash_bytes
from briefgen.validate import (
    ACTORS_FILE,
    SharedActors,
    Validated,
    find_briefs,
    load_brief,
    load_shared_actors,
)


@dataclass
class Inputs:
    """The briefs that passed validation (each with its content key) and every finding."""

    briefs: list[tuple[Validated, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    shared_actors: dict[str, Actor] = field(default_factory=dict)
    validated: int = 0


def read_inputs(src: Path, *, config: Config, today: dt.date, store: BriefStore) -> Inputs:
    """Validate the briefs under `src`, reusing the store for files whose inputs are unchanged."""
    inputs = Inputs()
    settings = config_key(config)
    shared_by_folder: dict[Path, tuple[SharedActors | None, str]] = {}
    for path in find_briefs([src]):
        folder = path.parent
        if folder not in shared_by_folder:
            shared_by_folder[folder] = _read_shared(folder, inputs)
        shared, shared_hash = shared_by_folder[folder]
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        key = digest(hash_bytes(data), shared_hash, settings, today.isoformat(), str(path))
        checked = store.get(key, path)
        if checked is None:
            try:
                checked = load_brief(
                    path, config=config, shared=shared or SharedActors(), today=today
                )
            except ValidationFailed as exc:
                inputs.findings.extend(exc.findings)
                continue
            store.put(key, checked)
            inputs.validated += 1
        inputs.briefs.append((checked, key))
        inputs.findings.extend(checked.warnings)
    return inputs


def _read_shared(folder: Path, inputs: Inputs) -> tuple[SharedActors | None, str]:
    """Load a folder's actors.yaml, recording its findings and its hash."""
    path = folder / ACTORS_FILE
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    try:
        shared = load_shared_actors(folder)
    except ValidationFailed as exc:
        inputs.findings.extend(exc.findings)
        return None, hash_bytes(data)
    for key, actor in shared.actors.items():
        inputs.shared_actors.setdefault(key, actor)
    return shared, hash_bytes(data)
