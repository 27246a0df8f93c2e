"""Build the static site: gather every brief, apply the policy, then render what changed.

A build reads as its phases: read the briefs, read their git history, collect the site
with the publication policy applied, plan every file, then write the pages, the PDFs and
the search index, and save a summary for the next build. Everything is gathered and
planned before the first file is written, so every page sees the same site.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.config import Config
from briefgen.errors import BriefgenError
from briefgen.outdir import cache_error, check_out_dir, out_lock
from briefgen.output import stop_on_full_disk
from briefgen.render.build import FORMATS
from briefgen.render.build import parse_formats as parse_brief_formats
from briefgen.site.brief_files import PageSettings, render_batch, write_file
from briefgen.site.collect import SiteModel, collect_site
from briefgen.site.engine.cache import (
    BriefStore,
    Manifest,
    config_key,
    digest,
    load_fragments,
    prepare_cache,
    save_fragments,
)
from briefgen.site.engine.files import SEARCH_KEY, check_writable, delete_stale, intact
from briefgen.site.engine.inputs import Inputs, LastGood, read_inputs
from briefgen.site.engine.memory import paused_gc
from briefgen.site.engine.pdfs import PdfJob, render_pdfs
from briefgen.site.engine.pool import Batches, WorkerPool
from briefgen.site.fragments import Fragments
from briefgen.site.history import BriefHistory, GitHead, find_git_head, read_history
from briefgen.site.history_pages import plan_history_feed, plan_history_pages, updated_dates
from briefgen.site.pages import Output, PageMaker
from briefgen.site.plan import plan_downloads, plan_extras, plan_pdfs, templates_key
from briefgen.site.report import BuildReport, Failure
from briefgen.site.search import INDEX_DIR, Indexer, IndexPlan, plan_index, shard_of

LOCK_WAIT = 60.0
"""Seconds a build waits for another build of the same output folder to finish."""
Progress = Callable[[str, int, int], None]
"""Told each file a phase finishes: the phase ("pages", "pdf"), how many done, how many in all."""
WORKER_MODULES = ("briefgen.site.engine.inputs", "briefgen.site.brief_files")
"""What the workers validate and render pages with: imported once, before they start."""
PdfPlan = list[tuple[str, str, PdfJob]]
"""PDFs to write: the path in the site, the content key and the job."""


def parse_formats(text: str) -> tuple[str, ...]:
    """Parse `html,pdf` into known formats; html is always built."""
    return parse_brief_formats(f"html,{text}")


@dataclass(frozen=True)
class SiteBuild:
    """What a build is asked to do: the briefs, the output folder and the settings."""

    src: Path
    out: Path
    config: Config
    today: dt.date
    formats: tuple[str, ...]
    include_restricted: bool = False
    clean: bool = False
    pages_only: bool = False
    search: bool = True
    progress: Progress | None = None
    last_good: LastGood | None = None


@dataclass
class _Run:
    """A build under way: its request, worker pool, cache and the files it has so far."""

    job: SiteBuild
    pool: WorkerPool
    cache: Path
    store: BriefStore
    manifest: Manifest
    ckey: str  # the config's key
    tkey: str  # the templates' key
    report: BuildReport
    started: float
    keys: dict[str, str] = field(default_factory=dict)
    """Every file the site has after this build, written or kept, with its content key."""

    @property
    def old(self) -> Mapping[str, str]:
        """Return the files of the last build with their keys (none to reuse when clean)."""
        return {} if self.job.clean else self.manifest.keys


@dataclass(frozen=True)
class _Plan:
    """Every file the site should have, planned before any is written."""

    site: SiteModel
    maker: PageMaker
    outputs: list[Output]
    pdfs: PdfPlan


@dataclass
class _Ticker:
    """Count the files a phase has done and tell `progress`."""

    progress: Progress | None
    phase: str
    total: int
    done: int = 0

    def __call__(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.phase, self.done, self.total)


def build_site(
    src: Path,
    out: Path,
    *,
    config: Config,
    today: dt.date,
    formats: Sequence[str] = FORMATS,
    include_restricted: bool = False,
    clean: bool = False,
    jobs: int | None = None,
    pages_only: bool = False,
    search: bool = True,
    progress: Progress | None = None,
    lock_wait: float = LOCK_WAIT,
    last_good: LastGood | None = None,
) -> BuildReport:
    """Build (or update) the site for the briefs under `src` into `out`.

    With `pages_only`, write the pages and downloads but leave the PDFs and the search
    index as the last build made them, for a build without it to bring up to date: the
    preview server shows a changed page first that way. With `last_good`, a brief that
    stops validating keeps the pages of its last valid version (see `read_inputs`).

    The output folder is refused when it is, holds or lies in `src` or holds its git work
    tree; one build at a time writes a folder, a second waits up to `lock_wait` seconds.
    """
    check_out_dir(out, [src])
    prepare_cache(out)
    job = SiteBuild(
        src,
        out,
        config,
        today,
        tuple(formats),
        include_restricted=include_restricted,
        clean=clean,
        pages_only=pages_only,
        search=search,
        progress=progress,
        last_good=last_good,
    )
    pool = WorkerPool(jobs or os.cpu_count() or 1, preload=WORKER_MODULES)
    try:
        with out_lock(out, wait=lock_wait), paused_gc():
            return _build(job, pool)
    finally:
        pool.close()


def _build(job: SiteBuild, pool: WorkerPool) -> BuildReport:
    """Run the phases of a build, in order."""
    run = _open(job, pool)
    # In git, HEAD is an input too: a commit changes revision lines, history and feed.
    head = find_git_head(job.src)
    inputs = _read(run, head)
    if inputs.unchanged:
        return _unchanged(run)
    histories = _history(run, head, inputs)
    site = _collect(run, inputs, histories)
    plan = _plan(run, site, histories)
    todo = _todo(run, plan.outputs)
    indexer, index = _plan_search(run, plan.outputs, todo)
    with _stopped_on_failure(indexer):
        _pages(run, plan, todo, indexer)
        pdfs = _pdfs_to_render(run, plan.pdfs)
        _sweep(run, pdfs)
        if indexer is not None:
            indexer.start_all()  # pagefind runs in its own processes: it indexes while PDFs render
        search_started = time.perf_counter()
        _pdfs(run, pdfs)
        if indexer is not None:
            _search(run, indexer, index, search_started)
    _save(run, inputs, plan)
    return run.report


@contextmanager
def _stopped_on_failure(indexer: Indexer | None) -> Iterator[None]:
    """Stop the search indexer's processes when a phase fails or the build is interrupted."""
    try:
        yield
    except BaseException:
        if indexer is not None:
            indexer.abort()
        raise


