"""Draft a brief from a news article: rule-based, offline, every item traceable to a sentence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import InputError, ValidationFailed
from briefgen.extract.draft import render_draft
from briefgen.extract.extraction import (
    ArticleInfo,
    Extraction,
    Extractor,
    Rejection,
    source_key_for,
)
from briefgen.extract.extractor import RuleExtractor
from briefgen.extract.merge import Merged, merge_into
from briefgen.extract.text import Article, prepare, read_article
from briefgen.extract.verify import verify
from briefgen.validate import validate_text
from briefgen.validate import yaml as load

__all__ = [
    "Article",
    "ArticleInfo",
    "Draft",
    "Extraction",
    "Extractor",
    "Merged",
    "Rejection",
    "RuleExtractor",
    "draft_brief",
    "extract_article",
    "merge_article",
    "merge_into",
    "prepare",
    "read_article",
    "source_key_for",
    "verify",
]


@dataclass(frozen=True)
class Draft:
    """A draft brief: its YAML text, and what it was made from."""

    text: str
    article: Article
    info: ArticleInfo
    extraction: Extraction


def extract_article(
    raw: str, fmt: str, info: ArticleInfo, *, extractor: Extractor | None = None
) -> tuple[Article, Extraction]:
    """Clean an article and extract its items."""
    article = prepare(raw, fmt)
    found = (extractor or RuleExtractor()).extract(article, info)
    return article, verify(found, article)


def draft_brief(
    raw: str,
    fmt: str,
    info: ArticleInfo,
    *,
    name: str,
    today: dt.date,
    extractor: Extractor | None = None,
) -> Draft:
    """Return a draft brief for an article, ready to write and review."""
    article, extraction = extract_article(raw, fmt, info, extractor=extractor)
    text = render_draft(article, info, extraction, name=name, today=today)
    check_draft(text, name, today=today)
    return Draft(text, article, info, extraction)


def check_draft(text: str, name: str, *, today: dt.date) -> None:
    """Refuse a draft that `briefgen validate` would refuse: too big, or a field too long."""
    size = len(text.encode("utf-8"))
    if size > load.MAX_BYTES:
        raise InputError(
            f"{name}: the draft would be {size:,} bytes, over the {load.MAX_BYTES:,}-byte "
            "limit of a brief; split the article and extract each part"
        )
    try:
        validate_text(text, f"draft of {name}", today=today)
    except ValidationFailed as exc:
        first = exc.findings[0]
        raise InputError(
            f"{name}: the draft would not validate ({first.path or 'brief'}: {first.message}); "
            "shorten or split the article"
        ) from exc


def merge_article(
    raw: str,
    fmt: str,
    info: ArticleInfo,
    into: Path,
    existing: str,
    *,
    extractor: Extractor | None = None,
) -> Merged:
    """Return an existing brief's text with a new article's new items appended."""
    article, extraction = extract_article(raw, fmt, info, extractor=extractor)
    return merge_into(existing, into, article, info, extraction)
