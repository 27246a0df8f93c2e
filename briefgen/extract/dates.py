"""Resolve the dates news articles write ("Thursday", "in August") against the article date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = str.split(
    "january february march april may june july august september october november december"
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

DATE_EXPRESSION = re.compile(
    rf"\b(?:(?P<md>{_MONTH_RE}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
    rf"|(?P<dm>\d{{1,2}}\s+{_MONTH_RE}(?:\s+\d{{4}})?)"
    rf"|(?P<my>{_MONTH_RE}\s+\d{{4}})"
    rf"|(?P<month>(?<=\bin\s){_MONTH_RE}|(?<=\bsince\s){_MONTH_RE}|(?<=\bearly\s){_MONTH_RE}"
    rf"|(?<=\blate\s){_MONTH_RE}|(?<=\bmid-){_MONTH_RE}|(?<=\blast\s){_MONTH_RE})"
    rf"|(?P<weekday>{_WEEKDAY_RE})(?:'s|’s)?"
    rf"|(?P<rel>yesterday|today|last\s+(?:week|month|year)|this\s+(?:week|month))"
    rf"|(?P<year>(?<=\bin\s)(?:19|20)\d{{2}}))\b"
)


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return (
        MONTHS.index(word) + 1
        if word in MONTHS
        else _MONTH_ABBR[word[:4] if word == "sept" else word[:3]]
    )


def resolve(match: re.Match[str], published: dt.date | None) -> str | None:
    """Return a DATE_EXPRESSION match as YYYY, YYYY-MM or YYYY-MM-DD, or None if unknown."""
    text = match.group()
    if match["md"] or match["dm"]:
        return _day(text, published)
    if match["my"]:
        month_word, year_text = text.split()
        return f"{int(year_text):04d}-{_month_number(month_word):02d}"
    if match["year"]:
        return text
    if published is None:
        return None
    if match["month"]:
        month = _month_number(text)
        year = published.year if month <= published.month else published.year - 1
        return f"{year:04d}-{month:02d}"
    if match["weekday"]:
        return last_weekday(match["weekday"], published).isoformat()
    relative = _RELATIVE.get(" ".join(match["rel"].lower().split()))
    return relative(published) if relative else None


def _day(text: str, published: dt.date | None) -> str | None:
    """Return "August 5" or "5 August 2024" as YYYY-MM-DD, the year from the article date."""
    parts = re.findall(r"[A-Za-z]+\.?|\d+", text)
    month = next(_month_number(p) for p in parts if p[0].isalpha())
    numbers = [int(p) for p in parts if p.isdigit()]
    day = next(n for n in numbers if n <= 31)
    year = next((n for n in numbers if n > 31), None)
    if year is None:
        if published is None:
            return None
        year = (
            published.year
            if (month, day) <= (published.month, published.day)
            else published.year - 1
        )
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _last_month(published: dt.date) -> str:
    last = published.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year:04d}-{last.month:02d}"


# "last week" and "this week" name no date a brief can hold.
_RELATIVE: dict[str, Callable[[dt.date], str]] = {
    "today": lambda published: published.isoformat(),
    "yesterday": lambda published: (published - dt.timedelta(days=1)).isoformat(),
    "last month": _last_month,
    "this month": lambda published: f"{published.year:04d}-{published.month:02d}",
    "last year": lambda published: f"{published.year - 1:04d}",
}


def last_weekday(name: str, published: dt.date) -> dt.date:
    """Return the latest date on or before `published` that falls on the named weekday."""
    wanted = WEEKDAYS.index(name.lower())
    return published - dt.timedelta(days=(published.weekday() - wanted) % 7)


def find_dates(text: str, published: dt.date | None) -> list[tuple[int, int, str]]:
    """Return (start, end, date) for every resolvable date expression in a text."""
    found = []
    for match in DATE_EXPRESSION.finditer(text):
        value = resolve(match, published)
        if value:
            found.append((match.start(), match.end(), value))
    return found
