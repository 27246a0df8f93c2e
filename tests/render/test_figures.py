"""The SVG figures: present, described for screen readers, and drawn from the brief's numbers."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from briefgen.config import Config
from briefgen.model import Brief, Qualifier
from briefgen.render.figures import brief_figures
from briefgen.render.html import render_html
from briefgen.render.locator import choose_view
from briefgen.render.pdf import render_pdf
from briefgen.render.timeline import date_span
from briefgen.validate import Validated, validate_text
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output"

CLAIMS = """\
schema: 1
title: Competing claims
as_of: 2024-10-31
bluf: Claims differ [@a].
places:
  town: {name: Town, lat: -33.9, lon: 18.4, kind: city}
  port: {name: Port, lat: -29.9, lon: 31.0, kind: city}
actors:
  x: {name: Army X}
  y: {name: Ministry Y}
  z: {name: Monitor Z}
forces:
  - id: f-range
    actor: x
    place: town
    strength: between 8,000 and 10,000 troops
    claimed_by: y
    as_of: 2024-10-01
    cite: a
  - {id: f-more, actor: x, place: town, strength: "more than 11,000 troops", claimed_by: z, cite: a}
  - {id: f-upto, actor: x, place: town, strength: "up to 5,000 troops", claimed_by: x, cite: a}
  - {id: f-nearly, actor: x, place: port, strength: "nearly 3,000 troops", claimed_by: y, cite: a}
  - {id: f-about, actor: x, place: port, strength: "about 2,500 troops", claimed_by: z, cite: a}
  - {id: f-exact, actor: x, place: port, strength: 2712 troops, claimed_by: x, cite: a}
events:
  - {id: e-month, date: 2024-02, summary: A month-long siege., place: town, cite: a}
  - {id: e-day, date: 2024-06-15, summary: A ceasefire is signed., cite: a}
incidents:
  - id: i-day
    date: 2024-03-03
    type: shelling
    place: port
    fatalities: at least 12
    claimed_by: z
    cite: a
  - {id: i-year, date: 2023, type: other, location: Nowhere in particular, cite: a}
key_judgments:
  - {id: kj-one, text: It goes on., likelihood: roughly even chance, cite: a}
open_questions:
  - id: q-one
    question: Will it end?
    outlook: {likelihood: almost no chance}
sources:
  a: {title: A report}
