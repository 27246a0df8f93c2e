"""Render a brief to JSON: the validated, normalized brief with resolved citations."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from briefgen._version import __version__
from briefgen.config import Config
from briefgen.render.citations import number_citations
from briefgen.validate import Validated

if TYPE_CHECKING:
    from briefgen.history.revisions import RevisionInfo

JSON_FORMAT_VERSION = 1


def brief_data(checked: Validated, *, revision: RevisionInfo | None = None) -> dict[str, Any]:
    """Return the brief as JSON-ready data, with citation numbers and derived ids."""
    brief = checked.brief
    data: dict[str, Any] = {
        "format": JSON_FORMAT_VERSION,
        "generator": f"briefgen {__version__}",
        **brief.model_dump(mode="json", by_alias=True, exclude_none=True),
        "citations": [
            {"number": entry.number, "key": entry.key, "cited": entry.cited,
             "grade": entry.source.grade or None}
            for entry in number_citations(brief).entries
        ],
    }  # fmt: skip
    if revision is not None:
        data["revision"] = {
            "line": revision.revision_line,
            "draft": revision.draft,
            "since": revision.baseline_label or None,
            "changes": [
                {"section": c.section, "kind": c.kind, "id": c.item_id, "summary": c.summary}
                for c in revision.changes
            ],
        }
    return data


def render_json(
    checked: Validated,
    *,
    config: Config,
    today: dt.date | None = None,
    revision: RevisionInfo | None = None,
) -> str:
    """Render one brief as indented JSON text."""
    del config, today  # JSON is the same whatever the config and date
    return json.dumps(brief_data(checked, revision=revision), indent=2, ensure_ascii=False) + "\n"
