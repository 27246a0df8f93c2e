"""`briefgen extract` end to end: files, stdin, HTML, merging, and clean errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli, main
from briefgen.validate import load_shared_actors, validate_text
from tests.extract.conftest import FIXTURES, KURSK_ARTICLE, ROOT

SHOAL = FIXTURES / "shoal-quoted.txt"
BORDER = FIXTURES / "border-html.html"
ARGS = ["--published", "2024-06-20", "--publisher", "Example Wire", "--url", "https://x.test/1"]


def _run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(cli, args, input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_extract_writes_a_valid_draft(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    code, _, err = _run(["extract", str(SHOAL), "-o", str(out), *ARGS])
    assert code == 0, err
    assert "wrote" in err and "positions" in err
    brief = validate_text(out.read_text(), str(out)).brief
    assert brief.sources["example-wire-2024-06-20"].url == "https://x.test/1"
    assert brief.title == "Philippines accuses China of piracy after clash at disputed shoal"


def test_extract_prints_to_stdout_and_reads_stdin() -> None:
    code, out, _ = _run(["extract", "-", *ARGS], stdin=SHOAL.read_text())
    assert code == 0
    assert out.startswith("# Draft brief written by `briefgen extract` from <stdin>.")
    assert "unreviewed: true" in out


def test_extract_reads_html_from_stdin_too() -> None:
    code, out, _ = _run(["extract", "-", "--title", "Border"], stdin=BORDER.read_text())
    assert code == 0
    brief = validate_text(out, "draft.yaml").brief
    assert brief.title == "Border"
    assert "blaszczak" in brief.actors
    assert "<p" not in out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: _write(d / "pic.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "binary"),
        (lambda d: d, "is a folder"),
    ],
)
def test_bad_input_gives_one_clean_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(path)])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_missing_article_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "missing.txt")])
    assert exc.value.code == 2  # as the README says for a missing file
    err = capsys.readouterr().err
    assert "missing.txt: no such file; check the path" in err and "Traceback" not in err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(SHOAL), "--published", "June 20"])
    assert exc.value.code == 2


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


EXISTING = """\
# A curated brief: comments and layout must survive a merge.
schema: 1
id: shoal
title: Second Thomas Shoal
as_of: 2024-06-20
bluf: China and the Philippines clash at the shoal [@old].

actors:
  china: {name: China, kind: state}   # flow style inside an entry is fine
  philippines:
    name: Philippines
    kind: state

forces:
  - actor: china
    strength: about 8 vessels   # checked by the desk
    cite: old

positions:
  - actor: philippines
    type: reaction
    stance: >-
      Accused China's coast guard of boarding its boats and seizing rifles during a resupply
      mission.
    cite: old

# Sources last, as the desk likes it.
sources:
  old:
    title: Earlier report
"""


def test_into_merges_only_new_items_and_keeps_existing_text(tmp_path: Path) -> None:
    brief = tmp_path / "shoal.yaml"
    brief.write_text(EXISTING)
    code, _, err = _run(["extract", str(SHOAL), "--into", str(brief), *ARGS])
    assert code == 0, err
    merged = brief.read_text()
    kept = EXISTING.splitlines(keepends=True)
    position = 0
    for line in kept:
        found = merged.find(line, position)
        assert found >= 0, f"lost or reordered: {line!r}"
        position = found + len(line)
    checked = validate_text(merged, str(brief)).brief
    assert "example-wire-2024-06-20" in checked.sources
    chinese = [f for f in checked.forces if f.actor == "china"]
    assert sum(1 for f in chinese if f.strength and f.strength.value == 8) == 1
    accusations = [
        p for p in checked.positions if p.actor == "philippines" and "Accused" in p.stance
    ]
    assert len(accusations) == 1
    assert "added sources: example-wire-2024-06-20" in err
    assert "added forces: china: about 8 vessels" not in err
    assert "added positions: lin:" in err

    again, _, err = _run(["extract", str(SHOAL), "--into", str(brief), *ARGS])
    assert again == 0
    assert "0 addition(s)" in err
    assert brief.read_text() == merged


def test_into_refuses_one_line_sections(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text(
        EXISTING.replace(
            "positions:\n", "positions: [{actor: china, stance: x, cite: old}]\nunused:\n"
        )
    )
    before = brief.read_bytes()
    with pytest.raises(SystemExit):
        main(["extract", str(SHOAL), "--into", str(brief), *ARGS])
    assert brief.read_bytes() == before


def test_stdin_is_bytes_safe(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\x00bad"), encoding="latin-1")
    monkeypatch.setattr(sys, "stdin", fake)
    with pytest.raises(SystemExit) as exc:
        main(["extract", "-"])
    assert exc.value.code == 1
    assert "binary" in capsys.readouterr().err


def test_into_the_kursk_brief_uses_shared_actors(tmp_path: Path) -> None:
    if not KURSK_ARTICLE.is_file():
        pytest.skip("shared Kursk article not present")
    for name in ("dprk-troops-kursk.yaml", "actors.yaml"):
        (tmp_path / name).write_bytes((ROOT / "briefs" / name).read_bytes())
    brief = tmp_path / "dprk-troops-kursk.yaml"
    before = brief.read_text()
    args = ["--published", "2024-10-31", "--publisher", "Wire"]
    code, _, err = _run(["extract", str(KURSK_ARTICLE), "--into", str(brief), *args])
    assert code == 0, err
    after = brief.read_text()
    assert after.startswith(before.split("\nforces:")[0])
    assert "\nactors:" not in after  # every actor is already in actors.yaml
    checked = validate_text(after, str(brief), shared=load_shared_actors(tmp_path)).brief
    nearly = [f for f in checked.forces if f.strength and f.strength.value == 8000]
    assert len(nearly) == 1
    assert "added forces: north-korea: 10,000 troops" in err
