"""HTML rendering: structure, content, safety and golden output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefgen.config import Config
from briefgen.errors import RenderError
from briefgen.render.html import render_html
from briefgen.validate import Validated, validate_text
from tests.conftest import MINIMAL, TODAY


@pytest.fixture(scope="module")
def soup(kursk: Validated) -> BeautifulSoup:
    return BeautifulSoup(render_html(kursk, config=Config(), today=TODAY), "html.parser")


def text_of(node: object) -> str:
    return " ".join(node.get_text().split())  # type: ignore[attr-defined]


def test_page_is_self_contained(soup: BeautifulSoup) -> None:
    assert soup.find("link", rel="stylesheet") is None
    assert soup.find("script") is None
    assert "font-family" in soup.style.string
    assert soup.html["lang"] == "en"
    assert soup.find("meta", attrs={"name": "viewport"}) is not None


def test_marking_banner_and_bluf_come_first(soup: BeautifulSoup) -> None:
    article = soup.find("article")
    first = article.find("p")
    assert "marking-banner" in first["class"]
    assert text_of(first).startswith("TLP:CLEAR Disclosure is not limited.")
    sections = [s["id"] for s in article.find_all("section", recursive=False)]
    assert sections == [
        "bluf", "map", "key-judgments", "forces", "positions", "timeline", "incidents",
        "open-questions", "sources",
    ]  # fmt: skip


def test_toc_links_every_section(soup: BeautifulSoup) -> None:
    toc = soup.find("nav", class_="toc")
    targets = [a["href"].lstrip("#") for a in toc.find_all("a")]
    assert targets == [
        "bluf", "map", "key-judgments", "forces", "positions", "timeline", "incidents",
        "open-questions", "sources",
    ]  # fmt: skip
    for target in targets:
        assert soup.find(id=target) is not None


def test_key_judgments_carry_likelihood_range_and_confidence(soup: BeautifulSoup) -> None:
    first = soup.find(id="judgment-kj-combat-soon")
    assert "We judge this Likely (55–80%)." in text_of(first)
    assert "We have moderate confidence in this judgment." in text_of(first)
    legend = soup.find("table", class_="legend")
    rows = [[text_of(td) for td in tr.find_all("td")] for tr in legend.find_all("tr")[1:]]
    assert rows[0] == ["almost no chance", "1–5%"] and rows[-1] == ["almost certain", "95–99%"]


def test_forces_table_keeps_numbers_as_stated(soup: BeautifulSoup) -> None:
    table = soup.find("table", class_="forces")
    headers = [text_of(th) for th in table.thead.find_all("th")]
    assert headers[:4] == ["Actor", "Location", "Strength (as stated)", "Claimed by"]
    rows = {tr["id"]: [text_of(c) for c in tr.find_all(["th", "td"])] for tr in table.tbody("tr")}
    assert rows["force-dprk-in-kursk"][2] == "nearly 8,000 troops"
    assert rows["force-dprk-in-kursk"][3] == "United States"
    assert rows["force-dprk-in-russia"][2] == "about 10,000 troops"
    assert rows["force-ukraine-in-kursk"][2] == "not stated"


def test_positions_are_grouped_by_actor_and_quotes_only_when_verbatim(
    soup: BeautifulSoup,
) -> None:
    groups = soup.find(id="positions").find_all("section", class_="actor-positions")
    assert [text_of(g.h3) for g in groups] == [
        "Antony Blinken (Secretary of State, United States)",
        "Lloyd Austin (Secretary of Defense, United States)",
        "Volodymyr Zelensky (President of Ukraine (Президент України), Ukraine)",
    ]
    warning = soup.find(id="position-blinken-legitimate-targets")
    assert warning.find("blockquote") is None
    quoted = soup.find(id="position-zelensky-china-silence")
    assert text_of(quoted.blockquote).startswith("“I am surprised by China's silence")


def test_timeline_is_in_date_order(soup: BeautifulSoup) -> None:
    times = [t["datetime"] for t in soup.find("ol", class_="timeline").find_all("time")]
    assert times == sorted(times) == ["2024-08", "2024-10", "2024-10-31"]


def test_open_questions_show_outlook_and_indicators(soup: BeautifulSoup) -> None:
    question = soup.find(id="question-q-dprk-combat")
    assert "Outlook: Likely (55–80%). Moderate confidence." in text_of(question)
    rows = question.find("table", class_="indicators").tbody.find_all("tr")
    assert [text_of(td) for td in rows[2].find_all("td")][1:] == ["against", "not observed"]
    related = [a["href"] for a in question.find("p", class_="related").find_all("a")]
    assert related[0] == "#force-dprk-in-kursk"


def test_citations_are_numbered_and_link_to_graded_sources(soup: BeautifulSoup) -> None:
    links = soup.find_all("a", class_="cite-link")
    assert links[0]["href"] == "#src-wire-2024-10-31" and text_of(links[0]) == "1"
    for link in links:
        assert soup.find(id=link["href"].lstrip("#")) is not None
    source = soup.find(id="src-kbs-zelensky-interview")
    assert source["value"] == "2"
    assert text_of(source.find("abbr", class_="grade")) == "B2"
    assert source.find("abbr")["title"] == "source usually reliable; information probably true"
    assert "via [1]" in text_of(source)


def test_stale_banner_appears_after_review_by(kursk: Validated) -> None:
    fresh = render_html(kursk, config=Config(), today=dt.date(2024, 11, 14))
    stale = render_html(kursk, config=Config(), today=dt.date(2024, 11, 15))
    assert 'class="banner banner-stale"' not in fresh
    banner = BeautifulSoup(stale, "html.parser").find("p", class_="banner-stale")
    assert text_of(banner).startswith("STALE This brief was due for review on 14 November 2024")


def test_unreviewed_items_are_marked() -> None:
    text = MINIMAL.replace(
        "sources:",
        "events:\n  - date: 2024-10\n    summary: Draft event.\n    cite: src\n"
        "    unreviewed: true\n"
        "    extracted: {source: src, sentence: Draft event., span: [0, 12]}\n"
        "sources:",
    )
    checked = validate_text(text, "m.yaml", today=TODAY)
    soup = BeautifulSoup(render_html(checked, config=Config(), today=TODAY), "html.parser")
    assert "1 extracted item not yet reviewed" in text_of(soup.find(class_="banner-unreviewed"))
    badge = soup.find(class_="badge-unreviewed")
    assert badge["title"] == "Extracted automatically from: Draft event."


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    '<a href="javascript:alert(4)">x</a>',
    "<iframe src=//evil></iframe>",
    '<svg onload="alert(5)"></svg>',
    "<style>body{display:none}</style>",
]


@pytest.mark.parametrize("payload", XSS)
def test_markdown_fields_cannot_inject_script(payload: str) -> None:
    text = MINIMAL.replace(
        "bluf: Something happened [@src].", f"bluf: |\n  Before {payload} after [@src]."
    ).replace("title: Minimal brief", f"title: 'T {payload}'".replace("'", "''", 0))
    checked = validate_text(text, "m.yaml", today=TODAY)
    html = render_html(checked, config=Config(), today=TODAY)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.find("iframe") is None
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), tag
            assert "javascript:" not in str(value).lower(), tag
    assert soup.find("style").string.count("{") > 10  # only our stylesheet


def test_user_template_override_wins(tmp_path: Path, kursk: Validated) -> None:
    (tmp_path / "brief.css").write_text("body { color: rebeccapurple; }", encoding="utf-8")
    config = Config(templates=tmp_path)
    html = render_html(kursk, config=config, today=TODAY)
    assert "rebeccapurple" in html and "--accent" not in html


def test_broken_override_template_is_a_render_error(tmp_path: Path, kursk: Validated) -> None:
    (tmp_path / "brief.html.j2").write_text("{{ nope }}", encoding="utf-8")
    with pytest.raises(RenderError, match="'nope' is undefined"):
        render_html(kursk, config=Config(templates=tmp_path), today=TODAY)
    (tmp_path / "brief.html.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(RenderError, match=r"brief.html.j2:1:1: error: template syntax"):
        render_html(kursk, config=Config(templates=tmp_path), today=TODAY)


def test_html_is_deterministic_and_matches_golden(
    kursk: Validated, golden: Callable[[str, str], None]
) -> None:
    first = render_html(kursk, config=Config(), today=TODAY)
    assert first == render_html(kursk, config=Config(), today=TODAY)
    golden("dprk-troops-kursk.html", first)
