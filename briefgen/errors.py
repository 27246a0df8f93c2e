"""The exception hierarchy: every user-facing problem is a BriefgenError."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

# C0 controls (ESC starts terminal escape sequences), DEL and C1 controls (0x9b is CSI).
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Severity(StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in an input file, with its place and a fix."""

    file: str
    line: int
    col: int
    severity: Severity = field(compare=False)
    path: str = field(compare=False)
    message: str = field(compare=False)

    def format(self) -> str:
        """Format the finding as `file:line:col: severity: path: message`."""
        where = f"{self.file}:{self.line}:{self.col}"
        what = f"{self.path}: {self.message}" if self.path else self.message
        return printable(f"{where}: {self.severity.value}: {what}")

    def to_dict(self) -> dict[str, str | int]:
        """Return the finding as a JSON-ready mapping."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
        }


class BriefgenError(Exception):
    """Root of every error caused by user input or the environment, never by a bug."""

    exit_code = 1


class InputError(BriefgenError):
    """A file cannot be read or is not a brief at all."""


class ConfigError(BriefgenError):
    """The project configuration (briefgen.toml) is wrong."""


class ValidationFailed(BriefgenError):  # noqa: N818 (reads as a verdict)
    """One or more briefs have errors; carries every finding."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        super().__init__("\n".join(f.format() for f in errors or self.findings))


class RenderError(BriefgenError):
    """A brief could not be rendered (template, PDF, fonts, forbidden resource)."""


class GitError(BriefgenError):
    """Git is missing, the path is not in a repository, or a revision is unknown."""


class OutputError(BriefgenError):
    """An output folder cannot be written (permissions, full disk) or is busy."""


class UnsafeOutput(OutputError):  # noqa: N818 (reads as a verdict)
    """An output path that must not be used: it holds the sources, or it is a file."""

    exit_code = 2


def printable(text: str, *, keep: str = "") -> str:
    """Escape control characters (but those in `keep`) so text cannot drive a terminal."""

    def escape(match: re.Match[str]) -> str:
        char = match[0]
        return char if char in keep else f"\\x{ord(char):02x}"

    return _CONTROLS.sub(escape, text)


def display_path(path: Path) -> str:
    """Return the path relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # not below; or a symlink loop (3.11)
        return str(path)
