"""Figures of a brief as inline SVG: strength claims, likelihood scales and a timeline.

With the brief's revisions, strengths that changed get a step chart and likelihoods that
changed their path on the scale.

Every figure is drawn from the validated brief alone, as text with fixed rounding, so the
same brief always gives the same bytes. Each carries a title and a description for screen
readers, and the brief keeps the table with the same numbers beside it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from markupsafe import Markup

from briefgen.history.paths import PathPoint, RevisionPaths
from briefgen.model import Brief, Force, Incident, Likelihood, Qualifier
from briefgen.model.base import INLINE_CITE
from briefgen.model.quantities import format_number, parse_quantity
from briefgen.render.dates import MONTHS, DateStyle, format_date
from briefgen.render.locator import locator_map
from briefgen.render.svg import (
    ACCENT,
    CLAIMANT_COLOURS,
    INCIDENT,
    MUTED,
    RULE,
    SOFT,
    Attr,
    clip_text,
    el,
    frame,
    label,
    line,
    path,
    path_data,
)

WIDTH = 640.0
LEFT, RIGHT = 12.0, 628.0
NO_FIGURE = Markup("")
MAX_ROWS = 30
"""Most events and incidents the timeline labels one by one."""
LABEL_WIDTH = 330.0
"""Widest timeline label, in pixels (about 55 characters)."""
MAX_CLAIMS = 24
"""Most strength claims one chart draws."""


STRENGTH_KEY = "● exact · ○ about · ‹● nearly · ●→ at least or more than · ←| up to · |—| range"
TIMELINE_KEY = "● event on a day · ▭ dated only by month or year, drawn as a span · ◆ incident"
"""What the marks mean, said in the captions: HTML text costs WeasyPrint less than SVG text."""


@dataclass(frozen=True)
class Figures:
    """The SVG figures of one brief; a figure the brief has no data for is empty."""

    map: Markup = NO_FIGURE
    strength: Markup = NO_FIGURE
    timeline: Markup = NO_FIGURE
    likelihood: dict[str, Markup] = field(default_factory=dict)
    strength_key: str = STRENGTH_KEY
    timeline_key: str = TIMELINE_KEY
    # By force id: a step chart of the strength across revisions, where it changed.
    strength_paths: dict[str, Markup] = field(default_factory=dict)
    # The points behind the step charts and the likelihood paths, for the lists beside them.
    paths: RevisionPaths = field(default_factory=RevisionPaths)
    # By force id: what the step chart is of, e.g. `North Korea in Kursk region`.
    path_headings: dict[str, str] = field(default_factory=dict)


def brief_figures(
    brief: Brief, style: DateStyle = "long", paths: RevisionPaths | None = None
) -> Figures:
    """Draw every figure of a brief, dates in the project's style, paths from its revisions."""
    paths = paths or RevisionPaths()
    scales = {
        item_id: likelihood_scale(item_id, term, about, paths.likelihood.get(item_id, ())[:-1])
        for item_id, term, about in _judged(brief)
    }
    steps = _strength_paths(brief, paths)
    return Figures(
        locator_map(brief),
        strength_chart(brief, style),
        timeline(brief, style),
        scales,
        strength_paths=steps,
        paths=_shown(paths, steps, scales),
        path_headings=_headings(brief, steps),
    )


def path_figures(brief: Brief, paths: RevisionPaths) -> Figures:
    """Draw only what changed across revisions: strength steps and likelihood paths."""
    scales = {
        item_id: likelihood_scale(item_id, term, about, paths.likelihood[item_id][:-1])
        for item_id, term, about in _judged(brief)
        if item_id in paths.likelihood
    }
    steps = _strength_paths(brief, paths)
    return Figures(
        likelihood=scales,
        strength_paths=steps,
        paths=_shown(paths, steps, scales),
        path_headings=_headings(brief, steps),
    )


def _headings(brief: Brief, steps: dict[str, Markup]) -> dict[str, str]:
    return {f.id: force_heading(brief, f) for f in brief.forces if f.id in steps}


