"""All briefs into one site model, with the publication policy applied once, here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.config import Config
from briefgen.errors import Finding, Severity, display_path
from briefgen.history.revisions import RevisionInfo
from briefgen.model import Actor, ActorKind, Force, Marking, OpenQuestion, Position, QuestionStatus
from briefgen.policy import is_publishable, withheld_reason
from briefgen.validate import Validated, duplicate_id


@dataclass(frozen=True)
class SiteBrief:
    """A brief that goes on the site, with what the pages need to list it."""

    checked: Validated
    key: str
    stale: bool
    restricted: bool
    revision: RevisionInfo | None = None  # from git, with what changed since the last one

    @property
    def id(self) -> str:
        """Return the brief id, which is also its folder name on the site."""
        return self.checked.brief.id

    @property
    def marking(self) -> Marking:
        """Return the brief's marking (validation filled in the project's default)."""
        return self.checked.brief.effective_marking

    @property
    def url(self) -> str:
        """Return the brief page's path from the site root."""
        return f"briefs/{self.id}/index.html"


@dataclass(frozen=True)
class Withheld:
    """A brief left out of every artifact, and why."""

    path: str
    brief_id: str
    marking: Marking
    reason: str


@dataclass(frozen=True)
class ActorEntry:
    """One force or position of an actor (or of a person affiliated with it) in one brief."""

    brief: SiteBrief
    date: str  # ISO, perhaps partial (YYYY or YYYY-MM), as a force's as_of may be
    force: Force | None = None
    position: Position | None = None
    speaker: str = ""
    # How a force relates to the page's actor: its own (""), "aligned" with it, or that of
    # an actor "affiliated" with it (a group of a state).
    relation: str = ""


@dataclass(frozen=True)
class ActorPage:
    """Everything the site says about one actor, brief by brief."""

    id: str
    actor: Actor
    entries: tuple[ActorEntry, ...]
    members: tuple[str, ...] = ()
    mentioned_in: tuple[SiteBrief, ...] = ()
    """Every brief that refers to the actor, newest first."""

    @property
    def url(self) -> str:
        """Return the actor page's path from the site root."""
        return f"actors/{self.id}/index.html"

    @property
    def briefs(self) -> tuple[SiteBrief, ...]:
        """Return the briefs the entries come from, once each, newest first."""
        seen: dict[str, SiteBrief] = {}
        for entry in self.entries:
            seen.setdefault(entry.brief.id, entry.brief)
        return tuple(seen.values())


@dataclass(frozen=True)
class QuestionEntry:
    """One open question of one brief."""

    brief: SiteBrief
    question: OpenQuestion


@dataclass
class SiteModel:
    """The whole site: published briefs newest first, topics, actors, questions, withheld."""

    briefs: list[SiteBrief] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    topics: dict[str, list[SiteBrief]] = field(default_factory=dict)
    actors: dict[str, ActorPage] = field(default_factory=dict)
    open_questions: list[QuestionEntry] = field(default_factory=list)
    resolved_questions: list[QuestionEntry] = field(default_factory=list)
    include_restricted: bool = False
    findings: list[Finding] = field(default_factory=list)


def _no_base_url(config: Config) -> Finding:
    """Warn that a site without base_url has no sitemap and a feed of relative links."""
    toml = config.root / "briefgen.toml"
    fix = "set" if toml.is_file() else "create this file with"
    return Finding(
        display_path(toml),
        1,
        1,
        Severity.WARNING,
        "base_url",
        "base_url is not set, so sitemap.xml is left out (a sitemap needs absolute URLs) "
        f"and the feed's links are relative to the feed itself; {fix} base_url = "
        '"https://your.site/path/"',
    )


