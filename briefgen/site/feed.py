"""The Atom feed, the sitemap and robots.txt, with absolute URLs from `base_url`."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from briefgen._version import __version__
from briefgen.config import Config
from briefgen.render.markdown import markdown_plain, squash
from briefgen.site.collect import SiteBrief, SiteModel


def absolute(config: Config, path: str) -> str:
    """Return a site path as an absolute URL under `base_url` (relative when none is set)."""
    base = config.base_url.rstrip("/")
    if path == "index.html":
        path = ""
    return f"{base}/{path}" if base else path or "./"


def render_feed(site: SiteModel, config: Config) -> str:
    """Render an Atom 1.0 feed of the site's briefs, newest first."""
    base = absolute(config, "")
    feed_id = absolute(config, "feed.xml") if config.base_url else "urn:briefgen:feed"
    updated = max((b.checked.brief.as_of for b in site.briefs), default=None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(config.title)}</title>",
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{updated.isoformat() if updated else '1970-01-01'}T00:00:00Z</updated>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(base)}/>',
        f'  <link rel="self" type="application/atom+xml" '
        f"href={quoteattr(absolute(config, 'feed.xml'))}/>",
        f"  <author><name>{escape(config.title)}</name></author>",
        f'  <generator version="{__version__}">briefgen</generator>',
    ]
    for item in site.briefs:
        lines += brief_entry(item, config)
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


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


def brief_entry(item: SiteBrief, config: Config) -> tuple[str, ...]:
    """Return the Atom entry of one brief, dated by its as-of date."""
    brief = item.checked.brief
    url = absolute(config, item.url.removesuffix("index.html"))
    entry_id = url if config.base_url else f"urn:briefgen:brief:{brief.id}"
    title = brief.title
    if item.restricted:
        title = f"[{item.marking.value}] {title}"
    return (
        "  <entry>",
        f"    <title>{escape(title)}</title>",
        f"    <id>{escape(entry_id)}</id>",
        f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
        f"    <updated>{brief.as_of.isoformat()}T00:00:00Z</updated>",
        *(f"    <author><name>{escape(a)}</name></author>" for a in brief.authors),
        *(f"    <category term={quoteattr(t)}/>" for t in brief.topics),
        f'    <summary type="text">{escape(squash(markdown_plain(brief.bluf)))}</summary>',
        "  </entry>",
    )
