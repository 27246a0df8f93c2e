"""Find reported speech in a sentence: who says what, to whom, when and where."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from briefgen.extract.actors import Mention
from briefgen.extract.rules import attribution
from briefgen.extract.rules import speakers as speakers_rules
from briefgen.extract.rules.attribution import Describe, NameSpeaker
from briefgen.extract.rules.circumstances import (
    THAT_LEAD,
    VENUE,
    addressed,
    audience_end,
    is_trailer,
    when_spans,
    without_audience,
)
from briefgen.extract.rules.speakers import COMMON_CAPITALS, NOT_SPEAKERS
from briefgen.extract.rules.speech_act import QUOTED as _QUOTED
from briefgen.extract.rules.speech_act import (
    SPEECH_VERB,
    SpeechAct,
    inside_quote,
    is_stance,
    join_acts,
    longest_quote,
)

# "..., as the newspaper reported, ...": an aside, not a statement.
_AS_REPORTED = re.compile(r"(?:^|,)\s*as\s+(?:the\s+|a\s+)?(?:[\w'’.-]+\s+){0,3}\w+\s*,?\s*$")
_NEGATION = re.compile(
    r"\b(?:(?:has|have|had|did|does|do|would|will|could)\s+)?(?:not|never|no\s+longer)\s+"
    r"(?:(?:yet|publicly|directly|officially)\s+)?$|\b(?:didn't|doesn't|hasn't|haven't|won't)\s+$"
)
_PARTICIPLE = re.compile(r"^(?:saying|adding|noting)$")
# What may stand between a speaker and the verb: an appositive or relative clause, a day,
# an adverb or an auxiliary ("Blinken, speaking in Washington, said"; "Blinken warned Thursday").
_GAP_BEFORE = re.compile(
    r"\)?(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,5})?"
    r"\s*(?:,\s*(?:who\s+)?(?:[^,\"“”]|,(?=\d{3})){1,220},\s*)?"
    r"(?:(?:also|later|again|then|previously|earlier|separately|repeatedly|publicly|once|has|"
    r"have|had|on\s+\w+day|\w+day|who|who\s+has|who\s+have|who\s+had|have\s+also|has\s+also|"
    r"and\s+\w+\s+ministers?|\w+ly|never|not)\s+)*"
)
_RELATIVE_GAP = re.compile(r"\s*,\s*(?:who|which)\s+(?:(?:has|had|have|also|repeatedly)\s+)*")
_AND_GAP = re.compile(r"\s*,?\s*and\s*")
_LEAD_ADVERBIAL = re.compile(
    r"^(?:On|In|At|Earlier|Later|Separately|Meanwhile|Speaking|Asked|Also|But|However|And)\b"
)
_ASKED = re.compile(r"^Asked\s+(?:if|whether|about)\s+(?P<q>[^,]+(?:,[^,]+)*?),\s*")
_LEAD_IN = re.compile(
    r"^\s*:?\s*(?:(?:on\s+)?(?:\w+day|today|yesterday)\s+)?(?:(?:at|in|during)\s+[^,]{3,60}?\s+)?"
    r"(?:,\s*)?(?:reporters\s+)?"
)
_OBJECT_VERBS = re.compile(
    r"^(?:condemned|welcomed|rejected|dismissed|accused|denied|urged|urges|demanded|called on"
    r"|calls on|called for|calls for|stepped up calls for|renewed calls for|appealed to|threatened"
    r"|pledged|vowed|promised)$"
)
_INVERTING = re.compile(
    r"^(?:said|says|added|adds|wrote|noted|told reporters|warned|stated|reported|announced)$"
)
_ACRONYM_INSERT = re.compile(r"(?<=[\w’'])\s\[[A-Z]{2,8}\](?=\s+[A-Z])")
_DESCRIPTOR = re.compile(r"(?:,|,[\"”]|[\"”])\s*((?:[\w'’.-]+\s+){0,5})$")
_SHARED_SUBJECT = re.compile(
    r"^(?:But\s+|And\s+)?(?P<who>\S)[^,;\"“”]*?\s(?:did not|didn't|does not|declined to)\s"
    r"[^,;\"“”]*?\s(?:but|and)\s+$"
)
# "Conflict Watch reported", "The usually reliable Conflict Watch reported".
_OPENING_SPEAKER = re.compile(
    r"(?:[Tt]he\s+(?:[a-z][\w-]*\s+){1,3})?(?P<name>[A-Z][\w'’&-]+(?:\s+[A-Z][\w'’&-]+){0,3})\s+"
)
_PROPER_SPEAKER = re.compile(
    r"(?:,|,[\"”])\s*(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:of|for|without|the|and|de|du)?\s*[A-Z][\w'’-]+){1,5})\s+$"
)


_AND_BEFORE = re.compile(r"(?:,\s*|\s+)(?:and|but)\s+$")
_LOOKS_LIKE_OBJECT = re.compile(
    r"\b(?:of|to|for|with|by|against|on|about|from|in|at|into)\s+(?:the\s+)?$"
)
_RELATIVE_BEFORE = re.compile(r"(?:,\s*)?\b(?:which|who)\s+(?:(?:has|have|had)\s+)?$")
_SPEAKING_KINDS = ("person", "state", "group", "body")
# '"Words," said the letter, ...': a sentence that opens with the whole quotation.
_WHOLE_QUOTE = re.compile(r"[\"“][^\"“”]{12,}[,.!?][\"”]")
_ENDS_LEAD = (",", ',"', ",”", '"', "”")


@dataclass(frozen=True)
class _Sentence:
    """A sentence being read, with what it knows about who may speak."""

    text: str
    mentions: list[Mention]
    last_person: str | None
    name_speaker: NameSpeaker | None
    last_body: str | None
    describe: Describe | None


@dataclass(frozen=True)
class _Speakers:
    """Who speaks with one verb, where their words may begin and where an inverted name ends."""

    names: tuple[str, ...]
    start: int = -1
    inverted_end: int = -1


def find_acts(
    text: str,
    mentions: list[Mention],
    last_person: str | None,
    name_speaker: NameSpeaker | None = None,
    last_body: str | None = None,
    describe: Describe | None = None,
) -> list[SpeechAct]:
    """Return the acts of reported speech in a sentence, in order."""
    # "the Army's [PLA] Eastern Command said": an editor's acronym inside a name is blanked
    # (same length, so every offset holds) for the name to read as one.
    text = _ACRONYM_INSERT.sub(lambda m: " " * len(m.group()), text)
    sentence = _Sentence(text, mentions, last_person, name_speaker, last_body, describe)
    if name_speaker is not None:
        heard = attribution.transcript(text, mentions, name_speaker)
        if heard is not None:
            return [heard]
    quoted_as = attribution.quoted_as(text, mentions, name_speaker)
    if quoted_as is not None:
        return [quoted_as]
    verbs = [m for m in SPEECH_VERB.finditer(text) if _speaks(text, m, mentions)]
    acts: list[SpeechAct] = []
    for index, verb in enumerate(verbs):
        later = index + 1
        # "Haq said the world body noted X": a speech verb a few words into what another
        # reports is part of those words.
        while later < len(verbs) and _NESTED.fullmatch(text[verb.end() : verbs[later].start()]):
            later += 1
        next_start = verbs[later].start() if later < len(verbs) else len(text)
        _read_verb(sentence, verb, next_start, acts)
    if not acts:
        acts = next(([act] for act in _sourced(sentence) if act is not None), [])
    what_said = attribution.what_said(text, mentions, describe)
    if what_said is not None:
        acts.append(what_said)
    return [
        act
        for act in acts
        if not any(
            other is not act and act.content_span[0] <= other.verb_span[0] < act.content_span[1]
            for other in acts
        )
    ]


_NESTED = re.compile(r"\s+(?:that\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,3}[\w'’-]+\s+")


def _speaks(text: str, verb: re.Match[str], mentions: list[Mention]) -> bool:
    """Tell whether a speech verb reports speech, not a quoted word or an aside."""
    relative = _RELATIVE_BEFORE.search(text[: verb.start()])
    if relative is not None and not any(
        m.end == relative.start() and m.kind in _SPEAKING_KINDS for m in mentions
    ):
        # "a report which said": no actor to speak; "from Washington, which said": Washington.
        return False
    return (
        not inside_quote(text, verb.start())
        and not re.search(r"\bas\s+$", text[: verb.start()])
        and not _AS_REPORTED.search(text[: verb.end() + 2])
        # "villages it said were empty": an aside inside a clause, not what was said.
        and not (
            re.search(r"\b(?:it|they|he|she)\s+$", text[: verb.start()])
            and re.match(r"\s+(?:were|was|are|is|had|have|has)\b", text[verb.end() :])
        )
    )


def _sourced(sentence: _Sentence) -> Iterator[SpeechAct | None]:
    """Yield, lazily and in order of trust, the acts a sentence without a speech verb holds."""
    text, mentions = sentence.text, sentence.mentions
    if sentence.name_speaker is not None:
        yield attribution.as_by(text, mentions, sentence.name_speaker)
    yield attribution.according(
        text, mentions, sentence.last_body, sentence.describe, sentence.name_speaker
    )
    yield attribution.what_called(text, mentions)
    yield attribution.there_are_reports(text, mentions, sentence.describe)
    yield attribution.posted(text, mentions)
    yield attribution.cited(text, mentions, sentence.name_speaker)


def _read_verb(
    sentence: _Sentence, verb: re.Match[str], next_start: int, acts: list[SpeechAct]
) -> None:
    """Add what one speech verb reports to `acts`, or join it to the act before."""
    text = sentence.text
    found = _speakers(text, verb, sentence.mentions, sentence.last_person, sentence.last_body)
    if not found.names and acts and _AND_BEFORE.search(text[: verb.start()]):
        # "X said A and added B", "X warned A and called for B": one speaker, one sentence,
        # one position, its second verb kept in the words.
        more = _continued(sentence, verb, next_start, acts[-1])
        if more is not None:
            acts[-1] = join_acts(acts[-1], more)
        return
    if not found.names:
        found = _shared_subject(sentence, verb, found) or found
    verb_text = " ".join(verb.group().split())
    main = ""
    if not found.names and _PARTICIPLE.match(verb_text):
        # "X confirmed the move, saying it was needed": the subject of the clause speaks.
        if acts:
            more = _continued(sentence, verb, next_start, acts[-1])
            if more is not None:
                acts[-1] = join_acts(acts[-1], more)
            return
        subject = attribution.clause_subject(text, sentence.mentions, verb.start())
        if subject:
            found = _Speakers((subject,), verb.start(), found.inverted_end)
            main = attribution.main_clause(text, sentence.mentions, verb.start())
    if not found.names:
        found = _described(sentence, verb, verb_text, found) or found
    if not found.names:
        found = _named(sentence, verb, verb_text, found) or found
    if not found.names:
        return
    act = _content(text, verb, found, next_start, sentence.mentions)
    if act is not None and main:
        # "X thanked Y for its help, noting that ...": what X did frames what X noted.
        act = replace(act, content=f"{main}; {act.content[:1].lower()}{act.content[1:]}")
    if act is not None:
        acts.append(act)


def _continued(
    sentence: _Sentence, verb: re.Match[str], next_start: int, last: SpeechAct
) -> SpeechAct | None:
    """Read a verb with no speaker of its own as the last speaker's."""
    speakers = _Speakers(last.speakers, verb.start())
    return _content(sentence.text, verb, speakers, next_start, sentence.mentions)


