"""One option vocabulary across the commands, and the README's exit codes for each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.cli import COMMANDS
from tests.cli.test_brief_cli import run
from tests.conftest import KURSK, MINIMAL, write

# Commands that write files, and those that take a list of per-brief formats.
WRITERS = ["build", "new", "schema", "site", "serve", "extract"]
FORMAT_LISTS = ["build", "site", "serve"]


def help_of(command: str) -> str:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", WRITERS)
def test_every_writer_takes_o_and_output(command: str) -> None:
    assert re.search(r"^\s+-o, --output\b", help_of(command), re.MULTILINE)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_old_spellings_stay_out_of_the_help(command: str) -> None:
    text = help_of(command)
    assert "--out " not in text and "--out," not in text and "--formats" not in text


@pytest.mark.parametrize("command", FORMAT_LISTS)
def test_format_lists_are_spelt_format(command: str) -> None:
    assert re.search(r"^\s+--format TEXT", help_of(command), re.MULTILINE)


def test_old_spellings_still_work(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    write(tmp_path / "briefs", "b.yaml", MINIMAL)
    site = run("site", "briefs", "--out", "web", "--formats", "md", cwd=tmp_path)
    assert site.returncode == 0, site.stderr
    assert (tmp_path / "web" / "briefs" / "b" / "b.md").is_file()
    built = run("build", "briefs", "--out", "o", "--formats", "json", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "o" / "b.json").is_file()


def test_version_has_a_short_option() -> None:
    for flag in ("-V", "--version"):
        result = run(flag)
        assert result.returncode == 0 and result.stdout.startswith("briefgen, version ")


@pytest.mark.parametrize(
    "argv",
    [
        ["build", str(KURSK), "--format", "pdf,docx"],
        ["site", str(KURSK.parent), "--format", "docx"],
        ["site", str(KURSK.parent), "--formats", "docx"],
        ["build", "missing.yaml"],
        ["validate", "missing.yaml"],
        ["site", "missing-folder"],
        ["serve", "missing-folder"],
        ["extract", "missing.txt"],
        ["extract", "article.txt", "--into", "missing.yaml"],
        ["history"],
        ["validate", "--format", "xml", str(KURSK.parent)],
        ["site", str(KURSK.parent), "--jobs", "0"],
        ["build", str(KURSK), "--bogus"],
        ["new", "Not A Slug"],
        ["schema", "extra"],
        ["frobnicate"],
    ],
)
def test_usage_errors_and_missing_files_exit_2(argv: list[str], tmp_path: Path) -> None:
    result = run(*argv, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "Usage: briefgen" in result.stderr


def test_a_bad_format_names_the_option_once(tmp_path: Path) -> None:
    result = run("build", str(KURSK), "--format", "pdf,docx", cwd=tmp_path)
    assert "Invalid value for --format: unknown format(s) docx" in result.stderr


def test_build_strict_prints_each_finding_once(tmp_path: Path) -> None:
    write(tmp_path, "w.yaml", MINIMAL + "  unused:\n    title: Never cited\n")
    result = run("build", "--strict", "w.yaml", "-o", "out", "--format", "md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("source 'unused' is never cited") == 1, result.stderr
    assert "w.yaml:8:3: error: sources.unused:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_schema_writes_a_file_with_o(tmp_path: Path) -> None:
    result = run("schema", "-o", "brief.schema.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "brief.schema.json").read_text(encoding="utf-8") == run("schema").stdout
