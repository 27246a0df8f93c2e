"""Commands that work on single briefs: validate, build, new, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from briefgen.config import find_config, load_config
from briefgen.errors import Severity, display_path
from briefgen.validate import check_paths, find_briefs

PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)


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
        for finding in sorted(report.findings):
            text = finding.format()
            if strict and finding.severity is Severity.WARNING:
                text = text.replace(": warning: ", ": error: ", 1)
            click.echo(text, err=True)
        count = len(find_briefs(list(paths)))
        errors = len(report.errors) + (len(report.warnings) if strict else 0)
        warnings = 0 if strict else len(report.warnings)
        click.echo(f"{count} brief(s) checked: {errors} error(s), {warnings} warning(s)", err=True)
    if failed:
        raise SystemExit(1)


@click.command()
def schema() -> None:
    """Print the JSON Schema of the brief format (for editor autocompletion)."""
    from briefgen.schema import brief_schema_json

    click.echo(brief_schema_json(), nl=False)
