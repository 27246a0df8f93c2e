"""The history page of each published brief and the Atom feed of updates, from git."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from briefgen.config import Config
from briefgen.model import Brief
from briefgen.policy import is_publishable, restricted_marking
from briefgen.render.changes import change_sentences as reader_sentences
from briefgen.render.citations import number_citations
from briefgen.render.context import cite_linker
from briefgen.render.figures import path_figures
from briefgen.render.markdown import markdown_inline, markdown_plain, smarten
from briefgen.site.atom import NO_DATE, Entry, atom_time
from briefgen.site.collect import SiteBrief, SiteModel
from briefgen.site.engine.cache import digest
from briefgen.site.feed import absolute, brief_entry, site_feed
from briefgen.site.history import BriefHistory, HistoryEntry
from briefgen.site.pages import Output, PageMaker

HISTORY_PAGE = "history.html"
FEED_LIMIT = 50
"""The feed lists this many updates, newest first."""

_PUBLISHED = ("first", "first-shown", "earliest", "changed")


def history_url(item: SiteBrief) -> str:
    """Return a brief's history page path from the site root."""
    return f"briefs/{item.id}/{HISTORY_PAGE}"


def plan_history_pages(maker: PageMaker, histories: Mapping[Path, BriefHistory]) -> list[Output]:
    """Plan the history page of every published brief that has a history."""
    outputs = []
    for item in maker.site.briefs:
        history = histories.get(item.checked.path)
        if history is None:
            continue
        key = digest(
            "history",
            maker.html_key,
            item.id,
            item.checked.brief.title,
            item.marking.value,
            item.restricted,
            history.key,
        )
        outputs.append(
            Output(
                history_url(item),
                key,
                partial(render_history_page, maker, item, history),
                source=str(item.checked.path),
            )
        )
    return outputs


def render_history_page(maker: PageMaker, item: SiteBrief, history: BriefHistory) -> str:
    """Render a brief's revisions newest first, each with what it changed."""
    url = history_url(item)
    ctx = maker.context(url, f"History of {item.checked.brief.title}", "home", [item])
    if maker.site.include_restricted:
        # An internal site shows restricted old revisions too: its banner must say so.
        shown = [ctx["page_marking"], *(e.marking for e in history.entries)]
        ctx["page_marking"] = restricted_marking(shown, maker.config)
    brief = item.checked.brief
    figures = path_figures(brief, history.info.paths)
    judged = [(kj.id, kj.text) for kj in brief.key_judgments]
    judged += [(q.id, q.question) for q in brief.open_questions]
    ctx |= {
        "figures": figures,
        "moved": [
            (i, smarten(markdown_plain(t))) for i, t in judged if i in figures.paths.likelihood
        ],
        "item": item,
        "brief": item.checked.brief,
        "history": history,
        "revisions": sum(1 for e in history.entries if e.revision is not None),
        "reader_changes": partial(
            reader_sentences, brief=brief, style=maker.config.date_style, markdown=True
        ),
        # Citations link to the sources on the brief's own page, numbered as there.
        "md_change": partial(
            markdown_inline, cite=cite_linker(number_citations(brief), ctx["root"] + item.url)
        ),
    }
    return maker.render("history.html.j2", ctx)


@dataclass(frozen=True)
class _FeedEntry:
    """One entry of the updates feed, written only when it is among the newest."""

    updated: dt.datetime  # time-zone aware
    order: tuple[str, int]  # brief id and revision number, to break ties
    item: SiteBrief
    entry: HistoryEntry | None  # None for a brief without history

    def atom(self, config: Config) -> Entry:
        """Return the Atom entry."""
        if self.entry is None:
            return brief_entry(self.item, config)
        return _revision_entry(self.item, self.entry, config)


