"""The browser-side search index: pagefind over the built brief pages."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from briefgen.errors import RenderError

INDEX_DIR = "pagefind"
INDEXED_GLOB = "briefs/*/index.html"


async def _index(site: Path, target: Path, language: str) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    # The output path goes in the config: leaving the context writes the files there.
    config = IndexConfig(keep_index_url=True, force_language=language, output_path=str(target))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site), glob=INDEXED_GLOB)
    return int(result.get("page_count", 0))


def _run(coro: Coroutine[Any, Any, int]) -> int:
    """Run a coroutine to completion, in a fresh thread when this one has a loop running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def index_site(site: Path, *, language: str = "en") -> int:
    """Index the brief pages of a built site into `pagefind/`, replacing the old index whole."""
    site = site.resolve()
    fresh = site / f".{INDEX_DIR}-new"
    old = site / f".{INDEX_DIR}-old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        pages = _run(_index(site, fresh, language))
    except Exception as exc:  # pagefind reports failures as assorted exceptions
        shutil.rmtree(fresh, ignore_errors=True)
        raise RenderError(f"search index: pagefind failed: {exc}") from exc
    current = site / INDEX_DIR
    # Two renames keep a complete index in place at every moment but one instant.
    if current.exists():
        current.rename(old)
    fresh.rename(current)
    shutil.rmtree(old, ignore_errors=True)
    return pages