def _judged(brief: Brief) -> list[tuple[str, Likelihood, str]]:
    """Return each key judgment and question outlook with a likelihood: id, term, text."""
    judged = [(kj.id, kj.likelihood, kj.text) for kj in brief.key_judgments if kj.likelihood]
    judged += [
        (q.id, q.outlook.likelihood, q.question)
        for q in brief.open_questions
        if q.outlook and q.outlook.likelihood
    ]
    return judged


def _strength_paths(brief: Brief, paths: RevisionPaths) -> dict[str, Markup]:
    return {
        force.id: chart
        for force in brief.forces
        if (chart := strength_path(force.id, force_heading(brief, force), paths.strength))
    }


def _shown(
    paths: RevisionPaths, steps: dict[str, Markup], scales: dict[str, Markup]
) -> RevisionPaths:
    """Keep the paths of items the brief still has and that are drawn."""
    return RevisionPaths(
        {k: v for k, v in paths.strength.items() if k in steps},
        {k: v for k, v in paths.likelihood.items() if k in scales and len(v) > 1},
    )


# Likelihood ------------------------------------------------------------------------------


def likelihood_scale(
    item_id: str, term: Likelihood, about: str, earlier: tuple[PathPoint, ...] = ()
) -> Markup:
    """Draw the seven ICD 203 bands on a 0–100% axis with the judged band filled and named.

    Earlier judgments, oldest first, are outlined, with arrows from each to the next.
    """
    desc = (
        f"{_plain(about)} Judged {term.value}, {term.range_label}, on the seven-band ICD 203 "
        "scale from almost no chance (1–5%) to almost certain (95–99%)."
    )
    title = f"Likelihood: {term.value} ({term.range_label})"
    bands = [Likelihood(p.value) for p in earlier if p.value in _TERMS]
    if not bands:
        return frame(f"fig-likelihood-{item_id}", SCALE_WIDTH, 14, title, desc, _scale_body(term))
    said = "; ".join(f"{p.revision}: {p.value}" for p in earlier)
    desc += f" Earlier revisions judged it otherwise ({said}); now {term.value}."
    title += ", changed across revisions"
    body = _scale_body(term) + _path_marks([*bands, term])
    return frame(f"fig-likelihood-{item_id}", SCALE_WIDTH, 30, title, desc, body)


SCALE_WIDTH = 480.0
_TERMS = {t.value for t in Likelihood}


def _band_x(percent: float) -> float:
    return 10 + percent / 100 * (SCALE_WIDTH - 20)


def _path_marks(bands: list[Likelihood]) -> str:
    """Outline each earlier band and draw arrows below the scale from band to band."""
    parts = []
    for n, band in enumerate(bands[:-1]):
        low, high = band.percent
        parts.append(
            el("rect", class_="band-earlier", data_band=band.value, data_step=n,
               x=_band_x(low) + 1, y=2, width=_band_x(high) - _band_x(low) - 2, height=10,
               fill="none", stroke=ACCENT, stroke_width=1.5, stroke_dasharray="3 2")
        )  # fmt: skip
    y = 17.0
    for before, after in itertools.pairwise(bands):
        start, end = (_band_x(sum(b.percent) / 2) for b in (before, after))
        if start == end:
            continue
        parts.append(line(start, 13, start, y, stroke=ACCENT))
        parts += _arrow(start, end, y, {"stroke": ACCENT, "stroke_width": 1.5})
        parts.append(line(end, y, end, 13, stroke=ACCENT))
        y += 5
    return "".join(parts)


@cache
def _scale_body(term: Likelihood) -> str:
    """Draw the bands, the same for every item with that term.

    The judged term is named in the sentence just above the scale, so the scale carries no
    text of its own.
    """

    x = _band_x
    parts = []
    for n, band in enumerate(Likelihood):
        low, high = band.percent
        judged = band is term
        parts.append(
            el(
                "rect",
                class_="band band-judged" if judged else "band",
                data_band=band.value,
                data_range=f"{low}-{high}",
                x=x(low),
                y=1,
                width=x(high) - x(low),
                height=12,
                fill=ACCENT if judged else (SOFT if n % 2 else "#dde3e9"),
                stroke="#fff",
            )
        )
    return "".join(parts)


