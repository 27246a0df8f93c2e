"""PDFs of many briefs, rendered in parallel worker processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.config import Config
from briefgen.errors import BriefgenError
from briefgen.output import stop_on_full_disk, write_atomic
from briefgen.site.workers import die_with_parent, kill_workers
from briefgen.validate import Validated

PDF_TIMEOUT = 300.0
"""Seconds without any PDF finished after which the PDF workers are taken as hung."""


@dataclass(frozen=True)
class PdfJob:
    """One brief to render to one PDF file."""

    checked: Validated
    target: Path
    rel: str
    revision: Any = None
    """The revision line and changes to print (`briefgen build` in git), if any."""


@dataclass(frozen=True)
class Failure:
    """A file that could not be built, with the brief it came from and why."""

    source: str
    output: str
    message: str


def _render(
    checked: Validated, config: Config, today: dt.date, cwd: str, revision: Any = None
) -> tuple[bytes | None, str]:
    """Render one PDF in a worker; return the bytes or the error text, never raise."""
    try:
        from briefgen.site.workers import enter

        enter(cwd)
        from briefgen.render.pdf import render_pdf

        return render_pdf(checked, config=config, today=today, revision=revision), ""
    except BriefgenError as exc:
        return None, str(exc)
    except Exception as exc:  # a worker must report, not crash the pool
        last = traceback.format_exception_only(exc)[-1].strip()
        return None, f"unexpected error: {last}"


def render_pdfs(
    jobs: Sequence[PdfJob],
    *,
    config: Config,
    today: dt.date,
    workers: int,
    on_done: Callable[[PdfJob, bool], None] | None = None,
) -> tuple[list[PdfJob], list[Failure]]:
    """Render PDFs with `workers` processes; return the jobs written and the failures."""
    written: list[PdfJob] = []
    failures: list[Failure] = []
    if not jobs:
        return written, failures
    # forkserver: safe with the server's threads, and WeasyPrint is imported once for all.
    cwd = str(Path.cwd())
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["briefgen.render.pdf"])
    pool = ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )
    futures: dict[Future[tuple[bytes | None, str]], PdfJob] = {
        pool.submit(_render, job.checked, config, today, cwd, job.revision): job for job in jobs
    }
    pending = set(futures)
    hung = False
    try:
        while pending:
            done, pending = wait(pending, timeout=PDF_TIMEOUT, return_when=FIRST_COMPLETED)
            if not done:
                # No PDF in all that time: a worker hangs. Kill them; the rest fail.
                kill_workers(pool)
                hung = True
                for future in pending:
                    job = futures[future]
                    message = f"no PDF within {PDF_TIMEOUT:.0f} s; the renderer was stopped"
                    failures.append(Failure(str(job.checked.path), job.rel, message))
                break
            for future in done:
                _collect(future, futures[future], written, failures, on_done)
    finally:
        if not hung:
            pool.shutdown(cancel_futures=True)
    return written, failures


def _collect(
    future: Future[tuple[bytes | None, str]],
    job: PdfJob,
    written: list[PdfJob],
    failures: list[Failure],
    on_done: Callable[[PdfJob, bool], None] | None,
) -> None:
    """Write a finished PDF, or record why it failed."""
    try:
        data, error = future.result()
    except Exception as exc:  # the worker process died
        data, error = None, f"worker failed: {exc}"
    if data is not None:
        try:
            write_atomic(job.target, data)
            written.append(job)
        except OSError as exc:
            stop_on_full_disk(exc, job.target.parent)
            data, error = None, f"cannot write {job.rel}: {exc.strerror or exc}"
    if data is None:
        failures.append(Failure(str(job.checked.path), job.rel, error))
    if on_done:
        on_done(job, data is not None)
