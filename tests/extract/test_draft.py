"""The draft brief: it validates, and every item says where it came from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import briefgen.extract
from briefgen.errors import Severity
from briefgen.extract import ArticleInfo, draft_brief
from briefgen.extract.text import guess_format
from briefgen.validate import validate_text
from tests.extract.conftest import FIXTURES, KURSK_ARTICLE

ARTICLES = [
    FIXTURES / "shoal-quoted.txt",
    FIXTURES / "darfur-unquoted.md",
    FIXTURES / "border-html.html",
]
TODAY = dt.date(2024, 11, 1)


def _draft(path: Path, published: dt.date | None = dt.date(2024, 6, 20)) -> briefgen.extract.Draft:
    raw = path.read_text(encoding="utf-8")
    info = ArticleInfo("wire-1", publisher="Wire", published=published, url="https://x.test/a")
    return draft_brief(raw, guess_format(raw, path.name), info, name=path.name, today=TODAY)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_draft_validates_with_warnings_only(path: Path) -> None:
    draft = _draft(path)
    checked = validate_text(draft.text, "draft.yaml", today=TODAY)
    assert all(f.severity is Severity.WARNING for f in checked.warnings)
    brief = checked.brief
    assert brief.forces and brief.positions and brief.open_questions
    assert "wire-1" in brief.sources
    assert brief.bluf.startswith("TODO")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_item_has_provenance_into_the_clean_text(path: Path) -> None:
    draft = _draft(path)
    brief = validate_text(draft.text, "draft.yaml", today=TODAY).brief
    text = draft.article.text
    items = [*brief.items(), *brief.actors.values()]
    assert items
    for item in items:
        assert item.unreviewed
        assert item.extracted is not None and item.extracted.source == "wire-1"
        start, end = item.extracted.span
        assert item.extracted.sentence in text
        assert text[start:end] in item.extracted.sentence
    for item in brief.items():
        assert getattr(item, "cite", ("wire-1",)) == ("wire-1",)


def test_quotes_are_verbatim_and_only_where_the_text_quotes() -> None:
    for path in ARTICLES:
        draft = _draft(path)
        for position in draft.extraction.positions:
            if position.quote:
                assert position.extracted is not None
                for part in position.quote.split(" … "):
                    assert part in position.extracted.sentence
    unquoted = _draft(FIXTURES / "darfur-unquoted.md")
    assert not any(p.quote for p in unquoted.extraction.positions)


def test_dates_resolve_from_the_published_date() -> None:
    if not KURSK_ARTICLE.is_file():
        pytest.skip("shared Kursk article not present")
    draft = _draft(KURSK_ARTICLE, published=dt.date(2024, 10, 31))
    found = draft.extraction
    dated = {p.actor: p.date for p in found.positions if p.date}
    assert dated["blinken"] == dt.date(2024, 10, 31)
    assert [e.date for e in found.events] == ["2024-08"]
    blinken = found.actors["blinken"]
    assert (blinken.kind.value, blinken.role, blinken.affiliation) == (
        "person",
        "Secretary of State",
        "united-states",
    )
    speakers = {p.actor for p in found.positions}
    assert {"blinken", "austin", "zelensky"} <= speakers


def test_without_published_date_as_of_is_today() -> None:
    draft = _draft(FIXTURES / "shoal-quoted.txt", published=None)
    brief = validate_text(draft.text, "draft.yaml", today=TODAY).brief
    assert brief.as_of == TODAY
    assert all(p.date is None for p in brief.positions)


def test_public_api_is_sorted_and_complete() -> None:
    names = briefgen.extract.__all__
    assert list(names) == sorted(names)
    assert all(hasattr(briefgen.extract, name) for name in names)
