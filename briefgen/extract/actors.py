"""Find who is mentioned in a sentence: states, bodies and people, resolved to actor ids."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from briefgen.extract.gazetteer import (
    ROLE_NOUNS,
    TITLE_STATES,
    TITLES,
)
from briefgen.extract.names import (
    ADJ_RE,
    ADJ_TO_ID,
    APPOSITIVE_PERSON,
    BLOCKED_NAME_WORDS,
    BODY_NAMES,
    BODY_WORDS,
    BOUND_L,
    BOUND_R,
    CLASS_BY_TITLE,
    DEFINED_BODY,
    DESCRIPTION,
    ENTRIES,
    FAMILY_FIRST,
    GROUP,
    IT_SAID,
    NAMED_BODY,
    NOT_NAME_WORDS,
    NOUN_TO_ID,
    PRONOUN,
    REVERSED_NAME,
    REVERSED_TITLE,
    SPEAKING_NAME,
    STATE_NOUN_RE,
    SUFFIXES,
    THE_BODY,
    TITLED_PERSON,
    UNIQUE_ROLES,
    alternation,
)
from briefgen.extract.text import Sentence
from briefgen.model import ActorKind
from briefgen.model.base import slugify


@dataclass
class ActorRecord:
    """An actor found in the article, before it becomes a model Actor."""

    id: str
    name: str
    kind: ActorKind
    role: str | None = None
    role_class: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    sentence: Sentence | None = None
    span: tuple[int, int] = (0, 0)
    gender: str | None = None
    """"m" or "f" when the text shows it (a title, or pronouns that can mean only them)."""


@dataclass(frozen=True)
class Mention:
    """A place in a sentence that names an actor (offsets relative to the sentence)."""

    start: int
    end: int
    actor: str
    kind: str
    """One of: person, state, group, body, adjective, pronoun."""


def is_name(word: str) -> bool:
    """Tell whether a word is a built-in name of a state or body ('Houthis', 'Philippines')."""
    return word in NOUN_TO_ID or word in ADJ_TO_ID


def state_id(text: str) -> str | None:
    """Return the actor id a state reference ('the U.S.', "Russia's", 'Ukrainian') names."""
    cleaned = re.sub(r"^the\s+", "", text.strip())
    cleaned = re.sub(r"(?:'s|’s)$", "", cleaned)
    return NOUN_TO_ID.get(cleaned) or ADJ_TO_ID.get(cleaned) or NOUN_TO_ID.get(text.strip())


class ActorIndex:
    """Every actor of an article, learned in a first pass and found again in a second."""

    def __init__(self) -> None:
        self.records: dict[str, ActorRecord] = {}
        self._people_by_name: dict[str, str] = {}
        self._bodies_by_name: dict[str, str] = {}
        self._names_re: re.Pattern[str] | None = None

    def learn(self, sentences: Iterable[Sentence]) -> None:
        """Register the people and bodies the sentences introduce, then link descriptions."""
        sentences = list(sentences)
        for sentence in sentences:
            for match in TITLED_PERSON.finditer(sentence.text):
                self._learn_person(sentence, match, appositive=False)
            for match in APPOSITIVE_PERSON.finditer(sentence.text):
                self._learn_person(sentence, match, appositive=True)
            for match in REVERSED_NAME.finditer(sentence.text):
                head = sentence.text[max(0, match.start() - 80) : match.start()]
                titled = REVERSED_TITLE.search(head)
                if titled:
                    self._learn_person(sentence, match, appositive=True, title=titled["title"])
            for match in SPEAKING_NAME.finditer(sentence.text):
                self._learn_speaker(sentence, match)
            for match in DEFINED_BODY.finditer(sentence.text):
                self._learn_body(sentence, match)
            for match in NAMED_BODY.finditer(sentence.text):
                self._learn_named_body(sentence, match)
        for sentence in sentences:
            for match in DESCRIPTION.finditer(sentence.text):
                self._infer_affiliation(match)
        self._add_short_names(sentences)
        names = {**self._people_by_name, **self._bodies_by_name}
        self._names_re = (
            re.compile(rf"{BOUND_L}(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?:{alternation(names)}){BOUND_R}")
            if names
            else None
        )

    def _learn_person(
        self,
        sentence: Sentence,
        match: re.Match[str],
        *,
        appositive: bool,
        title: str | None = None,
    ) -> None:
        name = _trim_name(match["name"])
        if not name or _names_a_state(name):
            # "... with the United States, the interior minister said": a state, not a person.
            return
        title = " ".join((title or match["title"]).split())
        role_class = CLASS_BY_TITLE.get(title.lower()) or _role_class(title)
        if appositive and role_class is None:
            return
        groups = match.groupdict()
        state = groups.get("state") or groups.get("of") or ""
        affiliation = state_id(state) if state else TITLE_STATES.get(title.lower())
        parts = [t for t in name.split() if t not in SUFFIXES]
        surname = parts[0] if len(parts) in (2, 3) and parts[0] in FAMILY_FIRST else parts[-1]
        existing = self._people_by_name.get(name) or self._people_by_name.get(surname)
        if existing:
            record = self.records[existing]
            if len(name) > len(record.name) and record.name in name:
                record.name = name
                self._people_by_name[name] = existing
            record.affiliation = record.affiliation or affiliation
            return
        slug = _slug(surname)
        if slug in self.records or slug in ENTRIES:
            slug = _slug(name)
        role = title[:1].upper() + title[1:] if title.islower() else title
        start = match.start("name") if not appositive else match.start()
        record = ActorRecord(
            id=slug,
            name=name,
            kind=ActorKind.PERSON,
            role=role,
            role_class=role_class,
            affiliation=affiliation,
            sentence=sentence,
            span=(sentence.start + start, sentence.start + match.end()),
        )
        self.records[slug] = record
        self._people_by_name[name] = slug
        if " " in name:
            self._people_by_name.setdefault(surname, slug)

    def _learn_speaker(self, sentence: Sentence, match: re.Match[str]) -> None:
        """Register a person named without a title where they speak ("Jo Lund said")."""
        name = _trim_name(match["name"] or match["name2"] or match["name3"])
        words = name.split()
        if len(words) < 2 or any(w in BODY_WORDS or is_name(w) for w in words):
            return
        if _names_a_state(name):
            # "South Africa says": a state, not a person.
            return
        if any(w in NOT_NAME_WORDS for w in words):
            # "Doctors Without Borders said": a body, not a person.
            return
        if name in self._people_by_name or words[-1] in self._people_by_name:
            return
        if name in self._bodies_by_name:
            return
        surname = words[0] if words[0] in FAMILY_FIRST and len(words) == 2 else words[-1]
        slug = _slug(surname)
        if slug in self.records or slug in ENTRIES:
            slug = _slug(name)
        if slug in self.records:
            return
        start = (
            match.start("name")
            if match["name"]
            else match.start("name2" if match["name2"] else "name3")
        )
        self.records[slug] = ActorRecord(
            id=slug,
            name=name,
            kind=ActorKind.PERSON,
            role=(match["role"] or match["role2"] or "").strip() or None,
            role_class=_role_class(match["role"] or match["role2"] or ""),
            sentence=sentence,
            span=(sentence.start + start, sentence.start + start + len(name)),
        )
        self._people_by_name[name] = slug
        self._people_by_name.setdefault(surname, slug)

    def _add_short_names(self, sentences: list[Sentence]) -> None:
        """Let any unshared part of a name stand for the person ("Lin" for Lin Jian)."""
        people = [r for r in self.records.values() if r.kind is ActorKind.PERSON]
        counts: dict[str, int] = {}
        for record in people:
            for token in record.name.split():
                counts[token] = counts.get(token, 0) + 1
        words: dict[str, int] = {}
        for sentence in sentences:
            for word in re.findall(r"[^\W\d_][\w'’-]*", sentence.text):
                words[word] = words.get(word, 0) + 1
        for record in people:
            tokens = [
                t
                for t in record.name.split()
                if counts[t] == 1
                and re.search(r"(?:^|-)[A-Z]", t)
                and len(t) > 2
                and not t.endswith(".")
            ]
            used = {t: words.get(t, 0) for t in tokens}
            for token in tokens:
                self._people_by_name.setdefault(token, record.id)
            current = next((t for t in tokens if _slug(t) == record.id), None)
            if len(tokens) > 1 and used:
                best = max(tokens, key=lambda t: (used[t], tokens.index(t)))
                slug = _slug(best)
                more_used = current is None or used[best] > used[current]
                free = slug not in self.records and slug not in ENTRIES
                if more_used and slug != record.id and free:
                    self._rename(record.id, slug)

    def _rename(self, old: str, new: str) -> None:
        record = self.records.pop(old)
        record.id = new
        self.records[new] = record
        for key, value in list(self._people_by_name.items()):
            if value == old:
                self._people_by_name[key] = new

    def add_body(self, name: str, sentence: Sentence, start: int) -> str:
        """Register an organization named only once, as a speaker ("Doctors Without Borders")."""
        slug = _slug(name)
        if slug not in self.records:
            self.records[slug] = ActorRecord(
                id=slug,
                name=name,
                kind=ActorKind.ORGANIZATION,
                sentence=sentence,
                span=(sentence.start + start, sentence.start + start + len(name)),
            )
        return slug

    def add_described(self, name: str, sentence: Sentence, start: int, *, person: bool) -> str:
        """Register a speaker known only by a description ("one diplomatic source")."""
        slug = _slug(name)[:48].rstrip("-") or "unnamed-source"
        if slug in ENTRIES:
            return slug
        if slug not in self.records:
            self.records[slug] = ActorRecord(
                id=slug,
                name=name,
                kind=ActorKind.OTHER if person else ActorKind.ORGANIZATION,
                role="unnamed source" if person else None,
                sentence=sentence,
                span=(sentence.start + start, sentence.start + start + len(name)),
            )
            self._bodies_by_name.setdefault(name, slug)
        return slug

    def add_group(self, name: str, sentence: Sentence, start: int) -> str:
        """Register an unnamed armed group described in the text ("Darfuri armed groups")."""
        slug = _slug(name)
        if slug not in self.records and slug not in ENTRIES:
            self.records[slug] = ActorRecord(
                id=slug,
                name=name[:1].upper() + name[1:],
                kind=ActorKind.ARMED_GROUP,
                sentence=sentence,
                span=(sentence.start + start, sentence.start + start + len(name)),
            )
        return slug

    def _learn_body(self, sentence: Sentence, match: re.Match[str]) -> None:
        name = re.sub(r"^The\s+", "", match["name"])
        if state_id(name) or name in NOUN_TO_ID:
            return
        acronym = match["acr"]
        armed = re.search(r"\b(Forces|Army|Front|Brigades?|Militia|Movement|Group|Corps)\b", name)
        slug = slugify(name)
        if slug in self.records:
            return
        self.records[slug] = ActorRecord(
            id=slug,
            name=name,
            kind=ActorKind.ARMED_GROUP if armed else ActorKind.ORGANIZATION,
            aliases=[acronym],
            sentence=sentence,
            span=(sentence.start + match.start("name"), sentence.start + match.end()),
        )
        self._bodies_by_name[name] = slug
        self._bodies_by_name[acronym] = slug

    def _learn_named_body(self, sentence: Sentence, match: re.Match[str]) -> None:
        name = re.sub(r"^The\s+", "", match["name"])
        words = name.split()
        if len(words) < 2 or state_id(words[0]) or name in self._bodies_by_name:
            return
        if any(w in BLOCKED_NAME_WORDS for w in words):
            return
        slug = _slug(name)
        if slug in self.records or slug in ENTRIES:
            return
        armed = not re.search(r"(?:Mission|Alliance|Coalition)$", name)
        self.records[slug] = ActorRecord(
            id=slug,
            name=name,
            kind=ActorKind.ARMED_GROUP if armed else ActorKind.ORGANIZATION,
            sentence=sentence,
            span=(sentence.start + match.start("name"), sentence.start + match.end("name")),
        )
        self._bodies_by_name[name] = slug

    def _infer_affiliation(self, match: re.Match[str]) -> None:
        state = state_id(match["state"])
        role_class = ROLE_NOUNS.get(match["role"].lower())
        if role_class not in UNIQUE_ROLES:
            # A state has many spokespeople and envoys: "a State Department spokesperson"
            # says nothing about who the spokesperson named earlier works for.
            return
        candidates = [
            r
            for r in self.records.values()
            if r.kind is ActorKind.PERSON and r.role_class == role_class
        ]
        unaffiliated = [r for r in candidates if r.affiliation is None]
        if state and len(unaffiliated) == 1 and not any(r.affiliation == state for r in candidates):
            unaffiliated[0].affiliation = state

    def mentions(self, text: str) -> list[Mention]:
        """Return the non-overlapping actor mentions in a sentence, in order."""
        found: list[tuple[int, int, int, Mention]] = []

        def add(start: int, end: int, actor: str | None, kind: str, rank: int) -> None:
            if actor:
                found.append((start, -(end - start), rank, Mention(start, end, actor, kind)))

        for m in TITLED_PERSON.finditer(text):
            name = _trim_name(m["name"])
            if name and name in m["name"]:
                person = self._people_by_name.get(name)
                end = m.start("name") + m["name"].index(name) + len(name)
                suffix = re.match(r"\s+(?:Jr|Sr)\b\.?", text[end:])
                add(m.start(), end + (suffix.end() if suffix else 0), person, "person", 0)
        if self._names_re:
            for m in self._names_re.finditer(text):
                bare = re.sub(r"^(?:Mr|Ms|Mrs|Dr)\.?\s+", "", m.group())
                person = self._people_by_name.get(bare)
                if person:
                    add(m.start(), m.end(), person, "person", 1)
                else:
                    add(m.start(), m.end(), self._bodies_by_name.get(bare), "body", 1)
        for m in DESCRIPTION.finditer(text):
            add(m.start(), m.end(), self._describe(m), "person", 2)
        for m in GROUP.finditer(text):
            add(m.start(), m.end(), state_id(m["state"] or m["state2"]), "group", 3)
        for m in STATE_NOUN_RE.finditer(text):
            kind = "body" if m.group() in BODY_NAMES else "state"
            add(m.start(), m.end(), NOUN_TO_ID[m.group()], kind, 4)
        for m in ADJ_RE.finditer(text):
            add(m.start(), m.end(), ADJ_TO_ID[m.group()], "adjective", 5)
        for m in PRONOUN.finditer(text):
            add(m.start(), m.end(), "?", "pronoun", 6)
        for m in IT_SAID.finditer(text):
            add(m.start(), m.start() + 2, "?it", "pronoun", 6)
        for m in THE_BODY.finditer(text):
            add(m.start(), m.end(), "?it", "pronoun", 7)
        found.sort(key=lambda t: (t[0], t[1], t[2]))
        result: list[Mention] = []
        last_end = -1
        for _, _, _, mention in found:
            if mention.start >= last_end:
                result.append(mention)
                last_end = mention.end
        return result

    def _describe(self, match: re.Match[str]) -> str | None:
        state = state_id(match["state"])
        role_class = ROLE_NOUNS.get(match["role"].lower())
        for record in self.records.values():
            if record.role_class == role_class and record.affiliation == state:
                return record.id
        return state

    def ensure(self, actor: str) -> ActorRecord:
        """Return the record of an actor id, creating it from the gazetteer if needed."""
        if actor not in self.records:
            entry = ENTRIES[actor]
            self.records[actor] = ActorRecord(id=entry.id, name=entry.name, kind=entry.kind)
        return self.records[actor]

    def person_named(self, name: str) -> str | None:
        """Return the id of the person a name or surname stands for."""
        return self._people_by_name.get(name)

    def is_person(self, actor: str) -> bool:
        """Tell whether an actor id is a person found in the article."""
        record = self.records.get(actor)
        return record is not None and record.kind is ActorKind.PERSON

    def known(self, actor: str) -> bool:
        """Tell whether an actor id names an actor of the article or of the gazetteer."""
        return actor in self.records or actor in ENTRIES


def _slug(name: str) -> str:
    # "al-Burhan" is "Burhan" in later mentions and in people's ids.
    name = re.sub(r"^(?:al|el|ad|as|ash)-", "", name)
    return slugify(name)


def _trim_name(name: str) -> str:
    # "Joe Biden's decision": the person is Joe Biden.
    name = re.sub(r"(?:'s|’s|'|’)$", "", name.strip())
    words: list[str] = []
    parts = name.split()
    while len(parts) > 1 and (parts[0] in TITLES or parts[0].rstrip(".") in TITLES):
        parts.pop(0)
    for word in parts:
        if word in BLOCKED_NAME_WORDS or word in NOUN_TO_ID or word in ADJ_TO_ID:
            break
        words.append(word)
    while words and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def _role_class(title: str) -> str | None:
    lowered = title.lower()
    for noun, role_class in sorted(ROLE_NOUNS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(noun)}\b", lowered):
            return role_class
    return None


def _names_a_state(name: str) -> bool:
    """Tell whether words taken for a person's name name a state of the gazetteer."""
    return bool(state_id(name)) or name in NOUN_TO_ID
