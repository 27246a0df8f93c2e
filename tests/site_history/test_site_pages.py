"""The rest of the site in git: brief pages link their history, the home page dates updates."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser

from briefgen.site import build_site
from tests.history.conftest import KURSK, Workspace, git_calls

from .helpers import TODAY, build, site_config, soup
from .test_policy import restricted_middle

ROOT = Path(__file__).resolve().parents[2]
BRIEF = "briefs/dprk-troops-kursk/index.html"


def test_the_home_page_shows_when_each_brief_was_updated(kursk: Workspace) -> None:
    out = build(kursk.root / "briefs")
    meta = soup(out / "index.html").select_one(".card-meta")
    assert meta is not None
    times = [(t["datetime"], t.get_text()) for t in meta.select("time")]
    assert times == [("2024-11-05", "5 November 2024"), ("2024-11-03", "3 November 2024")]
    assert "Updated 3 November 2024" in meta.get_text(" ", strip=True)


def test_a_brief_page_shows_its_revision_and_links_its_history(kursk: Workspace) -> None:
    out = build(kursk.root / "briefs")
    page = soup(out / BRIEF)
    link = page.select_one(".history-link a")
    assert link is not None and link["href"] == "history.html"
    short = kursk.git("rev-parse", "--short", "HEAD").strip()
    revision = page.select_one(".revision")
    assert revision is not None and revision.get_text() == "Revision 3 of 3 November 2024"
    footer = page.select_one(".brief-footer")
    assert footer is not None and f"Revision 3 of 3 November 2024, commit {short}" in footer.text
    box = page.select_one("aside.changes")
    assert box is not None and box.h2 is not None
    assert box.h2.get_text().startswith("What changed since revision 2 of 2 November 2024")
    assert any("Question resolved" in li.get_text() for li in box.select("li"))


def test_the_changes_box_skips_a_restricted_revision(workspace: Workspace) -> None:
    out = build(restricted_middle(workspace).root / "briefs")
    box = soup(out / BRIEF).select_one("aside.changes")
    assert box is not None and box.h2 is not None
    assert box.h2.get_text().startswith("What changed since revision 1 of 1 November 2024")


def test_outside_git_the_site_is_as_before(tmp_path: Path) -> None:
    src = tmp_path / "briefs"
    src.mkdir()
    (src / "actors.yaml").write_text((KURSK / "actors.yaml").read_text())
    (src / "dprk-troops-kursk.yaml").write_text((KURSK / "r3.yaml").read_text())
    out = build(src)
    assert not (out / "briefs" / "dprk-troops-kursk" / "history.html").exists()
    page = soup(out / BRIEF)
    assert page.select_one(".history-link") is None and page.select_one(".revision") is None
    assert "Updated" not in soup(out / "index.html").get_text()
    entries = feedparser.parse(out / "feed.xml").entries
    assert [e.id for e in entries] == ["https://example.org/briefs/briefs/dprk-troops-kursk/"]


def test_a_commit_without_file_changes_still_updates_the_site(kursk: Workspace) -> None:
    path = kursk.root / "briefs" / "dprk-troops-kursk.yaml"
    path.write_text(path.read_text().replace("about 10,000", "about 11,000"), encoding="utf-8")
    out = build(kursk.root / "briefs")
    assert "draft with uncommitted changes" in (out / BRIEF).read_text()
    kursk.commit("More troops")
    build(kursk.root / "briefs")
    assert "draft with uncommitted changes" not in (out / BRIEF).read_text()
    assert len(feedparser.parse(out / "feed.xml").entries) == 4


def test_a_no_change_rebuild_of_the_example_site_renders_nothing(
    workspace: Workspace, git_log: Path
) -> None:
    shutil.copytree(ROOT / "briefs", workspace.root / "briefs")
    workspace.commit("Add the example briefs")
    src, out = workspace.root / "briefs", workspace.root / "site"
    first = build_site(src, out, config=site_config(), today=TODAY, formats=("html",), jobs=1)
    assert first.ok and any(p.endswith("/history.html") for p in first.rendered)
    git_log.write_text("")
    again = build_site(src, out, config=site_config(), today=TODAY, formats=("html",), jobs=1)
    assert again.rendered == [] and len(git_calls(git_log)) == 2
