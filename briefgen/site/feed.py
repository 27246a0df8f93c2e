"""The Atom feed, the sitemap and robots.txt, with absolute URLs from `base_url`."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from briefgen.config import Config
from briefgen.render.markdown import markdown_plain, squash
from briefgen.site.atom import NO_DATE, Entry, Feed, atom_day
from briefgen.site.collect import SiteBrief, SiteModel


def absolute(config: Config, path: str) -> str:
    """Return a site path as an absolute URL under `base_url` (relative when none is set)."""
    base = config.base_url.rstrip("/")
    if path == "index.html":
        path = ""
    return f"{base}/{path}" if base else path or "./"


def site_feed(config: Config) -> Feed:
    """Return the head of the site's feed, `feed.xml`."""
    feed_id = absolute(config, "feed.xml") if config.base_url else "urn:briefgen:feed"
    home, url = absolute(config, ""), absolute(config, "feed.xml")
    return Feed(config.title, feed_id, home, url, config.title)


def render_feed(site: SiteModel, config: Config) -> str:
    """Render an Atom 1.0 feed of the site's briefs, newest first."""
    updated = max((b.checked.brief.as_of for b in site.briefs), default=None)
    entries = [brief_entry(item, config) for item in site.briefs]
    return site_feed(config).write(atom_day(updated) if updated else NO_DATE, entries)


def render_sitemap(pages: Sequence[str], config: Config) -> str:
    """Render a sitemap listing the given pages."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lines += [f"  <url><loc>{escape(absolute(config, page))}</loc></url>" for page in pages]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(config: Config, *, internal: bool) -> str:
    """Render robots.txt: crawl everything, or nothing on an internal site."""
    if internal:
        return "User-agent: *\nDisallow: /\n"
    lines = ["User-agent: *", "Allow: /"]
    if config.base_url:
        lines.append(f"Sitemap: {absolute(config, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"


def brief_entry(item: SiteBrief, config: Config) -> Entry:
    """Return the Atom entry of one brief, dated by its as-of date."""
    brief = item.checked.brief
    url = absolute(config, item.url.removesuffix("index.html"))
    title = f"[{item.marking.value}] {brief.title}" if item.restricted else brief.title
    return Entry(
        title=title,
        id=url if config.base_url else f"urn:briefgen:brief:{brief.id}",
        link=url,
        updated=atom_day(brief.as_of),
        summary=squash(markdown_plain(brief.bluf)),
        authors=brief.authors,
        categories=brief.topics,
    )
