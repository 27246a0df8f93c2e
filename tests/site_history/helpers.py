"""Helpers for the website history tests: build a site, read its pages and feed."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

from bs4 import BeautifulSoup, Tag

from briefgen.config import Config
from briefgen.site import build_site

TODAY = dt.date(2024, 11, 20)
MARKER = "OKAPI-MARKER-5e1d07"
BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "site_history_bench.py"


def site_config(base_url: str = "https://example.org/briefs/") -> Config:
    """Return the configuration of the test sites."""
    return Config(title="Test briefs", base_url=base_url)


def build(
    src: Path,
    out: Path | None = None,
    *,
    config: Config | None = None,
    include_restricted: bool = False,
    search: bool = False,
) -> Path:
    """Build the HTML site of the briefs under src (with their git history); return its folder."""
    out = out or src.parent / "site"
    report = build_site(
        src,
        out,
        config=config or site_config(),
        today=TODAY,
        formats=("html",),
        include_restricted=include_restricted,
        search=search,
        jobs=1,
    )
    assert report.ok, (report.errors, report.failures)
    return out


def soup(path: Path) -> BeautifulSoup:
    """Parse an HTML page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def history_entries(page: Path) -> list[Tag]:
    """Return the entries of a history page, top to bottom."""
    return list(soup(page).select("ol.history > li"))


def changes_of(entry: Tag) -> list[str]:
    """Return the change sentences of one history entry."""
    return [li.get_text(" ", strip=True) for li in entry.select("ul.changes > li")]


def load_bench() -> ModuleType:
    """Import the site history benchmark, for its repository generator."""
    spec = importlib.util.spec_from_file_location("site_history_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
