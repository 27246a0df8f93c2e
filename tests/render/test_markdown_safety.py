"""The Markdown output is as safe as the HTML: no raw HTML, no unsafe links, text escaped."""

from __future__ import annotations

import markdown as md_lib
import pytest
from bs4 import BeautifulSoup
from jinja2 import nodes

from briefgen.config import Config
from briefgen.render.env import make_env
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


# What brief.md.j2 may print without an escaping filter: briefgen's own words and numbers.
_ESCAPING = {"md_plain", "md_cell", "md_url"}
_CALLS = {"md_text", "refs", "mark", "name", "fmt_date"}
_OWN = {"value", "meaning", "range_label", "line", "since", "grade", "number", "index"}


def _escaped(node: nodes.Node) -> bool:
    """Tell whether an expression of the Markdown template prints only escaped text."""
    if isinstance(node, nodes.Const | nodes.TemplateData):
        return True
    if isinstance(node, nodes.Filter):
        if node.name in _ESCAPING:
            return True
        if node.name == "join":
            items = node.node
            return (
                isinstance(items, nodes.Filter)
                and items.name == "map"
                and any(isinstance(a, nodes.Const) and a.value in _ESCAPING for a in items.args)
            )
        return node.name in ("md_flat", "format") and all(
            _escaped(n) for n in [node.node, *node.args] if n is not None
        )
    if isinstance(node, nodes.Call):
        return isinstance(node.node, nodes.Name) and node.node.name in _CALLS
    if isinstance(node, nodes.CondExpr):
        return _escaped(node.expr1) and (node.expr2 is None or _escaped(node.expr2))
    if isinstance(node, nodes.Concat | nodes.Or):
        parts = node.nodes if isinstance(node, nodes.Concat) else [node.left, node.right]
        return all(_escaped(part) for part in parts)
    if isinstance(node, nodes.Getattr):
        return node.attr in _OWN
    # `basis` and `unreviewed_count` are built in the template from escaped parts or counted.
    return isinstance(node, nodes.Name) and node.name in ("basis", "unreviewed_count")


def test_every_value_in_the_markdown_template_is_escaped() -> None:
    env = make_env(Config())
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "brief.md.j2")
    printed = [
        child
        for output in env.parse(source).find_all(nodes.Output)
        for child in output.nodes
        if not isinstance(child, nodes.TemplateData)
    ]
    assert len(printed) > 40
    assert [n for n in printed if not _escaped(n)] == []


def test_markdown_templates_are_not_html_escaped_and_html_ones_are() -> None:
    env = make_env(Config())
    html = env.from_string("{{ x }}", globals={})
    assert html.render(x="<b>") == "&lt;b&gt;"
    assert env.get_template("brief.md.j2").environment.autoescape is not True
    md = env.get_template("brief.md.j2")
    assert not md.new_context({}).eval_ctx.autoescape
    assert env.get_template("brief.html.j2").new_context({}).eval_ctx.autoescape
