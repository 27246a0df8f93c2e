"""The site's HTML pages: what each page shows, its content key, and how to render it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import astuple, dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from briefgen.config import Config
from briefgen.model import Place
from briefgen.policy import restricted_marking
from briefgen.render.changes import reader_revision
from briefgen.render.context import brief_context, house_css, item_anchors
from briefgen.render.dates import format_date
from briefgen.render.env import read_asset
from briefgen.render.html import render_template
from briefgen.render.labels import topic_title
from briefgen.render.locator import draw_map
from briefgen.render.markdown import markdown_plain, smarten
from briefgen.site.collect import ActorEntry, ActorPage, QuestionEntry, SiteBrief, SiteModel
from briefgen.site.engine.cache import digest
from briefgen.site.fragments import Fragments
from briefgen.site.pager import Pager, depth_root, paginate

FORMAT_LABELS = {"pdf": "PDF", "md": "Markdown", "json": "JSON"}
QuestionGroup = tuple[SiteBrief, list[QuestionEntry], list[QuestionEntry]]
"""One brief on the questions board: the brief, its open and its resolved questions."""
ActorGroup = tuple[SiteBrief, list[ActorEntry]]
"""One brief on an actor's page: the brief and the actor's entries in it."""


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


def listed_briefs(items: Sequence[SiteBrief]) -> list[tuple[str, str, bool, bool]]:
    """Return what a listing shows of each brief, for its content key."""
    return [(b.id, b.key, b.stale, b.restricted) for b in items]


def topic_url(topic: str) -> str:
    """Return a topic page's path from the site root."""
    return f"topics/{topic}/index.html"


@dataclass(frozen=True)
class BriefCard:
    """What a listing shows of a brief under its title."""

    lead: str  # the first sentence of the BLUF, as plain text
    judgments: int
    change: str  # the first sentence of what changed in the latest revision, or ''


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")


