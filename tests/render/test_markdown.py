"""Markdown fields: the fast path for plain prose agrees with the full pipeline."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.render.markdown import _full_markdown, markdown_plain, markdown_to_html

PROSE = st.text(
    alphabet=st.sampled_from(list("abcXYZ 0123456789.,;:'\"!?()-+=%$@/\u00e9\u0416\ud55c\t\n")),
    max_size=60,
)


@settings(max_examples=1500, deadline=None)
@given(PROSE)
def test_fast_path_matches_markdown_and_nh3(text: str) -> None:
    assert markdown_to_html(text) == _full_markdown(text, None)


def test_plain_text_strips_markup_and_citations() -> None:
    assert markdown_plain("US officials say **nearly 8,000** troops [@wire].") == (
        "US officials say nearly 8,000 troops."
    )
