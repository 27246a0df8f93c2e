"""The `briefgen extract` command: draft a brief from an article for a person to review."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefgen import clock
from briefgen.errors import InputError, display_path

if TYPE_CHECKING:
    from briefgen.extract import Extraction, Extractor


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
    engine: str | None,
) -> None:
    """Draft a brief from an article (text, Markdown or HTML; - for stdin).

    Every item is marked `unreviewed: true` with the sentence it came from.
    """
    from briefgen.extract import ArticleInfo, draft_brief, read_article
    from briefgen.extract.extraction import source_key_for
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
    extractor = _extractor(article, engine)
    key = source_key_for(title, publisher, published)
    info = ArticleInfo(key, title=title, publisher=publisher, url=url, published=published)
    if into is not None:
        _merge(raw, fmt, info, into, output, extractor)
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
            f"{len(found.incidents)} incidents, {len(found.open_questions)} open questions "
            f"(all unreviewed), {len(found.places)} places",
            err=True,
        )
    _report(found)


def _taken(output: Path, into: Path | None) -> bool:
    """Tell whether writing `output` would replace a file other than the brief merged into."""
    if not (output.exists() or output.is_symlink()):
        return False
    return into is None or output.resolve() != into.resolve()


def _merge(
    raw: str, fmt: str, info: Any, into: Path, output: Path | None, extractor: Extractor | None
) -> None:
    """Append an article's new items to a brief, keeping its bytes, BOM and line endings.

    A brief that is a symlink is written through: the link stays and its target changes.
    """
    from briefgen.extract import merge_article
    from briefgen.output import write_atomic
    from briefgen.reader import read_regular
    from briefgen.validate.yaml import MAX_BYTES

    try:
        data = read_regular(into, MAX_BYTES)
        existing = data.decode("utf-8-sig")
    except (InputError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{display_path(into)}:1:1: error: cannot read the brief to merge into: {exc}"
        ) from exc
    merged = merge_article(raw, fmt, info, into, existing, extractor=extractor)
    if merged.extraction is not None:
        _report(merged.extraction)
    target = output or into.resolve()
    if merged.added:
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        write_atomic(target, bom + merged.text.encode("utf-8"))
    for line in merged.added:
        click.echo(f"added {line}", err=True)
    click.echo(f"{len(merged.added)} addition(s) to {output or into}", err=True)


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
        click.echo(f"casualty figures not filed (no date; never forces): {figures}", err=True)


def _short(sentence: str, limit: int = 90) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"