def first_sentence(markdown: str) -> str:
    """Return the first sentence of a Markdown text as typographic plain text."""
    plain = smarten(markdown_plain(markdown))
    return _SENTENCE.split(plain, maxsplit=1)[0]


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
        self,
        path: str,
        title: str,
        current: str,
        shown: Sequence[SiteBrief],
        pager: Pager | None = None,
    ) -> dict[str, Any]:
        """Return what the site layout needs for a page at `path` (one page of a listing)."""
        root = depth_root(path)
        page_marking = restricted_marking([b.marking for b in shown], self.config)
        if pager and pager.number > 1:
            title = f"{title}, page {pager.number} of {pager.count}"
        site_title = self.config.title
        # "<page> · <site title>", and the site title alone for its home page.
        alone = title == site_title or title.startswith(f"{site_title}, page ")
        document_title = title if alone else f"{title} · {site_title}"
        return {
            "document_title": document_title,
            "house_css": Markup(house_css(self.config)),
            "config": self.config,
            "root": root,
            "page_path": path,
            "page_title": title,
            "pager": pager,
            "current": current,
            "internal": self.site.include_restricted,
            "page_marking": page_marking,
            "fmt_date": self.fmt_date,
            "bluf_html": self.fragments.block,
            "card": self.card,
            "topic_name": self.topic_name,
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
            ctx = {"item": item, "root": root, "fmt_date": self.fmt_date}
            html = self._snippets[key] = Markup(self.render(name, ctx))
        return html

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render a site template."""
        return render_template(f"site/{name}", context, config=self.config)

    def outputs(self) -> list[Output]:
        """Plan every HTML page of the site."""
        site = self.site
        pages = [
            *self.home_pages(),
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
            *self.question_pages(),
            Output(
                "map/index.html",
                digest("map", self.html_key, listed_briefs(self.mapped_briefs())),
                lambda: self.map_page(),
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
        for topic in site.topics:
            pages += self.topic_pages(topic)
        for actor in site.actors.values():
            pages += self.actor_pages(actor)
        return pages

    # Each page of a listing is keyed by its place and its own items, so an edit re-renders
    # only the page showing the brief, unless it moves briefs from one page to another.

    def home_pages(self) -> list[Output]:
        """Plan the pages of the home page."""
        pages = []
        for pager, chunk in paginate(self.site.briefs, self.config.pagination.per_page, ""):
            updated = {b.id: self.updated.get(b.id) for b in chunk}
            key = digest("home", self.html_key, astuple(pager), listed_briefs(chunk), updated)
            pages.append(Output(pager.path, key, partial(self.home, pager, chunk)))
        return pages

    def topic_pages(self, topic: str) -> list[Output]:
        """Plan the pages of one topic."""
        pages = []
        items = self.site.topics[topic]
        for pager, chunk in paginate(items, self.config.pagination.per_page, f"topics/{topic}/"):
            key = digest("topic", self.html_key, topic, astuple(pager), listed_briefs(chunk))
            pages.append(Output(pager.path, key, partial(self.topic_page, topic, pager, chunk)))
        return pages

    def question_pages(self) -> list[Output]:
        """Plan the pages of the questions board, a number of briefs' questions on each."""
        pages = []
        for pager, groups in paginate(self.question_groups(), self.group_size, "questions/"):
            shown = listed_briefs([b for b, _, _ in groups])
            key = digest("questions", self.html_key, astuple(pager), shown)
            pages.append(Output(pager.path, key, partial(self.questions, pager, groups)))
        return pages

    def actor_pages(self, actor: ActorPage) -> list[Output]:
        """Plan the pages of one actor, a number of briefs' entries on each."""
        pages = []
        folder = actor.url.removesuffix("index.html")
        # The first page lists the briefs that mention the actor, by title and date.
        mentions = [
            (b.id, b.checked.brief.title, str(b.checked.brief.as_of), b.restricted)
            for b in actor.mentioned_in
        ]
        for pager, groups in paginate(self.actor_groups(actor), self.group_size, folder):
            key = digest(
                "actor",
                self.html_key,
                actor.id,
                actor.actor.model_dump(mode="json"),
                actor.members,
                astuple(pager),
                listed_briefs([b for b, _ in groups]),
                self._related_names(actor, groups),
                mentions if pager.number == 1 else None,
            )
            pages.append(Output(pager.path, key, partial(self.actor_page, actor, pager, groups)))
        return pages

    @property
    def group_size(self) -> int:
        """Return how many briefs a page of the questions board or of an actor shows."""
        return self.config.pagination.groups_per_page

    def question_groups(self) -> list[QuestionGroup]:
        """Return the briefs with questions, newest first, each with its open and resolved ones."""
        groups: dict[str, QuestionGroup] = {}
        for entry in self.site.open_questions:
            groups.setdefault(entry.brief.id, (entry.brief, [], []))[1].append(entry)
        for entry in self.site.resolved_questions:
            groups.setdefault(entry.brief.id, (entry.brief, [], []))[2].append(entry)
        return [groups[b.id] for b in self.site.briefs if b.id in groups]

    def actor_groups(self, actor: ActorPage) -> list[ActorGroup]:
        """Return an actor's briefs, newest first, each with the actor's entries in it."""
        by_brief: dict[str, list[ActorEntry]] = {}
        for entry in actor.entries:
            by_brief.setdefault(entry.brief.id, []).append(entry)
        return [(b, by_brief[b.id]) for b in actor.briefs]

    def _actor_summary(self, actor: ActorPage) -> list[Any]:
        return [
            actor.id,
            actor.actor.model_dump(mode="json"),
            len(actor.entries),
            [b.restricted for b in actor.briefs],
        ]

    def _related_names(self, actor: ActorPage, groups: Sequence[ActorGroup]) -> list[str]:
        speakers = [e.speaker for _, entries in groups for e in entries]
        ids = [actor.actor.affiliation or "", *actor.members, *speakers]
        return [self.actor_name(i) for i in ids]

    def fmt_date(self, value: dt.date | str | None) -> str:
        """Format a date in the project's date style."""
        return format_date(value, self.config.date_style)

    def topic_name(self, topic: str) -> str:
        """Name a topic: its title in briefgen.toml, else its slug in words."""
        actors = {key: page.actor for key, page in self.site.actors.items()}
        return topic_title(topic, self.config.topics, actors)

    def card(self, item: SiteBrief) -> BriefCard:
        """Return what a listing card says about a brief, beyond its title and dates."""
        brief = item.checked.brief
        change = ""
        if item.revision is not None and item.revision.baseline is not None:
            told = reader_revision(item.revision, brief, self.config.date_style).sentences
            change = told[0] if told else ""
        return BriefCard(first_sentence(brief.bluf), len(brief.key_judgments), change)

    def actor_name(self, actor_id: str | None) -> str:
        """Return an actor's name across the site, or its id when unknown."""
        if not actor_id:
            return ""
        page = self.site.actors.get(actor_id)
        return page.actor.name if page else actor_id

    def home(self, pager: Pager, items: Sequence[SiteBrief]) -> str:
        """Render one page of the home page: every brief, newest first."""
        ctx = self.context(pager.path, self.config.title, "home", items, pager)
        ctx["briefs"] = items
        ctx["updated"] = self.updated
        return self.render("home.html.j2", ctx)

    def not_found(self) -> str:
        """Render the 404 page, styled wherever the server shows it (CSS inline)."""
        ctx = self.context("404.html", "Page not found", "", [])
        # A server answers a missing page at any depth with this file: relative links
        # would miss, so the CSS is inline and links use base_url when there is one.
        ctx["inline_css"] = read_asset(self.config, "site/site.css")
        if self.config.base_url:
            ctx["root"] = self.config.base_url.rstrip("/") + "/"
        return self.render("404.html.j2", ctx)

    def topics_index(self) -> str:
        """Render the list of topics."""
        shown = [b for items in self.site.topics.values() for b in items]
        ctx = self.context("topics/index.html", "Topics", "topics", shown)
        ctx["topics"] = self.site.topics
        return self.render("topics.html.j2", ctx)

    def topic_page(self, topic: str, pager: Pager, items: Sequence[SiteBrief]) -> str:
        """Render one page of a topic's briefs."""
        ctx = self.context(pager.path, self.topic_name(topic), "topics", items, pager)
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

    def actor_page(self, actor: ActorPage, pager: Pager, groups: Sequence[ActorGroup]) -> str:
        """Render one page of what an actor did and said, brief by brief."""
        shown = [b for b, _ in groups]
        ctx = self.context(
            pager.path, actor.actor.name, "actors", [*shown, *actor.mentioned_in], pager
        )
        ctx |= {
            "actor_id": actor.id,
            "actor": actor.actor,
            "members": actor.members,
            "mentioned_in": actor.mentioned_in,
            "groups": groups,
            "anchors": self.anchors(shown),
            "actor_name": self.actor_name,
            "actor_pages": self.site.actors,
            "md_inline": self.fragments.inline,
            "brief_heading": partial(self.snippet, "_actor_brief.html.j2", ctx["root"]),
            "actor_map": draw_map(actor_places(groups), "fig-actor-map"),
        }
        return self.render("actor.html.j2", ctx)

    def mapped_briefs(self) -> list[SiteBrief]:
        """Return the site's briefs that name places, newest first."""
        return [b for b in self.site.briefs if b.checked.brief.places]

    def map_page(self) -> str:
        """Render the map of every place the site's briefs name, with a table of them."""
        briefs = self.mapped_briefs()
        ctx = self.context("map/index.html", "Map", "map", briefs)
        places = site_places(briefs)
        ctx |= {
            "map_svg": draw_map([(p.id, p.place) for p in places], "fig-site-map"),
            "places": places,
        }
        return self.render("map.html.j2", ctx)

    def questions(self, pager: Pager, groups: Sequence[QuestionGroup]) -> str:
        """Render one page of the board of open (and resolved) questions, brief by brief."""
        shown = [b for b, _, _ in groups]
        ctx = self.context(pager.path, "Open questions", "questions", shown, pager)
        ctx |= {
            "open_questions": [e for _, entries, _ in groups for e in entries],
            "resolved_questions": [e for _, _, entries in groups for e in entries],
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


@dataclass(frozen=True)
class MapPlace:
    """A place on the site map and the briefs that name it."""

    id: str
    place: Place
    briefs: tuple[SiteBrief, ...]


def site_places(briefs: Sequence[SiteBrief]) -> list[MapPlace]:
    """Gather the places of some briefs, one entry per name and position, sorted by name."""
    found: dict[tuple[str, float, float], tuple[str, Place, list[SiteBrief]]] = {}
    for item in briefs:
        for place_id, place in item.checked.brief.places.items():
            entry = found.setdefault((place.name, place.lat, place.lon), (place_id, place, []))
            entry[2].append(item)
    return [
        MapPlace(place_id, place, tuple(items))
        for place_id, place, items in sorted(found.values(), key=lambda e: e[1].name.lower())
    ]


def actor_places(groups: Sequence[ActorGroup]) -> list[tuple[str, Place]]:
    """Return the places of an actor's forces in some briefs, once each."""
    places: dict[tuple[str, float, float], tuple[str, Place]] = {}
    for item, entries in groups:
        brief = item.checked.brief
        for entry in entries:
            if entry.force and entry.force.place:
                place = brief.places[entry.force.place]
                places.setdefault((place.name, place.lat, place.lon), (entry.force.place, place))
    return list(places.values())


def _bind(func: Callable[[Any], str], arg: Any) -> Callable[[], str]:
    return lambda: func(arg)
