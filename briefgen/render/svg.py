"""Small helpers for writing SVG figures by hand: numbers, text, the <svg> frame."""

from __future__ import annotations

import html

from markupsafe import Markup, escape

from briefgen.model.base import INLINE_CITE

INK = "#1b1f24"
MUTED = "#57606a"
RULE = "#d0d7de"
SOFT = "#eef1f4"
ACCENT = "#0b4f8a"
INCIDENT = "#b3261e"
CLAIMANT_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56b4e9")
"""Okabe–Ito colours, distinguishable with the common colour-vision deficiencies."""

WIDTH = 640.0
"""Width of a full-width figure; its marks sit between LEFT and RIGHT."""
LEFT, RIGHT = 12.0, 628.0
NO_FIGURE = Markup("")

CHAR_WIDTH = 6.2
"""Rough width of one character of 11px sans-serif text, for placing labels."""


def num(value: float) -> str:
    """Write a coordinate with at most one decimal, the same bytes every time."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: float = 11) -> float:
    """Estimate how wide a label is drawn, in pixels."""
    return len(text) * CHAR_WIDTH * size / 11


def clip_text(text: str, width: float, size: float = 11) -> str:
    """Shorten text with an ellipsis so it fits in `width` pixels."""
    flat = " ".join(text.split())
    fits = int(width / (CHAR_WIDTH * size / 11))
    if len(flat) <= fits:
        return flat
    return flat[: max(fits - 1, 1)].rstrip(" ,;:") + "…"


Attr = str | float | int


def _esc(text: str) -> str:
    # html.escape: plain text in, plain text out; markupsafe's escape is slower per call.
    return html.escape(text, quote=True)


def _attrs(attrs: dict[str, Attr]) -> str:
    """Write attributes; `font_size` becomes `font-size` and floats are rounded by num()."""
    return "".join(
        f' {k.rstrip("_").replace("_", "-")}="{num(v) if isinstance(v, float) else _esc(str(v))}"'
        for k, v in attrs.items()
    )


def el(tag: str, **attrs: Attr) -> str:
    """Return an empty SVG element, e.g. el("circle", cx=1.0, cy=2.0, r=3)."""
    return f"<{tag}{_attrs(attrs)}/>"


def line(x1: float, y1: float, x2: float, y2: float, **attrs: Attr) -> str:
    """Return a straight <line>."""
    return el("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **attrs)


def path(points: list[tuple[float, float]], **attrs: Attr) -> str:
    """Return an open <path> through the points."""
    return el("path", d=path_data(points), **attrs)


def path_data(points: list[tuple[float, float]]) -> str:
    """Return path data through the points, e.g. `M0 0L10 5`."""
    return "".join(f"{'L' if i else 'M'}{num(x)} {num(y)}" for i, (x, y) in enumerate(points))


def label(x: float, y: float, content: str, **attrs: Attr) -> str:
    """Return a <text> element."""
    return f"<text{_attrs({'x': float(x), 'y': float(y), **attrs})}>{_esc(content)}</text>"


def frame(fig_id: str, width: float, height: float, title: str, desc: str, body: str) -> Markup:
    """Wrap figure elements in an <svg> with a title and description for screen readers."""
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" id="{escape(fig_id)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" height="{num(height)}" '
        f'role="img" aria-labelledby="{escape(fig_id)}-title {escape(fig_id)}-desc" '
        f'font-size="11" fill="{INK}">'
        f'<title id="{escape(fig_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(fig_id)}-desc">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def group(attrs: dict[str, str], marks: list[str]) -> str:
    """Return a <g> with the attributes around the marks."""
    opening = el("g", **attrs)[:-2]
    return f"{opening}>{''.join(marks)}</g>"


def arrow(start: float, end: float, y: float, pen: dict[str, Attr]) -> list[str]:
    """Draw a line from `start` to `end` with an arrowhead at `end`: an open end."""
    back = 5 if end > start else -5
    head = [(end - back, y - 4), (end, y), (end - back, y + 4)]
    return [line(start, y, end, y, **pen), path(head, fill="none", **pen)]


def figure_text(text: str) -> str:
    """Drop Markdown emphasis and inline citations from brief prose, on one line."""
    return " ".join(INLINE_CITE.sub("", text).replace("**", "").replace("*", "").split())
