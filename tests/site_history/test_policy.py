"""Publication policy over history: a restricted old revision never leaks, in any byte."""

from __future__ import annotations

import gzip
from pathlib import Path

import feedparser

from briefgen.config import Config
from tests.history.conftest import KURSK, Workspace

from .helpers import MARKER, build, changes_of, history_entries

PAGE = "briefs/dprk-troops-kursk/history.html"


def amber_revision() -> str:
    """Return revision 2 of the Kursk brief, marked TLP:AMBER and carrying the marker."""
    text = (KURSK / "r2.yaml").read_text()
    text = text.replace("marking: TLP:CLEAR", "marking: TLP:AMBER")
    text = text.replace("bluf: >-\n", f"bluf: >-\n  Secret {MARKER} finding.\n", 1)
    return text.replace(
        "title: North Korean troops in Russia's Kursk region",
        f"title: North Korean troops {MARKER}",
    )


def restricted_middle(workspace: Workspace) -> Workspace:
    """Commit r1 (CLEAR), r2 (AMBER, with the marker) and r3 (CLEAR) of the Kursk brief."""
    workspace.kursk(1)
    workspace.commit("Add Kursk brief")
    workspace.kursk(1)
    workspace.write("briefs/dprk-troops-kursk.yaml", amber_revision())
    workspace.commit(f"Add restricted reporting {MARKER}", author=f"Agent {MARKER}")
    workspace.kursk(3)
    workspace.commit("Publish again")
    return workspace


def every_byte(out: Path) -> bytes:
    """Return every file of a site, decompressing gzip files (the search index)."""
    data = b""
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        data += path.as_posix().encode() + b"\0" + raw
    return data


def test_a_restricted_old_revision_is_withheld_and_skipped_by_diffs(
    workspace: Workspace,
) -> None:
    out = build(restricted_middle(workspace).root / "briefs")
    r3, r2, r1 = history_entries(out / PAGE)
    assert r2.h2 is not None
    assert r2.h2.get_text(" ", strip=True) == "Revision 2 withheld (TLP:AMBER)"
    assert changes_of(r2) == [] and "history-subject" not in str(r2)
    baseline = r3.select_one(".history-baseline")
    assert baseline is not None and "Changes since revision 1 of 1 November 2024" in baseline.text
    assert (
        "The estimate of troops of North Korea in Russia rose from more than 3,000 to about "
        "10,000 (United States claim)." in changes_of(r3)
    )
    assert "First version." in r1.get_text()
    feed = feedparser.parse(out / "feed.xml")
    assert [e.title.rsplit(": ", 1)[1] for e in feed.entries] == ["revision 3", "revision 1"]


def test_no_byte_of_the_site_holds_a_restricted_revisions_marker(workspace: Workspace) -> None:
    out = build(restricted_middle(workspace).root / "briefs", search=True)
    assert (out / PAGE).is_file() and (out / "pagefind").is_dir()
    assert MARKER.encode() not in every_byte(out)
    assert MARKER.lower().encode() not in every_byte(out).lower()


def test_a_draft_after_a_restricted_commit_is_compared_with_the_last_published(
    workspace: Workspace,
) -> None:
    workspace.kursk(1)
    workspace.commit("Add Kursk brief")
    workspace.write("briefs/dprk-troops-kursk.yaml", amber_revision())
    workspace.commit(f"Restricted {MARKER}")
    workspace.kursk(3)  # uncommitted, TLP:CLEAR again
    out = build(workspace.root / "briefs")
    draft, r2, _r1 = history_entries(out / PAGE)
    assert draft["id"] == "draft"
    assert "Changes since revision 1" in draft.get_text()
    assert "withheld (TLP:AMBER)" in r2.get_text()
    assert MARKER.encode() not in every_byte(out)


def test_a_withheld_brief_has_no_history_page_and_no_feed_entries(
    workspace: Workspace,
) -> None:
    workspace.kursk(1)
    workspace.commit("Add Kursk brief")
    workspace.write("briefs/dprk-troops-kursk.yaml", amber_revision())
    workspace.commit("Restrict the brief")
    out = build(workspace.root / "briefs")
    assert not (out / PAGE).exists()
    assert MARKER.encode() not in every_byte(out)
    assert b"dprk-troops-kursk" not in every_byte(out)


def test_an_internal_site_shows_restricted_revisions_under_a_banner(
    workspace: Workspace,
) -> None:
    out = build(restricted_middle(workspace).root / "briefs", include_restricted=True)
    _r3, r2, _r1 = history_entries(out / PAGE)
    assert "withheld" not in r2.get_text()
    assert any(MARKER in c for c in changes_of(r2))
    banner = (out / PAGE).read_text()
    assert 'class="site-marking marking-amber"' in banner


def test_an_internal_feed_labels_restricted_revisions(workspace: Workspace) -> None:
    out = build(restricted_middle(workspace).root / "briefs", include_restricted=True)
    titles = [e.title for e in feedparser.parse(out / "feed.xml").entries]
    assert titles[1] == f"[TLP:AMBER] North Korean troops {MARKER}: revision 2"
    assert not titles[0].startswith("[") and not titles[2].startswith("[")


def test_raising_the_policy_publishes_the_old_revision(workspace: Workspace) -> None:
    src = restricted_middle(workspace).root / "briefs"
    out = build(src)
    assert MARKER.encode() not in every_byte(out)
    config = Config(base_url="https://example.org/briefs/", publish={"max_marking": "TLP:AMBER"})
    build(src, config=config)
    _, r2, _ = history_entries(out / PAGE)
    assert "withheld" not in r2.get_text() and any(MARKER in c for c in changes_of(r2))
