"""Find speech that names its source without a speech verb: "according to X", "as reported by X"."""

from __future__ import annotations

import re
from collections.abc import Callable

from briefgen.extract.actors import Mention
from briefgen.extract.rules import speakers as speakers_rules
from briefgen.extract.rules.speech_act import QUOTED as _QUOTED
from briefgen.extract.rules.speech_act import SpeechAct, longest_quote

Describe = Callable[[speakers_rules.Described], str | None]
NameSpeaker = Callable[[str, int], str]
_SPEAKING = ("person", "state", "group", "body")

_ACCORDING = re.compile(
    r"(?:^|,\s*|(?<=\w)\s+)[Aa]ccording\s+to\s+(?P<src>[^,;]+?)(?=\s*(?:,|\.?$))"
)
_MADE_BY = re.compile(
    r"\b(?:analy[sz]ed|compiled|collected|gathered|published|released|reviewed|obtained|seen"
    r"|commissioned|conducted|provided)\s+by\s+(?P<by>.+)$"
    # "according to data from the State Agency for Refugees": the agency.
    r"|^(?:(?:the\s+)?(?:latest\s+|official\s+|new\s+)?(?:data|figures|statistics|estimates"
    r"|numbers|tallies|a\s+tally|a\s+count))\s+(?:from|by|of)\s+(?P<of>.+)$"
)
# "District Coordination Officer (DCO) Rehmatullah Wazir": the person after the title.
_TITLED_NAME = re.compile(
    rf"\b(?i:{speakers_rules.PERSON_NOUNS})\s+(?:\([A-Z]{{2,}}\)\s+)?"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+)\s*$"
)
_TRANSCRIPT = re.compile(
    r"^\[?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*(?:/[^:\]\"“]{1,80})?:\s*"
    r"[\"“](?P<quote>[^\"“”]{3,})[\"”]\]?\s*$"
)


def transcript(text: str, mentions: list[Mention], name_speaker: NameSpeaker) -> SpeechAct | None:
    """Read '[Ana Lund / Minister: "Words."]': a broadcast transcript names the speaker first."""
    match = _TRANSCRIPT.match(text)
    if match is None:
        return None
    quote = match["quote"].strip()
    person = next((m.actor for m in mentions if m.start <= 1 and m.kind == "person"), None)
    speaker = person or name_speaker(match["name"], match.start("name"))
    start = match.start("quote")
    return SpeechAct(
        speakers=(speaker,),
        verb="said",
        verb_span=(match.start("name"), match.end("name")),
        content=quote,
        content_span=(start, start + len(quote)),
        quote=quote,
    )


# An opening phrase before the subject: "On Monday, ", "Hours after the troops landed, ".
_SUBJECT_SKIP = re.compile(
    r"^(?:(?:On|In|At|Earlier|Later|Meanwhile|However|But|And|Hours|Days|Weeks|After|Before"
    r"|Shortly|Speaking|Asked)\b[^,]{0,80},\s*)?"
)


def main_clause(text: str, mentions: list[Mention], end: int) -> str:
    """Return what the subject did before a participle, without the subject."""
    first = next((m for m in mentions if m.kind != "adjective" and m.start < end), None)
    if first is None:
        return ""
    return text[first.end : end].strip(" ,").strip()


def clause_subject(text: str, mentions: list[Mention], end: int) -> str | None:
    """Return the actor that opens the sentence, the subject a participle shares."""
    begin = _SUBJECT_SKIP.match(text)
    start = begin.end() if begin else 0
    for mention in mentions:
        if mention.start >= end or mention.actor.startswith("?"):
            break
        if start <= mention.start <= start + 4 and mention.kind != "adjective":
            return mention.actor
    return None


_AS_BY = re.compile(
    r",?\s+as\s+(?:highlighted|reported|stated|announced|noted|said|claimed|confirmed"
    r"|quoted)\s+by\s+(?:the\s+)?(?P<src>[A-Z][^,.;]{1,60}?)(?=\s*(?:,|\.|;|$|\s+on\s))"
)


