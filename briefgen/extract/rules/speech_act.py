"""One act of reported speech, and the quotes it keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

QUOTED = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")


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
