"""Any text, however garbled, gives a draft that validates (warnings only)."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from briefgen.extract import ArticleInfo, draft_brief
from briefgen.validate import validate_text
from tests.extract.conftest import FIXTURES

TODAY = dt.date(2024, 6, 1)
NOISE = ['"', "“", "”", "(", ")", "\n\n", "—", "<p>", "</p>", "&amp;", "said", "Asked", "if"]


def _words() -> list[str]:
    words: list[str] = []
    for path in sorted(FIXTURES.iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            words += re.findall(r"\S+", path.read_text(encoding="utf-8"))
    return words + NOISE


@pytest.mark.parametrize("seed", range(4))
def test_shuffled_text_gives_a_valid_draft(seed: int) -> None:
    rng = random.Random(seed)
    words = _words()
    for _ in range(25):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 250)))
        fmt = rng.choice(["text", "markdown", "html"])
        published = rng.choice([None, dt.date(2024, 5, 1)])
        draft = draft_brief(
            text, fmt, ArticleInfo("src", published=published), name="x", today=TODAY
        )
        validate_text(draft.text, "x.yaml", today=TODAY)


@pytest.mark.parametrize("text", ["Headline only\n", "<html><script>x</script></html>", "—\n\n…"])
def test_nearly_empty_articles_still_validate(text: str) -> None:
    draft = draft_brief(
        text, "html" if "<" in text else "text", ArticleInfo("src"), name="x", today=TODAY
    )
    brief = validate_text(draft.text, "x.yaml", today=TODAY).brief
    assert brief.bluf.startswith("TODO")
