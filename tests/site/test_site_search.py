"""The search index: shards start as soon as their pages are on disk, and swap in whole."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from briefgen.errors import RenderError
from briefgen.site.search import INDEX_DIR, LIST_FILE, Indexer, plan_index, shard_of

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head>
<body><article data-pagefind-body><h1>{title}</h1><p>{text}</p></article></body></html>"""


def _ids_in_two_shards() -> tuple[list[str], list[str]]:
    """Return brief ids that fall in two different shards, two in each."""
    by_shard: dict[str, list[str]] = {}
    for i in range(200):
        brief_id = f"brief-{i}"
        by_shard.setdefault(shard_of(brief_id), []).append(brief_id)
    first, second = sorted(by_shard)[:2]
    return by_shard[first][:2], by_shard[second][:2]


def _write_page(site: Path, brief_id: str, word: str) -> str:
    path = f"briefs/{brief_id}/index.html"
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(PAGE.format(title=brief_id, text=f"Troops near {word}."))
    return path


def _shard_words(site: Path, name: str) -> bytes:
    """Return every byte of a shard's index files, decompressed, to look for words."""
    import gzip

    data = b""
    for file in sorted((site / INDEX_DIR / name).rglob("*.pf_*")):
        raw = file.read_bytes()
        data += gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return data


def test_shard_starts_once_its_pages_are_written(tmp_path: Path) -> None:
    first, second = _ids_in_two_shards()
    pages = {f"briefs/{i}/index.html": (i, f"key-{i}") for i in [*first, *second]}
    plan = plan_index(pages, {}, tmp_path, prefix=".search.en")
    assert sorted(plan.changed) == sorted({shard_of(first[0]), shard_of(second[0])})
    indexer = Indexer(tmp_path, plan, set(pages), workers=1)
    written = [_write_page(tmp_path, i, "kursk") for i in first]
    indexer.written(written[0])
    assert indexer.started == []  # half of the shard is not on disk yet
    indexer.written(written[1])
    assert indexer.started == [shard_of(first[0])]
    for brief_id in second:
        indexer.written(_write_page(tmp_path, brief_id, "avdiivka"))
    assert indexer.finish() == 4
    root = tmp_path / INDEX_DIR
    assert json.loads((root / LIST_FILE).read_text()) == sorted(plan.shards)
    assert sorted(p.name for p in root.iterdir()) == sorted([*plan.shards, LIST_FILE])
    assert b"kursk" in _shard_words(tmp_path, shard_of(first[0]))
    assert b"avdiivka" in _shard_words(tmp_path, shard_of(second[0]))
    assert b"avdiivka" not in _shard_words(tmp_path, shard_of(first[0]))


def test_shard_with_no_page_to_write_starts_at_once(tmp_path: Path) -> None:
    first, _ = _ids_in_two_shards()
    pages = {_write_page(tmp_path, i, "kursk"): (i, f"key-{i}") for i in first}
    plan = plan_index(pages, {}, tmp_path, prefix=".search.en")
    indexer = Indexer(tmp_path, plan, pending=(), workers=1)
    assert indexer.started == [shard_of(first[0])]
    assert indexer.finish() == 2


def test_failed_shard_keeps_the_old_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = _ids_in_two_shards()
    pages = {_write_page(tmp_path, i, "kursk"): (i, "v1") for i in first}
    plan = plan_index(pages, {}, tmp_path, prefix=".search.en")
    Indexer(tmp_path, plan, pending=()).finish()
    before = _shard_words(tmp_path, shard_of(first[0]))
    # A pagefind that cannot start: the old shard must stay in place, no work files left.
    monkeypatch.setattr("briefgen.site.search._pagefind", lambda: str(tmp_path / "missing"))
    changed = {path: (brief_id, "v2") for path, (brief_id, _) in pages.items()}
    again = plan_index(changed, plan.keys, tmp_path, prefix=".search.en")
    with pytest.raises(RenderError, match="cannot run pagefind"):
        Indexer(tmp_path, again, pending=()).finish()
    assert _shard_words(tmp_path, shard_of(first[0])) == before
    assert not [p for p in (tmp_path / INDEX_DIR).iterdir() if p.name.startswith(".")]


