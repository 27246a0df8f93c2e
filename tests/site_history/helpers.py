"""Helpers for the website history tests: build a site, read its pages and feed."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

from bs4 import BeautifulSoup, Tag

from briefgen.config import Config
from briefgen.site.cache import BriefStore, cache_dir_for, digest
from briefgen.site.collect import collect_site
from briefgen.site.history import (
    HistoryCache,
    find_git_head,
    read_git_state,
    read_site_history,
)
from briefgen.site.history_pages import plan_history_feed, plan_history_pages
from briefgen.site.inputs import read_inputs
from briefgen.site.pages import PageMaker

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
) -> Path:
    """Build the HTML site of the briefs under src (with their git history); return its folder."""
    config = config or site_config()
    out = out or src.parent / "site"
    cache = cache_dir_for(out)
    store = BriefStore.open(cache)
    inputs = read_inputs(src, config=config, today=TODAY, store=store)
    head = find_git_head(src)
    state = read_git_state(head) if head else None
    histories = {}
    if state is not None:
        history_cache = HistoryCache.open(cache, config)
        histories = read_site_history(
            state,
            inputs.briefs,
            config=config,
            include_restricted=include_restricted,
            cache=history_cache,
        )
        history_cache.save()
    site = collect_site(
        inputs.briefs, config=config, today=TODAY, include_restricted=include_restricted
    )
    key = digest("test")
    maker = PageMaker(site, config, TODAY, ("html",), key)
    outputs = plan_history_pages(maker, histories)
    if histories:
        outputs.append(plan_history_feed(site, histories, config, key))
    for output in outputs:
        target = out / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = output.make()
        target.write_bytes(data.encode() if isinstance(data, str) else data)
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
