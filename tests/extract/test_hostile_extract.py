"""Extraction never writes a draft its own `validate` refuses, and merges at the right place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.errors import InputError
from briefgen.extract import ArticleInfo, draft_brief, merge_article
from briefgen.validate import validate_text
from briefgen.validate import yaml as load
from tests.conftest import MINIMAL

INFO = ArticleInfo("wire", publisher="Wire", published=dt.date(2024, 11, 4))
TODAY = dt.date(2024, 11, 20)
SENTENCES = (
    "North Korea has sent about 10,000 troops to Russia, the United States said on Monday. "
    '"We will respond," said the defence minister of Ukraine. '
    "Officials said more than 3,000 soldiers were moving toward Kursk on 3 November 2024.\n\n"
)


def test_a_draft_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # The 2 MiB limit is lowered so a small article stands in for a 3 MB one.
    article = SENTENCES * 400
    size = len(draft_brief(article, "text", INFO, name="a.txt", today=TODAY).text.encode())
    monkeypatch.setattr(load, "MAX_BYTES", size - 1)
    with pytest.raises(InputError, match=r"a.txt: the draft would be [\d,]+ bytes, over the"):
        draft_brief(article, "text", INFO, name="a.txt", today=TODAY)


@pytest.mark.parametrize(
    "start", ["Officials said more than 3,000 soldiers ", "The minister said troops went "]
)
def test_an_endless_sentence_gives_a_valid_draft(start: str) -> None:
    # Its BLUF placeholder quoted the whole lead, over the Markdown field limit.
    endless = start + "and more " * 1_300 + "moved."
    draft = draft_brief(endless, "text", INFO, name="a.txt", today=TODAY)
    bluf = validate_text(draft.text, "draft.yaml", today=TODAY).brief.bluf
    assert bluf.startswith("TODO") and len(bluf) < 1_200


def test_a_draft_within_the_limits_validates() -> None:
    draft = draft_brief(SENTENCES * 20, "text", INFO, name="a.txt", today=TODAY)
    assert validate_text(draft.text, "draft.yaml", today=TODAY).brief.forces


def test_into_a_brief_ending_with_a_document_end_marker(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    existing = MINIMAL + "...\n"
    path.write_text(existing)
    merged = merge_article(SENTENCES, "text", INFO, path, existing)
    assert merged.added and merged.text.startswith(MINIMAL) and merged.text.endswith("\n...\n")
    assert validate_text(merged.text, str(path), today=TODAY).brief.forces
