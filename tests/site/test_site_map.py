"""The site's map page and the maps on actor pages: every published place, nothing withheld."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from briefgen.validate import load_brief
from tests.site.site_helpers import KURSK, MARKER


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_map_page_shows_every_place_of_the_published_briefs(built_site: Path) -> None:
    soup = page(built_site, "map/index.html")
    figure = soup.find("svg", id="fig-site-map")
    assert figure is not None and figure["role"] == "img"
    assert figure.find("desc").get_text(strip=True)
    places = load_brief(KURSK).brief.places
    points = {c["data-place"]: c for c in figure.find_all("circle", class_="place")}
    assert set(points) == set(places)
    for place_id, place in places.items():
        assert (float(points[place_id]["data-lat"]), float(points[place_id]["data-lon"])) == (
            place.lat,
            place.lon,
        )
    rows = [r.get_text(" ", strip=True) for r in soup.select("table.places tbody tr")]
    assert "Sudzha city 51.19 35.27 North Korean troops in Russia's Kursk region" in rows
    link = soup.select_one("table.places a")
    assert link is not None and link["href"].startswith("../briefs/")
    assert MARKER not in str(soup)
    nav = soup.find("nav", class_="site-nav")
    assert nav.find("a", attrs={"aria-current": "page"}).get_text() == "Map"


def test_actor_page_maps_where_its_forces_are(built_site: Path) -> None:
    soup = page(built_site, "actors/north-korea/index.html")
    figure = soup.find("svg", id="fig-actor-map")
    assert figure is not None
    points = {c["data-place"] for c in figure.find_all("circle", class_="place")}
    assert points == {"kursk-region", "russia"}
    assert page(built_site, "actors/china/index.html").find("svg", id="fig-actor-map") is None
