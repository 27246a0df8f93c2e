"""Figures of a brief as inline SVG: strength claims, likelihood scales and a timeline.

With the brief's revisions, strengths that changed get a step chart and likelihoods that
changed their path on the scale.

Every figure is drawn from the validated brief alone, as text with fixed rounding, so the
same brief always gives the same bytes. Each carries a title and a description for screen
readers, and the brief keeps the table with the same numbers beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from briefgen.history.paths import RevisionPaths
from briefgen.model import Brief, Likelihood
from briefgen.render.dates import DateStyle
from briefgen.render.likelihood import likelihood_scale
from briefgen.render.locator import locator_map
from briefgen.render.strengths import force_heading, strength_chart, strength_path
from briefgen.render.svg import NO_FIGURE
from briefgen.render.timeline import timeline

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
