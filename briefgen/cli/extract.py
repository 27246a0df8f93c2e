"""The `briefgen extract` command: draft a brief from an article for a person to review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefgen import clock
from briefgen.errors import InputError

if TYPE_CHECKING:
    from briefgen.extract import Extraction, Extractor


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


@click.command()
@click.argument("article")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the draft here.")
@click.option("--url", help="Where the article was published.")
@click.option("--publisher", help="Who published the article.")
@click.option("--published", callback=_date, help="Publication date, YYYY-MM-DD.")
@click.option("--title", help="The article's title (default: its headline).")
@click.option(
    "--engine",
    type=click.Choice(["rules", "llm"]),
    help="Extract with the rules or the model set in briefgen.toml [extract.llm] "
    "(default: the model when enabled there, else the rules).",
)
@click.option(
    "--into",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Add the new items to this existing brief instead of writing a draft.",
)
def extract(
    article: str,
    output: Path | None,
    url: str | None,
    publisher: str | None,
    published: dt.date | None,
    title: str | None,
    into: Path | None,
    engine: str | None,
) -> None:
    """Draft a brief from an article (text, Markdown or HTML; - for stdin).

    Every item is marked `unreviewed: true` with the sentence it came from.
    """
    from briefgen.extract import ArticleInfo, draft_brief, merge_article, read_article
    from briefgen.extract.extractor import source_key_for
    from briefgen.output import write_atomic

    raw, fmt = read_article(article)
    extractor = _extractor(article, engine)
    key = source_key_for(title, publisher, published)
    info = ArticleInfo(key, title=title, publisher=publisher, url=url, published=published)
    if into is not None:
        try:
            existing = into.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"{into}:1:1: error: cannot read the brief to merge into ({exc}); check the path"
            ) from exc
        merged = merge_article(raw, fmt, info, into, existing, extractor=extractor)
        if merged.extraction is not None:
            _report(merged.extraction)
        if merged.added:
            write_atomic(output or into, merged.text)
        for line in merged.added:
            click.echo(f"added {line}", err=True)
        click.echo(f"{len(merged.added)} addition(s) to {output or into}", err=True)
        return
    name = "<stdin>" if article == "-" else Path(article).name
    draft = draft_brief(raw, fmt, info, name=name, today=clock.today(), extractor=extractor)
    found = draft.extraction
    if output is None:
        click.echo(draft.text, nl=False)
    else:
        write_atomic(output, draft.text)
        click.echo(
            f"wrote {output}: {len(found.actors)} actors, {len(found.forces)} forces, "
            f"{len(found.positions)} positions, {len(found.events)} events, "
            f"{len(found.open_questions)} open questions (all unreviewed)",
            err=True,
        )
    _report(found)


def _extractor(article: str, engine: str | None) -> Extractor | None:
    """Return the model extractor when chosen or enabled in briefgen.toml, else None (rules)."""
    from briefgen.config import find_config, load_config

    if engine == "rules":
        return None
    start = Path.cwd() if article == "-" else Path(article).resolve().parent
    settings = load_config(find_config(start)).extract.llm
    if engine is None and not settings.enabled:
        return None
    if not settings.model:
        raise InputError(
            "briefgen.toml: error: extract.llm.model is empty; name the model the endpoint"
            ' serves, e.g. model = "llama3.1"'
        )
    from briefgen.extract.llm import LLMExtractor

    return LLMExtractor(settings)


def _report(found: Extraction) -> None:
    """List what was found but not kept, so nothing is dropped silently."""
    if found.rejected:
        click.echo(f"rejected {len(found.rejected)} item(s):", err=True)
        for item in found.rejected:
            where = f' in "{_short(item.sentence)}"' if item.sentence else ""
            click.echo(f"  {item.section}: {item.reason}{where}", err=True)
    if found.casualties:
        figures = "; ".join(found.casualties)
        click.echo(f"skipped casualty figures (not forces): {figures}", err=True)


def _short(sentence: str, limit: int = 90) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"
