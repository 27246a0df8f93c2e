"""Dates as readers see them, in the one style a project chooses (`date_style`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

DateStyle = Literal["long", "us", "iso"]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def format_date(value: dt.date | str | None, style: DateStyle = "long") -> str:
    """Format a date or partial ISO date: `31 October 2024`, `October 31, 2024` or ISO."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, dt.date) else value
    if style == "iso":
        return text
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{month} {day}, {parts[0]}" if style == "us" else f"{day} {month} {parts[0]}"
