"""Merge a new article's extraction into an existing brief by appending text, never rewriting."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from briefgen.errors import InputError
from briefgen.extract.draft import SECTIONS, dump_yaml, item_data, source_of
from briefgen.extract.extraction import ArticleInfo, Extraction
from briefgen.extract.keywords import coverage
from briefgen.extract.text import Article
from briefgen.model import Quantity
from briefgen.validate import SharedActors, load_shared_actors, validate_text
from briefgen.validate.yaml import parse

_ACTOR_REFS = ("actor", "aligned_with", "claimed_by", "addressed_to", "affiliation")
SAME_TEXT = 0.5
"""Share of key words two statements must have in common to count as the same."""


@dataclass
class Merged:
    """The merged brief text and a line per item added, for the user to read."""

    text: str
    added: list[str] = field(default_factory=list)
    extraction: Extraction | None = None
    """What was extracted, with what was rejected, for the command's report."""


def merge_into(
    existing: str,
    path: Path,
    article: Article,
    info: ArticleInfo,
    extraction: Extraction,
    *,
    shared: SharedActors | None = None,
) -> Merged:
    """Append the source and the items the brief does not already have; keep its text.

    A brief written with CRLF line endings throughout gets its new lines in CRLF too.
    """
    if "\r\n" in existing and existing.count("\r\n") == existing.count("\n"):
        merged = merge_into(
            existing.replace("\r\n", "\n"), path, article, info, extraction, shared=shared
        )
        if not merged.added:
            return Merged(existing, [])
        return Merged(merged.text.replace("\n", "\r\n"), merged.added)
    data = parse(existing, str(path), path=path).data
    shared = shared if shared is not None else load_shared_actors(path.parent)
    known = {**shared.actors, **_actors_of(data)}
    rename = _actor_renames(extraction, known, data, shared)
    key = _source_key(info.source_key, data.get("sources") or {})
    text = existing if existing.endswith("\n") else existing + "\n"
    # New sections go before a `...` document end marker: after it, YAML reads no brief.
    end = _DOCUMENT_END.search(text)
    text, tail = (text[: end.start()], text[end.start() :]) if end else (text, "")
    remap = partial(_remap, rename=rename, old_key=info.source_key, new_key=key)
    new_actors: dict[str, Any] = {}
    for actor_id, actor in extraction.actors.items():
        target = rename.get(actor_id, actor_id)
        if target not in known and target not in new_actors:
            new_actors[target] = remap(item_data(actor))
    sections = _new_items(data, extraction, remap)
    if not new_actors and not sections:
        return Merged(text + tail, [], extraction)
    have_places = data.get("places") if isinstance(data.get("places"), dict) else {}
    new_places = {
        key: place.model_dump(mode="json", exclude_defaults=True)
        for key, place in sorted(extraction.places.items())
        if key not in have_places
    }
    source = source_of(article, info).model_dump(mode="json", exclude_defaults=True)
    additions: list[tuple[str, dict[str, Any] | list[dict[str, Any]]]] = [
        ("sources", {key: source}),
        ("actors", new_actors),
        ("places", new_places if sections else {}),
        *sections.items(),
    ]
    added: list[str] = []
    for name, content in additions:
        if content:
            text = _append(text, name, content)
            added.extend(_added(name, content))
    text += tail
    validate_text(text, str(path), shared=shared, path=path)
    return Merged(text, added, extraction)


