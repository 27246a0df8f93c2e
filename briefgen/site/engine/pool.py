"""The one worker pool of a build: validate briefs, render pages and PDFs in parallel.

Every child is under a time limit (a batch, or the wait for the next PDF) and is killed
when it passes it; a task's failure comes back as its error text, never swallowed.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Generic, TypeVar

from briefgen.errors import RenderError

MIN_PARALLEL = 150
"""Below this many tasks, starting worker processes costs more than it saves.

A new process pays about 0.25 s to start its forkserver and workers; 60 briefs built in
0.7 s alone and in 1.0 s with two workers.
"""

BATCH_TIMEOUT = 600.0
"""Seconds a batch of worker tasks may take before its workers are taken as hung and killed."""

T = TypeVar("T")
R = TypeVar("R")


class WorkerPool:
    """A process pool started on first use and shared by the stages of one build."""

    def __init__(self, workers: int, *, preload: Sequence[str] = ()) -> None:
        self.workers = max(1, workers)
        self.preload = list(preload)
        """Modules the batch tasks need, imported once for all the workers."""
        self._pool: Executor | None = None

    def worth_it(self, tasks: int) -> bool:
        """Tell whether a stage with this many tasks should go to the workers."""
        return self.workers > 1 and tasks >= MIN_PARALLEL

    def _start(self, preload: Sequence[str]) -> Executor:
        """Start the workers unless they run; `preload` is imported once for all of them."""
        if self._pool is None:
            # forkserver: safe beside the preview server's threads. Its preload is set by
            # the first pool of the process, whatever later ones ask.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(list(preload))
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def map(self, func: Callable[[list[T]], list[R]], items: Sequence[T]) -> Batches[T, R]:
        """Run func over batches of items in the workers; iterate the results in order."""
        pool = self._start(self.preload)
        size = max(4, len(items) // (self.workers * 4))
        batches = [list(items[i : i + size]) for i in range(0, len(items), size)]
        # Submitted now, not when the caller starts iterating, so the caller can work meanwhile.
        try:
            futures = [pool.submit(func, batch) for batch in batches]
        except (BrokenProcessPool, RuntimeError):
            futures = []
        return Batches(self, func, batches, futures)

    def each(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        *,
        patience: float,
        preload: Sequence[str] | None = None,
    ) -> Iterator[tuple[int, Future[R] | None]]:
        """Run func on every item in the workers; yield each item's index and future when done.

        When no item finishes for `patience` seconds, a worker hangs: the workers are killed
        and the index of every item left is yielded with None. `preload` replaces the
        pool's when these tasks start the workers.
        """
        if not items:
            return
        preload = self.preload if preload is None else preload
        pool = self._start(preload)
        try:
            futures = {pool.submit(func, item): i for i, item in enumerate(items)}
        except (BrokenProcessPool, RuntimeError):
            self.kill()  # broken in an earlier stage: start afresh, as a pool of its own would
            pool = self._start(preload)
            futures = {pool.submit(func, item): i for i, item in enumerate(items)}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=patience, return_when=FIRST_COMPLETED)
            if not done:
                self.kill()
                for future in pending:
                    yield futures[future], None
                return
            for future in done:
                yield futures[future], future

    def close(self) -> None:
        """Stop the workers, if any were started."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)  # tasks left by a build that stopped
            self._pool = None

    def kill(self) -> None:
        """Kill the workers at once: one of them hangs."""
        if isinstance(self._pool, ProcessPoolExecutor):
            kill_workers(self._pool)
        self._pool = None


class Batches(Iterator[R], Generic[T, R]):
    """The results of batches submitted to the workers, in order, as they become ready."""

    def __init__(
        self,
        pool: WorkerPool,
        func: Callable[[list[T]], list[R]],
        batches: list[list[T]],
        futures: list[Future[list[R]]],
    ) -> None:
        self._pool = pool
        self._func = func
        waiting: list[Future[list[R]] | None] = [*futures] or [None] * len(batches)
        self._todo = list(zip(batches, waiting, strict=True))
        self._results: list[R] = []

    def __next__(self) -> R:
        while not self._results:
            if not self._todo:
                raise StopIteration
            self._take()
        return self._results.pop()

    def ready(self) -> Iterator[R]:
        """Yield the results that are ready now, in order, without waiting for more."""
        while self._results or (self._todo and _is_done(self._todo[0][1])):
            yield next(self)

    def _take(self) -> None:
        batch, future = self._todo.pop(0)
        try:
            results = self._func(batch) if future is None else future.result(BATCH_TIMEOUT)
        except TimeoutError:
            self._pool.kill()
            raise RenderError(
                f"worker processes gave no result in {BATCH_TIMEOUT:.0f} s and were stopped; "
                "build again, and report it if it happens again"
            ) from None
        except BrokenProcessPool:
            # Workers cannot start, e.g. when called from a script without a
            # `if __name__ == "__main__":` guard; do the work here instead.
            self._pool.workers = 1
            results = self._func(batch)
        self._results = results[::-1]


def _is_done(future: Future[Any] | None) -> bool:
    return future is None or future.done()


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill a process pool's workers and shut it down without waiting for them."""
    for process in list(pool._processes.values()):  # no public way to reach them
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def die_with_parent(main_pid: int) -> None:
    """Make this worker process end when the build process ends, even by kill -9.

    Workers are forked by multiprocessing's fork server, not by the build itself, and they
    hold their task queue's both ends, so nothing else tells them: a thread waits on a
    pidfd of the build process (Linux), or checks every second that it still runs.
    """

    def wait_for_exit() -> None:
        try:
            pidfd = os.pidfd_open(main_pid)
        except (AttributeError, OSError):
            pidfd = -1
        if pidfd >= 0:
            select.select([pidfd], [], [])  # readable once the process has ended
        else:
            while _running(main_pid):
                time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=wait_for_exit, name="briefgen-parent-watch", daemon=True).start()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def enter(cwd: str) -> None:
    """Work in the main process's folder: paths and finding locations are relative to it.

    Forkserver workers start in the folder the first pool was made in, which may differ.
    """
    if str(Path.cwd()) != cwd:
        os.chdir(cwd)


def unexpected(exc: Exception) -> str:
    """Word an error a task did not expect, for its report: a worker reports, never crashes."""
    last = traceback.format_exception_only(exc)[-1].strip()
    return f"unexpected error: {last}"
