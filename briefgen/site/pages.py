"""The site's HTML pages: what each page shows, its content key, and how to render it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from briefgen.config import Config
from briefgen.model import Marking
from briefgen.model.base import INLINE_CITE
from briefgen.render.context import brief_context, format_date, item_anchors
from briefgen.render.html import render_template
from briefgen.render.markdown import markdown_to_html
from briefgen.site.cache import digest, hash_bytes
from briefgen.site.collect import ActorEntry, ActorPage, SiteBrief, SiteModel

_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:])")
FORMAT_LABELS = {"pdf": "PDF", "md": "Markdown", "json": "JSON"}


@dataclass(frozen=True)
class Output:
    """One file of the site: where it goes, what it was built from, how to make it."""

    path: str
    key: str
    make: Callable[[], str | bytes]
    source: str = ""
    indexed: bool = False
    job: tuple[str, SiteBrief] | None = None
    """For per-brief files: what a worker process needs to render it instead."""


def depth_root(path: str) -> str:
    """Return the relative prefix from a page to the site root, e.g. `../../`."""
    return "../" * path.count("/")


def topic_url(topic: str) -> str:
    """Return a topic page's path from the site root."""
    return f"topics/{topic}/index.html"


def topic_name(topic: str) -> str:
    """Turn a topic slug into words: `russia-ukraine-war` -> `Russia ukraine war`."""
    words = topic.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


def bluf_html(text: str) -> Markup:
    """Render Markdown for a listing, without its citation marks (one brief shows on many)."""
    plain = _SPACE_BEFORE_PUNCT.sub(r"\1", INLINE_CITE.sub("", text)).strip()
    return markdown_to_html(plain)


def download_name(item: SiteBrief, fmt: str) -> str:
    """Return the file name of a brief's download in one format."""
    return f"{item.id}.{fmt}"


def render_download(item: SiteBrief, fmt: str, config: Config, today: dt.date) -> str:
    """Render a brief's Markdown or JSON file."""
    if fmt == "md":
        from briefgen.render.markdown_out import render_markdown

        return render_markdown(item.checked, config=config, today=today)
    from briefgen.render.json_out import render_json

    return render_json(item.checked, config=config, today=today)


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


