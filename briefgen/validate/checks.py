"""Cross-reference checks that need the whole brief: ids, citations, actors, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from briefgen.errors import Finding, Severity
from briefgen.model import Actor, Brief, Place, QuestionStatus
from briefgen.model.base import inline_keys
from briefgen.validate.messages import did_you_mean
from briefgen.validate.skeleton import PLACEHOLDER_STARTS, PLACEHOLDERS
from briefgen.validate.yaml import Loc, Positions

SKIP_UNCITED = "uncited"
"""In `skip`: no never-cited warning (a value that was replaced may have cited the source)."""


def check_brief(
    brief: Brief,
    positions: Positions,
    shared: Mapping[str, Actor],
    today: dt.date,
    *,
    shared_positions: Positions | None = None,
    shared_places: Mapping[str, Place] | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Return every cross-reference error and warning of a validated brief.

    `skip` names sections that could not be read as a whole (`sources`, `actors`, or a
    list section); the checks of references into them are left out. `SKIP_UNCITED` in it
    leaves out the never-cited warning.
    """
    return Checker(
        brief,
        positions,
        shared,
        today,
        shared_positions=shared_positions,
        shared_places=shared_places or {},
    ).run(skip)


def is_stale_warning(finding: Finding) -> bool:
    """Tell whether a finding is the warning that a brief is past its review_by date."""
    # check_review is the only check that warns at `review_by`; model errors there are errors.
    return finding.severity is Severity.WARNING and finding.path == "review_by"


def actor_refs(brief: Brief) -> Iterator[tuple[str, Loc]]:
    """Yield every actor id the brief refers to, with where it stands."""
    for key, actor in brief.actors.items():
        if actor.affiliation:
            yield actor.affiliation, ("actors", key, "affiliation")
    for i, force in enumerate(brief.forces):
        for name in ("actor", "aligned_with", "claimed_by"):
            ref = getattr(force, name)
            if ref:
                yield ref, ("forces", i, name)
    for i, position in enumerate(brief.positions):
        yield position.actor, ("positions", i, "actor")
        if position.addressed_to:
            yield position.addressed_to, ("positions", i, "addressed_to")
    for i, event in enumerate(brief.events):
        for j, ref in enumerate(event.actors):
            yield ref, ("events", i, "actors", j)
    for i, incident in enumerate(brief.incidents):
        for j, ref in enumerate(incident.actors):
            yield ref, ("incidents", i, "actors", j)
        if incident.claimed_by:
            yield incident.claimed_by, ("incidents", i, "claimed_by")


def place_refs(brief: Brief) -> Iterator[tuple[str, Loc]]:
    """Yield every place id the brief refers to, with where it stands."""
    for section in ("forces", "events", "incidents"):
        for i, item in enumerate(getattr(brief, section)):
            if item.place:
                yield item.place, (section, i, "place")


_MARKDOWN_FIELDS = {
    "key_judgments": ("text",),
    "forces": ("notes",),
    "positions": ("stance",),
    "events": ("summary",),
    "incidents": ("summary",),
    "open_questions": ("why", "resolution"),
}


def cited_keys(brief: Brief) -> Iterator[tuple[str, Loc]]:
    """Yield every citation key in document order, inline ones first, with its location."""
    for key in inline_keys(brief.bluf):
        yield key, ("bluf",)
    for section, items in brief.sections():
        for i, item in enumerate(items):
            for name in _MARKDOWN_FIELDS[section]:
                for key in inline_keys(getattr(item, name)):
                    yield key, (section, i, name)
            for j, key in enumerate(getattr(item, "cite", ())):
                yield key, (section, i, "cite", j)


