"""Listing snippets rendered from Markdown once and kept between builds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from briefgen.model.base import INLINE_CITE
from briefgen.render.markdown import markdown_to_html
from briefgen.site.collect import SiteModel
from briefgen.site.engine.cache import hash_bytes

_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:])")


def bluf_html(text: str) -> Markup:
    """Render Markdown for a listing, without its citation marks (one brief shows on many)."""
    plain = _SPACE_BEFORE_PUNCT.sub(r"\1", INLINE_CITE.sub("", text)).strip()
    return markdown_to_html(plain)


@dataclass
class Fragments:
    """Listing snippets rendered from Markdown, kept between builds because Markdown is slow."""

    html: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    added: bool = False

    def block(self, text: str) -> Markup:
        """Render Markdown for a listing, without citation marks."""
        key = hash_bytes(text.encode("utf-8"))
        self.used.add(key)
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = str(bluf_html(text))
            self.added = True
        return Markup(html)

    def inline(self, text: str) -> Markup:
        """Render one paragraph of Markdown without its enclosing `<p>`."""
        html = str(self.block(text)).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    def live(self, site: SiteModel) -> dict[str, str]:
        """Return the entries for texts the site still has, to keep for the next build."""
        texts = {b.checked.brief.bluf for b in site.briefs}
        for item in site.briefs:
            texts.update(p.stance for p in item.checked.brief.positions)
            texts.update(q.resolution for q in item.checked.brief.open_questions if q.resolution)
        keys = {hash_bytes(t.encode("utf-8")) for t in texts}
        return {k: v for k, v in sorted(self.html.items()) if k in keys}