def test_worker_batches_yield_ready_results_without_waiting() -> None:
    from briefgen.site.engine.pool import WorkerPool

    pool = WorkerPool(2)
    try:
        batches = pool.map(_slow_double, list(range(12)))
        deadline = time.monotonic() + 30
        early = list(batches.ready())
        assert len(early) < 12  # the workers are still busy
        while not early and time.monotonic() < deadline:
            time.sleep(0.05)
            early = list(batches.ready())
        assert early and early == [2 * i for i in range(len(early))]
        assert early + list(batches) == [2 * i for i in range(12)]
    finally:
        pool.close()


def _slow_double(batch: list[int]) -> list[int]:
    time.sleep(0.2)
    return [2 * n for n in batch]


def test_pages_only_build_leaves_the_index_for_the_next_build(tmp_path: Path) -> None:
    from site_helpers import build, make_project

    make_project(tmp_path, amber=False)
    assert build(tmp_path).indexed == 2
    index = tmp_path / "site" / INDEX_DIR
    before = {p: p.read_bytes() for p in index.rglob("*") if p.is_file()}
    kursk = tmp_path / "briefs" / "dprk-troops-kursk.yaml"
    kursk.write_text(kursk.read_text().replace("bluf: ", "bluf: Okhotnikovo update. ", 1))

    first = build(tmp_path, pages_only=True)
    assert "briefs/dprk-troops-kursk/index.html" in first.rendered
    assert first.indexed is None
    assert {p: p.read_bytes() for p in index.rglob("*") if p.is_file()} == before

    second = build(tmp_path)
    assert second.rendered == []  # the pages are already there
    alone = shard_of("baltic-cables") != shard_of("dprk-troops-kursk")
    assert second.indexed == (1 if alone else 2)  # only the changed brief's shard
    assert b"okhotnikovo" in _shard_words(tmp_path / "site", shard_of("dprk-troops-kursk"))


def _same_shard_ids(count: int) -> list[str]:
    """Return brief ids that all fall in one shard."""
    by_shard: dict[str, list[str]] = {}
    for i in range(400):
        by_shard.setdefault(shard_of(f"b-{i}"), []).append(f"b-{i}")
    return next(ids for ids in by_shard.values() if len(ids) >= count)[:count]


def _fragments(site: Path, shard: str) -> dict[str, tuple[int, bytes]]:
    """Return each fragment file of a shard: its inode and its decompressed text."""
    import gzip

    folder = site / INDEX_DIR / shard / "fragment"
    return {p.name: (p.stat().st_ino, gzip.decompress(p.read_bytes())) for p in folder.iterdir()}


def test_reindexing_reuses_unchanged_fragments_and_drops_the_rest(tmp_path: Path) -> None:
    kept, edited, withheld = _same_shard_ids(3)
    shard = shard_of(kept)
    words = {kept: "pokrovsk", edited: "toretsk", withheld: "zebramarker"}
    pages = {_write_page(tmp_path, i, w): (i, "v1") for i, w in words.items()}
    plan = plan_index(pages, {}, tmp_path, prefix=".search.en")
    Indexer(tmp_path, plan, pending=()).finish()
    before = _fragments(tmp_path, shard)
    assert len(before) == 3

    # One brief changes, one is withheld (its page is gone), one stays the same.
    (tmp_path / f"briefs/{withheld}").joinpath("index.html").unlink()
    _write_page(tmp_path, edited, "chasiv")
    now = {p: (i, "v2" if i == edited else "v1") for p, (i, _) in pages.items() if i != withheld}
    again = plan_index(now, plan.keys, tmp_path, prefix=".search.en")
    assert again.changed == [shard]
    Indexer(tmp_path, again, pending=()).finish()

    after = _fragments(tmp_path, shard)
    assert len(after) == 2  # one fragment a page, nothing left of the others
    everything = b"".join(text for _, text in after.values())
    assert b"zebramarker" not in everything and b"toretsk" not in everything
    assert b"pokrovsk" in everything and b"chasiv" in everything
    unchanged = next(name for name, (_, text) in after.items() if b"pokrovsk" in text)
    assert after[unchanged][0] == before[unchanged][0]  # the same file, not written again
    assert b"zebramarker" not in _shard_words(tmp_path, shard)
