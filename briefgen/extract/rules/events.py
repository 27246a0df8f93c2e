"""Find dated happenings for the timeline: "launched an incursion ... in August"."""

from __future__ import annotations

import datetime as dt
import re

from briefgen.extract.dates import find_dates

# A happening needs a verb in the past: a regular "-ed" form or a common irregular one.
_ACTION = re.compile(
    r"\b(?:\w{3,}ed|struck|shot|held|met|began|sank|sent|took|retook|fought|fell|won|lost|led"
    r"|hit|broke|came|went|drove|flew|threw|withdrew|overran|ran|rose|spread|seized)\b"
)
MAX_SUMMARY = 240


def find_event(text: str, published: dt.date | None, excluded: list[tuple[int, int]]) -> str | None:
    """Return the date of a happening the sentence reports, outside the excluded spans."""
    if not _ACTION.search(text):
        return None
    for start, end, value in find_dates(text, published):
        if any(lo <= start and end <= hi for lo, hi in excluded):
            continue
        if published and value > published.isoformat():
            continue
        return value
    return None


def summarize_event(text: str) -> str:
    """Shorten a sentence into an event summary."""
    summary = " ".join(text.split()).strip(" .")
    if len(summary) > MAX_SUMMARY:
        summary = summary[:MAX_SUMMARY].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return summary + ("" if summary.endswith("…") else ".")