def _open(job: SiteBuild, pool: WorkerPool) -> _Run:
    """Open the build's cache and check that the output folder can be written."""
    started = time.perf_counter()
    report = BuildReport(job.out)
    cache = prepare_cache(job.out, clean=job.clean)
    check_writable(job.out)
    store = BriefStore.open(cache)
    manifest = Manifest.open(cache)
    ckey, tkey = config_key(job.config), templates_key(job.config)
    return _Run(job, pool, cache, store, manifest, ckey, tkey, report, started)


def _read(run: _Run, head: GitHead | None) -> Inputs:
    """Read and validate the briefs; tell when nothing changed since the last build."""
    job = run.job
    salt = digest(
        run.ckey,
        run.tkey,
        job.include_restricted,
        list(job.formats),
        job.pages_only,
        job.search,
        head.key if head else "",
    )
    redo = job.clean or not intact(job.out, run.manifest)
    inputs = read_inputs(
        job.src,
        config=job.config,
        today=job.today,
        store=run.store,
        pool=run.pool,
        salt=salt,
        previous="" if redo else run.manifest.fingerprint,
        last_good=job.last_good,
    )
    run.report.findings = inputs.findings
    run.report.validated = inputs.validated
    return inputs


def _unchanged(run: _Run) -> BuildReport:
    """Report a build whose inputs are those of the last one, as the last one did."""
    report = run.report
    report.restore(run.manifest.summary)
    report.unchanged = sum(1 for rel in run.manifest.keys if not rel.startswith(SEARCH_KEY))
    report.seconds["total"] = report.seconds["read"] = time.perf_counter() - run.started
    return report


