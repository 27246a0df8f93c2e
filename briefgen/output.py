"""Write output files atomically, so a crash never leaves half a file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from briefgen.errors import OutputError, display_path


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True) -> Path:
    """Write data to a temporary file beside `path`, then rename it into place.

    With `durable`, the data reaches the disk before the rename (fsync), so that even a
    power loss leaves the old file or the new one.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        tmp.chmod(0o644)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return path


def replace_file(path: Path, data: bytes | str) -> bool:
    """Write a file atomically unless it already holds the same bytes; return whether written.

    Without fsync: thousands of fsyncs dominated site builds. The rename still means
    readers never see half a file; after a power loss the next build rewrites what is
    missing.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(payload) and path.read_bytes() == payload:
            return False
    except OSError:
        pass
    write_atomic(path, payload, durable=False)
    return True


_FATAL_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


def stop_on_full_disk(exc: OSError, out: Path) -> None:
    """Stop a build whose disk is full or read-only, as every later write would fail too."""
    if exc.errno in _FATAL_WRITE_ERRORS:
        raise OutputError(
            f"{display_path(out)}: error: cannot write {exc.filename or 'the output'}: "
            f"{exc.strerror}; free some space (or make it writable) and build again: the "
            "files of the last complete build are kept"
        ) from exc
