"""Paginated listings: page files, links between pages, sitemap, policy and incremental builds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_helpers import EXTRAS, MARKER, all_bytes, build, make_paged_project

from briefgen.config import Config, load_config
from briefgen.errors import ConfigError
from briefgen.site.pager import Pager, paginate

PUBLIC = ["baltic-cables", "dprk-troops-kursk", *(f"extra-{i}" for i in range(EXTRAS, 0, -1))]
"""The public briefs of the paged project, newest first."""
WITH_QUESTIONS = PUBLIC  # every public brief has open or resolved questions
LISTINGS = ["", "topics/china/", "topics/baltic/", "questions/", "actors/china/"]
LINK = re.compile(r'(?:href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built site whose listings have several pages, shared by read-only tests."""
    folder = tmp_path_factory.mktemp("paged")
    make_paged_project(folder)
    report = build(folder, search=False)
    assert report.ok, (report.failures, report.errors)
    return folder / "site"


@pytest.fixture
def paged_project(tmp_path: Path) -> Path:
    """A fresh paged project folder, for tests that build it again."""
    make_paged_project(tmp_path)
    return tmp_path


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_path(folder: str, number: int) -> str:
    return f"{folder}index.html" if number == 1 else f"{folder}page/{number}/index.html"


def follow(site: Path, first: str) -> list[str]:
    """Return a listing's pages in order by following each page's rel=next link."""
    pages = [first]
    while True:
        link = soup(site / pages[-1]).find("a", rel="next")
        if link is None:
            return pages
        target = (site / pages[-1]).parent / str(link["href"])
        pages.append(target.resolve().relative_to(site.resolve()).as_posix())


def linked_briefs(site: Path, page: str, selector: str) -> list[str]:
    """Return the ids of the briefs a page links with the given CSS selector, in order."""
    ids = []
    for link in soup(site / page).select(selector):
        target = ((site / page).parent / str(link["href"]).split("#")[0]).resolve()
        ids.append(target.parent.name)
    return ids


def test_defaults_and_unpaginated_listings(built_site: Path) -> None:
    assert (Config().pagination.per_page, Config().pagination.groups_per_page) == (50, 20)
    assert not any(p.name == "page" for p in built_site.rglob("*") if p.is_dir())
    for page in ("index.html", "questions/index.html", "actors/china/index.html"):
        html = soup(built_site / page)
        assert html.find("nav", attrs={"aria-label": "Pagination"}) is None, page
        assert html.find("link", rel="next") is None, page


@pytest.mark.parametrize(
    ("folder", "count"),
    [("", 6), ("topics/china/", 6), ("topics/baltic/", 5), ("questions/", 4), ("actors/china/", 4)],
)
def test_listing_pages_link_to_each_other(paged_site: Path, folder: str, count: int) -> None:
    pages = follow(paged_site, f"{folder}index.html")
    assert pages == [page_path(folder, n) for n in range(1, count + 1)]
    on_disk = sorted(p.parent.name for p in (paged_site / folder / "page").glob("*/index.html"))
    assert on_disk == sorted(str(n) for n in range(2, count + 1))
    for number, page in enumerate(pages, 1):
        html = soup(paged_site / page)
        nav = html.find_all("nav", attrs={"aria-label": "Pagination"})
        assert len(nav) == 1, page
        assert nav[0].find("p").get_text() == f"Page {number} of {count}"
        current = nav[0].find_all("a", attrs={"aria-current": "page"})
        assert [a.get_text() for a in current] == [str(number)]
        for rel, other in (("prev", number - 1), ("next", number + 1)):
            links = list(html.find_all(["a", "link"], rel=rel))
            if 1 <= other <= count:
                assert len(links) == 2, (page, rel)  # the nav link and the <head> link
                for link in links:
                    target = (paged_site / page).parent / str(link["href"])
                    assert target.resolve() == (paged_site / page_path(folder, other)).resolve()
            else:
                assert links == [], (page, rel)
        if number > 1:
            assert f"page {number} of {count}" in html.title.get_text()


