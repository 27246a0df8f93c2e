"""The content-hash cache that makes site builds incremental.

It lives in the user's cache folder, never in or beside the output folder, because it
holds every brief read, including the ones the publication policy withholds from the site:
a deploy of the output folder, or of the folder holding it, must never publish it.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefgen._version import __version__
from briefgen.config import Config
from briefgen.errors import Finding, InputError, Severity
from briefgen.model import Brief
from briefgen.outdir import LOCK_FILE, cache_dir_for, cache_error, make_cache_dir
from briefgen.output import write_atomic
from briefgen.reader import read_regular
from briefgen.validate import Validated

# 2: old revisions keep their marking when they do not validate;
# 3: cached changes keep their field values.
CACHE_FORMAT = 3
MAX_HASHED_BYTES = 64 * 1024 * 1024


MANIFEST_FILE = "manifest.json"
OLD_CACHE = ".briefgen-cache"
"""Where caches lived before, beside the output folder: moved away on the next build."""


def prepare_cache(out: Path, *, clean: bool = False) -> Path:
    """Create an output folder's cache folder, moving an old one from beside the output.

    With `clean`, drop what the cache remembers of briefs and pages but keep the
    manifest: it lists the files earlier builds wrote, the only ones a build may delete.
    """
    folder = cache_dir_for(out)
    try:
        make_cache_dir(out)
        _move_old_cache(out.resolve(), folder)
        if clean:
            for entry in folder.iterdir():
                if entry.name not in (MANIFEST_FILE, LOCK_FILE) and entry.is_file():
                    entry.unlink()
    except OSError as exc:
        raise cache_error(exc, folder) from exc
    return folder


def _move_old_cache(out: Path, folder: Path) -> None:
    """Move a cache kept beside the output folder by older versions into `folder`."""
    old_root = out.parent / OLD_CACHE
    old = old_root / out.name
    if not old.is_dir() or old.is_symlink():
        return
    for entry in old.iterdir():
        if entry.is_file() and not entry.is_symlink() and not (folder / entry.name).exists():
            shutil.copyfile(entry, folder / entry.name)
    shutil.rmtree(old)
    with contextlib.suppress(OSError):
        old_root.rmdir()  # only when no other output's cache is left in it


def digest(*parts: Any) -> str:
    """Return a short stable hash of JSON-able parts."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def hash_bytes(data: bytes) -> str:
    """Return the SHA-256 of some bytes, shortened."""
    return hashlib.sha256(data).hexdigest()[:24]


def hash_files(paths: Iterable[Path]) -> str:
    """Return one hash over the names and contents of files."""
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(str(path).encode())
        hasher.update(b"\0")
        with contextlib.suppress(InputError):
            hasher.update(read_regular(path, MAX_HASHED_BYTES))
        hasher.update(b"\0")
    return hasher.hexdigest()[:24]


def config_key(config: Config) -> str:
    """Return a hash of the settings that change output, with briefgen's version."""
    return digest(__version__, CACHE_FORMAT, config.model_dump(mode="json", exclude={"root"}))


@dataclass
class BriefStore:
    """Validated briefs from earlier builds, keyed by the hash of everything they came from."""

    path: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed: bool = False

    decoded: dict[str, Validated] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path) -> BriefStore:
        """Read the store, or start an empty one when it is missing or unreadable."""
        path = folder / "briefs.json"
        memo = _memo_of(path)
        if memo is not None:
            return cls(path, dict(memo.entries), decoded=dict(memo.decoded))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT:
                raise ValueError("old cache format")
            entries = data["entries"]
        except (OSError, ValueError, KeyError, TypeError):
            entries = {}
        return cls(path, entries)

    def get(self, key: str, path: Path) -> Validated | None:
        """Return the cached brief for a key, or None."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        known = self.decoded.get(key)
        if known is not None and known.path == path:
            self.used.add(key)
            return known
        try:
            brief = Brief.model_validate_json(entry["brief"])
            warnings = tuple(
                Finding(
                    w["file"], w["line"], w["col"], Severity(w["severity"]), w["path"], w["message"]
                )
                for w in entry["warnings"]
            )
        except (ValidationError, KeyError, TypeError, ValueError):
            return None
        self.used.add(key)
        checked = self.decoded[key] = Validated(brief, path, warnings)
        return checked

    def put(self, key: str, checked: Validated) -> None:
        """Remember a freshly validated brief."""
        self.entries[key] = {
            "brief": checked.brief.model_dump_json(by_alias=True),
            "warnings": [w.to_dict() for w in checked.warnings],
        }
        self.decoded[key] = dataclasses.replace(checked, positions=None)
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the store back, dropping entries this build did not use."""
        kept = {key: self.entries[key] for key in sorted(self.used) if key in self.entries}
        if self.changed or self.used != set(self.entries):
            payload = {"format": CACHE_FORMAT, "entries": kept}
            write_atomic(self.path, json.dumps(payload, separators=(",", ":")))
        decoded = {key: self.decoded[key] for key in kept if key in self.decoded}
        _MEMO[self.path] = _Memo(_signature(self.path), kept, decoded)


@dataclass(frozen=True)
class _Memo:
    """A store as this process last saved it, with its briefs already decoded."""

    signature: tuple[int, int, int] | None
    entries: dict[str, dict[str, Any]]
    decoded: dict[str, Validated]


# Builds in one process (serve, tests, scripts) reuse the briefs the last build decoded
# instead of reading and validating the whole store again: 0.3 s for 1,000 briefs.
_MEMO: dict[Path, _Memo] = {}
# Freed before the interpreter's final collection, which would otherwise walk every brief
# in it: 0.8 s at the exit of a one-build command with 1,000 briefs.
atexit.register(_MEMO.clear)


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Return what tells whether a file was changed since: inode, size and mtime."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _memo_of(path: Path) -> _Memo | None:
    """Return the memo of a store file if the file is still the one this process saved."""
    memo = _MEMO.get(path)
    if memo is None or memo.signature is None or memo.signature != _signature(path):
        _MEMO.pop(path, None)
        return None
    return memo


@dataclass
class Manifest:
    """What each output file was last built from: relative path to content key."""

    path: Path
    keys: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""
    summary: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path) -> Manifest:
        """Read the manifest, or start an empty one."""
        path = folder / MANIFEST_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT:
                raise ValueError("old cache format")
            return cls(path, dict(data["outputs"]), data["fingerprint"], data["summary"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path)

    def save(self, keys: Mapping[str, str], fingerprint: str, summary: dict[str, Any]) -> None:
        """Write the manifest of the finished build: output keys, input fingerprint, report."""
        self.keys = dict(sorted(keys.items()))
        payload = {
            "format": CACHE_FORMAT,
            "fingerprint": fingerprint,
            "summary": summary,
            "outputs": self.keys,
        }
        write_atomic(self.path, json.dumps(payload, indent=0, separators=(",", ":")))


def load_fragments(folder: Path, salt: str) -> dict[str, str]:
    """Read the rendered listing snippets of earlier builds with the same settings, or none."""
    try:
        data = json.loads((folder / "fragments.json").read_text(encoding="utf-8"))
        if data.get("format") != CACHE_FORMAT or data.get("salt") != salt:
            return {}
        return {str(k): str(v) for k, v in data["html"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_fragments(folder: Path, salt: str, html: Mapping[str, str]) -> None:
    """Write the rendered listing snippets for the next build."""
    payload = {"format": CACHE_FORMAT, "salt": salt, "html": dict(html)}
    write_atomic(folder / "fragments.json", json.dumps(payload, separators=(",", ":")))
