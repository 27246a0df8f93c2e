"""Untrusted input limits: nesting depth, Markdown field size, id derivation at scale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.config import Config
from briefgen.errors import Severity, ValidationFailed
from briefgen.model.base import MAX_MARKDOWN
from briefgen.render.markdown import markdown_to_html
from briefgen.site import build_site
from briefgen.validate import validate_text
from briefgen.validate.yaml import MAX_DEPTH, parse
from tests.conftest import MINIMAL
from tests.conftest import run_cli as run

TODAY = dt.date(2024, 11, 1)


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


def with_positions(count: int, ids: dict[int, str] | None = None) -> str:
    """Return a brief with `count` positions that all derive the same base id."""
    lines = [MINIMAL.replace("sources:", "actors:\n  us:\n    name: United States\nsources:")]
    lines.append("positions:")
    for i in range(count):
        lines.append("  - actor: us")
        if ids and i in ids:
            lines.append(f"    id: {ids[i]}")
        lines.append(f"    stance: Stance number {i} [@src].\n    cite: src")
    return "\n".join(lines) + "\n"


def reference_ids(bases: list[str], explicit: set[str]) -> list[str]:
    """Derive ids the way briefgen always has: the first free of base, base-2, base-3..."""
    taken, out = set(explicit), []
    for base in bases:
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        out.append(candidate)
    return out


@pytest.mark.parametrize(
    "explicit",
    [{}, {0: "us-statement-3"}, {5: "us-statement", 7: "us-statement-2"}, {3: "us-statement-9"}],
)
def test_derived_ids_are_the_ones_briefgen_always_derived(explicit: dict[int, str]) -> None:
    brief = validate_text(with_positions(12, explicit), "x.yaml", today=TODAY).brief
    derived = [p.id for i, p in enumerate(brief.positions) if i not in explicit]
    assert derived == reference_ids(["us-statement"] * len(derived), set(explicit.values()))


def test_many_items_deriving_one_id_validate() -> None:
    # 14,600 such positions took 44 s to validate; each now costs the same.
    brief = validate_text(with_positions(14_600), "x.yaml", today=TODAY).brief
    assert brief.positions[-1].id == "us-statement-14600"
    assert len({p.id for p in brief.positions}) == 14_600


def test_a_markdown_field_over_the_limit_is_refused_at_its_place() -> None:
    text = MINIMAL.replace("bluf: Something happened [@src].", "bluf: " + "word " * 2_400)
    with pytest.raises(ValidationFailed) as caught:
        validate_text(text, "x.yaml", today=TODAY)
    (finding,) = caught.value.findings
    assert (finding.line, finding.col, finding.path) == (4, 7, "bluf")
    assert f"11,999 characters, over the limit of {MAX_MARKDOWN:,}" in finding.message


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "[a [b](https://x.org)",
            '<p>[a <a href="https://x.org" rel="noopener noreferrer">b</a></p>',
        ),
        ("x ( y *z*", "<p>x ( y <em>z</em></p>"),
        ("a `b and `c`", "<p>a <code>b and</code>c`</p>"),
        ("[[[[a]]]] *b*", "<p>[[[[a]]]] <em>b</em></p>"),
        ("1 < 2 and <b>bold</b>", "<p>1 &lt; 2 and <b>bold</b></p>"),
        ("`[a` [b *c*", "<p><code>[a</code> [b <em>c</em></p>"),
        ("a \ue000 b *x*", "<p>a \ufffd b <em>x</em></p>"),
        ("```\n[x\n```\n\n[y *z*", "<pre><code>[x\n</code></pre>\n<p>[y <em>z</em></p>"),
    ],
)
def test_unclosed_markdown_openers_render_as_text(text: str, html: str) -> None:
    assert str(markdown_to_html(text)) == html


@pytest.mark.parametrize("unit", ["[a ", "<a ", "[a](b ", "`a ", "[" * 3 + "a"])
def test_pathological_markdown_at_the_limit_renders(unit: str) -> None:
    # 10 KB of `[a ` took 22 s before unclosed openers were defused.
    text = unit * (MAX_MARKDOWN // len(unit))
    html = str(markdown_to_html(text))
    assert html.startswith("<p>") and "a" in html


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_control_characters_in_keys_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = tmp_path / "x.yaml"
    hostile = "\x1b]0;pwned\x07\x9b31m\nnext"
    path.write_text(MINIMAL + f'"{hostile.encode("unicode_escape").decode()}": 1\n')
    assert run(["validate", "--format", fmt, str(path)]) == 1
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert "unknown key" in printed
    assert not [c for c in printed if (c < " " and c != "\n") or "\x7f" <= c <= "\x9f"]
    if fmt == "text":
        assert "\\x1b]0;pwned\\x07\\x9b31m\\x0anext" in printed


def test_site_reports_a_deeply_nested_brief_and_builds_the_others(tmp_path: Path) -> None:
    src = tmp_path / "briefs"
    src.mkdir()
    (src / "good.yaml").write_text(MINIMAL)
    (src / "deep.yaml").write_text(nested(500))
    out = tmp_path / "site"
    report = build_site(
        src, out, config=Config(), today=TODAY, formats=("html",), search=False, jobs=1
    )
    (finding,) = [f for f in report.findings if f.severity is Severity.ERROR]
    assert finding.file.endswith("deep.yaml") and finding.line == 3
    assert "levels deep" in finding.message
    assert (out / "briefs" / "good" / "index.html").is_file()
