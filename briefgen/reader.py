"""Read input files safely: regular files only, never more than a stated number of bytes."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefgen.errors import InputError


def read_regular(path: Path, limit: int) -> bytes:
    """Read a regular file of at most `limit` bytes; raise InputError with a one-line cause.

    The size is found by reading, not from `st_size`, which a device (`/dev/zero`) or a
    file growing while it is read does not give truthfully; FIFOs and devices are refused
    before a byte is read, and opening never blocks.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(_reason(exc)) from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a folder, not a file; give a file")
        if not stat.S_ISREG(mode):
            raise InputError(f"is not a regular file (a {_kind(mode)}); only files are read")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(_reason(exc)) from exc
    finally:
        os.close(fd)
    if size > limit:
        raise InputError(f"is over the {limit:,}-byte limit; split it")
    return b"".join(chunks)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "cannot read file: no such file; check the path"
    if exc.errno == errno.ELOOP:
        return "is a symlink loop (a link that points back at itself); remove the link"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file; give a file"
    return f"cannot read file: {exc.strerror or exc}; check the path and its permissions"
