"""Read figures as stated: numbers in digits or words, qualifiers and ranges."""

from __future__ import annotations

import re
from typing import Any

from briefgen.model import parse_quantity

WORD_NUMBERS = {
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
    "a couple hundred": 200,
    "a couple of hundred": 200,
}


QUALIFIERS = (
    "approximately|an estimated total of|an estimated|estimated|around|roughly|about|circa|some"
    "|nearly|almost|close to|just under|at least|no fewer than|no less than|no more than"
    "|not more than|more than|upwards of"
    "|in excess of|over|up to|as many as|between"
)


QUALIFIERS = QUALIFIERS.replace(" ", r"\s+")


NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(
    sorted(WORD_NUMBERS, key=len, reverse=True)
)


_SPELLED = re.compile(
    rf"(?i:(?P<qual>{QUALIFIERS})\s+)?(?P<num>(?i:"
    + "|".join(w.replace(" ", r"\s+") for w in sorted(WORD_NUMBERS, key=len, reverse=True))
    + r"))(?:\s+(?P<unit>.+))?"
)


QUALIFIER_OF = {
    "no more than": "up_to",
    "not more than": "up_to",
    "up to": "up_to",
    "as many as": "up_to",
    "more than": "more_than",
    "over": "more_than",
    "at least": "at_least",
    "nearly": "nearly",
    "almost": "nearly",
    **dict.fromkeys(("about", "around", "approximately", "some", "roughly", "estimated"), "about"),
}


def spelled_quantity(stated: str) -> dict[str, Any] | None:
    """Return a figure written in words ("Twelve soldiers", "a dozen fighters") as a quantity."""
    match = _SPELLED.fullmatch(stated)
    if match is None:
        return None
    amount: dict[str, Any] = {
        "as_stated": stated,
        "qualifier": QUALIFIER_OF.get(" ".join((match["qual"] or "").lower().split()), "exact"),
        "value": WORD_NUMBERS[" ".join(match["num"].lower().split())],
    }
    if match["unit"]:
        amount["unit"] = match["unit"]
    return amount


ANY_NUMBER = re.compile(rf"\d|\b(?i:{'|'.join(WORD_NUMBERS)})\b")


def _number(word: str, scale: str | None) -> float:
    lowered = word.lower()
    value = WORD_NUMBERS.get(lowered) or float(lowered.replace(",", ""))
    factor = {"thousand": 1_000, "million": 1_000_000}.get((scale or "").lower(), 1)
    return float(value) * factor


def stated_strength(match: re.Match[str]) -> str | dict[str, Any] | None:
    """Build the strength as shorthand when it reads back the same, else as a mapping."""
    qual = " ".join((match["qual"] or "").lower().split()).replace(" total of", "")
    unit = " ".join(match["unit"].lower().split())
    if qual == "between" and not match["num2"]:
        return None
    first = _number(match["num"], match["scale"] or match["scale2"])
    if not match["num"][:1].isdigit() and not match["num2"]:
        # "nine navy vessels", "a couple hundred police": kept in the words used.
        return {
            "as_stated": " ".join(match.group().split()),
            "qualifier": QUALIFIER_OF.get(qual, "about" if "couple" in match["num"] else "exact"),
            "value": int(first),
            "unit": unit,
        }
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


def amount(stated: str | dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    parsed = parse_quantity(stated) if isinstance(stated, str) else stated
    return (parsed.get("value"), parsed.get("min"), parsed.get("max"))
