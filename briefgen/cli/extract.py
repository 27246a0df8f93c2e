"""The `briefgen extract` command: draft a brief from an article for a person to review."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path
from typing import Any

import click

from briefgen import clock
from briefgen.errors import InputError, display_path


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from briefgen.model.sources import URL_PATTERN

    if value is None or re.match(URL_PATTERN, value):
        return value
    raise click.BadParameter(
        f"{value!r} is not a web address; give an http(s)://, mailto: or urn: address"
    )


@click.command()
@click.argument("article")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the draft here.")
@click.option("--url", callback=_url, help="Where the article was published.")
@click.option("--publisher", help="Who published the article.")
@click.option("--published", callback=_date, help="Publication date, YYYY-MM-DD.")
@click.option("--title", help="The article's title (default: its headline).")
@click.option(
    "--into",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Add the new items to this existing brief instead of writing a draft.",
)
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
def extract(
    article: str,
    output: Path | None,
    url: str | None,
    publisher: str | None,
    published: dt.date | None,
    title: str | None,
    into: Path | None,
    force: bool,
) -> None:
    """Draft a brief from an article (text, Markdown or HTML; - for stdin).

    Every item is marked `unreviewed: true` with the sentence it came from.
    """
    from briefgen.extract import ArticleInfo, draft_brief, read_article
    from briefgen.extract.extractor import source_key_for
    from briefgen.output import write_atomic

    if article != "-" and not Path(article).exists():
        raise click.BadParameter(f"{article}: no such file; check the path", param_hint="ARTICLE")
    # Never overwrite a file briefgen did not write, e.g. a curated brief; `--into` may
    # name the brief it merges into as its output.
    if output is not None and not force and _taken(output, into):
        raise InputError(
            f"{display_path(output)}: error: file exists; choose another name, or add "
            "--force to overwrite it"
        )
    raw, fmt = read_article(article)
    key = source_key_for(title, publisher, published)
    info = ArticleInfo(key, title=title, publisher=publisher, url=url, published=published)
    if into is not None:
        _merge(raw, fmt, info, into, output)
        return
    name = "<stdin>" if article == "-" else Path(article).name
    draft = draft_brief(raw, fmt, info, name=name, today=clock.today())
    if output is None:
        click.echo(draft.text, nl=False)
        return
    write_atomic(output, draft.text)
    found = draft.extraction
    click.echo(
        f"wrote {output}: {len(found.actors)} actors, {len(found.forces)} forces, "
        f"{len(found.positions)} positions, {len(found.events)} events, "
        f"{len(found.open_questions)} open questions (all unreviewed)",
        err=True,
    )


def _taken(output: Path, into: Path | None) -> bool:
    """Tell whether writing `output` would replace a file other than the brief merged into."""
    if not (output.exists() or output.is_symlink()):
        return False
    return into is None or output.resolve() != into.resolve()


def _merge(raw: str, fmt: str, info: Any, into: Path, output: Path | None) -> None:
    """Append an article's new items to a brief, keeping its bytes, BOM and line endings.

    A brief that is a symlink is written through: the link stays and its target changes.
    """
    from briefgen.extract import merge_article
    from briefgen.load import MAX_BYTES
    from briefgen.output import write_atomic
    from briefgen.reader import read_regular

    try:
        data = read_regular(into, MAX_BYTES)
        existing = data.decode("utf-8-sig")
    except (InputError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{display_path(into)}:1:1: error: cannot read the brief to merge into: {exc}"
        ) from exc
    merged = merge_article(raw, fmt, info, into, existing)
    target = output or into.resolve()
    if merged.added:
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        write_atomic(target, bom + merged.text.encode("utf-8"))
    for line in merged.added:
        click.echo(f"added {line}", err=True)
    click.echo(f"{len(merged.added)} addition(s) to {output or into}", err=True)
