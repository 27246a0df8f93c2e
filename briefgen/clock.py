"""The one place that reads the date, so builds can pin it with SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """Return SOURCE_DATE_EPOCH's date (UTC) when set, else the local date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
