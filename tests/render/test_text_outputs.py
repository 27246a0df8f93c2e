"""Markdown and JSON outputs: content, determinism and golden files."""

from __future__ import annotations

import json
from collections.abc import Callable

from briefgen.config import Config
from briefgen.model import Brief
from briefgen.render.json_out import render_json
from briefgen.render.markdown_out import render_markdown
from briefgen.validate import Validated, validate_text
from tests.conftest import MINIMAL_UNREVIEWED, TODAY


def test_markdown_is_github_flavoured(kursk: Validated) -> None:
    text = render_markdown(kursk, config=Config(), today=TODAY)
    lines = text.splitlines()
    assert lines[0] == "**TLP:CLEAR** — Disclosure is not limited."
    assert "# North Korean troops in Russia's Kursk region" in lines
    assert "| Actor | Location | Strength (as stated) | Claimed by | As of |" in lines
    assert (
        "| North Korea | Kursk region, Russia | nearly 8,000 troops [1] | United States | "
        "31 October 2024 |" in lines
    )
    assert (
        "- [ ] US or Ukrainian officials confirm North Korean units in combat or combat "
        "support (toward)" in lines
    )
    assert "US officials say **nearly 8,000**" in text and "[@" not in text
    assert lines[-1].startswith("2. *Interview with President Volodymyr Zelensky*")


def test_markdown_matches_golden(kursk: Validated, golden: Callable[[str, str], None]) -> None:
    golden("dprk-troops-kursk.md", render_markdown(kursk, config=Config(), today=TODAY))


def test_json_is_the_normalized_brief(kursk: Validated) -> None:
    data = json.loads(render_json(kursk, config=Config(), today=TODAY))
    assert data["format"] == 1
    force = data["forces"][0]
    assert force["strength"] == {
        "as_stated": "nearly 8,000 troops",
        "qualifier": "nearly",
        "value": 8000,
        "unit": "troops",
    }
    assert data["positions"][-1]["id"] == "zelensky-china-silence"
    assert data["citations"][0] == {
        "number": 1, "key": "wire-2024-10-31", "cited": True, "grade": "B2",
    }  # fmt: skip
    assert data["actors"]["blinken"]["affiliation"] == "united-states"
    # The JSON is a valid brief again: it round-trips through the model.
    payload = {k: v for k, v in data.items() if k not in ("format", "generator", "citations")}
    assert Brief.model_validate(payload) == kursk.brief


def test_json_matches_golden(kursk: Validated, golden: Callable[[str, str], None]) -> None:
    golden("dprk-troops-kursk.json", render_json(kursk, config=Config(), today=TODAY))


def test_markdown_marks_unreviewed_items_and_says_revision_once() -> None:
    checked = validate_text(MINIMAL_UNREVIEWED, "m.yaml", today=TODAY)
    md = render_markdown(checked, config=Config(), today=TODAY)
    assert "- *(unreviewed)* **October 2024** — Draft event. [1]" in md
    assert "> **Draft** — 1 extracted item not yet reviewed" in md
    assert "Revision:" not in md


def test_markdown_dates_follow_the_date_style(kursk: Validated) -> None:
    md = render_markdown(kursk, config=Config(date_style="us"), today=TODAY)
    assert md.count("October 31, 2024") > 3 and "31 October 2024" not in md