def test_each_brief_appears_once_across_a_listings_pages(paged_site: Path) -> None:
    home = [
        brief
        for page in follow(paged_site, "index.html")
        for brief in linked_briefs(paged_site, page, ".card-title a")
    ]
    assert home == PUBLIC
    china = [
        brief
        for page in follow(paged_site, "topics/china/index.html")
        for brief in linked_briefs(paged_site, page, ".card-title a")
    ]
    assert china == PUBLIC
    seen: list[str] = []
    for page in follow(paged_site, "questions/index.html"):
        on_page = linked_briefs(paged_site, page, ".question .from a")
        assert len(set(on_page)) <= 3, page  # groups_per_page briefs, all their questions
        seen += dict.fromkeys(on_page)
    assert seen == WITH_QUESTIONS
    actor = [
        brief
        for page in follow(paged_site, "actors/china/index.html")
        for brief in linked_briefs(paged_site, page, ".actor-brief h2 a")
    ]
    assert actor == [b for b in PUBLIC if b != "dprk-troops-kursk"]  # no entry of China there


def test_a_brief_keeps_all_its_questions_on_one_page(paged_site: Path) -> None:
    page = soup(paged_site / "questions/page/2/index.html")
    assert page.find("p", class_="lede").get_text() == (
        "Questions of briefs 4–6 of the 11 with questions, newest brief first."
    )
    open_part, resolved_part = str(page).split('id="resolved-title"')
    assert "Extra brief 8" in open_part and "Extra brief 8" in resolved_part
    assert "Extra brief 8" not in str(soup(paged_site / "questions/index.html"))


def test_paged_site_links_resolve_and_are_relative(paged_site: Path) -> None:
    pages = sorted(p for p in paged_site.rglob("*.html"))
    assert any("/page/" in p.as_posix() for p in pages)
    for page in pages:
        for target in LINK.findall(page.read_text()):
            if target.startswith(("https://", "http://", "#", "data:")):
                continue
            assert not target.startswith("/"), f"{page}: absolute link {target}"
            resolved = (page.parent / target.split("#")[0]).resolve()
            assert resolved.exists(), f"{page.relative_to(paged_site)}: broken link {target}"


