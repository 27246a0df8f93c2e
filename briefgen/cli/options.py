"""Options shared by the commands, so every command spells them the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from briefgen.errors import BriefgenError


class AliasedOption(click.Option):
    """An option whose old spellings still work but stay out of the help."""

    def __init__(self, *args: Any, hidden_aliases: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hidden_aliases = set(hidden_aliases)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown = self.opts
        self.opts = [o for o in shown if o not in self.hidden_aliases]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


def output_option(dest: str, *, help: str, **kwargs: Any) -> Callable[[Any], Any]:
    """Return the `-o/--output` option (`--out` still works), stored as `dest`."""
    return click.option(
        "-o", "--output", "--out", dest, cls=AliasedOption, hidden_aliases=["--out"],
        help=help, **kwargs,
    )  # fmt: skip


def formats_option(
    parse: Callable[[str], tuple[str, ...]], *, default: str, help: str
) -> Callable[[Any], Any]:
    """Return the `--format html,pdf,...` option (`--formats` still works), parsed."""

    def check(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
        try:
            return parse(value)
        except BriefgenError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param_hint="--format") from exc

    return click.option(
        "--format", "--formats", "formats", cls=AliasedOption, hidden_aliases=["--formats"],
        default=default, show_default=True, callback=check, help=help,
    )  # fmt: skip