def plan_history_feed(
    site: SiteModel,
    histories: Mapping[Path, BriefHistory],
    config: Config,
    html_key: str,
) -> Output:
    """Plan the Atom feed of updates, keyed by every brief's history."""
    listed = [
        (b.id, b.key, b.restricted, _history_key(histories.get(b.checked.path)))
        for b in site.briefs
    ]
    return Output(
        "feed.xml",
        digest("history-feed", html_key, listed, FEED_LIMIT),
        lambda: render_history_feed(site, histories, config),
    )


def render_history_feed(
    site: SiteModel,
    histories: Mapping[Path, BriefHistory],
    config: Config,
    *,
    limit: int = FEED_LIMIT,
) -> str:
    """Render an Atom feed with one entry per published revision of each brief, newest first.

    A brief never committed gets one entry dated by its as-of date, as outside git.
    """
    entries: list[_FeedEntry] = []
    for item in site.briefs:
        history = histories.get(item.checked.path)
        revisions = [e for e in history.entries if e.status in _PUBLISHED] if history else []
        if revisions:
            entries += [_FeedEntry(*_revision_order(item, e), item, e) for e in revisions]
        else:
            moment = dt.datetime.combine(item.checked.brief.as_of, dt.time(), tzinfo=dt.UTC)
            entries.append(_FeedEntry(moment, (item.id, 0), item, None))
    entries.sort(key=lambda e: (e.updated, e.order), reverse=True)
    entries = entries[:limit]
    updated = atom_time(entries[0].updated) if entries else NO_DATE
    return site_feed(config).write(updated, [e.atom(config) for e in entries])


def change_sentences(entry: HistoryEntry, brief: Brief, config: Config) -> list[str]:
    """Return what a revision changed in readers' sentences, `First version.` for the first."""
    if entry.status == "first":
        return ["First version."]
    if entry.status == "first-shown":
        return ["First published version."]
    if entry.status == "earliest":
        return ["Earliest revision available."]
    if not entry.changes:
        return ["No changes to the content."]
    told = reader_sentences(entry.changes, brief, config.date_style)
    return list(told) or ["No changes to the substance; dates and records were updated."]


def _revision_order(item: SiteBrief, entry: HistoryEntry) -> tuple[dt.datetime, tuple[str, int]]:
    """Return when a revision was made and its tie-breaking order."""
    assert entry.revision is not None
    # Aware datetimes compare as instants whatever their zone: no conversion needed.
    return entry.revision.date, (item.id, entry.revision.number or 0)


def _revision_entry(item: SiteBrief, entry: HistoryEntry, config: Config) -> Entry:
    """Return the feed entry of one published revision."""
    revision = entry.revision
    assert revision is not None
    page = absolute(config, history_url(item))
    entry_id = (
        f"{page}#{revision.commit}"
        if config.base_url
        else f"urn:briefgen:brief:{item.id}:revision:{revision.commit}"
    )
    title = f"{entry.title or item.checked.brief.title}: {entry.heading.lower()}"
    # On an internal site, a restricted revision of a public brief is labelled too.
    marking = entry.marking if entry.marking else item.marking
    if item.restricted or not is_publishable(marking, config):
        title = f"[{marking.value}] {title}"
    sentences = change_sentences(entry, item.checked.brief, config)
    return Entry(
        title=title,
        id=entry_id,
        link=f"{page}#{entry.anchor}",
        updated=atom_time(revision.date),
        summary="\n".join(sentences),
        authors=[revision.author],
        categories=item.checked.brief.topics,
        content_html="<ul>" + "".join(f"<li>{escape(s)}</li>" for s in sentences) + "</ul>",
    )


def _history_key(history: BriefHistory | None) -> str:
    return history.key if history else ""


def updated_dates(site: SiteModel, histories: Mapping[Path, BriefHistory]) -> dict[str, dt.date]:
    """Map each published brief's id to the date of its latest revision in git."""
    dates = {}
    for item in site.briefs:
        history = histories.get(item.checked.path)
        if history is not None and history.updated is not None:
            dates[item.id] = history.updated
    return dates
