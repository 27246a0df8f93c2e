"""The ICD 203 likelihood scale as SVG, with the path of earlier judgments."""

from __future__ import annotations

import itertools
from functools import cache

from markupsafe import Markup

from briefgen.history.paths import PathPoint
from briefgen.model import Likelihood
from briefgen.render.svg import ACCENT, SOFT, arrow, el, figure_text, frame, group, line, num


def likelihood_scale(
    item_id: str, term: Likelihood, about: str, earlier: tuple[PathPoint, ...] = ()
) -> Markup:
    """Draw the seven ICD 203 bands on a 0–100% axis with the judged band filled and named.

    Earlier judgments, oldest first, are outlined, with arrows from each to the next.
    """
    desc = (
        f"{figure_text(about)} Judged {term.value}, {term.range_label}, on the seven-band ICD 203 "
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
        parts += arrow(start, end, y, {"stroke": ACCENT, "stroke_width": 1.5})
        parts.append(line(end, y, end, 13, stroke=ACCENT))
        y += 5
    return "".join(parts)


@cache
def _scale_body(term: Likelihood) -> str:
    """Draw the bands, the same for every item with that term.

    The bands not judged are two paths, one per shade, and the judged band a rect of its
    own. The judged term is named in the sentence just above the scale, so the scale
    carries no text of its own.
    """
    x = _band_x
    shades: dict[str, list[str]] = {"#dde3e9": [], SOFT: []}
    judged = ""
    for n, band in enumerate(Likelihood):
        low, high = band.percent
        if band is term:
            judged = el("rect", class_="band band-judged", data_band=band.value,
                        data_range=f"{low}-{high}", x=x(low), y=1, width=x(high) - x(low),
                        height=12, fill=ACCENT)  # fmt: skip
        else:
            shades[SOFT if n % 2 else "#dde3e9"].append(
                f"M{num(x(low))} 1H{num(x(high))}V13H{num(x(low))}Z"
            )
    paths = [el("path", class_="band", d="".join(d), fill=fill) for fill, d in shades.items() if d]
    return group({"stroke": "#fff"}, [*paths, judged])
