"""The map's outline geometry: clipping to the frame, simplifying to the tolerance, path data."""

from __future__ import annotations

import math
import re

from bs4 import BeautifulSoup, Tag

from briefgen.render.locator import CLIP_MARGIN, TOLERANCE, draw_map
from briefgen.render.outlines import (
    Point,
    clip_ring,
    outline_path,
    ring_area,
    simplify_ring,
)
from briefgen.validate import Validated

FRAME = (0.0, 0.0, 100.0, 80.0)


def wobbly_circle(n: int = 720, radius: float = 30.0) -> list[Point]:
    """Return a densely drawn circle around (50, 40) with a small ripple on its edge."""
    return [
        (
            50 + (radius + 0.2 * math.sin(7 * a)) * math.cos(a),
            40 + (radius + 0.2 * math.sin(7 * a)) * math.sin(a),
        )
        for a in (2 * math.pi * k / n for k in range(n))
    ]


def distance_to_ring(p: Point, ring: list[Point]) -> float:
    """Return the distance from a point to the nearest edge of a closed ring."""
    best = math.inf
    for a, b in zip(ring, [*ring[1:], ring[0]], strict=True):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length
        t = max(0.0, min(1.0, t))
        best = min(best, math.dist(p, (a[0] + t * dx, a[1] + t * dy)))
    return best


def path_points(data: str) -> list[list[Point]]:
    """Read `M..L..Z` path data back into rings of points."""
    rings = []
    for part in re.findall(r"M([^Z]*)Z", data):
        numbers = [float(n) for n in re.split(r"[ L]", part)]
        rings.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return rings


def test_a_simplified_ring_stays_within_tolerance_of_the_original() -> None:
    ring = wobbly_circle()
    simple = simplify_ring(ring, 0.5)
    assert 10 < len(simple) < len(ring) / 4  # far fewer points, still a round shape
    assert set(simple) <= set(ring)  # it only drops points, it never moves one
    assert max(distance_to_ring(p, simple) for p in ring) <= 0.5 + 1e-9
    assert abs(ring_area(simple) - ring_area(ring)) / ring_area(ring) < 0.01


def test_simplifying_keeps_corners_and_drops_points_on_a_straight_edge() -> None:
    square = [(0.0, 0.0), (5.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 5.0)]
    assert sorted(simplify_ring(square, 0.1)) == [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0),
                                                  (10.0, 10.0)]  # fmt: skip


def test_clipping_keeps_every_point_inside_the_frame() -> None:
    ring = [(-50.0, 10.0), (150.0, 20.0), (150.0, 200.0), (20.0, 60.0)]
    clipped = clip_ring(ring, FRAME)
    assert clipped
    for x, y in clipped:
        assert 0 <= x <= 100 and 0 <= y <= 80
    assert (100.0, 17.5) in [(round(x, 6), round(y, 6)) for x, y in clipped]


def test_a_ring_around_the_frame_clips_to_the_frame_and_one_outside_to_nothing() -> None:
    around = [(-10.0, -10.0), (200.0, -10.0), (200.0, 200.0), (-10.0, 200.0)]
    assert ring_area(clip_ring(around, FRAME)) == 100 * 80
    outside = [(200.0, 200.0), (300.0, 200.0), (300.0, 300.0)]
    assert clip_ring(outside, FRAME) == []
    assert outline_path([outside], FRAME, 0.4) == ""


def test_rings_smaller_than_a_pixel_are_left_out() -> None:
    speck = [(10.0, 10.0), (10.5, 10.0), (10.5, 10.5), (10.0, 10.5)]
    island = [(20.0, 20.0), (24.0, 20.0), (24.0, 23.0)]
    data = outline_path([speck, island], FRAME, 0.4)
    assert path_points(data) == [[(20.0, 20.0), (24.0, 20.0), (24.0, 23.0)]]


def test_path_data_is_rounded_to_a_tenth_and_the_same_every_time() -> None:
    rings = [wobbly_circle(), [(-5.0, -5.0), (60.123, -5.0), (60.123, 30.456)]]
    data = outline_path(rings, FRAME, 0.4)
    assert data == outline_path(rings, FRAME, 0.4)
    assert re.fullmatch(r"(M-?\d+(\.\d)?( -?\d+(\.\d)?)(L-?\d+(\.\d)?( -?\d+(\.\d)?))+Z)+", data)
    for points in path_points(data):
        assert all(0 <= x <= 100 and 0 <= y <= 80 for x, y in points)


def test_the_map_draws_every_outline_as_one_path_inside_its_frame(kursk: Validated) -> None:
    markup = draw_map(list(kursk.brief.places.items()))
    soup = BeautifulSoup(markup, "html.parser")
    [outlines] = soup.select("g[clip-path] path")
    svg = soup.find("svg")
    assert isinstance(svg, Tag)
    height = float(str(svg["viewbox"]).split()[3])
    rings = path_points(str(outlines["d"]))
    assert len(rings) >= 3  # Russia, Ukraine and Belarus at least
    for ring in rings:
        for x, y in ring:
            assert -CLIP_MARGIN <= x <= 640 + CLIP_MARGIN
            assert -CLIP_MARGIN <= y <= height + CLIP_MARGIN
    assert TOLERANCE < 0.5  # under half a pixel: the simplification does not show
    assert draw_map(list(kursk.brief.places.items())) == markup