def _shared_subject(sentence: _Sentence, verb: re.Match[str], found: _Speakers) -> _Speakers | None:
    """Find the subject of "He did not mention the drills but called on Beijing to ..."."""
    shared = _SHARED_SUBJECT.match(sentence.text[: verb.start()])
    first = sentence.mentions[0] if sentence.mentions else None
    if shared and first and first.start == shared.start("who"):
        speakers = _speakers_of(first, sentence.mentions, sentence.last_person)
        return _Speakers(speakers, verb.start(), found.inverted_end)
    return None


def _described(
    sentence: _Sentence, verb: re.Match[str], verb_text: str, found: _Speakers
) -> _Speakers | None:
    """Find a speaker described, not named: "a senior official said", '"...," said one diplomat'."""
    if sentence.describe is None:
        return None
    text = sentence.text
    before = text[: verb.start()]
    described = speakers_rules.described_before(before)
    if described is not None:
        actor = sentence.describe(described)
        return _Speakers((actor,), described.start, found.inverted_end) if actor else None
    if _INVERTING.match(verb_text) and before.rstrip().endswith(_ENDS_LEAD):
        after = speakers_rules.described_after(text[verb.end() :], verb.end())
        actor = sentence.describe(after) if after is not None else None
        if after is not None and actor:
            return _Speakers((actor,), verb.start(), after.end)
    return None


