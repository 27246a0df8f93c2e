"""Every page readable on a phone: nothing wider than a 390 px screen, nothing clipped.

Screenshots at 390 and 1280 px go to test-output/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from site_helpers import CHROMIUM, KURSK, ROOT
from test_site_browser import browser, serious_violations

from briefgen.config import Config
from briefgen.render.html import render_html
from briefgen.validate import load_brief
from tests.history.conftest import (  # noqa: F401 (a real git repository with 3 revisions)
    Workspace,
    _git_env,
    kursk,
    workspace,
)
from tests.site_history.helpers import build

__all__ = ["browser"]  # the shared Chromium fixture of test_site_browser
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM}"),
]
SHOTS = ROOT / "test-output"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SITE_PAGES = [
    "index.html",
    "briefs/dprk-troops-kursk/index.html",
    "briefs/baltic-cables/index.html",
    "topics/index.html",
    "topics/china/index.html",
    "actors/index.html",
    "actors/russia/index.html",
    "questions/index.html",
    "404.html",
]

# Elements wider than the screen or sticking out of it, and boxes that clip their text.
OVERFLOWS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '');
  for (const el of document.body.querySelectorAll('*')) {
    // Shapes inside an SVG figure are clipped by its viewport; the <svg> itself is checked.
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.position === 'absolute' && (box.right <= 0 || box.width <= 1)) continue;  // hidden
    if (box.right > width + 1 || box.left < -1) {
      found.push(name(el) + ' spans ' + Math.round(box.left) + '..' + Math.round(box.right));
    }
    const clips = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX);
    if (clips && el.scrollWidth > el.clientWidth + 1 && box.width > 1) {
      found.push(name(el) + ' clips its content');
    }
  }
  if (document.documentElement.scrollWidth > width) found.push('the page scrolls sideways');
  return found;
}"""


def open_page(browser: Any, url: str, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    return page


def shot_name(path: str, width: int) -> str:
    stem = path.removesuffix(".html").replace("/", "-").removesuffix("-index") or "home"
    return f"site-{stem}-{width}.png"


@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_pages_fit_a_phone(browser: Any, site_url: str, path: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    wide = path.startswith("briefs/") or path == "index.html"
    for viewport in (PHONE, DESKTOP) if wide else (PHONE,):
        page = open_page(browser, site_url + path, viewport)
        try:
            assert page.evaluate(OVERFLOWS) == []
            page.screenshot(path=str(SHOTS / shot_name(path, viewport["width"])), full_page=True)
        finally:
            page.context.close()


@pytest.mark.parametrize("name", ["dprk-troops-kursk", "red-sea-shipping"])
def test_html_brief_fits_a_phone_and_tables_become_cards(
    browser: Any, tmp_path: Path, name: str
) -> None:
    checked = load_brief(KURSK.parent / f"{name}.yaml")
    html = tmp_path / f"{name}.html"
    html.write_text(render_html(checked, config=Config()), encoding="utf-8")
    SHOTS.mkdir(exist_ok=True)
    for viewport in (PHONE, DESKTOP):
        page = open_page(browser, html.as_uri(), viewport)
        try:
            assert page.evaluate(OVERFLOWS) == []
            table = page.locator("table.cards").first
            display = table.evaluate("t => getComputedStyle(t).display")
            assert display == ("block" if viewport is PHONE else "table")
            if viewport is PHONE:
                label = page.locator("table.cards td").first.evaluate(
                    "td => getComputedStyle(td, '::before').content"
                )
                assert label.strip('"').endswith(": ")
            page.screenshot(
                path=str(SHOTS / f"brief-{name}-{viewport['width']}.png"), full_page=True
            )
            assert serious_violations(page) == []
        finally:
            page.context.close()


def test_the_404_page_is_styled_at_any_depth(
    browser: Any, built_site: Path, tmp_path: Path
) -> None:
    # A server answers /any/depth/missing.html with the one 404.html: nothing may hang on
    # a relative link to the stylesheet.
    deep = tmp_path / "briefs" / "gone" / "deeper"
    deep.mkdir(parents=True)
    (deep / "missing.html").write_text((built_site / "404.html").read_text(), encoding="utf-8")
    page = open_page(browser, (deep / "missing.html").as_uri(), PHONE)
    try:
        header = page.locator(".site-header")
        assert header.evaluate("h => getComputedStyle(h).display") == "flex"
        assert page.evaluate(OVERFLOWS) == []
        page.screenshot(path=str(SHOTS / "site-404-deep-390.png"), full_page=True)
    finally:
        page.context.close()


def test_history_and_revised_brief_fit_a_phone(browser: Any, kursk: Workspace) -> None:  # noqa: F811
    out = build(kursk.root / "briefs")
    for path in ("history.html", "index.html"):
        page_file = out / "briefs" / "dprk-troops-kursk" / path
        for viewport in (PHONE, DESKTOP):
            page = open_page(browser, page_file.as_uri(), viewport)
            try:
                assert page.evaluate(OVERFLOWS) == []
                name = f"site-revised-{path.removesuffix('.html')}-{viewport['width']}.png"
                page.screenshot(path=str(SHOTS / name), full_page=True)
            finally:
                page.context.close()