class Checker:
    """Cross-reference checks that need the whole brief: ids, citations, actors, dates."""

    def __init__(
        self,
        brief: Brief,
        positions: Positions,
        shared: Mapping[str, Actor],
        today: dt.date,
        *,
        shared_positions: Positions | None = None,
        shared_places: Mapping[str, Place] | None = None,
    ) -> None:
        self.brief = brief
        self.positions = positions
        self.shared = shared
        self.shared_positions = shared_positions
        self.shared_places = shared_places or {}
        self.today = today
        self.findings: list[Finding] = []

    def error(self, loc: Loc, message: str, *, key: bool = False) -> None:
        self.findings.append(self.positions.finding(loc, message, key=key))

    def warn(self, loc: Loc, message: str, *, key: bool = False) -> None:
        self.findings.append(
            self.positions.finding(loc, message, severity=Severity.WARNING, key=key)
        )

    def run(self, skip: frozenset[str] = frozenset()) -> list[Finding]:
        self.check_ids(refs=not skip & set(_MARKDOWN_FIELDS))
        if "sources" not in skip:
            self.check_citations(uncited=SKIP_UNCITED not in skip)
        if "actors" not in skip:
            self.check_actors()
        if "places" not in skip:
            self.check_places()
        self.check_questions()
        self.check_dates()
        self.check_review()
        self.check_placeholders()
        return self.findings

    def check_ids(self, *, refs: bool = True) -> None:
        seen: dict[str, Loc] = {}
        for section, items in self.brief.sections():
            for i, item in enumerate(items):
                if item.id in seen:
                    first = self.positions.locate(seen[item.id])
                    self.error(
                        (section, i, "id"),
                        f"duplicate id {item.id!r} (first used at line "
                        f"{first[0]}); ids must be unique within a brief, rename one",
                    )
                else:
                    seen[item.id] = (section, i, "id")
                if item.unreviewed:
                    self.warn(
                        (section, i),
                        "extracted item not yet reviewed; check it against "
                        "its `extracted.sentence`, then delete `unreviewed: true`",
                    )
        for key, actor in self.brief.actors.items():
            if actor.unreviewed and key in self._own("actors"):
                self.warn(
                    ("actors", key),
                    "extracted actor not yet reviewed; check it, then delete `unreviewed: true`",
                    key=True,
                )
        self.ids = seen
        if not refs:
            return
        for i, kj in enumerate(self.brief.key_judgments):
            for j, ref in enumerate(kj.basis):
                self._check_item_ref(ref, ("key_judgments", i, "basis", j), "basis")
        for i, question in enumerate(self.brief.open_questions):
            for j, ref in enumerate(question.related):
                self._check_item_ref(ref, ("open_questions", i, "related", j), "related")

    def _check_item_ref(self, ref: str, loc: Loc, what: str) -> None:
        if ref not in self.ids:
            hint = did_you_mean(ref, self.ids) or (
                "use the id of a key judgment, force, position, event or question in this brief"
            )
            self.error(loc, f"{what} refers to unknown item {ref!r}; {hint}")

    def check_citations(self, *, uncited: bool = True) -> None:
        sources = self.brief.sources
        used: set[str] = set()
        for key, loc in cited_keys(self.brief):
            used.add(key)
            if key not in sources:
                hint = did_you_mean(key, sources) or "add it under `sources:` or fix the key"
                self.error(loc, f"citation {key!r} does not resolve; {hint}")
        for key, source in sources.items():
            if source.via:
                used.add(source.via)
                if source.via not in sources:
                    self.error(
                        ("sources", key, "via"),
                        f"via {source.via!r} is not a source key;"
                        f" {did_you_mean(source.via, sources) or 'add that source'}",
                    )
        for key in sources if uncited else ():
            if key not in used:
                self.warn(
                    ("sources", key),
                    f"source {key!r} is never cited; cite it or remove it",
                    key=True,
                )

    def _own(self, section: str) -> set[str]:
        """Return the keys the brief itself defines under `actors` or `places`."""
        raw = self.positions.keys
        return {
            loc[1] for loc in raw if len(loc) == 2 and loc[0] == section and isinstance(loc[1], str)
        }

    def check_actors(self) -> None:
        actors = self.brief.actors
        for ref, loc in actor_refs(self.brief):
            if ref not in actors:
                hint = did_you_mean(ref, {*actors, *self.shared}) or (
                    "define it under `actors:` or in actors.yaml beside the brief"
                )
                self.error(loc, f"unknown actor {ref!r}; {hint}")
        for key in sorted(self._own("actors")):
            theirs = self.shared.get(key)
            mine = actors.get(key)
            if theirs and mine:
                self.warn(("actors", key), self._shadow_message(key, mine, theirs), key=True)

    def _shadow_message(self, key: str, mine: Actor, theirs: Actor) -> str:
        where = "actors.yaml"
        if self.shared_positions is not None:
            line, col = self.shared_positions.locate((key,), key=True)
            where = f"{self.shared_positions.file}:{line}:{col}"
        names = f" ({mine.name!r} here, {theirs.name!r} there)" if mine.name != theirs.name else ""
        return (
            f"actor {key!r} is defined both in this brief and in {where}{names}; this "
            "brief's definition wins here only; delete one, or give this one a different id"
        )

    def check_places(self) -> None:
        places = self.brief.places
        for ref, loc in place_refs(self.brief):
            if ref not in places:
                hint = did_you_mean(ref, places) or (
                    "define it under `places:` (name, lat, lon) or in places.yaml beside the brief"
                )
                self.error(loc, f"unknown place {ref!r}; {hint}")
        for key in sorted(self._own("places")):
            theirs = self.shared_places.get(key)
            mine = places.get(key)
            if (
                theirs
                and mine
                and (theirs.name, theirs.lat, theirs.lon)
                != (
                    mine.name,
                    mine.lat,
                    mine.lon,
                )
            ):
                self.warn(
                    ("places", key),
                    f"place {key!r} is {_where(mine)} here but {_where(theirs)} in places.yaml; "
                    "use one, or a different id",
                    key=True,
                )

    def check_questions(self) -> None:
        for i, question in enumerate(self.brief.open_questions):
            if question.status is QuestionStatus.RESOLVED and not question.resolution:
                self.error(
                    ("open_questions", i, "status"),
                    "a resolved question needs a `resolution:` saying how it was resolved; add one",
                )
            if question.status is QuestionStatus.OPEN and question.resolution:
                self.warn(
                    ("open_questions", i, "resolution"),
                    "question has a resolution but "
                    "its status is open; set `status: resolved` or drop the resolution",
                )

    def check_dates(self) -> None:
        as_of = self.brief.as_of.isoformat()
        dated: list[tuple[Loc, str | None]] = [
            *((("forces", i, "as_of"), f.as_of) for i, f in enumerate(self.brief.forces)),
            *((("positions", i, "date"), p.date.isoformat() if p.date else None)
              for i, p in enumerate(self.brief.positions)),
            *((("events", i, "date"), e.date) for i, e in enumerate(self.brief.events)),
            *((("incidents", i, "date"), e.date) for i, e in enumerate(self.brief.incidents)),
        ]  # fmt: skip
        for loc, when in dated:
            # Partial dates (2024-11) compare with the same-length prefix of as_of.
            if when and when > as_of[: len(when)]:
                self.warn(
                    loc,
                    f"{loc[-1]} {when} is after the brief's as_of {as_of}; move the brief's "
                    "as_of forward or fix this date",
                )

    def check_placeholders(self) -> None:
        brief, own = self.brief, self._own("actors")
        # The fields `briefgen new` fills with example text (see briefgen.validate.skeleton).
        texts: list[tuple[Loc, str | None]] = [
            *((("authors", i), author) for i, author in enumerate(brief.authors)),
            (("bluf",), brief.bluf),
            *((("key_judgments", i, "text"), kj.text) for i, kj in enumerate(brief.key_judgments)),
            *((("actors", k, "name"), a.name) for k, a in brief.actors.items() if k in own),
            *((("forces", i, "location"), f.location) for i, f in enumerate(brief.forces)),
            *((("sources", k, "title"), s.title) for k, s in brief.sources.items()),
            *((("sources", k, "publisher"), s.publisher) for k, s in brief.sources.items()),
        ]
        for loc, text in texts:
            if text and (text in PLACEHOLDERS or text.startswith(PLACEHOLDER_STARTS)):
                self.warn(
                    loc,
                    f"{_clip(text)!r} is example text from `briefgen new`; replace it with "
                    "the brief's own",
                )

    def check_review(self) -> None:
        review_by = self.brief.review_by
        if self.brief.is_stale(self.today):
            self.warn(
                ("review_by",),
                f"review_by {review_by} has passed; outputs carry a STALE "
                "banner until the brief is reviewed and the date moved",
            )


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _where(place: Place) -> str:
    return f"{place.name!r} ({place.lat}, {place.lon})"
