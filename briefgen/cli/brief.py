"""Commands that work on single briefs: validate, build, new, schema."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from briefgen import clock
from briefgen.cli.options import formats_option, output_option
from briefgen.config import Config, find_config, load_config
from briefgen.errors import InputError, RenderError, Severity, display_path
from briefgen.history.revisions import load_revision, revision_info
from briefgen.model.base import slugify
from briefgen.outdir import check_out_dir, out_lock
from briefgen.output import write_atomic
from briefgen.render.build import FORMATS, build_brief, parse_formats, pdf_warnings
from briefgen.validate import Report, Validated, check_paths, find_briefs
from briefgen.validate.skeleton import skeleton

LOCK_WAIT = 60.0
"""Seconds `build` waits for another build of the same output folder to finish."""

PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)


def print_findings(report: Report, *, strict: bool) -> None:
    """Print each finding once; with --strict, warnings are printed as the errors they are."""
    for finding in sorted(report.findings):
        text = finding.format()
        if strict and finding.severity is Severity.WARNING:
            text = text.replace(": warning: ", ": error: ", 1)
        click.echo(text, err=True)


@click.command()
@PATHS
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the findings.",
)
def validate(paths: tuple[Path, ...], strict: bool, fmt: str) -> None:
    """Check briefs (files or folders) and report every problem at once.

    Exit 0 when valid (warnings allowed), 1 when any error is found.
    """
    config = load_config(find_config(paths[0]))
    report = check_paths(list(paths), config=config)
    failed = bool(report.errors) or (strict and bool(report.warnings))
    if fmt == "json":
        payload = {
            "valid": not failed,
            "briefs": [display_path(v.path) for v in report.briefs],
            "findings": [f.to_dict() for f in sorted(report.findings)],
        }
        click.echo(json.dumps(payload, indent=2))
    else:
        print_findings(report, strict=strict)
        count = len(find_briefs(list(paths)))
        errors = len(report.errors) + (len(report.warnings) if strict else 0)
        warnings = 0 if strict else len(report.warnings)
        click.echo(f"{count} brief(s) checked: {errors} error(s), {warnings} warning(s)", err=True)
    if failed:
        raise SystemExit(1)


@click.command()
@output_option(
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: print it).",
)
def schema(target: Path | None) -> None:
    """Print the JSON Schema of the brief format (for editor autocompletion)."""
    from briefgen.validate.schema import brief_schema_json

    if target is None:
        click.echo(brief_schema_json(), nl=False)
        return
    write_atomic(target, brief_schema_json())
    click.echo(f"wrote {display_path(target)}")


@click.command()
@PATHS
@output_option(
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder to write the files to.",
)
@formats_option(
    parse_formats, default=",".join(FORMATS), help="Comma-separated formats: html, pdf, md, json."
)
@click.option("--strict", is_flag=True, help="Refuse briefs with warnings (e.g. unreviewed items).")
@click.option("--rev", default=None, help="Build one brief as it was at this git revision.")
@click.option("--since", default=None, help="Show what changed since this revision.")
@click.option("--no-history", is_flag=True, help="Leave out the git revision line and changes.")
def build(
    paths: tuple[Path, ...],
    out_dir: Path,
    formats: tuple[str, ...],
    strict: bool,
    rev: str | None,
    since: str | None,
    no_history: bool,
) -> None:
    """Validate briefs, then write DIR/<id>.html, .pdf, .md and .json for each.

    Nothing is written unless every brief is valid. In a git repository the outputs carry
    the revision and a "what changed" box (see `briefgen history`).
    """
    check_out_dir(out_dir, paths)
    config = load_config(find_config(paths[0]))
    if rev is not None:
        if len(paths) != 1 or not paths[0].is_file():
            raise click.UsageError("--rev builds one brief: give a single brief file")
        report = Report(briefs=[load_revision(paths[0], rev, config=config)[0]])
    else:
        report = check_paths(list(paths), config=config)
    problems = report.findings if strict else report.errors
    print_findings(report, strict=strict)
    if problems:
        # Each finding is printed once, above; the error only sums them up.
        raise InputError(f"{len(problems)} problem(s) found; nothing written")
    today = clock.today()
    with out_lock(out_dir, wait=LOCK_WAIT):
        failed = _build_all(report, paths, out_dir, formats, config, today, rev, since, no_history)
    if failed:
        raise RenderError(f"{failed} brief(s) failed to build; see the errors above")


def _build_all(
    report: Report,
    paths: tuple[Path, ...],
    out_dir: Path,
    formats: tuple[str, ...],
    config: Config,
    today: dt.date,
    rev: str | None,
    since: str | None,
    no_history: bool,
) -> int:
    """Build every brief of a report into a folder; return how many failed."""
    revisions = [
        None
        if no_history
        else revision_info(
            paths[0] if rev is not None else checked.path,
            since=since,
            rev=rev,
            current=checked.brief,
            config=config,
        )
        for checked in report.briefs
    ]
    pdfs_done: dict[Path, str] = {}
    if "pdf" in formats and len(report.briefs) > 1:
        pdfs_done = render_pdfs_in_parallel(report.briefs, revisions, out_dir, config, today)
    failed = 0
    for checked, revision in zip(report.briefs, revisions, strict=True):
        pdf_error = pdfs_done.get(checked.path)
        try:
            if pdf_error:
                raise RenderError(pdf_error)
            rest = [f for f in formats if not (f == "pdf" and checked.path in pdfs_done)]
            result = build_brief(
                checked, out_dir, rest, config=config, today=today, revision=revision
            )
        except RenderError as exc:
            failed += 1
            click.echo(f"{display_path(checked.path)}: error: {exc}", err=True)
            continue
        if len(rest) < len(formats):
            result.written.insert(1 if "html" in rest else 0, out_dir / f"{result.brief_id}.pdf")
            result.warnings += pdf_warnings(checked)
        for warning in result.warnings:
            click.echo(warning, err=True)
        for path in result.written:
            click.echo(f"wrote {display_path(path)}")
    return failed


def render_pdfs_in_parallel(
    briefs: Sequence[Validated],
    revisions: Sequence[Any],
    out_dir: Path,
    config: Config,
    today: dt.date,
) -> dict[Path, str]:
    """Render the briefs' PDFs in worker processes, with a bar on a terminal.

    Return, by brief path, '' for a PDF written or the error that stopped it.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from briefgen.site.engine.pdfs import render_brief_pdfs

    console = Console(stderr=True)
    columns = (TextColumn("PDFs"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, console=console, transient=True, disable=not console.is_terminal
    ) as bar:
        task = bar.add_task("pdf", total=len(briefs))
        return render_brief_pdfs(
            briefs,
            revisions,
            out_dir,
            config=config,
            today=today,
            on_done=lambda _job, _ok: bar.advance(task),
        )


@click.command()
@click.argument("slug")
@click.option("--title", default=None, help="Title of the new brief.")
@output_option(
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: SLUG.yaml in the current folder).",
)
def new(slug: str, title: str | None, target: Path | None) -> None:
    """Write a commented skeleton brief that validates."""
    if slugify(slug) != slug:
        raise click.BadParameter(f"{slug!r} is not a slug; try {slugify(slug)!r}")
    target = target or Path(f"{slug}.yaml")
    if target.exists():
        raise InputError(
            f"{display_path(target)}: error: file exists; choose another name or remove it"
        )
    text = skeleton(
        slug,
        title=title or slug.replace("-", " ").capitalize(),
        today=clock.today(),
        target=target,
    )
    write_atomic(target, text)
    shown = display_path(target)
    click.echo(f"wrote {shown}; replace its example text, then run `briefgen validate {shown}`")
