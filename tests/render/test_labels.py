"""Readable names for topics, actors and items."""

from __future__ import annotations

import pytest

from briefgen.model.actors import Actor
from briefgen.render.labels import item_labeler, short_name, topic_title
from briefgen.validate import Validated

ACTORS = {
    "russia": Actor(name="Russia"),
    "ukraine": Actor(name="Ukraine"),
    "north-korea": Actor(name="North Korea", aliases=("DPRK",)),
}


@pytest.mark.parametrize(
    ("slug", "titles", "expected"),
    [
        ("russia-ukraine-war", {}, "Russia–Ukraine war"),
        ("north-korea", {}, "North Korea"),
        ("red-sea_shipping", {}, "Red sea shipping"),
        ("russia-ukraine-war", {"russia-ukraine-war": "War in Ukraine"}, "War in Ukraine"),
    ],
)
def test_topic_titles_come_from_config_or_read_as_words(
    slug: str, titles: dict[str, str], expected: str
) -> None:
    assert topic_title(slug, titles, ACTORS) == expected


def test_long_names_give_way_to_the_shortest_alias() -> None:
    assert (
        short_name(
            Actor(name="Democratic People's Republic of Korea", aliases=("DPRK", "North Korea"))
        )
        == "DPRK"
    )
    assert short_name(ACTORS["north-korea"]) == "North Korea"


def test_items_are_named_as_readers_see_them(kursk: Validated) -> None:
    label = item_labeler(kursk.brief)
    assert label("dprk-in-kursk") == "Forces: North Korea in Kursk region"
    assert label("kj-kursk-held") == "Key judgment 2"
    assert label("blinken-training-assessment") == (
        "Positions: Antony Blinken (assessment, 31 October 2024)"
    )
    assert label("q-china-influence").startswith("Open question: Will China use its influence")
