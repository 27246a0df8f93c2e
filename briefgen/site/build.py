"""Build the static site: gather every brief, apply the policy, then render what changed."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.config import Config
from briefgen.errors import BriefgenError, Finding, OutputError, Severity, display_path
from briefgen.model import Marking
from briefgen.outdir import cache_error, check_out_dir, out_lock
from briefgen.output import replace_file, stop_on_full_disk
from briefgen.render.build import FORMATS
from briefgen.render.build import parse_formats as parse_brief_formats
from briefgen.site.cache import (
    BriefStore,
    Manifest,
    config_key,
    digest,
    load_fragments,
    prepare_cache,
    save_fragments,
)
from briefgen.site.collect import Withheld, collect_site
from briefgen.site.history import find_git_head, read_history
from briefgen.site.history_pages import plan_history_feed, plan_history_pages, updated_dates
from briefgen.site.inputs import LastGood, read_inputs
from briefgen.site.memory import paused_gc
from briefgen.site.pages import Fragments, Output, PageMaker
from briefgen.site.pdfs import Failure, PdfJob, render_pdfs
from briefgen.site.plan import plan_downloads, plan_extras, plan_pdfs, templates_key
from briefgen.site.search import INDEX_DIR, LIST_FILE, Indexer, plan_index, shard_of
from briefgen.site.workers import Batches, PageSettings, WorkerPool, render_batch

SEARCH_KEY = ".search"
LOCK_WAIT = 60.0
"""Seconds a build waits for another build of the same output folder to finish."""
Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    """What a site build did: counts, withheld briefs, findings, failures and timings."""

    out: Path
    briefs: int = 0
    rendered: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    indexed: int | None = None
    validated: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    build_id: str = ""

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that are errors (briefs left out because they are invalid)."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        """Tell whether every brief validated and every file was built."""
        return not self.errors and not self.failures


def parse_formats(text: str) -> tuple[str, ...]:
    """Parse `html,pdf` into known formats; html is always built."""
    return parse_brief_formats(f"html,{text}")


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
    pool = WorkerPool(jobs or os.cpu_count() or 1)
    try:
        with out_lock(out, wait=lock_wait), paused_gc():
            return _build(
                src,
                out,
                pool,
                config=config,
                today=today,
                formats=formats,
                include_restricted=include_restricted,
                clean=clean,
                jobs=jobs,
                pages_only=pages_only,
                search=search,
                progress=progress,
                last_good=last_good,
            )
    finally:
        pool.close()


def _build(
    src: Path,
    out: Path,
    pool: WorkerPool,
    *,
    config: Config,
    today: dt.date,
    formats: Sequence[str],
    include_restricted: bool,
    clean: bool,
    jobs: int | None,
    pages_only: bool,
    search: bool,
    progress: Progress | None,
    last_good: LastGood | None = None,
) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(out)
    cache = prepare_cache(out, clean=clean)
    _check_writable(out)
    store = BriefStore.open(cache)
    manifest = Manifest.open(cache)
    tkey = templates_key(config)
    ckey = config_key(config)
    # In git, HEAD is an input too: a commit changes revision lines, history and feed.
    head = find_git_head(src)
    salt = digest(
        ckey, tkey, include_restricted, list(formats), pages_only, search, head.key if head else ""
    )
    inputs = read_inputs(
        src,
        config=config,
        today=today,
        store=store,
        pool=pool,
        salt=salt,
        previous="" if clean or not _intact(out, manifest) else manifest.fingerprint,
        last_good=last_good,
    )
    if inputs.unchanged:
        _restore_summary(report, manifest)
        report.seconds["total"] = report.seconds["read"] = time.perf_counter() - started
        return report
    report.findings = inputs.findings
    report.validated = inputs.validated
    histories = read_history(
        head,
        inputs.briefs,
        config=config,
        include_restricted=include_restricted,
        cache_dir=cache,
        pool=pool,
    )
    site = collect_site(
        inputs.briefs,
        config=config,
        today=today,
        include_restricted=include_restricted,
        shared_actors=inputs.shared_actors,
        revisions={path: history.info for path, history in histories.items()},
    )
    report.withheld = site.withheld
    report.findings = sorted([*report.findings, *site.findings])
    report.briefs = len(site.briefs)
    report.seconds["read"] = time.perf_counter() - started

    html_key = digest(ckey, tkey, include_restricted, list(formats))
    maker = PageMaker(
        site,
        config,
        today,
        formats,
        html_key,
        Fragments(load_fragments(cache, ckey)),
        updated_dates(site, histories),
    )
    outputs = maker.outputs()
    outputs += plan_history_pages(maker, histories)
    outputs += plan_downloads(site, config, today, formats, ckey, tkey)
    feed = plan_history_feed(site, histories, config, html_key) if histories else None
    outputs += plan_extras(site, config, outputs, html_key, feed=feed)
    pdf_jobs = plan_pdfs(site, out, formats, ckey, tkey)

    # The manifest lists every file earlier builds wrote: the only files a build deletes.
    written_before = manifest.keys
    old = {} if clean else written_before
    new: dict[str, str] = {}
    todo: list[Output] = []
    for o in outputs:
        if old.get(o.path) == o.key and (out / o.path).is_file():
            new[o.path] = o.key
        else:
            todo.append(o)
    report.unchanged = len(outputs) - len(todo)
    by_path = {o.path: o for o in todo}

    indexed = {o.path: (o.job[1].id, o.key) for o in outputs if o.indexed and o.job}
    plan = plan_index(indexed, old, out, prefix=f"{SEARCH_KEY}.{config.language}")
    indexer: Indexer | None = None
    if search and pages_only:
        new.update({k: v for k, v in old.items() if k.startswith(f"{SEARCH_KEY}.")})
    elif search and plan.needed:
        indexer = Indexer(out, plan, by_path, language=config.language)
    elif search:
        new.update(plan.keys)
    # Search shards are indexed as soon as their pages are written, so render the pages of
    # one shard together, before the other files.
    todo.sort(key=lambda o: (0, shard_of(o.job[1].id), o.path) if o.indexed and o.job else (1,))

    settings = PageSettings(
        config, today, tuple(formats), html_key, include_restricted, str(Path.cwd()), str(out)
    )
    parallel = [o for o in todo if o.job is not None] if pool.worth_it(len(todo)) else []
    tasks = [(o.path, o.job[0], o.job[1], settings) for o in parallel if o.job is not None]
    # The workers render and write brief pages while this process renders the listings.
    results = pool.map(render_batch, tasks) if tasks else iter(())
    done = 0

    def record(path: str, error: str) -> None:
        nonlocal done
        o = by_path[path]
        done += 1
        if error:
            report.failures.append(Failure(o.source or "(site)", o.path, error))
        else:
            new[o.path] = o.key
            report.rendered.append(o.path)
        if indexer is not None:
            indexer.written(path)
        if progress:
            progress("pages", done, len(todo))

    for o in todo:
        if o.job is not None and tasks:
            continue
        record(o.path, _make(out, o))
        if isinstance(results, Batches):
            for path, error in results.ready():
                record(path, error)
    for path, error in results:
        record(path, error)
    report.seconds["pages"] = time.perf_counter() - started - report.seconds["read"]

    pdf_todo = []
    for rel, key, job in pdf_jobs:
        if old.get(rel) == key and job.target.is_file():
            new[rel] = key
            report.unchanged += 1
        elif pages_only:
            if rel in old and job.target.is_file():
                new[rel] = old[rel]  # keep the old PDF until the deferred pass replaces it
        else:
            pdf_todo.append((rel, key, job))
    planned = set(new) | {rel for rel, _, _ in pdf_todo}
    report.deleted = _delete_stale(out, written_before, planned)
    if indexer is not None:
        # pagefind runs in its own processes, so it indexes the pages while PDFs render.
        indexer.start_all()
    t_search = time.perf_counter()

    if pdf_todo:
        t0 = time.perf_counter()
        keys = {job.rel: key for _, key, job in pdf_todo}
        count = [0]

        def on_done(job: PdfJob, ok: bool) -> None:
            count[0] += 1
            if progress:
                progress("pdf", count[0], len(pdf_todo))

        written, failures = render_pdfs(
            [job for _, _, job in pdf_todo],
            config=config,
            today=today,
            workers=jobs or os.cpu_count() or 1,
            on_done=on_done,
        )
        for job in written:
            new[job.rel] = keys[job.rel]
            report.rendered.append(job.rel)
        report.failures += failures
        report.seconds["pdf"] = time.perf_counter() - t0

    if indexer is not None:
        try:
            report.indexed = indexer.finish()
            new.update(plan.keys)
        except BriefgenError as exc:
            report.failures.append(Failure("(site)", INDEX_DIR, str(exc)))
        report.seconds["search"] = time.perf_counter() - t_search
    # Errors are part of the id so that open pages reload when they appear or go away.
    report.build_id = digest(sorted(new.items()), [f.format() for f in report.findings])
    # A build with failures leaves no fingerprint, so the next one retries what failed.
    fingerprint = "" if report.failures else inputs.fingerprint
    # A file that failed keeps its old version on disk: list it, so it stays briefgen's.
    owned = {rel: "" for rel in written_before if rel not in new and (out / rel).exists()}
    try:
        manifest.save({**owned, **new}, fingerprint, _summary(report))
        store.save()
        if maker.fragments.added:
            save_fragments(cache, ckey, maker.fragments.live(site))
    except OSError as exc:
        stop_on_full_disk(exc, cache)
        raise cache_error(exc, cache) from exc
    report.seconds["total"] = time.perf_counter() - started
    return report


def _intact(out: Path, manifest: Manifest) -> bool:
    """Tell whether every file and search shard the last build made is still there.

    A build that died (or a shard deleted by hand) leaves files missing: the next build
    must make them again rather than report the site unchanged.
    """
    shards = [rel.rsplit("/", 1)[-1] for rel in manifest.keys if rel.startswith(SEARCH_KEY)]
    index = out / INDEX_DIR
    return (
        bool(manifest.keys)
        and all((out / rel).is_file() for rel in manifest.keys if not rel.startswith(SEARCH_KEY))
        and all((index / name).is_dir() for name in shards)
        and (not shards or (index / LIST_FILE).is_file())
    )


def _summary(report: BuildReport) -> dict[str, Any]:
    """Return what a no-change build must report again: counts, withheld, findings."""
    return {
        "briefs": report.briefs,
        "build_id": report.build_id,
        "withheld": [
            {"path": w.path, "brief_id": w.brief_id, "marking": w.marking.value, "reason": w.reason}
            for w in report.withheld
        ],
        "findings": [f.to_dict() for f in report.findings],
    }


def _restore_summary(report: BuildReport, manifest: Manifest) -> None:
    """Fill the report of a no-change build from the last build's summary."""
    summary = manifest.summary
    report.briefs = summary.get("briefs", 0)
    report.build_id = summary.get("build_id", "")
    report.unchanged = sum(1 for rel in manifest.keys if not rel.startswith(SEARCH_KEY))
    report.withheld = [
        Withheld(w["path"], w["brief_id"], Marking(w["marking"]), w["reason"])
        for w in summary.get("withheld", [])
    ]
    report.findings = [
        Finding(f["file"], f["line"], f["col"], Severity(f["severity"]), f["path"], f["message"])
        for f in summary.get("findings", [])
    ]


