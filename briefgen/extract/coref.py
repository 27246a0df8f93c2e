"""Resolve "he" and "she" to a person by gender and recency, or leave them unresolved."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from functools import lru_cache

from briefgen.extract.actors import ActorIndex, Mention

UNRESOLVED = "?unresolved"
"""Actor id given to a pronoun no single person fits; its items are rejected, not guessed."""

_MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_MALE_TITLE = re.compile(
    r"\b(?:Mr|spokesman|chairman|King|Prince|Duke|Sir|Lord|Emir|Sheikh|brother|son|father)\b\.?"
)
_FEMALE_TITLE = re.compile(
    r"\b(?:Mrs|Ms|Miss|spokeswoman|chairwoman|Queen|Princess|Duchess|Lady|Dame|sister|daughter"
    r"|mother)\b\.?"
)
_HONORIFIC = re.compile(r"\b(?P<hon>Mr|Mrs|Ms|Miss)\.?\s+(?P<name>[A-Z][\w'’-]+)")
WINDOW = 2
"""How many earlier sentences a pronoun may reach back to."""


def pronoun_gender(word: str) -> str | None:
    """Return "m" or "f" for a personal pronoun, None for anything else."""
    if _MALE.fullmatch(word.split()[0]):
        return "m"
    if _FEMALE.fullmatch(word.split()[0]):
        return "f"
    return None


def learn_genders(index: ActorIndex, sentences: list[tuple[str, list[Mention]]]) -> None:
    """Set a person's gender from a gendered title, or from pronouns that can mean only them."""
    _genders_from_titles(index)
    _genders_from_honorifics(index, sentences)
    _genders_from_pronouns(index, sentences)


def _genders_from_titles(index: ActorIndex) -> None:
    """Set a gender from a role or name that holds a gendered title ("spokeswoman", "Mr")."""
    for record in index.records.values():
        if not index.is_person(record.id) or record.gender:
            continue
        role = f"{record.role or ''} {record.name}"
        if _MALE_TITLE.search(role):
            record.gender = "m"
        elif _FEMALE_TITLE.search(role):
            record.gender = "f"


def _genders_from_honorifics(index: ActorIndex, sentences: list[tuple[str, list[Mention]]]) -> None:
    """Set a gender from "Mr Lund", "Ms Lund" wherever the text writes one."""
    for text, _ in sentences:
        for match in _HONORIFIC.finditer(text):
            person = index.person_named(match["name"])
            if person and not index.records[person].gender:
                index.records[person].gender = "m" if match["hon"] == "Mr" else "f"


def _genders_from_pronouns(index: ActorIndex, sentences: list[tuple[str, list[Mention]]]) -> None:
    """Set a gender from "he" or "she" in a sentence where only one person can be meant."""
    previous: list[str] = []
    for text, mentions in sentences:
        outside = _outside_quotes(text)
        people = {
            m.actor for m in mentions if index.is_person(m.actor) and outside(m.start)
        } or set(previous)
        male = any(outside(m.start()) for m in _MALE.finditer(text))
        female = any(outside(m.start()) for m in _FEMALE.finditer(text))
        if len(people) == 1 and male != female:
            record = index.records[next(iter(people))]
            record.gender = record.gender or ("m" if male else "f")
        previous = [m.actor for m in mentions if index.is_person(m.actor) and outside(m.start)]


@dataclass
class _Seen:
    speakers: list[str]
    people: list[str]


class PronounResolver:
    """Follow the people of recent sentences and tell who a pronoun can only mean."""

    def __init__(self, index: ActorIndex) -> None:
        self.index = index
        self.recent: deque[_Seen] = deque(maxlen=WINDOW)

    def resolve(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Return the mentions with every "he"/"she" replaced by its person, or UNRESOLVED."""
        outside = _outside_quotes(text)
        result: list[Mention] = []
        for mention in mentions:
            gender = pronoun_gender(text[mention.start : mention.end])
            if mention.actor != "?" or gender is None:
                result.append(mention)
                continue
            before = [
                m.actor
                for m in result
                if self.index.is_person(m.actor) and outside(m.start) and m.kind == "person"
            ]
            actor = self._pick(gender, before)
            result.append(Mention(mention.start, mention.end, actor or UNRESOLVED, "pronoun"))
        return result

    def observe(self, text: str, mentions: list[Mention], speakers: list[str]) -> None:
        """Remember who spoke (people, or one unnamed official) and who was named outside quotes."""
        outside = _outside_quotes(text)
        people = [
            m.actor
            for m in mentions
            if self.index.is_person(m.actor) and outside(m.start) and m.kind != "pronoun"
        ]
        people += [s for s in speakers if s not in people]
        self.recent.append(_Seen(list(speakers), people))

    def _pick(self, gender: str, before: list[str]) -> str | None:
        # Nearest first: this sentence, then who spoke last, then who was named last; each
        # layer must leave exactly one person of the pronoun's gender, or none is chosen.
        layers = [before]
        for seen in reversed(self.recent):
            layers += [seen.speakers, seen.people]
        for layer in layers:
            fits = self._fitting(gender, layer)
            if fits:
                return fits[0] if len(fits) == 1 else None
        return None

    def _fitting(self, gender: str, people: list[str]) -> list[str]:
        result: list[str] = []
        for person in people:
            record = self.index.records.get(person)
            known = record.gender if record else None
            if (known is None or known == gender) and person not in result:
                result.append(person)
        return result


@lru_cache(maxsize=4)
def _outside_quotes(text: str) -> _Outside:
    return _Outside(text)


class _Outside:
    """Tell whether an offset of a sentence lies outside quotation marks."""

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in re.finditer(r"[\"“][^\"“”]*[\"”]|\[[^\]]*\]", text)]

    def __call__(self, pos: int) -> bool:
        return not any(start <= pos < end for start, end in self.spans)
