"""The "What changed" box in readers' words, from the semantic diff of real revisions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from briefgen.history.diff import diff_briefs
from briefgen.history.revisions import Revision, RevisionInfo
from briefgen.model import Brief
from briefgen.render.changes import reader_revision
from briefgen.render.diff_text import format_text
from briefgen.validate import parse_shared_actors, validate_text
from briefgen.validate.yaml import parse

KURSK = Path(__file__).parents[1] / "history" / "kursk"
FIELD_NAMES = re.compile(r"\b(as_of|review_by|aligned_with|claimed_by|addressed_to|bluf|cite)\b")


def revision_brief(number: int) -> Brief:
    shared = parse_shared_actors(parse((KURSK / "actors.yaml").read_text(), "actors.yaml"))
    text = (KURSK / f"r{number}.yaml").read_text()
    return validate_text(text, f"r{number}.yaml", shared=shared, today=dt.date(2024, 11, 1)).brief


def revision(number: int) -> Revision:
    when = dt.datetime(2024, 11, number, 9, tzinfo=dt.UTC)
    return Revision(number, "0" * 40, f"abc{number:04d}", when, "Ann", "Edit", "kursk.yaml")


def sentences(old: Brief, new: Brief, **info: Any) -> tuple[str, ...]:
    diff = diff_briefs(old, new)
    base = RevisionInfo("", False, revision(2), revision(1), "r1", list(diff.changes), True, diff)
    return reader_revision(base, new).sentences


def test_a_revision_is_told_in_full_sentences() -> None:
    old, new = revision_brief(1), revision_brief(2)
    told = sentences(old, new)
    assert told == (
        "The title now reads “North Korean troops in Russia’s Kursk region”.",
        "The bottom line up front was rewritten.",
        "Now judged very likely (was likely): North Korean troops will take part in combat "
        "against Ukrainian forces in the coming weeks.",
        "The estimate of troops of North Korea in Russia rose from more than 3,000 to about "
        "10,000 (United States claim).",
        "New force: North Korea in Kursk region, Russia: nearly 8,000 troops (United States "
        "claim).",
        "New warning by Antony Blinken on 31 October 2024: If North Korean troops engage in "
        "combat against Ukraine, they become legitimate military targets.",
        "New assessment by Lloyd Austin on 31 October 2024: Ukraine will be able to hold its "
        "territory in Kursk despite the added North Korean forces.",
        "New event, 31 October 2024: Blinken and Austin say nearly 8,000 North Korean troops "
        "are in Kursk.",
    )
    # `briefgen diff` keeps the analyst's view, housekeeping included.
    analyst = format_text(diff_briefs(old, new))
    assert "as_of 2024-10-28 -> 2024-10-31" in analyst and "new source:" in analyst


def test_a_resolved_question_is_told_with_its_resolution() -> None:
    told = sentences(revision_brief(2), revision_brief(3))
    assert told == (
        "Question resolved: Will the United States announce new military aid for Ukraine? "
        "The Pentagon announced a $425 million drawdown package on 2024-11-01.",
    )


def test_housekeeping_stays_out_of_the_box() -> None:
    old = revision_brief(3)
    sources = dict(old.sources)
    key = next(iter(sources))
    sources[key] = sources[key].model_copy(update={"title": "Retitled source"})
    new = old.model_copy(
        update={
            "as_of": dt.date(2024, 11, 9),
            "review_by": dt.date(2024, 12, 1),
            "topics": ("other-topic",),
            "sources": sources,
        }
    )
    assert diff_briefs(old, new).has_changes
    assert sentences(old, new) == ()


def edited(brief: Brief, section: str, index: int, **update: Any) -> Brief:
    items = list(getattr(brief, section))
    items[index] = items[index].model_copy(update=update)
    return brief.model_copy(update={section: tuple(items)})


@pytest.mark.parametrize(
    ("section", "index", "update", "expected"),
    [
        ("forces", 0, {"status": "Withdrawn to the rear"}, "status now: “Withdrawn to the rear”."),
        ("forces", 0, {"location": "Belgorod region"}, "location now Belgorod region"),
        ("key_judgments", 0, {"confidence": None}, "Now judged no confidence stated"),
        ("positions", 0, {"stance": "A new stance in other words."}, "stance now"),
        ("events", 0, {"summary": "A summary in new words."}, "The event of"),
    ],
)  # fmt: skip
def test_item_edits_read_as_sentences(
    section: str, index: int, update: dict[str, Any], expected: str
) -> None:
    old = revision_brief(2)
    told = sentences(old, edited(old, section, index, **update))
    assert told and expected in " ".join(told)
    for sentence in told:
        assert "->" not in sentence and not FIELD_NAMES.search(sentence), sentence
        assert sentence[0].isupper() and sentence.endswith((".", "?")), sentence
        assert "…" not in sentence


def test_removed_items_and_indicators_read_as_sentences() -> None:
    old = revision_brief(2)
    question = old.open_questions[0]
    indicators = list(question.indicators)
    indicators[0] = indicators[0].model_copy(update={"status": "observed"})
    new = edited(old, "open_questions", 0, indicators=tuple(indicators))
    new = new.model_copy(update={"events": new.events[1:], "forces": new.forces[:-1]})
    told = " ".join(sentences(old, new))
    assert "is now observed, pointing toward (was not observed, pointing toward)" in told
    assert "Event removed, " in told and "Force no longer listed: " in told
    assert "->" not in told and not FIELD_NAMES.search(told)


def test_the_revision_line_uses_the_date_style() -> None:
    brief = revision_brief(2)
    info = RevisionInfo("", True, revision(2), revision(1), "r1", [], True, None)
    reader = reader_revision(info, brief, "us")
    assert reader.line == "Revision 2 of November 2, 2024 (draft with uncommitted changes)"
    assert reader.since == "revision 1 of November 1, 2024"
    assert reader.commit == "abc0002"


def test_a_shallow_clone_gives_the_date_without_a_number() -> None:
    shown = dataclasses.replace(revision(3), number=None)
    info = RevisionInfo("", False, shown, None, "", [], False, None)
    reader = reader_revision(info, revision_brief(3))
    assert reader.line == "Revision of 3 November 2024 (earlier history not available)"
    assert reader.since == "" and reader.sentences == ()