# Strength claims --------------------------------------------------------------------------

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
    parts: list[str] = []
    desc: list[str] = []
    y = 14.0
    for (actor, where), forces in groups.items():
        heading = f"{actor} in {where}" if where else actor
        parts.append(label(LEFT, y, heading, font_weight="bold", font_size=12))
        y += 16
        for force in forces:
            said = _claim_words(force, name(force.claimed_by), style)
            parts.append(label(LEFT + 8, y, clip_text(said, RIGHT - LEFT - 8), fill=MUTED))
            parts.append(_claim_mark(force, x, y + 12, colour[force.claimed_by or ""]))
            desc.append(f"{heading}: {said}")
            y += 28
        y += 4
    parts.append(line(x(0), y, x(top), y, stroke=MUTED))
    for n in range(round(top / step) + 1):
        tick = n * step
        parts.append(line(x(tick), y, x(tick), y + 4, stroke=MUTED))
        parts.append(
            label(x(tick), y + 15, _number(tick), font_size=10, fill=MUTED, text_anchor="middle")
        )
    units = sorted({f.strength.unit for f in claims if f.strength and f.strength.unit})
    title = "Strength claims" + (f" ({', '.join(units)})" if units else "") + ", one mark each"
    if len(stated) > len(claims):
        title += f" (the first {len(claims)} of {len(stated)}; the table lists all)"
    return frame("fig-strength", WIDTH, y + 22, title, "; ".join(desc) + ".", "".join(parts))


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
        return _group({**data, "data_min": str(q.min), "data_max": str(q.max)}, marks)
    assert q.value is not None
    cx = x(q.value)
    dot = el("circle", cx=cx, cy=y, r=4.5, fill=colour, **pen)
    marks = [dot]
    if q.qualifier is Qualifier.ABOUT:
        marks = [el("circle", cx=cx, cy=y, r=4.5, fill="#fff", **pen)]
    elif q.qualifier is Qualifier.NEARLY:
        marks.append(path([(cx - 8, y - 4), (cx - 12, y), (cx - 8, y + 4)], fill="none", **pen))
    elif q.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        marks += _arrow(cx + 4, cx + 40, y, pen)
    elif q.qualifier is Qualifier.UP_TO:
        marks = [line(cx, y - 6, cx, y + 6, stroke=colour, stroke_width=3)]
        marks += _arrow(cx, max(cx - 40, x(0)), y, {**pen, "stroke_dasharray": "3 2"})
    return _group({**data, "data_value": str(q.value)}, marks)


def _group(attrs: dict[str, str], marks: list[str]) -> str:
    opening = el("g", **attrs)[:-2]
    return f"{opening}>{''.join(marks)}</g>"


def _arrow(start: float, end: float, y: float, pen: dict[str, Attr]) -> list[str]:
    """Draw a line from `start` to `end` with an arrowhead at `end`: an open end."""
    back = 5 if end > start else -5
    head = [(end - back, y - 4), (end, y), (end - back, y + 4)]
    return [line(start, y, end, y, **pen), path(head, fill="none", **pen)]


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


# Strength over revisions --------------------------------------------------------------------

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
        parts.append(_group(attrs, [mark]))
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


# Timeline ----------------------------------------------------------------------------------


