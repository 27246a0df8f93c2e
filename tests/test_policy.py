"""The publication policy's rules, one table each."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from briefgen.config import Config, PublishPolicy
from briefgen.model import Marking
from briefgen.policy import (
    allows,
    config_at_commit,
    default_at_commit,
    highest,
    is_publishable,
    marking_of_data,
    restricted_marking,
    site_ceiling,
    withheld_reason,
)

AMBER = b'default_marking = "TLP:AMBER"\n'
GREEN = b'default_marking = "TLP:GREEN"\n'


@pytest.mark.parametrize(
    ("configs", "expected"),
    [
        ((), Marking.CLEAR),
        ((None, None), Marking.CLEAR),
        ((None, AMBER), Marking.AMBER),
        ((GREEN, AMBER), Marking.GREEN),  # the nearest briefgen.toml applies
        ((b'title = "x"\n', AMBER), Marking.CLEAR),  # the nearest, even without the key
        ((b'default_marking = "tlp:amber"\n',), None),
        ((b"default_marking = [\n",), None),
        ((b"\xff\xfe",), None),
    ],
)
def test_the_default_of_a_commit(configs: tuple[bytes | None, ...], expected: Any) -> None:
    assert default_at_commit(configs) == expected


@pytest.mark.parametrize(
    ("today", "committed", "expected"),
    [
        (Marking.CLEAR, Marking.AMBER, Marking.AMBER),
        (Marking.AMBER, Marking.CLEAR, Marking.AMBER),
        (Marking.GREEN, None, Marking.RED),
    ],
)
def test_old_revisions_take_the_stricter_default(
    today: Marking, committed: Marking | None, expected: Marking
) -> None:
    assert config_at_commit(Config(default_marking=today), committed).default_marking is expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"marking": "TLP:GREEN", "titel": "typo"}, Marking.GREEN),
        ({"title": "no marking"}, Marking.AMBER),
        ({"marking": "tlp:amber"}, None),
        ({"marking": None}, None),
        ({"marking": ["TLP:CLEAR"]}, None),
        (["not", "a", "mapping"], None),
    ],
)
def test_the_marking_of_a_revision_that_does_not_validate(data: Any, expected: Any) -> None:
    assert marking_of_data(data, Config(default_marking=Marking.AMBER)) == expected


def test_ranking() -> None:
    assert highest([Marking.GREEN, Marking.RED, Marking.CLEAR]) is Marking.RED
    assert highest([]) is None
    assert allows(Marking.AMBER, Marking.AMBER) and not allows(Marking.RED, Marking.AMBER)
    assert not allows(None, Marking.RED)  # an unknown marking is never allowed
    assert is_publishable(Marking.CLEAR, Config()) and not is_publishable(Marking.GREEN, Config())


def test_the_banner_shows_the_highest_marking_the_site_may_not_publish() -> None:
    config = Config(publish=PublishPolicy(max_marking=Marking.GREEN))
    assert restricted_marking([Marking.CLEAR, Marking.GREEN], config) is None
    assert restricted_marking([Marking.AMBER, None, Marking.RED], config) is Marking.RED
    assert restricted_marking([None], config) is None  # unknown content is withheld, not shown
    assert site_ceiling(config, include_restricted=False) is Marking.GREEN
    assert site_ceiling(config, include_restricted=True) is None  # an internal site shows all
    assert withheld_reason(Marking.RED, config) == (
        "marking TLP:RED is above publish.max_marking TLP:GREEN"
    )


PACKAGE = Path(__file__).resolve().parents[1] / "briefgen"
RULES = {
    "policy.py",  # the publication policy: the one place markings are ranked and compared
    "config.py",  # defines publish.max_marking
    "model/vocab.py",  # defines the TLP order that policy.py ranks by
}


def _ranks_markings(node: ast.AST) -> str:
    """Say how a piece of code ranks or compares markings itself, or ''."""
    text = ast.unparse(node)
    if isinstance(node, ast.Attribute) and node.attr in ("rank", "max_marking"):
        return f"uses .{node.attr}"
    orders = isinstance(node, ast.Compare) and any(
        isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE) for op in node.ops
    )
    if orders and "marking" in text.lower():
        return "orders markings with < or >"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id in ("max", "min", "sorted") and "marking" in text.lower():
            return f"takes {node.func.id}() of markings"
        if node.func.id in ("list", "tuple", "enumerate") and text.endswith("(Marking)"):
            return "ranks markings by their order"
    return ""


def test_only_the_policy_module_ranks_or_compares_markings() -> None:
    """A rule like `marking.rank <= limit.rank` outside policy.py is a second policy."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in RULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if how := _ranks_markings(node):
                found.append(f"{rel}:{getattr(node, 'lineno', 0)}: {how}: {ast.unparse(node)}")
    assert found == [], "rank and compare markings only in briefgen/policy.py:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "code",
    [
        "ok = brief.marking.rank <= config.publish.max_marking.rank",
        "worst = max(markings, key=lambda m: m.rank)",
        "shown = marking < Marking.AMBER",
        "order = list(Marking)",
    ],
)
def test_the_scan_finds_a_second_policy(code: str) -> None:
    assert any(_ranks_markings(node) for node in ast.walk(ast.parse(code)))
