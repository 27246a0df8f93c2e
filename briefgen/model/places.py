"""Places: named points with coordinates that forces, events and incidents refer to."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from briefgen.model.base import Strict, Text, TextList
from briefgen.model.vocab import PlaceKind

Latitude = Annotated[
    float, Field(ge=-90, le=90, description="Degrees north (negative for south), -90 to 90.")
]
Longitude = Annotated[
    float, Field(ge=-180, le=180, description="Degrees east (negative for west), -180 to 180.")
]


class Place(Strict):
    """A place with its coordinates (WGS 84 decimal degrees)."""

    name: Text
    lat: Latitude
    lon: Longitude
    kind: PlaceKind = PlaceKind.POINT
    aliases: TextList = ()
