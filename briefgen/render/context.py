"""Everything a brief template needs, derived once from the validated brief."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from briefgen import clock
from briefgen._version import __version__
from briefgen.config import Config
from briefgen.errors import RenderError
from briefgen.model import Actor, Brief, Likelihood, Position
from briefgen.model.vocab import CREDIBILITY, Reliability
from briefgen.render.changes import ReaderRevision, reader_revision
from briefgen.render.citations import CitationIndex, number_citations
from briefgen.render.dates import MONTHS, format_date
from briefgen.render.figures import brief_figures
from briefgen.render.labels import item_labeler, short_name, topic_title
from briefgen.render.markdown import markdown_inline, markdown_plain, markdown_to_html
from briefgen.validate import Validated

if TYPE_CHECKING:
    from briefgen.history.revisions import RevisionInfo

__all__ = [
    "MONTHS",
    "brief_context",
    "format_date",
    "group_positions",
    "item_anchors",
    "text_context",
]

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
    revision: RevisionInfo | None = None,
    mode: str = "html",
    contents: bool = True,
    tight: bool = False,
) -> dict[str, Any]:
    """Build the template context of a brief; `mode` is `html`, `print` or `site`."""
    context = text_context(checked, config=config, today=today, revision=revision)
    brief = checked.brief
    cite = cite_linker(context["citations"])

    def md(text: str) -> Markup:
        return markdown_to_html(text, cite)

    def md_inline(text: str) -> Markup:
        return markdown_inline(text, cite)

    return {
        **context,
        "cite": lambda keys: Markup(cite(list(keys))),
        "md": md,
        "md_inline": md_inline,
        "actor_short": _actor_namer(brief, short=True),
        "actor_label": _actor_labeler(brief),
        "likelihoods": list(Likelihood),
        "reliabilities": list(Reliability),
        "credibilities": CREDIBILITY,
        "md_plain": markdown_plain,
        "show_contents": contents,
        "tight": tight,
        "show_legends": config.print.legends,
        "annex_title": "Annex: likelihood terms and source grades",
        "topic_names": [topic_title(t, config.topics, brief.actors) for t in brief.topics],
        "logo": logo_uri(config),
        "mode": mode,
        "figures": brief_figures(brief, config.date_style, revision.paths if revision else None),
    }


def text_context(
    checked: Validated,
    *,
    config: Config,
    today: dt.date | None = None,
    revision: RevisionInfo | None = None,
) -> dict[str, Any]:
    """Build the part of a brief's context every format shares, Markdown included."""
    brief = checked.brief
    style = config.date_style
    today = today or clock.today()
    return {
        "brief": brief,
        "config": config,
        "marking": brief.effective_marking,
        "stale": brief.is_stale(today),
        "today": today,
        "citations": number_citations(brief),
        "actor_name": _actor_namer(brief),
        "item_label": item_labeler(brief, style),
        "place_name": lambda place_id: brief.places[place_id].name if place_id else "",
        "incidents": sorted(brief.incidents, key=lambda i: i.date),
        "position_groups": group_positions(brief),
        "events": sorted(brief.events, key=lambda e: e.date),
        "open_questions_sorted": sorted(
            brief.open_questions, key=lambda q: q.status.value != "open"
        ),
        "sections": _present_sections(brief),
        "section_titles": SECTION_TITLES,
        "section_ids": SECTION_IDS,
        "anchors": item_anchors(brief),
        "fmt_date": lambda value: format_date(value, style),
        "revision": revision,
        "reader_revision": _reader(revision, brief, config),
        "generator": f"briefgen {__version__}",
        "unreviewed_count": sum(1 for item in brief.items() if item.unreviewed),
    }


def _present_sections(brief: Brief) -> list[str]:
    present = ["bluf"] + [key for key, items in brief.sections() if items]
    if brief.places:
        # The map sits after the key judgments, which stay on the front page.
        at = present.index("key_judgments") + 1 if "key_judgments" in present else 1
        present.insert(at, "map")
    present.append("sources")
    return present


_IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
                ".jpeg": "image/jpeg"}  # fmt: skip


SERIF = '"Noto Serif", "DejaVu Serif", Georgia, serif'


def house_css(config: Config) -> str:
    """Return the CSS of the house style in briefgen.toml: accent colour and body face."""
    # The accent is checked against #rgb/#rrggbb by the config model, so it is safe CSS.
    default = type(config.style)()
    css = ""
    if config.style.accent != default.accent:
        css += f":root {{ --accent: {config.style.accent}; }}\n"
    if config.style.font == "serif":
        css += f"html {{ font-family: {SERIF}; }}\n"
    return css


def logo_uri(config: Config) -> str:
    """Return the house logo as a data: URI, so HTML stays self-contained; '' without one."""
    path = config.logo_path
    if path is None:
        return ""
    kind = _IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        raise RenderError(
            f"{path}: the logo must be an SVG, PNG or JPEG file; set style.logo in briefgen.toml"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RenderError(
            f"{path}: cannot read the logo ({exc.strerror}); fix style.logo in briefgen.toml"
        ) from exc
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _reader(revision: RevisionInfo | None, brief: Brief, config: Config) -> ReaderRevision | None:
    return None if revision is None else reader_revision(revision, brief, config.date_style)


def cite_linker(citations: CitationIndex, page: str = "") -> Callable[[list[str]], str]:
    """Return what writes citation markers linking to the sources list on `page` ("": here).

    A key the brief no longer has (cited by an old revision) gets no marker.
    """
    by_key = citations.by_key()

    def link(keys: list[str]) -> str:
        parts = []
        known = [k for k in dict.fromkeys(keys) if k in by_key]
        # Numbered in order, each once; a no-break space keeps the marker on its word's line.
        for key in sorted(known, key=lambda k: by_key[k].number):
            entry = by_key[key]
            title = escape(entry.source.title)
            href = f"{escape(page)}#src-{escape(key)}"
            parts.append(f'<a href="{href}" class="cite-link" title="{title}">{entry.number}</a>')
        return f'\u202f<sup class="cite">[{", ".join(parts)}]</sup>' if parts else ""

    return link


def _actor_namer(brief: Brief, *, short: bool = False) -> Callable[[str | None], str]:
    def name(actor_id: str | None) -> str:
        if not actor_id:
            return ""
        actor = brief.actors.get(actor_id)
        if actor is None:
            return actor_id
        return short_name(actor) if short else actor.name

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
