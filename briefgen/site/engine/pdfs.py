"""PDFs of many briefs, rendered in the build's worker pool and written here."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.config import Config
from briefgen.errors import BriefgenError
from briefgen.output import stop_on_full_disk, write_atomic
from briefgen.site.engine.pool import WorkerPool, enter, unexpected
from briefgen.site.report import Failure
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


_Task = tuple[Validated, Config, dt.date, str, Any]


def _render(task: _Task) -> tuple[bytes | None, str]:
    """Render one PDF in a worker; return the bytes or the error text, never raise."""
    checked, config, today, cwd, revision = task
    try:
        enter(cwd)
        from briefgen.render.pdf import render_pdf

        return render_pdf(checked, config=config, today=today, revision=revision), ""
    except BriefgenError as exc:
        return None, str(exc)
    except Exception as exc:  # a worker must report, not crash the pool
        return None, unexpected(exc)


def render_pdfs(
    jobs: Sequence[PdfJob],
    *,
    config: Config,
    today: dt.date,
    pool: WorkerPool,
    on_done: Callable[[PdfJob, bool], None] | None = None,
) -> tuple[list[PdfJob], list[Failure]]:
    """Render PDFs in the pool's workers; return the jobs written and the failures."""
    written: list[PdfJob] = []
    failures: list[Failure] = []
    cwd = str(Path.cwd())
    tasks = [(job.checked, config, today, cwd, job.revision) for job in jobs]
    # Workers started for PDFs import WeasyPrint once, in the fork server.
    finished = pool.each(_render, tasks, patience=PDF_TIMEOUT, preload=["briefgen.render.pdf"])
    for index, future in finished:
        job = jobs[index]
        if future is None:
            # No PDF in all that time: a worker hung, and the workers were killed.
            message = f"no PDF within {PDF_TIMEOUT:.0f} s; the renderer was stopped"
            failures.append(Failure(str(job.checked.path), job.rel, message))
        else:
            _collect(future, job, written, failures, on_done)
    return written, failures


def render_brief_pdfs(
    briefs: Sequence[Validated],
    revisions: Sequence[Any],
    out_dir: Path,
    *,
    config: Config,
    today: dt.date,
    on_done: Callable[[PdfJob, bool], None] | None = None,
) -> dict[Path, str]:
    """Render `<id>.pdf` of each brief into a folder in worker processes (`briefgen build`).

    Return, by brief path, '' for a PDF written or the error that stopped it.
    """
    jobs = [
        PdfJob(checked, out_dir / f"{checked.brief.id}.pdf", f"{checked.brief.id}.pdf", revision)
        for checked, revision in zip(briefs, revisions, strict=True)
    ]
    pool = WorkerPool(min(len(jobs), os.cpu_count() or 1))
    try:
        _, failures = render_pdfs(jobs, config=config, today=today, pool=pool, on_done=on_done)
    finally:
        pool.close()
    done = {job.checked.path: "" for job in jobs}
    done.update({Path(f.source): f.message for f in failures})
    return done


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