@dataclass
class PageMaker:
    """Renders pages of one site model with one config."""

    site: SiteModel
    config: Config
    today: dt.date
    formats: Sequence[str]
    html_key: str
    fragments: Fragments = field(default_factory=Fragments)
    updated: Mapping[str, dt.date] = field(default_factory=dict)
    """The date of each brief's latest revision in git, by brief id."""
    _anchors: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False)
    _snippets: dict[tuple[str, str, str], Markup] = field(
        default_factory=dict, init=False, repr=False
    )

    def context(
        self, path: str, title: str, current: str, shown: Sequence[SiteBrief]
    ) -> dict[str, Any]:
        """Return what the site layout needs for a page at `path`."""
        root = depth_root(path)
        restricted = [b.marking for b in shown if b.restricted]
        page_marking = max(restricted, key=lambda m: m.rank) if restricted else None
        return {
            "config": self.config,
            "root": root,
            "page_path": path,
            "page_title": title,
            "current": current,
            "internal": self.site.include_restricted,
            "page_marking": page_marking,
            "fmt_date": format_date,
            "bluf_html": self.fragments.block,
            "topic_name": topic_name,
            "topic_url": topic_url,
            "feed_available": True,
        }

    def anchors(self, items: Sequence[SiteBrief]) -> dict[str, dict[str, str]]:
        """Return the item anchors of some briefs by brief id, each computed once per build."""
        cache = self._anchors
        for b in items:
            if b.id not in cache:
                cache[b.id] = item_anchors(b.checked.brief)
        return {b.id: cache[b.id] for b in items}

    def snippet(self, name: str, root: str, item: SiteBrief) -> Markup:
        """Render a brief's partial once per page depth: many listing pages repeat it."""
        key = (name, root, item.id)
        html = self._snippets.get(key)
        if html is None:
            ctx = {"item": item, "root": root, "fmt_date": format_date}
            html = self._snippets[key] = Markup(self.render(name, ctx))
        return html

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render a site template."""
        return render_template(f"site/{name}", context, config=self.config)

    def outputs(self) -> list[Output]:
        """Plan every HTML page of the site."""
        site = self.site
        listed = [(b.id, b.key, b.stale, b.restricted) for b in site.briefs]
        pages = [
            Output(
                "index.html",
                digest("home", self.html_key, listed, self.updated),
                lambda: self.home(),
            ),
            Output("404.html", digest("404", self.html_key), lambda: self.not_found()),
            Output(
                "topics/index.html",
                digest(
                    "topics",
                    self.html_key,
                    {t: [(b.id, b.restricted) for b in bs] for t, bs in site.topics.items()},
                ),
                lambda: self.topics_index(),
            ),
            Output(
                "actors/index.html",
                digest(
                    "actors", self.html_key, [self._actor_summary(a) for a in site.actors.values()]
                ),
                lambda: self.actors_index(),
            ),
            Output(
                "questions/index.html",
                digest(
                    "questions",
                    self.html_key,
                    sorted(
                        {
                            (e.brief.id, e.brief.key, e.brief.restricted)
                            for e in [*site.open_questions, *site.resolved_questions]
                        }
                    ),
                ),
                lambda: self.questions(),
            ),
        ]
        for item in site.briefs:
            pages.append(
                Output(
                    item.url,
                    digest(
                        "brief",
                        self.html_key,
                        item.key,
                        item.stale,
                        item.restricted,
                        repr(item.revision),
                    ),
                    _bind(self.brief_page, item),
                    source=str(item.checked.path),
                    indexed=True,
                    job=("page", item),
                )
            )
        for topic, items in site.topics.items():
            pages.append(
                Output(
                    topic_url(topic),
                    digest(
                        "topic",
                        self.html_key,
                        topic,
                        [(b.id, b.key, b.stale, b.restricted) for b in items],
                    ),
                    _bind(self.topic_page, topic),
                )
            )
        for actor in site.actors.values():
            pages.append(
                Output(
                    actor.url,
                    digest(
                        "actor",
                        self.html_key,
                        self._actor_summary(actor),
                        [(b.id, b.key, b.restricted) for b in actor.briefs],
                        self._related_names(actor),
                    ),
                    _bind(self.actor_page, actor),
                )
            )
        return pages

    def _actor_summary(self, actor: ActorPage) -> list[Any]:
        return [
            actor.id,
            actor.actor.model_dump(mode="json"),
            len(actor.entries),
            [b.restricted for b in actor.briefs],
        ]

    def _related_names(self, actor: ActorPage) -> list[str]:
        ids = [actor.actor.affiliation or "", *actor.members, *(e.speaker for e in actor.entries)]
        return [self.actor_name(i) for i in ids]

    def actor_name(self, actor_id: str | None) -> str:
        """Return an actor's name across the site, or its id when unknown."""
        if not actor_id:
            return ""
        page = self.site.actors.get(actor_id)
        return page.actor.name if page else actor_id

    def home(self) -> str:
        """Render the home page: every brief, newest first."""
        ctx = self.context("index.html", "Briefs", "home", self.site.briefs)
        ctx["briefs"] = self.site.briefs
        ctx["updated"] = self.updated
        return self.render("home.html.j2", ctx)

    def not_found(self) -> str:
        """Render the 404 page."""
        return self.render("404.html.j2", self.context("404.html", "Page not found", "", []))

    def topics_index(self) -> str:
        """Render the list of topics."""
        shown = [b for items in self.site.topics.values() for b in items]
        ctx = self.context("topics/index.html", "Topics", "topics", shown)
        ctx["topics"] = self.site.topics
        return self.render("topics.html.j2", ctx)

    def topic_page(self, topic: str) -> str:
        """Render one topic's briefs."""
        items = self.site.topics[topic]
        ctx = self.context(topic_url(topic), topic_name(topic), "topics", items)
        ctx |= {"topic": topic, "briefs": items}
        return self.render("topic.html.j2", ctx)

    def actors_index(self) -> str:
        """Render the list of actors, grouped by kind."""
        shown = [b for a in self.site.actors.values() for b in a.briefs]
        ctx = self.context("actors/index.html", "Actors", "actors", shown)
        groups: dict[str, list[ActorPage]] = {}
        for actor in sorted(self.site.actors.values(), key=lambda a: a.actor.name.lower()):
            groups.setdefault(actor.actor.kind.value, []).append(actor)
        ctx["groups"] = dict(sorted(groups.items()))
        return self.render("actors.html.j2", ctx)

    def actor_page(self, actor: ActorPage) -> str:
        """Render what one actor did and said, brief by brief."""
        ctx = self.context(actor.url, actor.actor.name, "actors", actor.briefs)
        by_brief: dict[str, list[ActorEntry]] = {}
        for entry in actor.entries:
            by_brief.setdefault(entry.brief.id, []).append(entry)
        ctx |= {
            "actor_id": actor.id,
            "actor": actor.actor,
            "members": actor.members,
            "groups": [(b, by_brief[b.id]) for b in actor.briefs],
            "anchors": self.anchors(actor.briefs),
            "actor_name": self.actor_name,
            "actor_pages": self.site.actors,
            "md_inline": self.fragments.inline,
            "brief_heading": partial(self.snippet, "_actor_brief.html.j2", ctx["root"]),
        }
        return self.render("actor.html.j2", ctx)

    def questions(self) -> str:
        """Render the board of open (and resolved) questions across briefs."""
        shown = [e.brief for e in [*self.site.open_questions, *self.site.resolved_questions]]
        ctx = self.context("questions/index.html", "Open questions", "questions", shown)
        ctx |= {
            "open_questions": self.site.open_questions,
            "resolved_questions": self.site.resolved_questions,
            "anchors": self.anchors(shown),
            "md_inline": self.fragments.inline,
            "question_source": partial(self.snippet, "_question_source.html.j2", ctx["root"]),
        }
        return self.render("questions.html.j2", ctx)

    def brief_page(self, item: SiteBrief) -> str:
        """Render one brief in the site layout, with links to its downloads."""
        ctx = brief_context(
            item.checked, config=self.config, today=self.today, revision=item.revision, mode="site"
        )
        ctx |= self.context(item.url, item.checked.brief.title, "home", [item])
        ctx["downloads"] = [
            (FORMAT_LABELS[fmt], download_name(item, fmt))
            for fmt in self.formats
            if fmt in FORMAT_LABELS
        ]
        ctx["site_brief"] = item
        return self.render("brief.html.j2", ctx)


def _bind(func: Callable[[Any], str], arg: Any) -> Callable[[], str]:
    return lambda: func(arg)


def highest(markings: Sequence[Marking]) -> Marking | None:
    """Return the most restricted of some markings."""
    return max(markings, key=lambda m: m.rank) if markings else None
