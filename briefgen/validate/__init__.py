"""Stage one: YAML text to validated briefs, with every finding placed at file:line:col."""

from __future__ import annotations

from briefgen.validate.core import (
    SHARED_FILES,
    Report,
    SharedActors,
    SharedTexts,
    Validated,
    check_paths,
    duplicate_id,
    find_briefs,
    load_brief,
    load_shared_actors,
    parse_shared_actors,
    parse_shared_texts,
    shared_paths,
    validate_text,
)

__all__ = [
    "SHARED_FILES",
    "Report",
    "SharedActors",
    "SharedTexts",
    "Validated",
    "check_paths",
    "duplicate_id",
    "find_briefs",
    "load_brief",
    "load_shared_actors",
    "parse_shared_actors",
    "parse_shared_texts",
    "shared_paths",
    "validate_text",
]
