"""Input cleaning: sentences with offsets, HTML and Markdown to text, bad input."""

from __future__ import annotations

import pytest

from briefgen.errors import InputError
from briefgen.extract.text import (
    decode_article,
    guess_format,
    html_to_text,
    markdown_to_text,
    prepare,
    split_sentences,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. officials said it. Russia denied it.",
            ["U.S. officials said it.", "Russia denied it."],
        ),
        ("Gen. Smith spoke. He left.", ["Gen. Smith spoke.", "He left."]),
        (
            "President Marcos Jr. said no. Then he left.",
            ["President Marcos Jr. said no.", "Then he left."],
        ),
        (
            '"We will win. We must," he said. Later it ended.',
            ['"We will win. We must," he said.', "Later it ended."],
        ),
        (
            "It trained them. basic infantry too. Done.",
            ["It trained them. basic infantry too.", "Done."],
        ),
        ("One paragraph\n\nAnother one.", ["One paragraph", "Another one."]),
        ("Is it over? No, said Kyiv.", ["Is it over?", "No, said Kyiv."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_dateline_is_not_part_of_the_first_sentence() -> None:
    article = prepare("Headline here\n\nMANILA, June 20 (Wire) — China said no.\n", "text")
    assert article.title == "Headline here"
    assert [s.text for s in article.sentences] == ["China said no."]
    first = article.sentences[0]
    assert article.text[first.start : first.end] == first.text


@pytest.mark.parametrize(
    "opening",
    [
        "WASHINGTON ― ",
        "ISLAMABAD: ",
        "Vela (AA) - ",
        "Orsk, (Wire - 8th Jul, 2024) ",
        "Orsk, April 30 (Wire/DPA) ",
    ],
)
def test_a_wire_dateline_in_any_case_is_cut_from_the_top_only(opening: str) -> None:
    text = f"Headline here\n\n{opening}Larnovia said no. Two brigades – about 6,000 troops – left."
    article = prepare(text, "text")
    assert [s.text for s in article.sentences] == [
        "Larnovia said no.",
        "Two brigades – about 6,000 troops – left.",
    ]
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_a_dash_aside_opening_the_article_is_no_dateline() -> None:
    article = prepare("The army – about 6,000 troops – left Vela.", "text")
    assert [s.text for s in article.sentences] == ["The army – about 6,000 troops – left Vela."]


def test_html_to_text_keeps_visible_text_only() -> None:
    html = (
        "<html><head><title>T</title><script>var x = '5,000 troops';</script></head>"
        "<body><nav>Menu</nav><h1>Big &amp; bold</h1><p>First&nbsp;para &ldquo;quoted&rdquo;.</p>"
        "<p>Second<br>line.</p><footer>Copyright</footer></body></html>"
    )
    text, headline = html_to_text(html)
    assert headline == "Big & bold"
    assert "troops" not in text and "Menu" not in text and "Copyright" not in text
    assert "First para “quoted”." in text


def test_markdown_to_text_strips_markup() -> None:
    text = markdown_to_text("# Title\n\n**KYIV** — A [link](http://x) and *em*.\n")
    assert "**" not in text and "http" not in text and "Title" in text


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.html", "x", "html"),
        ("a.md", "x", "markdown"),
        ("a.txt", "<!DOCTYPE html><p>x</p>", "html"),
        ("<stdin>", "<p>x</p>", "html"),
        ("a.txt", "Plain text.", "text"),
    ],
)
def test_guess_format(name: str, text: str, fmt: str) -> None:
    assert guess_format(text, name) == fmt


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"caf\xe9", "not UTF-8"),
        (b"  \n", "empty"),
    ],
)
def test_decode_refuses_bad_input(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_article(raw, "x.txt")
