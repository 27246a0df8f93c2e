"""Hostile history: odd commit subjects, unreadable old revisions, changed defaults."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from pypdf import PdfReader

from briefgen.config import Config, find_config, load_config
from briefgen.errors import printable
from briefgen.history.revisions import list_revisions
from briefgen.model import Marking
from briefgen.validate.yaml import MAX_BYTES
from tests.conftest import run_cli as run
from tests.history.conftest import KURSK, Workspace

from .helpers import MARKER, build, history_entries
from .test_policy import every_byte

BRIEF = "briefs/dprk-troops-kursk.yaml"
PAGE = "briefs/dprk-troops-kursk/history.html"


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


def kursk_text(revision: int, *, marking: str | None = "TLP:CLEAR", marker: bool = False) -> str:
    """Return revision N of the Kursk brief with another marking (None: no marking line)."""
    text = (KURSK / f"r{revision}.yaml").read_text()
    line = "marking: TLP:CLEAR\n"
    text = text.replace(line, f"marking: {marking}\n" if marking else "")
    if marker:
        text = text.replace("bluf: >-\n", f"bluf: >-\n  Secret {MARKER} finding.\n", 1)
        text = text.replace("title: North Korean troops", f"title: {MARKER} North Korean troops")
    return text


UNREADABLE = {
    "unknown key": lambda: kursk_text(2, marking="TLP:AMBER", marker=True) + "secret_key: 1\n",
    "syntax error": lambda: kursk_text(2, marking="TLP:AMBER", marker=True) + "bad: [unclosed\n",
    "lowercase marking": lambda: kursk_text(2, marking="tlp:amber", marker=True),
    "deep nesting": lambda: (
        kursk_text(2, marking="TLP:AMBER", marker=True) + "x: " + "[" * 600 + "]" * 600 + "\n"
    ),
    "not UTF-8": lambda: kursk_text(2, marking="TLP:AMBER", marker=True) + "x: \udcff\n",
}


def commit_three(workspace: Workspace, middle: str, *, toml: str | None = None) -> None:
    """Commit r1 (CLEAR), a middle revision carrying the marker, and r3 (CLEAR)."""
    workspace.kursk(1)
    workspace.commit("Add Kursk brief")
    path = workspace.root / BRIEF
    path.write_bytes(middle.encode("utf-8", "surrogateescape"))
    if toml is not None:
        workspace.write("briefs/briefgen.toml", toml)
    workspace.commit(f"Restricted {MARKER} reporting", author=f"Agent {MARKER}")
    workspace.kursk(3)
    if toml is not None:
        workspace.write("briefs/briefgen.toml", 'default_marking = "TLP:CLEAR"\n')
    workspace.commit("Publish again")


@pytest.mark.parametrize("make", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_an_unreadable_restricted_revision_is_withheld_entirely(
    workspace: Workspace, make: Callable[[], str]
) -> None:
    commit_three(workspace, make())
    out = build(workspace.root / "briefs", search=True)
    _r3, r2, _r1 = history_entries(out / PAGE)
    assert "withheld" in r2.get_text()
    assert "history-subject" not in str(r2) and "Agent" not in r2.get_text()
    assert MARKER.lower().encode() not in every_byte(out).lower()


def test_an_unreadable_revision_the_policy_allows_is_listed(workspace: Workspace) -> None:
    commit_three(workspace, kursk_text(2) + "unknown_key: 1\n")
    out = build(workspace.root / "briefs")
    _r3, r2, _r1 = history_entries(out / PAGE)
    assert "does not validate" in r2.get_text() and f"Restricted {MARKER}" in r2.get_text()


def test_old_revisions_keep_the_default_marking_of_their_commit(workspace: Workspace) -> None:
    middle = kursk_text(2, marking=None, marker=True)
    commit_three(workspace, middle, toml='default_marking = "TLP:AMBER"\n')
    src = workspace.root / "briefs"
    config = load_config(find_config(src)).model_copy(update={"base_url": "https://x.org/"})
    assert config.default_marking is Marking.CLEAR
    out = build(src, config=config, search=True)
    _r3, r2, _r1 = history_entries(out / PAGE)
    assert r2.h2 is not None and r2.h2.get_text(" ", strip=True) == (
        "Revision 2 withheld (TLP:AMBER)"
    )
    assert MARKER.lower().encode() not in every_byte(out).lower()


def test_a_default_set_in_code_counts_for_old_revisions(workspace: Workspace) -> None:
    commit_three(workspace, kursk_text(2, marking=None, marker=True))
    config = Config(base_url="https://x.org/", default_marking="TLP:AMBER")
    out = build(workspace.root / "briefs", config=config)
    _r3, r2, _r1 = history_entries(out / PAGE)
    assert "withheld (TLP:AMBER)" in r2.get_text()
    assert MARKER.encode() not in every_byte(out)


def built_text(out: Path) -> dict[str, str]:
    """Return the text of each output of the Kursk brief (the PDF's extracted text)."""
    texts = {
        fmt: (out / f"dprk-troops-kursk.{fmt}").read_text(encoding="utf-8")
        for fmt in ("html", "md", "json")
    }
    reader = PdfReader(out / "dprk-troops-kursk.pdf")
    texts["pdf"] = "\n".join(page.extract_text() for page in reader.pages)
    return texts


@pytest.mark.parametrize("toml", [None, 'default_marking = "TLP:AMBER"\n'])
def test_build_leaves_a_more_restricted_revision_out_of_the_box(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, toml: str | None
) -> None:
    # r1 CLEAR, r2 restricted (marked, or unmarked under an AMBER default), r3 CLEAR.
    middle = kursk_text(2, marking=None if toml else "TLP:AMBER", marker=True)
    commit_three(workspace, middle, toml=toml)
    monkeypatch.chdir(workspace.root)
    assert run(["build", BRIEF, "-o", "out"]) == 0
    texts = built_text(workspace.root / "out")
    for fmt, text in texts.items():
        assert MARKER not in text, fmt
        since = "revision 1 of 2024-11-01" if fmt == "json" else "revision 1 of 1 November 2024"
        assert since in " ".join(text.split()), fmt
    assert "rose from more than 3,000 to about 10,000" in texts["md"]


def test_build_since_a_more_restricted_revision_is_refused(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commit_three(workspace, kursk_text(2, marking="TLP:AMBER", marker=True))
    monkeypatch.chdir(workspace.root)
    assert run(["build", BRIEF, "-o", "out", "--since", "r2", "--format", "md"]) == 1
    assert "revision 2 of 2024-11-02" in capsys.readouterr().err
    assert not (workspace.root / "out").exists()


@pytest.mark.parametrize("make", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_diff_and_build_rev_report_an_unreadable_revision(
    workspace: Workspace,
    make: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    commit_three(workspace, make())
    monkeypatch.chdir(workspace.root)
    assert run(["diff", BRIEF, "--from", "r2", "--to", "r3"]) == 1
    assert run(["build", BRIEF, "--rev", "r2", "-o", "out", "--format", "md"]) == 1
    err = capsys.readouterr().err
    assert "@r2:" in err and "Traceback" not in err
    assert run(["build", BRIEF, "-o", "out", "--format", "md"]) == 0
    assert MARKER not in (workspace.root / "out" / "dprk-troops-kursk.md").read_text()


def test_an_old_revision_over_the_size_limit_is_not_read(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    padding = "# " + "x" * 100 + "\n"
    big = kursk_text(2) + padding * (MAX_BYTES // len(padding) + 1)
    commit_three(workspace, big)
    monkeypatch.chdir(workspace.root)
    assert run(["build", BRIEF, "--rev", "r2", "-o", "out", "--format", "md"]) == 1
    assert f"over the {MAX_BYTES:,}-byte limit" in capsys.readouterr().err
    out = build(workspace.root / "briefs")
    _r3, r2, _r1 = history_entries(out / PAGE)
    assert "withheld (marking unknown)" in r2.get_text()
