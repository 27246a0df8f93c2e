"""Places the gazetteer knows with coordinates, so a draft fills `places` and never invents them.

Where the coordinates come from:

- Countries: a label point computed from the Natural Earth outline shipped in
  `briefgen/data/countries.json` (the area centroid of the country's largest ring), so
  the point lies on the map briefgen draws.
- Cities and regions: approximate centres (to 0.1 degree) written down by the developers
  from general geographic knowledge (standard atlas values), not from any article.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

from briefgen.extract.gazetteer import STATES
from briefgen.model import Place
from briefgen.model.vocab import PlaceKind

# Gazetteer names that Natural Earth spells differently.
OUTLINE_NAMES = {
    "United States": "United States of America",
    "DR Congo": "Dem. Rep. Congo",
    "South Sudan": "S. Sudan",
    "Bosnia and Herzegovina": "Bosnia and Herz.",
}

# id: (name, lat, lon, kind, aliases) -- approximate centres, see the module docstring.
_SITES: dict[str, tuple[str, float, float, PlaceKind, tuple[str, ...]]] = {
    "kursk-region": ("Kursk region", 51.5, 35.9, PlaceKind.REGION, ("Kursk Oblast", "Kursk")),
    "sudzha": ("Sudzha", 51.2, 35.3, PlaceKind.CITY, ()),
    "belgorod-region": ("Belgorod region", 50.7, 37.0, PlaceKind.REGION, ("Belgorod",)),
    "donetsk-region": ("Donetsk region", 48.0, 37.8, PlaceKind.REGION, ("Donetsk",)),
    "luhansk-region": ("Luhansk region", 48.6, 39.3, PlaceKind.REGION, ("Luhansk",)),
    "zaporizhzhia-region": (
        "Zaporizhzhia region",
        47.5,
        35.5,
        PlaceKind.REGION,
        ("Zaporizhzhia",),
    ),
    "kherson-region": ("Kherson region", 46.6, 33.4, PlaceKind.REGION, ("Kherson",)),
    "kharkiv-region": ("Kharkiv region", 49.6, 36.5, PlaceKind.REGION, ("Kharkiv",)),
    "donbas": ("Donbas", 48.3, 38.5, PlaceKind.REGION, ("Donbass",)),
    "crimea": ("Crimea", 45.3, 34.3, PlaceKind.REGION, ()),
    "bakhmut": ("Bakhmut", 48.6, 38.0, PlaceKind.CITY, ()),
    "pokrovsk": ("Pokrovsk", 48.3, 37.2, PlaceKind.CITY, ()),
    "kyiv": ("Kyiv", 50.45, 30.5, PlaceKind.CITY, ("Kiev",)),
    "moscow": ("Moscow", 55.75, 37.6, PlaceKind.CITY, ()),
    "kaliningrad": ("Kaliningrad", 54.7, 20.5, PlaceKind.REGION, ()),
    "gaza": ("Gaza Strip", 31.4, 34.4, PlaceKind.REGION, ("Gaza",)),
    "west-bank": ("West Bank", 31.9, 35.25, PlaceKind.REGION, ()),
    "golan-heights": ("Golan Heights", 33.0, 35.75, PlaceKind.REGION, ("Golan",)),
    "red-sea": ("Red Sea", 20.0, 38.5, PlaceKind.SEA, ()),
    "black-sea": ("Black Sea", 43.4, 34.0, PlaceKind.SEA, ()),
    "baltic-sea": ("Baltic Sea", 58.0, 20.0, PlaceKind.SEA, ()),
    "south-china-sea": ("South China Sea", 12.0, 114.0, PlaceKind.SEA, ()),
    "taiwan-strait": ("Taiwan Strait", 24.0, 119.5, PlaceKind.SEA, ()),
    "strait-of-hormuz": ("Strait of Hormuz", 26.6, 56.3, PlaceKind.SEA, ("Hormuz",)),
    "darfur": ("Darfur", 13.5, 24.0, PlaceKind.REGION, ()),
    "el-fasher": ("El Fasher", 13.6, 25.35, PlaceKind.CITY, ("al-Fashir", "El-Fasher")),
    "kashmir": ("Kashmir", 34.1, 74.8, PlaceKind.REGION, ()),
    "sinai": ("Sinai", 29.5, 33.8, PlaceKind.REGION, ("Sinai Peninsula",)),
    "sahel": ("Sahel", 15.0, 2.0, PlaceKind.REGION, ()),
    "tripoli": ("Tripoli", 32.9, 13.2, PlaceKind.CITY, ()),
    "goma": ("Goma", -1.7, 29.2, PlaceKind.CITY, ()),
    "mogadishu": ("Mogadishu", 2.05, 45.3, PlaceKind.CITY, ()),
    "khartoum": ("Khartoum", 15.6, 32.5, PlaceKind.CITY, ()),
    "bamako": ("Bamako", 12.6, -8.0, PlaceKind.CITY, ()),
    "port-au-prince": ("Port-au-Prince", 18.55, -72.3, PlaceKind.CITY, ()),
    "beirut": ("Beirut", 33.9, 35.5, PlaceKind.CITY, ()),
    "damascus": ("Damascus", 33.5, 36.3, PlaceKind.CITY, ()),
    "baghdad": ("Baghdad", 33.3, 44.4, PlaceKind.CITY, ()),
    "tehran": ("Tehran", 35.7, 51.4, PlaceKind.CITY, ()),
    "sanaa": ("Sanaa", 15.35, 44.2, PlaceKind.CITY, ()),
}
_COUNTRY_NAMES = frozenset(
    name.replace("_", " ")
    for name in [
        "Britain",
        "UK",
        "U.K.",
        "US",
        "U.S.",
        "USA",
        "America",
        "Burma",
        "Türkiye",
        "Bosnia",
        "UAE",
        "DRC",
        "Holland",
        "the_Philippines",
        "Czech_Republic",
        "Democratic_Republic_of_Congo",
        "Republic_of_Korea",
        "Russian_Federation",
        "the_Netherlands",
    ]
)
_DIRECTION = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern)?(?:-?(?:east|west)(?:ern)?)?\s+)?",
    re.IGNORECASE,
)
_TAIL = re.compile(r"\s+(?:region|oblast|province|area|city|town|district)$", re.IGNORECASE)


def _centroid(ring: list[list[float]]) -> tuple[float, float]:
    """Return the area centroid (lat, lon) of a closed ring of [lon, lat] points."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return ring[0][1], ring[0][0]
    return round(cy / (3 * area), 2), round(cx / (3 * area), 2)


