"""Escaping for the Markdown output: brief text reads as written and stays safe."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from briefgen.render.markdown import URL_SCHEMES

# Plain-text fields are text, not Markdown: characters that would start markup are escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# In an autolink, characters that some readers take for markup are percent-encoded.
_URL_SPECIAL = re.compile(r"[<>\[\]()`\\]")
# In Markdown fields: a link destination, and a link reference definition at a line start.
_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
_DEFINITION = re.compile(r"^( {0,3})(\[[^\]\n]+\]:[ \t]*<?(\S*))", re.MULTILINE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def escape_plain(text: str) -> str:
    """Write a plain-text field on one line so that it reads as the same text in Markdown."""
    text = _SPECIAL.sub(r"\\\1", _ENTITY.sub("&amp;", flatten(text))).replace("<", "&lt;")
    # `>` and `#` are markup only at the start of a line (or of a list item's text).
    return "\\" + text if text.startswith((">", "#")) else text


def escape_cell(text: str) -> str:
    """Keep text inside one table cell: one line, its pipes escaped."""
    return flatten(text).replace("|", "\\|")


def escape_url(url: str) -> str:
    """Percent-encode the characters of a URL that readers could take for markup."""
    return _URL_SPECIAL.sub(lambda m: f"%{ord(m[0]):02X}", url)


def sanitize(markdown: str) -> str:
    """Keep a Markdown field's formatting but not raw HTML or links to unsafe schemes.

    The same rules as the HTML output's sanitizer: no tags (every `<` is shown as text)
    and only http, https and mailto links (relative ones too).
    """
    markdown = markdown.replace("<", "&lt;")
    markdown = _LINK.sub(lambda m: m[0] if _safe_url(m[1]) else "]\\" + m[0][1:], markdown)
    return _DEFINITION.sub(lambda m: m[0] if _safe_url(m[3]) else f"{m[1]}\\{m[2]}", markdown)


def _safe_url(url: str) -> bool:
    """Tell whether a link destination is relative or uses an allowed scheme."""
    # Readers decode entities and percent escapes and ignore controls and spaces.
    decoded = re.sub(r"[\x00-\x20\x7f]", "", unquote(html.unescape(url)))
    scheme = _SCHEME.match(decoded)
    return scheme is None or scheme[1].lower() in URL_SCHEMES


def flatten(text: str) -> str:
    """Join text onto one line, runs of white space made single spaces."""
    return " ".join(text.split())


def tidy(text: str) -> str:
    """Drop trailing spaces from every line and blank lines around the text."""
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip()


# The filters the Markdown template escapes with (registered in render/env.py).
FILTERS = {
    "md_plain": escape_plain,
    "md_cell": escape_cell,
    "md_url": escape_url,
    "md_flat": flatten,
}
