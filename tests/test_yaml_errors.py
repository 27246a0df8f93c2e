"""YAML syntax errors in plain words: the place, what the writer did, and the fix."""

from __future__ import annotations

import pytest

from briefgen.errors import ValidationFailed
from briefgen.validate.yaml import parse


def only_finding(text: str) -> str:
    with pytest.raises(ValidationFailed) as info:
        parse(text, "b.yaml")
    [finding] = info.value.findings
    return finding.format()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "schema: 1\nactors:\n  us:\n\tname: United States\n",
            "b.yaml:4:1: error: a tab character; YAML indents with spaces only, so replace the "
            "tab with spaces",
            id="tab",
        ),
        pytest.param(
            "schema: 1\ntitle: x\n\tbluf: y\n",
            "b.yaml:3:1: error: a tab character;",
            id="tab-after-a-value",
        ),
        pytest.param(
            "stance: Claims: the strait stays open\n",
            "b.yaml:1:15: error: a colon and space (`: `) inside an unquoted value; put the "
            'whole value in double quotes, e.g. `stance: "Claims: the strait stays open"`',
            id="colon-in-value",
        ),
        pytest.param(
            "summary: *Wagner* fighters arrive\n",
            "b.yaml:1:10: error: a value that starts with '*' (a YAML alias or anchor) must be "
            'quoted; put the whole value in double quotes, e.g. `summary: "*Wagner* fighters '
            'arrive"`',
            id="star",
        ),
        pytest.param(
            "summary: &more troops\n",
            "b.yaml:1:10: error: summary: YAML anchors and aliases (&name, *name) are not "
            "allowed; write the value out in full, and put a value that starts with `&` or `*` "
            "in double quotes",
            id="ampersand",
        ),
        pytest.param(
            "summary: !urgent convoys move\n",
            "b.yaml:1:10: error: summary: a value that starts with '!' is read as a YAML tag "
            "(!urgent) and must be quoted",
            id="bang",
        ),
        pytest.param(
            "summary: @ministry posts a video\n",
            "b.yaml:1:10: error: a value that starts with '@' (reserved in YAML) must be quoted;"
            ' put the whole value in double quotes, e.g. `summary: "@ministry posts a video"`',
            id="at",
        ),
        pytest.param(
            "summary: `code` words\n",
            "b.yaml:1:10: error: a value that starts with '`' (reserved in YAML) must be quoted",
            id="backtick",
        ),
        pytest.param(
            'title: "Troops at the border\nbluf: More come.\n',
            'b.yaml:1:8: error: the quote " opened here is never closed; end the value with a '
            'matching ", or write it without quotes',
            id="unclosed-quote",
        ),
        pytest.param(
            "actors:\n  us:\n    name: United States\n   kind: state\n",
            "b.yaml:4:4: error: the indentation does not line up: the keys of one mapping, and "
            "the `- ` entries of one list, must start in the same column; indent this line "
            "like the ones above",
            id="indentation",
        ),
        pytest.param(
            "forces:\n  - actor: us\n  cite: wire\n",
            "b.yaml:3:3: error: the indentation does not line up",
            id="list-indentation",
        ),
        pytest.param(
            "title: Troops\n  bluf: More come.\n",
            "b.yaml:2:7: error: this line is indented deeper than the key above it, so YAML "
            "reads `bluf:` as part of that key's value; line it up with the keys above",
            id="indented-key",
        ),
    ],
)
def test_syntax_errors_are_explained_in_plain_words(text: str, expected: str) -> None:
    found = only_finding(text)
    assert found.startswith(expected), found
    assert "YAML syntax error" not in found
