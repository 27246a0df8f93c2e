"""Plain words for YAML syntax errors: what the writer did, and how to fix it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yaml.error import MarkedYAMLError

_QUOTE_FIX = "put the whole value in double quotes"


@dataclass(frozen=True)
class SyntaxProblem:
    """A YAML syntax error placed at a 1-based line and column, in plain words."""

    line: int
    col: int
    message: str


def explain(exc: MarkedYAMLError, text: str) -> SyntaxProblem:
    """Say in plain words what is wrong at a YAML syntax error, and how to fix it."""
    error = _Error(exc, text.splitlines())
    for applies, explained in _RULES:
        if applies(error):
            return explained(error)
    detail = f" ({error.context})" if error.context else ""
    return error.problem_here(
        f"YAML syntax error: {error.problem or exc}{detail}; fix the YAML syntax at this place "
        "(check indentation and quoting)"
    )


@dataclass(frozen=True)
class _Error:
    """A YAML syntax error with the text it was found in."""

    exc: MarkedYAMLError
    lines: list[str]

    @property
    def problem(self) -> str:
        return self.exc.problem or ""

    @property
    def context(self) -> str:
        return self.exc.context or ""

    @property
    def place(self) -> tuple[int, int]:
        """Return the 1-based line and column of the problem."""
        mark = self.exc.problem_mark or self.exc.context_mark
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)

    @property
    def here(self) -> str:
        """Return the line of the problem."""
        line = self.place[0]
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    @property
    def char(self) -> str:
        """Return the character at the problem, or ''."""
        return _char_at(self.lines, *self.place)

    def problem_here(self, message: str) -> SyntaxProblem:
        """Place a message at the problem."""
        return SyntaxProblem(*self.place, message)

    def context_here(self, message: str) -> SyntaxProblem:
        """Place a message where its context starts (e.g. an opening quote), else at the problem."""
        start = self.exc.context_mark
        if start is None:
            return self.problem_here(message)
        return SyntaxProblem(start.line + 1, start.column + 1, message)


def _unclosed_quote(error: _Error) -> SyntaxProblem:
    start = error.exc.context_mark
    assert start is not None  # the rule applies only with one
    quote = _char_at(error.lines, start.line + 1, start.column + 1) or '"'
    return error.context_here(
        f"the quote {quote} opened here is never closed; end the value with a matching "
        f"{quote}, or write it without quotes"
    )


def _unclosed_bracket(error: _Error) -> SyntaxProblem:
    closing = "]" if "sequence" in error.context else "}"
    return error.problem_here(
        f"a value in brackets is not closed; add the missing `{closing}`, or {_QUOTE_FIX} "
        "if the brackets are part of the text"
    )


_Rule = tuple[Callable[[_Error], bool], Callable[[_Error], SyntaxProblem]]

# What the error says (PyYAML's problem and context) -> the plain words; the first that
# applies wins.
_RULES: tuple[_Rule, ...] = (
    (
        lambda e: e.char == "\t" or "tab character" in e.problem,
        lambda e: e.problem_here(
            "a tab character; YAML indents with spaces only, so replace the tab with spaces"
        ),
    ),
    (
        lambda e: "scanning an alias" in e.context or "scanning an anchor" in e.context,
        lambda e: e.context_here(
            _starts_with(e.here, "*" if "alias" in e.context else "&", "a YAML alias or anchor")
        ),
    ),
    (
        lambda e: "cannot start any token" in e.problem and bool(e.char),
        lambda e: e.problem_here(_starts_with(e.here, e.char, "reserved in YAML")),
    ),
    (
        lambda e: "mapping values are not allowed" in e.problem,
        lambda e: e.problem_here(_colon_in_value(e.here, e.place[1])),
    ),
    (
        lambda e: "quoted scalar" in e.context and e.exc.context_mark is not None,
        _unclosed_quote,
    ),
    (
        lambda e: "block mapping" in e.context or "block collection" in e.context,
        lambda e: e.problem_here(
            "the indentation does not line up: the keys of one mapping, and the `- ` entries "
            "of one list, must start in the same column; indent this line like the ones above"
        ),
    ),
    (lambda e: "flow sequence" in e.context or "flow mapping" in e.context, _unclosed_bracket),
)


def _char_at(lines: list[str], line: int, col: int) -> str:
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    return here[col - 1] if 0 < col <= len(here) else ""


def _example(here: str) -> str:
    """Return the line with its value quoted, as an example of the fix."""
    key, sep, value = here.strip().partition(": ")
    if not sep or not value:
        return ""
    value = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f', e.g. `{key}: "{value}"`'


def _starts_with(here: str, char: str, what: str) -> str:
    return (
        f"a value that starts with '{char}' ({what}) must be quoted; {_QUOTE_FIX}{_example(here)}"
    )


def _colon_in_value(here: str, col: int) -> str:
    before = here[: max(col - 1, 0)]
    if ": " in before or before.rstrip().endswith(":"):
        return f"a colon and space (`: `) inside an unquoted value; {_QUOTE_FIX}{_example(here)}"
    key = here.strip().split(":", 1)[0]
    return (
        f"this line is indented deeper than the key above it, so YAML reads `{key}:` as "
        "part of that key's value; line it up with the keys above, or quote the value above"
    )


def tag_message(tag: Any) -> str:
    """Say that a value starting with `!` is read as a YAML tag."""
    return (
        f"a value that starts with '!' is read as a YAML tag ({tag}) and must be quoted; "
        f"{_QUOTE_FIX}"
    )
