"""A brief's page and downloads, rendered and written in a worker process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from briefgen.config import Config
from briefgen.errors import BriefgenError
from briefgen.output import replace_file, stop_on_full_disk
from briefgen.site.collect import SiteModel
from briefgen.site.engine.memory import paused_gc
from briefgen.site.engine.pool import enter, unexpected
from briefgen.site.pages import PageMaker, render_download


@dataclass(frozen=True)
class PageSettings:
    """What a worker needs to render a brief's page and downloads."""

    config: Config
    today: dt.date
    formats: tuple[str, ...]
    html_key: str
    include_restricted: bool
    cwd: str
    out: str
    """The site folder: workers write the files they render themselves."""


def render_batch(batch: list[tuple[str, str, Any, PageSettings]]) -> list[tuple[str, str]]:
    """Render and write brief pages and downloads in a worker; return (path, error) each."""
    with paused_gc():
        return _render_batch(batch)


def write_file(out: Path, rel: str, make: Callable[[], str | bytes]) -> str:
    """Make one file of the site and write it; return why it failed, or '' once written."""
    try:
        replace_file(out / rel, make())
    except BriefgenError as exc:
        return str(exc)
    except OSError as exc:
        stop_on_full_disk(exc, out)
        return f"cannot write {rel}: {exc.strerror or exc}"
    return ""


def _render_batch(batch: list[tuple[str, str, Any, PageSettings]]) -> list[tuple[str, str]]:
    results: list[tuple[str, str]] = []
    for path, kind, item, settings in batch:
        enter(settings.cwd)
        maker = PageMaker(
            SiteModel(include_restricted=settings.include_restricted),
            settings.config,
            settings.today,
            settings.formats,
            settings.html_key,
        )
        if kind == "page":
            make = partial(maker.brief_page, item)
        else:
            make = partial(render_download, item, kind, settings.config, settings.today)
        try:
            results.append((path, write_file(Path(settings.out), path, make)))
        except Exception as exc:  # a worker must report, not crash the pool
            results.append((path, unexpected(exc)))
    return results
