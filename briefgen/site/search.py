"""The browser-side search index: pagefind over the built brief pages, in shards.

pagefind cannot update an index, so the briefs are split by id into a fixed number of
shards, each its own pagefind bundle; a changed brief re-indexes only its shard. The
browser loads the first shard and merges the others (`pagefind.mergeIndex`), listed in
`pagefind/shards.json`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
from collections.abc import Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


async def _index(site: Path, work: Mapping[str, list[str]], language: str) -> int:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    async def one(service: Any, name: str, paths: list[str]) -> int:
        folders = ",".join(path.split("/")[1] for path in paths)
        index = await service.create_index(
            IndexConfig(keep_index_url=True, force_language=language)
        )
        result = await index.add_directory(str(site), glob=f"briefs/{{{folders}}}/index.html")
        await index.write_files(output_path=str(site / INDEX_DIR / f".{name}-new"))
        await index.delete_index()
        return int(result.get("page_count", 0))

    service = await PagefindService().launch()
    try:
        # The service works on several indexes at once.
        counts = await asyncio.gather(*(one(service, n, p) for n, p in work.items()))
    finally:
        await service.close()
    return sum(counts)


def _run(coro: Coroutine[Any, Any, int]) -> int:
    """Run a coroutine to completion, in a fresh thread when this one has a loop running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


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
        pages = _run(_index(site, work, language)) if work else 0
    except Exception as exc:  # pagefind reports failures as assorted exceptions
        for leftover in root.glob(".*"):
            shutil.rmtree(leftover, ignore_errors=True)
        raise RenderError(f"search index: pagefind failed: {exc}") from exc
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
