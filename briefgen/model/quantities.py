"""Numbers as stated: a qualifier, one number or a range, and a unit."""

from __future__ import annotations

import re
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from briefgen.model.vocab import Qualifier

QUANTITY_HINT = 'write e.g. "about 8,000 troops" or {value: 8000, qualifier: nearly, unit: troops}'

# Longest phrases first so "more than" wins over "more".
_QUALIFIER_WORDS: dict[str, Qualifier] = {
    "approximately": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT,
    "estimated": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT,
    "about": Qualifier.ABOUT,
    "circa": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
    "~": Qualifier.ABOUT,
    "nearly": Qualifier.NEARLY,
    "almost": Qualifier.NEARLY,
    "close to": Qualifier.NEARLY,
    "just under": Qualifier.NEARLY,
    "at least": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "more than": Qualifier.MORE_THAN,
    "upwards of": Qualifier.MORE_THAN,
    "in excess of": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    ">": Qualifier.MORE_THAN,
    "up to": Qualifier.UP_TO,
    "no more than": Qualifier.UP_TO,
    "not more than": Qualifier.UP_TO,
    "as many as": Qualifier.UP_TO,
    "as much as": Qualifier.UP_TO,
}
_SCALE = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"(?:\s*(?:thousand|million|billion)\b|(?:k|m)\b)?"
_QUALIFIER_RE = "|".join(re.escape(w) for w in sorted(_QUALIFIER_WORDS, key=len, reverse=True))
_PATTERN = re.compile(
    rf"""^\s*
    (?:(?P<qual>{_QUALIFIER_RE})\s*)?
    (?:(?P<between>between)\s+)?
    (?P<first>{_NUMBER})(?P<first_scale>{_SCALE_RE})
    (?:\s*(?:-|–|—|to|and)\s*(?P<second>{_NUMBER})(?P<second_scale>{_SCALE_RE}))?
    (?:\s+(?P<unit>\S.*?))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

Number = int | float


def _number(digits: str, scale: str) -> Number:
    value = float(digits.replace(",", "")) * _SCALE.get(scale.strip().lower(), 1)
    return int(value) if value.is_integer() else value


def parse_quantity(text: str) -> dict[str, Any]:
    """Parse shorthand like "nearly 8,000 troops" into quantity fields."""
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a quantity; {QUANTITY_HINT}")
    first = _number(match["first"], match["first_scale"] or "")
    unit = match["unit"] or None
    if match["second"]:
        second_scale = match["second_scale"] or ""
        # "8-10 thousand": the scale written once applies to both ends.
        first_scale = match["first_scale"] or second_scale
        low, high = _number(match["first"], first_scale), _number(match["second"], second_scale)
        if match["qual"]:
            raise ValueError(
                f"{text!r} mixes a qualifier with a range; write either "
                f'"between {match["first"]} and {match["second"]}" or one number'
            )
        return {
            "as_stated": text.strip(),
            "qualifier": Qualifier.RANGE,
            "min": low,
            "max": high,
            "unit": unit,
        }
    if match["between"]:
        raise ValueError(f"{text!r} says between but gives one number; {QUANTITY_HINT}")
    qualifier = _QUALIFIER_WORDS[match["qual"].lower()] if match["qual"] else Qualifier.EXACT
    return {"as_stated": text.strip(), "qualifier": qualifier, "value": first, "unit": unit}


def format_number(value: Number) -> str:
    """Format a number with thousands separators, as people write it."""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


class Quantity(BaseModel):
    """A number kept as stated, never rounded or averaged."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    as_stated: str = Field(default="", description='The words used, e.g. "nearly 8,000 troops".')
    qualifier: Qualifier = Qualifier.EXACT
    value: Number | None = None
    min: Number | None = None
    max: Number | None = None
    unit: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return parse_quantity(data)
        if isinstance(data, bool):
            raise ValueError(f"{data!r} is not a quantity; {QUANTITY_HINT}")
        if isinstance(data, int | float):
            return {"value": data}
        return data

    @model_validator(mode="after")
    def _check_shape(self) -> Self:
        if self.qualifier is Qualifier.RANGE or self.min is not None or self.max is not None:
            if self.value is not None or self.min is None or self.max is None:
                raise ValueError(
                    "a range needs both min and max and no value; "
                    "write {min: 8000, max: 10000, qualifier: range}"
                )
            if self.min > self.max:
                raise ValueError(f"min {self.min} is larger than max {self.max}; swap them")
            if self.qualifier is not Qualifier.RANGE:
                object.__setattr__(self, "qualifier", Qualifier.RANGE)
        elif self.value is None:
            raise ValueError(f"a quantity needs a value (or min and max); {QUANTITY_HINT}")
        if not self.as_stated:
            object.__setattr__(self, "as_stated", self.describe())
        return self

    def describe(self) -> str:
        """Describe the quantity from its parts, e.g. `more than 3,000 troops`."""
        if self.qualifier is Qualifier.RANGE:
            assert self.min is not None and self.max is not None
            core = f"{format_number(self.min)}–{format_number(self.max)}"
        else:
            assert self.value is not None
            core = f"{self.qualifier.words} {format_number(self.value)}".strip()
        return f"{core} {self.unit}" if self.unit else core

    def same_amount(self, other: Quantity) -> bool:
        """Tell whether two quantities state the same thing, whatever the wording."""
        return (self.qualifier, self.value, self.min, self.max) == (
            other.qualifier,
            other.value,
            other.min,
            other.max,
        )


QuantityInput = Annotated[
    Quantity,
    BeforeValidator(lambda v: v, json_schema_input_type=str | int | Quantity),
]
