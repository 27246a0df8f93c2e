"""Render a brief to GitHub-flavoured Markdown, for chats and tickets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from briefgen.config import Config
from briefgen.model.base import INLINE_CITE
from briefgen.render.citations import CitationIndex
from briefgen.render.context import text_context
from briefgen.render.html import render_template
from briefgen.render.markdown_escape import sanitize, tidy
from briefgen.validate import Validated

if TYPE_CHECKING:
    from briefgen.history.revisions import RevisionInfo


def render_markdown(
    checked: Validated,
    *,
    config: Config,
    today: dt.date | None = None,
    revision: RevisionInfo | None = None,
) -> str:
    """Render one brief as GitHub-flavoured Markdown with numbered citations."""
    context = text_context(checked, config=config, today=today, revision=revision)
    refs = citation_marker(context["citations"])
    context["refs"] = refs
    context["md_text"] = lambda markdown: _markdown_field(markdown, refs)
    return tidy(render_template("brief.md.j2", context, config=config)) + "\n"


def citation_marker(citations: CitationIndex) -> Callable[[Sequence[str]], str]:
    """Return what writes the citation marker of some source keys, e.g. `[1, 3]`."""
    numbers = {entry.key: entry.number for entry in citations.entries}

    def refs(keys: Sequence[str]) -> str:
        ordered = sorted({numbers[k] for k in keys})
        return "[" + ", ".join(str(n) for n in ordered) + "]" if keys else ""

    return refs


def _markdown_field(markdown: str, refs: Callable[[Sequence[str]], str]) -> str:
    """Write a Markdown field safe, its inline citations `[@key]` as numbered markers."""
    inline = INLINE_CITE.sub(
        lambda m: refs([p.strip().lstrip("@") for p in m[1].split(";")]), sanitize(markdown)
    )
    return inline.strip()
