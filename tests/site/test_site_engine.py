"""The build's machinery: one worker pool, progress by phase, one Atom writer, one failure line."""

from __future__ import annotations

import ast
import datetime as dt
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from site_helpers import build

from briefgen.errors import Finding, Severity
from briefgen.site.atom import Entry, Feed, atom_day, atom_time
from briefgen.site.report import BuildReport, Failure

PACKAGE = Path(__file__).resolve().parents[2] / "briefgen"


@pytest.mark.slow
def test_one_worker_pool_validates_renders_pages_and_pdfs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.site.engine.pool as pool

    started: list[int] = []

    class Counted(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            started.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", Counted)
    monkeypatch.setattr(pool, "MIN_PARALLEL", 1)  # even two briefs go to the workers
    told: list[tuple[str, int, int]] = []
    report = build(
        project,
        formats=("html", "pdf"),
        jobs=2,
        search=False,
        progress=lambda phase, done, total: told.append((phase, done, total)),
    )
    assert report.ok, report.failures
    assert started == [1]
    pdfs = sorted(p.name for p in (project / "site" / "briefs").rglob("*.pdf"))
    assert pdfs == ["baltic-cables.pdf", "dprk-troops-kursk.pdf"]
    for phase in ("pages", "pdf"):
        counts = [(done, total) for name, done, total in told if name == phase]
        total = counts[-1][1]
        assert counts == [(n, total) for n in range(1, total + 1)]
    assert [t for p, _, t in told if p == "pdf"][-1] == 2


def test_a_failure_reads_the_same_wherever_it_is_shown() -> None:
    failure = Failure("briefs/a.yaml", "briefs/a/a.pdf", "the renderer was stopped")
    assert failure.format() == "briefs/a.yaml: error: briefs/a/a.pdf: the renderer was stopped"
    invalid = Finding("briefs/b.yaml", 3, 1, Severity.ERROR, "title", "must not be empty")
    warning = Finding("briefs/c.yaml", 1, 1, Severity.WARNING, "review_by", "has passed")
    report = BuildReport(Path("site"), findings=[invalid, warning], failures=[failure])
    assert report.problems() == [invalid.format(), failure.format()]
    assert not report.ok


def test_the_atom_writer_escapes_and_dates_in_utc() -> None:
    moment = dt.datetime(2024, 11, 19, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    entry = Entry(
        title="Ships & <cables>",
        id="urn:x",
        link='https://e.test/a?b="c"',
        updated=atom_time(moment),
        summary="Two lines\nof text",
        authors=["A. Writer"],
        content_html="<ul><li>x</li></ul>",
    )
    text = Feed("Briefs", "urn:feed", "https://e.test/", "https://e.test/feed.xml", "Me").write(
        atom_day(dt.date(2024, 11, 19)), [entry]
    )
    assert "<title>Ships &amp; &lt;cables&gt;</title>" in text
    assert "href='https://e.test/a?b=\"c\"'" in text
    assert "<updated>2024-11-19T08:30:00Z</updated>" in text
    assert "<updated>2024-11-19T00:00:00Z</updated>" in text
    assert '<content type="html">&lt;ul&gt;&lt;li&gt;x&lt;/li&gt;&lt;/ul&gt;</content>' in text


def test_only_the_atom_module_writes_atom_elements() -> None:
    """Both feeds (the briefs' and the updates') go through site/atom.py."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "site/atom.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and any(t in text for t in ("<feed", "<entry>", "<updated>")):
                found.append(f"{rel}:{getattr(node, 'lineno', 0)}")
    assert found == []


def test_only_the_engine_pool_starts_worker_processes() -> None:
    """Pages, PDFs, validation and history all go through site/engine/pool.py."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel != "site/engine/pool.py" and "ProcessPoolExecutor" in text:
            found.append(rel)
    assert found == []
