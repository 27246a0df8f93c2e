"""Check parsed YAML against the content model and across references, with every finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from briefgen import clock
from briefgen.config import Config
from briefgen.errors import Finding, Severity, ValidationFailed, display_path
from briefgen.model import (
    Actor,
    Brief,
    Event,
    Force,
    Incident,
    Item,
    KeyJudgment,
    OpenQuestion,
    Place,
    Position,
)
from briefgen.model.base import slugify
from briefgen.validate.checks import SKIP_UNCITED, actor_refs, check_brief, place_refs
from briefgen.validate.messages import bad_slug, error_findings, is_slug, misspelt_keys
from briefgen.validate.salvage import error_loc, paths, salvage, under
from briefgen.validate.yaml import Document, Positions, load_file, parse

ACTORS_FILE = "actors.yaml"
PLACES_FILE = "places.yaml"
SHARED_FILES = (ACTORS_FILE, PLACES_FILE)
"""Files beside the briefs that define actors and places for all of them; never briefs."""
# Folders that hold YAML of other tools, never briefs.
_NOT_BRIEFS = {"node_modules", "site-packages"}

T = TypeVar("T")

_ACTORS_ADAPTER: TypeAdapter[dict[str, Actor]] = TypeAdapter(dict[str, Actor])
_PLACES_ADAPTER: TypeAdapter[dict[str, Place]] = TypeAdapter(dict[str, Place])


@dataclass(frozen=True)
class SharedActors:
    """Actors and places defined once in `actors.yaml` and `places.yaml` for every brief beside."""

    actors: Mapping[str, Actor] = field(default_factory=dict)
    positions: Positions | None = None
    places: Mapping[str, Place] = field(default_factory=dict)
    readable: bool = True
    """False when actors.yaml could not be read at all: references to it are not checked."""


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
                if candidate.suffix not in (".yaml", ".yml") or candidate.name in SHARED_FILES:
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
    """Read `actors.yaml` and `places.yaml` from a folder; either may be missing."""
    docs = [load_file(path) if path.is_file() else None for path in shared_paths(folder)]
    return parse_shared(*docs)


def shared_paths(folder: Path) -> tuple[Path, Path]:
    """Return where a folder's `actors.yaml` and `places.yaml` would be."""
    return folder / ACTORS_FILE, folder / PLACES_FILE


def read_shared_actors(folder: Path) -> tuple[SharedActors, list[Finding]]:
    """Read `actors.yaml` and `places.yaml` with their findings, keeping what could be read.

    An actor with errors stands in under its id with the id as its name, so the briefs
    that refer to it are checked without an "unknown actor" for the same mistake.
    """
    actors_path, places_path = shared_paths(folder)
    findings: list[Finding] = []
    places: dict[str, Place] = {}
    if places_path.is_file():
        try:
            places = _parse_mapping(load_file(places_path), _PLACES_ADAPTER, findings, "places")
        except ValidationFailed as exc:
            findings.extend(exc.findings)
    if not actors_path.is_file():
        return SharedActors(places=places), findings
    try:
        doc = load_file(actors_path)
    except ValidationFailed as exc:
        return SharedActors(places=places, readable=False), [*exc.findings, *findings]
    actor_findings: list[Finding] = []
    actors = _parse_mapping(doc, _ACTORS_ADAPTER, actor_findings, "actors")
    if not actor_findings:
        return SharedActors(actors, doc.positions, places), findings
    findings = actor_findings + findings
    if not isinstance(doc.data, dict):
        return SharedActors(places=places, readable=False), findings
    salvaged: dict[str, Actor] = {}
    for key, raw in doc.data.items():
        try:
            salvaged[str(key)] = Actor.model_validate(raw)
        except ValidationError:
            salvaged[str(key)] = Actor(name=str(key))
    return SharedActors(salvaged, doc.positions, places), findings


def parse_shared_actors(doc: Document) -> SharedActors:
    """Validate an actors file: a mapping of actor id to actor."""
    return parse_shared(doc, None)


def parse_shared(actors: Document | None, places: Document | None) -> SharedActors:
    """Validate an actors file and a places file, either of them absent, with every finding."""
    findings: list[Finding] = []
    actor_map = _parse_mapping(actors, _ACTORS_ADAPTER, findings, "actors")
    place_map = _parse_mapping(places, _PLACES_ADAPTER, findings, "places")
    if findings:
        raise ValidationFailed(findings)
    return SharedActors(actor_map, actors.positions if actors else None, place_map)


SharedTexts = tuple[str | None, ...]
"""The texts of a folder's `actors.yaml` and `places.yaml` as read from git (None: absent)."""


def parse_shared_texts(texts: SharedTexts, folder: PurePosixPath, label: str) -> SharedActors:
    """Validate the shared files' texts as they stood at the revision labelled `label`."""
    docs = [
        parse(text, f"{folder / name}@{label}") if text and text.strip() else None
        for text, name in zip(texts, SHARED_FILES, strict=True)
    ]
    return parse_shared(*docs)


def _parse_mapping(
    doc: Document | None,
    adapter: TypeAdapter[dict[str, T]],
    findings: list[Finding],
    section: str,
) -> dict[str, T]:
    """Validate a shared file mapping ids to entries, adding its problems to `findings`.

    `section` is the brief section the file stands for (`actors` or `places`), so its
    messages read like the same mistake made in a brief.
    """
    if doc is None:
        return {}
    try:
        entries = adapter.validate_python(doc.data)
    except ValidationError as exc:
        findings.extend(error_findings(exc.errors(), doc.positions, within=(section,)))
        return {}
    bad = [key for key in entries if not is_slug(key)]
    findings.extend(doc.positions.finding((key,), bad_slug(key), key=True) for key in bad)
    return entries


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
    shared_by_folder: dict[Path, SharedActors] = {}
    seen_ids: dict[str, Validated] = {}
    for path in find_briefs(paths):
        folder = path.parent
        if folder not in shared_by_folder:
            shared_by_folder[folder], findings = read_shared_actors(folder)
            report.findings.extend(findings)
        shared = shared_by_folder[folder]
        try:
            checked = load_brief(path, config=config, shared=shared, today=today)
        except ValidationFailed as exc:
            report.findings.extend(exc.findings)
            continue
        report.findings.extend(checked.warnings)
        clash = duplicate_id(checked, seen_ids)
        if clash is not None:
            report.findings.append(clash)
            continue
        report.briefs.append(checked)
    return report


