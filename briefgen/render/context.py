"""Everything a brief template needs, derived once from the validated brief."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from briefgen import __version__, clock
from briefgen.config import Config
from briefgen.enrich.citations import CitationIndex, number_citations
from briefgen.model import Actor, Brief, Likelihood, Position
from briefgen.model.vocab import CREDIBILITY, Reliability
from briefgen.render.dates import format_date
from briefgen.render.figures import brief_figures
from briefgen.render.markdown import markdown_inline, markdown_plain, markdown_to_html
from briefgen.validate import Validated

SECTION_IDS = {
    "bluf": "bluf",
    "map": "map",
    "key_judgments": "key-judgments",
    "forces": "forces",
    "positions": "positions",
    "events": "timeline",
    "incidents": "incidents",
    "open_questions": "open-questions",
    "sources": "sources",
}
ANCHOR_PREFIX = {
    "key_judgments": "judgment",
    "forces": "force",
    "positions": "position",
    "events": "event",
    "incidents": "incident",
    "open_questions": "question",
}
SECTION_TITLES = {
    "bluf": "Bottom line up front",
    "map": "Map",
    "key_judgments": "Key judgments",
    "forces": "Forces",
    "positions": "Stated positions",
    "events": "Timeline",
    "incidents": "Incidents",
    "open_questions": "Open questions",
    "sources": "Sources",
}


@dataclass(frozen=True)
class PositionGroup:
    """The positions of one actor, in brief order."""

    actor_id: str
    actor: Actor
    positions: tuple[Position, ...]


def brief_context(
    checked: Validated,
    *,
    config: Config,
    today: dt.date | None = None,
    revision: Any = None,
    mode: str = "html",
) -> dict[str, Any]:
    """Build the template context of a brief; `mode` is `html`, `print` or `site`."""
    brief = checked.brief
    citations = number_citations(brief)
    today = today or clock.today()
    cite = _cite_linker(citations)

    def md(text: str) -> Markup:
        return markdown_to_html(text, cite)

    def md_inline(text: str) -> Markup:
        return markdown_inline(text, cite)

    sections = _present_sections(brief)
    return {
        "brief": brief,
        "config": config,
        "marking": brief.effective_marking,
        "stale": bool(brief.review_by and brief.review_by < today),
        "today": today,
        "citations": citations,
        "cite": lambda keys: Markup(cite(list(keys))),
        "md": md,
        "md_inline": md_inline,
        "actor_name": _actor_namer(brief),
        "actor_label": _actor_labeler(brief),
        "place_name": lambda place_id: brief.places[place_id].name if place_id else "",
        "incidents": sorted(brief.incidents, key=lambda i: i.date),
        "position_groups": group_positions(brief),
        "events": sorted(brief.events, key=lambda e: e.date),
        "open_questions_sorted": sorted(
            brief.open_questions, key=lambda q: q.status.value != "open"
        ),
        "likelihoods": list(Likelihood),
        "reliabilities": list(Reliability),
        "credibilities": CREDIBILITY,
        "sections": sections,
        "section_titles": SECTION_TITLES,
        "section_ids": SECTION_IDS,
        "anchors": item_anchors(brief),
        "fmt_date": format_date,
        "md_plain": markdown_plain,
        "revision": revision,
        "mode": mode,
        "generator": f"briefgen {__version__}",
        "unreviewed_count": sum(1 for item in brief.items() if item.unreviewed),
        "figures": brief_figures(brief),
    }


def _present_sections(brief: Brief) -> list[str]:
    present = ["bluf", "map"] if brief.places else ["bluf"]
    present += [key for key, items in brief.sections() if items]
    present.append("sources")
    return present


def _cite_linker(citations: CitationIndex) -> Callable[[list[str]], str]:
    by_key = citations.by_key()

    def link(keys: list[str]) -> str:
        parts = []
        for key in keys:
            entry = by_key[key]
            title = escape(entry.source.title)
            parts.append(
                f'<a href="#src-{escape(key)}" class="cite-link" title="{title}">{entry.number}</a>'
            )
        return f'<sup class="cite">[{", ".join(parts)}]</sup>'

    return link


def _actor_namer(brief: Brief) -> Callable[[str | None], str]:
    def name(actor_id: str | None) -> str:
        if not actor_id:
            return ""
        actor = brief.actors.get(actor_id)
        return actor.name if actor else actor_id

    return name


def _actor_labeler(brief: Brief) -> Callable[[str], str]:
    """Describe an actor with role and affiliation: `Antony Blinken, Secretary of State (US)`."""
    name = _actor_namer(brief)

    def label(actor_id: str) -> str:
        actor = brief.actors[actor_id]
        details = [part for part in (actor.role, name(actor.affiliation)) if part]
        return f"{actor.name} ({', '.join(details)})" if details else actor.name

    return label


def group_positions(brief: Brief) -> Sequence[PositionGroup]:
    """Group positions by actor, actors in order of first appearance."""
    groups: dict[str, list[Position]] = {}
    for position in brief.positions:
        groups.setdefault(position.actor, []).append(position)
    return [
        PositionGroup(actor_id, brief.actors[actor_id], tuple(items))
        for actor_id, items in groups.items()
    ]


def item_anchors(brief: Brief) -> dict[str, str]:
    """Map every item id to its HTML anchor, e.g. `force-dprk-in-kursk`."""
    return {
        item.id: f"{ANCHOR_PREFIX[section]}-{item.id}"
        for section, items in brief.sections()
        for item in items
    }
