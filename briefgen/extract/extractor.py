"""The extractor interface and the rule-based extractor behind `briefgen extract`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Protocol

from briefgen.extract import coref
from briefgen.extract.actors import ActorIndex, Mention
from briefgen.extract.dates import find_dates
from briefgen.extract.gazetteer import gazetteer_entry
from briefgen.extract.keywords import coverage, overlap
from briefgen.extract.places import known_places, place_of
from briefgen.extract.rules import (
    events,
    figures,
    force_places,
    forces,
    incidents,
    positions,
    questions,
    speakers,
    speech,
)
from briefgen.extract.rules.speech_act import SpeechAct
from briefgen.extract.text import Article, Sentence
from briefgen.model import (
    Actor,
    Event,
    Force,
    Incident,
    OpenQuestion,
    Place,
    Position,
    Provenance,
    Quantity,
)
from briefgen.model.base import slugify
from briefgen.model.vocab import Qualifier

RECENT = 2
"""How many sentences back "the statement" may point to the body that spoke."""
RECALLED = 200
"""How many earlier stances or questions a new one is compared with, to find repeats."""
"""How many sentences back "the statement" may point to the body that spoke."""
SAME_QUESTION = 0.55
"""Share of key words at which two questions count as one."""


@dataclass(frozen=True)
class ArticleInfo:
    """What the user tells us about the article: where and when it was published."""

    source_key: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass
class Extraction:
    """Everything an extractor found, as model items with provenance."""

    actors: dict[str, Actor] = field(default_factory=dict)
    forces: list[Force] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    open_questions: list[OpenQuestion] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    """Items found but not kept, with the reason: shown in the command's report."""
    incidents: list[Incident] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    """Places items refer to by id, each with coordinates the gazetteer ships."""
    casualties: list[str] = field(default_factory=list)
    """Killed, wounded or captured figures not filed as incidents, as stated: never forces."""


@dataclass(frozen=True)
class Rejection:
    """An item an extractor proposed that briefgen did not keep, and why."""

    section: str
    reason: str
    sentence: str


class Extractor(Protocol):
    """Anything that turns an article into items; rules today, a model tomorrow."""

    def extract(self, article: Article, info: ArticleInfo) -> Extraction:
        """Return the actors, forces, positions, events and questions of an article."""
        ...


class RuleExtractor:
    """Deterministic extraction with hand-written patterns and a built-in gazetteer."""

    def extract(self, article: Article, info: ArticleInfo) -> Extraction:
        """Return the actors, forces, positions, events and questions of an article."""
        return _Run(article, info).run()


