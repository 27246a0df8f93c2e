"""The Markdown output is as safe as the HTML: no raw HTML, no unsafe links, text escaped."""

from __future__ import annotations

import markdown as md_lib
import pytest
from bs4 import BeautifulSoup

from briefgen.config import Config
from briefgen.render.markdown_out import render_markdown
from briefgen.validate import validate_text
from tests.conftest import TODAY

HOSTILE = """\
schema: 1
title: "Title <img src=x onerror=alert(1)> *not emphasis* [t](javascript:alert(2))"
subtitle: "Sub <script>alert(3)</script>"
as_of: 2024-10-31
authors: ["<b>Ann</b> | Analyst"]
bluf: |
  Kept **bold** and [a fine link](https://example.org/a) [@src].
  Raw <script>alert(4)</script> and <a href="javascript:alert(5)">x</a>.
  Links [one](javascript:alert(6)), [two](jav&#x61;script:alert(7)),
  [three](  JavaScript:alert(8)), [four](java%73cript:alert(9)) and <javascript:alert(10)>.
  See [ref].

  [ref]: javascript:alert(11)
actors:
  us:
    name: "<i>United</i> States"
positions:
  - actor: us
    stance: "Warns <iframe src=x></iframe> [x](data:text/html,alert(12)) [@src]"
    quote: "We <em>will</em> | act"
    cite: src
open_questions:
  - question: "Will <svg onload=alert(13)> happen?"
    indicators:
      - text: "[click](javascript:alert(14))"
sources:
  src:
    title: "A <b>source</b>"
    url: "https://example.org/x>[y](javascript:alert(15))"
"""


@pytest.fixture(scope="module")
def rendered() -> BeautifulSoup:
    checked = validate_text(HOSTILE, "hostile.yaml", today=TODAY)
    text = render_markdown(checked, config=Config(), today=TODAY)
    # Render it as a Markdown reader without a sanitizer would, raw HTML passed through.
    html = md_lib.markdown(text, extensions=["extra"])
    return BeautifulSoup(html, "html.parser")


def test_no_raw_html_reaches_a_markdown_reader(rendered: BeautifulSoup) -> None:
    tags = {tag.name for tag in rendered.find_all(True)}
    assert not tags & {"script", "img", "iframe", "svg", "i", "b"}
    assert not [t for t in rendered.find_all(True) if any(a.startswith("on") for a in t.attrs)]


def test_only_safe_links_reach_a_markdown_reader(rendered: BeautifulSoup) -> None:
    hrefs = [a.get("href", "") for a in rendered.find_all("a")]
    assert "https://example.org/a" in hrefs
    for href in hrefs:
        assert href.startswith(("https://", "http://", "mailto:")), href


def test_plain_text_fields_read_as_written(rendered: BeautifulSoup) -> None:
    text = rendered.get_text(" ")
    assert "Title <img src=x onerror=alert(1)> *not emphasis*" in text
    assert "<b>Ann</b> | Analyst" in text and "<i>United</i> States" in text
    assert "Will <svg onload=alert(13)> happen?" in text
    assert rendered.find("strong") is not None  # Markdown fields keep their formatting
