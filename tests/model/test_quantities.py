"""Quantities are parsed from what people write and kept as stated."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from briefgen.model import Qualifier, Quantity


@pytest.mark.parametrize(
    ("text", "qualifier", "value", "low", "high", "unit"),
    [
        ("nearly 8,000 troops", Qualifier.NEARLY, 8000, None, None, "troops"),
        ("about 10,000 troops", Qualifier.ABOUT, 10000, None, None, "troops"),
        ("more than 3,000 soldiers", Qualifier.MORE_THAN, 3000, None, None, "soldiers"),
        ("up to 8,000", Qualifier.UP_TO, 8000, None, None, None),
        ("at least 200 tanks", Qualifier.AT_LEAST, 200, None, None, "tanks"),
        ("over 1.5 million shells", Qualifier.MORE_THAN, 1_500_000, None, None, "shells"),
        ("some 12k personnel", Qualifier.ABOUT, 12000, None, None, "personnel"),
        ("between 10,000 and 12,000 troops", Qualifier.RANGE, None, 10000, 12000, "troops"),
        ("10,000–12,000", Qualifier.RANGE, None, 10000, 12000, None),
        ("8-10 thousand troops", Qualifier.RANGE, None, 8000, 10000, "troops"),
        ("8000", Qualifier.EXACT, 8000, None, None, None),
        ("As many as 500 drones", Qualifier.UP_TO, 500, None, None, "drones"),
    ],
)
def test_shorthand_is_parsed(
    text: str, qualifier: Qualifier, value: int | None, low: int | None, high: int | None,
    unit: str | None,
) -> None:  # fmt: skip
    quantity = Quantity.model_validate(text)
    assert (quantity.qualifier, quantity.value, quantity.min, quantity.max, quantity.unit) == (
        qualifier, value, low, high, unit,
    )  # fmt: skip
    assert quantity.as_stated == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("lots", "'lots' is not a quantity"),
        ("about 8,000-9,000", "mixes a qualifier with a range"),
        ({"min": 10, "max": 5}, "min 10 is larger than max 5"),
        ({"min": 10}, "a range needs both min and max"),
        ({"qualifier": "about"}, "a quantity needs a value"),
        (True, "True is not a quantity"),
    ],
)
def test_bad_quantities_explain_themselves(data: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Quantity.model_validate(data)


def test_mapping_form_gets_a_stated_form() -> None:
    quantity = Quantity.model_validate({"value": 8000, "qualifier": "nearly", "unit": "troops"})
    assert quantity.as_stated == "nearly 8,000 troops"
    ranged = Quantity.model_validate({"min": 3000, "max": 5000, "unit": "troops"})
    assert (ranged.qualifier, ranged.as_stated) == (Qualifier.RANGE, "3,000–5,000 troops")


def test_same_amount_ignores_wording_but_not_qualifier() -> None:
    a = Quantity.model_validate("about 10,000 troops")
    assert a.same_amount(Quantity.model_validate("around 10,000 soldiers"))
    assert not a.same_amount(Quantity.model_validate("more than 10,000 troops"))