def duplicate_id(checked: Validated, seen: dict[str, Validated]) -> Finding | None:
    """Return an error when an earlier brief in `seen` has the same id; else add this one.

    Two briefs with one id (`a b.yaml` and `a-b.yaml`) would write the same output files
    and site pages, the second overwriting the first.
    """
    brief_id = checked.brief.id
    first = seen.setdefault(brief_id, checked)
    if first is checked:
        return None
    line, col = checked.positions.locate(("id",), key=True) if checked.positions else (1, 1)
    return Finding(
        display_path(checked.path),
        line,
        col,
        Severity.ERROR,
        "id",
        f"brief id {brief_id!r} is already used by {display_path(first.path)}; their outputs "
        "would overwrite each other, so give one of them another `id:` (this one is left out)",
    )


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
        findings.extend(error_findings(exc.errors(), doc.positions))
        findings.extend(_check_readable_parts(data, exc, doc.positions, shared, config, today))
        raise ValidationFailed(sorted(findings)) from exc
    brief = _with_defaults(brief, shared, config)
    brief = _with_derived_ids(brief)
    findings.extend(_checks(brief, doc.positions, shared, today))
    if any(f.severity is Severity.ERROR for f in findings):
        raise ValidationFailed(sorted(findings))
    return Validated(brief, doc.path, tuple(sorted(findings)), doc.positions)


def _checks(
    brief: Brief,
    positions: Positions,
    shared: SharedActors,
    today: dt.date | None,
    skip: frozenset[str] = frozenset(),
) -> list[Finding]:
    if not shared.readable:
        skip |= {"actors"}
    return check_brief(
        brief,
        positions,
        shared.actors,
        today or clock.today(),
        shared_positions=shared.positions,
        shared_places=shared.places,
        skip=skip,
    )


def _check_readable_parts(
    data: dict[str, Any],
    exc: ValidationError,
    positions: Positions,
    shared: SharedActors,
    config: Config,
    today: dt.date | None,
) -> list[Finding]:
    """Run the cross-reference checks on a brief with model errors, around the bad values.

    Each bad value gets a neutral stand-in; findings at or inside a bad value are dropped,
    since the model error already names that mistake.
    """
    errors = exc.errors()
    bad = [error_loc(err["loc"]) for err in errors]
    brief = salvage(data, bad, misspelt_keys(errors, positions))
    if brief is None:
        return []
    # A section that is wrong as a whole hides what refers into it; skip those checks
    # rather than report every reference as unresolved.
    skip = frozenset(loc[0] for loc in bad if len(loc) == 1 and isinstance(loc[0], str))
    skip |= {SKIP_UNCITED}
    brief = _with_derived_ids(_with_defaults(brief, shared, config))
    places = paths(bad)
    return [f for f in _checks(brief, positions, shared, today, skip) if not under(f.path, places)]


def _with_defaults(brief: Brief, shared: SharedActors, config: Config) -> Brief:
    """Fill the marking from config (its only default) and bring in the shared actors used."""
    actors = dict(brief.actors)
    pending = list(actor_refs(brief))
    while pending:
        ref, _ = pending.pop()
        if ref not in actors and ref in shared.actors:
            actors[ref] = shared.actors[ref]
            affiliation = actors[ref].affiliation
            if affiliation:
                pending.append((affiliation, ()))
    places = dict(brief.places)
    for ref, _ in place_refs(brief):
        if ref not in places and ref in shared.places:
            places[ref] = shared.places[ref]
    return brief.model_copy(
        update={
            "actors": dict(sorted(actors.items())),
            "places": dict(sorted(places.items())),
            "marking": brief.marking or config.default_marking,
        }
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
        case Incident():
            parts = ["inc", item.date, item.place or item.location or "", item.claimed_by or ""]
        case OpenQuestion():
            parts = ["q", *item.question.split()[:6]]
        case _:
            raise TypeError(f"no id rule for {type(item).__name__}")
    return slugify(" ".join(parts)) or type(item).__name__.lower()


def _with_derived_ids(brief: Brief) -> Brief:
    """Give every item without an id a stable one derived from its content."""
    taken = {item.id for item in brief.items() if item.id}
    # The next suffix to try for each base: every smaller one is taken already (ids are
    # only ever added), so resuming there gives the ids a search from 2 gives, in O(n).
    suffixes: dict[str, int] = {}
    update: dict[str, tuple[Item, ...]] = {}
    for section, items in brief.sections():
        if all(item.id for item in items):
            continue
        new_items = []
        for item in items:
            if not item.id:
                base = _derive_id(item)
                candidate, n = base, suffixes.get(base, 2)
                if candidate in taken:
                    candidate = f"{base}-{n}"
                while candidate in taken:
                    n += 1
                    candidate = f"{base}-{n}"
                suffixes[base] = n + 1 if candidate != base else n
                taken.add(candidate)
                item = item.model_copy(update={"id": candidate})
            new_items.append(item)
        update[section] = tuple(new_items)
    return brief.model_copy(update=update) if update else brief
