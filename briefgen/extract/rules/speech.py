"""Find reported speech in a sentence: who says what, to whom, when and where."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from briefgen.extract.actors import Mention
from briefgen.extract.rules import speakers as speakers_rules

SPEECH_VERB = re.compile(
    r"\b(?:(?:stepped up|renewed|repeated|issued)\s+(?:(?:a|their|his|her)\s+)?calls?\s+for"
    r"|called\s+(?:on|for)|calls\s+(?:on|for)|appealed\s+to|appeals\s+to|told\s+reporters"
    r"|said|says|told|tells|warned|warns|noted|added|adds|urged|urges|stressed|insisted"
    r"|insists|argued|announced|pledged|pledges|vowed|vows|promised|accused|denied|claimed"
    r"|declared|cautioned|predicted|acknowledged|conceded|suggested|asserted|emphasi[sz]ed"
    r"|wrote|replied|responded|threatened|condemned|welcomed|demanded|rejected|dismissed"
    r"|confirmed|reiterated|explained|assessed|estimated|estimates?|signal(?:l)?ed|stated|states"
    r"|reported|reports|revealed|disclosed|alleged|maintained(?=\s+(?:that\b|[,:\"“]))|saying|adding|announces|denies"
    r"|accuses|welcomes|condemns|rejects|say|noting|described"
    r"|called(?=\s+(?:the|it|this|that|these|those|its|their|his|her)\b[^,.;\"“]{0,50}?\s+an?\s)"
    r"|asked(?=\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’.-]*\s+){1,6}to\b))\b"
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
_QUOTED = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
_TRAILER_START = re.compile(
    r"^\s*(?:(?:on\s+)?(?:\w+day|today|yesterday)\b|at\b|in\s+(?:an?|the|his|her|a\s+\w+)\b|"
    r"during\b|to\s+reporters\b|after\b|before\b|while\b|when\b|via\b|on\s+(?:X|Twitter|Telegram)"
    r"|in\s+\w+\b[^,]{0,30}$|from\b|$)"
)
_LEAD_ADVERBIAL = re.compile(
    r"^(?:On|In|At|Earlier|Later|Separately|Meanwhile|Speaking|Asked|Also|But|However|And)\b"
)
_ASKED = re.compile(r"^Asked\s+(?:if|whether|about)\s+(?P<q>[^,]+(?:,[^,]+)*?),\s*")
_THAT = re.compile(r"^(?:(?!\bthat\b)[^,;:\"“”]){0,70}?\bthat\s+")
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
# "told reporters", "told a news conference in Rukla", "told Lebanese television": who heard it.
_AUDIENCE = re.compile(
    r"^\s+(?:(?:the|a|an|state|local|national|foreign)\s+)?(?:[\w'’.-]+\s+){0,3}?"
    r"(?:reporters|journalists|lawmakers|legislators|senators|parliament|committee|conference"
    r"|briefing|television|TV|radio|broadcaster|newspaper|agency|media|press|audience|crowd"
    r"|members|delegates|students|troops|soldiers|[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3}"
    r"(?:\s+(?:television|TV|radio|media|newspaper|agency|broadcaster|reporters))?)\b"
    r"(?:\s+(?:in|at|on)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?"
)
_ACCORDING = re.compile(
    r"(?:^|,\s*|(?<=\w)\s+)[Aa]ccording\s+to\s+(?P<src>[^,;]+?)(?=\s*(?:,|\.?$))"
)
_ACRONYM_INSERT = re.compile(r"(?<=[\w’'])\s\[[A-Z]{2,8}\](?=\s+[A-Z])")
_MADE_BY = re.compile(
    r"\b(?:analy[sz]ed|compiled|collected|gathered|published|released|reviewed|obtained|seen"
    r"|commissioned|conducted|provided)\s+by\s+(?P<by>.+)$"
)
_TRANSCRIPT = re.compile(
    r"^\[?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*(?:/[^:\]\"“]{1,80})?:\s*"
    r"[\"“](?P<quote>[^\"“”]{3,})[\"”]\]?\s*$"
)
_DESCRIPTOR = re.compile(r"(?:,|,[\"”]|[\"”])\s*((?:[\w'’.-]+\s+){0,5})$")
_SHARED_SUBJECT = re.compile(
    r"^(?:But\s+|And\s+)?(?P<who>\S)[^,;\"“”]*?\s(?:did not|didn't|does not|declined to)\s"
    r"[^,;\"“”]*?\s(?:but|and)\s+$"
)
_NEUTRAL = re.compile(r"^(?:said|says|added|adds|noted|told|tells|explained|stressed)\b")
COMMON_CAPITALS = frozenset(
    [
        "Officials",
        "Analysts",
        "Diplomats",
        "Residents",
        "Witnesses",
        "Experts",
        "Sources",
        "Critics",
        "Observers",
        "Police",
        "Authorities",
        "Lawmakers",
        "Activists",
        "Doctors",
        "Soldiers",
        "Troops",
        "Aid",
        "Many",
        "Some",
        "Others",
    ]
)
NOT_SPEAKERS = frozenset(
    str.split("He She It They We I You His Her Its Their This That These Those The A An There Here")
)
# "Conflict Watch reported", "The usually reliable Conflict Watch reported".
_OPENING_SPEAKER = re.compile(
    r"(?:[Tt]he\s+(?:[a-z][\w-]*\s+){1,3})?(?P<name>[A-Z][\w'’&-]+(?:\s+[A-Z][\w'’&-]+){0,3})\s+"
)
_PROPER_SPEAKER = re.compile(
    r"(?:,|,[\"”])\s*(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:of|for|without|the|and|de|du)?\s*[A-Z][\w'’-]+){1,5})\s+$"
)
VENUE = re.compile(
    r"\b(?:at|during|in)\s+(?P<venue>(?:an?\s+|the\s+|\w+(?:'s|’s)\s+)?(?:joint\s+)?"
    r"(?:press conference|news conference|briefing|summit|meeting|interview with "
    r"[A-Z][\w'’]*(?:\s+[A-Z]?[\w'’]+){0,3}|statement|speech|televised address|address|hearing"
    r"|session|rally|post on \w+|visit to [A-Z][\w]+(?:\s[A-Z][\w]+)?))"
)


@dataclass(frozen=True)
class SpeechAct:
    """One act of reported speech: its speakers, verb and the words reported."""

    speakers: tuple[str, ...]
    verb: str
    verb_span: tuple[int, int]
    content: str
    content_span: tuple[int, int]
    quote: str | None = None
    addressed: str | None = None
    asked: str | None = None
    venue: str | None = None
    outside: tuple[tuple[int, int], ...] = field(default=())
    """Spans of the sentence that are not the reported words (where its date stands)."""


def find_acts(
    text: str,
    mentions: list[Mention],
    last_person: str | None,
    name_speaker: Callable[[str, int], str] | None = None,
    last_body: str | None = None,
    describe: Callable[[speakers_rules.Described], str | None] | None = None,
) -> list[SpeechAct]:
    """Return the acts of reported speech in a sentence, in order."""
    # "the Army's [PLA] Eastern Command said": an editor's acronym inside a name is blanked
    # (same length, so every offset holds) for the name to read as one.
    text = _ACRONYM_INSERT.sub(lambda m: " " * len(m.group()), text)
    transcript = _TRANSCRIPT.match(text)
    if transcript and name_speaker is not None:
        # '[Ana Lund / Minister: "Words."]': a broadcast transcript names the speaker first.
        quote = transcript["quote"].strip()
        person = next((m.actor for m in mentions if m.start <= 1 and m.kind == "person"), None)
        speaker = person or name_speaker(transcript["name"], transcript.start("name"))
        start = transcript.start("quote")
        return [
            SpeechAct(
                speakers=(speaker,),
                verb="said",
                verb_span=(transcript.start("name"), transcript.end("name")),
                content=quote,
                content_span=(start, start + len(quote)),
                quote=quote,
            )
        ]
    quoted_as = _quoted_as(text, mentions, name_speaker)
    if quoted_as is not None:
        return [quoted_as]
    verbs = [
        m
        for m in SPEECH_VERB.finditer(text)
        if not _inside_quote(text, m.start())
        and not re.search(r"\bas\s+$", text[: m.start()])
        and not _AS_REPORTED.search(text[: m.end() + 2])
        and not re.search(r"\b(?:which|who)\s+(?:(?:has|have|had)\s+)?$", text[: m.start()])
    ]
    acts: list[SpeechAct] = []
    for index, verb in enumerate(verbs):
        speakers, speaker_start, inverted_end = _speakers(
            text, verb, mentions, last_person, last_body
        )
        if (
            not speakers
            and acts
            and re.search(r"(?:,\s*|\s+)(?:and|but)\s+$", text[: verb.start()])
        ):
            # "X said A and added B" is one statement; "X urged A and warned B" is two.
            end = verbs[index + 1].start() if index + 1 < len(verbs) else len(text)
            more = _content(text, verb, acts[-1].speakers, verb.start(), -1, end, mentions)
            if more is not None and _NEUTRAL.match(more.verb):
                acts[-1] = _join(acts[-1], more)
            elif more is not None:
                acts.append(more)
            continue
        if not speakers:
            # "He did not mention the drills but called on Beijing to ...": the subject
            # of the sentence speaks with a verb coordinated to a non-speech one.
            shared = _SHARED_SUBJECT.match(text[: verb.start()])
            first = mentions[0] if mentions else None
            if shared and first and first.start == shared.start("who"):
                speakers, speaker_start = _speakers_of(first, mentions, last_person), verb.start()
        verb_text = " ".join(verb.group().split())
        main = ""
        if not speakers and _PARTICIPLE.match(verb_text):
            # "X confirmed the move, saying it was needed": the subject of the clause speaks.
            if acts:
                end = verbs[index + 1].start() if index + 1 < len(verbs) else len(text)
                more = _content(text, verb, acts[-1].speakers, verb.start(), -1, end, mentions)
                if more is not None:
                    acts[-1] = _join(acts[-1], more)
                continue
            subject = _clause_subject(text, mentions, verb.start())
            if subject:
                speakers, speaker_start = (subject,), verb.start()
                main = _main_clause(text, mentions, verb.start())
        if not speakers and describe is not None:
            before = text[: verb.start()]
            described = speakers_rules.described_before(before)
            if (
                described is None
                and _INVERTING.match(verb_text)
                and before.rstrip().endswith((",", ',"', ",”", '"', "”"))
            ):
                described = speakers_rules.described_after(text[verb.end() :], verb.end())
                if described is not None:
                    actor = describe(described)
                    if actor:
                        speakers, speaker_start = (actor,), verb.start()
                        inverted_end = described.end
                    described = None
            if described is not None:
                actor = describe(described)
                if actor:
                    speakers, speaker_start = (actor,), described.start
        if not speakers and name_speaker is not None:
            named = _PROPER_SPEAKER.search(text[: verb.start()])
            opening = _OPENING_SPEAKER.fullmatch(text[: verb.start()])
            if named and named["name"].split()[0] in NOT_SPEAKERS:
                named = None
            if named and _is_trailer(_without_audience(verb_text, text[verb.end() :])):
                speakers = (name_speaker(named["name"], named.start("name")),)
                speaker_start = named.start() + 1
            elif (
                opening
                and opening["name"].split()[0] not in COMMON_CAPITALS
                and opening["name"].split()[0] not in NOT_SPEAKERS
                and not opening["name"].split()[0].endswith("ing")
            ):
                speakers = (name_speaker(opening["name"], opening.start("name")),)
                speaker_start = opening.start("name")
        if not speakers:
            continue
        next_start = verbs[index + 1].start() if index + 1 < len(verbs) else len(text)
        act = _content(text, verb, speakers, speaker_start, inverted_end, next_start, mentions)
        if act is not None and main:
            # "X thanked Y for its help, noting that ...": what X did frames what X noted.
            act = replace(act, content=f"{main}; {act.content[:1].lower()}{act.content[1:]}")
        if act is not None:
            acts.append(act)
    if not acts and name_speaker is not None:
        passive = _as_by(text, mentions, name_speaker)
        if passive is not None:
            acts.append(passive)
    if not acts:
        according = _according(text, mentions, last_body, describe, name_speaker)
        if according is not None:
            acts.append(according)
    if not acts:
        called = _what_called(text, mentions)
        if called is not None:
            acts.append(called)
    if not acts:
        reports = _there_are_reports(text, mentions, describe)
        if reports is not None:
            acts.append(reports)
    what_said = _what_said(text, mentions, describe)
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


def _inside_quote(text: str, pos: int) -> bool:
    # Count every double quotation mark: sources mix curly and straight ones.
    before = text[:pos]
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def _speakers(
    text: str,
    verb: re.Match[str],
    mentions: list[Mention],
    last_person: str | None,
    last_body: str | None,
) -> tuple[tuple[str, ...], int, int]:
    """Find who speaks: a mention before the verb, or right after it ("said Blinken")."""
    speakers: list[str] = []
    start = -1
    for i in range(len(mentions) - 1, -1, -1):
        mention = mentions[i]
        if mention.end > verb.start() or mention.kind == "adjective":
            continue
        gap = text[mention.end : verb.start()]
        closes_appositive = re.fullmatch(r"\s*,\s*", gap) and re.search(
            r",\s*$", text[: mention.start]
        )
        if not (_GAP_BEFORE.fullmatch(gap) or _RELATIVE_GAP.fullmatch(gap) or closes_appositive):
            continue
        if _LOOKS_LIKE_OBJECT.search(text[max(0, mention.start - 12) : mention.start]):
            continue
        actor = mention.actor
        if actor == "?":
            earlier = [m.actor for m in mentions[:i] if m.kind == "person"]
            actor = earlier[-1] if earlier else "?"
        elif actor == "?it":
            actor = last_body or ""
        speakers.append(actor)
        start = mention.start
        j = i - 1
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
        break
    end = -1
    if not speakers and _INVERTING.match(" ".join(verb.group().split())):
        for mention in mentions:
            gap = text[verb.end() : mention.start]
            if mention.start >= verb.end() and re.fullmatch(r"\s*(?:the\s+)?", gap):
                if mention.kind in ("person", "group", "body", "state"):
                    before = text[: verb.start()].rstrip()
                    if before.endswith((",", ',"', ",”", '"', "”")):
                        speakers, start, end = [mention.actor], verb.start(), mention.end
                break
    resolved = [last_person if s == "?" else s for s in speakers]
    return tuple(s for s in resolved if s and not s.startswith("?")), start, end


_LOOKS_LIKE_OBJECT = re.compile(
    r"\b(?:of|to|for|with|by|against|on|about|from|in|at|into)\s+(?:the\s+)?$"
)


def _content(
    text: str,
    verb: re.Match[str],
    speakers: tuple[str, ...],
    speaker_start: int,
    inverted_end: int,
    next_verb: int,
    mentions: list[Mention],
) -> SpeechAct | None:
    after_start = inverted_end if inverted_end >= 0 else verb.end()
    after = text[after_start:next_verb]
    if verb.group().startswith(("told", "tells")) and not _THAT.match(after):
        audience = _AUDIENCE.match(after)
        if audience:
            after_start += audience.end()
            after = after[audience.end() :]
    if next_verb < len(text):
        cut = after.rfind(",")
        after = after[:cut] if cut > 0 else re.sub(r"\s+(?:and|but|while|or)\s*$", "", after)
    before = text[:speaker_start].rstrip()
    descriptor = _DESCRIPTOR.search(before + " ")
    if (
        descriptor
        and descriptor[1].strip()
        and not re.search(r"\b(?:that|and|but)\b", descriptor[1])
    ):
        before = before[: descriptor.start(1)].rstrip()
    asked = _ASKED.match(before + " ") if before.startswith("Asked") else None
    lead_ok = (
        before.endswith((",", ',"', ",”", '"', "”"))
        and not asked
        and not (_LEAD_ADVERBIAL.match(before) and len(before.split()) <= 6)
        and (len(before.split()) >= 4 or before.startswith(('"', "“")))
    )
    addressed = _addressed(text, verb, mentions, speakers)
    trailer = text[after_start:]
    if verb.group().startswith(("told", "tells")):
        trailer = re.sub(r"^\s*(?:[a-z]+\s+){1,3}(?=(?:at|in|during|on|after|from)\b)", "", trailer)
    if lead_ok and _is_trailer(trailer):
        # "Words," X said (at ...)[, "more words."]
        more = _QUOTED.findall(text[after_start:])
        raw = " ".join([before, *more])
        content_span = (0, len(before))
        outside: tuple[tuple[int, int], ...] = ((speaker_start, len(text)),)
        quotes = _QUOTED.findall(before) + more
    else:
        # X said (that) words.
        # "described the visit as a turning point": no reported clause to look for.
        that = None if verb.group() == "described" else _THAT.match(after)
        lead = that or _LEAD_IN.match(after)
        skip = lead.end() if lead else 0
        raw = after[skip:].strip().rstrip(".")
        begin = after_start + skip
        content_span = (begin, begin + len(after[skip:]))
        outside = ((0, begin),)
        quotes = _QUOTED.findall(raw)
    quote = longest_quote(quotes)
    content = re.sub(r"[\"“”]", "", raw).strip().rstrip(",")
    if asked:
        content = f"Asked whether {asked['q'].strip()}: {content}"
    content = content.strip().strip(",").strip()
    if len(content.split()) < 3:
        return None
    verb_text = " ".join(verb.group().split()).lower()
    negated = _NEGATION.search(text[: verb.start()])
    if negated and content_span[0] >= verb.end():
        # "Kigali has never acknowledged its troops were there": the stance keeps the "never".
        content = f"{negated.group().strip().capitalize()} {verb_text} {content}"
    elif _OBJECT_VERBS.match(verb_text) and content_span[0] >= verb.end():
        content = f"{verb_text.capitalize()} {content}"
    elif verb_text == "called" and content_span[0] >= verb.end():
        # "called the war a defeat": the thing named, then what it was called.
        content = re.sub(r"^(.*?)\s+(an?\s)", r"\1: \2", content, count=1)
    venue = VENUE.search(text, *(outside[0]))
    outside = _when_spans(text, verb, content_span)
    return SpeechAct(
        speakers=speakers,
        verb=verb_text,
        verb_span=(verb.start(), verb.end()),
        content=content,
        content_span=content_span,
        quote=quote.strip() if quote else None,
        addressed=addressed,
        asked=asked["q"].strip() if asked else None,
        venue=venue["venue"] if venue else None,
        outside=outside,
    )


def _without_audience(verb: str, rest: str) -> str:
    """Drop who was told ("told reporters in Riga"), keeping what follows."""
    if verb.startswith(("told", "tells")):
        audience = _AUDIENCE.match(rest)
        if audience and not re.match(r"\s*that\b", rest[audience.end() :]):
            return rest[audience.end() :]
    return rest


# An opening phrase before the subject: "On Monday, ", "Hours after the troops landed, ".
_SUBJECT_SKIP = re.compile(
    r"^(?:(?:On|In|At|Earlier|Later|Meanwhile|However|But|And|Hours|Days|Weeks|After|Before"
    r"|Shortly|Speaking|Asked)\b[^,]{0,80},\s*)?"
)


def _main_clause(text: str, mentions: list[Mention], end: int) -> str:
    """Return what the subject did before a participle, without the subject."""
    first = next((m for m in mentions if m.kind != "adjective" and m.start < end), None)
    if first is None:
        return ""
    return text[first.end : end].strip(" ,").strip()


def _clause_subject(text: str, mentions: list[Mention], end: int) -> str | None:
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


def _as_by(
    text: str, mentions: list[Mention], name_speaker: Callable[[str, int], str]
) -> SpeechAct | None:
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


def _quoted_as(
    text: str, mentions: list[Mention], name_speaker: Callable[[str, int], str] | None
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


def _what_called(text: str, mentions: list[Mention]) -> SpeechAct | None:
    """Read "X did Y, in what it called Z" as X's words: Y is Z."""
    match = _WHAT_CALLED.search(text)
    if match is None or match.start() < 12:
        return None
    who = match["who"].strip()
    if re.fullmatch(r"(?i)it|they", who):
        speaker = _clause_subject(text, mentions, match.start())
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