def _new_items(
    data: dict[str, Any], extraction: Extraction, remap: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Return, per section, the extracted items the brief does not have yet."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for name in SECTIONS:
        current = list(data.get(name) or [])
        fresh: list[dict[str, Any]] = []
        for item in getattr(extraction, name):
            candidate = remap(item_data(item))
            if not any(_same(name, candidate, old) for old in current + fresh):
                fresh.append(candidate)
        if fresh:
            sections[name] = fresh
    return sections


def _added(name: str, content: dict[str, Any] | list[dict[str, Any]]) -> list[str]:
    """Return the report lines for what was appended to one section."""
    if isinstance(content, dict):
        return [f"{name}: {item_id}" for item_id in content]
    return [f"{name}: {_describe(name, item)}" for item in content]


def _actors_of(data: dict[str, Any]) -> dict[str, Any]:
    actors = data.get("actors")
    return actors if isinstance(actors, dict) else {}


def _names(entry: Any) -> set[str]:
    if hasattr(entry, "name"):
        return {entry.name.lower(), *(a.lower() for a in entry.aliases)}
    if isinstance(entry, dict):
        aliases = entry.get("aliases") or []
        aliases = [aliases] if isinstance(aliases, str) else aliases
        return {str(entry.get("name", "")).lower(), *(str(a).lower() for a in aliases)}
    return set()


def _actor_renames(
    extraction: Extraction, known: dict[str, Any], data: dict[str, Any], shared: SharedActors
) -> dict[str, str]:
    """Map extracted actor ids to the ids the brief already uses for the same actor."""
    rename: dict[str, str] = {}
    for actor_id, actor in extraction.actors.items():
        names = {actor.name.lower(), *(a.lower() for a in actor.aliases)}
        if actor_id in known and names & _names(known[actor_id]):
            continue
        match = next((k for k, v in known.items() if names & _names(v)), None)
        if match is None and " " in actor.name:
            surname = actor.name.split()[-1].lower()
            match = next(
                (k for k, v in known.items() if any(n.endswith(" " + surname) for n in _names(v))),
                None,
            )
        if match:
            rename[actor_id] = match
        elif actor_id in known:
            n = 2
            while f"{actor_id}-{n}" in known:
                n += 1
            rename[actor_id] = f"{actor_id}-{n}"
    return rename


def _source_key(key: str, sources: dict[str, Any]) -> str:
    candidate, n = key, 2
    while candidate in sources:
        candidate, n = f"{key}-{n}", n + 1
    return candidate


def _remap(data: dict[str, Any], rename: dict[str, str], old_key: str, new_key: str) -> Any:
    for ref in _ACTOR_REFS:
        if data.get(ref) in rename:
            data[ref] = rename[data[ref]]
    if "actors" in data:
        data["actors"] = [rename.get(a, a) for a in data["actors"]]
    if isinstance(data.get("cite"), str):
        data["cite"] = new_key if data["cite"] == old_key else data["cite"]
    elif "cite" in data:
        data["cite"] = [new_key if c == old_key else c for c in data["cite"]]
    if isinstance(data.get("extracted"), dict):
        data["extracted"]["source"] = new_key
    return data


def _same(section: str, new: dict[str, Any], old: Any) -> bool:
    """Tell whether an existing item already states what a new one says."""
    if not isinstance(old, dict):
        return False
    if section == "forces":
        if new.get("actor") != old.get("actor") or not old.get("strength"):
            return False
        try:
            ours = Quantity.model_validate(new["strength"])
            theirs = Quantity.model_validate(old["strength"])
        except ValueError:
            return False
        return ours.same_amount(theirs)
    if section == "positions":
        if new.get("actor") != old.get("actor"):
            return False
        said = f"{old.get('stance', '')} {old.get('quote') or ''}"
        return _similar(str(new.get("stance", "")), said)
    if section == "events":
        return str(new.get("date")) == str(old.get("date")) and _similar(
            str(new.get("summary", "")), str(old.get("summary", ""))
        )
    return _similar(str(new.get("question", "")), str(old.get("question", "")))


def _similar(first: str, second: str) -> bool:
    return max(coverage(first, second), coverage(second, first)) >= SAME_TEXT


def _describe(section: str, item: dict[str, Any]) -> str:
    if section == "forces":
        return f"{item['actor']}: {item.get('strength')}"
    if section == "positions":
        return f"{item['actor']}: {item['stance'][:70]}"
    if section == "events":
        return f"{item['date']}: {item['summary'][:70]}"
    if section == "incidents":
        figures = [str(item[k]) for k in ("fatalities", "wounded", "captured") if k in item]
        return f"{item['date']}: {'; '.join(figures)}"
    return str(item["question"])[:80]


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):(.*)$")


_DOCUMENT_END = re.compile(r"^\.\.\.(?:[ \t].*)?$", re.MULTILINE)


def _append(text: str, section: str, value: dict[str, Any] | list[dict[str, Any]]) -> str:
    """Append entries to a top-level section, textually, leaving every other line alone."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.startswith(f"{section}:")), None)
    body = dump_yaml(value)
    if start is None:
        return text + f"\n{section}:\n" + _indent(body, 2)
    rest = _TOP_KEY.match(lines[start].rstrip("\n"))
    inline = (rest[2] if rest else "").split(" #")[0].strip()
    if inline in ("[]", "{}", "null", "~"):
        lines[start] = f"{section}:\n"
        lines.insert(start + 1, _indent(body, 2))
        return "".join(lines)
    if inline:
        raise InputError(
            f"cannot merge into `{section}:` written on one line; "
            "write it as an indented block, then run again"
        )
    end = start + 1
    last = start
    indent: int | None = None
    while end < len(lines):
        line = lines[end]
        stripped = line.strip()
        is_list_item = line.startswith("- ") or line.rstrip("\n") == "-"
        if line[:1] not in (" ", "\t", "\n", "#", "") and not is_list_item:
            break
        if stripped and not line.startswith("#"):
            last = end
            if indent is None:
                indent = len(line) - len(line.lstrip(" "))
        end += 1
    lines.insert(last + 1, _indent(body, indent if indent is not None else 2))
    return "".join(lines)


def _indent(body: str, width: int) -> str:
    pad = " " * width
    return "".join(pad + line if line.strip() else line for line in body.splitlines(True))
