"""The files a build owns in its output folder: whole or not, stale, writable."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path

from briefgen.errors import OutputError, display_path
from briefgen.site.engine.cache import Manifest
from briefgen.site.search import INDEX_DIR, LIST_FILE

SEARCH_KEY = ".search"
"""The prefix of the search shards' entries in the manifest."""


def intact(out: Path, manifest: Manifest) -> bool:
    """Tell whether every file and search shard the last build made is still there.

    A build that died (or a shard deleted by hand) leaves files missing: the next build
    must make them again rather than report the site unchanged.
    """
    shards = [rel.rsplit("/", 1)[-1] for rel in manifest.keys if rel.startswith(SEARCH_KEY)]
    index = out / INDEX_DIR
    return (
        bool(manifest.keys)
        and all((out / rel).is_file() for rel in manifest.keys if not rel.startswith(SEARCH_KEY))
        and all((index / name).is_dir() for name in shards)
        and (not shards or (index / LIST_FILE).is_file())
    )


def delete_stale(out: Path, old: Mapping[str, str], new: Collection[str]) -> list[str]:
    """Remove the files earlier builds wrote that this build does not; never any other file."""
    root = out.resolve()
    gone = sorted(k for k in set(old) - set(new) if not k.startswith(SEARCH_KEY))
    deleted = []
    for rel in gone:
        target = root / rel
        if not target.resolve().is_relative_to(root) or target.resolve() == root:
            continue
        if target.is_file() or target.is_symlink():
            target.unlink()
            deleted.append(rel)
            parent = target.parent
            while parent != root and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    return deleted


def check_writable(out: Path) -> None:
    """Refuse an output folder that cannot be created or written, before building anything."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".briefgen-", suffix=".tmp", dir=out)
        os.close(fd)
        Path(name).unlink()
    except OSError as exc:
        raise OutputError(
            f"{display_path(out)}: error: cannot write the output folder: "
            f"{exc.strerror or exc}; check its permissions and free space, or choose another"
        ) from exc