def as_by(text: str, mentions: list[Mention], name_speaker: NameSpeaker) -> SpeechAct | None:
    """Read "words, as reported by X" as X's words."""
    match = _AS_BY.search(text)
    if match is None or match.start() < 12:
        return None
    speaker = next(
        (m.actor for m in mentions if m.start == match.start("src") and m.kind != "adjective"),
        None,
    ) or name_speaker(match["src"].split(",")[0].strip(), match.start("src"))
    content = text[: match.start()].strip().rstrip(",")
    quotes = _QUOTED.findall(content)
    return SpeechAct(
        speakers=(speaker,),
        verb="said",
        verb_span=(match.start(), match.end()),
        content=re.sub(r"[\"“”]", "", content),
        content_span=(0, match.start()),
        quote=longest_quote(quotes),
        outside=((match.start(), match.end()),),
    )


# '"…," the statement quoted Ana Lund as saying': Ana Lund spoke, the statement only relays.
_QUOTED_AS = re.compile(
    r"\bquoted\s+(?P<who>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*|him|her)\s+as\s+(?:saying|telling)\b"
)


def quoted_as(
    text: str, mentions: list[Mention], name_speaker: NameSpeaker | None
) -> SpeechAct | None:
    """Read '"words," the statement quoted X as saying' as X's words."""
    match = _QUOTED_AS.search(text)
    if match is None:
        return None
    quotes = _QUOTED.findall(text)
    if not quotes:
        return None
    who = match.start("who")
    speaker = next(
        (m.actor for m in mentions if m.start <= who < m.end and m.kind != "adjective"), None
    )
    if speaker is None and name_speaker is not None and match["who"][:1].isupper():
        speaker = name_speaker(match["who"], who)
    if speaker is None or speaker.startswith("?"):
        return None
    quote = longest_quote(quotes)
    assert quote is not None
    start = text.index(quote)
    return SpeechAct(
        speakers=(speaker,),
        verb="said",
        verb_span=(match.start(), match.end()),
        content=quote.rstrip(",").rstrip(),
        content_span=(start, start + len(quote)),
        quote=quote.rstrip(",").rstrip(),
        outside=((match.start(), match.end()),),
    )


# "China began drills, in what it called a 'stern warning' to the island": the subject's
# own description of what it did.
_WHAT_CALLED = re.compile(
    r",?\s+in\s+what\s+(?P<who>(?:[\w'’.-]+\s+){0,4}?)(?:has\s+|had\s+)?"
    r"(?:called|calls|described\s+as|describes\s+as|termed|terms|dubbed)\s+(?P<what>[^;]+?)\s*\.?$"
)


def what_called(text: str, mentions: list[Mention]) -> SpeechAct | None:
    """Read "X did Y, in what it called Z" as X's words: Y is Z."""
    match = _WHAT_CALLED.search(text)
    if match is None or match.start() < 12:
        return None
    who = match["who"].strip()
    if re.fullmatch(r"(?i)it|they", who):
        speaker = clause_subject(text, mentions, match.start())
    else:
        speaker = next(
            (
                m.actor
                for m in mentions
                if match.start("who") <= m.start < match.end("who")
                and m.kind in ("person", "state", "group", "body")
            ),
            None,
        )
    if speaker is None or speaker.startswith("?"):
        return None
    what = match["what"]
    quotes = _QUOTED.findall(what)
    said = re.sub(r"[\"“”]", "", what)
    content = f"{text[: match.start()].strip()}: {said}"
    return SpeechAct(
        speakers=(speaker,),
        verb="called",
        verb_span=(match.start(), match.start("what")),
        content=content,
        content_span=(0, len(text)),
        quote=longest_quote(quotes),
        outside=((match.start(), match.start("what")),),
    )


