"""Worker processes for big builds: validate briefs and render brief pages in parallel."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from briefgen.config import Config
from briefgen.errors import BriefgenError, Finding, ValidationFailed
from briefgen.site.memory import paused_gc
from briefgen.validate import SharedActors, Validated, load_brief, load_shared_actors

MIN_PARALLEL = 48
"""Below this many tasks, starting worker processes costs more than it saves."""

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class PageSettings:
    """What a worker needs to render a brief's page and downloads."""

    config: Config
    today: dt.date
    formats: tuple[str, ...]
    html_key: str
    include_restricted: bool
    cwd: str


class WorkerPool:
    """A process pool started on first use and shared by the stages of one build."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: Executor | None = None

    def worth_it(self, tasks: int) -> bool:
        """Tell whether a stage with this many tasks should go to the workers."""
        return self.workers > 1 and tasks >= MIN_PARALLEL

    def map(self, func: Callable[[list[T]], list[R]], items: Sequence[T]) -> Iterator[R]:
        """Run func over batches of items in the workers, yielding results in order."""
        if self._pool is None:
            # forkserver: safe beside the preview server's threads.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["briefgen.site.workers", "briefgen.site.pages"])
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        size = max(4, len(items) // (self.workers * 4))
        batches = [list(items[i : i + size]) for i in range(0, len(items), size)]
        # Submitted now, not when the caller starts iterating, so the caller can work meanwhile.
        try:
            futures = [self._pool.submit(func, batch) for batch in batches]
        except (BrokenProcessPool, RuntimeError):
            return self._here(func, batches)
        return self._collect(func, futures, batches)

    def _collect(
        self,
        func: Callable[[list[T]], list[R]],
        futures: list[Future[list[R]]],
        batches: list[list[T]],
    ) -> Iterator[R]:
        for future, batch in zip(futures, batches, strict=True):
            try:
                results = future.result()
            except BrokenProcessPool:
                # Workers cannot start, e.g. when called from a script without a
                # `if __name__ == "__main__":` guard; do the work here instead.
                self.workers = 1
                results = func(batch)
            yield from results

    @staticmethod
    def _here(func: Callable[[list[T]], list[R]], batches: list[list[T]]) -> Iterator[R]:
        for batch in batches:
            yield from func(batch)

    def close(self) -> None:
        """Stop the workers, if any were started."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


_shared: dict[Path, SharedActors] = {}


def enter(cwd: str) -> None:
    """Work in the main process's folder: paths and finding locations are relative to it.

    Forkserver workers start in the folder the first pool was made in, which may differ.
    """
    if str(Path.cwd()) != cwd:
        os.chdir(cwd)


def validate_batch(
    batch: list[tuple[Path, Config, dt.date, str]],
) -> list[tuple[Validated | None, list[Finding]]]:
    """Validate briefs in a worker; return each brief or its findings."""
    with paused_gc():
        return _validate_batch(batch)


def _validate_batch(
    batch: list[tuple[Path, Config, dt.date, str]],
) -> list[tuple[Validated | None, list[Finding]]]:
    results: list[tuple[Validated | None, list[Finding]]] = []
    for path, config, today, cwd in batch:
        enter(cwd)
        folder = path.parent
        if folder not in _shared:
            try:
                _shared[folder] = load_shared_actors(folder)
            except ValidationFailed:
                _shared[folder] = SharedActors()  # the main process reports these findings
        try:
            checked = load_brief(path, config=config, shared=_shared[folder], today=today)
        except ValidationFailed as exc:
            results.append((None, list(exc.findings)))
            continue
        # Positions are only needed to place findings, and are large to send back.
        results.append((dataclasses.replace(checked, positions=None), []))
    return results


def render_batch(batch: list[tuple[str, str, Any, PageSettings]]) -> list[tuple[str, str, str]]:
    """Render brief pages and downloads in a worker; return (path, text, error) each."""
    with paused_gc():
        return _render_batch(batch)


def _render_batch(batch: list[tuple[str, str, Any, PageSettings]]) -> list[tuple[str, str, str]]:
    from briefgen.site.collect import SiteModel
    from briefgen.site.pages import PageMaker, render_download

    results: list[tuple[str, str, str]] = []
    for path, kind, item, settings in batch:
        enter(settings.cwd)
        maker = PageMaker(
            SiteModel(include_restricted=settings.include_restricted),
            settings.config,
            settings.today,
            settings.formats,
            settings.html_key,
        )
        try:
            if kind == "page":
                text = maker.brief_page(item)
            else:
                text = render_download(item, kind, settings.config, settings.today)
        except BriefgenError as exc:
            results.append((path, "", str(exc)))
            continue
        except Exception as exc:  # a worker must report, not crash the pool
            last = traceback.format_exception_only(exc)[-1].strip()
            results.append((path, "", f"unexpected error: {last}"))
            continue
        results.append((path, text, ""))
    return results
