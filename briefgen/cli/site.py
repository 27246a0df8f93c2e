"""Commands that build the website: site and serve."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from briefgen import clock
from briefgen.cli.options import formats_option, output_option
from briefgen.config import find_config, load_config
from briefgen.errors import Finding, display_path
from briefgen.validate.checks import is_stale_warning

SRC = click.argument(
    "src", required=False, default=Path("briefs"), type=click.Path(exists=True, path_type=Path)
)


def site_formats(text: str) -> tuple[str, ...]:
    """Parse the site's formats; html is always built."""
    from briefgen.site import parse_formats

    return parse_formats(text)


FORMATS_OPTION = formats_option(
    site_formats,
    default="html,pdf,md,json",
    help="Per-brief files to build; `html` alone gives a fast preview without PDFs.",
)
RESTRICTED_OPTION = click.option(
    "--include-restricted",
    is_flag=True,
    help="Internal site: include briefs above publish.max_marking, marked on every page.",
)
OUT_OPTION = output_option(
    "out",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Output folder, outside the sources; the build cache goes to ~/.cache/briefgen.",
)
JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for PDFs and big builds [cores].",
)


def stale_summary(stale: Sequence[Finding], src: Path) -> str:
    """Sum up the briefs past review_by in one line; `validate` lists them one by one."""
    files = sorted({f.file for f in stale})
    named = ", ".join(files[:3]) + (", ..." if len(files) > 3 else "")
    verb = "brief is" if len(files) == 1 else "briefs are"
    return (
        f"warning: {len(files)} {verb} past review_by and carry a STALE banner ({named}); "
        f"`briefgen validate {display_path(src)}` lists them"
    )


def _server(out: Path, host: str, port: int) -> Any:
    """Open the preview server's socket, turning a busy port or unknown host into a usage error."""
    import socket

    from briefgen.site.serve import SiteServer

    try:
        return SiteServer(out, host=host, port=port)
    except socket.gaierror as exc:
        raise click.BadParameter(
            f"{host!r} is not a known host name or address ({exc.strerror}); try 127.0.0.1",
            param_hint="--host",
        ) from exc
    except OSError as exc:
        raise click.BadParameter(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another with "
            "--port (0 picks a free one)",
            param_hint="--port",
        ) from exc


def print_report(console: Console, report: Any, *, src: Path, phase: str = "") -> None:
    """Print what a build did: withheld briefs, findings, failures and a summary line."""
    for withheld in report.withheld:
        console.print(
            f"[yellow]withheld[/] {display_path(Path(withheld.path))} ({withheld.brief_id}): "
            f"{withheld.reason}",
            highlight=False,
        )
    stale = [f for f in report.findings if is_stale_warning(f)]
    for finding in sorted(f for f in report.findings if not is_stale_warning(f)):
        style = "red" if finding.severity.value == "error" else "yellow"
        console.print(f"[{style}]{finding.format()}[/]", highlight=False)
    if stale:
        console.print(f"[yellow]{stale_summary(stale, src)}[/]", highlight=False)
    for failure in report.failures:
        console.print(f"[red]{failure.format()}[/]", highlight=False)
    seconds = report.seconds.get("total", 0.0)
    label = f"{phase}: " if phase else ""
    console.print(
        f"{label}{report.briefs} brief(s) published, {len(report.withheld)} withheld, "
        f"{len(report.rendered)} file(s) written, {report.unchanged} unchanged, "
        f"{len(report.deleted)} deleted in {seconds:.2f} s -> {display_path(report.out)}",
        highlight=False,
    )


@click.command()
@SRC
@OUT_OPTION
@FORMATS_OPTION
@RESTRICTED_OPTION
@click.option("--clean", is_flag=True, help="Ignore the cache and rebuild everything.")
@JOBS_OPTION
def site(
    src: Path,
    out: Path,
    formats: tuple[str, ...],
    include_restricted: bool,
    clean: bool,
    jobs: int | None,
) -> None:
    """Build the static website from the briefs in SRC (default: briefs/).

    Briefs marked above publish.max_marking are left out and listed. Exit 1 when a brief
    is invalid or a file could not be built; the rest of the site is still written.
    """
    from briefgen.site import build_site

    config = load_config(find_config(src))
    console = Console(stderr=True, soft_wrap=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        report = build_site(
            src,
            out,
            config=config,
            today=clock.today(),
            formats=formats,
            include_restricted=include_restricted,
            clean=clean,
            jobs=jobs,
            progress=progress,
        )
    print_report(console, report, src=src)
    if include_restricted:
        console.print("[yellow]internal site: restricted briefs included; do not publish[/]")
    if not report.ok:
        raise SystemExit(1)


@click.command()
@SRC
@OUT_OPTION
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@FORMATS_OPTION
@RESTRICTED_OPTION
@JOBS_OPTION
def serve(
    src: Path,
    out: Path,
    port: int,
    host: str,
    formats: tuple[str, ...],
    include_restricted: bool,
    jobs: int | None,
) -> None:
    """Build the site, serve it on 127.0.0.1 and rebuild and reload on every change.

    Pages are built first, PDFs after. Errors show in the terminal and in the page.
    """
    from briefgen.outdir import cache_dir_for, check_out_dir
    from briefgen.render.env import builtin_templates
    from briefgen.site.serve import Preview, watch_changes, watch_git

    console = Console(stderr=True, soft_wrap=True)
    config_path = find_config(src)
    config = load_config(config_path)
    check_out_dir(out, [src])
    out.mkdir(parents=True, exist_ok=True)
    server = _server(out, host, port)

    def on_build(result: Any, phase: str) -> None:
        if isinstance(result, list):
            for line in result:
                console.print(f"[red]{line}[/]", highlight=False)
        else:
            print_report(console, result, src=src, phase=phase)

    preview = Preview(
        src,
        out,
        config_path,
        formats,
        clock.today,
        on_build,
        server=server,
        jobs=jobs,
        include_restricted=include_restricted,
    )
    stop = threading.Event()
    trees = [src, builtin_templates()]
    if config.templates_dir:
        trees.append(config.templates_dir)
    files = [config_path] if config_path else []
    server.start()
    console.print(f"serving {display_path(out)} at {server.url} (Ctrl+C to stop)")

    def on_git(commit: str) -> None:
        console.print(f"git: HEAD is now {commit[:7] or 'unborn'}; rebuilding", highlight=False)
        preview.changed.set()

    # Revision lines, history pages and the feed follow HEAD: a commit alone rebuilds.
    git_dirs = watch_git(src, on_git, stop)
    watch_changes(
        trees,
        files,
        lambda _paths: preview.changed.set(),
        stop,
        ignore=[out, cache_dir_for(out), *git_dirs],
    )
    preview.changed.set()
    worker = threading.Thread(target=preview.run, args=(stop,), daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        console.print("stopping")
    finally:
        stop.set()
        server.stop()
        worker.join(timeout=10)
