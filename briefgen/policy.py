"""The publication policy: the one place markings are ranked, compared and decided.

A brief or an old revision may be shown where its marking is at most a ceiling: the
site's `publish.max_marking`, or for `briefgen build` the marking the output is stamped
with. An old revision is judged by what it was when committed: its own `marking`, else the
`default_marking` of the briefgen.toml of that commit (or today's, when that is stricter).
A revision whose marking cannot be known is never shown.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from typing import Any

from briefgen.config import Config
from briefgen.model.vocab import Marking


def highest(markings: Iterable[Marking]) -> Marking | None:
    """Return the most restricted of some markings, None for none."""
    return max(markings, key=lambda m: m.rank, default=None)


def allows(marking: Marking | None, ceiling: Marking) -> bool:
    """Tell whether content with a marking (None: unknown) may go under a ceiling."""
    return marking is not None and marking.rank <= ceiling.rank


def is_publishable(marking: Marking | None, config: Config) -> bool:
    """Tell whether a marking may go on the public site under the config's policy."""
    return allows(marking, config.publish.max_marking)


def site_ceiling(config: Config, *, include_restricted: bool) -> Marking | None:
    """Return the most restricted marking a site shows; None for an internal site, all."""
    return None if include_restricted else config.publish.max_marking


def withheld_reason(marking: Marking, config: Config) -> str:
    """Say why a brief with a marking above the site's ceiling stays off the site."""
    return f"marking {marking} is above publish.max_marking {config.publish.max_marking}"


def restricted_marking(markings: Iterable[Marking | None], config: Config) -> Marking | None:
    """Return the marking an internal page's banner shows: the highest not publishable.

    None when everything shown may be published. An unknown marking (None) adds nothing:
    content whose marking cannot be known is withheld, never shown under a banner.
    """
    return highest(m for m in markings if m is not None and not is_publishable(m, config))


def default_at_commit(configs: Sequence[bytes | None]) -> Marking | None:
    """Return the `default_marking` a commit's briefgen.toml set; None when unreadable.

    `configs` holds the briefgen.toml of each folder from the brief's own up to the
    repository top, as read from the commit (None where there was none): the nearest one
    applies, as `find_config` finds it today, and without any the built-in default does.
    """
    builtin = Config().default_marking
    for raw in configs:
        if raw is None:
            continue
        try:
            return Marking(tomllib.loads(raw.decode("utf-8")).get("default_marking", builtin))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError):
            return None
    return builtin


def config_at_commit(config: Config, committed: Marking | None) -> Config:
    """Return the config to validate an old revision with: the stricter default applies.

    Today's default counts too, so a default set in code (not in a briefgen.toml) is never
    undercut; an unreadable briefgen.toml at the commit makes unmarked revisions TLP:RED.
    """
    default = highest([config.default_marking, committed or Marking.RED])
    if default is config.default_marking:
        return config
    return config.model_copy(update={"default_marking": default})


def marking_of_data(data: Any, config: Config) -> Marking | None:
    """Return the marking of a revision that does not validate, None when it is unclear."""
    if not isinstance(data, dict):
        return None
    value = data.get("marking")
    if value is None:
        return config.default_marking if "marking" not in data else None
    try:
        return Marking(value)
    except ValueError:
        return None  # e.g. `tlp:amber`: restricted in spirit, so never taken as allowed
