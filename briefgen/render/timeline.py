"""The timeline of a brief as SVG: events and incidents on a time axis."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from briefgen.model import Brief, Incident
from briefgen.render.dates import MONTHS, DateStyle, format_date
from briefgen.render.svg import (
    ACCENT,
    INCIDENT,
    LEFT,
    MUTED,
    NO_FIGURE,
    RIGHT,
    RULE,
    WIDTH,
    clip_text,
    el,
    figure_text,
    frame,
    group,
    label,
    num,
    path_data,
)

MAX_ROWS = 30
"""Most events and incidents the timeline labels one by one."""
LABEL_WIDTH = 330.0
"""Widest timeline label, in pixels (about 55 characters)."""


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
    entries = [_Entry(e.date, e.id, figure_text(e.summary), False) for e in brief.events]
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

    ticks = _ticks(origin, origin + dt.timedelta(days=total))
    # One path per style: the axis and its ticks, then the guides from the axis to the marks.
    rule = f"M{num(LEFT)} 22H{num(RIGHT)}" + "".join(f"M{num(x(t))} 18V26" for t, _ in ticks)
    parts = [el("path", d=rule, stroke=MUTED, fill="none")]
    parts += [
        label(x(t), 13, text, font_size=10, fill=MUTED, text_anchor="middle") for t, text in ticks
    ]
    guides: list[str] = []
    labels: list[tuple[str, float, float, float]] = []
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
            guides.append(f"M{num(a)} 26V{num(y)}")
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
        parts.append(group(attrs, [mark]))
        desc.append(f"{format_date(entry.date, style)}, {kind}: {entry.words}")
        if not labelled:
            continue
        # Short labels: the list beside the figure has each in full.
        text = clip_text(f"{format_date(entry.date, style)} · {entry.words}", LABEL_WIDTH)
        labels.append((text, left, right, y))
        y += 22
    if not labelled:
        y = 86.0
    if guides:
        parts.insert(1, el("path", d="".join(guides), stroke=RULE, stroke_dasharray="2 2"))
    title = (
        f"Timeline of {len(entries)} events and incidents, "
        f"{format_date(first, style)} to {format_date(last, style)}"
    )
    figure = frame("fig-timeline", WIDTH, y - 8, title, "; ".join(desc) + ".", "".join(parts))
    if not labels:
        return figure
    return Markup(f'<div class="timeline-chart">{figure}{_labels(labels, y - 8)}</div>')


def _labels(labels: list[tuple[str, float, float, float]], height: float) -> str:
    """Write each label as HTML over the figure, beside its mark, placed in percent of its size.

    WeasyPrint lays SVG text out letter by letter and HTML text a line at a time. Screen
    readers skip the labels: the figure's description and the list below say each in full.
    """
    out = []
    for text, left, right, y in labels:
        if RIGHT - right >= left - LEFT:
            words, side = clip_text(text, RIGHT - right - 2), f"left:{_percent(right + 2)}"
        else:
            words, side = clip_text(text, left - 2 - LEFT), f"right:{_percent(WIDTH - left + 2)}"
        out.append(
            f'<span class="timeline-label" aria-hidden="true" '
            f'style="{side};top:{_percent(y - 6, height)}">{escape(words)}</span>'
        )
    return "".join(out)


def _percent(part: float, whole: float = WIDTH) -> str:
    return f"{part / whole * 100:.2f}%"


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
