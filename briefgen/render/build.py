"""Build the output files of one brief: HTML, PDF, Markdown and JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.config import Config
from briefgen.errors import RenderError
from briefgen.output import write_atomic
from briefgen.render.fonts import font_warning
from briefgen.validate import Validated

if TYPE_CHECKING:
    from briefgen.history.revisions import RevisionInfo

FORMATS = ("html", "pdf", "md", "json")


@dataclass
class BuildResult:
    """The files written for one brief, and warnings worth telling the user."""

    brief_id: str
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_formats(value: str) -> tuple[str, ...]:
    """Parse `html,pdf` into a tuple of known formats, in canonical order."""
    wanted = {part.strip().lower() for part in value.split(",") if part.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        raise RenderError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return tuple(f for f in FORMATS if f in wanted)


def _renderer(fmt: str) -> Callable[..., str | bytes]:
    if fmt == "html":
        from briefgen.render.html import render_html

        return render_html
    if fmt == "pdf":
        from briefgen.render.pdf import render_pdf

        return render_pdf
    if fmt == "md":
        from briefgen.render.markdown_out import render_markdown

        return render_markdown
    from briefgen.render.json_out import render_json

    return render_json


def render_all(
    checked: Validated,
    formats: Sequence[str],
    *,
    config: Config,
    today: dt.date | None = None,
    revision: RevisionInfo | None = None,
) -> dict[str, str | bytes]:
    """Render every requested format in memory, so nothing is written if one fails."""
    return {
        fmt: _renderer(fmt)(checked, config=config, today=today, revision=revision)
        for fmt in formats
    }


def build_brief(
    checked: Validated,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    *,
    config: Config,
    today: dt.date | None = None,
    revision: RevisionInfo | None = None,
) -> BuildResult:
    """Render a brief to every requested format and write the files atomically."""
    result = BuildResult(checked.brief.id)
    rendered = render_all(checked, formats, config=config, today=today, revision=revision)
    if "pdf" in formats:
        result.warnings += pdf_warnings(checked)
    for fmt, data in rendered.items():
        result.written.append(write_atomic(out_dir / f"{checked.brief.id}.{fmt}", data))
    return result


def pdf_warnings(checked: Validated) -> list[str]:
    """Return the warnings a brief's PDF gives: characters no installed font can draw."""
    warning = font_warning(brief_text(checked))
    return [f"{checked.path}: warning: {warning}"] if warning else []


def brief_text(checked: Validated) -> str:
    """Return all the text of a brief that will be printed, for the font check."""
    return checked.brief.model_dump_json()
