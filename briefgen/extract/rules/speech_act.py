"""One act of reported speech, and the quotes it keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The verbs that report speech ("said", "warned", "called on"), with what they need after them.
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
QUOTED = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
# "said though the ambassador": a subordinate clause cut off by its own verb, no stance.
_FRAGMENT = re.compile(
    r"(?i)(?:even\s+)?(?:though|although|whereas|while|if|unless|because)\s+(?:\S+\s*){1,4}$"
)
# '"What is going to happen to the gangs," he said': a question asked, not a stance taken.
_ASKING = re.compile(
    r"(?:What|Why|How|When|Where|Who|Which)\s+(?:is|are|was|were|will|would|can|could|do|does"
    r"|did|should)\b(?:(?!\b(?:is|are|was|were)\b)[^.!?])*(?:\?|$)"
    r"|(?:Is|Are|Will|Would|Can|Could|Do|Does|Did|Should)\s+"
    r"(?:it|they|we|he|she|the|this|that|there)\b[^.!]*?\?"
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
    runs_on: bool = False
    """A quotation running on past a sentence that already ran on from its speaker."""


def longest_quote(fragments: list[str]) -> str | None:
    """Return the longest quoted fragment, verbatim: fragments are never stitched together."""
    cleaned = [q.strip().rstrip(",").strip() for q in fragments]
    return max(cleaned, key=len) if cleaned else None


def join_acts(first: SpeechAct, second: SpeechAct) -> SpeechAct:
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


def is_stance(content: str) -> bool:
    """Tell whether reported words make a stance: three words or more, no fragment or question."""
    return len(content.split()) >= 3 and not _FRAGMENT.match(content) and not _ASKING.match(content)


def inside_quote(text: str, pos: int) -> bool:
    """Tell whether a position in a sentence falls inside a quotation."""
    # Count every double quotation mark: sources mix curly and straight ones.
    before = text[:pos]
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1
