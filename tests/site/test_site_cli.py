"""The `site` and `serve` commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_helpers import free_port

from briefgen.cli import cli


def run_site(project: Path, *args: str) -> tuple[int, str]:
    runner = CliRunner()
    cwd = Path.cwd()
    os.chdir(project)
    try:
        result = runner.invoke(cli, ["site", *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.output


def test_site_prints_withheld_briefs_and_why(project: Path) -> None:
    code, output = run_site(project, "--formats", "html")
    assert code == 0, output
    assert "withheld" in output and "secret-amber" in output
    assert "above publish.max_marking TLP:CLEAR" in output
    assert (project / "site" / "index.html").is_file()
    assert not list((project / "site").rglob("*.pdf"))
    code, again = run_site(project, "--formats", "html")
    assert code == 0
    assert "secret-amber" in again and "0 file(s) written" in again
    assert "review_by" in again  # warnings are reported again on a no-change build


def test_site_exits_1_on_an_invalid_brief(project: Path) -> None:
    (project / "briefs" / "broken.yaml").write_text("schema: 1\ntitle: Broken\n")
    code, output = run_site(project, "--formats", "html", "-o", "out")
    assert code == 1
    assert "broken.yaml" in output
    assert (project / "out" / "index.html").is_file()


def test_site_rejects_unknown_format(project: Path) -> None:
    code, output = run_site(project, "--formats", "html,docx")
    assert code == 2
    assert "docx" in output


def test_site_and_serve_have_help() -> None:
    runner = CliRunner()
    for command in ("site", "serve"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output


@pytest.mark.slow
def test_serve_runs_until_interrupted(project: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "serve", "--port", str(port), "--formats", "html"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
                if "Damaged cables" in body:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        assert "Damaged cables" in body
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in output
    assert process.returncode == 0


def test_site_sums_up_stale_briefs_in_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732060800")  # 2024-11-20: Kursk is due
    live = (project / "briefs" / "baltic-cables.yaml").read_text(encoding="utf-8")
    for n in range(5):
        stale = live.replace("id: baltic-cables", f"id: stale-{n}").replace(
            "review_by: 2024-12-19", "review_by: 2024-10-01"
        )
        (project / "briefs" / f"stale-{n}.yaml").write_text(stale, encoding="utf-8")
    code, output = run_site(project, "--format", "html")
    assert code == 0, output
    lines = [line for line in output.splitlines() if "review_by" in line]
    assert len(lines) == 1, output
    assert lines[0].startswith("warning: 6 briefs are past review_by and carry a STALE banner (")
    assert lines[0].endswith("`briefgen validate briefs` lists them")
