"""Markdown fields: the fast path for plain prose agrees with the full pipeline."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.render.markdown import (
    _full_markdown,
    markdown_plain,
    markdown_to_html,
    smarten,
)

PROSE = st.text(
    alphabet=st.sampled_from(list("abcXYZ 0123456789.,;:'\"!?()-+=%$@/\u00e9\u0416\ud55c\t\n")),
    max_size=60,
)


PIECES = ["[@s1]", "[@wire-2024]", "[@a; @b_c]", "[@x1;@y2]", " [@s2].", "[@", "[@a.b]",
          "[@x:y]", "[@_a]", "[@a_b_]", "*", "_", "(0)", "[x]", ": 0", "!"]  # fmt: skip
CITED = st.lists(st.one_of(PROSE, st.sampled_from(PIECES)), max_size=6).map("".join)


def _cite(keys: list[str]) -> str:
    return '<sup class="cite">' + ",".join(keys) + "</sup>"


@settings(max_examples=1500, deadline=None)
@given(PROSE)
def test_fast_path_matches_markdown_and_nh3(text: str) -> None:
    assert markdown_to_html(text) == _full_markdown(text, None)


@settings(max_examples=1500, deadline=None)
@given(CITED)
def test_fast_path_with_citations_matches_markdown_and_nh3(text: str) -> None:
    assert markdown_to_html(text, _cite) == _full_markdown(text, _cite)
    assert markdown_to_html(text) == _full_markdown(text, None)


def test_plain_text_strips_markup_and_citations() -> None:
    assert markdown_plain("US officials say **nearly 8,000** troops [@wire].") == (
        "US officials say nearly 8,000 troops."
    )


def test_lines_that_look_like_prose_but_are_markdown_take_the_full_path() -> None:
    cite = _cite
    for text in ["---", "-- -", "- - -", "[@s1]: 0", "[@s1](https://example.org)", "[@a][b]"]:
        assert markdown_to_html(text, cite) == _full_markdown(text, cite), text
    assert str(markdown_to_html("---")) == "<hr>"
    fast = markdown_to_html("US officials warn of nearly 8,000 troops [@wire; @isw].", cite)
    assert str(fast) == (
        '<p>US officials warn of nearly 8,000 troops<sup class="cite">wire,isw</sup>.</p>'
    )


def test_quotes_dashes_and_ellipses_are_typographic_on_both_paths() -> None:
    assert str(markdown_to_html("Kyiv's reply came late")) == "<p>Kyiv\u2019s reply came late</p>"
    assert str(markdown_to_html('He said "never" -- twice...')) == (
        "<p>He said \u201cnever\u201d \u2013 twice\u2026</p>"
    )
    assert smarten('The "so-called" buffer -- Seoul\'s term') == (
        "The \u201cso-called\u201d buffer \u2013 Seoul\u2019s term"
    )
    assert smarten("'Quoted' at the start") == "\u2018Quoted\u2019 at the start"