def test_sitemap_lists_every_page_of_every_listing(paged_site: Path) -> None:
    tree = ET.parse(paged_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {el.text or "" for el in tree.getroot().findall("s:url/s:loc", ns)}
    base = "https://example.org/briefs/"
    pages = {p.relative_to(paged_site).as_posix() for p in paged_site.rglob("*.html")}
    expected = {base + ("" if p == "index.html" else p) for p in pages if p != "404.html"}
    assert locs == expected
    assert base + "page/6/index.html" in locs
    assert base + "questions/page/4/index.html" in locs


def test_withheld_brief_is_on_no_page(paged_site: Path) -> None:
    hits = [
        p
        for p in paged_site.rglob("*")
        if p.is_file() and (MARKER.encode() in all_bytes(p) or b"secret-amber" in all_bytes(p))
    ]
    assert hits == []


def test_internal_site_marks_only_the_pages_showing_a_restricted_brief(
    paged_project: Path,
) -> None:
    build(paged_project, include_restricted=True, search=False)
    site = paged_project / "site"
    # Newest first: baltic-cables, secret-amber (2024-11-05), dprk-troops-kursk, ...
    assert "site-marking" in (site / "index.html").read_text()
    assert "site-marking" not in (site / "page/2/index.html").read_text()
    assert "site-marking" in (site / "questions/index.html").read_text()
    assert "site-marking" not in (site / "questions/page/2/index.html").read_text()


def test_fewer_briefs_delete_the_pages_that_no_longer_exist(paged_project: Path) -> None:
    build(paged_project, search=False)
    site = paged_project / "site"
    assert (site / "page/6/index.html").is_file()
    for i in range(1, EXTRAS + 1):
        (paged_project / "briefs" / f"extra-{i}.yaml").unlink()
    report = build(paged_project, search=False)
    assert {"page/2/index.html", "page/6/index.html", "questions/page/2/index.html"} <= set(
        report.deleted
    )
    assert not (site / "page").exists()  # emptied folders go too
    assert not (site / "topics/china/page").exists()
    assert follow(site, "index.html") == ["index.html"]
    assert linked_briefs(site, "index.html", ".card-title a") == PUBLIC[:2]
    assert soup(site / "index.html").find("nav", attrs={"aria-label": "Pagination"}) is None


def test_an_edit_rerenders_only_the_listing_pages_showing_the_brief(paged_project: Path) -> None:
    build(paged_project, search=False)
    path = paged_project / "briefs" / "extra-5.yaml"
    path.write_text(path.read_text().replace("Two data cables", "Five data cables"))
    report = build(paged_project, search=False)
    listings = {p for p in report.rendered if not p.startswith("briefs/")}
    # extra-5 is the 7th brief: home page 4 (2 a page), questions page 3 (3 a page); the
    # 6th of the briefs on Baltic and on China's actor page, the 7th on China's topic page.
    assert listings == {
        "page/4/index.html",
        "topics/baltic/page/3/index.html",
        "topics/china/page/4/index.html",
        "questions/page/3/index.html",
        "actors/china/page/2/index.html",
        "actors/united-states/page/3/index.html",
        "actors/blinken/page/3/index.html",
        "feed.xml",
    }
    assert "Five data cables" in (paged_project / "site/page/4/index.html").read_text()


def test_the_pagination_template_can_be_overridden(paged_project: Path) -> None:
    overrides = paged_project / "templates" / "site"
    overrides.mkdir(parents=True)
    (overrides / "_pagination.html.j2").write_text(
        '<p class="my-pager">{{ pager.number }}/{{ pager.count }}</p>\n'
    )
    toml = paged_project / "briefgen.toml"
    toml.write_text('templates = "templates"\n' + toml.read_text())
    build(paged_project, search=False)
    page = soup(paged_project / "site/page/2/index.html")
    assert page.find("p", class_="my-pager").get_text() == "2/6"


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 6, [1, 2, 3, None, 6]),
        (4, 6, [1, 2, 3, 4, 5, 6]),
        (10, 20, [1, None, 8, 9, 10, 11, 12, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
    ],
)
def test_pager_links_the_ends_and_the_neighbours(
    number: int, count: int, shown: list[int | None]
) -> None:
    assert Pager("questions/", number, count, 10, count * 10).numbers() == shown


def test_paginate_keeps_every_item_once_and_an_empty_first_page() -> None:
    pages = paginate(list(range(7)), 3, "topics/x/")
    assert [list(items) for _, items in pages] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [p.path for p, _ in pages] == [
        "topics/x/index.html",
        "topics/x/page/2/index.html",
        "topics/x/page/3/index.html",
    ]
    assert pages[1][0].href(1) == "../../../../topics/x/index.html"
    assert (pages[2][0].first_item, pages[2][0].last_item) == (7, 7)
    empty = paginate([], 50, "")
    assert [(p.path, p.count, list(items)) for p, items in empty] == [("index.html", 1, [])]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[pagination]\nper_page = 0\n",
            "briefgen.toml:2:1: error: pagination.per_page: 0 is not a whole number of at "
            "least 1; write e.g. per_page = 50",
        ),
        (
            'title = "x"\n[pagination]\ngroups_per_page = "10"\n',
            'briefgen.toml:3:1: error: pagination.groups_per_page: "10" is not a whole number '
            "of at least 1; write e.g. groups_per_page = 20",
        ),
        (
            "[pagination]\nper_page = 2.5\n",
            "briefgen.toml:2:1: error: pagination.per_page: 2.5 is not a whole number",
        ),
        (
            "[pagination]\nper_pag = 10\n",
            "briefgen.toml:2:1: error: pagination.per_pag: unknown key; did you mean 'per_page'?",
        ),
    ],
)
def test_bad_pagination_settings_name_the_line_and_the_fix(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "briefgen.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).replace(str(tmp_path) + "/", "").startswith(message)
