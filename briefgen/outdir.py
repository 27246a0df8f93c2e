"""The output folder: refuse unsafe ones, and give each its cache folder and its lock."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefgen.errors import OutputError, UnsafeOutput, display_path

LOCK_FILE = "lock"


def user_cache_root() -> Path:
    """Return briefgen's folder in the user's cache: $XDG_CACHE_HOME or ~/.cache."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and Path(base).is_absolute():
        return Path(base) / "briefgen"
    try:
        return Path.home() / ".cache" / "briefgen"
    except RuntimeError:  # no home folder at all (a service account): one per user
        return Path(tempfile.gettempdir()) / f"briefgen-cache-{os.getuid()}"


def cache_dir_for(out: Path) -> Path:
    """Return the cache folder of an output folder, in the user's cache, keyed by its path."""
    out = out.resolve()
    name = re.sub(r"[^A-Za-z0-9._-]", "_", out.name)[:40] or "root"
    key = hashlib.sha256(os.fsencode(out)).hexdigest()[:16]
    return user_cache_root() / "sites" / f"{name}-{key}"


def make_cache_dir(out: Path) -> Path:
    """Create the cache folder of an output folder; only the user may read briefgen's caches.

    The caches hold restricted briefs: briefgen's folder in the user's cache is made
    private (0700) when it is created.
    """
    user_cache_root().mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = cache_dir_for(out)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cache_error(exc: OSError, where: Path) -> OutputError:
    """Return the error for a cache folder that cannot be written."""
    return OutputError(
        f"{exc.filename or where}: error: cannot write the build cache: "
        f"{exc.strerror or exc}; make it writable or set XDG_CACHE_HOME to a writable folder"
    )


def check_out_dir(out: Path, sources: Sequence[Path]) -> Path:
    """Refuse an output folder that is, holds or lies in the sources, or holds a git work tree.

    Checked before anything is written or deleted, so a build can never write into the
    briefs or delete them. A source file's own folder counts as a source folder, but an
    output below it is allowed (`briefgen build brief.yaml -o out`). Return the folder,
    resolved.
    """
    shown = display_path(out)
    try:
        folder = out.resolve()
    except (OSError, RuntimeError) as exc:
        raise UnsafeOutput(f"{shown}: error: cannot use this output folder: {exc}") from exc
    if folder.exists() and not folder.is_dir():
        raise UnsafeOutput(
            f"{shown}: error: the output path is a file, not a folder; give a folder with -o"
        )
    trees: set[Path] = set()
    for source in sources:
        given = source.resolve()
        base = given if given.is_dir() else given.parent
        if folder == base:
            problem = f"is the sources folder {display_path(base)}"
        elif given.is_dir() and folder.is_relative_to(base):
            problem = f"is inside the sources folder {display_path(base)}"
        elif base.is_relative_to(folder):
            problem = f"holds the sources {display_path(given)}"
        else:
            trees.update(_work_tree(base))
            continue
        raise UnsafeOutput(
            f"{shown}: error: the output folder {problem}; builds write and delete files "
            "there, so choose a folder beside the sources, e.g. -o site"
        )
    trees.update(_work_tree(folder, only_here=True))
    for tree in sorted(trees):
        if tree.is_relative_to(folder):
            raise UnsafeOutput(
                f"{shown}: error: the output folder holds the git work tree "
                f"{display_path(tree)}; choose a folder inside it, e.g. -o site"
            )
    return folder


def _work_tree(folder: Path, *, only_here: bool = False) -> list[Path]:
    """Return the top of the git work tree holding `folder` (found by its `.git`), if any."""
    for candidate in (folder,) if only_here else (folder, *folder.parents):
        if (candidate / ".git").exists():
            return [candidate]
    return []


@contextlib.contextmanager
def out_lock(out: Path, *, wait: float) -> Iterator[None]:
    """Hold the lock of an output folder, waiting up to `wait` seconds for another build.

    The lock is an flock on a file in the folder's cache: the system releases it when its
    process ends, even by kill -9.
    """
    lock_file = cache_dir_for(out) / LOCK_FILE
    try:
        make_cache_dir(out)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise cache_error(exc, lock_file) from exc
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OutputError(
                        f"{display_path(out)}: error: another briefgen build is writing this "
                        f"folder (waited {wait:.0f} s); let it finish or stop it, then retry"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock
