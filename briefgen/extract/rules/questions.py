"""Find what the article leaves open: questions asked, expectations, pending decisions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from briefgen.extract.rules.phrasing import (
    CLAUSE,
    RUN,
    ask,
    base_form,
    conditional,
    invert,
    lower_first,
    lower_first_word,
    modal_clause,
    possessive,
    subject_of,
    tidy,
    wh_question,
)

_THOUGHT = re.compile(
    r"^(?:he|she|they|it|the \w+)\s+(?:thought|believed|expected|felt|considered)\s+(?:that\s+)?",
    re.IGNORECASE,
)

ASKED = re.compile(r"\bAsked\s+(?:if|whether)\s+(?P<q>[^,]+(?:,\s*(?!\w+\s+said)[^,]+)*?),")

EXPECTED = re.compile(
    r"\b(?P<aux>is|are|was|were)\s+(?:now\s+|also\s+|widely\s+)?"
    r"(?:expected|set|poised|likely|due|scheduled|planning|preparing|ready)\s+to\s+(?P<vp>[^,;.]+)"
)

INTENT = re.compile(
    r"\b(?<!no )(?P<aux>plans|planned|intends|aims|threatens|threatened)"
    rf"\s+to\s+(?P<vp>{RUN}+)"
)

UNSAID = re.compile(
    r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:said|announced|disclosed|decided|set out)\s+"
    r"(?P<wh>when|how(?:\s+many|\s+much)?|where|what|why)\s+(?P<clause>[^,;.]+)"
)

YET = re.compile(r"\b(?P<aux>has|have|had)\s+yet\s+to\s+(?P<vp>[^,;.]+)")

NOT_YET = re.compile(
    r"\b(?P<aux>has|have|had)\s+not\s+yet\s+(?P<vp>(?!decided)\w+(?:ed|en)\b[^,;.]*)"
)

CONSIDER = re.compile(
    r"\b(?P<verb>consider(?:s|ing)?|weigh(?:s|ing)?|debat(?:e|es|ing)|discuss(?:es|ing)?"
    r"|decid(?:e|es|ing)|determin(?:e|es|ing)|assess(?:es|ing)?)\s+"
    r"(?P<wh>how|whether|when|what)\s+to\s+(?P<vp>[^,;.]+)"
)

UNDECIDED = re.compile(
    r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?decided\s+(?P<wh>how|whether|when|what)\s+to\s+"
    r"(?P<vp>[^,;.]+)"
)

ANNOUNCE = re.compile(
    r"\b(?P<aux>will|would|plans to|intends to)\s+(?P<verb>announce|unveil|present|disclose"
    r"|reveal|decide on|release|send)\s+(?P<obj>[^,;.]+?)\s+"
    r"(?P<when>in the coming (?:days|weeks|months)|soon|shortly|later this (?:week|month|year)"
    r"|next (?:week|month|year))\b"
)

APPEAL = re.compile(
    r"\b(?:calls?\s+(?:on|for)|called\s+(?:on|for)|urged|urges|urging|appealed\s+to|pressed"
    r"|pressing|asked)\s+(?P<who>(?:the\s+)?[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)*"
    r"(?:\s+(?:to|of|in)\s+[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)*(?=\s+to\s))?"
    r"|the\s+(?:junta|army|government|military|rebels|authorities|regime|alliance))\s+to\s+"
    r"(?P<vp>[^,;.]+)"
)

RISK = re.compile(
    r"\b(?:warned|warns|cautioned|feared|fears)\s+(?:[\w']+\s+){0,3}?that\s+"
    r"(?P<clause>[^,;.:]+?\b(?:could|might|may)\s+[^,;.:]+)"
)

UNKNOWN = re.compile(
    r"\b(?:[Ii]t|[Tt]his)\s+(?:is|was|remains|remained|wasn't|isn't|is\s+still|was\s+still)\s+"
    r"(?:not\s+)?(?:yet\s+)?(?:immediately\s+|entirely\s+|still\s+)?"
    r"(?:known|clear|unclear|certain|uncertain|uncertain|to\s+be\s+seen)\s+"
    r"(?P<wh>what|how(?:\s+exactly|\s+many|\s+much|\s+long)?|whether|when|where|why|who|which|if)"
    rf"\s+(?P<clause>{CLAUSE}{{4,200}})"
    r"|\b(?:remains|remain|remained)\s+to\s+be\s+seen\s+(?P<wh2>whether|how|if|when|what)"
    rf"\s+(?P<clause2>{CLAUSE}{{4,200}})"
)

# "the number of troops to be deployed and the duration of deployment is not known".
UNTOLD = re.compile(
    r"\b[Tt]he\s+(?:exact\s+|precise\s+|total\s+)?(?P<what>number|size|duration|length)\s+of\s+"
    r"(?P<of>[^,;.]+?)(?:\s+and\s+the\s+(?P<what2>number|size|duration|length)\s+of\s+"
    r"(?P<of2>[^,;.]+?))?\s+(?:is|was|are|were|remains?|remained)\s+(?:still\s+|also\s+)?"
    r"(?:not\s+(?:yet\s+)?(?:known|clear|disclosed|public|been\s+disclosed)|unknown|unclear"
    r"|undisclosed|uncertain)"
)

NOT_SAID = re.compile(
    r"\b(?:did\s+not|didn't|does\s+not|doesn't|declined\s+to|refused\s+to|would\s+not"
    r"|wouldn't|could\s+not)\s+(?:immediately\s+)?(?:say|specify|disclose|reveal|elaborate\s+on"
    r"|explain|confirm)\s+(?P<wh>when|how(?:\s+many|\s+much|\s+long)?|where|what|why|whether|who"
    rf"|which)\s+(?P<clause>{CLAUSE}{{4,200}})"
)

DOUBT = re.compile(
    r"\b(?:questioned|questions|wondered|wonders|doubted|doubts|asked|asks)\s+"
    rf"(?P<wh>whether|if|how|when|why)\s+(?P<clause>{CLAUSE}{{4,200}})"
)

LIKELY = re.compile(rf"\b(?:will|would)\s+(?:very\s+|most\s+|highly\s+)?likely\s+(?P<vp>{RUN}+)")

UNLIKELY_THAT = re.compile(
    r"\b(?:it\s+is|it's)\s+(?:very\s+|highly\s+)?(?:un)?likely\s+that\s+"
    rf"(?P<clause>{CLAUSE}+)"
)

MODAL = re.compile(rf"\b(?P<aux>could|may|might)\s+(?P<vp>(?!not\b|have\b|be\s+reached){CLAUSE}+)")

_SPOKE_THAT = re.compile(
    r"\b(?:said|says|warned|warns|added|told\s+\w+|believes?|expects?|predicted|estimated"
    r"|noted)\s+(?:that\s+)?$"
)

# '..., a top Pentagon official said Thursday': the speaker after the clause.
_SPOKE_AFTER = re.compile(
    r"\s*,\s+(?:(?:a|an|the|one)\s+)?(?:[\w'’.-]+\s+){0,6}?(?:said|says|told|warned|added)\b"
)

DIRECT = re.compile(r"(?:^|(?<=[\"“])|(?<=[.?!]\s))(?P<q>[A-Z][^\"“”?.!]{6,200}\?)")

PLANS_NOUN = re.compile(
    r"(?P<subject>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+(?:is|are|was|were)\s+"
    r"(?:weighing|considering|drawing\s+up|discussing|preparing|reviewing)\s+plans?\s+to\s+"
    rf"(?P<vp>{CLAUSE}+)"
)

# "the request of the Somali government to the Security Council to delay the drawdown".
REQUEST = re.compile(
    r"\brequest\s+(?:of|by|from)\s+(?P<who>(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+to\s+"
    r"(?P<to>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})(?:\s+on\s+[^,;]{1,40}?)?"
    r"\s+to\s+(?P<vp>[^,;.]+)"
)

# "This movement is temporary", "a temporary deployment": how long it lasts is open.
TEMPORARY = re.compile(
    r"\b(?P<noun>movement|deployment|presence|mission|stay|posting)\s+(?:is|was|will\s+be"
    r"|would\s+be)\s+(?:only\s+)?temporary\b|\btemporary\s+(?P<noun2>deployment|presence"
    r"|mission|stay|posting)\b"
)

# "the plan to withdraw 3,000 soldiers at the end of this month is still the same".
PLAN_TO = re.compile(
    r"\b(?:the|a|its|their)\s+(?:\w+\s+)?plans?\s+to\s+(?P<vp>(?:[^,;.]|,(?=\d{3}))+?)\s+"
    r"(?:is|are|was|were|remains?|remained|has|have|had)\b"
)

# "killed in a landmine blast near Jandola": who did it is open while no one is named.
UNCLAIMED = re.compile(
    r"\b(?:in|by)\s+an?\s+(?P<what>(?:[\w-]+\s+){0,2}?(?:blast|bombing|explosion|ambush"
    r"|attack))\b(?!\s+(?:by|claimed|carried|launched))(?:[^,;.]{0,40}?\s+(?:near|in|at)\s+"
    r"(?P<where>[A-Z][\w'’-]+))?"
)

_HARM = re.compile(r"\b(?:killed|wounded|injured|dead|died)\b")

_CLAIMED = re.compile(r"\bclaimed\s+responsibility\b|\bresponsibility\s+for\b")

# "Many vessels likely went uncounted": a count the text can only guess at.
UNCOUNTED = re.compile(
    r"\b(?:Many|Some|Several|Dozens|Hundreds|Thousands)\s+(?:of\s+(?:the\s+)?)?"
    r"(?P<noun>(?:[a-z]+\s+){0,2}?[a-z]+s)\s+(?P<modal>likely|probably|may\s+have|might\s+have)"
    r"\s+(?P<vp>[^,;.]+?)(?=\s+(?:because|as|since|after|when|while)\b|\s*[,;.]|\s*$)"
)

# "tracking the possibility that X", "there are also reports that X": X is not confirmed.
UNCONFIRMED = re.compile(
    rf"\b(?:possibility|likelihood|prospect)\s+that\s+(?P<clause>{CLAUSE}{{4,200}})"
    r"|\b(?i:there)\s+(?:are|were|have\s+been)\s+(?:also\s+)?(?:unconfirmed\s+)?(?:reports|claims"
    rf"|rumou?rs)\s+that\s+(?P<clause2>{CLAUSE}{{4,200}})"
)

# "it had repelled a fierce attack ... on the city of El Fasher": whether it holds is open.
REPELLED = re.compile(
    r"\b(?:repelled|repulsed|fought\s+off|beat\s+back)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attack|assault|offensive|raid)\b[^,;.]*?\s+on\s+(?P<place>(?:the\s+)?(?:(?:city|town"
    r"|village|base|port)\s+of\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
)

# "the United States will send some KC-135 refueling aircraft": how many is left open.
SOME_UNITS = re.compile(
    r"\b(?P<aux>will|would)\s+(?P<verb>send|deploy|dispatch)\s+(?:some|more"
    r"|additional|several|extra)\s+(?P<what>(?:[\w-]+\s+){0,3}?(?:aircraft|troops|soldiers|ships"
    r"|vessels|warships|jets|planes|drones|personnel|forces|police))\b"
)

CONDITION = re.compile(r"\b(?:[Ii]f|[Uu]nless)\s+(?P<clause>[^,;.:]{6,140})")


@dataclass(frozen=True)
class Opening:
    """An open question and the part of the sentence it rests on."""

    question: str
    start: int
    end: int


# Words a pattern cannot match without: a sentence lacking them is not searched at all.
_TRIGGERS: dict[re.Pattern[str], tuple[str, ...]] = {
    ASKED: ("asked",),
    EXPECTED: (
        "expected",
        "set ",
        "poised",
        "likely",
        "due ",
        "scheduled",
        "planning",
        "preparing",
        "ready",
    ),
    INTENT: ("plan", "intend", "aims", "threaten"),
    UNSAID: ("not",),
    YET: ("yet",),
    NOT_YET: ("yet",),
    CONSIDER: ("consider", "weigh", "debat", "discuss", "decid", "determin", "assess"),
    UNDECIDED: ("decided",),
    ANNOUNCE: ("will", "would", "plans", "intends"),
    RISK: ("warn", "caution", "fear"),
    CONDITION: ("if ", "unless"),
    UNKNOWN: ("known", "clear", "certain", "seen"),
    NOT_SAID: ("not", "n't", "declined", "refused"),
    DOUBT: ("question", "wonder", "doubt", "ask"),
    LIKELY: ("likely",),
    UNLIKELY_THAT: ("likely",),
    MODAL: ("could", "may", "might"),
    PLANS_NOUN: ("plan",),
    DIRECT: ("?",),
    REQUEST: ("request",),
    PLAN_TO: ("plan",),
    SOME_UNITS: ("some", "more", "additional", "several", "extra"),
    UNCONFIRMED: ("possibility", "likelihood", "prospect", "reports", "claims", "rumo"),
    REPELLED: ("repel", "repuls", "fought off", "beat back"),
    UNCOUNTED: ("likely", "probably", "may have", "might have"),
    UNCLAIMED: ("blast", "bombing", "explosion", "ambush", "attack"),
    TEMPORARY: ("temporar",),
    UNTOLD: ("known", "clear", "disclosed", "public", "certain"),
    APPEAL: ("call", "urg", "appeal", "press", "asked"),
}


def _finds(pattern: re.Pattern[str], text: str, lowered: str) -> Iterator[re.Match[str]]:
    # Plain substring tests: faster than one alternation pattern on short sentences.
    triggers = _TRIGGERS.get(pattern)
    if triggers is not None and not any(t in lowered for t in triggers):
        return iter(())
    return pattern.finditer(text)


def find_openings(text: str) -> Iterator[Opening]:
    """Yield the open questions a sentence raises, phrased as questions."""
    lowered = text.lower()
    for pattern, phrase in _SHAPES:
        for match in _finds(pattern, text, lowered):
            question = phrase(text, match)
            if question is not None:
                group = "q" if pattern is DIRECT else 0
                yield Opening(question, match.start(group), match.end(group))


Phrase = Callable[[str, re.Match[str]], str | None]


def _will(vp: Callable[[str], str] = str) -> Phrase:
    """Return a phrasing that asks whether the clause's subject will do what the match says."""

    def phrase(text: str, match: re.Match[str]) -> str | None:
        subject = subject_of(text, match.start())
        return ask("Will", subject, vp(match["vp"])) if subject else None

    return phrase


def _intended(text: str, match: re.Match[str]) -> str | None:
    """Ask whether a subject does what it plans, unless the plan is only weighed."""
    head = text[: match.start()]
    adopted = _ADOPTED.search(head)
    if adopted and match["aux"] == "plans":
        # "China approved plans to turn the shoal into a reserve": will China do it?
        subject = subject_of(text, adopted.start())
        return ask("Will", subject, match["vp"]) if subject else None
    if _WEIGHED.search(head) or _OWNED.search(head):
        return None
    return _will()(text, match)


def _unsaid(text: str, match: re.Match[str]) -> str:
    if " " in match["wh"]:
        return wh_question(match["wh"], match["clause"])
    inverted = invert(match["clause"])
    return f"{match['wh'].capitalize()} {lower_first_word(inverted)}"


def _considered(text: str, match: re.Match[str]) -> str | None:
    subject = subject_of(text, match.start())
    if not subject:
        return None
    wh = match["wh"].lower()
    lead = "Will" if wh == "whether" else f"{wh.capitalize()} will"
    return ask(lead, subject, match["vp"])


def _announced(text: str, match: re.Match[str]) -> str | None:
    subject = subject_of(text, match.start())
    if not subject:
        return None
    obj = lower_first(match["obj"])
    return tidy(f"What {obj} will {subject} {match['verb']} {match['when']}?")


def _unknown(text: str, match: re.Match[str]) -> str:
    return wh_question(match["wh"] or match["wh2"], match["clause"] or match["clause2"])


def _reported_modal(text: str, match: re.Match[str]) -> str | None:
    """Ask whether what a speaker says could happen will, the speaker before or after it."""
    subject = subject_of(text, match.start())
    head = text[: match.start()]
    before = head[: len(head) - len(subject or "") - 1].rstrip() + " "
    spoken = _SPOKE_THAT.search(before) or (
        not before.strip() and _SPOKE_AFTER.match(text, match.end())
    )
    return ask("Will", subject, match["vp"]) if subject and spoken else None


def _appealed(text: str, match: re.Match[str]) -> str | None:
    who = match["who"]
    if who.split()[0] in ("He", "She", "They", "It", "We", "I"):
        return None
    return ask("Will", who, match["vp"])


def _unclaimed(text: str, match: re.Match[str]) -> str | None:
    """Ask who carried out a deadly attack that the sentence leaves unclaimed."""
    if not _HARM.search(text) or _CLAIMED.search(text):
        return None
    where = f" near {match['where']}" if match["where"] else ""
    return f"Who carried out the {match['what'].lower()}{where}?"


def _repelled(text: str, match: re.Match[str]) -> str | None:
    """Ask whether the side that repelled an attack can hold the place attacked."""
    # 'said it had "successfully repelled': the subject before the quote mark and adverb.
    head = re.sub(r"\s*[\"“]?\s*(?:\w+ly\s*)?$", "", text[: match.start()])
    subject = subject_of(head, len(head))
    if not subject:
        return None
    return tidy(f"Can {subject} hold {match['place']} against further attacks?")


def _how_many_sent(text: str, match: re.Match[str]) -> str | None:
    """Ask how many, where a subject will send "some" or "more" of a unit."""
    subject = subject_of(text, match.start())
    if not subject:
        return None
    return tidy(f"How many {match['what']} will {subject} {match['verb']}?")


def _uncounted(text: str, match: re.Match[str]) -> str:
    """Ask how many, where the text says only that many probably did something."""
    modal = match["modal"].split()
    hedge = "" if modal[0] in ("likely", "probably") else f" {' '.join(modal)}"
    return tidy(f"How many {match['noun']}{hedge} {match['vp']}?")


def _measure(what: str, of: str) -> str:
    """Ask for a measure the text says is not known: "how many troops will be deployed"."""
    of = of.strip()
    if what == "number":
        planned = re.match(r"(?P<noun>.+?)\s+to\s+be\s+(?P<rest>\w+.*)$", of)
        if planned:
            return f"how many {planned['noun']} will be {planned['rest']}"
        return f"how many {of} are there"
    if not re.match(r"(?i)(?:the|a|an|its|their|this|that)\s", of):
        of = f"the {of}"
    return f"how large is {of}" if what == "size" else f"how long will {of} last"


def _untold(text: str, match: re.Match[str]) -> str:
    """Ask for the number, size or duration the text says is not known."""
    asked = _measure(match["what"], match["of"])
    if match["what2"]:
        asked += f", and {_measure(match['what2'], match['of2'])}"
    return tidy(f"{asked}?")


