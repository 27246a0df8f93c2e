"""Render a brief to GitHub-flavoured Markdown, for chats and tickets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from briefgen import clock
from briefgen.config import Config
from briefgen.enrich.citations import number_citations
from briefgen.model import Brief, Force
from briefgen.model.base import INLINE_CITE
from briefgen.render.context import group_positions
from briefgen.render.dates import format_date
from briefgen.validate import Validated


def render_markdown(
    checked: Validated, *, config: Config, today: dt.date | None = None, revision: Any = None
) -> str:
    """Render one brief as GitHub-flavoured Markdown with numbered citations."""
    brief = checked.brief
    numbers = {entry.key: entry.number for entry in number_citations(brief).entries}
    today = today or clock.today()

    def refs(keys: tuple[str, ...] | list[str]) -> str:
        return "[" + ", ".join(str(numbers[k]) for k in keys) + "]" if keys else ""

    def text(markdown: str) -> str:
        inline = INLINE_CITE.sub(
            lambda m: refs([p.strip().lstrip("@") for p in m[1].split(";")]), markdown
        )
        return inline.strip()

    def name(actor_id: str | None) -> str:
        return brief.actors[actor_id].name if actor_id and actor_id in brief.actors else "—"

    out: list[str] = [
        f"**{brief.effective_marking.value}** — {brief.effective_marking.meaning}",
        "",
        f"# {brief.title}",
        "",
    ]
    if brief.subtitle:
        out += [f"*{brief.subtitle}*", ""]
    meta = [f"As of {format_date(brief.as_of)}"]
    if brief.review_by:
        meta.append(f"review by {format_date(brief.review_by)}")
    if brief.authors:
        meta.append("by " + ", ".join(brief.authors))
    out += [" · ".join(meta), ""]
    if revision is not None:
        out += [f"Revision: {revision.revision_line}", ""]
        if revision.baseline_label:
            out += [f"**What changed since {revision.baseline_label}**", ""]
            out += [f"- {change.summary}" for change in revision.changes] or ["- No changes."]
            out.append("")
    if brief.review_by and brief.review_by < today:
        out += [f"> **STALE** — due for review on {format_date(brief.review_by)}.", ""]
    out += ["## Bottom line up front", "", text(brief.bluf), ""]
    if brief.key_judgments:
        out += ["## Key judgments", ""]
        for n, kj in enumerate(brief.key_judgments, 1):
            line = f"{n}. {_flat(text(kj.text))}"
            if kj.likelihood:
                line += f" — **{kj.likelihood.value}** ({kj.likelihood.range_label})"
            if kj.confidence:
                line += f"; {kj.confidence.value} confidence"
            out.append(line + (f" {refs(kj.cite)}" if kj.cite else ""))
        out.append("")
    if brief.forces:
        out += [
            "## Forces",
            "",
            "| Actor | Location | Strength (as stated) | Claimed by | As of |",
            "| --- | --- | --- | --- | --- |",
        ]
        for force in brief.forces:
            strength = force.strength.as_stated if force.strength else "not stated"
            as_of = format_date(force.as_of) or "—"
            out.append(
                f"| {_cell(name(force.actor))} | {_cell(_where(brief, force))} | "
                f"{_cell(strength)} {refs(force.cite)} | {_cell(name(force.claimed_by))} "
                f"| {as_of} |"
            )
        out.append("")
    if brief.positions:
        out += ["## Stated positions", ""]
        for group in group_positions(brief):
            out += [f"### {group.actor.name}", ""]
            for p in group.positions:
                when = f" ({format_date(p.date)})" if p.date else ""
                out.append(f"- **{p.type.value}**{when}: {_flat(text(p.stance))} {refs(p.cite)}")
                if p.quote:
                    out.append(f"  > “{_flat(p.quote)}”")
            out.append("")
    if brief.events:
        out += ["## Timeline", ""]
        for event in sorted(brief.events, key=lambda e: e.date):
            out.append(
                f"- **{format_date(event.date)}** — {_flat(text(event.summary))} {refs(event.cite)}"
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
                _cell(q.as_stated) if q else "—"
                for q in (incident.fatalities, incident.wounded, incident.captured)
            ]
            out.append(
                f"| {format_date(incident.date)} | {incident.type.value} | {_cell(where)} | "
                f"{' | '.join(counts)} | {_cell(name(incident.claimed_by))} "
                f"{refs(incident.cite)} |"
            )
        out.append("")
    if brief.open_questions:
        out += ["## Open questions", ""]
        for q in brief.open_questions:
            status = "" if q.status.value == "open" else " *(resolved)*"
            out += [f"### {q.question}{status}", ""]
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
                out.append(f"- [{box}] {ind.text}{way}")
            if q.indicators:
                out.append("")
    out += ["## Sources", ""]
    for entry in number_citations(brief).entries:
        src = entry.source
        parts = [f"{entry.number}. *{src.title}*"]
        if src.publisher:
            parts.append(src.publisher)
        if src.published:
            parts.append(format_date(src.published))
        line = ", ".join(parts)
        if src.grade:
            line += f" — grade {src.grade}"
        if src.url:
            line += f" — <{src.url}>"
        out.append(line)
    return _tidy("\n".join(out)) + "\n"


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