def _make(out: Path, o: Output) -> str:
    """Render one output in this process and write it; return an error message or ""."""
    try:
        replace_file(out / o.path, o.make())
    except BriefgenError as exc:
        return str(exc)
    except OSError as exc:
        stop_on_full_disk(exc, out)
        return f"cannot write {o.path}: {exc.strerror or exc}"
    return ""


def _delete_stale(out: Path, old: Mapping[str, str], new: Collection[str]) -> list[str]:
    """Remove the files earlier builds wrote that this build does not; never any other file."""
    root = out.resolve()
    gone = sorted(k for k in set(old) - set(new) if not k.startswith(SEARCH_KEY))
    deleted = []
    for rel in gone:
        target = root / rel
        if not target.resolve().is_relative_to(root) or target.resolve() == root:
            continue
        if target.is_file() or target.is_symlink():
            target.unlink()
            deleted.append(rel)
            parent = target.parent
            while parent != root and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    return deleted


def _check_writable(out: Path) -> None:
    """Refuse an output folder that cannot be created or written, before building anything."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".briefgen-", suffix=".tmp", dir=out)
        os.close(fd)
        Path(name).unlink()
    except OSError as exc:
        raise OutputError(
            f"{display_path(out)}: error: cannot write the output folder: "
            f"{exc.strerror or exc}; check its permissions and free space, or choose another"
        ) from exc
