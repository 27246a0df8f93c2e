"""Strength figures as SVG: every claim on a shared axis, and steps across revisions."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from markupsafe import Markup, escape

from briefgen.history.paths import PathPoint
from briefgen.model import Brief, Force, Qualifier
from briefgen.model.quantities import format_number, parse_quantity
from briefgen.render.dates import DateStyle, format_date
from briefgen.render.svg import (
    ACCENT,
    CLAIMANT_COLOURS,
    LEFT,
    MUTED,
    NO_FIGURE,
    RIGHT,
    RULE,
    WIDTH,
    Attr,
    arrow,
    clip_text,
    el,
    frame,
    group,
    label,
    line,
    num,
    path,
)

MAX_CLAIMS = 24
"""Most strength claims one chart draws."""
PATH_WIDTH = 480.0


Scale = Callable[[float], float]


def strength_chart(brief: Brief, style: DateStyle = "long") -> Markup:
    """Draw one mark per strength claim, grouped by actor and place, on a shared axis."""
    stated = [f for f in brief.forces if f.strength is not None]
    if not stated:
        return NO_FIGURE
    claims = stated[:MAX_CLAIMS]  # so the chart fits on a page; the table lists every claim
    claimants = sorted({f.claimed_by or "" for f in claims})
    colour = {c: CLAIMANT_COLOURS[i % len(CLAIMANT_COLOURS)] for i, c in enumerate(claimants)}
    top = _axis_top(claims)
    step = _nice_step(top)
    top = step * math.ceil(top / step)

    def x(value: float) -> float:
        return LEFT + 8 + value / top * (RIGHT - LEFT - 56)

    def name(actor_id: str | None) -> str:
        return brief.actors[actor_id].name if actor_id and actor_id in brief.actors else ""

    groups: dict[tuple[str, str], list[Force]] = {}
    for force in claims:
        where = force.location or (brief.places[force.place].name if force.place else "")
        groups.setdefault((name(force.actor), where), []).append(force)
    # The words are HTML, each mark a strip of SVG under its label: WeasyPrint lays SVG text
    # out letter by letter, HTML text a line at a time. The strips share one width, so one
    # scale, however wide the page draws them.
    rows: list[str] = []
    desc: list[str] = []
    for (actor, where), forces in groups.items():
        heading = f"{actor} in {where}" if where else actor
        rows.append(f'<p class="strength-group">{escape(heading)}</p>')
        for force in forces:
            said = _claim_words(force, name(force.claimed_by), style)
            mark = _claim_mark(force, x, MARK_HEIGHT / 2, colour[force.claimed_by or ""])
            rows.append(f'<p class="strength-claim">{escape(said)}</p>{_strip(said, mark)}')
            desc.append(f"{heading}: {said}")
    units = sorted({f.strength.unit for f in claims if f.strength and f.strength.unit})
    title = "Strength claims" + (f" ({', '.join(units)})" if units else "") + ", one mark each"
    if len(stated) > len(claims):
        title += f" (the first {len(claims)} of {len(stated)}; the table lists all)"
    axis = frame("fig-strength", WIDTH, 24, title, "; ".join(desc) + ".", _axis(x, top, step))
    return Markup(f'<div class="strength-chart">{"".join(rows)}{axis}</div>')


MARK_HEIGHT = 16.0


def _axis(x: Scale, top: float, step: float) -> str:
    """Draw the shared axis: one path for the line and its ticks, a number under each tick."""
    ticks = [n * step for n in range(round(top / step) + 1)]
    rule = f"M{num(x(0))} 4H{num(x(top))}" + "".join(f"M{num(x(t))} 4V8" for t in ticks)
    numbers = [
        label(x(t), 19, _number(t), font_size=10, fill=MUTED, text_anchor="middle") for t in ticks
    ]
    return el("path", d=rule, stroke=MUTED, fill="none") + "".join(numbers)


def _strip(said: str, mark: str) -> str:
    """Wrap one claim's mark in a full-width strip of SVG that screen readers skip.

    The words above say the claim; the title repeats them for the PDF, whose figures need
    an alternative text of their own.
    """
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg strength-mark" '
        f'viewBox="0 0 {num(WIDTH)} {num(MARK_HEIGHT)}" width="{num(WIDTH)}" '
        f'height="{num(MARK_HEIGHT)}" aria-hidden="true"><title>{escape(said)}</title>{mark}</svg>'
    )


def _claim_words(force: Force, claimant: str, style: DateStyle) -> str:
    """Say a claim as its label does: amount as stated, claimant and date."""
    assert force.strength is not None
    words = force.strength.as_stated
    if claimant:
        words += f" — claimed by {claimant}"
    if force.as_of:
        words += f", {format_date(force.as_of, style)}"
    return words


def _claim_mark(force: Force, x: Scale, y: float, colour: str) -> str:
    """Draw one claim: a point, an interval, or a point open-ended to one side."""
    q = force.strength
    assert q is not None
    data = {
        "class_": "claim",
        "data_force": force.id,
        "data_qualifier": q.qualifier.value,
        "data_claimant": force.claimed_by or "",
    }
    pen: dict[str, Attr] = {"stroke": colour, "stroke_width": 2}
    if q.qualifier is Qualifier.RANGE:
        assert q.min is not None and q.max is not None
        a, b = x(q.min), x(q.max)
        marks = [
            line(a, y, b, y, stroke=colour, stroke_width=3),
            line(a, y - 5, a, y + 5, **pen),
            line(b, y - 5, b, y + 5, **pen),
        ]
        return group({**data, "data_min": str(q.min), "data_max": str(q.max)}, marks)
    assert q.value is not None
    cx = x(q.value)
    dot = el("circle", cx=cx, cy=y, r=4.5, fill=colour, **pen)
    marks = [dot]
    if q.qualifier is Qualifier.ABOUT:
        marks = [el("circle", cx=cx, cy=y, r=4.5, fill="#fff", **pen)]
    elif q.qualifier is Qualifier.NEARLY:
        marks.append(path([(cx - 8, y - 4), (cx - 12, y), (cx - 8, y + 4)], fill="none", **pen))
    elif q.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        marks += arrow(cx + 4, cx + 40, y, pen)
    elif q.qualifier is Qualifier.UP_TO:
        marks = [line(cx, y - 6, cx, y + 6, stroke=colour, stroke_width=3)]
        marks += arrow(cx, max(cx - 40, x(0)), y, {**pen, "stroke_dasharray": "3 2"})
    return group({**data, "data_value": str(q.value)}, marks)


def _axis_top(claims: list[Force]) -> float:
    """Return the largest number stated, with room for open-ended marks."""
    values = [q.max if q.max is not None else q.value for f in claims if (q := f.strength)]
    return max(float(v or 0) for v in values) * 1.1 or 1.0


def _nice_step(top: float) -> float:
    """Pick a tick step of 1, 2, 2.5 or 5 times a power of ten giving about five ticks."""
    raw = top / 5
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _number(value: float) -> str:
    return format_number(int(value) if float(value).is_integer() else value)


PATH_WIDTH = 480.0


def force_heading(brief: Brief, force: Force) -> str:
    """Name a force for a figure: its actor and where it is."""
    actor = brief.actors[force.actor].name if force.actor in brief.actors else force.actor
    where = force.location or (brief.places[force.place].name if force.place else "")
    return f"{actor} in {where}" if where else actor


def strength_path(force_id: str, heading: str, paths: dict[str, tuple[PathPoint, ...]]) -> Markup:
    """Draw a force's strength as stated at each revision as steps, one column per revision."""
    return _strength_steps(force_id, heading, paths.get(force_id, ()))


