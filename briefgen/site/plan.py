"""The files of a site besides its HTML pages: downloads, PDFs, feed, sitemap, assets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from briefgen.config import Config
from briefgen.render.env import builtin_templates, read_asset
from briefgen.site.collect import SiteModel
from briefgen.site.engine.cache import digest, hash_files
from briefgen.site.engine.pdfs import PdfJob
from briefgen.site.feed import render_feed, render_robots, render_sitemap
from briefgen.site.pages import Output, download_name, render_download


def templates_key(config: Config) -> str:
    """Return a hash of every template file, built-in and override."""
    folders = [builtin_templates()]
    if config.templates_dir:
        folders.append(config.templates_dir)
    return hash_files(
        p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file()
    )


def plan_downloads(
    site: SiteModel, config: Config, today: dt.date, formats: Sequence[str], ckey: str, tkey: str
) -> list[Output]:
    """Plan the Markdown and JSON files of every brief."""
    outputs: list[Output] = []
    for item in site.briefs:
        folder = item.url.rsplit("/", 1)[0]
        for fmt in ("md", "json"):
            if fmt in formats:
                outputs.append(
                    Output(
                        f"{folder}/{download_name(item, fmt)}",
                        digest(fmt, ckey, tkey, item.key, item.stale),
                        partial(render_download, item, fmt, config, today),
                        source=str(item.checked.path),
                        job=(fmt, item),
                    )
                )
    return outputs


def plan_pdfs(
    site: SiteModel, out: Path, formats: Sequence[str], ckey: str, tkey: str
) -> list[tuple[str, str, PdfJob]]:
    """Plan the PDF of every brief, with its content key."""
    if "pdf" not in formats:
        return []
    planned = []
    for item in site.briefs:
        rel = f"{item.url.rsplit('/', 1)[0]}/{download_name(item, 'pdf')}"
        key = digest("pdf", ckey, tkey, item.key, item.stale)
        planned.append((rel, key, PdfJob(item.checked, out / rel, rel)))
    return planned


def plan_extras(
    site: SiteModel,
    config: Config,
    pages: Sequence[Output],
    html_key: str,
    *,
    feed: Output | None = None,
) -> list[Output]:
    """Plan the feed (unless one is given), the sitemap, robots.txt and the shared assets."""
    html_pages = sorted(p.path for p in pages if p.path.endswith(".html") and p.path != "404.html")
    listed = [(b.id, b.key, b.restricted) for b in site.briefs]
    internal = site.include_restricted

    def asset(name: str) -> Callable[[], str]:
        return lambda: read_asset(config, name)

    assets = {
        "assets/site.css": "site/site.css",
        "assets/site.js": "site/site.js",
        "assets/brief.css": "brief.css",
    }
    outputs = [
        Output(path, digest(path, html_key, read_asset(config, name)), asset(name))
        for path, name in assets.items()
    ]
    outputs += [
        feed
        or Output("feed.xml", digest("feed", html_key, listed), lambda: render_feed(site, config)),
        Output(
            "robots.txt",
            digest("robots", html_key, internal),
            lambda: render_robots(config, internal=internal),
        ),
    ]
    # The sitemap protocol wants absolute URLs: without base_url there is no sitemap.
    if config.base_url:
        outputs.append(
            Output(
                "sitemap.xml",
                digest("sitemap", html_key, html_pages),
                lambda: render_sitemap(html_pages, config),
            )
        )
    return outputs
