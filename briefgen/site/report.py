"""What a site build did, and how a build that changed nothing reports it again."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import Finding, Severity
from briefgen.model import Marking
from briefgen.site.collect import Withheld


@dataclass(frozen=True)
class Failure:
    """A file that could not be built, with the brief it came from and why."""

    source: str
    output: str
    message: str

    def format(self) -> str:
        """Return the one line that tells the user about this failure."""
        return f"{self.source}: error: {self.output}: {self.message}"


@dataclass
class BuildReport:
    """What a site build did: counts, withheld briefs, findings, failures and timings."""

    out: Path
    briefs: int = 0
    rendered: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    indexed: int | None = None
    validated: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    build_id: str = ""

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that are errors (briefs left out because they are invalid)."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        """Tell whether every brief validated and every file was built."""
        return not self.errors and not self.failures

    def problems(self) -> list[str]:
        """Return the errors and failures, one line each, as the preview overlay shows them."""
        return [f.format() for f in self.errors] + [f.format() for f in self.failures]

    def summary(self) -> dict[str, Any]:
        """Return what a no-change build must report again: counts, withheld, findings."""
        return {
            "briefs": self.briefs,
            "build_id": self.build_id,
            "withheld": [
                {
                    "path": w.path,
                    "brief_id": w.brief_id,
                    "marking": w.marking.value,
                    "reason": w.reason,
                }
                for w in self.withheld
            ],
            "findings": [f.to_dict() for f in self.findings],
        }

    def restore(self, summary: dict[str, Any]) -> None:
        """Fill the report of a no-change build from the last build's summary."""
        self.briefs = summary.get("briefs", 0)
        self.build_id = summary.get("build_id", "")
        self.withheld = [
            Withheld(w["path"], w["brief_id"], Marking(w["marking"]), w["reason"])
            for w in summary.get("withheld", [])
        ]
        self.findings = [
            Finding(
                f["file"], f["line"], f["col"], Severity(f["severity"]), f["path"], f["message"]
            )
            for f in summary.get("findings", [])
        ]