def _named(
    sentence: _Sentence, verb: re.Match[str], verb_text: str, found: _Speakers
) -> _Speakers | None:
    """Find a speaker by a proper name the actor index does not know yet."""
    if sentence.name_speaker is None:
        return None
    text = sentence.text
    named = _PROPER_SPEAKER.search(text[: verb.start()])
    opening = _OPENING_SPEAKER.fullmatch(text[: verb.start()])
    if named and named["name"].split()[0] in NOT_SPEAKERS:
        named = None
    if named and is_trailer(without_audience(verb_text, text[verb.end() :])):
        speaker = sentence.name_speaker(named["name"], named.start("name"))
        return _Speakers((speaker,), named.start() + 1, found.inverted_end)
    if opening and _may_open(opening["name"].split()[0]):
        speaker = sentence.name_speaker(opening["name"], opening.start("name"))
        return _Speakers((speaker,), opening.start("name"), found.inverted_end)
    return None


def _may_open(word: str) -> bool:
    """Tell whether a capitalised first word may be a speaker's name."""
    return word not in COMMON_CAPITALS and word not in NOT_SPEAKERS and not word.endswith("ing")


def _speakers(
    text: str,
    verb: re.Match[str],
    mentions: list[Mention],
    last_person: str | None,
    last_body: str | None,
) -> _Speakers:
    """Find who speaks: a mention before the verb, or right after it ("said Blinken")."""
    speakers: list[str] = []
    start, end = -1, -1
    for i in range(len(mentions) - 1, -1, -1):
        mention = mentions[i]
        if not _may_be_subject(text, mention, verb):
            continue
        actor = mention.actor
        if actor == "?":
            earlier = [m.actor for m in mentions[:i] if m.kind == "person"]
            actor = earlier[-1] if earlier else "?"
        elif actor == "?it":
            actor = last_body or ""
        speakers, start = _coordinated(text, mentions, i)
        speakers.append(actor)
        break
    if not speakers and _INVERTING.match(" ".join(verb.group().split())):
        after = _speaker_after(text, verb, mentions)
        if after is not None:
            speakers, start, end = [after.actor], verb.start(), after.end
    resolved = [last_person if s == "?" else s for s in speakers]
    return _Speakers(tuple(s for s in resolved if s and not s.startswith("?")), start, end)


