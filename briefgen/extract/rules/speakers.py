"""Find speakers that are described, not named: "one diplomatic source", "the statement"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Head nouns of phrases that can speak. People first, then bodies and documents.
PERSON_NOUNS = (
    "official|officials|source|sources|diplomat|diplomats|analyst|analysts|expert|experts"
    "|observer|observers|resident|residents|witness|witnesses|lawmaker|lawmakers|legislator"
    "|legislators|researcher|researchers|spokesman|spokeswoman|spokesperson|correspondent"
    "|commander|commanders|officer|officers|leader|leaders|rulers|minister|envoy|activist"
    "|activists|critic|critics|journalist|journalists|shopkeeper|villagers|doctors|medics"
    "|president|prime minister|minister|chief|head|secretary|premier|chancellor|general"
    "|governor|mayor|ambassador|coordinator|adviser|advisor"
)
BODY_NOUNS = (
    "statement|report|reports|letter|release|press release|communique|communiqué|note"
    "|ministry|office|press office|press service|service|agency|council|command|army|military"
    "|government|junta|group|mission|committee|commission|alliance|coalition|movement"
    "|media|outlet|newspaper|broadcaster|television|channel|account|website|network|post"
    "|headquarters|authorities|administration|presidency|embassy|department|force|forces"
    "|resolution|study|survey|assessment|analysis|imagery|data|footage|intelligence"
)
_HEAD = rf"(?:{PERSON_NOUNS}|{BODY_NOUNS})"
_DET = r"(?:the|a|an|one|two|three|several|some|many|other|two\s+other)"
_MOD = (
    r"(?:(?!(?i:on|in|at|by|of|to|for|from|with|and|or|broadcast|issued|published|released"
    r"|posted|read|seen|which|who|that|said|says|as|when|if|while|because|but|so)\b)"
    r"[\w'’.-]+\s+)"
)
# A described speaker right before its verb: "one diplomatic source said",
# "diplomats in Ethiopia at the AU headquarters said", "Some media reports suggested".
NP_BEFORE = re.compile(
    rf"(?:^|(?<=[,;:]\s)|(?<=[,;:][\"”]\s)|(?<=\bthat\s)|(?<=\b[Bb]ut\s)|(?<=\b[Aa]nd\s)"
    rf"|(?<=\b[Ww]hile\s)|(?<=\b[Hh]owever,\s))"
    rf"(?P<np>(?:(?i:{_DET})\s+)?{_MOD}{{0,4}}?(?P<head>(?i:{_HEAD}))"
    rf"(?:\s+(?:in|at|from|of|close\s+to|familiar\s+with|with|for|affiliated\s+with|linked\s+to"
    rf"|loyal\s+to|(?:issued|published|analy[sz]ed|commissioned|prepared|compiled|released"
    rf"|seen)\s+by)\s+[^,;\"“”]{{1,60}}?)?)"
    rf"\s+(?:(?:also|later|then|earlier|again|has|have|had|on\s+\w+day|\w+ly)\s+)*$"
)
# A described speaker right after its verb, in a quote-first sentence: ', said the statement'.
NP_AFTER = re.compile(
    rf"^\s+(?P<np>(?i:{_DET})\s+{_MOD}{{0,4}}(?P<head>(?i:{_HEAD})))\b"
    rf"(?P<rest>(?:\s+(?:broadcast|issued|published|released|posted|read|seen)\b[^,.;]{{0,60}})?)"
)
ANAPHORIC = re.compile(r"^(?i:the|this|that)\s")
DOCUMENTS = frozenset(
    str.split("statement report letter release communique communiqué note post account")
)
_PERSON_HEAD = re.compile(rf"^(?:{PERSON_NOUNS})$")
_BAD_START = re.compile(r"^(?:It|He|She|They|We|I|This|That|There|Who|Which)\b")


# Capitalised words that open a sentence without naming anyone.
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
    str.split(
        "He She It They We I You His Her Its Their This That These Those The A An There Here"
        " As So If When While But And Also Yet"
    )
)


@dataclass(frozen=True)
class Described:
    """A speaker phrase: its words, head noun and where it starts in the sentence."""

    phrase: str
    head: str
    start: int
    end: int = -1
    """Where the speaker's words end, with a trailing "broadcast on TV" (after the verb only)."""

    @property
    def anaphoric(self) -> bool:
        """Tell whether the phrase points back to someone named before ("the ministry")."""
        core = self.phrase[: self.phrase.lower().find(self.head.lower()) + len(self.head)]
        return bool(ANAPHORIC.match(self.phrase)) and len(core.split()) <= 4

    @property
    def person(self) -> bool:
        """Tell whether the phrase describes people rather than a body or document."""
        return bool(_PERSON_HEAD.match(self.head.lower()))

    @property
    def name(self) -> str:
        """Return the phrase as an actor name: no article, first letter capitalised."""
        words = re.sub(r"^(?i:the|a|an|one)\s+", "", self.phrase).strip()
        return words[:1].upper() + words[1:]


def described_before(before: str) -> Described | None:
    """Return the described speaker that ends right where a speech verb starts."""
    match = NP_BEFORE.search(before)
    if not match or _BAD_START.match(match["np"]):
        return None
    if re.search(r"\b(?:is|are|was|were|be|been|being)\s*$", before):
        return None
    return Described(" ".join(match["np"].split()), match["head"], match.start("np"))


def described_after(after: str, offset: int) -> Described | None:
    """Return the described speaker right after an inverted verb (', said the ministry')."""
    match = NP_AFTER.match(after)
    if not match:
        return None
    phrase = " ".join(match["np"].split())
    return Described(phrase, match["head"], offset + match.start("np"), offset + match.end())