def _history(run: _Run, head: GitHead | None, inputs: Inputs) -> Mapping[Path, BriefHistory]:
    """Read every brief's revisions from git, policed and diffed."""
    return read_history(
        head,
        inputs.briefs,
        config=run.job.config,
        include_restricted=run.job.include_restricted,
        cache_dir=run.cache,
        pool=run.pool,
    )


def _collect(run: _Run, inputs: Inputs, histories: Mapping[Path, BriefHistory]) -> SiteModel:
    """Collect the site model: the briefs the policy lets through, with their listings."""
    job, report = run.job, run.report
    site = collect_site(
        inputs.briefs,
        config=job.config,
        today=job.today,
        include_restricted=job.include_restricted,
        shared_actors=inputs.shared_actors,
        revisions={path: history.info for path, history in histories.items()},
    )
    report.withheld = site.withheld
    report.findings = sorted([*report.findings, *site.findings])
    report.briefs = len(site.briefs)
    report.seconds["read"] = time.perf_counter() - run.started
    return site


def _plan(run: _Run, site: SiteModel, histories: Mapping[Path, BriefHistory]) -> _Plan:
    """Plan every file of the site, each with the key of what it is made from."""
    job, ckey, tkey = run.job, run.ckey, run.tkey
    html_key = digest(ckey, tkey, job.include_restricted, list(job.formats))
    fragments = Fragments(load_fragments(run.cache, ckey))
    dates = updated_dates(site, histories)
    maker = PageMaker(site, job.config, job.today, job.formats, html_key, fragments, dates)
    outputs = maker.outputs()
    outputs += plan_history_pages(maker, histories)
    outputs += plan_downloads(site, job.config, job.today, job.formats, ckey, tkey)
    feed = plan_history_feed(site, histories, job.config, html_key) if histories else None
    outputs += plan_extras(site, job.config, outputs, html_key, feed=feed)
    return _Plan(site, maker, outputs, plan_pdfs(site, job.out, job.formats, ckey, tkey))


def _todo(run: _Run, outputs: Sequence[Output]) -> list[Output]:
    """Return the files to make; keep those on disk with the key they were made from."""
    todo: list[Output] = []
    for o in outputs:
        if run.old.get(o.path) == o.key and (run.job.out / o.path).is_file():
            run.keys[o.path] = o.key
        else:
            todo.append(o)
    run.report.unchanged = len(outputs) - len(todo)
    return todo


def _plan_search(
    run: _Run, outputs: Sequence[Output], todo: Sequence[Output]
) -> tuple[Indexer | None, IndexPlan]:
    """Plan the search index; return an indexer when shards must be indexed again."""
    job = run.job
    indexed = {o.path: (o.job[1].id, o.key) for o in outputs if o.indexed and o.job}
    index = plan_index(indexed, run.old, job.out, prefix=f"{SEARCH_KEY}.{job.config.language}")
    if job.search and job.pages_only:
        run.keys.update({k: v for k, v in run.old.items() if k.startswith(f"{SEARCH_KEY}.")})
    elif job.search and index.needed:
        by_path = {o.path: o for o in todo}
        return Indexer(job.out, index, by_path, language=job.config.language), index
    elif job.search:
        run.keys.update(index.keys)
    return None, index


def _pages(run: _Run, plan: _Plan, todo: list[Output], indexer: Indexer | None) -> None:
    """Write the pages and downloads to make: many brief pages in the workers, the rest here."""
    job, report = run.job, run.report
    # Search shards are indexed as soon as their pages are written, so render the pages of
    # one shard together, before the other files.
    todo.sort(key=lambda o: (0, shard_of(o.job[1].id), o.path) if o.indexed and o.job else (1,))
    by_path = {o.path: o for o in todo}
    tick = _Ticker(job.progress, "pages", len(todo))

    def record(path: str, error: str) -> None:
        o = by_path[path]
        if error:
            report.failures.append(Failure(o.source or "(site)", o.path, error))
        else:
            run.keys[o.path] = o.key
            report.rendered.append(o.path)
        if indexer is not None:
            indexer.written(path)
        tick()

    # The workers render and write brief pages while this process renders the listings.
    results = _in_workers(run, plan, todo)
    for o in todo:
        if o.job is not None and isinstance(results, Batches):
            continue
        record(o.path, _make(job.out, o))
        if isinstance(results, Batches):
            for path, error in results.ready():
                record(path, error)
    for path, error in results:
        record(path, error)
    report.seconds["pages"] = time.perf_counter() - run.started - report.seconds["read"]


