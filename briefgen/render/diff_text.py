"""The analyst's view of a semantic diff, as `briefgen diff` prints it: text, Markdown, JSON.

Every field that changed is shown, `old -> new`; colour comes from a styling callable the
caller passes in (the command line passes click's), so this module prints nothing itself.
"""

from __future__ import annotations

import json
from typing import Protocol

from briefgen.history.diff import BriefDiff, Change, untold

SECTION_TITLES: dict[str, str] = {
    "brief": "Header",
    "key_judgments": "Key judgments",
    "forces": "Forces",
    "positions": "Positions",
    "events": "Events",
    "incidents": "Incidents",
    "open_questions": "Open questions",
    "sources": "Sources",
    "actors": "Actors",
    "places": "Places",
}
"""Section keys of Change.section, in the order changes are listed, with their titles."""

_SYMBOLS: dict[str, tuple[str, str]] = {
    "added": ("+", "green"),
    "removed": ("-", "red"),
    "changed": ("~", "yellow"),
    "resolved": ("*", "cyan"),
}

JsonDiff = dict[str, str | bool | list[dict[str, str | list[dict[str, str | None]]]]]


class Style(Protocol):
    """Colour a piece of text for a terminal, as `click.style` does."""

    def __call__(self, text: str, fg: str | None = None, *, bold: bool = False) -> str:
        """Return the text wrapped in the escapes for a foreground colour and weight."""
        ...


def _plain(text: str, fg: str | None = None, *, bold: bool = False) -> str:
    """Leave text uncoloured."""
    return text


def format_text(diff: BriefDiff, *, style: Style = _plain) -> str:
    """Format a diff for a terminal, coloured by `style` (plain by default)."""
    lines = [f"Changes from {diff.old_label} to {diff.new_label}:"]
    if not diff.changes:
        return f"No changes from {diff.old_label} to {diff.new_label}.\n"
    for section, changes in _by_section(diff):
        lines.append(style(SECTION_TITLES[section], None, bold=True))
        for change in changes:
            symbol, fg = _SYMBOLS[change.kind]
            lines.append(style(f"  {symbol} {change.summary}", fg, bold=False))
            for fc in untold(change):
                if fc.old is not None and change.kind != "added":
                    lines.append(
                        style(f"      {fc.field}: - {_one_line(fc.old)}", "red", bold=False)
                    )
                if fc.new is not None and change.kind != "removed":
                    lines.append(
                        style(f"      {fc.field}: + {_one_line(fc.new)}", "green", bold=False)
                    )
    count = len(diff.changes)
    lines.append(f"{count} change{'s' if count != 1 else ''}.")
    return "\n".join(lines) + "\n"


def format_markdown(diff: BriefDiff) -> str:
    """Format a diff as Markdown: a heading, one list per section, old values struck out."""
    lines = [f"## Changes from {diff.old_label} to {diff.new_label}", ""]
    if not diff.changes:
        return "\n".join([*lines, "No changes.", ""])
    for section, changes in _by_section(diff):
        lines += [f"### {SECTION_TITLES[section]}", ""]
        for change in changes:
            lines.append(f"- **{change.kind.capitalize()}**: {_md(change.summary)}")
            for fc in untold(change):
                old = f"~~{_md(_one_line(fc.old))}~~" if fc.old is not None else "(none)"
                new = _md(_one_line(fc.new)) if fc.new is not None else "(none)"
                lines.append(f"  - `{fc.field}`: {old} → {new}")
        lines.append("")
    return "\n".join(lines)


def to_dict(diff: BriefDiff) -> JsonDiff:
    """Return a diff as a JSON-ready mapping."""
    return {
        "from": diff.old_label,
        "to": diff.new_label,
        "changed": diff.has_changes,
        "changes": [
            {
                "section": c.section,
                "kind": c.kind,
                "item_id": c.item_id,
                "summary": c.summary,
                "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
            }
            for c in diff.changes
        ],
    }


def to_json(diff: BriefDiff) -> str:
    """Return a diff as indented JSON text."""
    return json.dumps(to_dict(diff), indent=2, ensure_ascii=False) + "\n"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _md(text: str) -> str:
    """Escape the characters that would start Markdown markup inside a list item."""
    for char in ("\\", "*", "_", "`", "[", "]", "<"):
        text = text.replace(char, "\\" + char)
    return text.replace(" -> ", " → ")


def _by_section(diff: BriefDiff) -> list[tuple[str, list[Change]]]:
    return [(s, diff.in_section(s)) for s in SECTION_TITLES if diff.in_section(s)]
