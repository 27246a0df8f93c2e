"""The gazetteer's coordinates: shipped, on the map, and only for places it knows."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from briefgen.extract.gazetteer import STATES
from briefgen.extract.places import OUTLINE_NAMES, known_places, place_of


def _inside(lat: float, lon: float, ring: list[list[float]]) -> bool:
    crossings = 0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            crossings += 1
    return crossings % 2 == 1


def test_every_country_point_lies_inside_its_outline() -> None:
    data = json.loads(files("briefgen").joinpath("data/countries.json").read_text("utf-8"))
    outlines = {c["name"]: c["rings"] for c in data["countries"]}
    places = known_places()
    countries = [e for e in STATES if e.id in places]
    assert len(countries) > 100
    for entry in countries:
        place = places[entry.id]
        rings = outlines[OUTLINE_NAMES.get(entry.name, entry.name)]
        assert any(_inside(place.lat, place.lon, r) for r in rings), entry.id


@pytest.mark.parametrize(
    ("location", "place"),
    [
        ("Kursk region", "kursk-region"),
        ("the Kursk Oblast", "kursk-region"),
        ("eastern Ukraine", "ukraine"),
        ("Britain", "united-kingdom"),
        ("Sudzha", "sudzha"),
        ("its border with India", None),
        ("Paris", None),  # a capital names the state as an actor; it has no city entry here
        ("Velmora", None),
        (None, None),
    ],
)
def test_a_location_names_a_known_place_or_none(location: str | None, place: str | None) -> None:
    assert place_of(location) == place
