"""The public API and generated files stay in step with the code."""

from __future__ import annotations

import subprocess
import sys

import pytest

import briefgen
from briefgen.validate.schema import brief_schema_json
from tests.conftest import ROOT


def test_all_is_sorted_and_lists_every_export() -> None:
    assert briefgen.__all__ == sorted(briefgen.__all__)
    assert set(briefgen.__all__) == {*briefgen._EXPORTS, "__version__"}


def test_every_public_name_imports() -> None:
    code = (
        "import briefgen;"
        "[print(n) for n in briefgen.__all__ if getattr(briefgen, n, None) is None];"
        f"from briefgen import {', '.join(briefgen.__all__)}"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == ""
    for name in briefgen.__all__:
        value = getattr(briefgen, name)
        assert value is not None
        if name != "__version__":
            assert value.__name__ == name, f"briefgen.{name} is {value!r}"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'render_docx'"):
        briefgen.render_docx  # noqa: B018


def test_importing_the_package_stays_light() -> None:
    code = (
        "import sys, briefgen;"
        "print(sorted(m for m in ('click', 'rich', 'weasyprint', 'jinja2', 'pydantic')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


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
