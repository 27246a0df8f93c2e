"""Outline geometry for the map: clip rings to a frame, simplify them, write them as path data.

Points are in the figure's pixels (the viewBox unit). A ring is closed: its last point joins
its first.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

from briefgen.render.svg import num

Point = tuple[float, float]
Frame = tuple[float, float, float, float]  # left, top, right, bottom


def clip_ring(ring: Sequence[Point], frame: Frame) -> list[Point]:
    """Clip a ring to a rectangle (Sutherland–Hodgman); empty when nothing of it is inside."""
    left, top, right, bottom = frame
    edges: list[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]]] = [
        (lambda p: p[0] >= left, lambda a, b: _at_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _at_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _at_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _at_y(a, b, bottom)),
    ]
    points = list(ring)
    for inside, cross in edges:
        if not points:
            break
        kept: list[Point] = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(cross(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(cross(previous, point))
            previous = point
        points = kept
    return points


def _at_x(a: Point, b: Point, x: float) -> Point:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: Point, b: Point, y: float) -> Point:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def simplify_ring(ring: Sequence[Point], tolerance: float) -> list[Point]:
    """Drop the points of a ring that lie within `tolerance` of the line kept (Douglas–Peucker).

    The ring is cut at its first point and the point farthest from it, and each half is
    simplified on its own, so the result keeps both and its shape stays within tolerance.
    """
    if len(ring) < 4:
        return list(ring)
    start = ring[0]
    far = max(range(len(ring)), key=lambda i: _squared(ring[i], start))
    halves = (list(ring[: far + 1]), [*ring[far:], start])
    first, second = (_douglas_peucker(half, tolerance) for half in halves)
    return first[:-1] + second[:-1]


def _douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Simplify an open line, keeping its ends; iterative, so long lines need no recursion."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    limit = tolerance * tolerance
    while spans:
        first, last = spans.pop()
        worst, index = 0.0, 0
        for i in range(first + 1, last):
            distance = _segment_distance(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if worst > limit:
            keep[index] = True
            spans += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _squared(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    """Return the squared distance from p to the segment from a to b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    if length == 0:
        return _squared(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return _squared(p, (a[0] + t * dx, a[1] + t * dy))


def ring_area(ring: Sequence[Point]) -> float:
    """Return the area a ring encloses (shoelace formula), whichever way it turns."""
    closed = itertools.pairwise([*ring, ring[0]]) if ring else ()
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in closed)) / 2


def outline_path(rings: Iterable[Sequence[Point]], frame: Frame, tolerance: float) -> str:
    """Return path data for the rings clipped to the frame and simplified to the tolerance.

    Rings outside the frame or enclosing less than a square pixel are left out, and
    coordinates are written with one decimal, a point repeated in a row once.
    """
    out: list[str] = []
    for ring in rings:
        simple = simplify_ring(clip_ring(ring, frame), tolerance)
        if len(simple) < 3 or ring_area(simple) < 1.0:
            continue
        written = [key for key, _ in itertools.groupby(f"{num(x)} {num(y)}" for x, y in simple)]
        if len(written) >= 3:
            out.append("M" + "L".join(written) + "Z")
    return "".join(out)
