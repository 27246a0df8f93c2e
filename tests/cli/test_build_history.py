"""`build` in a git repository: revision line, "what changed" box, and --rev."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.conftest import MINIMAL

REV1 = MINIMAL.replace(
    "sources:",
    "actors:\n  us:\n    name: United States\n  dprk:\n    name: North Korea\n"
    "forces:\n  - id: dprk-russia\n    actor: dprk\n    location: Russia\n"
    "    strength: more than 3,000 troops\n    claimed_by: us\n    cite: src\nsources:",
)
REV2 = REV1.replace("more than 3,000 troops", "about 10,000 troops")


def git(repo: Path, *args: str) -> None:
    when = "2024-11-02T10:00:00Z"
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}  # fmt: skip
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def briefgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "b.yaml").write_text(REV1, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "First report")
    (tmp_path / "b.yaml").write_text(REV2, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "US raises its estimate")
    return tmp_path


def test_html_shows_revision_and_changes(repo: Path) -> None:
    result = briefgen("build", "b.yaml", "-o", "out", "--format", "html", cwd=repo)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((repo / "out" / "b.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("span", class_="revision").get_text() == "Revision 2 of 2 November 2024"
    box = soup.find("aside", class_="changes")
    assert box.h2.get_text() == "What changed since revision 1 of 2 November 2024"
    [change] = [li.get_text() for li in box.find_all("li")]
    assert change == (
        "The estimate of troops of North Korea in Russia rose from more than 3,000 to about "
        "10,000 (United States claim)."
    )


def test_uncommitted_edit_is_a_draft(repo: Path) -> None:
    (repo / "b.yaml").write_text(REV2.replace("Minimal brief", "Edited brief"), encoding="utf-8")
    briefgen("build", "b.yaml", "-o", "out", "--format", "html", cwd=repo)
    html = (repo / "out" / "b.html").read_text(encoding="utf-8")
    assert "Revision 2 of 2 November 2024 (draft with uncommitted changes)" in html


@pytest.mark.slow
def test_pdf_carries_the_box_and_rev_rebuilds_the_past(repo: Path) -> None:
    result = briefgen("build", "b.yaml", "-o", "old", "--rev", "1", "--format", "pdf,md",
                      cwd=repo)  # fmt: skip
    assert result.returncode == 0, result.stderr
    md = (repo / "old" / "b.md").read_text(encoding="utf-8")
    assert "more than 3,000 troops" in md and "about 10,000" not in md
    assert "As of 31 October 2024 · Revision 1 of 2 November 2024" in md
    briefgen("build", "b.yaml", "-o", "new", "--format", "pdf", cwd=repo)
    text = PdfReader(io.BytesIO((repo / "new" / "b.pdf").read_bytes())).pages[0].extract_text()
    assert "What changed since revision 1" in " ".join(text.split())
    again = briefgen("build", "b.yaml", "-o", "old2", "--rev", "1", "--format", "pdf", cwd=repo)
    assert again.returncode == 0
    assert (repo / "old2" / "b.pdf").read_bytes() == (repo / "old" / "b.pdf").read_bytes()


def test_outside_git_there_is_no_revision(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(REV1, encoding="utf-8")
    result = briefgen("build", "b.yaml", "-o", "out", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'class="revision"' not in (tmp_path / "out" / "b.html").read_text(encoding="utf-8")


def test_unknown_rev_is_a_clean_error(repo: Path) -> None:
    result = briefgen("build", "b.yaml", "--rev", "nope", "-o", "out", cwd=repo)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "nope" in result.stderr