# "in response to what officials said is a growing threat": the speakers' words, "a growing
# threat", inside another clause.
_WHAT_SAID = re.compile(
    r"\bwhat\s+(?P<who>(?:[\w'’.-]+\s+){0,3}?[\w'’.-]+)\s+(?:said|says|say)\s+"
    r"(?:is|was|were|are|had\s+been|has\s+been)\s+(?P<what>[^,;.]{6,}?)\s*(?=[,;.]|$)"
)


def what_said(
    text: str,
    mentions: list[Mention],
    describe: Describe | None,
) -> SpeechAct | None:
    """Read "what officials said is a growing threat" as the speakers' words."""
    match = _WHAT_SAID.search(text)
    if match is None:
        return None
    speaker = _source_speaker(match["who"], match.start("who"), mentions, describe)
    if speaker is None:
        return None
    content = f"{match['what'][:1].upper()}{match['what'][1:]}"
    return SpeechAct(
        speakers=(speaker,),
        verb="said",
        verb_span=(match.start("who"), match.start("what")),
        content=content,
        content_span=(match.start("what"), match.end("what")),
        outside=((match.start(), match.start("what")),),
    )


# "there have been local reports in Ukraine that X": the reports are the source.
_THERE_ARE_REPORTS = re.compile(
    r"\bthere\s+(?:have\s+been|has\s+been|are|were|is|was)\s+"
    r"(?P<who>(?:[\w'’-]+\s+){0,3}?(?:reports|claims|accounts|indications)"
    r"(?:\s+(?:in|from)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)?)\s+that\s+"
)


def there_are_reports(
    text: str,
    mentions: list[Mention],
    describe: Describe | None,
) -> SpeechAct | None:
    """Read "there have been reports in X that Y" as the reports' words."""
    match = _THERE_ARE_REPORTS.search(text)
    if match is None or describe is None:
        return None
    who = match["who"]
    head = re.search(r"\b(?:reports|claims|accounts|indications)\b", who)
    assert head is not None
    speaker = describe(speakers_rules.Described(who, head.group(), match.start("who")))
    if speaker is None or speaker.startswith("?"):
        return None
    said = text[match.end() :].strip().rstrip(".").strip()
    if len(said.split()) < 3:
        return None
    return SpeechAct(
        speakers=(speaker,),
        verb="reported",
        verb_span=(match.start(), match.end()),
        content=f"{said[:1].upper()}{said[1:]}",
        content_span=(match.end(), match.end() + len(said)),
        outside=((0, match.end()),),
    )


def _people(mentions: list[Mention]) -> set[str]:
    return {m.actor for m in mentions if m.kind == "person"}


def _source_speaker(
    source: str,
    start: int,
    mentions: list[Mention],
    describe: Describe | None,
) -> str | None:
    """Return who a source phrase names: an actor mentioned in it, else a described one."""
    speaker = next(
        (
            m.actor
            for m in mentions
            if start <= m.start < start + len(source)
            and m.kind in ("person", "state", "group", "body")
        ),
        None,
    )
    if speaker is None and describe is not None:
        nouns = f"{speakers_rules.PERSON_NOUNS}|{speakers_rules.BODY_NOUNS}"
        head = re.search(rf"\b(?i:{nouns})\b(?!.*\b(?i:{nouns})\b)", source)
        if head:
            speaker = describe(speakers_rules.Described(source, head.group(), start))
    return speaker if speaker and not speaker.startswith("?") else None


