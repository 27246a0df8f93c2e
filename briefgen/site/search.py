"""The browser-side search index: pagefind over the built brief pages, in shards.

pagefind cannot update an index, so the briefs are split by id into a fixed number of
shards, each its own pagefind bundle; a changed brief re-indexes only its shard. The
browser loads the first shard and merges the others (`pagefind.mergeIndex`), listed in
`pagefind/shards.json`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import RenderError
from briefgen.site.cache import digest

INDEX_DIR = "pagefind"
SHARDS = 8
LIST_FILE = "shards.json"
EXCLUDED = [".toc", ".legend", ".marking-banner", ".note", "sup.cite"]
"""Parts of a brief page that every brief shares or that only number things: not indexed."""


def shard_of(brief_id: str) -> str:
    """Return the name of the shard a brief's page is indexed in, e.g. `s07`."""
    number = int(hashlib.sha256(brief_id.encode()).hexdigest()[:8], 16) % SHARDS
    return f"s{number:02d}"


def plan_shards(pages: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """Group (brief id, page path) pairs by shard, shards and pages sorted."""
    shards: dict[str, list[str]] = {}
    for brief_id, page in pages:
        shards.setdefault(shard_of(brief_id), []).append(page)
    return {name: sorted(shards[name]) for name in sorted(shards)}


@dataclass(frozen=True)
class IndexPlan:
    """Which shards a build's search index has, their keys, and which need indexing."""

    shards: dict[str, list[str]]
    keys: dict[str, str]
    changed: list[str]
    needed: bool


def plan_index(
    pages: Mapping[str, tuple[str, str]], old: Mapping[str, str], site: Path, *, prefix: str
) -> IndexPlan:
    """Plan the index of brief pages (path -> brief id, content key) against the last build."""
    shards = plan_shards([(brief_id, path) for path, (brief_id, _) in pages.items()])
    keys = {
        f"{prefix}/{name}": digest([pages[path][1] for path in paths])
        for name, paths in shards.items()
    }
    changed = [
        name
        for name in shards
        if old.get(f"{prefix}/{name}") != keys[f"{prefix}/{name}"]
        or not (site / INDEX_DIR / name).is_dir()
    ]
    before = {key for key in old if key.startswith(f"{prefix}/")}
    needed = bool(changed) or before != set(keys) or not (site / INDEX_DIR / LIST_FILE).is_file()
    return IndexPlan(shards, keys, changed, needed)


def _pagefind() -> str:
    """Return the pagefind binary (from `pagefind[bin]`, PAGEFIND_BINARY_PATH or PATH)."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise RenderError("search index: pagefind is not installed; pip install 'pagefind[bin]'")
    return str(binary)


def _index_shard(site: Path, name: str, paths: Sequence[str], language: str) -> int:
    """Index one shard's pages into `pagefind/.<name>-new` with pagefind's command line."""
    # The command line, not the Python API: the API waits 0.1 s per message it reads,
    # which made eight small shards take seconds.
    folders = ",".join(path.split("/")[1] for path in paths)
    command = [
        _pagefind(),
        "--site",
        str(site),
        "--glob",
        f"briefs/{{{folders}}}/index.html",
        "--output-path",
        str(site / INDEX_DIR / f".{name}-new"),
        "--force-language",
        language,
        "--keep-index-url",
        "--silent",
    ]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RenderError(f"search index: pagefind failed: {result.stdout}{result.stderr}".strip())
    return len(paths)


def index_site(
    site: Path, shards: Mapping[str, list[str]], todo: Sequence[str], *, language: str = "en"
) -> int:
    """Index the given shards of a built site, swap each in whole, drop shards no longer used."""
    site = site.resolve()
    root = site / INDEX_DIR
    root.mkdir(parents=True, exist_ok=True)
    for leftover in root.glob(".*"):
        shutil.rmtree(leftover, ignore_errors=True)
    work = {name: shards[name] for name in todo if shards.get(name)}
    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = pool.map(lambda n: _index_shard(site, n, work[n], language), work)
            pages = sum(counts)
    except (OSError, RenderError) as exc:
        for leftover in root.glob(".*"):
            shutil.rmtree(leftover, ignore_errors=True)
        if isinstance(exc, RenderError):
            raise
        raise RenderError(f"search index: cannot run pagefind: {exc}") from exc
    for name in work:
        fresh, current, old = root / f".{name}-new", root / name, root / f".{name}-old"
        for unused in fresh.glob("pagefind-*"):
            # pagefind's own UI bundles: the site has its own search box.
            if unused.name not in ("pagefind-worker.js", "pagefind-entry.json"):
                unused.unlink()
        # Two renames keep a complete shard in place at every moment but one instant.
        if current.exists():
            current.rename(old)
        fresh.rename(current)
        shutil.rmtree(old, ignore_errors=True)
    listing = json.dumps(sorted(shards)).encode()
    (root / f".{LIST_FILE}.tmp").write_bytes(listing)
    (root / f".{LIST_FILE}.tmp").replace(root / LIST_FILE)
    for child in root.iterdir():
        if child.name not in shards and child.name != LIST_FILE:
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink()
    return pages
