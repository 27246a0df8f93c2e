"""The revision line and "What changed" box in a reader's words, from the semantic diff.

`briefgen diff` keeps the analyst's view (every field, `old -> new`); a reader of the brief
gets full sentences about the substance, and housekeeping (the as-of and review dates,
source and actor records, topics, citation lists) stays out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.history.diff import Change, FieldChange
from briefgen.model import Brief, Force, Quantity
from briefgen.render.dates import DateStyle, format_date
from briefgen.render.labels import short_name
from briefgen.render.markdown import markdown_plain, smarten

if TYPE_CHECKING:
    from briefgen.history.revisions import RevisionInfo

# Fields a reader does not need told about: dates of upkeep, records and references.
HOUSEKEEPING = {"as_of", "review_by", "authors", "topics", "cite", "basis", "related",
                "unreviewed", "id", "type"}  # fmt: skip
# Field names in words, for "Troops of North Korea in Kursk: status now ...".
_NOUNS = {"capabilities": "listed capabilities", "aligned_with": "alignment",
          "claimed_by": "claimant", "quote": "quoted words", "addressed_to": "addressee",
          "actors": "actors involved", "why": "explanation", "question": "wording"}  # fmt: skip
_SENTENCE_END = (".", "?", "!", ".\u201d", "?\u201d", "!\u201d")


@dataclass(frozen=True)
class ReaderRevision:
    """What a reader is told about the revision shown and the changes since the last one."""

    line: str  # "Revision 4 of 2 November 2024", with "(draft)" when uncommitted
    commit: str  # short hash, for the colophon; "" when not committed
    since: str  # "revision 3 of 31 October 2024"; "" when there is no box to show
    sentences: tuple[str, ...]


def reader_revision(
    revision: RevisionInfo, brief: Brief, style: DateStyle = "long"
) -> ReaderRevision:
    """Describe a RevisionInfo for readers: revision line, baseline and change sentences."""
    shown = revision.current
    if shown is None:
        line = "Draft, not yet committed"
    elif shown.number is None:
        day = format_date(shown.date.date(), style)
        line = f"Revision of {day} (earlier history not available)"
    else:
        line = f"Revision {shown.number} of {format_date(shown.date.date(), style)}"
    if shown is not None and revision.draft:
        line += " (draft with uncommitted changes)"
    base = revision.baseline
    since = ""
    if base is not None and revision.baseline_label:
        number = f" {base.number}" if base.number is not None else ""
        since = f"revision{number} of {format_date(base.date.date(), style)}"
    sentences = change_sentences(revision.changes, brief, style)
    return ReaderRevision(line, shown.short if shown else "", since, sentences)


def change_sentences(
    changes: Sequence[Change], brief: Brief, style: DateStyle = "long", *, markdown: bool = False
) -> tuple[str, ...]:
    """Tell changes as a reader's sentences, naming items as they stand in `brief`.

    With `markdown`, the brief's own prose keeps its Markdown and citations, for a page
    that renders them; otherwise every sentence is plain text.
    """
    words = _Words(brief, style, markdown=markdown)
    return tuple(s for change in changes for s in words.sentences(change))


class _Words:
    """Turn one Change into sentences, naming actors and items as the brief does."""

    def __init__(self, brief: Brief, style: DateStyle, *, markdown: bool = False) -> None:
        self.brief = brief
        self.style = style
        self.markdown = markdown

    def sentences(self, change: Change) -> list[str]:
        method = getattr(self, f"_{change.section}", None)
        if method is None:
            return []
        found = method(change)
        return [_finish(s) for s in found]

    def _brief(self, change: Change) -> list[str]:
        name = change.item_id  # a header change is named by its field
        if name in HOUSEKEEPING:
            return []
        if name == "bluf":
            return ["The bottom line up front was rewritten."]
        new = change.fields[0].new if change.fields else None
        if new is None:
            return [f"The {name} was removed." if change.fields else f"The {name} changed."]
        return [f"The {name} now reads {_q(new)}."]

    def _key_judgments(self, change: Change) -> list[str]:
        fields = _named(change.fields)
        text = self._plain(fields.get("text"), change)
        if change.kind == "added":
            return [f"New key judgment: {text}{_hedge(fields, 'new')}"]
        if change.kind == "removed":
            return [f"Key judgment withdrawn: {text}"]
        kj = next((k for k in self.brief.key_judgments if k.id == change.item_id), None)
        subject = self._plain(kj.text, change) if kj else "a judgment since withdrawn"
        out = []
        if "text" in fields:
            out.append(f"A key judgment was reworded; it now reads: {subject}")
        judged = []
        for name in ("likelihood", "confidence"):
            fc = fields.get(name)
            if fc is None:
                continue
            noun = " confidence" if name == "confidence" else ""
            new = f"{fc.new}{noun}" if fc.new else f"no {name} stated"
            judged.append(f"{new} (was {fc.old}{noun})" if fc.old else new)
        if judged:
            out.append(f"Now judged {' with '.join(judged)}: {subject}")
        return out

    def _forces(self, change: Change) -> list[str]:
        fields = _named(change.fields)
        force = next((f for f in self.brief.forces if f.id == change.item_id), None)
        if change.kind in ("added", "removed"):
            actor = self._actor_text(fields.get("actor"))
            where = fields.get("location")
            place = f" in {_value(where, change.kind)}" if where else ""
            strength = fields.get("strength")
            amount = f": {_value(strength, change.kind)}" if strength else ""
            claim = fields.get("claimed_by")
            who = f" ({_value(claim, change.kind)} claim)" if claim else ""
            head = "New force" if change.kind == "added" else "Force no longer listed"
            return [f"{head}: {actor}{place}{amount}{who}"]
        label = self._force_label(force) if force else "a force since withdrawn"
        out = []
        strength = fields.get("strength")
        if strength is not None and force is not None:
            out.append(self._strength(force, strength))
        for name, fc in fields.items():
            if name in HOUSEKEEPING or name in ("strength", "actor"):
                continue
            out.append(self._field(label, name, fc))
        return out

    def _force_label(self, force: Force) -> str:
        actor = self._actor_name(force.actor)
        unit = force.strength.unit if force.strength and force.strength.unit else "forces"
        where = f" in {force.location}" if force.location else ""
        return f"{unit} of {actor}{where}"

    def _strength(self, force: Force, fc: FieldChange) -> str:
        claim = f" ({self._actor_name(force.claimed_by)} claim)" if force.claimed_by else ""
        label = self._force_label(force)
        if fc.old is None:
            return f"An estimate of {label} is now given: {fc.new}{claim}"
        if fc.new is None:
            return f"The estimate of {label} was withdrawn (it was {fc.old})"
        verb = _direction(fc.old, force.strength)
        old, new = fc.old, fc.new
        unit = f" {force.strength.unit}" if force.strength and force.strength.unit else ""
        if unit and old.endswith(unit) and new.endswith(unit):
            old, new = old.removesuffix(unit), new.removesuffix(unit)
        return f"The estimate of {label} {verb} from {old} to {new}{claim}"

    def _positions(self, change: Change) -> list[str]:
        fields = _named(change.fields)
        if change.kind in ("added", "removed"):
            actor = self._actor_text(fields.get("actor"))
            kind = _value(fields.get("type"), change.kind) or "statement"
            date = fields.get("date")
            when = f" on {format_date(_value(date, change.kind), self.style)}" if date else ""
            stance = self._plain(fields.get("stance"), change)
            head = "New" if change.kind == "added" else "Withdrawn"
            return [f"{head} {kind} by {actor}{when}: {stance}"]
        position = next((p for p in self.brief.positions if p.id == change.item_id), None)
        who = self._actor_name(position.actor) if position else "an actor"
        label = f"the {position.type.value if position else 'position'} by {who}"
        return [
            self._field(label, name, fc)
            for name, fc in fields.items()
            if name not in HOUSEKEEPING and name != "actor"
        ]

    def _events(self, change: Change) -> list[str]:
        fields = _named(change.fields)
        if change.kind in ("added", "removed"):
            date = format_date(_value(fields.get("date"), change.kind), self.style)
            summary = self._plain(fields.get("summary"), change)
            head = "New event" if change.kind == "added" else "Event removed"
            return [f"{head}, {date}: {summary}"]
        event = next((e for e in self.brief.events if e.id == change.item_id), None)
        label = f"the event of {format_date(event.date, self.style)}" if event else "an event"
        return [self._field(label, n, fc) for n, fc in fields.items() if n not in HOUSEKEEPING]

    def _open_questions(self, change: Change) -> list[str]:
        fields = _named(change.fields)
        question = next(
            (q.question for q in self.brief.open_questions if q.id == change.item_id), None
        ) or _value(fields.get("question"), change.kind)
        question = smarten(question or "")
        resolution = fields.get("resolution")
        resolved = f" {self._plain(resolution, change)}" if resolution and resolution.new else ""
        if change.kind == "resolved" or (change.kind == "added" and resolved):
            return [f"Question resolved: {question}{resolved}"]
        if change.kind == "added":
            return [f"New open question: {question}"]
        if change.kind == "removed":
            return [f"Question dropped: {question}"]
        out = []
        status = fields.get("status")
        if status is not None and status.new == "open":
            out.append(f"Question reopened: {question}")
        for name, fc in fields.items():
            if name in HOUSEKEEPING or name in ("status", "resolution"):
                continue
            if name.startswith("indicator "):
                out.append(self._indicator(question, name, fc))
            elif name.startswith("outlook "):
                term = name.removeprefix("outlook ")
                noun = " confidence" if term == "confidence" else ""
                new = f"{fc.new}{noun}" if fc.new else "no longer stated"
                was = f" (was {fc.old}{noun})" if fc.old else ""
                out.append(f"The outlook for {_q(question)} is now {new}{was}")
            else:
                out.append(self._field(f"the question {_q(question)}", name, fc))
        return out

    def _indicator(self, question: str, name: str, fc: FieldChange) -> str:
        text = smarten(name.removeprefix("indicator ").strip("'\""))
        if fc.old is None:
            return f"New indicator for {_q(question)}: {_q(text)} ({_status(fc.new)})"
        if fc.new is None:
            return f"Indicator dropped for {_q(question)}: {_q(text)}"
        return (
            f"Indicator {_q(text)} for {_q(question)} is now {_status(fc.new)} "
            f"(was {_status(fc.old)})"
        )

    def _sources(self, change: Change) -> list[str]:
        return []  # source records are housekeeping; new sources show in the list

    def _actors(self, change: Change) -> list[str]:
        return []  # actor records are housekeeping; what actors do shows in the items

    def _field(self, label: str, name: str, fc: FieldChange) -> str:
        noun = _NOUNS.get(name, name.replace("_", " "))
        subject = f"{_cap(label)}: {noun}"
        new = self._display(name, fc.new)
        if fc.old is None:
            return f"{subject} added: {new}"
        if fc.new is None:
            return f"{subject} removed"
        old = self._display(name, fc.old)
        if len(old) + len(new) <= 80:
            return f"{subject} now {new} (was {old})"
        return f"{subject} now: {new}"

    def _display(self, name: str, text: str | None) -> str:
        if text is None:
            return ""
        if name in ("date", "as_of"):
            return format_date(text, self.style)
        if name in ("stance", "summary", "notes", "why", "text", "resolution"):
            return _q(self._prose(text).rstrip("."))
        return _q(text) if name in ("status", "quote", "venue") else smarten(text)

    def _plain(self, value: FieldChange | str | None, change: Change) -> str:
        text = _value(value, change.kind) if isinstance(value, FieldChange) else value
        return smarten(self._prose(text)) if text else ""

    def _prose(self, text: str) -> str:
        """Return the brief's prose as plain text, or as Markdown on one line."""
        return " ".join(text.split()) if self.markdown else markdown_plain(text)

    def _actor_name(self, actor_id: str | None) -> str:
        actor = self.brief.actors.get(actor_id or "")
        return short_name(actor) if actor else (actor_id or "")

    def _actor_text(self, fc: FieldChange | None) -> str:
        return (fc.new or fc.old or "") if fc else ""


