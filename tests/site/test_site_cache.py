"""The brief store: briefs validated once, reused by later builds, in one process and across."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import build, make_project

from briefgen.model import Brief
from briefgen.outdir import cache_dir_for
from briefgen.site.engine.cache import BriefStore


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with two public briefs."""
    make_project(tmp_path, amber=False)
    return tmp_path


def _forbid_decoding(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make decoding a stored brief fail loudly; return the list of attempts."""
    calls: list[str] = []

    def decode(data: str) -> Brief:
        calls.append(data[:40])
        raise AssertionError("a stored brief was decoded again")

    monkeypatch.setattr(Brief, "model_validate_json", decode)
    return calls


def test_next_build_in_the_same_process_reuses_decoded_briefs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    kursk = project / "briefs" / "dprk-troops-kursk.yaml"
    kursk.write_text(kursk.read_text().replace("bluf: ", "bluf: Update. ", 1))
    calls = _forbid_decoding(monkeypatch)
    report = build(project)
    assert calls == []
    assert report.validated == 1  # only the edited brief
    assert "briefs/dprk-troops-kursk/index.html" in report.rendered
    html = (project / "site" / "briefs" / "dprk-troops-kursk" / "index.html").read_text()
    assert "Update." in html


def test_store_written_by_another_process_is_read_again(project: Path) -> None:
    build(project)
    folder = cache_dir_for(project / "site")
    assert BriefStore.open(folder).decoded  # this process remembers the briefs it saved
    # Another process rewrites the store (a new file, as every write is): read it again.
    store_file = folder / "briefs.json"
    store_file.write_bytes(store_file.read_bytes())
    store = BriefStore.open(folder)
    assert store.decoded == {}
    assert len(store.entries) == 2


def test_clean_build_decodes_nothing_from_memory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    # --clean drops the cache folder, and with it what this process remembers of it.
    calls = _forbid_decoding(monkeypatch)
    report = build(project, clean=True)
    assert calls == []
    assert report.validated == report.briefs + len(report.withheld)