# "as part of the UK's plans to deploy", "China approved plans to turn": "plans" is a noun
# there, not the subject's verb.
_OWNED = re.compile(r"(?:'s|’s|\b(?:the|its|their|his|her|our|a|\w+ed))\s+$")

_ADOPTED = re.compile(r"\b(?:approved|adopted|unveiled|announced|endorsed|agreed)\s+$")

_WEIGHED = re.compile(r"\b(?:weighing|considering|drawing\s+up|discussing|reviewing)\s+$")

# Each pattern with how its match becomes a question, in the order questions are listed.
_SHAPES: tuple[tuple[re.Pattern[str], Phrase], ...] = (
    (ASKED, lambda text, m: invert(_THOUGHT.sub("", m["q"].strip()))),
    (EXPECTED, _will()),
    (INTENT, _intended),
    (UNSAID, _unsaid),
    (YET, _will()),
    (NOT_YET, _will(base_form)),
    (CONSIDER, _considered),
    (UNDECIDED, _considered),
    (ANNOUNCE, _announced),
    (RISK, lambda text, m: invert(m["clause"])),
    (CONDITION, lambda text, m: conditional(m["clause"])),
    (UNKNOWN, _unknown),
    (NOT_SAID, lambda text, m: wh_question(m["wh"], m["clause"])),
    (DOUBT, lambda text, m: wh_question(m["wh"], m["clause"])),
    (LIKELY, _will()),
    (UNLIKELY_THAT, lambda text, m: modal_clause(m["clause"])),
    (MODAL, _reported_modal),
    (PLANS_NOUN, lambda text, m: ask("Will", lower_first(m["subject"]), m["vp"])),
    (DIRECT, lambda text, m: tidy(m["q"])),
    (APPEAL, _appealed),
    (
        REQUEST,
        lambda text, m: ask(f"Will {m['to']} grant", possessive(m["who"]), f"request to {m['vp']}"),
    ),
    (UNCOUNTED, _uncounted),
    (SOME_UNITS, _how_many_sent),
    (UNCONFIRMED, lambda text, m: modal_clause(m["clause"] or m["clause2"])),
    (REPELLED, _repelled),
    (PLAN_TO, lambda text, m: f"Will the plan to {m['vp'].strip()} go ahead?"),
    (UNCLAIMED, _unclaimed),
    (UNTOLD, _untold),
    (TEMPORARY, lambda text, m: f"How long will the temporary {m['noun'] or m['noun2']} last?"),
)
