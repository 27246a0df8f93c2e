"""Find stated strengths of forces: "nearly 8,000 North Korean troops in Kursk"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from briefgen.extract.actors import Mention
from briefgen.model import parse_quantity

UNITS = (
    "troops|soldiers|personnel|servicemen|service members|servicemembers|fighters|militants"
    "|combatants|mercenaries|reservists|conscripts|recruits|marines|sailors|paratroopers"
    "|special forces|peacekeepers|police officers|guards|border guards|tanks|instructors"
    "|military instructors|advisers|advisors|military advisers|trainers|contractors"
    "|armou?red vehicles|military vehicles|vehicles|artillery pieces|artillery systems"
    "|howitzers|drones|missiles|missile launchers|launchers|rockets|aircraft|warplanes"
    "|fighter jets|jets|helicopters|warships|ships|vessels|boats|submarines|battalions"
    "|brigades|divisions|regiments|battalion tactical groups|boots on the ground"
)
_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
_QUALIFIERS = (
    "approximately|an estimated|estimated|around|roughly|about|circa|some|nearly|almost"
    "|close to|just under|at least|no fewer than|no less than|more than|upwards of"
    "|in excess of|over|up to|as many as|between"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(
    sorted(_WORD_NUMBERS, key=len, reverse=True)
)
_MOD_WORD = r"(?:(?!(?:and|or|to|in|at|on|were|was|are|is|have|has)\b)[\w'’.-]+\s+)"
QUANTITY = re.compile(
    rf"(?i:(?P<qual>{_QUALIFIERS})\s+)?(?P<def>(?i:the)\s+)?"
    rf"(?P<num>{_NUMBER})(?:\s*(?P<scale>thousand|million))?"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{_NUMBER})(?:\s*(?P<scale2>thousand|million))?)?"
    rf"\s+(?P<mod>(?:of\s+(?:its|their|the)\s+)?{_MOD_WORD}{{0,4}}?)(?P<unit>{UNITS})\b"
)
_NOT_UNITS = re.compile(
    r"\b(?:people|years?|days?|weeks?|months?|hours?|km|kilometres|kilometers|miles|percent"
    r"|civilians|refugees|residents|times|dollars|euros|per|%)\b",
    re.IGNORECASE,
)
_CASUALTY = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:were\s+|have been\s+|had been\s+)?(?:killed|wounded|dead|died|"
    r"injured|captured|casualties|lost|missing)\b"
)
_DEPLOY_VERB = re.compile(
    r"\b(?:deployed|deploys|deploy|deploying|sent|sends|send|sending|massed|masses|amassed|moved"
    r"|moves|move|moving|stationed"
    r"|keeps|kept|maintains|fields|fielded|dispatched|committed|gathered|positioned"
    r"|mobilized|mobilised|brought|rotated|withdrew|withdrawn|withdraw|pulled|numbered|numbers"
    r"|comprised|comprises|totals|totalled|totaled|plans\s+to\s+deploy|plan\s+to\s+deploy)\b"
)
_LOCATION = re.compile(
    r"^(?:\s+(?:\w+ly|are|is|were|was|now|currently|present|stationed|deployed|based|massed"
    r"|positioned|gathered|operating|fighting|have been|had been|being|been|sent|moved"
    r"|remain|remained|remaining|already))*"
    r"\s+(?:in|into|inside|near|along|across|at|around|to|on|outside|off)\s+"
    r"(?P<loc>(?:(?:its|their|the)\s+(?:border|frontier|coast)\s+with\s+)?"
    r"(?:the\s+)?(?:[A-Z][\w'’.-]*(?:'s|’s)?\s+){0,3}[A-Z][\w'’-]*"
    r"(?:\s+(?:region|oblast|province|border|area|city|front|district|peninsula|sea|strait|"
    r"coast|shoal|reef|island|islands|town|state|governorate))?)"
)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?")


@dataclass(frozen=True)
class Strength:
    """A number of something military, as stated, and where it stands in the sentence."""

    strength: str | dict[str, Any]
    value: tuple[float | None, float | None, float | None]
    unit: str
    start: int
    end: int
    mod: str
    definite: bool
    location: str | None


def find_strengths(text: str) -> list[Strength]:
    """Return every stated strength in a sentence."""
    found: list[Strength] = []
    for match in QUANTITY.finditer(text):
        mod = match["mod"] or ""
        if _NOT_UNITS.search(mod) or _CASUALTY.match(text[match.end() :]):
            continue
        if re.search(r"\b(?:killing|killed|lost|losing)\s+(?:\w+\s+)?$", text[: match.start()]):
            continue
        strength = _strength(match)
        if strength is None:
            continue
        location = _LOCATION.match(text[match.end() :])
        loc = location["loc"] if location else None
        parsed = _amount(strength)
        found.append(
            Strength(
                strength=strength,
                value=parsed,
                unit=match["unit"].lower(),
                start=match.start(),
                end=match.end(),
                mod=mod.strip(),
                definite=bool(match["def"]),
                location=re.sub(r"^the\s+", "", loc) if loc else None,
            )
        )
    return found


def _number(word: str, scale: str | None) -> float:
    lowered = word.lower()
    value = _WORD_NUMBERS.get(lowered) or float(lowered.replace(",", ""))
    factor = {"thousand": 1_000, "million": 1_000_000}.get((scale or "").lower(), 1)
    return float(value) * factor


def _strength(match: re.Match[str]) -> str | dict[str, Any] | None:
    """Build the strength as shorthand when it reads back the same, else as a mapping."""
    qual = (match["qual"] or "").lower()
    unit = match["unit"].lower()
    if qual == "between" and not match["num2"]:
        return None
    first = _number(match["num"], match["scale"] or match["scale2"])
    if match["num2"]:
        second = _number(match["num2"], match["scale2"])
        if first >= second:
            return None
        stated = f"{_fmt(first)}-{_fmt(second)} {unit}"
    else:
        stated = f"{qual} {_fmt(first)} {unit}".strip()
    try:
        parse_quantity(stated)
    except ValueError:
        return None
    return stated


def _fmt(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def _amount(stated: str | dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    parsed = parse_quantity(stated) if isinstance(stated, str) else stated
    return (parsed.get("value"), parsed.get("min"), parsed.get("max"))


_DESCRIBED_GROUP = re.compile(
    r"^\s+(?:from|of)\s+(?P<group>(?:[A-Z][\w'’-]+\s+)?(?:[a-z][\w-]*\s+){0,2}"
    r"(?:armed groups|militias|militia|factions|tribes|rebels|rebel groups))\b"
)


def described_group(text: str, strength: Strength) -> tuple[str, int] | None:
    """Return an unnamed group the force belongs to ("fighters from Darfuri armed groups")."""
    match = _DESCRIBED_GROUP.match(text[strength.end :])
    if match:
        return match["group"], strength.end + match.start("group")
    return None


def force_actor(text: str, strength: Strength, mentions: list[Mention]) -> str | None:
    """Find whose force it is: a demonym in the phrase, 'of X' after, or the deploying subject."""
    for mention in mentions:
        if strength.start <= mention.start < strength.end and mention.kind != "pronoun":
            return mention.actor
    tail = text[strength.end : strength.end + 40]
    after = re.match(r"\s+(?:of|from)\s+(?:the\s+)?", tail)
    possessed = re.search(r"\b(?:its|their)\s+(?:[a-z]+\s+)?$", text[: strength.start])
    if after and "from" in after.group() and possessed:
        after = None
    if after:
        for mention in mentions:
            if mention.start == strength.end + after.end():
                return mention.actor
    for mention in reversed(mentions):
        if mention.end > strength.start or mention.kind in ("pronoun", "adjective"):
            continue
        between = text[mention.end : strength.start]
        # "France, which withdrew its last 2,400 soldiers": a relative clause may intervene.
        plain = re.sub(r",(?=\d{3})", "", between)
        plain = re.sub(r",\s+(?:which|who)\b(?:[^,]*,)?", " ", plain)
        if _DEPLOY_VERB.search(plain) and len(plain.split()) <= 10 and "," not in plain:
            return mention.actor
        if re.fullmatch(r"\s+(?:has|have|had|now has|still has)\s+(?:\w+\s+){0,2}", plain):
            return mention.actor
        if re.fullmatch(r"(?:'s|’s)\s+", between):
            return mention.actor
    return None


def claimant(text: str, mentions: list[Mention]) -> str | None:
    """Return who the sentence says claims its numbers ("according to X")."""
    for match in _ACCORDING.finditer(text):
        for mention in mentions:
            if mention.start == match.end() and mention.kind != "pronoun":
                return mention.actor
    return None
