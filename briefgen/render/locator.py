"""The locator map: country outlines around the places a brief names, as inline SVG."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files

from markupsafe import Markup

from briefgen.model import Brief, Place
from briefgen.render.outlines import outline_path
from briefgen.render.svg import ACCENT, MUTED, clip_text, el, frame, label, num, text_width

WIDTH = 640.0
MIN_HEIGHT, MAX_HEIGHT = 300.0, 440.0
MIN_SPAN = 4.0  # degrees of latitude: even one place gets its neighbours around it
MARGIN = 0.25  # of the places' own span, on each side
MAX_LAT = 80.0
TOLERANCE = 0.4  # pixels an outline may move when simplified
CLIP_MARGIN = 2.0  # pixels outside the frame the outlines are cut at
Ring = tuple[tuple[float, float], ...]
Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels


@dataclass(frozen=True)
class Country:
    """One country's outline rings, their bounding box and where to write its name."""

    name: str
    rings: tuple[Ring, ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north
    anchor: tuple[float, float]  # lon, lat of the largest ring's centre


@cache
def countries() -> tuple[Country, ...]:
    """Load the Natural Earth country outlines shipped in briefgen/data."""
    data = json.loads(files("briefgen").joinpath("data/countries.json").read_text("utf-8"))
    out = []
    for entry in data["countries"]:
        rings = tuple(tuple((p[0], p[1]) for p in ring) for ring in entry["rings"])
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        largest = max(rings, key=lambda r: abs(_area(r)))
        out.append(
            Country(
                entry["name"], rings, (min(lons), min(lats), max(lons), max(lats)), _centre(largest)
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class View:
    """The map's extent in degrees and its size in pixels (equirectangular, scaled by latitude)."""

    west: float
    south: float
    east: float
    north: float
    height: float

    @cached_property
    def scale(self) -> float:
        return WIDTH / (self.east - self.west)

    @cached_property
    def squash(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    def x(self, lon: float) -> float:
        return (lon - self.west) * self.scale

    def y(self, lat: float) -> float:
        return (self.north - lat) * self.scale / self.squash

    def contains(self, lon: float, lat: float, inset: float = 0.0) -> bool:
        dx, dy = (self.east - self.west) * inset, (self.north - self.south) * inset
        return self.west + dx <= lon <= self.east - dx and self.south + dy <= lat <= self.north - dy


def choose_view(places: list[Place]) -> View:
    """Frame the places with a margin, widening the shorter side to a readable shape."""
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    lat_span = max(max(lats) - min(lats), MIN_SPAN / 2)
    lon_span = max(max(lons) - min(lons), MIN_SPAN / 2)
    lat_mid = (max(lats) + min(lats)) / 2
    lon_mid = (max(lons) + min(lons)) / 2
    lat_span = lat_span * (1 + 2 * MARGIN) + 1.0
    lon_span = lon_span * (1 + 2 * MARGIN) + 1.0
    squash = math.cos(math.radians(min(abs(lat_mid), MAX_LAT)))
    height = WIDTH * lat_span / (lon_span * squash)
    if height < MIN_HEIGHT:
        lat_span = MIN_HEIGHT * lon_span * squash / WIDTH
    elif height > MAX_HEIGHT:
        lon_span = lat_span * WIDTH / (MAX_HEIGHT * squash)
    lon_span = min(lon_span, 360.0)
    south = max(lat_mid - lat_span / 2, -MAX_LAT)
    north = min(lat_mid + lat_span / 2, MAX_LAT)
    view = View(lon_mid - lon_span / 2, south, lon_mid + lon_span / 2, north, 0)
    return View(view.west, view.south, view.east, view.north, round(view.y(view.south), 1))


MAX_LABELS = 30
"""Above this many places, points go unlabelled and the table beside the map names them."""


def locator_map(brief: Brief) -> Markup:
    """Draw the brief's places as labelled points over country outlines; empty without places."""
    return draw_map(list(brief.places.items()))


def draw_map(places: Sequence[tuple[str, Place]], fig_id: str = "fig-map") -> Markup:
    """Draw places (id, place) as points over country outlines, framed around them."""
    if not places:
        return Markup("")
    view = choose_view([p for _, p in places])
    size = {"width": WIDTH, "height": view.height}
    parts = [
        f'<clipPath id="{fig_id}-clip">{el("rect", **size)}</clipPath>',
        el("rect", **size, fill="#dcebf5"),
        f'<g clip-path="url(#{fig_id}-clip)" fill="#f6f3ec" stroke="#8c959f" stroke-width="0.6">',
    ]
    shown = [c for c in countries() if _overlaps(c.bbox, view)]
    parts.append(f'<path d="{_outlines(shown, view)}"/></g>')
    taken: list[Box] = []
    for _, place in places:
        px, py = view.x(place.lon), view.y(place.lat)
        taken.append((px - 5, py - 5, px + 5, py + 5))
    # Places are labelled first so that country names give way to them.
    labelled = places if len(places) <= MAX_LABELS else []
    place_labels = [_place_label(place, view, taken) for _, place in labelled]
    parts += [_country_label(country, view, taken) for country in shown]
    for place_id, place in places:
        px, py = view.x(place.lon), view.y(place.lat)
        parts.append(
            f'<circle class="place" data-place="{place_id}" data-lat="{place.lat}" '
            f'data-lon="{place.lon}" cx="{num(px)}" cy="{num(py)}" r="4.5" fill="{ACCENT}" '
            'stroke="#fff" stroke-width="1.5"/>'
        )
    parts += place_labels
    desc = "; ".join(f"{p.name} ({p.kind.value}, {_coords(p)})" for _, p in labelled)
    if not labelled:
        desc = f"{len(places)} places, drawn as points; the table beside the map names them"
    title = f"Locator map of {len(places)} place{'s' if len(places) != 1 else ''}"
    return frame(fig_id, WIDTH, view.height, title, desc + ".", "".join(parts))


def _country_label(country: Country, view: View, taken: list[Box]) -> str:
    """Name a country at its centre if in view, else at a free spot of its land in view."""
    name = country.name.upper()
    w = text_width(name, 9) + 4
    west, _, east, _ = country.bbox
    if view.x(min(east, view.east)) - view.x(max(west, view.west)) < w:
        return ""  # too small here to carry its name
    for lon, lat in _label_spots(country, view):
        if not (view.contains(lon, lat, inset=0.06) and _inside(country, lon, lat)):
            continue
        cx, cy = view.x(lon), view.y(lat)
        box = (cx - w / 2, cy - 9, cx + w / 2, cy + 2)
        if box[0] < 0 or box[2] > WIDTH or any(_hit(box, other) for other in taken):
            continue
        taken.append(box)
        return label(cx, cy, name, font_size=9, fill=MUTED, text_anchor="middle")
    return ""


def _label_spots(country: Country, view: View) -> list[tuple[float, float]]:
    """Return candidate label spots: the centre, then a grid over the part in view."""
    west, south, east, north = country.bbox
    west, east = max(west, view.west), min(east, view.east)
    south, north = max(south, view.south), min(north, view.north)
    grid = [
        (west + (east - west) * i / 4, south + (north - south) * j / 4)
        for j in (2, 1, 3)
        for i in (2, 1, 3)
    ]
    return [country.anchor, *grid]


def _inside(country: Country, lon: float, lat: float) -> bool:
    """Tell whether a point is on the country's land (even-odd rule over its rings)."""
    hits = 0
    for ring in country.rings:
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                hits += 1
    return hits % 2 == 1


def _place_label(place: Place, view: View, taken: list[Box]) -> str:
    """Label a point on whichever side is free of other labels and points, right first."""
    px, py = view.x(place.lon), view.y(place.lat)
    text = clip_text(place.name, 200)
    w = text_width(text) + 2
    options = [
        (px + 8, py + 4, "start", (px + 7, py - 7, px + 8 + w, py + 5)),
        (px - 8, py + 4, "end", (px - 8 - w, py - 7, px - 7, py + 5)),
        (px, py - 9, "middle", (px - w / 2, py - 20, px + w / 2, py - 7)),
        (px, py + 17, "middle", (px - w / 2, py + 6, px + w / 2, py + 19)),
    ]
    own = (px - 5, py - 5, px + 5, py + 5)
    others = [box for box in taken if box != own]
    fitting = [
        o
        for o in options
        if o[3][0] >= 0 and o[3][2] <= WIDTH and o[3][1] >= 0 and o[3][3] <= view.height
    ]
    free = [o for o in fitting if not any(_hit(o[3], box) for box in others)]
    x, y, anchor, box = (free or fitting or options)[0]
    taken.append(box)
    # A pale box underneath keeps the name legible over borders; a second, white-stroked
    # copy of the text would too, but WeasyPrint lays SVG text out letter by letter.
    left, top, right, bottom = box
    backdrop = el("rect", x=left, y=top, width=right - left, height=bottom - top, rx=2,
                  fill="#fff", fill_opacity=0.7)  # fmt: skip
    return backdrop + label(x, y, text, text_anchor=anchor, font_weight="bold")


def _outlines(shown: Sequence[Country], view: View) -> str:
    """Return one path of every country's rings, clipped to the map and simplified to it.

    The rings are clipped a little outside the frame, so the edges clipping adds fall
    under the clip path, and simplified to less than half a pixel, which does not show.
    """
    frame = (-CLIP_MARGIN, -CLIP_MARGIN, WIDTH + CLIP_MARGIN, view.height + CLIP_MARGIN)
    rings = (
        [(view.x(lon), view.y(lat)) for lon, lat in ring]
        for country in shown
        for ring in country.rings
        if _overlaps(_bbox(ring), view)
    )
    return outline_path(rings, frame, TOLERANCE)


def _overlaps(bbox: tuple[float, float, float, float], view: View) -> bool:
    west, south, east, north = bbox
    return not (east < view.west or west > view.east or north < view.south or south > view.north)


def _hit(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _bbox(ring: Ring) -> tuple[float, float, float, float]:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _centre(ring: Ring) -> tuple[float, float]:
    """Return the centroid of a ring (the mean of its points when it has no area)."""
    area = _area(ring)
    if abs(area) < 1e-9:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


def _coords(place: Place) -> str:
    """Write coordinates as people read them, e.g. `51.73° N, 36.19° E`."""
    ns = "N" if place.lat >= 0 else "S"
    ew = "E" if place.lon >= 0 else "W"
    return f"{abs(place.lat):g}° {ns}, {abs(place.lon):g}° {ew}"
