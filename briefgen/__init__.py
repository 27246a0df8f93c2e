"""Turn situation briefs in YAML into HTML, PDF, Markdown, JSON and a website."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from briefgen._version import __version__

# Public names, imported on first use so that `briefgen --help` stays instant.
_EXPORTS = {
    "Brief": "briefgen.model",
    "BriefgenError": "briefgen.errors",
    "Config": "briefgen.config",
    "Finding": "briefgen.errors",
    "GitError": "briefgen.errors",
    "InputError": "briefgen.errors",
    "RenderError": "briefgen.errors",
    "Validated": "briefgen.validate",
    "ValidationFailed": "briefgen.errors",
    "brief_schema": "briefgen.validate.schema",
    "build_brief": "briefgen.render.build",
    "check_paths": "briefgen.validate",
    "find_config": "briefgen.config",
    "load_brief": "briefgen.validate",
    "load_config": "briefgen.config",
    "render_html": "briefgen.render.html",
    "render_json": "briefgen.render.json_out",
    "render_markdown": "briefgen.render.markdown_out",
    "render_pdf": "briefgen.render.pdf",
    "validate_text": "briefgen.validate",
}

__all__ = [
    "Brief",
    "BriefgenError",
    "Config",
    "Finding",
    "GitError",
    "InputError",
    "RenderError",
    "Validated",
    "ValidationFailed",
    "__version__",
    "brief_schema",
    "build_brief",
    "check_paths",
    "find_config",
    "load_brief",
    "load_config",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "validate_text",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


if TYPE_CHECKING:
    from briefgen.config import Config, find_config, load_config
    from briefgen.errors import (
        BriefgenError,
        Finding,
        GitError,
        InputError,
        RenderError,
        ValidationFailed,
    )
    from briefgen.model import Brief
    from briefgen.render.build import build_brief
    from briefgen.render.html import render_html
    from briefgen.render.json_out import render_json
    from briefgen.render.markdown_out import render_markdown
    from briefgen.render.pdf import render_pdf
    from briefgen.validate import Validated, check_paths, load_brief, validate_text
    from briefgen.validate.schema import brief_schema
