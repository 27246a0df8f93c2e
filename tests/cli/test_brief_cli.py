"""The validate, build, new and schema commands, run as a user would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KURSK, MINIMAL, ROOT, run_on_a_terminal, write


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1730419200"}  # 2024-11-01
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        capture_output=True, text=True, cwd=cwd, env=env, check=False,
    )  # fmt: skip


def test_validate_valid_brief_exits_0() -> None:
    result = run("validate", str(KURSK))
    assert result.returncode == 0, result.stderr
    assert "1 brief(s) checked: 0 error(s), 0 warning(s)" in result.stderr


def test_validate_reports_every_error_with_place_and_exits_1(tmp_path: Path) -> None:
    bad = MINIMAL.replace("title:", "titel:").replace("as_of: 2024-10-31", "as_of: soon")
    write(tmp_path, "bad.yaml", bad)
    result = run("validate", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert not any("missing required key 'title'" in line for line in lines)  # one per mistake
    assert "bad.yaml:2:1: error: titel: unknown key 'titel'; did you mean 'title'?" in lines
    assert (
        "bad.yaml:3:8: error: as_of: 'soon' is not a date; write YYYY-MM-DD "
        "(e.g. 2024-10-31)" in lines
    )
    assert "Traceback" not in result.stderr


def test_validate_json_format(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", MINIMAL.replace("[@src]", "[@nope]"))
    result = run("validate", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    [error] = [f for f in payload["findings"] if f["severity"] == "error"]
    assert (error["line"], error["col"], error["path"]) == (4, 7, "bluf")


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    write(tmp_path, "w.yaml", MINIMAL + "  unused:\n    title: Never cited\n")
    assert run("validate", str(tmp_path)).returncode == 0
    strict = run("validate", "--strict", str(tmp_path))
    assert strict.returncode == 1
    assert ": error: sources.unused: source 'unused' is never cited" in strict.stderr


def test_usage_errors_exit_2() -> None:
    assert run("validate").returncode == 2
    assert run("validate", "does-not-exist.yaml").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("build", str(KURSK), "--format", "docx").returncode == 2


@pytest.mark.slow
def test_build_writes_all_four_formats(tmp_path: Path) -> None:
    result = run("build", str(ROOT / "briefs"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(
        f"{stem}.{ext}" for stem in ("dprk-troops-kursk", "red-sea-shipping")
        for ext in ("html", "pdf", "md", "json")
    )  # fmt: skip
    assert (tmp_path / "out" / "dprk-troops-kursk.pdf").read_bytes().startswith(b"%PDF-")


def test_build_with_one_invalid_brief_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", MINIMAL)
    write(tmp_path, "bad.yaml", MINIMAL.replace("schema: 1", "schema: one"))
    briefs = [str(tmp_path / "good.yaml"), str(tmp_path / "bad.yaml")]
    result = run("build", *briefs, "-o", str(tmp_path / "out"), "--format", "html")
    assert result.returncode == 1
    assert "bad.yaml:1:9: error: schema: briefgen supports schema 1 only" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_strict_refuses_unreviewed_items(tmp_path: Path) -> None:
    draft = MINIMAL.replace(
        "sources:",
        "events:\n  - date: 2024\n    summary: Draft.\n    cite: src\n    unreviewed: true\n"
        "sources:",
    )
    write(tmp_path, "draft.yaml", draft)
    out = tmp_path / "out"
    draft_file = str(tmp_path / "draft.yaml")
    assert run("build", draft_file, "-o", str(out), "--format", "html").returncode == 0
    assert "Unreviewed" in (out / "draft.html").read_text(encoding="utf-8")
    strict = run("build", "--strict", draft_file, "-o", str(tmp_path / "o2"), "--format", "md")
    assert strict.returncode == 1
    assert "extracted item not yet reviewed" in strict.stderr
    assert not (tmp_path / "o2").exists()


def test_new_writes_a_skeleton_that_validates(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "brief.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "briefs").mkdir()
    result = run("new", "gaza-talks", "-o", "briefs/gaza-talks.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "briefs" / "gaza-talks.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/brief.schema.json\n")
    check = run("validate", "briefs/gaza-talks.yaml", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "0 error(s), 7 warning(s)" in check.stderr
    again = run("new", "gaza-talks", "-o", "briefs/gaza-talks.yaml", cwd=tmp_path)
    assert again.returncode == 1 and "file exists" in again.stderr
    assert run("new", "Not A Slug", cwd=tmp_path).returncode == 2


def test_schema_prints_json_schema() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert "bluf" in schema["required"]


def test_every_command_has_help_and_is_documented() -> None:
    from briefgen.cli import COMMANDS, SUMMARIES

    assert sorted(SUMMARIES) == sorted(COMMANDS)
    listing = run("--help").stdout

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        result = run(name, "--help")
        assert result.returncode == 0, name
        assert "Usage: briefgen " + name in result.stdout
        assert f"briefgen {name}" in readme, f"README does not document `briefgen {name}`"
        assert f"{name}  " in listing and SUMMARIES[name][:40] in " ".join(listing.split())


@pytest.mark.slow
def test_build_warns_about_characters_no_font_can_draw(tmp_path: Path) -> None:
    import unicodedata

    from briefgen.render.fonts import covered_codepoints

    covered = covered_codepoints()
    if covered is None:
        pytest.skip("fontconfig's fc-list is not installed")
    rare = next(
        chr(c)
        for c in range(0x10000, 0x30000)
        if c not in covered and unicodedata.category(chr(c)) == "Lo"
    )
    write(tmp_path, "rare.yaml", MINIMAL.replace("Minimal brief", f"Script {rare} test"))
    rare_file = str(tmp_path / "rare.yaml")
    result = run("build", rare_file, "-o", str(tmp_path / "out"), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert f"no installed font has glyphs for {rare} (U+{ord(rare):04X})" in result.stderr
    assert "fonts-noto" in result.stderr


def test_new_points_at_a_real_schema_and_names_its_own_path(tmp_path: Path) -> None:
    result = run("new", "gaza-talks", "-o", "drafts/gaza.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "run `briefgen validate drafts/gaza.yaml`" in result.stdout
    text = (tmp_path / "drafts" / "gaza.yaml").read_text(encoding="utf-8")
    first, second = text.splitlines()[:2]
    url = first.removeprefix("# yaml-language-server: $schema=")
    assert url.startswith("file:///")
    schema = json.loads(Path(url.removeprefix("file://")).read_text(encoding="utf-8"))
    assert schema["title"] == "Brief" and "bluf" in schema["required"]
    assert "Run `briefgen validate drafts/gaza.yaml` after each edit" in second


def test_placeholder_text_of_a_new_brief_warns_until_replaced(tmp_path: Path) -> None:
    run("new", "gaza-talks", cwd=tmp_path)
    warned = run("validate", "gaza-talks.yaml", cwd=tmp_path).stderr
    for text in ("'Your Name'", "'Example State'", "'Somewhere'", "'Publisher'"):
        assert f"{text} is example text from `briefgen new`" in warned
    path = tmp_path / "gaza-talks.yaml"
    edited = path.read_text(encoding="utf-8")
    for old, new in [
        ("Your Name", "Ann Analyst"),
        ("Example State", "Egypt"),
        ("Somewhere", "Rafah"),
        ("Title of the article or document", "Talks resume"),
        ("publisher: Publisher", "publisher: Wire"),
        ("The bottom line up front: two or three sentences", "Talks resume; two sentences"),
        ("What you judge will happen", "Talks will go on"),
    ]:
        edited = edited.replace(old, new)
    path.write_text(edited, encoding="utf-8")
    check = run("validate", "gaza-talks.yaml", cwd=tmp_path)
    assert "0 error(s), 0 warning(s)" in check.stderr, check.stderr


@pytest.mark.slow
def test_build_renders_several_pdfs_in_parallel_with_a_bar_on_a_terminal(tmp_path: Path) -> None:
    from pypdf import PdfReader

    shutil.copytree(ROOT / "briefs", tmp_path / "briefs")
    quiet = run("build", "briefs", "-o", "out", "--format", "pdf,md", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert "PDFs" not in quiet.stderr  # no bar when stderr is not a terminal
    assert quiet.stdout.splitlines() == [
        "wrote out/dprk-troops-kursk.pdf",
        "wrote out/dprk-troops-kursk.md",
        "wrote out/red-sea-shipping.pdf",
        "wrote out/red-sea-shipping.md",
    ]
    for name, title in (
        ("dprk-troops-kursk", "North Korean troops in Russia’s Kursk region"),
        ("red-sea-shipping", "Attacks on Red Sea shipping"),
    ):
        assert title in PdfReader(tmp_path / "out" / f"{name}.pdf").pages[0].extract_text()
    # One brief alone renders in-process; the pages must be the same bytes either way.
    alone = run("build", "briefs/red-sea-shipping.yaml", "-o", "one", "--format", "pdf",
                cwd=tmp_path)  # fmt: skip
    assert alone.returncode == 0, alone.stderr
    assert (tmp_path / "one" / "red-sea-shipping.pdf").read_bytes() == (
        tmp_path / "out" / "red-sea-shipping.pdf"
    ).read_bytes()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1730419200", "COLUMNS": "80"}
    argv = ["build", "briefs", "-o", "tty", "--format", "pdf"]
    code, seen = run_on_a_terminal(argv, cwd=tmp_path, env=env, stream="stderr")
    assert code == 0, seen
    assert "PDFs" in seen and "2/2" in seen
