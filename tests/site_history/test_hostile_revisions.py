"""Hostile history: odd commit subjects, unreadable old revisions, changed defaults."""

from __future__ import annotations

import feedparser
import pytest

from briefgen.cli import main
from briefgen.enrich.history import list_revisions
from briefgen.errors import printable
from tests.enrich.conftest import Workspace

from .helpers import build, history_entries

BRIEF = "briefs/dprk-troops-kursk.yaml"
PAGE = "briefs/dprk-troops-kursk/history.html"


def run(argv: list[str]) -> int:
    """Run the command line in-process and return its exit code."""
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@pytest.mark.parametrize("control", ["\x1e", "\x1f", "\x1e\x1f\x1e", "\x01commit"])
def test_a_subject_with_separator_characters_is_read_as_text(
    workspace: Workspace,
    control: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace.kursk(1)
    workspace.commit(f"Add{control}Kursk brief", author=f"Ann{control}Analyst")
    workspace.kursk(2)
    workspace.commit("Second")
    revisions = list_revisions(workspace.root / BRIEF)
    shown = printable(control)
    assert [r.subject for r in revisions] == [f"Add{shown}Kursk brief", "Second"]
    assert revisions[0].author == f"Ann{shown}Analyst"
    monkeypatch.chdir(workspace.root)
    assert run(["history", BRIEF]) == 0
    printed = capsys.readouterr().out
    assert printed.count("\n") == 2 and f"\\x{ord(control[0]):02x}" in printed
    assert not [c for c in printed if c < " " and c != "\n"]
    out = build(workspace.root / "briefs")
    assert len(history_entries(out / PAGE)) == 2
    assert not feedparser.parse(out / "feed.xml").bozo