"""


@pytest.fixture(scope="module")
def claims() -> Validated:
    return validate_text(CLAIMS, "claims.yaml", today=TODAY)


def svg(markup: str) -> Tag:
    found = BeautifulSoup(markup, "html.parser").find("svg")
    assert isinstance(found, Tag)
    return found


def assert_described(figure: Tag) -> None:
    """The figure is an image whose title and description exist and say something."""
    assert figure["role"] == "img"
    for ref in str(figure["aria-labelledby"]).split():
        target = figure.find(id=ref)
        assert target is not None and target.name in ("title", "desc"), ref
        assert len(target.get_text(strip=True)) > 10


def test_strength_chart_has_one_mark_per_claim_with_the_stated_numbers(claims: Validated) -> None:
    markup = BeautifulSoup(brief_figures(claims.brief).strength, "html.parser")
    chart = markup.select_one("div.strength-chart")
    assert chart is not None
    axis = chart.find("svg", id="fig-strength")
    assert isinstance(axis, Tag)
    assert_described(axis)
    # Each claim: its words in HTML, then its mark in a strip of SVG that screen readers skip.
    strips = chart.select("svg.strength-mark")
    assert len(strips) == len(claims.brief.forces)
    for strip in strips:
        assert strip["aria-hidden"] == "true" and strip["viewbox"] == "0 0 640 16"
        words = strip.find_previous_sibling("p")
        assert isinstance(words, Tag) and words["class"] == ["strength-claim"]
        title = strip.find("title")  # the PDF's alternative text for the strip
        assert title is not None and title.get_text() == words.get_text()
    marks = {g["data-force"]: g for g in chart.find_all("g", class_="claim")}
    assert set(marks) == {f.id for f in claims.brief.forces}
    for force in claims.brief.forces:
        q = force.strength
        assert q is not None
        mark = marks[force.id]
        assert mark["data-qualifier"] == q.qualifier.value
        assert mark["data-claimant"] == force.claimed_by
        if q.qualifier is Qualifier.RANGE:
            assert (mark["data-min"], mark["data-max"]) == (str(q.min), str(q.max))
            assert len(mark.find_all("line")) == 3  # the interval and its two ends
        else:
            assert mark["data-value"] == str(q.value)
        assert q.as_stated in axis.find("desc").get_text()
    assert marks["f-more"].find("path") is not None  # open-ended: an arrowhead
    assert "stroke-dasharray" in str(marks["f-upto"])  # open toward zero
    assert marks["f-about"].find("circle")["fill"] == "#fff"  # hollow
    assert marks["f-nearly"].find("path") is not None  # the just-under chevron
    claims_said = [p.get_text() for p in chart.select("p.strength-claim")]
    assert "between 8,000 and 10,000 troops — claimed by Ministry Y, 1 October 2024" in claims_said
    groups = [p.get_text() for p in chart.select("p.strength-group")]
    assert "Army X in Town" in groups and "Army X in Port" in groups
    assert [t.get_text() for t in axis.find_all("text")][:2] == ["0", "2,500"]


def test_likelihood_scale_for_each_judgment_and_outlook(claims: Validated) -> None:
    scales = brief_figures(claims.brief).likelihood
    assert set(scales) == {"kj-one", "q-one"}
    for item_id, term in (("kj-one", "roughly even chance"), ("q-one", "almost no chance")):
        scale = svg(scales[item_id])
        assert_described(scale)
        # The other six bands are subpaths of one path per shade; the judged band a rect.
        [judged] = scale.find_all("rect", class_="band-judged")
        assert judged["data-band"] == term
        shaded = "".join(str(p["d"]) for p in scale.find_all("path", class_="band"))
        edges = [(float(a), float(b)) for a, b in re.findall(r"M([\d.]+) 1H([\d.]+)V13", shaded)]
        x, width = float(judged["x"]), float(judged["width"])
        edges = sorted([*edges, (x, x + width)])
        assert len(edges) == 7
        assert all(a < b == c for (a, b), (c, _) in itertools.pairwise(edges))
    assert (
        svg(scales["kj-one"]).find("title").get_text() == "Likelihood: roughly even chance (45–55%)"
    )


def test_timeline_draws_a_month_as_a_span_and_a_day_as_a_point(claims: Validated) -> None:
    line = svg(brief_figures(claims.brief).timeline)
    assert_described(line)
    marks = {g["data-id"]: g for g in line.find_all("g")}
    assert set(marks) == {"e-month", "e-day", "i-day", "i-year"}
    assert (marks["e-month"]["data-start"], marks["e-month"]["data-end"]) == (
        "2024-02-01",
        "2024-02-29",
    )
    assert marks["e-month"].find("rect") is not None
    assert marks["i-year"]["data-end"] == "2023-12-31"
    assert marks["e-day"].find("circle") is not None
    assert marks["i-day"]["class"] == ["incident"] and marks["i-day"].find("path") is not None
    assert "Shelling in Port: at least 12 killed" in line.find("desc").get_text()
    # The labels are HTML over the figure, placed beside their marks in percent of its size.
    chart = BeautifulSoup(brief_figures(claims.brief).timeline, "html.parser")
    labels = chart.select("div.timeline-chart > span.timeline-label")
    assert len(labels) == 4
    for span in labels:
        assert span["aria-hidden"] == "true"  # the description and the list say each in full
        places = dict(part.split(":") for part in str(span["style"]).split(";"))
        assert set(places) in ({"left", "top"}, {"right", "top"})
        assert all(0 < float(v.rstrip("%")) < 100 for v in places.values())
    assert labels[0].get_text() == "2023 · Other in Nowhere in par…"  # clipped to fit
    assert date_span("2024-06-15") == (dt.date(2024, 6, 15), dt.date(2024, 6, 15))


def test_locator_map_puts_every_place_inside_its_frame(claims: Validated) -> None:
    brief = claims.brief
    map_svg = svg(brief_figures(brief).map)
    assert_described(map_svg)
    width, height = (float(v) for v in str(map_svg["viewbox"]).split()[2:])
    points = {c["data-place"]: c for c in map_svg.find_all("circle", class_="place")}
    assert set(points) == set(brief.places)
    for place_id, place in brief.places.items():
        point = points[place_id]
        assert (float(point["data-lat"]), float(point["data-lon"])) == (place.lat, place.lon)
        assert 0 < float(point["cx"]) < width and 0 < float(point["cy"]) < height
        assert place.name in map_svg.find("desc").get_text()
    [outlines] = map_svg.find_all("path")  # every country's outline in one path
    assert outlines["d"].count("M") >= 3  # South Africa and its neighbours
    assert "SOUTH AFRICA" in map_svg.get_text()


@pytest.mark.parametrize(
    ("coords", "inside"),
    [
        ([(51.19, 35.27)], True),  # one place still gets a few degrees around it
        ([(51.19, 35.27), (55.75, 37.62)], True),
        ([(12.58, 43.33), (26.23, 50.59), (-33.9, 18.4)], True),
    ],
)
def test_map_extent_holds_the_places_with_a_margin(
    coords: list[tuple[float, float]], inside: bool
) -> None:
    from briefgen.model import Place

    view = choose_view([Place(name="p", lat=lat, lon=lon) for lat, lon in coords])
    for lat, lon in coords:
        assert view.contains(lon, lat, inset=0.1) is inside
    assert 300 <= view.height <= 440
    assert view.east - view.west >= 4


def test_figures_are_the_same_bytes_every_time(claims: Validated) -> None:
    assert brief_figures(claims.brief) == brief_figures(claims.brief)


def test_html_brief_shows_every_figure_beside_its_table(kursk: Validated) -> None:
    soup = BeautifulSoup(render_html(kursk, config=Config(), today=TODAY), "html.parser")
    figures = {f["id"]: f for f in soup.find_all("svg", id=True)}
    expected = {"fig-map", "fig-strength", "fig-timeline"}
    expected |= {f"fig-likelihood-{kj.id}" for kj in kursk.brief.key_judgments}
    expected |= {f"fig-likelihood-{q.id}" for q in kursk.brief.open_questions if q.outlook}
    assert set(figures) == expected
    for figure in figures.values():
        assert_described(figure)
    assert soup.select_one("#map table.places") is not None
    assert soup.select_one("#forces table.forces") is not None
    assert soup.select_one("#timeline ol.timeline") is not None
    sudzha = soup.select_one("#place-sudzha").get_text(" ", strip=True)
    assert sudzha == "Sudzha city 51.19 35.27"


def _brief(brief: Brief, **update: object) -> Validated:
    return Validated(brief.model_copy(update=update), Path("x.yaml"))


def test_a_brief_without_places_strengths_or_dates_draws_no_empty_figures(
    claims: Validated,
) -> None:
    bare = _brief(claims.brief, places={}, forces=(), events=(), incidents=())
    figures = brief_figures(bare.brief)
    assert (figures.map, figures.strength, figures.timeline) == ("", "", "")
    html = render_html(bare, config=Config(), today=TODAY)
    assert 'id="map"' not in html and "fig-timeline" not in html


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_kursk_pdf_page_images_show_the_figures(kursk: Validated, tmp_path: Path) -> None:
    """Write page images of the Kursk PDF to test-output/ for a person to look at."""
    pdf = render_pdf(kursk, config=Config(), today=TODAY)
    assert render_pdf(kursk, config=Config(), today=TODAY) == pdf
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / "kursk.pdf").write_bytes(pdf)
    for old in SHOTS.glob("kursk-page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", str(SHOTS / "kursk.pdf"), str(SHOTS / "kursk-page")],
        check=True,
        timeout=120,
    )
    pages = sorted(SHOTS.glob("kursk-page-*.png"))
    assert len(pages) >= 4
    text = subprocess.run(
        ["pdftotext", "-layout", str(SHOTS / "kursk.pdf"), "-"],
        check=True, timeout=60, capture_output=True, text=True,
    ).stdout  # fmt: skip
    # SVG text is real text in the PDF: the map's place names and the chart's claims.
    for needle in ("Sudzha", "Kursk region", "nearly 8,000 troops — claimed by United States"):
        assert re.search(re.escape(needle), text), needle


def test_long_briefs_keep_their_figures_within_a_page(claims: Validated) -> None:
    brief = claims.brief
    event = brief.events[1]
    events = tuple(event.model_copy(update={"id": f"e{k}", "date": f"2024-05-{k + 1:02d}"})
                   for k in range(31))  # fmt: skip
    force = brief.forces[0]
    forces = tuple(force.model_copy(update={"id": f"f{k}"}) for k in range(30))
    figures = brief_figures(brief.model_copy(update={"events": events, "forces": forces}))
    line = svg(figures.timeline)
    assert len(line.find_all("g", class_="event")) == 31
    assert float(str(line["viewbox"]).split()[3]) < 120  # two unlabelled lanes
    assert "15 May 2024" in line.find("desc").get_text()
    chart = BeautifulSoup(figures.strength, "html.parser")
    assert len(chart.find_all("g", class_="claim")) == 24
    assert "the first 24 of 30" in svg(str(chart.find("svg", id="fig-strength"))).title.get_text()
