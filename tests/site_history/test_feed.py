"""The Atom feed of updates: one entry per published revision, newest first, stable ids."""

from __future__ import annotations

from pathlib import Path

import feedparser

from briefgen.site import build_site
from tests.history.conftest import Workspace

from .helpers import TODAY, build, load_bench, site_config

TROOPS = (
    "The estimate of troops of North Korea in Russia rose from more than 3,000 to about 10,000 "
    "(United States claim)."
)


def test_one_entry_per_revision_with_its_changes(kursk: Workspace) -> None:
    out = build(kursk.root / "briefs")
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    entries = feed.entries
    assert [e.title for e in entries] == [
        "North Korean troops in Russia's Kursk region: revision 3",
        "North Korean troops in Russia's Kursk region: revision 2",
        "North Korean troops in Russia: revision 1",
    ]
    assert [e.updated for e in entries] == [
        "2024-11-03T09:00:00Z",
        "2024-11-02T09:00:00Z",
        "2024-11-01T09:00:00Z",
    ]
    assert feed.feed.updated == "2024-11-03T09:00:00Z"
    assert TROOPS in entries[1].summary
    assert f"<li>{TROOPS}</li>" in entries[1].content[0].value.replace("&gt;", ">")
    assert entries[2].summary == "First version."
    assert entries[1].author == "Bo Editor"
    head = kursk.git("rev-parse", "HEAD").strip()
    page = "https://example.org/briefs/briefs/dprk-troops-kursk/history.html"
    assert entries[0].id == f"{page}#{head}"
    assert entries[0].link == f"{page}#rev-{head[:7]}"


def test_entry_ids_stay_the_same_when_the_brief_changes_again(kursk: Workspace) -> None:
    src = kursk.root / "briefs"
    before = {e.id: e.updated for e in feedparser.parse(build(src) / "feed.xml").entries}
    path = src / "dprk-troops-kursk.yaml"
    path.write_text(path.read_text().replace("about 10,000", "about 12,000"), encoding="utf-8")
    kursk.commit("More troops")
    after = feedparser.parse(build(src) / "feed.xml").entries
    assert len(after) == 4
    assert {e.id: e.updated for e in after[1:]} == before
    assert "rose from about 10,000 to about 12,000" in after[0].summary


def test_without_base_url_ids_are_urns(kursk: Workspace) -> None:
    out = build(kursk.root / "briefs", config=site_config(base_url=""))
    entries = feedparser.parse(out / "feed.xml").entries
    head = kursk.git("rev-parse", "HEAD").strip()
    assert entries[0].id == f"urn:briefgen:brief:dprk-troops-kursk:revision:{head}"


def test_the_feed_keeps_the_latest_fifty_updates(tmp_path: Path) -> None:
    src = load_bench().make_repo(tmp_path / "repo", 30, 3)
    feed = feedparser.parse(build(src) / "feed.xml")
    assert len(feed.entries) == 50
    stamps = [e.updated for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    # The newest 50 of 90 commits: every third-revision commit and the last 20 second ones.
    assert sum(e.title.endswith("revision 3") for e in feed.entries) == 30
    assert len({e.id for e in feed.entries}) == 50


def test_without_base_url_the_site_warns_and_writes_no_sitemap(kursk: Workspace) -> None:
    src, out = kursk.root / "briefs", kursk.root / "site"
    with_url = build_site(src, out, config=site_config(), today=TODAY, formats=("html",), jobs=1)
    assert (out / "sitemap.xml").is_file()
    assert not [f for f in with_url.findings if f.path == "base_url"]
    report = build_site(
        src, out, config=site_config(base_url=""), today=TODAY, formats=("html",), jobs=1
    )
    assert report.ok
    assert not (out / "sitemap.xml").exists()  # the sitemap of the build before is gone too
    [warning] = [f for f in report.findings if f.path == "base_url"]
    assert warning.severity.value == "warning"
    assert "sitemap.xml is left out" in warning.message
    # No briefgen.toml in this workspace: the warning says to create one, where it belongs.
    assert warning.file.endswith("briefgen.toml")
    assert "create this file with base_url" in warning.message
    assert "Sitemap:" not in (out / "robots.txt").read_text(encoding="utf-8")
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert all(e.id.startswith("urn:briefgen:") for e in feed.entries)
