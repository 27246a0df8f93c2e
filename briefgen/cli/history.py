"""Commands that read a brief's git history: history and diff."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from briefgen.config import find_config, load_config
from briefgen.errors import printable
from briefgen.history.revisions import diff_revisions, has_uncommitted_changes, list_revisions
from briefgen.render.diff_text import format_markdown, format_text, to_json

BRIEF = click.argument("brief", type=click.Path(dir_okay=False, path_type=Path))


@click.command()
@BRIEF
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the revisions.",
)
def history(brief: Path, fmt: str) -> None:
    """List a brief's revisions in git, oldest first, following renames.

    Revision 1 is the commit that added the brief; use rN or any git revision with
    `briefgen diff --from/--to` and `briefgen build --rev`.
    """
    revisions = list_revisions(brief)
    if not revisions and not brief.exists():
        raise click.BadParameter(
            f"{brief}: no such file, and git has no history of it; check the name",
            param_hint="BRIEF",
        )
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in revisions], indent=2, ensure_ascii=False))
        return
    if not revisions:
        click.echo(f"{brief}: no committed revisions yet", err=True)
        return
    current = revisions[-1].path
    for r in revisions:
        moved = f"  (as {r.path})" if r.path != current else ""
        line = f"{r.label:>4}  {r.day}  {r.short}  {r.author}  {r.subject}{moved}"
        click.echo(printable(line))
    if revisions[0].number is None:
        click.echo("Earlier history is not available (shallow clone).", err=True)
    if has_uncommitted_changes(brief):
        click.echo(f"{'':>4}  draft (uncommitted changes in the working tree)")


def wants_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.command()
@BRIEF
@click.option("--from", "from_rev", metavar="REV", help="Old side: rN or a git revision.")
@click.option(
    "--to", "to_rev", metavar="REV", help="New side: rN or a git revision [default: working tree]."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "json"]),
    default="text",
    show_default=True,
    help="How to print the changes.",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are changes.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output [default: on a terminal, unless NO_COLOR is set].",
)
def diff(
    brief: Path,
    from_rev: str | None,
    to_rev: str | None,
    fmt: str,
    exit_code: bool,
    color: bool | None,
) -> None:
    """Show what changed in a brief, item by item, between two revisions.

    REV is a revision number (3 or r3) or a git revision (hash, tag, HEAD~1). By default
    the previous revision is compared with the working tree. Exit 0 whether or not there
    are changes, unless --exit-code is given.
    """
    if to_rev is None and not brief.exists():
        raise click.BadParameter(
            f"{brief}: no such file; check the name, or pass --to REV to compare two "
            "revisions of a deleted brief",
            param_hint="BRIEF",
        )
    config = load_config(find_config(brief))
    result = diff_revisions(brief, from_rev, to_rev, config=config)
    if fmt == "json":
        click.echo(to_json(result), nl=False)
    elif fmt == "md":
        click.echo(format_markdown(result), nl=False)
    else:
        use_color = wants_color() if color is None else color
        text = format_text(result, style=click.style) if use_color else format_text(result)
        click.echo(text, nl=False, color=use_color)
    if exit_code and result.has_changes:
        raise SystemExit(1)