def _in_workers(run: _Run, plan: _Plan, todo: Sequence[Output]) -> Iterator[tuple[str, str]]:
    """Send the brief pages and downloads to the workers when there are enough of them."""
    if not run.pool.worth_it(len(todo)):
        return iter(())
    job = run.job
    settings = PageSettings(
        job.config,
        job.today,
        job.formats,
        plan.maker.html_key,
        job.include_restricted,
        str(Path.cwd()),
        str(job.out),
    )
    tasks = [(o.path, o.job[0], o.job[1], settings) for o in todo if o.job is not None]
    return run.pool.map(render_batch, tasks) if tasks else iter(())


def _pdfs_to_render(run: _Run, planned: PdfPlan) -> PdfPlan:
    """Keep the PDFs that are up to date; return the others (none in a pages-only build)."""
    todo: PdfPlan = []
    for rel, key, job in planned:
        if run.old.get(rel) == key and job.target.is_file():
            run.keys[rel] = key
            run.report.unchanged += 1
        elif run.job.pages_only:
            if rel in run.old and job.target.is_file():
                run.keys[rel] = run.old[rel]  # keep the old PDF until the deferred pass replaces it
        else:
            todo.append((rel, key, job))
    return todo


def _sweep(run: _Run, pdfs: PdfPlan) -> None:
    """Delete the files earlier builds wrote that this build has not planned."""
    planned = {*run.keys, *(rel for rel, _, _ in pdfs)}
    run.report.deleted = delete_stale(run.job.out, run.manifest.keys, planned)


def _pdfs(run: _Run, todo: PdfPlan) -> None:
    """Render and write the PDFs to make in the workers."""
    if not todo:
        return
    started = time.perf_counter()
    tick = _Ticker(run.job.progress, "pdf", len(todo))
    written, failures = render_pdfs(
        [job for _, _, job in todo],
        config=run.job.config,
        today=run.job.today,
        pool=run.pool,
        on_done=lambda _job, _ok: tick(),
    )
    keys = {job.rel: key for _, key, job in todo}
    for job in written:
        run.keys[job.rel] = keys[job.rel]
        run.report.rendered.append(job.rel)
    run.report.failures += failures
    run.report.seconds["pdf"] = time.perf_counter() - started


def _search(run: _Run, indexer: Indexer, index: IndexPlan, started: float) -> None:
    """Wait for the search index; a failure is reported and the last index kept."""
    try:
        run.report.indexed = indexer.finish()
        run.keys.update(index.keys)
    except BriefgenError as exc:
        run.report.failures.append(Failure("(site)", INDEX_DIR, str(exc)))
    run.report.seconds["search"] = time.perf_counter() - started


def _save(run: _Run, inputs: Inputs, plan: _Plan) -> None:
    """Save the manifest, the brief store and the listing snippets for the next build."""
    report, out = run.report, run.job.out
    # Errors are part of the id so that open pages reload when they appear or go away.
    report.build_id = digest(sorted(run.keys.items()), [f.format() for f in report.findings])
    # A build with failures leaves no fingerprint, so the next one retries what failed.
    fingerprint = "" if report.failures else inputs.fingerprint
    # A file that failed keeps its old version on disk: list it, so it stays briefgen's.
    before = run.manifest.keys
    owned = {rel: "" for rel in before if rel not in run.keys and (out / rel).exists()}
    try:
        run.manifest.save({**owned, **run.keys}, fingerprint, report.summary())
        run.store.save()
        if plan.maker.fragments.added:
            save_fragments(run.cache, run.ckey, plan.maker.fragments.live(plan.site))
    except OSError as exc:
        stop_on_full_disk(exc, run.cache)
        raise cache_error(exc, run.cache) from exc
    report.seconds["total"] = time.perf_counter() - run.started


def _make(out: Path, o: Output) -> str:
    """Render one output in this process and write it; return an error message or ""."""
    return write_file(out, o.path, o.make)
