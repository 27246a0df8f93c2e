"""The history page of a brief: every revision newest first, with its changes as sentences."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.history.conftest import GIT, KURSK, Workspace

from .helpers import build, changes_of, history_entries, soup

PAGE = "briefs/dprk-troops-kursk/history.html"
TROOPS = (
    "The estimate of troops of North Korea in Russia rose from more than 3,000 to about "
    "10,000 (United States claim)."
)


def test_kursk_history_lists_revisions_newest_first_with_sentences(kursk: Workspace) -> None:
    out = build(kursk.root / "briefs")
    entries = history_entries(out / PAGE)
    assert [e.h2.get_text(" ", strip=True) for e in entries if e.h2] == [
        "Revision 3 TLP:CLEAR",
        "Revision 2 TLP:CLEAR",
        "Revision 1 TLP:CLEAR",
    ]
    r3, r2, r1 = entries
    meta = r2.select_one(".history-meta")
    assert meta is not None
    text = meta.get_text(" ", strip=True)
    assert "2 November 2024" in text and "Bo Editor" in text
    assert "Update troop numbers, add Blinken and Austin" in text
    short = kursk.git("rev-parse", "--short", "HEAD~1").strip()
    assert r2["id"] == f"rev-{short}" and short in text
    assert TROOPS in changes_of(r2)
    assert (
        "New warning by Antony Blinken on 31 October 2024: If North Korean troops engage in "
        "combat against Ukraine, they become legitimate military targets." in changes_of(r2)
    )
    assert any(
        c.startswith("Question resolved: Will the United States announce") for c in changes_of(r3)
    )
    assert changes_of(r1) == [] and "First version." in r1.get_text()
    # Consecutive revisions need no "changes since" line.
    assert r3.select_one(".history-baseline") is None


def test_uncommitted_changes_show_as_a_draft_on_top(kursk: Workspace) -> None:
    path = kursk.root / "briefs" / "dprk-troops-kursk.yaml"
    path.write_text(path.read_text().replace("about 10,000", "about 11,000"), encoding="utf-8")
    out = build(kursk.root / "briefs")
    top, *rest = history_entries(out / PAGE)
    assert top["id"] == "draft"
    assert "Draft (uncommitted changes)" in top.get_text()
    assert changes_of(top) == [
        "The estimate of troops of North Korea in Russia rose from about 10,000 to about 11,000 "
        "(United States claim)."
    ]
    assert len(rest) == 3


def test_a_renamed_brief_keeps_its_history(kursk: Workspace) -> None:
    kursk.git("mv", "briefs/dprk-troops-kursk.yaml", "briefs/kursk.yaml")
    kursk.commit("Rename the Kursk brief")
    out = build(kursk.root / "briefs")
    entries = history_entries(out / PAGE)
    assert len(entries) == 4
    assert entries[0].h2 is not None and "Revision 4" in entries[0].h2.get_text()
    assert "No changes to the content." in entries[0].get_text()
    assert TROOPS in changes_of(entries[2])


def test_an_old_revision_that_no_longer_validates_is_listed_not_diffed(
    workspace: Workspace,
) -> None:
    workspace.kursk(1)
    brief = workspace.root / "briefs" / "dprk-troops-kursk.yaml"
    brief.write_text(brief.read_text().replace("bluf:", "bluff:"), encoding="utf-8")
    workspace.commit("Broken revision")
    workspace.kursk(2)
    workspace.commit("Fix it")
    workspace.kursk(3)
    workspace.commit("Resolve aid question")
    out = build(workspace.root / "briefs")
    r3, r2, r1 = history_entries(out / PAGE)
    assert "history-invalid" in r1["class"]
    assert "does not validate" in r1.get_text()
    assert "history-first-shown" in r2["class"] and changes_of(r2) == []
    assert changes_of(r3)


def test_outside_git_there_is_no_history_page(tmp_path: Path) -> None:
    src = tmp_path / "briefs"
    src.mkdir()
    (src / "actors.yaml").write_text((KURSK / "actors.yaml").read_text())
    (src / "dprk-troops-kursk.yaml").write_text((KURSK / "r3.yaml").read_text())
    out = build(src)
    assert not (out / PAGE).exists()


def test_a_shallow_clone_shows_what_it_knows(kursk: Workspace, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        [GIT, "clone", "-q", "--depth", "1", f"file://{kursk.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    out = build(clone / "briefs")
    page = soup(out / PAGE)
    entries = history_entries(out / PAGE)
    assert len(entries) == 1
    short = kursk.git("rev-parse", "--short", "HEAD").strip()
    assert entries[0].h2 is not None and f"Revision {short}" in entries[0].h2.get_text()
    assert "Earliest revision available" in entries[0].get_text()
    lede = page.select_one(".lede")
    assert lede is not None and "Earlier history is not available" in lede.get_text()


def test_a_brief_not_yet_committed_is_a_draft_in_a_repository(kursk: Workspace) -> None:
    kursk.write(
        "briefs/new-brief.yaml",
        (KURSK / "r1.yaml").read_text().replace("id: dprk-troops-kursk", "id: new-brief"),
    )
    out = build(kursk.root / "briefs")
    (entry,) = history_entries(out / "briefs" / "new-brief" / "history.html")
    assert entry["id"] == "draft" and "First version (not yet committed)" in entry.get_text()
    revision = soup(out / "briefs" / "new-brief" / "index.html").select_one(".revision")
    assert revision is not None
    assert revision.get_text() == "Draft, not yet committed"
    feed = (out / "feed.xml").read_text()
    assert "https://example.org/briefs/briefs/new-brief/</id>" in feed
