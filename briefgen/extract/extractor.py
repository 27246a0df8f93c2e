"""The extractor interface and the rule-based extractor behind `briefgen extract`."""

from __future__ import annotations

import re

from briefgen.extract import coref, deployments
from briefgen.extract.actors import ActorIndex, Mention
from briefgen.extract.dates import find_dates
from briefgen.extract.extraction import ArticleInfo, Extraction, Rejection
from briefgen.extract.keywords import coverage, overlap
from briefgen.extract.places import known_places, place_of
from briefgen.extract.rules import (
    events,
    figures,
    force_places,
    forces,
    incidents,
    positions,
    prospects,
    questions,
    truces,
)
from briefgen.extract.rules.speech_act import SpeechAct
from briefgen.extract.text import Article, Sentence
from briefgen.extract.voices import RECENT, Voices
from briefgen.model import (
    Actor,
    ActorKind,
    Event,
    Force,
    Incident,
    OpenQuestion,
    Position,
    Provenance,
    Quantity,
)

RECALLED = 200
"""How many earlier stances or questions a new one is compared with, to find repeats."""

SAME_QUESTION = 0.55
"""Share of key words at which two questions count as one."""


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
        self.voices = Voices(self.index)
        self.result = Extraction()
        self.used: dict[str, tuple[Sentence, tuple[int, int]]] = {}
        self.last_place: str | None = None
        self.last_state: str | None = None
        self.place_age = RECENT + 1
        self.unplaced: list[int] = []
        # What was already said, counted and asked, to skip repeats without rescanning all.
        self.said: dict[str, list[str]] = {}
        self.counted: set[tuple[str, tuple[float | None, float | None, float | None]]] = set()
        self.asked: list[str] = []
        self.truce: int | None = None
        """Where the ceasefire question stands in the open questions, once asked."""
        self.seen: list[Sentence] = []
        """The last sentences read, for a denial that answers an earlier report."""
        self.placed: set[tuple[str, tuple[None, None, None], str | None]] = set()

    def run(self) -> Extraction:
        for sentence, found in zip(self.article.sentences, self.mentions, strict=True):
            mentions, acts = self.voices.read(sentence, found)
            self.result.rejected.extend(self.voices.unresolved(sentence, mentions))
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
            self.voices.observe(sentence, mentions, acts)
        self.result.forces = deployments.drop_restated(self.result.forces)
        deployments.place_by_actor(self.result.forces)
        self.ask_follow_ups()
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

    def ask_follow_ups(self) -> None:
        """Ask what the forces leave open: how many, and how a neighbour will respond."""
        listed = self.result.forces
        asks = (
            deployments.strength_questions(listed, self.index),
            deployments.response_questions(listed, self.index),
            deployments.arrival_questions(listed, self.index),
            deployments.reported_questions(listed),
            deployments.claim_questions(self.result.incidents, self.index),
            deployments.buildup_questions(listed, self.index, self.building()),
        )
        for ask in asks:
            for question, extracted in ask:
                if question in self.asked:
                    continue
                self.asked.append(question)
                self.result.open_questions.append(
                    OpenQuestion(question=question, extracted=extracted, unreviewed=True)
                )

        names = deployments.force_names(listed)
        self.result.open_questions = [
            q.model_copy(update={"question": deployments.name_forces(q.question, names)})
            for q in self.result.open_questions
        ]

    def building(self) -> set[str]:
        """Return the actors the article reports building up forces."""
        texts = [s.text for s in self.article.sentences]
        return deployments.building_up(list(zip(texts, self.mentions, strict=True)))

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
            if act.runs_on:
                # The third sentence of a quotation and on: its opening holds the stance.
                why = "a quotation running on past its opening sentences; not filed apart"
                self.result.rejected.append(Rejection("positions", why, sentence.text))
                continue
            kind = positions.classify(act)
            stance = positions.summarize(act)
            date = positions.speech_date(sentence.text, act, self.info.published)
            for speaker in act.speakers:
                self.use(speaker, sentence, act.verb_span)
                if act.addressed:
                    self.use(act.addressed, sentence, act.verb_span)
                said = self.said.setdefault(speaker, [])
                if stance in said or any(_restates(s, stance) for s in said[-RECALLED:]):
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
            actor = self.owner(actor)
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

    def owner(self, actor: str) -> str:
        """Return who owns a force: a person's state ("his country"), else the actor itself."""
        record = self.index.ensure(actor) if self.index.known(actor) else None
        if record is not None and record.kind is ActorKind.PERSON and record.affiliation:
            return record.affiliation
        return actor

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
        truce = truces.find_truce(sentence.text)
        found = [(sentence, o) for o in questions.find_openings(sentence.text)]
        found += [(sentence, o) for o in prospects.find_prospects(sentence.text)]
        recent = self.seen[-prospects.LOOK_BACK :]
        disputed = prospects.find_disputed(sentence.text, [s.text for s in recent])
        if disputed is not None:
            found.append((recent[disputed[0]], disputed[1]))
        self.seen = [*recent, sentence]
        openings = [o for _, o in found]
        where = {id(o): s for s, o in found}
        if truce is not None and not any("hold?" in q for q in self.asked):
            # Whether a ceasefire holds is open wherever one is reported; asked once.
            openings.append(truce)
        elif truce is not None and self.truce is not None:
            self.name_truce(sentence, truce)
        for opening in openings:
            source = where.get(id(opening), sentence)
            question = prospects.name_it(opening.question, source.text[: opening.start])
            if _VAGUE_QUESTION.match(question) or len(question.split()) < 3:
                # "Will he chooses to?": too little to track.
                continue
            asked = self.asked
            if question in asked or any(_same_question(q, question) for q in asked[-RECALLED:]):
                continue
            asked.append(question)
            if opening is truce:
                self.truce = len(self.result.open_questions)
            self.result.open_questions.append(
                OpenQuestion(
                    question=question,
                    extracted=self.provenance(source, opening.start, opening.end),
                    unreviewed=True,
                )
            )

    def name_truce(self, sentence: Sentence, truce: questions.Opening) -> None:
        """Ask about the ceasefire again, with its parties, where the first mention had none."""
        assert self.truce is not None
        asked = self.result.open_questions[self.truce]
        if truces.names_parties(asked.question) or not truces.names_parties(truce.question):
            return
        self.asked[self.asked.index(asked.question)] = truce.question
        self.result.open_questions[self.truce] = OpenQuestion(
            question=truce.question,
            extracted=self.provenance(sentence, truce.start, truce.end),
            unreviewed=True,
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


_VAGUE_QUESTION = re.compile(r"^\w+\s+(?:he|she|they|which|who|its|his|her|their)\b")

_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")

_FIRST_PERSON = re.compile(r"[\"“][^\"“”]*\b(?:[Oo]ur|[Ww]e\s+have)\s+(?:\w+\s+){0,3}$")


def _stated_quantity(stated: str) -> str | dict[str, object] | None:
    """Return a figure as stated, with its amount where the words alone do not parse."""
    try:
        Quantity.model_validate(stated)
    except ValueError:
        # A number in words ("Twelve Malian soldiers"): the amount beside the words.
        return figures.spelled_quantity(stated)
    return stated


def _restates(earlier: str, stance: str) -> bool:
    """Tell whether a speaker's stance repeats an earlier one: the same words or figure."""
    if overlap(earlier, stance) >= 0.8:
        return True
    figures = set(positions.FIGURE.findall(stance))
    return bool(figures) and figures <= set(positions.FIGURE.findall(earlier))


def _same_question(first: str, second: str) -> bool:
    """Tell whether two questions ask the same thing, judged by their key words."""
    return min(coverage(first, second), coverage(second, first)) >= SAME_QUESTION