# A site draws each chart twice, on the brief page and on its history page.
@lru_cache(maxsize=1024)
def _strength_steps(force_id: str, heading: str, path: tuple[PathPoint, ...]) -> Markup:
    points = [(p, _amounts(p.value)) for p in path]
    known = [(p, a) for p, a in points if a is not None]
    if len(known) < 2:
        return NO_FIGURE
    top = max(max(a) for _, a in known) * 1.15 or 1.0
    step = _nice_step(top)
    top = step * math.ceil(top / step)
    left, right, floor = 56.0, PATH_WIDTH - 12, 116.0
    width = (right - left) / len(known)

    def y(value: float) -> float:
        return floor - value / top * (floor - 16)

    parts = []
    for n in range(round(top / step) + 1):
        tick = n * step
        parts.append(line(left, y(tick), right, y(tick), stroke=RULE))
        parts.append(label(left - 4, y(tick) + 4, _number(tick), font_size=10, fill=MUTED,
                           text_anchor="end"))  # fmt: skip
    previous: tuple[float, ...] | None = None
    for n, (point, amounts) in enumerate(known):
        a, b = left + n * width, left + (n + 1) * width
        low, high = y(min(amounts)), y(max(amounts))
        if previous is not None:
            parts.append(line(a, y(min(previous)), a, low, stroke=ACCENT, stroke_dasharray="2 2"))
        attrs = {"class_": "step", "data_revision": point.revision, "data_value": point.value}
        if len(amounts) == 2:
            mark = el("rect", x=a, y=high, width=b - a, height=low - high, fill=ACCENT,
                      fill_opacity=0.25, stroke=ACCENT)  # fmt: skip
        else:
            mark = line(a, low, b, low, stroke=ACCENT, stroke_width=3)
        parts.append(group(attrs, [mark]))
        centre = (a + b) / 2
        parts.append(label(centre, high - 5, clip_text(point.value, width - 4, 10), font_size=10,
                           text_anchor="middle"))  # fmt: skip
        parts.append(label(centre, floor + 14, point.revision, font_size=10, fill=MUTED,
                           text_anchor="middle"))  # fmt: skip
        previous = amounts
    said = "; ".join(f"{p.revision}: {p.value}" for p, _ in known)
    title = f"Strength over revisions: {heading}"
    desc = f"{heading}, strength as stated at each revision where it changed: {said}."
    return frame(f"fig-strength-path-{force_id}", PATH_WIDTH, floor + 22, title, desc,
                 "".join(parts))  # fmt: skip


def _amounts(value: str) -> tuple[float, ...] | None:
    """Return the number, or both ends of a range, a stated strength gives; None if none."""
    try:
        fields = parse_quantity(value)
    except ValueError:
        return None
    if fields.get("min") is not None:
        return (float(fields["min"]), float(fields["max"]))
    return (float(fields["value"]),)
