"""Follow who speaks across an article: the body that spoke last, a quotation still open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from briefgen.extract import coref
from briefgen.extract.actors import ActorIndex, ActorRecord, Mention
from briefgen.extract.extraction import Rejection
from briefgen.extract.rules import speakers, speech, speech_act
from briefgen.extract.rules.speech_act import SpeechAct
from briefgen.extract.text import Sentence

RECENT = 2
"""How many sentences back "the statement" may point to the body that spoke."""
_GENERIC_BODIES = frozenset(["group", "movement", "militia", "organization", "organisation"])
ONE_OFFICIAL = re.compile(
    r"\b(?:an?|the|one)\s+(?:[\w'’-]+\s+){0,4}(?:official|spokesman|spokeswoman|spokesperson"
    r"|source|diplomat|commander|officer|minister|envoy)\b(?!s)"
)


class Voices:
    """Who spoke in the sentences read so far, for "he said", "the statement added"."""

    def __init__(self, index: ActorIndex) -> None:
        self.index = index
        self.pronouns = coref.PronounResolver(index)
        self.last_body: str | None = None
        self.body_age = RECENT + 1
        self.heads: dict[str, set[str]] = {}
        self.quoted_speaker: str | None = None
        self.quote_open = False
        self.quote_paragraph = 0
        self.ran_on_in = -1
        """The paragraph of the last sentence that continued a quotation, else -1."""

    def read(
        self, sentence: Sentence, found: list[Mention]
    ) -> tuple[list[Mention], list[SpeechAct]]:
        """Return a sentence's mentions, pronouns resolved, and its acts of speech."""
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
        self.ran_on_in = sentence.paragraph if acts and acts[0].verb_span == (0, 0) else -1
        self.quoted_speaker = acts[-1].speakers[0] if acts and len(acts[-1].speakers) == 1 else None
        marks = sum(sentence.text.count(m) for m in '"“”')
        if sentence.text.startswith(('"', "“")) and marks % 2 == 1:
            self.quote_open, self.quote_paragraph = True, sentence.paragraph
        elif marks or not acts:
            self.quote_open = False
        return mentions, acts

    def observe(self, sentence: Sentence, mentions: list[Mention], acts: list[SpeechAct]) -> None:
        """Remember who spoke in a sentence, for the pronouns and bodies of the next ones."""
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

    def unresolved(self, sentence: Sentence, mentions: list[Mention]) -> Iterator[Rejection]:
        """List reported speech whose "he" or "she" could mean more than one person."""
        for mention in mentions:
            if mention.actor != coref.UNRESOLVED:
                continue
            near = sentence.text[max(0, mention.start - 12) : mention.end + 16]
            if speech_act.SPEECH_VERB.search(near):
                pronoun = sentence.text[mention.start : mention.end]
                why = (
                    "could mean more than one person"
                    if pronoun.lower() in ("he", "she", "his", "her")
                    else "names no body mentioned before"
                )
                yield Rejection(
                    "positions", f"speaker {pronoun!r} {why}; not guessed", sentence.text
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
                runs_on=sentence.paragraph == self.ran_on_in,
            )
        ]

    def describe_speaker(self, sentence: Sentence, described: speakers.Described) -> str | None:
        """Return the actor a described speaker is: someone named before, or a new one."""
        lead = self.index.mentions(described.phrase)
        if lead and lead[0].kind in ("state", "adjective") and lead[0].start <= 4:
            # "The US' embassy said", "the Indian foreign ministry said": the state speaks.
            return lead[0].actor
        if described.anaphoric:
            head = described.head.lower()
            earlier = [
                r
                for r in self.index.records.values()
                if r.sentence is not None and r.sentence.start < sentence.start
            ]
            named = self._named_before(earlier, head, person=described.person)
            if named is not None:
                return named
            if head in speakers.DOCUMENTS and self.body_age <= RECENT:
                # "the statement added": the body that spoke a sentence or two before.
                return self.last_body
            modifiers = [w for w in described.phrase.split()[1:-1] if w[:1].isupper()]
            if described.person and modifiers:
                return self._serving(earlier, modifiers)
            if not modifiers:
                return None
        return self.index.add_described(
            described.name, sentence, described.start, person=described.person
        )

    def _named_before(self, earlier: list[ActorRecord], head: str, *, person: bool) -> str | None:
        """Return the latest actor of the same sort whose name or role holds the head noun."""
        for record in reversed(earlier):
            hay = f"{record.name} {record.role or ''}".lower()
            same_sort = self.index.is_person(record.id) == person
            if same_sort and re.search(rf"\b{re.escape(head)}\b", hay):
                return record.id
        return None

    def _serving(self, earlier: list[ActorRecord], modifiers: list[str]) -> str | None:
        """Return the one person named before whose role or body the modifiers name."""
        fits = [
            r.id
            for r in earlier
            if self.index.is_person(r.id)
            and any(m.lower() in f"{r.role or ''} {r.affiliation or ''}".lower() for m in modifiers)
        ]
        return fits[0] if len(set(fits)) == 1 else None

    def name_speaker(self, sentence: Sentence, name: str, start: int) -> str:
        return self.index.add_body(name, sentence, start)


def _singular_voice(text: str, act: SpeechAct) -> bool:
    """Tell whether one unnamed person spoke ("a senior official said"), whom "he" may mean."""
    start, end = act.verb_span
    # Wide enough for "a senior official, speaking on condition of anonymity, said".
    return bool(ONE_OFFICIAL.search(text[max(0, start - 100) : end + 40]))
