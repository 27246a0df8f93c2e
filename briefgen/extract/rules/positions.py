"""Turn reported speech into positions: speaker, stance, verbatim quote, type and date."""

from __future__ import annotations

import datetime as dt
import re

from briefgen.extract.dates import find_dates
from briefgen.extract.rules.speech_act import SpeechAct
from briefgen.model import PositionType

_VERB_TYPES: tuple[tuple[str, PositionType], ...] = (
    (r"warn|caution|threaten", PositionType.WARNING),
    (r"urge|call|appeal|demand", PositionType.APPEAL),
    (r"pledge|vow|promise", PositionType.COMMITMENT),
    (r"condemn|welcome|reject|dismiss|accuse|den(y|ie)", PositionType.REACTION),
    (r"predict", PositionType.PREDICTION),
    (r"estimat|assess", PositionType.ASSESSMENT),
)
_CONTENT_TYPES: tuple[tuple[str, PositionType], ...] = (
    (
        r"\blegitimate (?:military )?targets?\b|\bconsequences\b|\bheavy losses\b|\bdanger"
        r"|\bthreat|\bescalat|\bpay a (?:heavy )?price\b|\bwill not tolerate\b",
        PositionType.WARNING,
    ),
    (r"\b(?:should|must|ought to|needs? to|calls? on|to take a|urge)\b", PositionType.APPEAL),
    (
        r"\b(?:will|would|is going to|are going to)\s+(?:\w+\s+)?(?:announce|provide|send|deliver"
        r"|supply|give|continue|support|stand|deploy|help|fund)\b|\bwe will\b",
        PositionType.COMMITMENT,
    ),
    (r"\b(?:surprised|shocked|outraged|disappointed|regret|deplor|condemn)", PositionType.REACTION),
    (
        r"\b(?:likely|expect(?:s|ed)?|probably|in the coming (?:days|weeks|months))\b",
        PositionType.PREDICTION,
    ),
    (
        r"\b(?:had been|has been|have been|trained|pales|capabilit|intend|indicat|able to|"
        r"the answer was|believe|think|assess|appear|seems?|number of|are aware|well aware)",
        PositionType.ASSESSMENT,
    ),
)
MAX_STANCE = 320
# A figure worth comparing between two stances: two digits or more, not a year.
FIGURE = re.compile(r"(?<![\w,.])(?!(?:19|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d{2,})(?![\w,])")


def classify(act: SpeechAct) -> PositionType:
    """Choose a position type from the verb, then from the words reported."""
    for pattern, kind in _VERB_TYPES:
        if re.match(pattern, act.verb) or re.search(rf"\b(?:{pattern})", act.verb):
            return kind
    for pattern, kind in _CONTENT_TYPES:
        if re.search(pattern, act.content, re.IGNORECASE):
            return kind
    return PositionType.STATEMENT


def summarize(act: SpeechAct) -> str:
    """Make a short stance from the reported words: one clause, capitalised, no quotes."""
    text = " ".join(act.content.split())
    text = re.sub(r"\s+([,.;:])", r"\1", text).strip(" ,;:")
    if len(text) > MAX_STANCE:
        text = text[:MAX_STANCE].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def speech_date(text: str, act: SpeechAct, published: dt.date | None) -> dt.date | None:
    """Return the date the words were said, when the sentence states it outside them."""
    for start, end in act.outside:
        for d_start, _, value in find_dates(text[start:end], published):
            if len(value) == 10 and d_start >= 0:
                return dt.date.fromisoformat(value)
    return None
