"""The public API and generated files stay in step with the code."""

from __future__ import annotations

import subprocess
import sys

import briefgen
from briefgen.validate.schema import brief_schema_json
from tests.conftest import ROOT


def test_all_is_sorted_and_every_name_resolves() -> None:
    names = [n for n in briefgen.__all__ if n != "__version__"]
    assert names == sorted(names, key=lambda n: (n[0].islower(), n))
    for name in briefgen.__all__:
        assert getattr(briefgen, name) is not None


def test_committed_json_schema_is_not_stale() -> None:
    committed = (ROOT / "schema" / "brief.schema.json").read_text(encoding="utf-8")
    assert committed == brief_schema_json(), "run: briefgen schema > schema/brief.schema.json"


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from briefgen.cli import cli; import click;"
        "from click.testing import CliRunner; CliRunner().invoke(cli, ['--help']);"
        "print(sorted(m for m in ('weasyprint', 'playwright', 'pagefind', 'fontTools')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
