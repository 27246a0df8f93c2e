"""The YAML loader: positions, refusals, and every error with its line and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.errors import ValidationFailed
from briefgen.validate.yaml import MAX_BYTES, decode, load_file, parse


def only_finding(text: str) -> str:
    with pytest.raises(ValidationFailed) as info:
        parse(text, "x.yaml")
    assert len(info.value.findings) == 1
    return info.value.findings[0].format()


def test_positions_are_one_based_for_values_and_keys() -> None:
    doc = parse("title: T\nforces:\n  - actor: a\n    cite: [s1, s2]\n", "x.yaml")
    assert doc.data["forces"][0]["cite"] == ["s1", "s2"]
    assert doc.positions.values[("forces", 0, "actor")] == (3, 12)
    assert doc.positions.keys[("forces", 0, "cite")] == (4, 5)
    assert doc.positions.values[("forces", 0, "cite", 1)] == (4, 16)


def test_dates_become_dates_and_plain_text_stays_text() -> None:
    doc = parse("as_of: 2024-10-31\nmonth: 2024-10\n", "x.yaml")
    assert doc.data == {"as_of": dt.date(2024, 10, 31), "month": "2024-10"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "x.yaml:3:1: error: a: duplicate key 'a' (first at line 1)"),
        ("a: &x 1\nb: *x\n", "x.yaml:1:4: error: a: YAML anchors and aliases"),
        ("a:\n  - &big [1, 2]\n", "x.yaml:2:5: error: a[0]: YAML anchors and aliases"),
        ("a: [1, 2\n", "x.yaml:2:1: error: a value in brackets is not closed"),
        ("a: 'open\n", "x.yaml:1:4: error: the quote ' opened here is never closed"),
        ("- 1\n- 2\n", "x.yaml:1:1: error: the top level is list, not a mapping"),
        ("just text\n", "x.yaml:1:1: error: the top level is str, not a mapping"),
        ("", "x.yaml:1:1: error: file is empty"),
        ("# only a comment\n\n", "x.yaml:1:1: error: file is empty"),
        ("a: 1\n---\nb: 2\n", "x.yaml:2:1: error: a file holds one brief"),
        ("a: !!python/object:os.system x\n", "x.yaml:1:4: error: a: cannot read this value"),
        ("a: 2024-13-45\n", "x.yaml:1:4: error: a: '2024-13-45' is not a valid value"),
        ("? [a, b]\n: 1\n", "x.yaml:1:3: error: a mapping key must be a plain value"),
    ],
)
def test_loader_errors_name_the_place(text: str, expected: str) -> None:
    assert only_finding(text).startswith(expected)


def test_all_duplicate_keys_are_reported_at_once() -> None:
    with pytest.raises(ValidationFailed) as info:
        parse("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", "x.yaml")
    assert [(f.line, f.col, f.path) for f in info.value.findings] == [
        (2, 1, "a"),
        (5, 3, "b.c"),
    ]


def test_billion_laughs_is_refused_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    assert "anchors and aliases" in only_finding(bomb)


def test_non_utf8_points_at_the_bad_byte() -> None:
    with pytest.raises(ValidationFailed) as info:
        decode(b"title: ok\nbluf: caf\xe9\n", "x.yaml")
    assert (
        info.value.findings[0]
        .format()
        .startswith("x.yaml:2:10: error: byte 0xe9 is not UTF-8; save the file as UTF-8")
    )


def test_utf8_bom_is_accepted() -> None:
    assert decode("\ufefftitle: Київ\n".encode(), "x.yaml") == "title: Київ\n"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"a: 1\x00\x00")
    with pytest.raises(ValidationFailed, match="NUL bytes"):
        load_file(path)


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(ValidationFailed, match="over the"):
        load_file(path)


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="cannot read file"):
        load_file(tmp_path / "nope.yaml")


def test_an_empty_plain_value_stays_null_after_a_tagged_empty_text() -> None:
    assert parse("a: ! ''\nb: !\n", "x.yaml").data["b"] == ""
    assert parse("title:\n", "x.yaml").data == {"title": None}