class _Run:
    """One pass over one article; keeps who was last mentioned, for "he said"."""

    def __init__(self, article: Article, info: ArticleInfo) -> None:
        self.article = article
        self.info = info
        self.index = ActorIndex()
        self.index.learn(article.sentences)
        self.mentions = [self.index.mentions(s.text) for s in article.sentences]
        coref.learn_genders(
            self.index, [(s.text, m) for s, m in zip(article.sentences, self.mentions, strict=True)]
        )
        self.pronouns = coref.PronounResolver(self.index)
        self.result = Extraction()
        self.used: dict[str, tuple[Sentence, tuple[int, int]]] = {}
        self.last_body: str | None = None
        self.last_place: str | None = None
        self.quoted_speaker: str | None = None
        self.quote_open = False
        self.quote_paragraph = 0
        self.last_state: str | None = None
        self.place_age = RECENT + 1
        self.unplaced: list[int] = []
        self.body_age = RECENT + 1
        # What was already said, counted and asked, to skip repeats without rescanning all.
        self.said: dict[str, list[str]] = {}
        self.counted: set[tuple[str, tuple[float | None, float | None, float | None]]] = set()
        self.asked: list[str] = []
        self.heads: dict[str, set[str]] = {}
        self.placed: set[tuple[str, tuple[None, None, None], str | None]] = set()

    def run(self) -> Extraction:
        for sentence, found in zip(self.article.sentences, self.mentions, strict=True):
            mentions = self.described_bodies(sentence, self.pronouns.resolve(sentence.text, found))
            acts = speech.find_acts(
                sentence.text,
                mentions,
                None,
                partial(self.name_speaker, sentence),
                self.last_body,
                partial(self.describe_speaker, sentence),
            )
            if not acts:
                acts = self.continued_quote(sentence)
            self.quoted_speaker = (
                acts[-1].speakers[0] if acts and len(acts[-1].speakers) == 1 else None
            )
            marks = sum(sentence.text.count(m) for m in '"“”')
            if sentence.text.startswith(('"', "“")) and marks % 2 == 1:
                self.quote_open, self.quote_paragraph = True, sentence.paragraph
            elif marks or not acts:
                self.quote_open = False
            self.reject_unresolved(sentence, mentions, acts)
            self.add_positions(sentence, acts)
            self.place_unplaced(sentence)
            self.add_forces(sentence, mentions, acts)
            self.add_unnumbered(sentence, mentions)
            self.add_event(sentence, mentions, acts)
            self.add_questions(sentence)
            named = force_places.places(_QUOTED.sub(" ", sentence.text))
            self.place_age += 1
            if named:
                self.last_place, self.place_age = named[-1], 0
            states = [
                m for m in mentions if m.kind in ("state", "group") and forces.is_state(m.actor)
            ]
            if states:
                self.last_state = self.index.ensure(states[-1].actor).name
            voices = [
                s
                for a in acts
                for s in a.speakers
                if self.index.is_person(s) or _singular_voice(sentence.text, a)
            ]
            self.pronouns.observe(sentence.text, mentions, voices)
            bodies = [s for a in acts for s in a.speakers if not self.index.is_person(s)]
            for mention in mentions:
                if mention.kind in ("group", "body"):
                    words = sentence.text[mention.start : mention.end].lower().split()
                    self.heads.setdefault(mention.actor, set()).update(words)
            self.body_age += 1
            if bodies:
                self.last_body = bodies[-1]
                self.body_age = 0
        self.drop_restated_forces()
        self.place_by_actor()
        self.ask_strengths()
        self.ask_responses()
        self.result.actors = self.actors()
        self.place_items()
        return self.result

    def place_items(self) -> None:
        """Give forces and incidents the id of a known place their location names."""
        known = known_places()
        for name in ("forces", "incidents"):
            items: list[Force] | list[Incident] = getattr(self.result, name)
            placed = []
            for item in items:
                place = place_of(item.location)
                if place is not None and item.place is None:
                    self.result.places.setdefault(place, known[place])
                    item = item.model_copy(update={"place": place})
                placed.append(item)
            setattr(self.result, name, placed)

    def ask_strengths(self) -> None:
        """Ask how many, where the text leaves a strength open: hedged, unstated or contested."""
        by_actor: dict[str, list[Force]] = {}
        for force in self.result.forces:
            if force.status != "withdrawn":
                by_actor.setdefault(force.actor, []).append(force)
        for actor, listed in by_actor.items():
            stated = [f.strength for f in listed if f.strength is not None]
            amounts = {(q.value, q.min, q.max) for q in stated if q.unit == stated[0].unit}
            hedged = any(q.qualifier is not Qualifier.EXACT for q in stated)
            if not (hedged or len(amounts) > 1 or len(stated) < len(listed)):
                continue
            force = next((f for f in listed if f.location), listed[0])
            unit = (stated[0].unit or "troops") if stated else "troops"
            if forces.unit_kind(unit) == "people":
                unit = "troops"
            verb = "will be deployed" if force.status == "planned" else "are deployed"
            where = ""
            if force.location:
                along = re.match(r"(?:its|their|the)\s|border|frontier", force.location)
                where = f" {'along' if along else 'in'} {force.location}"
            question = f"How many {self.describe_owner(actor)} {unit} {verb}{where}?"
            if force.extracted is None or question in self.asked:
                continue
            self.asked.append(question)
            self.result.open_questions.append(
                OpenQuestion(question=question, extracted=force.extracted, unreviewed=True)
            )

    def ask_responses(self) -> None:
        """Ask how a state will answer troops its neighbour puts on their shared border."""
        for force in self.result.forces:
            border = _BORDER_WITH.search(force.location or "")
            if border is None or force.extracted is None or force.status == "withdrawn":
                continue
            states = [
                m.actor
                for m in self.index.mentions(border["other"])
                if m.kind in ("state", "adjective") and forces.is_state(m.actor)
            ]
            if not states or states[0] == force.actor:
                continue
            other = self.index.ensure(states[0]).name if self.index.known(states[0]) else None
            entry = gazetteer_entry(states[0])
            name = entry.name if entry is not None else other
            question = (
                f"How will {name} respond to the {self.describe_owner(force.actor)} troop "
                "deployment on its border?"
            )
            if name is None or question in self.asked:
                continue
            self.asked.append(question)
            self.result.open_questions.append(
                OpenQuestion(question=question, extracted=force.extracted, unreviewed=True)
            )

    def describe_owner(self, actor: str) -> str:
        """Return how a question names an owner: the demonym of a state, else its name."""
        entry = gazetteer_entry(actor)
        if entry is not None and entry.adjectives:
            return entry.adjectives[0]
        return self.index.ensure(actor).name if self.index.known(actor) else actor

    def place_by_actor(self) -> None:
        """Place a counted force the text does not place where the same owner's force stands.

        "Pakistan moved troops to its border with India. ... as many as 20,000 Pakistani
        troops were involved": the figure restates a deployment the article placed, the
        nearest earlier one first, else the nearest later one (a withdrawal only for one).
        """
        listed = self.result.forces
        for index, force in enumerate(listed):
            if force.location or force.strength is None:
                continue
            same = [
                (abs(index - other) + (0 if other < index else 0.5), f.location)
                for other, f in enumerate(listed)
                if f.actor == force.actor
                and f.location
                and (f.status == "withdrawn") == (force.status == "withdrawn")
            ]
            if same:
                listed[index] = force.model_copy(update={"location": min(same)[1]})

    def drop_restated_forces(self) -> None:
        """Drop a force without a number where the article gives the same one with a number."""
        numbered = {
            (f.actor, f.location, forces.unit_kind(f.strength.unit or ""))
            for f in self.result.forces
            if f.strength is not None
        }
        self.result.forces = [
            f
            for f in self.result.forces
            if f.strength is not None
            or (f.actor, f.location, forces.unit_kind(f.notes or "")) not in numbered
        ]

    def reject_unresolved(
        self, sentence: Sentence, mentions: list[Mention], acts: list[SpeechAct]
    ) -> None:
        """List reported speech whose "he" or "she" could mean more than one person."""
        for mention in mentions:
            if mention.actor != coref.UNRESOLVED:
                continue
            near = sentence.text[max(0, mention.start - 12) : mention.end + 16]
            if speech.SPEECH_VERB.search(near):
                pronoun = sentence.text[mention.start : mention.end]
                why = (
                    "could mean more than one person"
                    if pronoun.lower() in ("he", "she", "his", "her")
                    else "names no body mentioned before"
                )
                self.result.rejected.append(
                    Rejection("positions", f"speaker {pronoun!r} {why}; not guessed", sentence.text)
                )

    def described_bodies(self, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
        """Resolve "the army", "the ministry" to a body of that name named before, or to none."""
        result: list[Mention] = []
        for mention in mentions:
            words = sentence.text[mention.start : mention.end].split()
            if mention.actor != "?it" or len(words) < 2:
                result.append(mention)
                continue
            head = words[-1].lower()
            actor = next(
                (
                    r.id
                    for r in reversed(list(self.index.records.values()))
                    if r.sentence is not None
                    and r.sentence.start < sentence.start
                    and not self.index.is_person(r.id)
                    and re.search(rf"\b{re.escape(head)}\b", r.name.lower())
                ),
                None,
            )
            known = self.heads.get(self.last_body or "", set())
            recent = self.body_age <= RECENT
            if actor is None and recent and (head in known or head in _GENERIC_BODIES):
                # "The group vowed ...", "the ministry condemned ...": the body that just spoke.
                actor = self.last_body
            result.append(replace(mention, actor=actor or coref.UNRESOLVED))
        return result

    def continued_quote(self, sentence: Sentence) -> list[SpeechAct]:
        """Give a quotation standing alone to whoever was quoted in the sentence before."""
        text = sentence.text
        opens = text.startswith(('"', "“"))
        marks = sum(text.count(m) for m in '"“”')
        # A quotation may run on into the next paragraph with no opening mark; it goes on
        # until a sentence ends with the closing mark.
        inside = (
            self.quote_open
            and sentence.paragraph <= self.quote_paragraph + 1
            and (marks == 0 or (marks == 1 and text.rstrip().endswith(('"', "”"))))
        )
        if self.quoted_speaker is None or not (opens or inside):
            return []
        words = text.strip().strip('"“”').strip()
        if re.search(r"[\"“”]", words) or len(words.split()) < 4:
            return []
        return [
            SpeechAct(
                speakers=(self.quoted_speaker,),
                verb="said",
                verb_span=(0, 0),
                content=words,
                content_span=(text.index(words), text.index(words) + len(words)),
                quote=words.rstrip(",").rstrip(),
            )
        ]

    def describe_speaker(self, sentence: Sentence, described: speakers.Described) -> str | None:
        """Return the actor a described speaker is: someone named before, or a new one."""
        head = described.head.lower()
        earlier = [
            r
            for r in self.index.records.values()
            if r.sentence is not None and r.sentence.start < sentence.start
        ]
        lead = self.index.mentions(described.phrase)
        if lead and lead[0].kind in ("state", "adjective") and lead[0].start <= 4:
            # "The US' embassy said", "the Indian foreign ministry said": the state speaks.
            return lead[0].actor
        if described.anaphoric:
            for record in reversed(earlier):
                hay = f"{record.name} {record.role or ''}".lower()
                same_sort = self.index.is_person(record.id) == described.person
                if same_sort and re.search(rf"\b{re.escape(head)}\b", hay):
                    return record.id
            if head in speakers.DOCUMENTS and self.body_age <= RECENT:
                # "the statement added": the body that spoke a sentence or two before.
                return self.last_body
            modifiers = [w for w in described.phrase.split()[1:-1] if w[:1].isupper()]
            if described.person and modifiers:
                fits = [
                    r.id
                    for r in earlier
                    if self.index.is_person(r.id)
                    and any(
                        m.lower() in f"{r.role or ''} {r.affiliation or ''}".lower()
                        for m in modifiers
                    )
                ]
                return fits[0] if len(set(fits)) == 1 else None
            if not modifiers:
                return None
        return self.index.add_described(
            described.name, sentence, described.start, person=described.person
        )

    def name_speaker(self, sentence: Sentence, name: str, start: int) -> str:
        return self.index.add_body(name, sentence, start)

    def provenance(self, sentence: Sentence, start: int, end: int) -> Provenance:
        span = (sentence.start + start, sentence.start + end)
        return Provenance(source=self.info.source_key, sentence=sentence.text, span=span)

    def use(self, actor: str, sentence: Sentence, span: tuple[int, int]) -> str:
        self.used.setdefault(
            actor, (sentence, (sentence.start + span[0], sentence.start + span[1]))
        )
        return actor

    def add_positions(self, sentence: Sentence, acts: list[SpeechAct]) -> None:
        for act in acts:
            kind = positions.classify(act)
            stance = positions.summarize(act)
            date = positions.speech_date(sentence.text, act, self.info.published)
            for speaker in act.speakers:
                self.use(speaker, sentence, act.verb_span)
                if act.addressed:
                    self.use(act.addressed, sentence, act.verb_span)
                said = self.said.setdefault(speaker, [])
                if stance in said or any(overlap(s, stance) >= 0.8 for s in said[-RECALLED:]):
                    continue
                said.append(stance)
                self.result.positions.append(
                    Position(
                        actor=speaker,
                        type=kind,
                        stance=stance,
                        quote=act.quote,
                        addressed_to=act.addressed,
                        date=date,
                        venue=act.venue,
                        cite=(self.info.source_key,),
                        extracted=self.provenance(sentence, *act.content_span),
                        unreviewed=True,
                    )
                )

    def add_forces(
        self, sentence: Sentence, mentions: list[Mention], acts: list[SpeechAct]
    ) -> None:
        claimed = forces.claimant(sentence.text, mentions)
        if claimed is None and acts:
            claimed = acts[0].speakers[0]
        self.add_incidents(sentence, mentions, claimed)
        previous: tuple[forces.Strength, str] | None = None
        for strength in forces.find_strengths(sentence.text):
            group = forces.described_group(sentence.text, strength)
            actor = (
                self.index.add_group(group[0], sentence, group[1])
                if group
                else forces.force_actor(sentence.text, strength, mentions)
            )
            if previous and re.fullmatch(
                r"\s*(?:,|,?\s+and)\s*", sentence.text[previous[0].end : strength.start]
            ):
                # "49 Chinese aircraft and 19 navy ships": one owner for the listed forces.
                actor = previous[1]
            if actor is not None:
                previous = (strength, actor)
            if actor is None and acts and _FIRST_PERSON.search(sentence.text[: strength.start]):
                # "Our 10,000 peacekeepers," the commander said: the speaker's own force.
                actor = acts[0].speakers[0]
            if actor is None:
                actor = forces.clause_subject(sentence.text, strength, mentions)
            if actor is None and self.result.forces:
                actor = self.result.forces[-1].actor
            if actor is None:
                continue
            if (actor, strength.value) in self.counted:
                continue
            self.counted.add((actor, strength.value))
            self.use(actor, sentence, (strength.start, strength.end))
            if claimed:
                self.use(claimed, sentence, (strength.start, strength.end))
            if not strength.location:
                self.unplaced.append(len(self.result.forces))
            self.result.forces.append(
                Force.model_validate(
                    {
                        "actor": actor,
                        "location": strength.location or self.fallback_place(sentence, strength),
                        "status": strength.status,
                        "strength": strength.strength,
                        "claimed_by": claimed if claimed != actor else None,
                        "as_of": self.info.published,
                        "cite": self.info.source_key,
                        "extracted": self.provenance(sentence, strength.start, strength.end),
                        "unreviewed": True,
                    }
                )
            )

    def add_incidents(
        self, sentence: Sentence, mentions: list[Mention], claimed: str | None
    ) -> None:
        """File the casualty figures of a sentence as incidents, one per claim; never as forces."""
        text = sentence.text
        dates = find_dates(text, self.info.published)
        date = dates[0][2] if dates else self.info.published
        for found in incidents.find_incidents(text):
            amounts = {k: _stated_quantity(v) for k, v in found.figures.items()}
            if date is None or None in amounts.values():
                # No date (in the sentence or --published), or a figure that is no amount:
                # listed in the report instead.
                self.result.casualties.extend(found.figures.values())
                continue
            location = found.location or self.last_place
            actors = [
                self.use(m.actor, sentence, (m.start, m.end))
                for m in mentions
                if found.start <= m.start < found.end and m.kind in ("state", "adjective", "group")
            ]
            if claimed:
                self.use(claimed, sentence, (found.start, found.end))
            self.result.incidents.append(
                Incident.model_validate(
                    {
                        "date": str(date),
                        "location": location or "not stated in the sentence",
                        "type": found.type,
                        "actors": list(dict.fromkeys(actors)),
                        **amounts,
                        "claimed_by": claimed,
                        "cite": self.info.source_key,
                        "extracted": self.provenance(sentence, found.start, found.end),
                        "unreviewed": True,
                    }
                )
            )

    def add_unnumbered(self, sentence: Sentence, mentions: list[Mention]) -> None:
        """Add forces the text places without a number, owned by a state in the phrase."""
        counted = {
            f.actor
            for f in self.result.forces
            if f.extracted and f.extracted.sentence == sentence.text
        }
        for strength in forces.find_unnumbered(sentence.text, mentions):
            owners = forces.owners(sentence.text, strength, mentions)
            if not owners:
                # "Pakistan stepped up security along its border by deploying more troops".
                subject = forces.force_actor(sentence.text, strength, mentions)
                owners = [subject] if subject and forces.is_state(subject) else []
            for actor in dict.fromkeys(owners):
                key = (actor, (None, None, None), strength.location)
                if actor in counted or key in self.placed:
                    continue
                self.placed.add(key)
                self.use(actor, sentence, (strength.start, strength.end))
                self.result.forces.append(
                    Force(
                        actor=actor,
                        location=strength.location,
                        status=strength.status,
                        notes=f"As stated: {' '.join(strength.mod.split())}",
                        as_of=self.info.published.isoformat() if self.info.published else None,
                        cite=(self.info.source_key,),
                        extracted=self.provenance(sentence, strength.start, strength.end),
                        unreviewed=True,
                    )
                )

    def fallback_place(self, sentence: Sentence, strength: forces.Strength) -> str | None:
        """Return where a force stands when its clause says only "the country" or nothing."""
        generic = force_places.generic_place(sentence.text, strength.start, strength.end)
        if generic or strength.definite:
            return self.last_place or self.last_state
        # Otherwise only a place named in the sentence just before.
        return self.last_place if self.place_age == 0 else None

    def place_unplaced(self, sentence: Sentence) -> None:
        """Give forces of the last sentence the destination this one names ("They'll go to X")."""
        where = force_places.destination(sentence.text) if self.unplaced else None
        for index in self.unplaced if where else []:
            self.result.forces[index] = self.result.forces[index].model_copy(
                update={"location": where}
            )
        self.unplaced = []

    def add_event(self, sentence: Sentence, mentions: list[Mention], acts: list[SpeechAct]) -> None:
        excluded = [span for act in acts for span in act.outside]
        date = events.find_event(sentence.text, self.info.published, excluded)
        if date is None:
            return
        actors: list[str] = []
        for mention in mentions:
            if mention.kind != "pronoun" and mention.actor not in actors:
                actors.append(self.use(mention.actor, sentence, (mention.start, mention.end)))
        self.result.events.append(
            Event(
                date=date,
                summary=events.summarize_event(sentence.text),
                actors=tuple(actors),
                cite=(self.info.source_key,),
                extracted=self.provenance(sentence, 0, len(sentence.text)),
                unreviewed=True,
            )
        )

    def add_questions(self, sentence: Sentence) -> None:
        truce = questions.find_truce(sentence.text)
        openings = list(questions.find_openings(sentence.text))
        if truce is not None and not any("hold?" in q for q in self.asked):
            # Whether a ceasefire holds is open wherever one is reported; asked once.
            openings.append(truce)
        for opening in openings:
            if _VAGUE_QUESTION.match(opening.question) or len(opening.question.split()) < 3:
                # "Will he chooses to?": too little to track.
                continue
            asked = self.asked
            if opening.question in asked or any(
                _same_question(q, opening.question) for q in asked[-RECALLED:]
            ):
                continue
            asked.append(opening.question)
            self.result.open_questions.append(
                OpenQuestion(
                    question=opening.question,
                    extracted=self.provenance(sentence, opening.start, opening.end),
                    unreviewed=True,
                )
            )

    def actors(self) -> dict[str, Actor]:
        """Return every actor the items refer to, and the states those people serve."""
        pending = list(self.used)
        result: dict[str, Actor] = {}
        while pending:
            actor_id = pending.pop(0)
            if actor_id in result or not self.index.known(actor_id):
                continue
            record = self.index.ensure(actor_id)
            # Where the actor was introduced, else where an item first used it.
            if record.sentence is not None:
                sentence, span = record.sentence, record.span
            else:
                sentence, span = self.used[actor_id]
            result[actor_id] = Actor(
                name=record.name,
                kind=record.kind,
                role=record.role,
                affiliation=record.affiliation,
                aliases=tuple(record.aliases),
                extracted=Provenance(
                    source=self.info.source_key, sentence=sentence.text, span=span
                ),
                unreviewed=True,
            )
            if record.affiliation and record.affiliation not in self.used:
                self.used[record.affiliation] = (sentence, span)
                pending.append(record.affiliation)
        return dict(sorted(result.items()))


_BORDER_WITH = re.compile(r"\b(?:border|frontier)\s+with\s+(?:the\s+)?(?P<other>.+)$")
_GENERIC_BODIES = frozenset(["group", "movement", "militia", "organization", "organisation"])
_VAGUE_QUESTION = re.compile(r"^\w+\s+(?:he|she|they|which|who|its|his|her|their)\b")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_FIRST_PERSON = re.compile(r"[\"“][^\"“”]*\b(?:[Oo]ur|[Ww]e\s+have)\s+(?:\w+\s+){0,3}$")
ONE_OFFICIAL = re.compile(
    r"\b(?:an?|the|one)\s+(?:[\w'’-]+\s+){0,4}(?:official|spokesman|spokeswoman|spokesperson"
    r"|source|diplomat|commander|officer|minister|envoy)\b(?!s)"
)


def _stated_quantity(stated: str) -> str | dict[str, object] | None:
    """Return a figure as stated, with its amount where the words alone do not parse."""
    try:
        Quantity.model_validate(stated)
    except ValueError:
        # A number in words ("Twelve Malian soldiers"): the amount beside the words.
        return figures.spelled_quantity(stated)
    return stated


def _singular_voice(text: str, act: SpeechAct) -> bool:
    """Tell whether one unnamed person spoke ("a senior official said"), whom "he" may mean."""
    start, end = act.verb_span
    # Wide enough for "a senior official, speaking on condition of anonymity, said".
    return bool(ONE_OFFICIAL.search(text[max(0, start - 100) : end + 40]))


def source_key_for(title: str | None, publisher: str | None, published: dt.date | None) -> str:
    """Make a citation key from the publisher (or title) and the date."""
    stem = slugify(publisher or title or "article", max_length=24) or "article"
    key = f"{stem}-{published.isoformat()}" if published else stem
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", key)


def _same_question(first: str, second: str) -> bool:
    """Tell whether two questions ask the same thing, judged by their key words."""
    return max(coverage(first, second), coverage(second, first)) >= SAME_QUESTION