def _named(fields: Sequence[FieldChange]) -> dict[str, FieldChange]:
    return {fc.field: fc for fc in fields}


def _value(fc: FieldChange | None, kind: str) -> str:
    if fc is None:
        return ""
    return (fc.old if kind == "removed" else fc.new) or ""


def _hedge(fields: dict[str, FieldChange], side: str) -> str:
    terms = [getattr(fields.get("likelihood"), side, None)]
    confidence = getattr(fields.get("confidence"), side, None)
    if confidence:
        terms.append(f"{confidence} confidence")
    shown = ", ".join(t for t in terms if t)
    return f" ({shown})" if shown else ""


def _status(text: str | None) -> str:
    status, _, signals = (text or "").partition(" (signals ")
    way = signals.rstrip(")")
    return f"{status}, pointing {way}" if way else status


def _direction(old: str, new: Quantity | None) -> str:
    """Say `rose`, `fell` or `changed`, comparing the stated amounts where both parse."""
    try:
        before = Quantity.model_validate(old)
    except ValueError:
        return "changed"
    if new is None:
        return "changed"
    low = before.value if before.value is not None else before.min
    high = new.value if new.value is not None else new.min
    if low is None or high is None or low == high:
        return "changed"
    return "rose" if high > low else "fell"


def _q(text: str) -> str:
    return f"\u201c{smarten(text)}\u201d"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finish(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence if sentence.endswith(_SENTENCE_END) else sentence + "."
