"""Check every extracted item against the article, whatever engine proposed it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from briefgen.extract.extraction import Extraction, Rejection
from briefgen.extract.gazetteer import BODIES, STATES
from briefgen.extract.rules.forces import find_casualties
from briefgen.extract.text import Article
from briefgen.extract.voices import ONE_OFFICIAL
from briefgen.model import (
    Actor,
    ActorKind,
    Force,
    Incident,
    OpenQuestion,
    Position,
    Provenance,
)

_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        str.split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12})
_WORD_NUMBERS.update({"thousand": 1000, "million": 1_000_000})
_DIGITS = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
# What may stand for a speaker named in an earlier sentence, by the sort of speaker.
_REFERS_TO_PERSON = re.compile(
    r"\b(?:he|she|his|her)\b|\b(?:the|this|that|a|an|one)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:official|spokesman|spokeswoman|spokesperson|president|minister|chief|leader"
    r"|commander|envoy|ambassador|diplomat|source|general|secretary|premier|adviser)\b",
    re.IGNORECASE,
)
_REFERS_TO_BODY = re.compile(
    r"\b(?:it|its|they|their)\b|\b(?:the|this|that)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|report|letter|ministry|office|army|military|government|group|command"
    r"|council|agency|mission|junta|alliance|movement|militia|embassy|authorities|media"
    r"|officials|resolution|account|channel|press\s+service)\b",
    re.IGNORECASE,
)

T = TypeVar("T")


def verify(extraction: Extraction, article: Article) -> Extraction:
    """Keep the items that hold against the text and list the others as rejected.

    A quote is kept only if it stands verbatim in its sentence (one fragment, never
    stitched); every number of an item must appear in its sentence; a speaker must be
    named in, or referred to by, the sentence; spans are located here, in the text.
    """
    checker = _Checker(article, extraction)
    result = Extraction(
        actors={key: checker.actor(actor) for key, actor in extraction.actors.items()},
        events=list(extraction.events),
        places=dict(extraction.places),
        rejected=list(extraction.rejected),
        casualties=list(extraction.casualties),
    )
    result.forces = _kept(extraction.forces, checker.force)
    result.positions = _kept(extraction.positions, checker.position)
    result.incidents = _kept(extraction.incidents, checker.incident)
    result.open_questions = _kept(extraction.open_questions, checker.question)
    result.rejected.extend(checker.rejected)
    filed = {
        q.as_stated
        for i in result.incidents
        for q in (i.fatalities, i.wounded, i.captured)
        if q is not None
    }
    for figure in checker.casualties:
        if figure not in result.casualties and figure not in filed:
            result.casualties.append(figure)
    return result


def _kept(items: Iterable[T], check: Callable[[T], T | None]) -> list[T]:
    """Return the items a check keeps (it may return a corrected copy), in order."""
    return [kept for item in items if (kept := check(item)) is not None]


class _Checker:
    def __init__(self, article: Article, extraction: Extraction) -> None:
        self.text = article.text
        self.starts: dict[str, int] = {}
        self.previous: dict[str, str] = {}
        for before, sentence in zip((None, *article.sentences), article.sentences, strict=False):
            self.starts.setdefault(sentence.text, sentence.start)
            if before is not None:
                self.previous.setdefault(sentence.text, before.text)
        self.actors = extraction.actors
        self.rejected: list[Rejection] = []
        self.casualties: list[str] = []

    def actor(self, actor: Actor) -> Actor:
        """Return an actor whose span lies in its sentence (the whole sentence if need be)."""
        extracted = actor.extracted
        if extracted is None:
            return actor
        start = self._start(extracted.sentence)
        if start < 0 or _inside(extracted.span, start, extracted.sentence):
            return actor
        sentence = extracted.sentence
        name = _locate(sentence, actor.name) or _whole(sentence)
        return actor.model_copy(update={"extracted": self._provenance(extracted, sentence, name)})

    def force(self, force: Force) -> Force | None:
        sentence = self._sentence(force.extracted, "forces")
        if sentence is None or force.extracted is None:
            return None
        numbers = _item_numbers(_stated(force))
        if not numbers <= _sentence_numbers(sentence):
            self._reject("forces", f"{_stated(force)!r}: number not in its sentence", sentence)
            return None
        figures = [stated for _, stated in find_casualties(sentence)]
        hit = [f for f in figures if numbers & _sentence_numbers(f)]
        if hit:
            self.casualties.extend(hit)
            self._reject("forces", f"{_stated(force)!r} is a casualty figure", sentence)
            return None
        start = self._start(sentence)
        span = _inside(force.extracted.span, start, sentence) or _whole(sentence)
        return force.model_copy(
            update={"extracted": self._provenance(force.extracted, sentence, span)}
        )

    def incident(self, incident: Incident) -> Incident | None:
        sentence = self._sentence(incident.extracted, "incidents")
        if sentence is None or incident.extracted is None:
            return None
        figures = [
            q.as_stated for q in (incident.fatalities, incident.wounded, incident.captured) if q
        ]
        if not _item_numbers(" ".join(figures)) <= _sentence_numbers(sentence):
            self._reject(
                "incidents", f"{'; '.join(figures)!r}: number not in its sentence", sentence
            )
            return None
        span = _inside(incident.extracted.span, self._start(sentence), sentence) or _whole(sentence)
        return incident.model_copy(
            update={"extracted": self._provenance(incident.extracted, sentence, span)}
        )

    def position(self, position: Position) -> Position | None:
        sentence = self._sentence(position.extracted, "positions")
        if sentence is None or position.extracted is None:
            return None
        if not self._speaker_in(position.actor, sentence) and not self._continues(
            position.actor, sentence
        ):
            self._reject(
                "positions", f"speaker {position.actor!r} is not named in its sentence", sentence
            )
            return None
        if _CUT_OFF.search(sentence):
            self._reject("positions", "its sentence breaks off (the text is cut)", sentence)
            return None
        said = f"{position.stance} {position.quote or ''}"
        if not _item_numbers(said) <= _sentence_numbers(sentence):
            self._reject("positions", "a number of the stance is not in its sentence", sentence)
            return None
        update: dict[str, object] = {}
        quote = position.quote
        span = None
        if quote is not None:
            span = _verbatim(sentence, quote)
            if span is None:
                self.rejected.append(
                    Rejection(
                        "positions", f"quote {quote[:60]!r} is not verbatim; dropped", sentence
                    )
                )
                update["quote"] = None
        start = self._start(sentence)
        span = (
            _inside(position.extracted.span, start, sentence)
            or span
            or _locate(sentence, position.stance.rstrip("."))
            or _whole(sentence)
        )
        update["extracted"] = self._provenance(position.extracted, sentence, span)
        return position.model_copy(update=update)

    def question(self, question: OpenQuestion) -> OpenQuestion | None:
        sentence = self._sentence(question.extracted, "open_questions")
        if sentence is None or question.extracted is None:
            return None
        if not _item_numbers(question.question) <= _sentence_numbers(sentence):
            self._reject(
                "open_questions", f"{question.question!r}: number not in its sentence", sentence
            )
            return None
        start = self._start(sentence)
        span = _inside(question.extracted.span, start, sentence) or _whole(sentence)
        return question.model_copy(
            update={"extracted": self._provenance(question.extracted, sentence, span)}
        )

    def _sentence(self, extracted: Provenance | None, section: str) -> str | None:
        if extracted is None or not extracted.sentence:
            self.rejected.append(Rejection(section, "no sentence to check it against", ""))
            return None
        if self._start(extracted.sentence) < 0:
            self.rejected.append(
                Rejection(section, "its sentence is not in the article", extracted.sentence)
            )
            return None
        return extracted.sentence

    def _provenance(
        self, extracted: Provenance, sentence: str, span: tuple[int, int]
    ) -> Provenance:
        """Return provenance whose span is found in the article text, not taken on trust."""
        start = self._start(sentence)
        return replace_span(extracted, (start + span[0], start + span[1]))

    def _start(self, sentence: str) -> int:
        """Return where a sentence starts in the article, -1 if it is not there."""
        start = self.starts.get(sentence)
        if start is None:
            start = self.starts[sentence] = self.text.find(sentence)
        return start

    def _continues(self, actor_id: str, sentence: str) -> bool:
        """Tell whether a quotation standing alone follows a sentence naming its speaker."""
        if not _quotation_only(sentence):
            return False
        # A sentence without an opening mark must sit inside a quotation opened before.
        need_open = not sentence.lstrip().startswith(('"', "“"))
        node = sentence
        for _ in range(4):
            previous = self.previous.get(node)
            if previous is None:
                return False
            text = previous.strip()
            if need_open:
                if text.startswith(('"', "“")) and _marks(text) % 2 == 1:
                    need_open = False
                elif _marks(text):
                    return False
            elif self._speaker_in(actor_id, previous):
                return True
            elif not _quotation_only(previous):
                return False
            node = previous
        return False

    def _speaker_in(self, actor_id: str, sentence: str) -> bool:
        actor = self.actors.get(actor_id)
        names = [actor_id.replace("-", " ")]
        if actor is not None:
            names += [actor.name, *actor.aliases, *_name_parts(actor)]
        names += _KNOWN_NAMES.get(actor_id, [])
        lowered = " ".join(sentence.lower().split())
        if any(n and n.lower() in lowered for n in names):
            return True
        person = actor is not None and actor.kind in (ActorKind.PERSON, ActorKind.OTHER)
        refers = _REFERS_TO_PERSON if person else _REFERS_TO_BODY
        if refers.search(sentence):
            return True
        # "he" for a state whose one unnamed official spoke in the sentence before.
        previous = self.previous.get(sentence, "")
        return (
            not person
            and _HE_OR_SHE.search(sentence) is not None
            and ONE_OFFICIAL.search(previous) is not None
            and any(n and n.lower() in previous.lower() for n in names)
        )

    def _reject(self, section: str, reason: str, sentence: str) -> None:
        self.rejected.append(Rejection(section, reason, sentence))
        return


_HE_OR_SHE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_KNOWN_NAMES = {e.id: [*e.names, *e.adjectives] for e in (*STATES, *BODIES)}


# A sentence that ends in a word or a comma was cut off mid-way: what it says is unknown.
_CUT_OFF = re.compile(r"[\w,]\s*$")


def _marks(text: str) -> int:
    return sum(text.count(m) for m in '"“”')


def _quotation_only(sentence: str) -> bool:
    """Tell whether a sentence is only a quotation, with no attribution of its own."""
    text = sentence.strip()
    if not text.startswith(('"', "“")):
        # The rest of a quotation that ran on from the paragraph before.
        marks = _marks(text)
        return marks == 0 or (marks == 1 and text.endswith(('"', "”")))
    return not re.search(r"[\"”]\s*\w", text[1:])


def replace_span(extracted: Provenance, span: tuple[int, int]) -> Provenance:
    """Return a provenance with a new span."""
    return extracted.model_copy(update={"span": span})


def _name_parts(actor: Actor) -> list[str]:
    return [p for p in re.split(r"[\s-]+", actor.name) if len(p) > 3 and p[:1].isupper()]


def _stated(force: Force) -> str:
    strength = force.strength
    if strength is None:
        return ""
    if isinstance(strength, str):
        return strength
    return str(getattr(strength, "as_stated", "") or "")


def _item_numbers(text: str) -> set[float]:
    """Return the numbers an item writes in digits."""
    return {float(m.group().replace(",", "")) for m in _DIGITS.finditer(text)}


def _sentence_numbers(sentence: str) -> set[float]:
    found = {float(m.group().replace(",", "")) for m in _DIGITS.finditer(sentence)}
    lowered = sentence.lower()
    words = re.findall(r"[a-z]+", lowered)
    for i, word in enumerate(words):
        if word in _WORD_NUMBERS:
            value = _WORD_NUMBERS[word]
            found.add(float(value))
            if i and words[i - 1] in _WORD_NUMBERS and value in (100, 1000, 1_000_000):
                found.add(float(_WORD_NUMBERS[words[i - 1]] * value))
            if i and words[i - 1] in ("a", "an") and value in (100, 1000, 12):
                found.add(float(value))
    # "3,000-4,000" and "10 thousand" stand for the numbers they write.
    for match in re.finditer(r"(\d[\d,]*)\s*(thousand|million)", lowered):
        scale = 1000 if match[2] == "thousand" else 1_000_000
        found.add(float(match[1].replace(",", "")) * scale)
    return found


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _verbatim(sentence: str, quote: str) -> tuple[int, int] | None:
    """Return where a quote stands in its sentence, only if it is there word for word."""
    wanted = quote.strip()
    if not wanted:
        return None
    index = _norm(sentence).find(_norm(wanted))
    if index < 0:
        return None
    return index, index + len(wanted)


def _locate(sentence: str, words: str) -> tuple[int, int] | None:
    words = words.strip()
    index = sentence.find(words) if words else -1
    return (index, index + len(words)) if index >= 0 else None


def _inside(span: tuple[int, int], start: int, sentence: str) -> tuple[int, int] | None:
    """Return an absolute span as a span of its sentence, if it lies within it."""
    first, last = span[0] - start, span[1] - start
    return (first, last) if 0 <= first < last <= len(sentence) else None


def _whole(sentence: str) -> tuple[int, int]:
    return 0, len(sentence)
