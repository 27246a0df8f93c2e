"""Shared building blocks of the content model: strict base, slugs, citations, dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
SourceKey = Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=120)]
MAX_MARKDOWN = 10_000
"""Longest Markdown field, in characters: rendering time grows faster than its length."""
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_MARKDOWN),
    Field(description="Markdown text."),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Cite = Annotated[
    tuple[SourceKey, ...],
    BeforeValidator(_as_list, json_schema_input_type=SourceKey | list[SourceKey]),
    Field(description="Citation key(s) of entries in `sources`."),
]
RequiredCite = Annotated[Cite, Field(min_length=1)]
IdList = Annotated[
    tuple[Slug, ...],
    BeforeValidator(_as_list, json_schema_input_type=Slug | list[Slug]),
]
TextList = Annotated[
    tuple[Text, ...], BeforeValidator(_as_list, json_schema_input_type=str | list[str])
]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc}); write YYYY-MM-DD") from exc
    return value.strip()


PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date, json_schema_input_type=str | int),
    Field(description="YYYY, YYYY-MM or YYYY-MM-DD.", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors and validated facts never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Provenance(Strict):
    """Where an extracted item came from, so a reviewer can check it."""

    source: SourceKey
    sentence: str
    span: tuple[int, int] = Field(description="Start and end character offsets in the input.")


class Item(Strict):
    """Fields every listed item has: an optional id and extraction provenance."""

    id: Slug = Field(default="", description="Stable id; derived from the content if absent.")
    extracted: Provenance | None = Field(
        default=None, description="Set by `briefgen extract`: the sentence the item came from."
    )
    unreviewed: bool = Field(
        default=False, description="True until a person has checked an extracted item."
    )


_KEY = r"[A-Za-z0-9][A-Za-z0-9_.:-]*"
INLINE_CITE = re.compile(rf"\[@({_KEY}(?:\s*;\s*@{_KEY})*)\]")
"""An inline citation in Markdown: `[@key]` or `[@key1; @key2]`."""


def inline_keys(text: str | None) -> list[str]:
    """Return the citation keys cited inline in a Markdown text, in order."""
    if not text:
        return []
    keys: list[str] = []
    for match in INLINE_CITE.finditer(text):
        keys.extend(part.strip().lstrip("@") for part in match[1].split(";"))
    return keys


def slugify(text: str, *, max_length: int = 60) -> str:
    """Turn text into a lowercase ASCII slug, e.g. `North Korea` -> `north-korea`.

    Cyrillic, Greek and Hangul are transliterated (`Пхеньян` -> `pkhenyan`); letters of other
    scripts become their code points, so no title or name gives an empty id.
    """
    from briefgen.model.translit import transliterate

    ascii_text = (
        unicodedata.normalize("NFKD", transliterate(text)).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
