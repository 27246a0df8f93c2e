"""HTML rendering: structure, content, safety and golden output."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefgen.config import Config
from briefgen.errors import RenderError
from briefgen.render.html import render_html
from briefgen.validate import Validated, validate_text
from tests.conftest import MINIMAL, MINIMAL_UNREVIEWED, TODAY


@pytest.fixture(scope="module")
def soup(kursk: Validated) -> BeautifulSoup:
    return BeautifulSoup(render_html(kursk, config=Config(), today=TODAY), "html.parser")


def with_review_by(checked: Validated, review_by: dt.date) -> Validated:
    """Return a brief as a live one: due for review on `review_by`."""
    brief = checked.brief.model_copy(update={"review_by": review_by})
    return Validated(brief, checked.path, checked.warnings, checked.positions)


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
        "bluf", "key-judgments", "map", "forces", "positions", "timeline", "incidents",
        "open-questions", "sources", "annex",
    ]  # fmt: skip


def test_metadata_is_one_line_of_long_dates(soup: BeautifulSoup) -> None:
    meta = soup.find("p", class_="meta")
    assert text_of(meta) == "As of 31 October 2024 · Briefgen example desk"
    assert soup.find("dl", class_="meta") is None


def test_toc_links_every_section(soup: BeautifulSoup) -> None:
    toc = soup.find("nav", class_="toc")
    targets = [a["href"].lstrip("#") for a in toc.find_all("a")]
    assert targets == [
        "bluf", "key-judgments", "map", "forces", "positions", "timeline", "incidents",
        "open-questions", "sources", "annex",
    ]  # fmt: skip
    for target in targets:
        assert soup.find(id=target) is not None


def test_key_judgments_carry_likelihood_range_and_confidence(soup: BeautifulSoup) -> None:
    first = soup.find(id="judgment-kj-combat-soon")
    assert "We judge this likely (55–80%), with moderate confidence." in text_of(first)
    basis = first.find("p", class_="basis")
    assert [text_of(a) for a in basis.find_all("a", class_=None)] == [
        "Forces: North Korea in Kursk region",
        "Positions: Antony Blinken (assessment, 31 October 2024)",
    ]
    assert "dprk-in-kursk" not in text_of(basis)
    third = soup.find(id="judgment-kj-china-restrains")
    assert text_of(third.find("sup", class_="cite")) == "[1, 2]"
    annex = [text_of(p) for p in soup.find(id="annex").find_all("p")]
    assert "almost no chance 1–5%" in annex[0] and "almost certain 95–99%" in annex[0]
    assert "A completely reliable" in annex[1] and "6 truth cannot be judged" in annex[1]


def test_citations_are_sorted_and_stick_to_their_word(kursk: Validated) -> None:
    bluf = kursk.brief.bluf.replace("striking\n  [@kbs", "striking [@kbs")
    judgments = list(kursk.brief.key_judgments)
    judgments[2] = judgments[2].model_copy(
        update={"cite": ("kbs-zelensky-interview", "wire-2024-10-31", "kbs-zelensky-interview")}
    )
    brief = kursk.brief.model_copy(update={"bluf": bluf, "key_judgments": tuple(judgments)})
    html = render_html(dataclasses.replace(kursk, brief=brief), config=Config(), today=TODAY)
    soup = BeautifulSoup(html, "html.parser")
    assert text_of(soup.find(id="judgment-kj-china-restrains").find("sup")) == "[1, 2]"
    # The space before a marker becomes a no-break space, so it never starts a line.
    assert " <sup" not in html and "\n<sup" not in html
    assert html.count('\u202f<sup class="cite">') == len(soup.find_all("sup", class_="cite"))


def test_legends_can_be_turned_off(kursk: Validated) -> None:
    config = Config.model_validate({"print": {"legends": False}})
    soup = BeautifulSoup(render_html(kursk, config=config, today=TODAY), "html.parser")
    assert soup.find(id="annex") is None


def test_forces_table_keeps_numbers_as_stated(soup: BeautifulSoup) -> None:
    table = soup.find("table", class_="forces")
    headers = [text_of(th) for th in table.thead.find_all("th")]
    assert headers[:4] == ["Actor", "Location", "Strength (as stated)", "Claimed by, as of"]
    rows = {tr["id"]: [text_of(c) for c in tr.find_all(["th", "td"])] for tr in table.tbody("tr")}
    assert rows["force-dprk-in-kursk"][2] == "nearly 8,000 troops"
    assert rows["force-dprk-in-kursk"][3] == "United States, 31 October 2024"
    cells = table.tbody.tr.find_all(["th", "td"])
    assert [c["data-label"] for c in cells] == headers  # the labels of the phone layout
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
    assert text_of(quoted.blockquote).startswith("“I am surprised by China’s silence")


def test_timeline_is_in_date_order(soup: BeautifulSoup) -> None:
    times = [t["datetime"] for t in soup.find("ol", class_="timeline").find_all("time")]
    assert times == sorted(times) == ["2024-08", "2024-10", "2024-10-31"]


def test_open_questions_show_outlook_and_indicators(soup: BeautifulSoup) -> None:
    question = soup.find(id="question-q-dprk-combat")
    assert "Outlook: likely (55–80%), with moderate confidence." in text_of(question)
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
    kursk = with_review_by(kursk, dt.date(2024, 11, 14))
    fresh = render_html(kursk, config=Config(), today=dt.date(2024, 11, 14))
    stale = render_html(kursk, config=Config(), today=dt.date(2024, 11, 15))
    assert 'class="banner banner-stale"' not in fresh
    banner = BeautifulSoup(stale, "html.parser").find("p", class_="banner-stale")
    assert text_of(banner).startswith("STALE This brief was due for review on 14 November 2024")


def test_unreviewed_items_are_marked() -> None:
    checked = validate_text(MINIMAL_UNREVIEWED, "m.yaml", today=TODAY)
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


def test_house_style_comes_from_the_config(tmp_path: Path, kursk: Validated) -> None:
    logo = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>'
    (tmp_path / "logo.svg").write_text(logo, encoding="utf-8")
    config = Config.model_validate(
        {"style": {"accent": "#8a1c00", "font": "serif", "logo": "logo.svg"}, "root": tmp_path}
    )
    html = render_html(kursk, config=config, today=TODAY)
    soup = BeautifulSoup(html, "html.parser")
    assert ":root { --accent: #8a1c00; }" in soup.style.string
    assert '"Noto Serif"' in soup.style.string
    img = soup.find("img", class_="logo")
    assert img["src"].startswith("data:image/svg+xml;base64,") and img["alt"] == "Briefs"
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    gif = Config.model_validate({"style": {"logo": "logo.gif"}, "root": tmp_path})
    with pytest.raises(RenderError, match="the logo must be an SVG, PNG or JPEG"):
        render_html(kursk, config=gif, today=TODAY)


def test_one_date_style_throughout(kursk: Validated) -> None:
    soup = BeautifulSoup(
        render_html(kursk, config=Config(date_style="iso"), today=TODAY), "html.parser"
    )
    text = text_of(soup.find("article"))
    assert text_of(soup.find("p", class_="meta")).startswith("As of 2024-10-31")
    assert "31 October 2024" not in text and "October 31" not in text


def test_a_force_as_of_may_be_a_partial_date_like_an_event() -> None:
    text = MINIMAL.replace(
        "sources:",
        "actors:\n  north:\n    name: North State\n"
        "forces:\n  - actor: north\n    strength: about 1,000 troops\n    as_of: 2024-09\n"
        "    cite: src\n"
        "sources:",
    )
    checked = validate_text(text, "b.yaml", today=TODAY)
    assert checked.brief.forces[0].as_of == "2024-09"
    page = BeautifulSoup(render_html(checked, config=Config(), today=TODAY), "html.parser")
    [when] = page.select('#forces time[datetime="2024-09"]')
    assert when.get_text() == "September 2024"