def according(
    text: str,
    mentions: list[Mention],
    last_body: str | None,
    describe: Describe | None,
    name_speaker: NameSpeaker | None = None,
) -> SpeechAct | None:
    """Read "According to X, words" and "words, according to X" as X's words."""
    match = _ACCORDING.search(text)
    if match is None:
        return None
    source = match["src"].strip()
    if re.match(r"(?i)(?:him|her|them|it)\b", source):
        return None
    src_start = match.start("src")
    by = _MADE_BY.search(source)
    if by is not None:
        # "according to satellite imagery analyzed by X": X makes the claim.
        group = "by" if by["by"] else "of"
        source, src_start = by[group], src_start + by.start(group)
    speaker = _source_speaker(source, src_start, mentions, describe)
    titled = _TITLED_NAME.search(source)
    if titled and name_speaker is not None and speaker not in _people(mentions):
        speaker = name_speaker(titled["name"], src_start + titled.start("name"))
    if not speaker and by is not None and name_speaker is not None:
        name = re.sub(r"^the\s+", "", source.strip())
        if re.fullmatch(r"(?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*", name):
            speaker = name_speaker(name, src_start + source.index(name))
    if not speaker:
        return None
    if match.start() == 0 or text[: match.start()].strip() == "":
        begin = match.end("src")
        begin += len(re.match(r"[\s,]*", text[begin:]).group())  # type: ignore[union-attr]
        content_span = (begin, len(text))
    else:
        content_span = (0, match.start())
    content = text[content_span[0] : content_span[1]].strip().rstrip(".").strip()
    if len(content.split()) < 3:
        return None
    quotes = _QUOTED.findall(content)
    return SpeechAct(
        speakers=(speaker,),
        verb="according to",
        verb_span=(match.start(), match.end("src")),
        content=re.sub(r"[\"“”]", "", content),
        content_span=content_span,
        quote=longest_quote(quotes),
        outside=((match.start(), match.end()),),
    )


# "a tweet from press secretary Ana Lund on Wednesday: “...”": the author of the post speaks.
_POSTED = re.compile(
    r"\b(?:tweet|post|statement|message|letter|note|video)\s+(?:from|by)\s+"
    r"(?P<who>[^:;\"“”]{2,80}?)(?:\s+on\s+\w+day)?:\s*[\"“](?P<quote>[^\"“”]{3,})[\"”]"
)
# "The newspaper cited unnamed officials to report the army is considering X": its report.
_CITED = re.compile(
    r"\bcited\s+[^,;\"“”]{2,60}?\s+(?:to\s+report|as\s+saying)\s+(?:that\s+)?"
    r"(?P<what>[^;\"“”]{12,}?)\s*\.?$"
)

# "The Wall Street Journal article cited": the name that opens the sentence.
_OPENING_NAME = re.compile(r"(?:The\s+)?(?P<name>(?:[A-Z][\w'’&.-]+\s+){0,4}[A-Z][\w'’&.-]+)\b")


def posted(text: str, mentions: list[Mention]) -> SpeechAct | None:
    """Read 'a tweet from X: "words"' as X's words."""
    match = _POSTED.search(text)
    if match is None:
        return None
    named = [
        m
        for m in mentions
        if match.start("who") <= m.start < match.end("who") and m.kind in _SPEAKING
    ]
    people = [m for m in named if m.kind == "person"]
    if not (people or named) or (people or named)[-1].actor.startswith("?"):
        return None
    speaker = (people or named)[-1]
    quote = match["quote"].strip().rstrip(",").rstrip()
    start = match.start("quote")
    return SpeechAct(
        speakers=(speaker.actor,),
        verb="posted",
        verb_span=(match.start(), start),
        content=quote,
        content_span=(start, start + len(quote)),
        quote=quote,
        outside=((0, start),),
    )


def cited(text: str, mentions: list[Mention], name_speaker: NameSpeaker | None) -> SpeechAct | None:
    """Read "X cited officials to report Y" as X's words: Y."""
    match = _CITED.search(text)
    if match is None:
        return None
    speaker = clause_subject(text, mentions, match.start())
    opening = _OPENING_NAME.match(text)
    if speaker is None and opening is not None and name_speaker is not None:
        speaker = name_speaker(opening["name"], opening.start("name"))
    if speaker is None or speaker.startswith("?"):
        return None
    said = match["what"]
    start = match.start("what")
    return SpeechAct(
        speakers=(speaker,),
        verb="reported",
        verb_span=(match.start(), start),
        content=f"{said[:1].upper()}{said[1:]}",
        content_span=(start, start + len(said)),
        outside=((0, start),),
    )
