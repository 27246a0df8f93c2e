"""Untrusted input limits: nesting depth, Markdown field size, id derivation at scale."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.errors import ValidationFailed
from briefgen.load import MAX_DEPTH, parse


def run(argv: list[str]) -> int:
    """Run the command line in-process and return its exit code."""
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def nested(levels: int, *, flow: bool = True) -> str:
    """Return a brief whose `bluf` nests mappings `levels` deep."""
    if flow:
        value = "{a: " * levels + "1" + "}" * levels
        return f"schema: 1\ntitle: Deep\nbluf: {value}\n"
    lines = ["schema: 1", "bluf:"]
    lines += [f"{'  ' * (i + 1)}a{i}:" for i in range(levels)]
    lines[-1] += " 1"
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("flow", [True, False])
def test_deep_nesting_is_refused_at_its_place(flow: bool) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse(nested(500, flow=flow), "deep.yaml")
    (finding,) = caught.value.findings
    assert f"more than {MAX_DEPTH} levels" in finding.message
    if flow:
        assert (finding.line, finding.col) == (3, 7 + 4 * (MAX_DEPTH - 1))
    else:
        assert finding.line == 2 + MAX_DEPTH


def test_nesting_up_to_the_limit_is_read() -> None:
    data = parse(nested(MAX_DEPTH - 1), "ok.yaml").data
    assert isinstance(data["bluf"], dict)


@pytest.mark.parametrize("levels", [500, 100_000])
def test_validate_reports_deep_nesting_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], levels: int
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(nested(levels))
    assert run(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "deep.yaml:3:" in err and "levels deep" in err and "Traceback" not in err
