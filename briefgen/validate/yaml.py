"""Read YAML safely into plain data, remembering where every value came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import MarkedYAMLError, YAMLError
from yaml.resolver import Resolver

from briefgen.errors import Finding, InputError, Severity, ValidationFailed, display_path
from briefgen.reader import read_regular
from briefgen.validate.yaml_errors import explain, tag_message

MAX_BYTES = 2 * 1024 * 1024
"""Largest input file accepted; a brief is text written by people, never this big."""

MAX_DEPTH = 50
"""Deepest nesting of mappings and lists accepted; a brief needs about six levels."""

Loc = tuple[str | int, ...]

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_MISSING = object()
_PLAIN_CACHE: dict[tuple[str, Any], Any] = {}
_PLAIN_CACHE_SIZE = 50_000


@dataclass
class Positions:
    """Where each value (and each mapping key) stands in its file, 1-based."""

    file: str
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Return the line and column of `loc`, or of its nearest known ancestor."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)

    def finding(
        self, loc: Loc, message: str, *, severity: Severity = Severity.ERROR, key: bool = False
    ) -> Finding:
        """Make a finding placed at `loc`."""
        line, col = self.locate(loc, key=key)
        return Finding(self.file, line, col, severity, format_loc(loc), message)


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data, the positions of its values, and its source."""

    path: Path
    data: Any
    positions: Positions
    text: str


def format_loc(loc: Loc) -> str:
    """Format a location as `forces[1].strength`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_text(path: Path, *, shown: str | None = None) -> str:
    """Read a UTF-8 text file, refusing huge, empty, binary, mis-encoded or special files."""
    name = shown or display_path(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except InputError as exc:
        raise _fatal(name, 1, 1, str(exc)) from exc
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 bytes (a BOM is allowed), pointing at the first bad byte otherwise."""
    if len(raw) > MAX_BYTES:
        raise _fatal(name, 1, 1, f"input is over the {MAX_BYTES:,}-byte limit; split it")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fatal(
            name,
            line,
            col,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
        ) from exc
    if "\x00" in text:
        raise _fatal(name, 1, 1, "file contains NUL bytes: it is not a text file")
    return text


def load_file(path: Path, *, shown: str | None = None) -> Document:
    """Read and parse one YAML file whose top level must be a mapping."""
    name = shown or display_path(path)
    return parse(read_text(path, shown=name), name, path=path)


def parse(text: str, name: str, *, path: Path | None = None) -> Document:
    """Parse YAML text into plain data with positions; refuse aliases and duplicate keys."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _fatal(
            name,
            1,
            1,
            "file is empty; a brief needs at least schema, title, as_of, "
            "bluf and sources (run `briefgen new SLUG` for a skeleton)",
        )
    builder = _Builder(Positions(name))
    try:
        data = builder.build(yaml.parse(text, Loader=_Parser))
    except MarkedYAMLError as exc:
        problem = explain(exc, text)
        raise _fatal(name, problem.line, problem.col, problem.message) from exc
    except YAMLError as exc:
        raise _fatal(name, 1, 1, f"YAML error: {exc}") from exc
    if builder.findings:
        raise ValidationFailed(builder.findings)
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        raise _fatal(
            name,
            1,
            1,
            f"the top level is {kind}, not a mapping; a brief is a mapping "
            "of keys such as `title:` and `bluf:`",
        )
    return Document(path or Path(name), data, builder.positions, text)


class _Builder:
    """Turn a stream of YAML events into plain Python data, recording positions."""

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.findings: list[Finding] = []
        self.constructor = SafeConstructor()

    def build(self, events: Iterator[yaml.Event]) -> Any:
        result: Any = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._error(
                        event.start_mark,
                        "a file holds one brief; remove the second YAML document (the extra `---`)",
                    )
                    raise ValidationFailed(self.findings)
            elif isinstance(event, yaml.NodeEvent):
                result = self._node(event, events, ())
        return result

    def _error(self, mark: Any, message: str, loc: Loc = ()) -> None:
        self.findings.append(
            Finding(
                self.positions.file,
                mark.line + 1,
                mark.column + 1,
                Severity.ERROR,
                format_loc(loc),
                message,
            )
        )

    def _node(self, event: Any, events: Iterator[yaml.Event], loc: Loc) -> Any:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self._error(
                event.start_mark,
                "YAML anchors and aliases (&name, *name) are not allowed; write the value "
                "out in full, and put a value that starts with `&` or `*` in double quotes",
                loc,
            )
            raise ValidationFailed(self.findings)
        self.positions.values[loc] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, loc)
        if len(loc) >= MAX_DEPTH:
            # Refused before going deeper: each level costs stack frames here and in pydantic.
            self._error(
                event.start_mark,
                f"values nest more than {MAX_DEPTH} levels deep; a brief needs far fewer, "
                "so close the brackets or indentation levels opened above",
                loc,
            )
            raise ValidationFailed(self.findings)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self._node(child, events, (*loc, len(items))))
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, loc)
        raise AssertionError(f"unexpected YAML event {event!r}")

    def _mapping(self, events: Iterator[yaml.Event], loc: Loc) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        key_event: Any
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            if not isinstance(key_event, yaml.ScalarEvent):
                self._error(
                    key_event.start_mark,
                    "a mapping key must be a plain value; write it as `name:`",
                    loc,
                )
                raise ValidationFailed(self.findings)
            key = self._scalar(key_event, loc)
            if not isinstance(key, str | int):
                key = str(key)
            key_loc = (*loc, key)
            start: Any = key_event.start_mark
            mark = (start.line + 1, start.column + 1)
            if key in mapping:
                first = self.positions.keys[key_loc]
                self._error(
                    key_event.start_mark,
                    f"duplicate key {key!r} (first at line "
                    f"{first[0]}); YAML would silently keep only the last, so remove "
                    "or rename one",
                    key_loc,
                )
                value_event = next(events)
                self._node(value_event, events, (*loc, f"{key}#dup"))
                continue
            self.positions.keys[key_loc] = mark
            mapping[key] = self._node(next(events), events, key_loc)
        raise AssertionError("unterminated mapping")

    def _scalar(self, event: yaml.ScalarEvent, loc: Loc) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            # Quoted and block scalars are always text; plain ones resolve by value alone,
            # so the (immutable) result can be shared. Briefs are mostly such scalars.
            if event.style:  # the C parser gives '' for plain, the Python one None
                return event.value
            # Keyed with `implicit` too: `! ""` (a non-specific tag) is text, plain `` is null.
            cache_key = (event.value, event.implicit)
            cached = _PLAIN_CACHE.get(cache_key, _MISSING)
            if cached is not _MISSING:
                return cached
            tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
            if tag == _STR_TAG:
                value: Any = event.value
                if len(_PLAIN_CACHE) < _PLAIN_CACHE_SIZE:
                    _PLAIN_CACHE[cache_key] = value
                return value
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            unknown_tag = str(tag).startswith("!") and "constructor for the tag" in problem
            self._error(
                event.start_mark,
                tag_message(tag)
                if unknown_tag
                else f"cannot read this value ({problem}); quote it to keep it as text",
                loc,
            )
            return event.value
        except ValueError as exc:
            self._error(
                event.start_mark,
                f"{event.value!r} is not a valid value ({exc}); quote it to keep it as text",
                loc,
            )
            return event.value


def _fatal(name: str, line: int, col: int, message: str) -> ValidationFailed:
    return ValidationFailed([Finding(name, line, col, Severity.ERROR, "", message)])
