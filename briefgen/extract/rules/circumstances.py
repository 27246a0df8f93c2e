"""Read the circumstances of a saying: to whom, where and when, and what only frames it."""

from __future__ import annotations

import re

from briefgen.extract.actors import Mention

_TRAILER_START = re.compile(
    r"^\s*(?:(?:on\s+)?(?:\w+day|today|yesterday)\b|at\b|in\s+(?:an?|the|his|her|a\s+\w+)\b|"
    r"during\b|to\s+reporters\b|after\b|before\b|while\b|when\b|via\b|on\s+(?:X|Twitter|Telegram)"
    r"|in\s+\w+\b[^,]{0,30}$|from\b|$)"
)
# "said on Monday that": not "said the rebel groups that have signed ...", a relative "that".
THAT_LEAD = re.compile(
    r"^(?!\s*(?:the|a|an|its|their|these|those)\s+[^,;:\"“”]*?\bthat\s)"
    r"(?:(?!\bthat\b)[^,;:\"“”]){0,70}?\bthat\s+"
)
# "told reporters", "told a news conference in Rukla", "told Lebanese television": who heard it.
_AUDIENCE = re.compile(
    r"^\s+(?:(?:the|a|an|state|local|national|foreign)\s+)?(?:[\w'’.-]+\s+){0,3}?"
    r"(?:reporters|journalists|lawmakers|legislators|senators|parliament|committee|conference"
    r"|briefing|television|TV|radio|broadcaster|newspaper|agency|media|press|audience|crowd"
    r"|members|delegates|students|troops|soldiers|[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3}"
    r"(?:\s+(?:television|TV|radio|media|newspaper|agency|broadcaster|reporters))?)\b"
    # "a press conference", "a joint news conference with government officials".
    r"(?:\s+(?:conference|briefing|corps|club))?"
    r"(?:\s+with\s+[^,;“”\"]{1,60}?(?=\s+on\s+[A-Z]\w*day\b|\s*,))?"
    r"(?:\s+(?:in|at|on)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?"
)
VENUE = re.compile(
    r"\b(?:at|during|in)\s+(?P<venue>(?:an?\s+|the\s+|\w+(?:'s|’s)\s+)?(?:joint\s+)?"
    r"(?:press conference|news conference|briefing|summit|meeting|interview with "
    r"[A-Z][\w'’]*(?:\s+[A-Z]?[\w'’]+){0,3}|statement|speech|televised address|address|hearing"
    r"|session|rally|post on \w+|visit to [A-Z][\w]+(?:\s[A-Z][\w]+)?))"
)
_TO_ROLE = re.compile(r"\s+(?:to\s|should\b|must\b|needs?\s+to\b|ought\s+to\b)")


def audience_end(after: str) -> int:
    """Return where the audience after "told" ends ("told reporters in Riga"), else 0."""
    audience = _AUDIENCE.match(after)
    return audience.end() if audience else 0


def without_audience(verb: str, rest: str) -> str:
    """Drop who was told ("told reporters in Riga"), keeping what follows."""
    if verb.startswith(("told", "tells")):
        audience = _AUDIENCE.match(rest)
        if audience and not re.match(r"\s*that\b", rest[audience.end() :]):
            return rest[audience.end() :]
    return rest


def when_spans(
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


def is_trailer(rest: str) -> bool:
    """Tell whether what follows "X said" only says when or where, not what."""
    rest = re.sub(r"^\s*\([^)]{1,40}\)", "", rest)
    rest = re.sub(r"^\s*(?:on\s+)?(?:\w+day|today|yesterday)\b", "", rest).strip()
    if rest.startswith(("that", '"', "“")):
        return False
    if re.match(r"^,\s*[\"“]", rest):
        return True
    if re.match(
        r"^,\s*(?:citing|adding|saying|referring|calling|according|the|a|an|as|while|when|after"
        r"|which|who|with"
        r"|amid|before|since|despite)\b",
        rest,
    ):
        return True
    if re.match(r"(?:after|following|amid)\s", rest) and not re.search(r"\bthat\b", rest):
        # "said Thursday after a report the Pentagon is weighing plans": when, not what.
        return True
    if len(rest.split()) > 14:
        return False
    return bool(_TRAILER_START.match(rest)) or not rest.strip(" .,;")


def addressed(
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