def collect_site(
    checked: Sequence[tuple[Validated, str]],
    *,
    config: Config,
    today: dt.date,
    include_restricted: bool = False,
    shared_actors: Mapping[str, Actor] | None = None,
    revisions: Mapping[Path, RevisionInfo] | None = None,
) -> SiteModel:
    """Turn validated briefs (each with its content key) into the site model.

    `revisions` gives, by brief path, the revision line and changes a brief page shows.
    """
    site = SiteModel(include_restricted=include_restricted)
    if not config.base_url:
        site.findings.append(_no_base_url(config))
    seen_ids: dict[str, Validated] = {}
    for validated, key in checked:
        brief = validated.brief
        clash = duplicate_id(validated, seen_ids)
        if clash is not None:
            site.findings.append(clash)
            continue
        allowed = is_publishable(brief.effective_marking, config)
        if not allowed and not include_restricted:
            site.withheld.append(
                Withheld(
                    path=str(validated.path),
                    brief_id=brief.id,
                    marking=brief.effective_marking,
                    reason=withheld_reason(brief.effective_marking, config),
                )
            )
            continue
        stale = brief.is_stale(today)
        revision = (revisions or {}).get(validated.path)
        site.briefs.append(SiteBrief(validated, key, stale, not allowed, revision))
    # Newest first; the id breaks ties so the order never depends on file order.
    site.briefs.sort(key=lambda b: b.id)
    site.briefs.sort(key=lambda b: b.checked.brief.as_of, reverse=True)
    site.withheld.sort(key=lambda w: w.path)
    for item in site.briefs:
        for topic in item.checked.brief.topics:
            site.topics.setdefault(topic, []).append(item)
    site.topics = dict(sorted(site.topics.items()))
    site.actors = _collect_actors(site.briefs, shared_actors or {})
    for item in site.briefs:
        for question in item.checked.brief.open_questions:
            entry = QuestionEntry(item, question)
            if question.status is QuestionStatus.RESOLVED:
                site.resolved_questions.append(entry)
            else:
                site.open_questions.append(entry)
    return site


def _collect_actors(
    briefs: Sequence[SiteBrief], shared: Mapping[str, Actor]
) -> dict[str, ActorPage]:
    """Gather each actor's forces and positions across briefs, matched by id."""
    definitions: dict[str, Actor] = {}
    # Briefs are newest first, so the newest brief's definition wins unless actors.yaml has one.
    for item in reversed(briefs):
        definitions.update(item.checked.brief.actors)
    definitions.update({k: v for k, v in shared.items() if k in definitions})
    entries: dict[str, list[ActorEntry]] = {key: [] for key in definitions}
    members: dict[str, set[str]] = {key: set() for key in definitions}
    mentions: dict[str, list[SiteBrief]] = {}
    for item in briefs:
        for key in item.checked.brief.actors:
            mentions.setdefault(key, []).append(item)
        _add_forces(item, entries)
        _add_positions(item, entries, members)
    pages: dict[str, ActorPage] = {}
    for key in sorted(definitions):
        # Newest brief first, then by date within the brief, then document order.
        ordered = sorted(
            entries.get(key, []),
            key=lambda e: (e.brief.checked.brief.as_of, e.brief.id, e.date),
            reverse=True,
        )
        pages[key] = ActorPage(
            key,
            definitions[key],
            tuple(ordered),
            tuple(sorted(members[key])),
            tuple(mentions.get(key, ())),
        )
    return pages


def _add_forces(item: SiteBrief, entries: dict[str, list[ActorEntry]]) -> None:
    """File a brief's forces under their actor, the actor aligned and the owner's affiliation."""
    brief = item.checked.brief
    for force in brief.forces:
        when = force.as_of or brief.as_of.isoformat()
        entries[force.actor].append(ActorEntry(item, when, force=force, speaker=force.actor))
        related = {force.aligned_with: "aligned"}
        owner = brief.actors.get(force.actor)
        if owner is not None and owner.affiliation:
            related.setdefault(owner.affiliation, "affiliated")
        for other, relation in related.items():
            if other and other != force.actor:
                entries.setdefault(other, []).append(
                    ActorEntry(item, when, force=force, speaker=force.actor, relation=relation)
                )


def _add_positions(
    item: SiteBrief, entries: dict[str, list[ActorEntry]], members: dict[str, set[str]]
) -> None:
    """File a brief's positions under their actor, and a person's under their affiliation."""
    brief = item.checked.brief
    for position in brief.positions:
        when = (position.date or brief.as_of).isoformat()
        entry = ActorEntry(item, when, position=position, speaker=position.actor)
        entries[position.actor].append(entry)
        speaker = brief.actors.get(position.actor)
        if speaker and speaker.kind is ActorKind.PERSON and speaker.affiliation:
            entries.setdefault(speaker.affiliation, []).append(entry)
            members.setdefault(speaker.affiliation, set()).add(position.actor)