def _may_be_subject(text: str, mention: Mention, verb: re.Match[str]) -> bool:
    """Tell whether a mention before a verb may be its subject, not an object in a phrase."""
    if mention.end > verb.start() or mention.kind == "adjective":
        return False
    gap = text[mention.end : verb.start()]
    closes_appositive = re.fullmatch(r"\s*,\s*", gap) and re.search(r",\s*$", text[: mention.start])
    if _RELATIVE_GAP.fullmatch(gap):
        # "calls for restraint from Washington, which said": the antecedent speaks.
        return True
    if not (_GAP_BEFORE.fullmatch(gap) or closes_appositive):
        return False
    return not _LOOKS_LIKE_OBJECT.search(text[max(0, mention.start - 12) : mention.start])


def _coordinated(text: str, mentions: list[Mention], last: int) -> tuple[list[str], int]:
    """Return the speakers listed before the last one ("France, Germany and Italy said")."""
    speakers: list[str] = []
    start = mentions[last].start
    j = last - 1
    joined = False
    while j >= 0:
        gap = text[mentions[j].end : mentions[j + 1].start]
        if _AND_GAP.fullmatch(gap):
            joined = True
        elif not (joined and re.fullmatch(r"\s*,\s*", gap)):
            break
        if mentions[j].kind in ("person", "state", "group", "body"):
            speakers.insert(0, mentions[j].actor)
            start = mentions[j].start
        j -= 1
    return speakers, start


def _speaker_after(text: str, verb: re.Match[str], mentions: list[Mention]) -> Mention | None:
    """Return the speaker named right after the verb in '"Words," said Blinken'."""
    for mention in mentions:
        gap = text[verb.end() : mention.start]
        if mention.start >= verb.end() and re.fullmatch(r"\s*(?:the\s+)?", gap):
            if mention.kind in ("person", "group", "body", "state"):
                before = text[: verb.start()].rstrip()
                if before.endswith(_ENDS_LEAD):
                    return mention
            return None
    return None


