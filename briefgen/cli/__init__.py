"""The `briefgen` command line: a thin layer that parses options and calls the library."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from briefgen._version import __version__

# Subcommands load lazily so `briefgen --help` never imports WeasyPrint or Playwright.
COMMANDS: dict[str, str] = {
    "validate": "briefgen.cli.brief:validate",
    "extract": "briefgen.cli.extract:extract",
    "build": "briefgen.cli.brief:build",
    "new": "briefgen.cli.brief:new",
    "schema": "briefgen.cli.brief:schema",
    "site": "briefgen.cli.site:site",
    "serve": "briefgen.cli.site:serve",
    "history": "briefgen.cli.history:history",
    "diff": "briefgen.cli.history:diff",
}


# One-line summaries for `briefgen --help`, so listing commands imports none of them;
# a test checks they match each command's own help.
SUMMARIES: dict[str, str] = {
    "build": "Validate briefs, then write HTML, PDF, Markdown and JSON for each.",
    "diff": "Show what changed in a brief, item by item, between two revisions.",
    "extract": "Draft a brief from an article (text, Markdown or HTML).",
    "history": "List a brief's revisions in git, oldest first, following renames.",
    "new": "Write a commented skeleton brief that validates.",
    "schema": "Print the JSON Schema of the brief format.",
    "serve": "Build the site, serve it on 127.0.0.1 and rebuild on every change.",
    "site": "Build the static website from the briefs in SRC.",
    "validate": "Check briefs (files or folders) and report every problem at once.",
}


class LazyGroup(click.Group):
    """A click group whose commands are imported only when run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SUMMARIES.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="briefgen")
def cli() -> None:
    """Turn situation briefs kept as YAML into HTML, PDF, Markdown, JSON and a website.

    Exit codes: 0 success, 1 invalid input or failed build, 2 usage error.
    """


def main(argv: list[str] | None = None) -> Any:
    """Run the command line and turn library errors into messages and exit codes."""
    from briefgen.errors import BriefgenError, printable

    try:
        return cli.main(args=argv, prog_name="briefgen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except BriefgenError as exc:
        # Messages quote file contents and names: no control character reaches the terminal.
        click.echo(printable(str(exc), keep="\n"), err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        # The environment, not the input: a full disk, a folder made read-only meanwhile.
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(
            f"{where}error: {exc.strerror or exc}; check the path, its permissions "
            "and the free space",
            err=True,
        )
        sys.exit(1)
