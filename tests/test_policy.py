"""The publication policy's rules, one table each."""

from __future__ import annotations

from typing import Any

import pytest

from briefgen.config import Config
from briefgen.model import Marking
from briefgen.policy import (
    allows,
    config_at_commit,
    default_at_commit,
    highest,
    is_publishable,
    marking_of_data,
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
