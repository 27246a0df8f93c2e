"""Render a brief to GitHub-flavoured Markdown, for chats and tickets."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any
from urllib.parse import unquote

from briefgen import clock
from briefgen.config import Config
from briefgen.model import Brief, Force
from briefgen.model.base import INLINE_CITE, Item
from briefgen.render.changes import reader_revision
from briefgen.render.citations import number_citations
from briefgen.render.context import group_positions
from briefgen.render.dates import format_date as _format_date
from briefgen.render.labels import item_labeler
from briefgen.render.markdown import URL_SCHEMES
from briefgen.validate import Validated

UNREVIEWED = "*(unreviewed)* "


def render_markdown(
    checked: Validated, *, config: Config, today: dt.date | None = None, revision: Any = None
) -> str:
    """Render one brief as GitHub-flavoured Markdown with numbered citations."""
    brief = checked.brief
    numbers = {entry.key: entry.number for entry in number_citations(brief).entries}
    today = today or clock.today()
    label = item_labeler(brief, config.date_style)

    def format_date(value: dt.date | str | None) -> str:
        return _format_date(value, config.date_style)

    def refs(keys: tuple[str, ...] | list[str]) -> str:
        ordered = sorted({numbers[k] for k in keys})
        return "[" + ", ".join(str(n) for n in ordered) + "]" if keys else ""

    def mark(item: Item) -> str:
        return UNREVIEWED if item.unreviewed else ""

    def text(markdown: str) -> str:
        inline = INLINE_CITE.sub(
            lambda m: refs([p.strip().lstrip("@") for p in m[1].split(";")]), _safe(markdown)
        )
        return inline.strip()

    def name(actor_id: str | None) -> str:
        return _plain(brief.actors[actor_id].name) if actor_id and actor_id in brief.actors else "—"

    out: list[str] = [
        f"**{brief.effective_marking.value}** — {brief.effective_marking.meaning}",
        "",
        f"# {_plain(brief.title)}",
        "",
    ]
    if brief.subtitle:
        out += [f"*{_plain(brief.subtitle)}*", ""]
    reader = reader_revision(revision, brief, config.date_style) if revision else None
    meta = [f"As of {format_date(brief.as_of)}"]
    if reader is not None:
        meta.append(reader.line)
    if brief.authors:
        meta.append(", ".join(_plain(a) for a in brief.authors))
    out += [" · ".join(meta), ""]
    if brief.is_stale(today):
        out += [f"> **STALE** — due for review on {format_date(brief.review_by)}.", ""]
    unreviewed = sum(1 for item in brief.items() if item.unreviewed)
    if unreviewed:
        plural = "s" if unreviewed != 1 else ""
        out += [
            f"> **Draft** — {unreviewed} extracted item{plural} not yet reviewed by an "
            "analyst (marked *unreviewed*).",
            "",
        ]
    out += ["## Bottom line up front", "", text(brief.bluf), ""]
    if brief.key_judgments:
        out += ["## Key judgments", ""]
        for n, kj in enumerate(brief.key_judgments, 1):
            line = f"{n}. {mark(kj)}{_flat(text(kj.text))}"
            if kj.likelihood:
                line += f" — **{kj.likelihood.value}** ({kj.likelihood.range_label})"
            if kj.confidence:
                line += f", {kj.confidence.value} confidence"
            out.append(line + (f" {refs(kj.cite)}" if kj.cite else ""))
            if kj.basis:
                basis = "; ".join(_plain(label(ref)) for ref in kj.basis)
                out.append(f"   Based on {basis}{'' if basis.endswith(('?', '!', '.')) else '.'}")
        out.append("")
    if reader is not None and reader.since:
        out += [f"## What changed since {reader.since}", ""]
        out += [f"- {_plain(sentence)}" for sentence in reader.sentences] or [
            "- No changes to the substance; dates and records were updated."
        ]
        out.append("")
    if brief.forces:
        out += [
            "## Forces",
            "",
            "| Actor | Location | Strength (as stated) | Claimed by | As of |",
            "| --- | --- | --- | --- | --- |",
        ]
        for force in brief.forces:
            strength = _plain(force.strength.as_stated) if force.strength else "not stated"
            as_of = format_date(force.as_of) or "—"
            where = _cell(_plain(_where(brief, force)))
            out.append(
                f"| {mark(force)}{_cell(name(force.actor))} | {where} | "
                f"{_cell(strength)} {refs(force.cite)} | {_cell(name(force.claimed_by))} "
                f"| {as_of} |"
            )
        out.append("")
    if brief.positions:
        out += ["## Stated positions", ""]
        for group in group_positions(brief):
            out += [f"### {_plain(group.actor.name)}", ""]
            for p in group.positions:
                when = f" ({format_date(p.date)})" if p.date else ""
                out.append(
                    f"- {mark(p)}**{p.type.value}**{when}: {_flat(text(p.stance))} {refs(p.cite)}"
                )
                if p.quote:
                    out.append(f"  > “{_plain(p.quote)}”")
            out.append("")
    if brief.events:
        out += ["## Timeline", ""]
        for event in sorted(brief.events, key=lambda e: e.date):
            out.append(
                f"- {mark(event)}**{format_date(event.date)}** — {_flat(text(event.summary))} "
                f"{refs(event.cite)}"
            )
        out.append("")
    if brief.incidents:
        out += [
            "## Incidents",
            "",
            "| Date | Type | Place | Killed | Wounded | Captured | Claimed by |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for incident in sorted(brief.incidents, key=lambda i: i.date):
            where = incident.location or brief.places[incident.place or ""].name
            counts = [
                _cell(_plain(q.as_stated)) if q else "—"
                for q in (incident.fatalities, incident.wounded, incident.captured)
            ]
            out.append(
                f"| {mark(incident)}{format_date(incident.date)} | {incident.type.value} | "
                f"{_cell(_plain(where))} | "
                f"{' | '.join(counts)} | {_cell(name(incident.claimed_by))} "
                f"{refs(incident.cite)} |"
            )
        out.append("")
    if brief.open_questions:
        out += ["## Open questions", ""]
        for q in brief.open_questions:
            status = "" if q.status.value == "open" else " *(resolved)*"
            out += [f"### {mark(q)}{_plain(q.question)}{status}", ""]
            if q.why:
                out += [text(q.why), ""]
            if q.outlook and q.outlook.likelihood:
                conf = f", {q.outlook.confidence.value} confidence" if q.outlook.confidence else ""
                out += [
                    f"Outlook: **{q.outlook.likelihood.value}** "
                    f"({q.outlook.likelihood.range_label}){conf}",
                    "",
                ]
            if q.resolution:
                out += [f"Resolution: {_flat(text(q.resolution))}", ""]
            for ind in q.indicators:
                box = "x" if ind.status.value == "observed" else " "
                way = f" ({ind.signals.value})" if ind.signals else ""
                out.append(f"- [{box}] {_plain(ind.text)}{way}")
            if q.indicators:
                out.append("")
    out += ["## Sources", ""]
    for entry in number_citations(brief).entries:
        src = entry.source
        parts = [f"{entry.number}. *{_plain(src.title)}*"]
        if src.publisher:
            parts.append(_plain(src.publisher))
        if src.published:
            parts.append(format_date(src.published))
        line = ", ".join(parts)
        if src.grade:
            line += f" — grade {src.grade}"
        if src.url:
            line += f" — <{_URL_SPECIAL.sub(lambda m: f'%{ord(m[0]):02X}', src.url)}>"
        out.append(line)
    return _tidy("\n".join(out)) + "\n"


# Plain-text fields are text, not Markdown: characters that would start markup are escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# In an autolink, characters that some readers take for markup are percent-encoded.
_URL_SPECIAL = re.compile(r"[<>\[\]()`\\]")
# In Markdown fields: a link destination, and a link reference definition at a line start.
_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
_DEFINITION = re.compile(r"^( {0,3})(\[[^\]\n]+\]:[ \t]*<?(\S*))", re.MULTILINE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _plain(text: str) -> str:
    """Write a plain-text field so that it reads as the same text in Markdown."""
    text = _SPECIAL.sub(r"\\\1", _ENTITY.sub("&amp;", _flat(text))).replace("<", "&lt;")
    # `>` and `#` are markup only at the start of a line (or of a list item's text).
    return "\\" + text if text.startswith((">", "#")) else text


def _safe(markdown: str) -> str:
    """Keep a Markdown field's formatting but not raw HTML or links to unsafe schemes.

    The same rules as the HTML output's sanitizer: no tags (every `<` is shown as text)
    and only http, https and mailto links (relative ones too).
    """
    markdown = markdown.replace("<", "&lt;")
    markdown = _LINK.sub(lambda m: m[0] if _safe_url(m[1]) else "]\\" + m[0][1:], markdown)
    return _DEFINITION.sub(lambda m: m[0] if _safe_url(m[3]) else f"{m[1]}\\{m[2]}", markdown)


def _safe_url(url: str) -> bool:
    """Tell whether a link destination is relative or uses an allowed scheme."""
    # Readers decode entities and percent escapes and ignore controls and spaces.
    decoded = re.sub(r"[\x00-\x20\x7f]", "", unquote(html.unescape(url)))
    scheme = _SCHEME.match(decoded)
    return scheme is None or scheme[1].lower() in URL_SCHEMES


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _flat(text).replace("|", "\\|")


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip()


def _where(brief: Brief, force: Force) -> str:
    """Name where a force is: its location, else its place's name, else a dash."""
    if force.location:
        return force.location
    return brief.places[force.place].name if force.place else "—"
