"""One lineage rule: `briefgen history`, `build --rev` and the website follow a brief alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.history import git
from briefgen.history.lineage import follow, verdict
from briefgen.history.revisions import history_of_folder, list_revisions, revision_info
from briefgen.model import Marking
from tests.site_history.helpers import build, history_entries

from .conftest import Workspace

OLD = "briefs/first-name.yaml"
MOVED = "briefs/second-name.yaml"


@pytest.fixture
def reborn(workspace: Workspace) -> Workspace:
    """Add a brief, edit it, rename it, delete it, add a new one at its path and edit that."""
    ws = workspace
    ws.kursk(1, OLD)
    ws.commit("Add the first brief")
    ws.kursk(2, OLD)
    ws.commit("Edit the first brief")
    ws.git("mv", OLD, MOVED)
    ws.commit("Rename the first brief")
    ws.git("rm", "-q", MOVED)
    ws.commit("Retire the first brief")
    ws.kursk(1, MOVED)
    ws.commit("Start a new brief where the old one stood")
    ws.kursk(3, MOVED)
    ws.commit("Edit the new brief")
    return ws


def test_a_brief_added_again_after_a_deletion_starts_at_revision_one(
    reborn: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(reborn.root)
    try:
        main(["history", MOVED, "--format", "json"])
    except SystemExit as exc:
        assert not exc.code
    printed = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["subject"]) for r in printed] == [
        (1, "Start a new brief where the old one stood"),
        (2, "Edit the new brief"),
    ]
    folder = history_of_folder(reborn.root / "briefs")
    assert folder[reborn.root / MOVED] == list_revisions(reborn.root / MOVED)
    info = revision_info(reborn.root / MOVED)
    assert info is not None and info.current is not None and info.baseline is not None
    assert (info.current.number, info.baseline.number) == (2, 1)


def test_the_site_history_page_lists_the_same_revisions_as_briefgen_history(
    reborn: Workspace, tmp_path: Path
) -> None:
    revisions = list_revisions(reborn.root / MOVED)
    out = build(reborn.root / "briefs", tmp_path / "site")
    pages = list(out.glob("briefs/*/history.html"))
    assert len(pages) == 1
    entries = history_entries(pages[0])
    ids = [entry.get("id") for entry in entries]
    assert ids == [f"rev-{r.short}" for r in reversed(revisions)]
    text = pages[0].read_text(encoding="utf-8")
    assert "Retire the first brief" not in text and "Rename the first brief" not in text


def test_a_deleted_brief_keeps_the_revisions_it_had(reborn: Workspace) -> None:
    (reborn.root / MOVED).unlink()
    reborn.commit("Retire the new brief too")
    assert [r.subject for r in list_revisions(reborn.root / MOVED)] == [
        "Start a new brief where the old one stood",
        "Edit the new brief",
    ]
    # The old name lists what the first brief was under it, before it was renamed.
    assert [r.subject for r in list_revisions(reborn.root / OLD)] == [
        "Add the first brief",
        "Edit the first brief",
    ]


def test_follow_carries_revisions_through_a_rename_and_ends_them_at_a_deletion(
    reborn: Workspace,
) -> None:
    repo = git.find_repo(reborn.root)
    lineages = follow(git.log_folder(repo, "briefs"))
    assert [r.path for r in lineages.ended[MOVED]] == [OLD, OLD, MOVED]
    assert [r.number for r in lineages.live[MOVED]] == [1, 2]
    assert lineages.of(MOVED, deleted=True) == lineages.live[MOVED]
    assert lineages.of(OLD, deleted=True) == []


@pytest.mark.parametrize(
    ("valid", "marking", "ceiling", "expected"),
    [
        (True, Marking.CLEAR, Marking.GREEN, "published"),
        (False, Marking.CLEAR, Marking.GREEN, "invalid"),
        (True, Marking.AMBER, Marking.GREEN, "withheld"),
        (False, Marking.RED, Marking.GREEN, "withheld"),
        (False, None, Marking.RED, "withheld"),  # a marking that cannot be known
        (True, Marking.RED, None, "published"),  # no ceiling: every revision shown
    ],
)
def test_verdict_applies_the_policy_before_validity(
    valid: bool, marking: Marking | None, ceiling: Marking | None, expected: str
) -> None:
    assert verdict(valid, marking, ceiling) == expected
