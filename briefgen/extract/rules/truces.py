"""Ask whether a ceasefire holds, naming its parties where the text does."""

from __future__ import annotations

import re

from briefgen.extract.rules.phrasing import lower_first
from briefgen.extract.rules.questions import Opening

_PARTY = r"(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*"
# "the cease-fire between Israel and Hezbollah", "a ceasefire agreed by the militants".
_TRUCE = re.compile(
    rf"\b(?i:cease-?fire|truce)(?:\s+between\s+(?P<a>{_PARTY})\s+and\s+(?P<b>{_PARTY}))?"
)
# "a cease-fire to end a month of fighting between Israel and Hezbollah": who stops fighting.
_FIGHTING = re.compile(
    rf"\b(?:fighting|war|conflict|clashes|hostilities)\s+between\s+(?:the\s+)?(?P<a>{_PARTY})"
    rf"\s+and\s+(?:the\s+)?(?P<b>{_PARTY})"
)
# "the militants in South Waziristan agreed to a ceasefire": who accepted it.
_AGREED = re.compile(
    r"(?P<who>\b(?:the\s+|[A-Z])(?:[\w'’-]+\s+){0,4}?[\w'’-]+)"
    # "the regime and rebels had signed": the auxiliary is no party.
    r"(?:\s+(?:had|have|has|had\s+also|have\s+now))?\s+(?:agreed\s+to|accepted"
    r"|signed|declared|announced)\s+(?:a|the|an)\s+(?:\w+\s+)?(?i:cease-?fire|truce)\b"
)


def find_truce(text: str) -> Opening | None:
    """Return "Will the ceasefire hold?" where a sentence names a ceasefire or truce."""
    match = _TRUCE.search(text)
    if match is None:
        return None
    noun = match.group().split()[0].lower()
    parties = match if match["a"] else _FIGHTING.search(text)
    detail = ""
    if parties is not None:
        detail = f" between {parties['a']} and {parties['b']}"
    else:
        agreed = _AGREED.search(text)
        if agreed is not None:
            detail = f" agreed by {lower_first(agreed['who'])}"
    return Opening(f"Will the {noun}{detail} hold?", match.start(), match.end())


def names_parties(question: str) -> bool:
    """Tell whether a truce question says whose truce it is."""
    return " between " in question or " agreed by " in question