def _label_point(ring: list[list[float]]) -> tuple[float, float]:
    """Return a point inside a ring: the middle of its widest span at the centroid's latitude."""
    lat, lon = _centroid(ring)
    crossings = sorted(
        x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
        if (y0 <= lat < y1) or (y1 <= lat < y0)
    )
    spans = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not spans or any(a <= lon <= b for a, b in spans):
        return lat, lon
    west, east = max(spans, key=lambda s: s[1] - s[0])
    return lat, round((west + east) / 2, 2)


def _ring_area(ring: list[list[float]]) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs))


@cache
def known_places() -> dict[str, Place]:
    """Return every place the gazetteer ships coordinates for, by id."""
    text = files("briefgen").joinpath("data/countries.json").read_text("utf-8")
    outlines = {c["name"]: c["rings"] for c in json.loads(text)["countries"]}
    result: dict[str, Place] = {}
    for entry in STATES:
        rings = outlines.get(OUTLINE_NAMES.get(entry.name, entry.name))
        if not rings:
            continue
        lat, lon = _label_point(max(rings, key=_ring_area))
        result[entry.id] = Place(name=entry.name, lat=lat, lon=lon, kind=PlaceKind.COUNTRY)
    for key, (name, lat, lon, kind, aliases) in _SITES.items():
        result[key] = Place(name=name, lat=lat, lon=lon, kind=kind, aliases=aliases)
    return result


@cache
def _names() -> dict[str, str]:
    """Return every lower-cased name and alias of a known place, with its id."""
    names: dict[str, str] = {}
    for entry in STATES:
        if entry.id in known_places():
            # Not the capitals: a force "in Kyiv" is in the city, not at the country's point.
            for name in (entry.name, *(n for n in entry.names if n in _COUNTRY_NAMES)):
                names.setdefault(name.lower(), entry.id)
    for key, (name, *_, aliases) in _SITES.items():
        for alias in (name, *aliases):
            names[alias.lower()] = key
    return names


def place_of(location: str | None) -> str | None:
    """Return the id of the known place a free-text location names, or None."""
    if not location:
        return None
    words = _DIRECTION.sub("", location.strip()).removeprefix("the ").strip()
    names = _names()
    if re.search(r"\b(?:border|frontier)\b", words):
        return None  # "its border with India" is not India
    for candidate in (words, _TAIL.sub("", words)):
        found = names.get(candidate.lower().removesuffix("'s").removesuffix("’s"))
        if found is not None:
            return found
    return None
