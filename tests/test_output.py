"""Output files are replaced whole, never left half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.output import replace_file, write_atomic


@pytest.mark.parametrize("write", [write_atomic, replace_file])
def test_writes_text_and_bytes_creating_folders(tmp_path: Path, write: object) -> None:
    target = tmp_path / "a" / "b" / "page.html"
    write(target, "Kursk – Курск")  # type: ignore[operator]
    assert target.read_text(encoding="utf-8") == "Kursk – Курск"
    write(target, b"\x00\x01")  # type: ignore[operator]
    assert target.read_bytes() == b"\x00\x01"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_replace_file_leaves_an_identical_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    assert replace_file(target, "same")
    os.utime(target, (1_000_000, 1_000_000))
    assert not replace_file(target, "same")
    assert target.stat().st_mtime == 1_000_000
    assert replace_file(target, "other")
    assert target.read_text() == "other"


def test_replace_file_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "page.html"
    replace_file(target, "old")

    def crash(self: Path, other: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(OSError, match="No space"):
        replace_file(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