def date_span(value: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


@dataclass(frozen=True)
class _Entry:
    date: str
    id: str
    words: str
    incident: bool


def timeline(brief: Brief, style: DateStyle = "long") -> Markup:
    """Draw events and incidents on a time axis, a month-only date as a span of that month."""
    entries = [_Entry(e.date, e.id, _plain(e.summary), False) for e in brief.events]
    entries += [_Entry(i.date, i.id, _incident_words(brief, i), True) for i in brief.incidents]
    if not entries:
        return NO_FIGURE
    entries.sort(key=lambda e: (date_span(e.date), e.id))
    first = min(date_span(e.date)[0] for e in entries)
    last = max(date_span(e.date)[1] for e in entries)
    pad = max((last - first).days * 0.04, 10.0)
    origin = first - dt.timedelta(days=pad)
    total = (last - first).days + 1 + 2 * pad

    def x(day: dt.date) -> float:
        return LEFT + (day - origin).days / total * (RIGHT - LEFT)

    parts = [line(LEFT, 22, RIGHT, 22, stroke=MUTED)]
    for tick, text in _ticks(origin, origin + dt.timedelta(days=total)):
        parts.append(line(x(tick), 18, x(tick), 26, stroke=MUTED))
        parts.append(label(x(tick), 13, text, font_size=10, fill=MUTED, text_anchor="middle"))
    desc = []
    # Up to MAX_ROWS entries get a row and a label each; more share two unlabelled lanes,
    # so the figure stays within a page and the list below names them.
    labelled = len(entries) <= MAX_ROWS
    y = 42.0
    for entry in entries:
        if not labelled:
            y = 64.0 if entry.incident else 42.0
        start, end = date_span(entry.date)
        a, b = x(start), x(end + dt.timedelta(days=1))
        colour = INCIDENT if entry.incident else ACCENT
        if labelled:
            parts.append(line(a, 26, a, y, stroke=RULE, stroke_dasharray="2 2"))
        if start != end:
            mark = el("rect", x=a, y=y - 5, width=b - a, height=10, fill=colour,
                      fill_opacity=0.25, stroke=colour)  # fmt: skip
            left, right = a - 2, b + 2
        elif entry.incident:
            diamond = path_data([(a, y - 6), (a + 6, y), (a, y + 6), (a - 6, y)])
            mark = el("path", d=diamond + "Z", fill=colour)
            left, right = a - 8, a + 8
        else:
            mark = el("circle", cx=a, cy=y, r=5, fill=colour)
            left, right = a - 7, a + 7
        kind = "incident" if entry.incident else "event"
        attrs = {"class_": kind, "data_id": entry.id, "data_start": str(start),
                 "data_end": str(end)}  # fmt: skip
        parts.append(_group(attrs, [mark]))
        desc.append(f"{format_date(entry.date, style)}, {kind}: {entry.words}")
        if not labelled:
            continue
        # Short labels: the list beside the figure has each in full, and every letter of
        # SVG text costs WeasyPrint a layout of its own.
        text = clip_text(f"{format_date(entry.date, style)} · {entry.words}", LABEL_WIDTH)
        if RIGHT - right >= left - LEFT:
            parts.append(label(right + 2, y + 4, clip_text(text, RIGHT - right - 2)))
        else:
            parts.append(
                label(left - 2, y + 4, clip_text(text, left - 2 - LEFT), text_anchor="end")
            )
        y += 22
    if not labelled:
        y = 86.0
    title = (
        f"Timeline of {len(entries)} events and incidents, "
        f"{format_date(first, style)} to {format_date(last, style)}"
    )
    return frame("fig-timeline", WIDTH, y - 8, title, "; ".join(desc) + ".", "".join(parts))


def _ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Return month (or, over three years, year) starts between two days, about eight."""
    if (end - start).days > 3 * 366:
        years = list(range(start.year + 1, end.year + 1))
        every = max(1, math.ceil(len(years) / 8))
        return [(dt.date(y, 1, 1), str(y)) for y in years[::every]]
    months = []
    year, month = start.year, start.month
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        day = dt.date(year, month, 1)
        if day > end:
            break
        months.append(day)
    every = max(1, math.ceil(len(months) / 8))
    return [
        (
            d,
            f"{MONTHS[d.month - 1][:3]} {d.year}"
            if d.month == 1 or i == 0
            else MONTHS[d.month - 1][:3],
        )
        for i, d in enumerate(months[::every])
    ]


def _incident_words(brief: Brief, incident: Incident) -> str:
    """Say an incident in a line: type, place and casualties as stated."""
    where = incident.location or (brief.places[incident.place].name if incident.place else "")
    counts = [("killed", incident.fatalities), ("wounded", incident.wounded),
              ("captured", incident.captured)]  # fmt: skip
    said = [f"{q.as_stated} {what}" for what, q in counts if q]
    words = f"{incident.type.value.capitalize()} in {where}"
    return words + (": " + ", ".join(said) if said else "")


def _plain(text: str) -> str:
    """Drop Markdown emphasis and inline citations from a summary, on one line."""
    return " ".join(INLINE_CITE.sub("", text).replace("**", "").replace("*", "").split())
