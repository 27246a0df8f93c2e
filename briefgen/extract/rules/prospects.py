"""Ask how what the article reports will go on: decisions, deadlines, trends, handovers, tasks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from briefgen.extract.rules.phrasing import (
    RUN,
    ask,
    lower_first,
    subject_of,
    tidy,
)
from briefgen.extract.rules.questions import Opening

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)

# A time the clause already names: the "when" is then not open.
_WHEN = (
    rf"(?:the\s+(?:end|middle|start|beginning)\b|(?:early|mid|late)[\s-]|next\b|\d|{_MONTH}|{_DAY}"
    r"|spring|summer|autumn|fall|winter|the\s+weekend|then|now|tomorrow|today)"
)
_TIMED = re.compile(
    rf"\b(?:(?:by|before|until)\s+{_WHEN}|within\s|on\s+{_DAY}|next\s|this\s+(?:week|month|year)"
    rf"|in\s+{_MONTH}|in\s+the\s+coming|immediately|at\s+once|today|tomorrow)"
)

# "NATO leaders decided in Warsaw on Friday to deploy a battalion to each of the Baltic States".
DECIDED = re.compile(
    r"\b(?:decided|agreed|approved|voted|resolved)\s+(?:(?!to\b)[\w'’-]+\s+){0,5}?to\s+"
    rf"(?P<verb>deploy|send|dispatch|station|establish|set\s+up)\s+(?P<rest>{RUN}+)"
)

# "China has maintained an almost constant militia presence around Thitu Island".
MAINTAINED = re.compile(
    r"\b(?:has|have|had)\s+(?:maintained|kept|sustained)\s+(?:an?\s+|its\s+|their\s+)?"
    r"(?P<kind>(?:[\w-]+\s+){0,3}?)presence\s+(?P<where>(?:around|in|near|off|along|at|on)\s+"
    r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)

# "Russia's bolstered military presence and influence in the Sahel region".
GROWING = re.compile(
    r"(?P<owner>\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:'s|’s)\s+(?:bolstered|growing|expanding"
    r"|expanded|increased|increasing|strengthened|reinforced)\s+(?P<kind>(?:military|naval"
    r"|security)\s+)?presence(?:\s+and\s+influence)?\s+(?P<where>(?:in|around|across|near|along|off|on)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s+region)?|(?:border|frontier|coast)"
    r"(?:\s+with\s+[A-Z][\w'’-]*)?))"
)

# "the Philippines has made very little progress on its planned upgrades".
STALLED = re.compile(
    r"\b(?:has|have|had)\s+made\s+(?:very\s+)?(?:little|no|slow|limited|scant)\s+progress\s+"
    rf"(?:on|in|with|towards?)\s+(?P<obj>{RUN}+)"
)

# "the three-day operation ... will run until Monday".
RUNS_UNTIL = re.compile(
    r"\b(?:will|would|is\s+(?:set|due|scheduled)\s+to|are\s+(?:set|due|scheduled)\s+to)\s+"
    r"(?:run|last|continue|go\s+on)\s+(?:until|till|through)\s+"
    rf"(?P<when>{_DAY}|{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}|the\s+end\s+of\s+(?:the\s+)?"
    r"(?:week|month|year|[A-Z][a-z]+))\b"
)

# 'Dubbed "Joint Sword", the operation', 'The drills, code-named "North Shield",'.
_DUBBED = re.compile(
    r"(?:^|,\s+)(?i:dubbed|called|code-?named|named)\s+[\"“](?P<name>[^\"“”]{2,40})[\"”],?\s*"
)

# "He also revealed the repatriation of the French ambassador to Niger "in the coming hours"".
DEADLINE = re.compile(
    r"\b(?:announced|revealed|promised|pledged|ordered|confirmed)\s+(?:the\s+)?"
    r"(?P<noun>[a-z]+(?:ion|al|ure|ment)|return|departure|release)\s+of\s+"
    r"(?P<what>[^,;.“”\"]+?)\s+[“\"]?(?P<when>in\s+the\s+coming\s+(?:hours|days|weeks)"
    r"|within\s+(?:\w+\s+)?(?:hours?|days?|weeks?)|by\s+(?:the\s+end\s+of\s+(?:the\s+)?"
    rf"(?:year|month|week)|{_MONTH}|the\s+end\s+of\s+{_MONTH}))\b"
)

# "moved troops from X, where they had been deployed to counter the Taliban".
DIVERTED = re.compile(
    r"\b(?:moved|moving|withdrew|withdrawing|pulled|pulling|redeployed|redeploying|diverted"
    r"|diverting|shifted|shifting)\s+(?P<what>(?:[\w-]+\s+){0,2}?(?:troops|forces|soldiers"
    r"|units|personnel|brigades|battalions|regiments))\s+(?:out\s+)?from\s+(?P<origin>[^,;]+?),?\s+where\s+(?:they|it)\s+"
    r"(?:had|have)\s+been\s+(?:deployed|stationed|based|sent)\s+to\s+(?:counter|fight|combat"
    r"|battle|contain|tackle)\s+(?P<foe>[^,;.]+)"
)

# "1,500 French soldiers stationed in Niger to combat terrorism would "return in an orderly
# manner"": how and when they leave, and who takes their task over, are open.
LEAVING = re.compile(
    r"(?P<force>\b(?:(?i:about|some|around|nearly)\s+)?\d[\d,.]*\s+(?:[A-Z][\w-]*\s+)?"
    r"(?:soldiers|troops|forces|personnel|police|sailors|peacekeepers|marines))\s+"
    r"(?:stationed|deployed|based)\s+in\s+(?P<where>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
    r"(?:\s+to\s+(?P<task>[^,;.“”\"]+?))?\s+(?:would|will|are\s+to|were\s+to)\s+[“\"]?"
    r"(?:return|leave|withdraw|pull\s+out|go\s+home|be\s+withdrawn|be\s+repatriated|depart)\b"
)

# "calls for a joint Lebanese-international force of up to 30,000 troops".
COALITION = re.compile(
    r"\b(?:calls?\s+for|called\s+for|proposed|proposes|approved|approves|authori[sz]ed"
    r"|authori[sz]es|plans?|planned|create[sd]?|creating|set\s+up|establish(?:es|ed|ing)?)\s+"
    r"(?:the\s+(?:creation|deployment|formation)\s+of\s+)?(?:a|an|the)\s+"
    r"(?P<name>(?:[\w-]+\s+){0,2}?(?:international|multinational|[\w-]+-international"
    r"|multi-national)\s+(?:[\w-]+\s+){0,2}?(?:force|mission|contingent|coalition|battalion"
    r"|brigade))\b"
)

_CONTRIBUTORS = re.compile(r"\bled\s+by\b|\bcontribut|\bcomprising\b|\bmade\s+up\s+of\b")

# "has nevertheless shared the increased military activities by Venezuela ... with CARICOM
# Heads and other international partners".
INFORMED = re.compile(
    r"\b(?:shared|raised)\s+(?P<what>[^,;.]+?)\s+with\s+(?P<who>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,6}"
    r"\s+(?:partners|allies|[Hh]eads|members|neighbou?rs))\b"
)

# "urged officials to share details, including the mission's rules of engagement".
DETAILS = re.compile(
    r"\b(?:urged|urging|called\s+on|asked|pressed|demanded)\s+[^.;]{0,120}?\bto\s+(?:share"
    r"|disclose|release|publish|provide|make\s+public|reveal)\s+(?:more\s+|further\s+|the\s+)?"
    r"(?:details|information)\s*,?\s+(?:including|such\s+as|on|about)\s+(?P<what>[^.;]+)"
)

# "they will face violent gangs that control 80% of Haiti's capital".
FACE = re.compile(
    r"\b(?P<subject>they|(?i:the)\s+[\w'’-]+(?:\s+[\w'’-]+){0,3}?|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
    r"\s+will\s+(?:face|confront|take\s+on|be\s+up\s+against)\s+"
    rf"(?P<foe>{RUN}*?\b(?:gangs|militants|insurgents|rebels|fighters|militias|jihadists"
    r"|pirates|pirate\s+crews|gunmen|bandits|cartels|smugglers)\b"
    rf"(?:\s+(?:that|who|which)\s+{RUN}+)?)"
)

_FOE_END = re.compile(r"\s+and\s+(?:have|has|are|is|were|was|had)\b.*$")

# "the previous intervention — the U.N.'s peacekeeping mission — was marred by allegations".
MARRED = re.compile(
    r"\b(?:previous|last|earlier|former|prior)\s+(?:[\w-]+\s+)?(?P<what>intervention|mission"
    r"|deployment"
    r"|operation|force)\b(?:\s*[—–]\s*[^—–]*[—–]\s*|[^.;—–]{0,80}?\s+)(?:was|were|had\s+been)\s+"
    r"(?P<verb>marred|tarnished|plagued|dogged|undermined|overshadowed)\s+by\s+"
    rf"(?P<by>{RUN}+)"
)

# "noted it had ample resources to fulfil its security commitments in Asia".
CAPABLE = re.compile(
    r"\b(?P<subject>it|they|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|the\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}?)"
    r"\s+(?:had|has|have)\s+(?:ample|sufficient|enough|adequate|the)\s+(?:resources|capacity"
    r"|capabilities|means|forces|strength|reserves|troops|personnel|weapons|ammunition)\s+to\s+"
    rf"(?P<vp>{RUN}+)"
)

_THE_MEANS = tuple(
    f"the {noun}"
    for noun in (
        *("resources", "capacity", "capabilities", "means", "forces", "strength"),
        *("reserves", "troops", "personnel", "weapons", "ammunition"),
    )
)

# "said the United States had ...": who a later "it" in the sentence stands for.
_REPORTED_SUBJECT = re.compile(
    r"\b(?:said|says|stated|added|noted)\s+(?:that\s+)?(?P<np>(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*)*)\s+(?:had|has|was|is|would|will|could|were|are)\b"
)

# "to enforce the decisions of the East African heads of state".
ENFORCE = re.compile(
    r"\bto\s+(?:enforce|uphold|ensure\s+(?:the\s+)?implementation\s+of|oversee\s+(?:the\s+)?"
    r"implementation\s+of|implement)\s+(?P<what>the\s+(?:[\w-]+\s+){0,2}?(?:decisions?"
    r"|agreements?|resolutions?|accords?|deal|roadmap|peace\s+plan)\b"
    rf"(?:\s+(?:of|by|taken\s+by|reached\s+by|agreed\s+by|signed\s+by)\s+{RUN}+)?)"
)

# "attacks by Al Shabaab on some of the bases that were handed over to the National Army".
HANDED = re.compile(
    r"(?:\b(?:attacks?|assaults?|raids?)\s+by\s+(?P<by>(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*)*)\s+on\s+(?:some\s+of\s+)?)?\bthe\s+(?P<what>bases|positions|posts"
    r"|towns|areas|camps|outposts|districts)\s+(?:that|which)\s+(?:were|had\s+been|have\s+been)\s+"
    r"handed\s+over\s+to\s+(?P<to>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)

# "drone strikes by the RSF killed 57 civilians at a shelter" — asked once the RSF denies it.
ATTACK_BY = re.compile(
    r"(?P<what>\b(?:(?:drone|air|missile|artillery|rocket|mortar)\s+)?(?:strikes?|attacks?"
    r"|bombings?|shelling|raids?))\s+(?:by|from)\s+(?:the\s+)?(?P<by>[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*)*)\s+(?P<verb>killed|hit|struck|wounded|destroyed|targeted)\s+"
    rf"(?P<rest>{RUN}+)"
)

DENIAL = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejects)\s+(?:any\s+|all\s+)?(?:responsibility|involvement"
    r"|carrying\s+out|being\s+behind)\b"
)

LOOK_BACK = 3
"""How many sentences before a denial the attack it answers may stand."""


Phrase = Callable[[str, re.Match[str]], Sequence[str]]


@dataclass(frozen=True)
class _Shape:
    pattern: re.Pattern[str]
    words: tuple[str, ...]
    """Words a sentence needs for the pattern to be tried at all."""
    phrase: Phrase


def find_prospects(text: str) -> Iterator[Opening]:
    """Yield what a sentence leaves open about how a reported course goes on."""
    lowered = text.lower()
    for shape in _SHAPES:
        if not any(w in lowered for w in shape.words):
            continue
        for match in shape.pattern.finditer(text):
            for question in shape.phrase(text, match):
                yield Opening(question, match.start(), match.end())


# "he questioned whether it would be able to defend the country": "it" is the body named before.
_BODY = re.compile(
    r"\bthe\s+(?:[A-Z][\w'’-]*\s+)*(?:[Aa]rmy|[Nn]avy|[Aa]ir\s+[Ff]orce|[Mm]ilitary|[Gg]overnment"
    r"|[Jj]unta|[Mm]ission|[Ff]orce|[Cc]ouncil|[Aa]lliance|[Cc]oalition)\b(?!\s+of\b)"
)

_IT = re.compile(r"^(?P<aux>\w+) it\b")


def name_it(question: str, before: str) -> str:
    """Name the body an "it" in a question stands for, where the sentence names one before it."""
    if not _IT.match(question):
        return question
    bodies = _BODY.findall(before)
    return _IT.sub(rf"\g<aux> {bodies[-1]}", question, count=1) if bodies else question


def find_disputed(sentence: str, earlier: Sequence[str]) -> tuple[int, Opening] | None:
    """Return who did an attack one side blames on another that denies it, and where it stood.

    The result is the index in `earlier` of the sentence that reports the attack.
    """
    if not DENIAL.search(sentence):
        return None
    for back, text in enumerate(reversed(earlier[-LOOK_BACK:])):
        for match in ATTACK_BY.finditer(text):
            if re.search(rf"\b{re.escape(match['by'])}\b", sentence):
                question = tidy(
                    f"Who carried out the {match['what'].lower()} that {match['verb']} "
                    f"{match['rest'].strip()}?"
                )
                return len(earlier) - 1 - back, Opening(question, match.start(), match.end())
    return None


def _one(question: str | None) -> Sequence[str]:
    return (question,) if question else ()


def _its(subject: str) -> str:
    """Return the possessive that refers back to a subject: "its" or "their"."""
    last = subject.split()[-1]
    plural = last.islower() and last.endswith("s") and not last.endswith("ss")
    return "their" if plural else "its"


def _decided(text: str, match: re.Match[str]) -> Sequence[str]:
    """Ask when a decided deployment happens, where the decision names no time."""
    subject = subject_of(text, match.start())
    if not subject or _TIMED.search(match["rest"]):
        return ()
    return _one(ask("When will", subject, f"{match['verb']} {match['rest']}"))


def _maintained(text: str, match: re.Match[str]) -> Sequence[str]:
    subject = subject_of(text, match.start())
    if not subject:
        return ()
    presence = f"{_its(subject)} {match['kind']}presence {match['where']}"
    return _one(tidy(f"Will {subject} keep {presence}?"))


def _growing(text: str, match: re.Match[str]) -> Sequence[str]:
    owner = match["owner"]
    kind = match["kind"] or ""
    return _one(tidy(f"Will {owner} expand its {kind}presence {match['where']} further?"))


def _stalled(text: str, match: re.Match[str]) -> Sequence[str]:
    subject = subject_of(text, match.start())
    return _one(ask("Will", subject, f"complete {match['obj']}") if subject else None)


def _runs_until(text: str, match: re.Match[str]) -> Sequence[str]:
    """Ask whether something announced to run until a day ends then."""
    head = re.sub(r"\s*[—–][^—–]*[—–]\s*$", " ", text[: match.start()])
    dubbed = _DUBBED.search(head)
    if dubbed is not None and dubbed.end() >= len(head.rstrip()):
        head = head[: dubbed.start()]
    subject = subject_of(head, len(head.rstrip()))
    if not subject:
        return ()
    if dubbed and not subject.startswith(dubbed["name"]):
        subject = f"{subject} dubbed {dubbed['name']}"
    when = match["when"]
    at = "by" if when.startswith("the end") else "on"
    return _one(tidy(f"Will {subject} end {at} {when} as announced, or be extended?"))


def _deadline(text: str, match: re.Match[str]) -> Sequence[str]:
    when = match["when"]
    done = "be completed" if when.startswith("by") else "take place"
    return _one(tidy(f"Will the {match['noun']} of {match['what']} {done} {when} as announced?"))


def _diverted(text: str, match: re.Match[str]) -> Sequence[str]:
    moving = f"moving {match['what']} from {match['origin'].strip()}"
    return _one(tidy(f"Will {moving} weaken the fight against {match['foe'].strip()}?"))


def _leaving(text: str, match: re.Match[str]) -> Sequence[str]:
    """Ask how and when a force leaves, and who takes over what it was there to do."""
    force, where = match["force"], match["where"]
    # "the 1,500 French soldiers", but "some 400 Danish soldiers".
    hedged = re.match(r"(?i:about|some|around|nearly)\s", force)
    force = force[0].lower() + force[1:] if hedged else f"the {force}"
    asked = [tidy(f"How and when will {force} leave {where}?")]
    if match["task"]:
        task = match["task"].strip()
        place = "" if re.search(r"\s(?:in|across|around)\s", task) else f" in {where}"
        asked.append(tidy(f"Who will take over the role of {force} to {task}{place}?"))
    return asked


def _coalition(text: str, match: re.Match[str]) -> Sequence[str]:
    if _CONTRIBUTORS.search(text):
        return ()
    return _one(f"Which countries will send troops to the {match['name']}?")


def _informed(text: str, match: re.Match[str]) -> Sequence[str]:
    what = re.sub(r"^(?:the\s+)?information\b.*", "", match["what"].strip())
    if not what:
        return ()
    return _one(tidy(f"How will {match['who']} respond to {what}?"))


def _plural_referent(text: str) -> str | None:
    """Return what a "they" stands for: the last plural people named before it."""
    found = re.findall(
        r"\bthe\s+((?:[A-Z][a-z]+(?:ans|ese|is|ers|ish|ch)|(?:[A-Z]\w+\s+)?(?:troops|soldiers"
        r"|forces|police(?:\s+officers)?|peacekeepers)))(?:'|’)?",
        text,
    )
    return f"the {found[-1]}" if found else None


def _details(text: str, match: re.Match[str]) -> Sequence[str]:
    what = match["what"].strip()
    # "the mission's rules of engagement and ..." are; "the mission's mandate" is.
    head = what.split(" of ")[0].split()[-1]
    plural = " and " in what or (head.endswith("s") and not head.endswith(("'s", "’s", "ss")))
    return _one(tidy(f"What {'are' if plural else 'is'} {what}?"))


def _face(text: str, match: re.Match[str]) -> Sequence[str]:
    """Ask whether a force can push back the armed groups it will face."""
    subject = match["subject"]
    if subject.lower() == "they":
        subject = _plural_referent(text[: match.start()]) or ""
    if not subject:
        return ()
    foe = _FOE_END.sub("", match["foe"].strip())
    return _one(tidy(f"Can {lower_first(subject)} push back {foe}?"))


def _marred(text: str, match: re.Match[str]) -> Sequence[str]:
    what = match["what"]
    by = match["by"].strip()
    previous = f"the previous {what}, {match['verb']} by {by}"
    return _one(tidy(f"Will the new {what} avoid the failings of {previous}?"))


def _capable(text: str, match: re.Match[str]) -> Sequence[str]:
    """Ask whether a party that claims the means to do something will do it."""
    subject: str | None = match["subject"]
    if subject is not None and subject.lower() in ("it", "they"):
        reported = _REPORTED_SUBJECT.search(text[: match.start()])
        subject = reported["np"] if reported else None
    return _one(ask("Will", subject, match["vp"]) if subject else None)


def _enforce(text: str, match: re.Match[str]) -> Sequence[str]:
    return _one(tidy(f"Will the parties comply with {match['what'].strip()}?"))


def _handed(text: str, match: re.Match[str]) -> Sequence[str]:
    against = f" against attacks by {match['by']}" if match["by"] else ""
    to = match["to"]
    return _one(tidy(f"Can {to} hold the {match['what']} handed over to it{against}?"))


# Each pattern, the words it cannot match without, and how it becomes questions.
_SHAPES: tuple[_Shape, ...] = (
    _Shape(DECIDED, ("decided", "agreed", "approved", "voted", "resolved"), _decided),
    _Shape(MAINTAINED, ("presence",), _maintained),
    _Shape(GROWING, ("presence",), _growing),
    _Shape(STALLED, ("progress",), _stalled),
    _Shape(RUNS_UNTIL, ("until", "till", "through"), _runs_until),
    _Shape(
        DEADLINE,
        ("announced", "revealed", "promised", "pledged", "ordered", "confirmed"),
        _deadline,
    ),
    _Shape(DIVERTED, ("where they", "where it"), _diverted),
    _Shape(LEAVING, ("stationed", "deployed", "based"), _leaving),
    _Shape(COALITION, ("national",), _coalition),
    _Shape(INFORMED, ("shared", "raised"), _informed),
    _Shape(DETAILS, ("details", "information"), _details),
    _Shape(FACE, (" face", "confront", "take on", "up against"), _face),
    _Shape(
        MARRED, ("marred", "tarnished", "plagued", "dogged", "undermined", "overshadowed"), _marred
    ),
    _Shape(CAPABLE, ("ample", "sufficient", "enough", "adequate", *_THE_MEANS), _capable),
    _Shape(ENFORCE, ("enforce", "uphold", "implement"), _enforce),
    _Shape(HANDED, ("handed over",), _handed),
)
