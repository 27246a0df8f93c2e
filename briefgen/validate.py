"""Check parsed YAML against the content model and across references, with every finding."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from briefgen import clock
from briefgen.config import Config
from briefgen.errors import Finding, Severity, ValidationFailed
from briefgen.load import Document, Loc, Positions, format_loc, load_file, parse
from briefgen.model import (
    Actor,
    Brief,
    Event,
    Force,
    Item,
    KeyJudgment,
    OpenQuestion,
    Position,
    QuestionStatus,
)
from briefgen.model.base import SLUG_PATTERN, inline_keys, slugify

ACTORS_FILE = "actors.yaml"
# Folders that hold YAML of other tools, never briefs.
_NOT_BRIEFS = {"node_modules", "site-packages"}

_ACTORS_ADAPTER: TypeAdapter[dict[str, Actor]] = TypeAdapter(dict[str, Actor])


@dataclass(frozen=True)
class SharedActors:
    """Actors defined once in `actors.yaml` for every brief beside it."""

    actors: Mapping[str, Actor] = field(default_factory=dict)
    positions: Positions | None = None


@dataclass(frozen=True)
class Validated:
    """A brief that passed validation, with its warnings and where it came from."""

    brief: Brief
    path: Path
    warnings: tuple[Finding, ...] = ()
    positions: Positions | None = None


@dataclass
class Report:
    """Every finding from checking a set of files, and the briefs that passed."""

    briefs: list[Validated] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that are errors."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """Return the findings that are warnings."""
        return [f for f in self.findings if f.severity is Severity.WARNING]


def find_briefs(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders into the brief files they hold, sorted and unique."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*.y*ml")):
                parts = candidate.relative_to(path).parts
                if candidate.suffix not in (".yaml", ".yml") or candidate.name == ACTORS_FILE:
                    continue
                if any(p.startswith((".", "_")) or p in _NOT_BRIEFS for p in parts):
                    continue
                below = candidate.parents[: len(parts) - 1]
                if any((parent / "pyvenv.cfg").exists() for parent in below):
                    continue
                found[candidate] = None
        else:
            found[path] = None
    return list(found)


def load_shared_actors(folder: Path) -> SharedActors:
    """Read `actors.yaml` from a folder, or return none when it has no such file."""
    path = folder / ACTORS_FILE
    if not path.is_file():
        return SharedActors()
    return parse_shared_actors(load_file(path))


def parse_shared_actors(doc: Document) -> SharedActors:
    """Validate an actors file: a mapping of actor id to actor."""
    try:
        actors = _ACTORS_ADAPTER.validate_python(doc.data)
    except ValidationError as exc:
        raise ValidationFailed([_finding(err, doc.positions) for err in exc.errors()]) from exc
    findings = [
        doc.positions.finding((key,), _bad_slug(key), key=True)
        for key in actors
        if not _is_slug(key)
    ]
    if findings:
        raise ValidationFailed(findings)
    return SharedActors(actors, doc.positions)


def validate_text(
    text: str,
    name: str,
    *,
    config: Config | None = None,
    shared: SharedActors | None = None,
    today: dt.date | None = None,
    path: Path | None = None,
) -> Validated:
    """Validate YAML text as a brief; raise ValidationFailed listing every error."""
    doc = parse(text, name, path=path)
    return validate_document(doc, config=config, shared=shared, today=today)


def load_brief(
    path: Path,
    *,
    config: Config | None = None,
    shared: SharedActors | None = None,
    today: dt.date | None = None,
) -> Validated:
    """Load and validate one brief file; raise ValidationFailed listing every error."""
    doc = load_file(path)
    if shared is None:
        shared = load_shared_actors(path.parent)
    return validate_document(doc, config=config, shared=shared, today=today)


def check_paths(
    paths: Sequence[Path], *, config: Config | None = None, today: dt.date | None = None
) -> Report:
    """Validate every brief under the paths, collecting all findings instead of stopping."""
    report = Report()
    shared_by_folder: dict[Path, SharedActors | None] = {}
    for path in find_briefs(paths):
        folder = path.parent
        if folder not in shared_by_folder:
            try:
                shared_by_folder[folder] = load_shared_actors(folder)
            except ValidationFailed as exc:
                report.findings.extend(exc.findings)
                shared_by_folder[folder] = None
        shared = shared_by_folder[folder]
        try:
            checked = load_brief(path, config=config, shared=shared or SharedActors(), today=today)
        except ValidationFailed as exc:
            report.findings.extend(exc.findings)
            continue
        report.briefs.append(checked)
        report.findings.extend(checked.warnings)
    return report


def validate_document(
    doc: Document,
    *,
    config: Config | None = None,
    shared: SharedActors | None = None,
    today: dt.date | None = None,
) -> Validated:
    """Turn a parsed document into a Brief, or raise ValidationFailed with every problem."""
    config = config or Config()
    shared = shared or SharedActors()
    data = dict(doc.data)
    findings: list[Finding] = []
    if "id" not in data:
        stem_id = slugify(doc.path.stem)
        if not stem_id:
            findings.append(
                doc.positions.finding(
                    (),
                    f"cannot derive an id from the file name "
                    f"{doc.path.name!r}; add `id: some-slug`",
                )
            )
        data["id"] = stem_id or "brief"
    try:
        brief = Brief.model_validate(data)
    except ValidationError as exc:
        findings.extend(_finding(err, doc.positions) for err in exc.errors())
        raise ValidationFailed(sorted(findings)) from exc
    brief = _with_defaults(brief, shared, config)
    brief = _with_derived_ids(brief)
    checker = _Checker(brief, doc.positions, shared, today or clock.today())
    findings.extend(checker.run())
    if any(f.severity is Severity.ERROR for f in findings):
        raise ValidationFailed(sorted(findings))
    return Validated(brief, doc.path, tuple(sorted(findings)), doc.positions)


def _with_defaults(brief: Brief, shared: SharedActors, config: Config) -> Brief:
    """Fill the marking from config and bring in the shared actors the brief refers to."""
    actors = dict(brief.actors)
    pending = list(_actor_refs(brief))
    while pending:
        ref, _ = pending.pop()
        if ref not in actors and ref in shared.actors:
            actors[ref] = shared.actors[ref]
            affiliation = actors[ref].affiliation
            if affiliation:
                pending.append((affiliation, ()))
    ordered = dict(sorted(actors.items()))
    return brief.model_copy(
        update={"actors": ordered, "marking": brief.marking or config.default_marking}
    )


def _derive_id(item: Item) -> str:
    """Derive an id from the fields that identify an item, so edits elsewhere keep it."""
    parts: list[str]
    match item:
        case KeyJudgment():
            parts = ["kj", *item.text.split()[:6]]
        case Force():
            parts = [item.actor, item.location or "", item.claimed_by or ""]
        case Position():
            parts = [item.actor, item.type.value, item.date.isoformat() if item.date else ""]
        case Event():
            parts = [item.date, *item.summary.split()[:4]]
        case OpenQuestion():
            parts = ["q", *item.question.split()[:6]]
        case _:
            raise TypeError(f"no id rule for {type(item).__name__}")
    return slugify(" ".join(parts)) or type(item).__name__.lower()


def _with_derived_ids(brief: Brief) -> Brief:
    """Give every item without an id a stable one derived from its content."""
    taken = {item.id for item in brief.items() if item.id}
    update: dict[str, tuple[Item, ...]] = {}
    for section, items in brief.sections():
        if all(item.id for item in items):
            continue
        new_items = []
        for item in items:
            if not item.id:
                base = _derive_id(item)
                candidate, n = base, 2
                while candidate in taken:
                    candidate, n = f"{base}-{n}", n + 1
                taken.add(candidate)
                item = item.model_copy(update={"id": candidate})
            new_items.append(item)
        update[section] = tuple(new_items)
    return brief.model_copy(update=update) if update else brief


def _actor_refs(brief: Brief) -> Iterator[tuple[str, Loc]]:
    """Yield every actor id the brief refers to, with where it stands."""
    for key, actor in brief.actors.items():
        if actor.affiliation:
            yield actor.affiliation, ("actors", key, "affiliation")
    for i, force in enumerate(brief.forces):
        for name in ("actor", "aligned_with", "claimed_by"):
            ref = getattr(force, name)
            if ref:
                yield ref, ("forces", i, name)
    for i, position in enumerate(brief.positions):
        yield position.actor, ("positions", i, "actor")
        if position.addressed_to:
            yield position.addressed_to, ("positions", i, "addressed_to")
    for i, event in enumerate(brief.events):
        for j, ref in enumerate(event.actors):
            yield ref, ("events", i, "actors", j)


def _markdown_fields(brief: Brief) -> Iterator[tuple[str | None, Loc]]:
    """Yield every Markdown text in the brief with its location."""
    yield brief.bluf, ("bluf",)
    for i, kj in enumerate(brief.key_judgments):
        yield kj.text, ("key_judgments", i, "text")
    for i, force in enumerate(brief.forces):
        yield force.notes, ("forces", i, "notes")
    for i, position in enumerate(brief.positions):
        yield position.stance, ("positions", i, "stance")
    for i, event in enumerate(brief.events):
        yield event.summary, ("events", i, "summary")
    for i, question in enumerate(brief.open_questions):
        yield question.why, ("open_questions", i, "why")
        yield question.resolution, ("open_questions", i, "resolution")


def cited_keys(brief: Brief) -> Iterator[tuple[str, Loc]]:
    """Yield every citation key in document order, with where it stands."""
    for text, loc in _markdown_fields(brief):
        if loc == ("bluf",):
            for key in inline_keys(text):
                yield key, loc
    for section, items in brief.sections():
        for i, item in enumerate(items):
            for text, loc in _markdown_fields_of(section, i, item):
                for key in inline_keys(text):
                    yield key, loc
            for j, key in enumerate(getattr(item, "cite", ())):
                yield key, (section, i, "cite", j)


def _markdown_fields_of(section: str, index: int, item: Item) -> Iterator[tuple[str | None, Loc]]:
    names = {
        "key_judgments": ("text",),
        "forces": ("notes",),
        "positions": ("stance",),
        "events": ("summary",),
        "open_questions": ("why", "resolution"),
    }[section]
    for name in names:
        yield getattr(item, name), (section, index, name)


class _Checker:
    """Cross-reference checks that need the whole brief: ids, citations, actors, dates."""

    def __init__(
        self, brief: Brief, positions: Positions, shared: SharedActors, today: dt.date
    ) -> None:
        self.brief = brief
        self.positions = positions
        self.shared = shared
        self.today = today
        self.findings: list[Finding] = []

    def error(self, loc: Loc, message: str, *, key: bool = False) -> None:
        self.findings.append(self.positions.finding(loc, message, key=key))

    def warn(self, loc: Loc, message: str, *, key: bool = False) -> None:
        self.findings.append(
            self.positions.finding(loc, message, severity=Severity.WARNING, key=key)
        )

    def run(self) -> list[Finding]:
        self.check_ids()
        self.check_citations()
        self.check_actors()
        self.check_questions()
        self.check_dates()
        self.check_review()
        return self.findings

    def check_ids(self) -> None:
        seen: dict[str, Loc] = {}
        for section, items in self.brief.sections():
            for i, item in enumerate(items):
                if item.id in seen:
                    first = self.positions.locate(seen[item.id])
                    self.error(
                        (section, i, "id"),
                        f"duplicate id {item.id!r} (first used at line "
                        f"{first[0]}); ids must be unique within a brief, rename one",
                    )
                else:
                    seen[item.id] = (section, i, "id")
                if item.unreviewed:
                    self.warn(
                        (section, i),
                        "extracted item not yet reviewed; check it against "
                        "its `extracted.sentence`, then delete `unreviewed: true`",
                    )
        for key, actor in self.brief.actors.items():
            if actor.unreviewed and key in self._own_actors():
                self.warn(
                    ("actors", key),
                    "extracted actor not yet reviewed; check it, then delete `unreviewed: true`",
                    key=True,
                )
        self.ids = seen
        for i, kj in enumerate(self.brief.key_judgments):
            for j, ref in enumerate(kj.basis):
                self._check_item_ref(ref, ("key_judgments", i, "basis", j), "basis")
        for i, question in enumerate(self.brief.open_questions):
            for j, ref in enumerate(question.related):
                self._check_item_ref(ref, ("open_questions", i, "related", j), "related")

    def _check_item_ref(self, ref: str, loc: Loc, what: str) -> None:
        if ref not in self.ids:
            hint = _did_you_mean(ref, self.ids) or (
                "use the id of a key judgment, force, position, event or question in this brief"
            )
            self.error(loc, f"{what} refers to unknown item {ref!r}; {hint}")

    def check_citations(self) -> None:
        sources = self.brief.sources
        used: set[str] = set()
        for key, loc in cited_keys(self.brief):
            used.add(key)
            if key not in sources:
                hint = _did_you_mean(key, sources) or "add it under `sources:` or fix the key"
                self.error(loc, f"citation {key!r} does not resolve; {hint}")
        for key, source in sources.items():
            if source.via:
                used.add(source.via)
                if source.via not in sources:
                    self.error(
                        ("sources", key, "via"),
                        f"via {source.via!r} is not a source key;"
                        f" {_did_you_mean(source.via, sources) or 'add that source'}",
                    )
        for key in sources:
            if key not in used:
                self.warn(
                    ("sources", key),
                    f"source {key!r} is never cited; cite it or remove it",
                    key=True,
                )

    def _own_actors(self) -> set[str]:
        raw = self.positions.keys
        return {
            loc[1]
            for loc in raw
            if len(loc) == 2 and loc[0] == "actors" and isinstance(loc[1], str)
        }

    def check_actors(self) -> None:
        actors = self.brief.actors
        for ref, loc in _actor_refs(self.brief):
            if ref not in actors:
                hint = _did_you_mean(ref, actors) or (
                    "define it under `actors:` or in actors.yaml beside the brief"
                )
                self.error(loc, f"unknown actor {ref!r}; {hint}")
        for key in self._own_actors():
            theirs = self.shared.actors.get(key)
            mine = actors.get(key)
            if theirs and mine and theirs.name != mine.name:
                self.warn(
                    ("actors", key, "name"),
                    f"actor {key!r} is {mine.name!r} here but "
                    f"{theirs.name!r} in actors.yaml; use one name, or a different id",
                )

    def check_questions(self) -> None:
        for i, question in enumerate(self.brief.open_questions):
            if question.status is QuestionStatus.RESOLVED and not question.resolution:
                self.error(
                    ("open_questions", i, "status"),
                    "a resolved question needs a `resolution:` saying how it was resolved; add one",
                )
            if question.status is QuestionStatus.OPEN and question.resolution:
                self.warn(
                    ("open_questions", i, "resolution"),
                    "question has a resolution but "
                    "its status is open; set `status: resolved` or drop the resolution",
                )

    def check_dates(self) -> None:
        as_of = self.brief.as_of.isoformat()
        dated: list[tuple[Loc, str | None]] = [
            *((("forces", i, "as_of"), f.as_of.isoformat() if f.as_of else None)
              for i, f in enumerate(self.brief.forces)),
            *((("positions", i, "date"), p.date.isoformat() if p.date else None)
              for i, p in enumerate(self.brief.positions)),
            *((("events", i, "date"), e.date) for i, e in enumerate(self.brief.events)),
        ]  # fmt: skip
        for loc, when in dated:
            # Partial dates (2024-11) compare with the same-length prefix of as_of.
            if when and when > as_of[: len(when)]:
                self.warn(
                    loc,
                    f"{loc[-1]} {when} is after the brief's as_of {as_of}; move the brief's "
                    "as_of forward or fix this date",
                )

    def check_review(self) -> None:
        review_by = self.brief.review_by
        if review_by and review_by < self.today:
            self.warn(
                ("review_by",),
                f"review_by {review_by} has passed; outputs carry a STALE "
                "banner until the brief is reviewed and the date moved",
            )


def _is_slug(value: str) -> bool:
    return re.match(SLUG_PATTERN, value) is not None


def _bad_slug(value: str) -> str:
    suggestion = slugify(value)
    example = f" (e.g. {suggestion!r})" if suggestion else ""
    return f"{value!r} is not a valid id; use lowercase letters, digits, '-' and '_'{example}"


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _finding(err: ErrorDetails, positions: Positions) -> Finding:
    """Turn one pydantic error into a finding with a plain message and a fix."""
    loc: Loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        parent, key = loc[:-1], loc[-1]
        line, col = positions.locate(parent)
        where = "" if parent else " at the top level"
        return Finding(
            positions.file,
            line,
            col,
            Severity.ERROR,
            format_loc(loc),
            f"missing required key {key!r}; add `{key}: ...`{where}",
        )
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1], positions)
        hint = _did_you_mean(key, allowed)
        fix = hint or (f"allowed keys: {', '.join(allowed)}" if allowed else "remove it")
        return positions.finding(loc, f"unknown key {key!r}; {fix}", key=True)
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        return positions.finding(loc, _bad_slug(str(loc[-1])), key=True)
    message: str
    if kind in ("enum", "literal_error"):
        message = f"{_short(value)} is not one of {ctx.get('expected', '')}; use one of those"
    elif kind == "string_pattern_mismatch":
        if loc and loc[-1] == "url":
            message = f"{_short(value)} is not a URL; write it in full with https://"
        elif isinstance(value, str):
            message = _bad_slug(value)
        else:
            message = f"{_short(value)} does not match {ctx.get('pattern')}"
    elif kind.startswith("date") or kind.startswith("datetime"):
        message = (
            f"{_short(value)} is not a date; write YYYY-MM-DD (e.g. 2024-10-31)"
            if kind != "date_from_datetime_inexact"
            else f"{_short(value)} has a time of day; write the date only, YYYY-MM-DD"
        )
    elif kind == "string_type":
        message = (
            f"expected text, got {type(value).__name__} {_short(value)}; put the value in quotes"
        )
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"expected a whole number, got {_short(value)}"
    elif kind in ("list_type", "tuple_type"):
        message = (
            f"expected a list, got {type(value).__name__}; write each entry on its own "
            "line starting with `- `"
        )
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = (
            f"expected a mapping of `key: value` lines, got {type(value).__name__} {_short(value)}"
        )
    elif kind in ("too_short", "string_too_short"):
        message = "must not be empty; fill it in or remove the key"
    elif kind == "string_too_long":
        message = f"is too long (at most {ctx.get('max_length')} characters); shorten it"
    elif kind in ("greater_than_equal", "less_than_equal"):
        message = (
            f"{_short(value)} is out of range; credibility is 1 (confirmed) to 6 (cannot be judged)"
            if loc and loc[-1] == "credibility"
            else f"{_short(value)} is out of range ({err['msg'].lower()})"
        )
    elif kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
    elif kind == "bool_type":
        message = f"expected true or false, got {_short(value)}"
    else:
        message = f"{err['msg']} (got {_short(value)})"
    return positions.finding(loc, message)


def _allowed_keys(parent: Loc, positions: Positions) -> list[str]:
    """Return the keys the model accepts at a location, for suggestions."""
    import briefgen.model as model

    section_models: dict[str, type[Any]] = {
        "key_judgments": model.KeyJudgment,
        "forces": model.Force,
        "positions": model.Position,
        "events": model.Event,
        "open_questions": model.OpenQuestion,
        "sources": model.Source,
        "actors": model.Actor,
    }
    target: type[Any] = model.Brief
    if parent:
        target = section_models.get(str(parent[0]), model.Brief)
        if len(parent) >= 3 and parent[2] == "outlook":
            target = model.Outlook
        elif len(parent) >= 3 and parent[2] == "indicators":
            target = model.Indicator
        elif len(parent) >= 3 and parent[2] == "extracted":
            target = model.Provenance
        elif len(parent) >= 3 and parent[2] == "strength":
            target = model.Quantity
    return [(f.alias or name) for name, f in target.model_fields.items()]