def _content(
    text: str,
    verb: re.Match[str],
    found: _Speakers,
    next_verb: int,
    mentions: list[Mention],
) -> SpeechAct | None:
    """Return the act a verb reports: the words before it or after it, and their frame."""
    after_start, after = _after(text, verb, found.inverted_end, next_verb)
    before = _before(text, found.start)
    asked = _ASKED.match(before + " ") if before.startswith("Asked") else None
    trailer = text[after_start:]
    if verb.group().startswith(("told", "tells")):
        trailer = re.sub(r"^\s*(?:[a-z]+\s+){1,3}(?=(?:at|in|during|on|after|from)\b)", "", trailer)
    if _leads(before, asked) and (is_trailer(trailer) or _WHOLE_QUOTE.fullmatch(before)):
        # "Words," X said (at ...)[, "more words."]; not the words of a participle after it
        # ("…, accusing the vessels of having "invaded …"").
        rest = text[after_start:]
        opening = re.search(r"[\"“]", rest)
        framed = opening and re.search(r"\b[a-z]+ing\b", rest[: opening.start()])
        more = [] if framed else _QUOTED.findall(rest)
        raw = " ".join([before, *more])
        content_span = (0, len(before))
        venue_span = (found.start, len(text))
        quotes = _QUOTED.findall(before) + more
    else:
        # X said (that) words.
        # "described the visit as a turning point": no reported clause to look for.
        that = None if verb.group() == "described" else THAT_LEAD.match(after)
        lead = that or _LEAD_IN.match(after)
        skip = lead.end() if lead else 0
        raw = after[skip:].strip().rstrip(".")
        begin = after_start + skip
        content_span = (begin, begin + len(after[skip:]))
        venue_span = (0, begin)
        quotes = _QUOTED.findall(raw)
    quote = longest_quote(quotes)
    content = re.sub(r"[\"“”]", "", raw).strip().rstrip(",")
    if asked:
        content = f"Asked whether {asked['q'].strip()}: {content}"
    content = content.strip().strip(",").strip()
    if not is_stance(content):
        return None
    verb_text = " ".join(verb.group().split()).lower()
    if content_span[0] >= verb.end():
        content = _framed(text, verb, verb_text, content)
    venue = VENUE.search(text, *venue_span)
    return SpeechAct(
        speakers=found.names,
        verb=verb_text,
        verb_span=(verb.start(), verb.end()),
        content=content,
        content_span=content_span,
        quote=quote.strip() if quote else None,
        addressed=addressed(text, verb, mentions, found.names),
        asked=asked["q"].strip() if asked else None,
        venue=venue["venue"] if venue else None,
        outside=when_spans(text, verb, content_span),
    )


def _after(text: str, verb: re.Match[str], inverted_end: int, next_verb: int) -> tuple[int, str]:
    """Return where the words after a verb begin, and those words up to the next verb."""
    after_start = inverted_end if inverted_end >= 0 else verb.end()
    after = text[after_start:next_verb]
    if verb.group().startswith(("told", "tells")) and not THAT_LEAD.match(after):
        heard = audience_end(after)
        after_start += heard
        after = after[heard:]
    if next_verb < len(text):
        cut = after.rfind(",")
        after = after[:cut] if cut > 0 else re.sub(r"\s+(?:and|but|while|or)\s*$", "", after)
    return after_start, after


def _before(text: str, speaker_start: int) -> str:
    """Return the words before the speaker, without a descriptor ("..., the minister")."""
    before = text[:speaker_start].rstrip()
    descriptor = _DESCRIPTOR.search(before + " ")
    if (
        descriptor
        and descriptor[1].strip()
        and not re.search(r"\b(?:that|and|but)\b", descriptor[1])
    ):
        before = before[: descriptor.start(1)].rstrip()
    return before


def _leads(before: str, asked: re.Match[str] | None) -> bool:
    """Tell whether the words before the speaker are what was said ('"Words," X said')."""
    return (
        before.endswith(_ENDS_LEAD)
        and not asked
        and not (_LEAD_ADVERBIAL.match(before) and len(before.split()) <= 6)
        and (len(before.split()) >= 4 or before.startswith(('"', "“")))
    )


def _framed(text: str, verb: re.Match[str], verb_text: str, content: str) -> str:
    """Keep in the words what the verb adds: a "never", "condemned", "called X a Y"."""
    negated = _NEGATION.search(text[: verb.start()])
    if negated:
        # "Kigali has never acknowledged its troops were there": the stance keeps the "never".
        return f"{negated.group().strip().capitalize()} {verb_text} {content}"
    if _OBJECT_VERBS.match(verb_text):
        return f"{verb_text.capitalize()} {content}"
    if verb_text == "called":
        # "called the war a defeat": the thing named, then what it was called.
        return re.sub(r"^(.*?)\s+(an?\s)", r"\1: \2", content, count=1)
    return content


def _speakers_of(
    mention: Mention, mentions: list[Mention], last_person: str | None
) -> tuple[str, ...]:
    if mention.actor == "?":
        return (last_person,) if last_person else ()
    if mention.actor.startswith("?") or mention.kind == "adjective":
        return ()
    return (mention.actor,)
