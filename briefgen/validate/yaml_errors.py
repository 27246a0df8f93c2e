"""Plain words for YAML syntax errors: what the writer did, and how to fix it."""

from __future__ import annotations

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
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    char = here[col - 1] if 0 < col <= len(here) else ""
    problem = exc.problem or ""
    context = exc.context or ""
    message: str | None = None
    if char == "\t" or "tab character" in problem:
        message = "a tab character; YAML indents with spaces only, so replace the tab with spaces"
    elif "scanning an alias" in context or "scanning an anchor" in context:
        if exc.context_mark is not None:
            line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        message = _starts_with(here, "*" if "alias" in context else "&", "a YAML alias or anchor")
    elif "cannot start any token" in problem and char:
        message = _starts_with(here, char, "reserved in YAML")
    elif "mapping values are not allowed" in problem:
        message = _colon_in_value(here, col)
    elif "quoted scalar" in context and exc.context_mark is not None:
        start = exc.context_mark
        line, col = start.line + 1, start.column + 1
        quote = _char_at(lines, line, col) or '"'
        message = (
            f"the quote {quote} opened here is never closed; end the value with a matching "
            f"{quote}, or write it without quotes"
        )
    elif "block mapping" in context or "block collection" in context:
        message = (
            "the indentation does not line up: the keys of one mapping, and the `- ` entries "
            "of one list, must start in the same column; indent this line like the ones above"
        )
    elif "flow sequence" in context or "flow mapping" in context:
        closing = "]" if "sequence" in context else "}"
        message = (
            f"a value in brackets is not closed; add the missing `{closing}`, or {_QUOTE_FIX} "
            "if the brackets are part of the text"
        )
    if message is None:
        detail = f" ({context})" if context else ""
        message = (
            f"YAML syntax error: {problem or exc}{detail}; fix the YAML syntax at this place "
            "(check indentation and quoting)"
        )
    return SyntaxProblem(line, col, message)


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
