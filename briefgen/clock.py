"""The one place that reads the date, so builds can pin it with SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import os

from briefgen.errors import ConfigError


def today() -> dt.date:
    """Return SOURCE_DATE_EPOCH's date (UTC) when set, else the local date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    try:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ValueError(epoch)
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        shown = epoch if len(epoch) <= 40 else epoch[:40] + "..."
        raise ConfigError(
            f"error: SOURCE_DATE_EPOCH={shown!r} is not a date: give whole seconds since "
            "1970-01-01 UTC (e.g. 1730419200) or unset it"
        ) from None