def _what_said(
    text: str,
    mentions: list[Mention],
    describe: Callable[[speakers_rules.Described], str | None] | None,
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


def _there_are_reports(
    text: str,
    mentions: list[Mention],
    describe: Callable[[speakers_rules.Described], str | None] | None,
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


def _source_speaker(
    source: str,
    start: int,
    mentions: list[Mention],
    describe: Callable[[speakers_rules.Described], str | None] | None,
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


def _according(
    text: str,
    mentions: list[Mention],
    last_body: str | None,
    describe: Callable[[speakers_rules.Described], str | None] | None,
    name_speaker: Callable[[str, int], str] | None = None,
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
        source, src_start = by["by"], src_start + by.start("by")
    speaker = _source_speaker(source, src_start, mentions, describe)
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


def longest_quote(fragments: list[str]) -> str | None:
    """Return the longest quoted fragment, verbatim: fragments are never stitched together."""
    cleaned = [q.strip().rstrip(",").strip() for q in fragments]
    return max(cleaned, key=len) if cleaned else None


def _speakers_of(
    mention: Mention, mentions: list[Mention], last_person: str | None
) -> tuple[str, ...]:
    if mention.actor == "?":
        return (last_person,) if last_person else ()
    if mention.actor.startswith("?") or mention.kind == "adjective":
        return ()
    return (mention.actor,)


def _join(first: SpeechAct, second: SpeechAct) -> SpeechAct:
    """Join what one speaker said with two verbs in one sentence into one act."""
    verb = second.verb if second.verb not in ("said", "says") else ""
    content = f"{first.content}; {verb} {second.content}".replace(";  ", "; ")
    quote = longest_quote([q for q in (first.quote, second.quote) if q])
    return SpeechAct(
        speakers=first.speakers,
        verb=first.verb,
        verb_span=first.verb_span,
        content=content,
        content_span=(first.content_span[0], max(first.content_span[1], second.content_span[1])),
        quote=quote,
        addressed=first.addressed or second.addressed,
        asked=first.asked,
        venue=first.venue or second.venue,
        outside=first.outside,
    )


def _when_spans(
    text: str, verb: re.Match[str], content: tuple[int, int]
) -> tuple[tuple[int, int], ...]:
    """Return where the date of the saying may stand: around the verb or as an opener."""
    spans = [(max(verb.start() - 25, 0), min(verb.end() + 45, len(text)))]
    opener = re.match(r"(?:Earlier |Late |Also )?[Oo]n\s+\w+day\b", text)
    if opener:
        spans.append((0, opener.end()))
    relative = [m.span() for m in re.finditer(r",\s+(?:who|which)\b[^,]*,", text)]
    result = []
    for start, end in spans:
        for r_start, r_end in relative:
            if r_start <= start < r_end:
                start = r_end
            if r_start < end <= r_end:
                end = r_start
        if content[0] <= start < content[1]:
            start = content[1]
        if content[0] < end <= content[1]:
            end = content[0]
        if start < end:
            result.append((start, end))
    return tuple(result)


def _is_trailer(rest: str) -> bool:
    """Tell whether what follows "X said" only says when or where, not what."""
    rest = re.sub(r"^\s*\([^)]{1,40}\)", "", rest)
    rest = re.sub(r"^\s*(?:on\s+)?(?:\w+day|today|yesterday)\b", "", rest).strip()
    if rest.startswith(("that", '"', "“")):
        return False
    if re.match(r"^,\s*[\"“]", rest):
        return True
    if re.match(
        r"^,\s*(?:citing|adding|saying|referring|calling|according|the|a|an|as|while|when|after"
        r"|which|who"
        r"|amid|before|since|despite)\b",
        rest,
    ):
        return True
    if len(rest.split()) > 14:
        return False
    return bool(_TRAILER_START.match(rest)) or not rest.strip(" .,;")


_TO_ROLE = re.compile(r"\s+(?:to\s|should\b|must\b|needs?\s+to\b|ought\s+to\b)")


def _addressed(
    text: str, verb: re.Match[str], mentions: list[Mention], speakers: tuple[str, ...]
) -> str | None:
    """Return who the words are addressed to, only when the text says so."""
    verb_text = verb.group().lower()
    wants_object = re.search(r"(?:on|for|to|urged|urges|told|tells|warned|warns)$", verb_text)
    for mention in mentions:
        if mention.start < verb.end() or mention.kind in ("pronoun", "adjective"):
            continue
        if mention.actor in speakers:
            continue
        gap = text[verb.end() : mention.start]
        if wants_object and re.fullmatch(r"\s*(?:the\s+)?", gap):
            return mention.actor
        if _TO_ROLE.match(text[mention.end :]) and re.fullmatch(
            r"\s*(?:(?:on\s+)?\w+day\s+)?(?:that\s+)?(?:the\s+)?", gap
        ):
            return mention.actor
        break
    return None
