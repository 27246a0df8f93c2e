"""The built site in a real browser: navigation, citations, actors, search, accessibility."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_helpers import CHROMIUM, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM}"),
]

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "test-output"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: problems.append(str(exc)))
    tab.problems = problems
    try:
        yield tab
    finally:
        context.close()


def serious_violations(tab: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_reader_journey(page: Any, site_url: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.goto(site_url + "index.html")
    assert page.title() == "Test briefs"  # the site title alone, not "Briefs · Test briefs"
    page.screenshot(path=str(SHOTS / "site-home.png"), full_page=True)
    assert serious_violations(page) == []

    page.get_by_role("link", name="North Korean troops in Russia’s Kursk region").click()
    page.wait_for_url(re.compile(r"briefs/dprk-troops-kursk/index\.html$"))
    page.screenshot(path=str(SHOTS / "site-brief.png"), full_page=True)
    assert serious_violations(page) == []

    citation = page.locator("a.cite-link").first
    target = citation.get_attribute("href")
    assert target and target.startswith("#src-")
    citation.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator(target).is_visible()

    page.get_by_role("navigation", name="Site").get_by_role("link", name="Actors").click()
    page.get_by_role("link", name="United States").click()
    page.wait_for_url(re.compile(r"actors/united-states/index\.html$"))
    assert page.get_by_role("heading", level=1).inner_text() == "United States"
    assert page.get_by_text("legitimate military targets").count() == 1
    assert serious_violations(page) == []
    assert page.problems == []


def test_search_finds_a_brief(page: Any, site_url: str) -> None:
    page.goto(site_url + "topics/index.html")
    box = page.locator("#search-input")
    box.wait_for()
    # The two briefs sit in different index shards: both must be found.
    box.fill("Pyongyang")
    page.get_by_role("link", name="North Korean troops in Russia’s Kursk region").last.wait_for()
    box.fill("cables")
    result = page.locator("a.search-result").first
    result.wait_for(timeout=10_000)
    page.wait_for_function(
        "document.querySelector('a.search-result').textContent.includes('Baltic')"
    )
    assert "Damaged cables in the Baltic Sea" in result.inner_text()
    result.click()
    page.wait_for_url(re.compile(r"/site/briefs/baltic-cables/index\.html$"))
    assert page.problems == []


@pytest.mark.parametrize(
    "path",
    [
        "questions/index.html",
        "topics/china/index.html",
        "actors/index.html",
        "actors/north-korea/index.html",
        "map/index.html",
        "404.html",
    ],
)
def test_other_pages_are_accessible(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert serious_violations(page) == []
    assert page.problems == []


@pytest.mark.parametrize("width", [1280, 390])
def test_map_page_screenshots(page: Any, site_url: str, width: int) -> None:
    """Write the site map page at desktop and phone widths to test-output/ to look at."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "map/index.html")
    box = page.locator("#fig-site-map").bounding_box()
    assert box is not None and box["width"] <= width  # the map never overflows the screen
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"site-map-{width}.png"), full_page=True)


def test_pages_work_from_file_urls(page: Any, built_site: Path) -> None:
    page.goto((built_site / "index.html").as_uri())
    page.get_by_role("link", name="Damaged cables in the Baltic Sea").click()
    page.wait_for_url(re.compile(r"briefs/baltic-cables/index\.html$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Damaged cables in the Baltic Sea"


def test_serve_reloads_the_open_page_after_an_edit(page: Any, project: Path) -> None:
    import threading

    from site_helpers import TODAY, free_port

    from briefgen.site.serve import Preview, SiteServer, watch_changes

    server = SiteServer(project / "site", port=free_port())
    preview = Preview(
        project / "briefs",
        project / "site",
        project / "briefgen.toml",
        ("html",),
        lambda: TODAY,
        lambda result, phase: None,
        server=server,
    )
    preview.build()
    server.start()
    stop = threading.Event()
    watch_changes([project / "briefs"], [], lambda _: preview.changed.set(), stop, debounce_ms=50)
    runner = threading.Thread(target=preview.run, args=(stop,), daemon=True)
    runner.start()
    try:
        page.goto(server.url + "index.html")
        assert page.get_by_text("Damaged cables in the Baltic Sea").count() == 1
        page.wait_for_timeout(1000)  # let the page learn the current build id
        brief = project / "briefs" / "baltic-cables.yaml"
        brief.write_text(brief.read_text().replace("title: Damaged", "title: Severed"))
        page.get_by_text("Severed cables in the Baltic Sea").wait_for(timeout=15_000)
        brief.write_text("schema: 1\ntitle: Broken\n")
        page.get_by_text("Build errors").wait_for(timeout=15_000)
        assert "baltic-cables.yaml" in page.locator(".serve-errors").inner_text()
    finally:
        stop.set()
        runner.join(timeout=5)
        server.stop()


def test_paginated_listings_are_navigable_and_accessible(
    page: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from site_helpers import build, make_paged_project, served

    folder = tmp_path_factory.mktemp("paged-browser")
    make_paged_project(folder)
    assert build(folder, search=False).ok
    with served(folder / "site") as site_url:
        page.goto(site_url + "index.html")
        nav = page.get_by_role("navigation", name="Pagination")
        assert nav.locator("[aria-current=page]").inner_text().strip() == "1"
        nav.get_by_role("link", name="Next").click()
        page.wait_for_url(re.compile(r"/site/page/2/index\.html$"))
        assert "page 2 of" in page.title()
        nav = page.get_by_role("navigation", name="Pagination")
        assert nav.locator("[aria-current=page]").inner_text().strip() == "2"
        assert serious_violations(page) == []
        page.goto(site_url + "questions/page/2/index.html")
        assert serious_violations(page) == []
        nav = page.get_by_role("navigation", name="Pagination")
        nav.get_by_role("link", name="Previous").click()
        page.wait_for_url(re.compile(r"/site/questions/index\.html$"))
        assert page.problems == []
