"""How actors are written: the name, title and body patterns the actor index reads."""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefgen.extract.gazetteer import (
    BODIES,
    GROUP_NOUNS,
    ROLE_NOUNS,
    STATES,
    TITLES,
)

BLOCKED_NAME_WORDS = frozenset(
    str.split(
        """The A An On In At For And But Of To Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April May June July August September October November
    December He She They It We I His Her Their Its This That These Those Asked Although
    While When If After Before Since"""
    )
)


def alternation(words: Iterable[str]) -> str:
    """Return a regex matching any of the words, longest first, as a prefix tree.

    A tree keeps matching fast with hundreds of names: the engine follows one branch per
    letter instead of trying every name at every position.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return f"(?:{_branch(trie)})"


def _branch(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends = "" in node
    alternatives = [
        re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char
    ]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if ends else body


NOUN_TO_ID = {name: e.id for e in (*STATES, *BODIES) for name in e.names}


ADJ_TO_ID = {adj: e.id for e in STATES for adj in e.adjectives}


ENTRIES = {e.id: e for e in (*STATES, *BODIES)}


NOUN = alternation(NOUN_TO_ID)


ADJ = alternation(ADJ_TO_ID)


STATE_REF = rf"(?:{ADJ}|(?:the\s+)?(?:{NOUN})(?:'s|’s)?)"


UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"


NAME_TOKEN = rf"(?:(?:al|el|ad|as|ash|bin|ibn)-)?[{UPPER}][^\W\d_]+(?:['’-][^\W\d_]+)*"


NAME = (
    rf"{NAME_TOKEN}(?:\s+(?:[A-Z]\.\s+)?(?:(?:de|da|van|von|bin|al|el|la|dos|der|Le|La)\s+)?"
    rf"{NAME_TOKEN}){{0,3}}"
    r"(?:\s+(?:Jr|Sr)\.?)?"
)


TITLE = alternation(TITLES)


BOUND_L = r"(?<![^\W\d])(?<![_.])"


BOUND_R = r"(?![\w])"


TITLED_PERSON = re.compile(
    rf"{BOUND_L}(?:(?P<state>{STATE_REF})\s+)?"
    rf"(?:(?:senior|top|former|acting|deputy|chief)\s+)?"
    rf"(?P<title>(?i:{TITLE})|{TITLE})"
    rf"(?:\s+(?:for|of|to)\s+(?:the\s+)?(?:{NOUN}))?"
    rf"\s+(?P<name>(?:[A-Z]\.){{1,3}}\s?{NAME_TOKEN}\b(?!\s+{NAME_TOKEN})|{NAME})"
)


# "The coast guard's spokesman, Jay Tarriela,": found from the name back to the title, since
# a pattern that starts at the title would be tried at every word of a long text.
REVERSED_NAME = re.compile(rf",\s+(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,3}}),")


REVERSED_TITLE = re.compile(
    rf"(?P<title>(?:[\w'’.-]+\s+){{0,4}}?(?i:{alternation(ROLE_NOUNS)}|{TITLE}))$"
)


APPOSITIVE_PERSON = re.compile(
    rf"{BOUND_L}(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,3}}),\s+(?:the|a|an)\s+"
    rf"(?:(?P<state>{STATE_REF})\s+)?(?P<title>[A-Za-z' ’-]{{3,60}}?)"
    rf"(?:\s+of\s+(?P<of>{NOUN}))?(?=,|\s+(?:said|told|says|warned|added))"
)


DEFINED_BODY = re.compile(
    r"(?:the\s+)?(?P<name>[A-Z][\w'’-]+(?:\s+(?:(?:of|for|the|and|de|du|la)\s+)*[A-Z][\w'’-]+)"
    r"{0,8})\s+\((?P<acr>[A-Z][A-Z0-9-]{1,9})\)"
)


# "the Africa Corps", "the Rapid Support Forces": bodies known by a capitalised name ending in
# a word that says what sort of body it is.
NAMED_BODY = re.compile(
    r"\b(?P<name>(?:[A-Z][\w'’-]+\s+(?:\d+(?:st|nd|rd|th)\s+)?){1,4}(?:Corps|Group|Forces|Brigades?|Army|Front|Movement|Command"
    r"|Militia|Legion|Battalion|Division|Regiment|Guard|Alliance|Coalition|Mission|Navy"
    r"|Air\s+Force|Marines|Gendarmerie|Fleet|Flotilla)"
    # "the Armed Forces of the Philippines": whose forces is part of the name.
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})?)\b"
)


THE_BODY = re.compile(
    r"\b[Tt]he\s+(?:group|movement|militia|organi[sz]ation|agency|ministry|government|command"
    r"|military|army)\b"
)


ROLE = alternation(ROLE_NOUNS)


DESCRIPTION = re.compile(
    rf"{BOUND_L}(?i:the|a|an)\s+(?:(?:top|senior|chief|former)\s+)?(?P<state>{STATE_REF})\s+"
    rf"(?:(?:top|senior|chief)\s+)?(?P<role>(?i:{ROLE})){BOUND_R}"
)


GROUP_WORDS = alternation(GROUP_NOUNS)


GROUP = re.compile(
    rf"{BOUND_L}(?:(?:(?i:the|a|an|other|senior|top|two|three|several)|unnamed)\s+)*"
    rf"(?P<state>{STATE_REF})\s+(?:(?:senior|top|military|defen[cs]e|intelligence|security|"
    rf"government|administration)\s+)*(?:[A-Z][a-z]+\s+){{0,2}}(?P<group>(?i:{GROUP_WORDS})){BOUND_R}"
    rf"|{BOUND_L}(?i:officials|authorities|diplomats)\s+(?:in|from)\s+(?P<state2>{NOUN})"
    rf"{BOUND_R}"
)


PRONOUN = re.compile(
    r"\b(?:[Hh]is|[Hh]er)\s+(?:office|spokes(?:man|woman|person)|aides?|press secretary)\b"
    r"|\b(?:he|she|He|She)\b"
)


IT_SAID = re.compile(r"\b[Ii]t\s+(?:said|says|added|noted|warned)\b")


SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III"})


SAY = (
    r"(?:said|says|told|tells|stated|added|noted|warned|explained|insisted|urged|stressed"
    r"|claimed|denied|accused|condemned|welcomed|rejected|confirmed|asked|thanked|described"
    r"|argued|announced|declared|wrote|replied|cautioned|emphasi[sz]ed|reiterated|revealed)"
)


PERSON_NAME = (
    rf"{NAME_TOKEN}(?:\s+(?:[A-Z]\.\s+)?(?:(?:de|da|van|von|bin|al|Le|La)\s+)?"
    rf"{NAME_TOKEN}){{1,2}}"
)


# People named without a title, where they speak: "Jo Lund said", "said Jo Lund, a former
# attaché", "Jo Lund, a senior analyst at X, warned".
SPEAKING_NAME = re.compile(
    rf"{BOUND_L}(?P<name>{PERSON_NAME})\s+(?:(?:also|later|then|on\s+\w+day)\s+)?{SAY}\b"
    rf"|\b{SAY}\s+(?P<name2>{PERSON_NAME})(?:,\s+(?:a|an|the)?\s*(?P<role>[^,.;]{{3,80}}))?"
    rf"(?=\s*[,.;]|\s+(?:in|at|on|during|after|before|to|from)\b)"
    rf"|{BOUND_L}(?P<name3>{PERSON_NAME}),\s+(?:a|an|the)?\s*(?P<role2>[^,;\"“”]{{3,90}}),"
    rf"\s+(?:(?:has|had|also|on\s+\w+day)\s+)*{SAY}\b"
)


NOT_NAME_WORDS = frozenset(str.split("Without For And Of The In On At To With Against Across"))


BODY_WORDS = frozenset(
    str.split(
        """Ministry Office Council Forces Force Agency Service Services News Times Post Command
        Army Navy Institute Department Government Initiative Corps Group Union Nations Committee
        Commission Bank Organisation Organization Association Center Centre Party Movement Front
        Network Press Television TV Radio Media Mission Company Division Brigade Regiment Guard
        Court Assembly Parliament Congress Senate House Secretariat Authority Board Foundation
        Watch International Daily Journal Tribune Herald Gazette Channel Monday Tuesday Wednesday
        Thursday Friday Saturday Sunday Security Defense Defence Foreign Affairs Armed Federal
        National Republic State Kingdom Democratic Street Avenue Square Road Palace Hall"""
    )
)


UNIQUE_ROLES = frozenset({"foreign", "defense", "head-of-state", "head-of-government", "security"})


# Family name first: "Li Xi" is Li, "Cho Tae-yul" is Cho.
FAMILY_FIRST = frozenset(
    str.split(
        """Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
        Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang
        Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Fu Zhong Wan Qin Kim Lee Park Choi Jung Kang
        Cho Yoon Jang Lim Shin Seo Kwon Hwang Ahn Song Hong Yoo Ko Moon Yang Son Bae Baek Heo
        Nam Noh Ha Kwak Sung Cha Joo Woo Ryu Jeon"""
    )
)


CLASS_BY_TITLE = {t.lower(): c for t, c in TITLES.items()}


BODY_NAMES = frozenset(name for e in BODIES for name in e.names)


STATE_NOUN_RE = re.compile(rf"{BOUND_L}(?:{NOUN}){BOUND_R}")


ADJ_RE = re.compile(rf"{BOUND_L}(?:{ADJ}){BOUND_R}")
