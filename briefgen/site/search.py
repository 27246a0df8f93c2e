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
import re
import shutil
import subprocess
import threading
import zlib
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import RenderError
from briefgen.site.engine.cache import digest

INDEX_DIR = "pagefind"
PAGEFIND_TIMEOUT = 600.0
"""Seconds one pagefind run (one shard) may take before it is killed."""
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


class Children:
    """The pagefind processes running now, so that a build stopped halfway stops them too."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: set[subprocess.Popen[str]] = set()
        self._stopped = False

    def run(self, command: list[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
        """Run a command to its end or the time limit, unless the build was stopped."""
        with self._lock:
            if self._stopped:
                raise RenderError("search index: the build was stopped before pagefind ran")
            child = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            self._live.add(child)
        try:
            out, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise
        finally:
            with self._lock:
                self._live.discard(child)
        return subprocess.CompletedProcess(command, child.returncode, out, err)

    def stop(self) -> None:
        """Kill every running process and refuse to start more."""
        with self._lock:
            self._stopped = True
            for child in self._live:
                child.kill()


def _index_shard(
    site: Path, name: str, paths: Sequence[str], language: str, children: Children
) -> int:
    """Index one shard's pages into `pagefind/.<name>-new` with pagefind's command line."""
    work = site / INDEX_DIR / f".{name}-new"
    seeded = _seed_fragments(site / INDEX_DIR / name, work)
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
        str(work),
        "--force-language",
        language,
        "--keep-index-url",
        "--silent",
    ]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    try:
        result = children.run(command, timeout=PAGEFIND_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"search index: pagefind gave no answer in {PAGEFIND_TIMEOUT:.0f} s for shard "
            f"{name} and was stopped; the last index is kept, build again to retry"
        ) from None
    if result.returncode != 0:
        raise RenderError(f"search index: pagefind failed: {result.stdout}{result.stderr}".strip())
    _drop_unused_fragments(work / FRAGMENTS, {f"/{path}" for path in paths}, seeded)
    return len(paths)


FRAGMENTS = "fragment"
_FRAGMENT_URL = re.compile(rb'^pagefind_dcd\{"url":"((?:[^"\\]|\\.)*)"')


def _seed_fragments(live: Path, work: Path) -> set[str]:
    """Hard-link the live shard's page fragments into the work folder; return their names.

    pagefind names a page's fragment by its content and does not compress and write a
    fragment whose file exists, so unchanged pages cost it nothing. Links, not copies: the
    live shard keeps its files, and pagefind never writes to a fragment that exists.
    """
    source = live / FRAGMENTS
    if not source.is_dir():
        return set()
    target = work / FRAGMENTS
    target.mkdir(parents=True, exist_ok=True)
    seeded = set()
    for fragment in source.iterdir():
        try:
            os.link(fragment, target / fragment.name)
        except OSError:
            break  # no hard links here: pagefind writes every fragment, as without seeding
        seeded.add(fragment.name)
    return seeded


def _drop_unused_fragments(folder: Path, urls: set[str], seeded: set[str]) -> None:
    """Delete the seeded fragments the new index does not use.

    Those are fragments of pages no longer in the shard (a brief withheld or deleted must
    leave nothing behind) and older versions of a page pagefind wrote afresh.
    """
    if not seeded:
        return
    written: set[str] = set()
    old: dict[str, list[Path]] = {}
    for fragment in folder.iterdir():
        url = _fragment_url(fragment)
        if fragment.name not in seeded:
            written.add(url or "")
        elif url is not None and url in urls:
            old.setdefault(url, []).append(fragment)
        else:
            fragment.unlink()
    for url in written & set(old):
        for fragment in old[url]:
            fragment.unlink()


def _fragment_url(fragment: Path) -> str | None:
    """Return the page URL a pagefind fragment holds, reading only its start."""
    try:
        start = zlib.decompressobj(wbits=31).decompress(fragment.read_bytes(), 1024)
    except (OSError, zlib.error):
        return None
    match = _FRAGMENT_URL.match(start)
    return json.loads(b'"' + match[1] + b'"') if match else None


class Indexer:
    """Index shards of a site in the background, each as soon as its pages are written.

    Pages are indexed by pagefind processes while the build renders the rest of the site;
    `finish` waits for them and swaps each new shard in whole.
    """

    def __init__(
        self,
        site: Path,
        plan: IndexPlan,
        pending: Collection[str],
        *,
        language: str = "en",
        workers: int | None = None,
    ) -> None:
        """Prepare to index the plan's changed shards; `pending` are pages yet to be written."""
        self.site = site.resolve()
        self.root = self.site / INDEX_DIR
        self.root.mkdir(parents=True, exist_ok=True)
        self._clear_work()
        self.plan = plan
        self.language = language
        self._shard_of = {p: name for name in plan.changed for p in plan.shards.get(name, [])}
        self._waiting = {name: set(plan.shards[name]) & set(pending) for name in plan.changed}
        self._pool = ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1)
        self._running: dict[str, Future[int]] = {}
        self._children = Children()
        self.started: list[str] = []
        """The shards started so far, in order."""
        for name in [n for n, pages in self._waiting.items() if not pages]:
            self._start(name)

    def written(self, path: str) -> None:
        """Note that a page is on disk (or failed for good); start its shard when complete."""
        name = self._shard_of.get(path)
        if name is None or name not in self._waiting:
            return
        pages = self._waiting[name]
        pages.discard(path)
        if not pages:
            self._start(name)

    def start_all(self) -> None:
        """Start every shard not started yet: all pages that will be written are."""
        for name in list(self._waiting):
            self._start(name)

    def finish(self) -> int:
        """Wait for every shard, swap them in, list them, drop unused ones; return pages indexed."""
        self.start_all()
        try:
            pages = 0
            failure: BaseException | None = None
            for future in self._running.values():
                try:
                    pages += future.result()
                except (OSError, RenderError) as exc:
                    failure = failure or exc
        finally:
            self._pool.shutdown()
        if failure is not None:
            self._clear_work()
            if isinstance(failure, RenderError):
                raise failure
            raise RenderError(f"search index: cannot run pagefind: {failure}") from failure
        for name in self._running:
            self._swap(name)
        self._write_list()
        return pages

    def _start(self, name: str) -> None:
        del self._waiting[name]
        self.started.append(name)
        paths = self.plan.shards[name]
        self._running[name] = self._pool.submit(
            _index_shard, self.site, name, paths, self.language, self._children
        )

    def abort(self) -> None:
        """Stop indexing at once, for a build stopped halfway: no pagefind outlives it."""
        for future in self._running.values():
            future.cancel()
        self._children.stop()
        self._pool.shutdown(wait=True)
        self._clear_work()

    def _swap(self, name: str) -> None:
        fresh, current, old = (
            self.root / f".{name}-new",
            self.root / name,
            self.root / f".{name}-old",
        )
        for unused in fresh.glob("pagefind-*"):
            # pagefind's own UI bundles: the site has its own search box.
            if unused.name not in ("pagefind-worker.js", "pagefind-entry.json"):
                unused.unlink()
        # Two renames keep a complete shard in place at every moment but one instant.
        if current.exists():
            current.rename(old)
        fresh.rename(current)
        shutil.rmtree(old, ignore_errors=True)

    def _write_list(self) -> None:
        shards = self.plan.shards
        listing = json.dumps(sorted(shards)).encode()
        (self.root / f".{LIST_FILE}.tmp").write_bytes(listing)
        (self.root / f".{LIST_FILE}.tmp").replace(self.root / LIST_FILE)
        for child in self.root.iterdir():
            if child.name not in shards and child.name != LIST_FILE:
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink()

    def _clear_work(self) -> None:
        for leftover in self.root.glob(".*"):
            shutil.rmtree(leftover, ignore_errors=True)
