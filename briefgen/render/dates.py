"""Dates as readers write them: `31 October 2024`, `August 2024` or `2024`."""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def format_date(value: dt.date | str | None) -> str:
    """Format a date or partial ISO date as `31 October 2024`, `August 2024` or `2024`."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else value
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"
