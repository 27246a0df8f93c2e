"""The semantic diff, item by item, on the three revisions of the Kursk brief."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.history.diff import BriefDiff, Change, FieldChange, diff_briefs
from briefgen.model import Brief, Quantity
from briefgen.render.diff_text import format_markdown, format_text, to_dict, to_json
from briefgen.validate import load_brief, load_shared_actors

KURSK = Path(__file__).parent / "kursk"


def kursk(revision: int) -> Brief:
    """Validate revision N of the Kursk brief with the actors beside it."""
    return load_brief(
        KURSK / f"r{revision}.yaml", shared=load_shared_actors(KURSK)
    ).brief.model_copy(update={"id": "dprk-troops-kursk"})


def by_id(diff: BriefDiff) -> dict[tuple[str, str], Change]:
    return {(c.section, c.item_id): c for c in diff.changes}


def test_identical_briefs_have_no_changes() -> None:
    diff = diff_briefs(kursk(2), kursk(2))
    assert diff.changes == []
    assert not diff.has_changes
    assert "No changes" in format_text(diff)


def test_revision_1_to_2_item_by_item() -> None:
    diff = diff_briefs(kursk(1), kursk(2), old_label="r1", new_label="r2")
    changes = by_id(diff)
    assert set(changes) == {
        ("brief", "title"),
        ("brief", "as_of"),
        ("brief", "bluf"),
        ("key_judgments", "kj-combat-soon"),
        ("forces", "dprk-in-russia"),
        ("forces", "dprk-in-kursk"),
        ("positions", "blinken-legitimate-targets"),
        ("positions", "austin-kursk-retain"),
        ("events", "us-rok-meeting"),
        ("sources", "wire-2024-10-31"),
        ("actors", "blinken"),
        ("actors", "austin"),
    }
    # Nothing was resolved or removed between r1 and r2.
    assert {c.kind for c in diff.changes} == {"changed", "added"}

    troops = changes["forces", "dprk-in-russia"]
    assert troops.kind == "changed"
    # Citation changes stay in the fields but not in the summary when more changed.
    assert troops.summary == (
        "North Korea troops in Russia: more than 3,000 -> about 10,000 (claimed by United States)"
    )
    assert FieldChange("cite", "wire-2024-10-23", "wire-2024-10-31") in troops.fields
    assert FieldChange("strength", "more than 3,000 troops", "about 10,000 troops") in troops.fields

    kursk_force = changes["forces", "dprk-in-kursk"]
    assert kursk_force.kind == "added"
    assert kursk_force.summary == (
        "new force: North Korea troops in Kursk region, Russia: nearly 8,000 troops "
        "(claimed by United States)"
    )

    kj = changes["key_judgments", "kj-combat-soon"]
    assert "likelihood likely -> very likely" in kj.summary
    assert FieldChange("likelihood", "likely", "very likely") in kj.fields

    blinken = changes["positions", "blinken-legitimate-targets"]
    assert blinken.kind == "added"
    assert blinken.summary.startswith(
        "new position: Antony Blinken warns North Korea: If North Korean troops engage"
    )
    austin = changes["positions", "austin-kursk-retain"]
    assert austin.summary.startswith("new position: Lloyd Austin assesses: Ukraine will")

    assert changes["brief", "as_of"].fields == [FieldChange("as_of", "2024-10-28", "2024-10-31")]
    assert changes["brief", "bluf"].summary == "BLUF rewritten"
    assert changes["actors", "austin"].summary == "new actor: Lloyd Austin (Secretary of Defense)"
    assert changes["events", "us-rok-meeting"].summary.startswith("new event: 2024-10-31: Blinken")


def test_changes_follow_document_order() -> None:
    sections = [c.section for c in diff_briefs(kursk(1), kursk(2)).changes]
    order = ["brief", "key_judgments", "forces", "positions", "events", "sources", "actors"]
    assert sorted(sections, key=order.index) == sections


def test_revision_2_to_3_resolves_a_question() -> None:
    diff = diff_briefs(kursk(2), kursk(3))
    changes = by_id(diff)
    assert set(changes) == {("brief", "as_of"), ("open_questions", "q-us-aid-package")}
    resolved = changes["open_questions", "q-us-aid-package"]
    assert resolved.kind == "resolved"
    assert resolved.summary == (
        "question resolved: Will the United States announce new military aid for Ukraine? "
        "Resolution: The Pentagon announced a $425 million drawdown package on 2024-11-01."
    )
    fields = {fc.field: fc for fc in resolved.fields}
    assert fields["status"] == FieldChange("status", "open", "resolved")
    indicator = fields["indicator 'Pentagon announces a new drawdown package'"]
    assert (indicator.old, indicator.new) == (
        "not observed (signals toward)",
        "observed (signals toward)",
    )


def test_reverse_diff_reports_removals_and_reopening() -> None:
    changes = by_id(diff_briefs(kursk(3), kursk(1)))
    assert changes["positions", "blinken-legitimate-targets"].kind == "removed"
    assert changes["forces", "dprk-in-kursk"].summary.startswith("removed force: North Korea")
    reopened = changes["open_questions", "q-us-aid-package"]
    assert reopened.kind == "changed"
    assert reopened.summary.startswith("question 'Will the United States announce new military")
    assert "': reopened; indicator" in reopened.summary
    assert reopened.summary.endswith("; resolution removed")


def change_force(brief: Brief, strength: str, **fields: object) -> Brief:
    force = brief.forces[0]
    new = force.model_copy(update={"strength": Quantity.model_validate(strength)})
    new = new.model_copy(update=fields)
    return brief.model_copy(update={"forces": (new, *brief.forces[1:])})


@pytest.mark.parametrize(
    ("strength", "expected"),
    [
        ("over 3,000 troops", None),  # the same quantity in other words is no change
        ("some 3,000 troops", "more than 3,000 -> about 3,000 (qualifier more than -> about)"),
        ("3,000-5,000 troops", "more than 3,000 -> 3,000–5,000"),
        ("more than 3,000 soldiers", "more than 3,000 troops -> more than 3,000 soldiers"),
    ],
)
def test_quantities_compare_as_quantities(strength: str, expected: str | None) -> None:
    old = kursk(1)
    diff = diff_briefs(old, change_force(old, strength))
    if expected is None:
        assert diff.changes == []
    else:
        (change,) = diff.changes
        assert expected in change.summary


def test_confidence_and_outlook_changes_are_named() -> None:
    old = kursk(1)
    kj = old.key_judgments[0].model_copy(update={"confidence": "high"})
    question = old.open_questions[0]
    outlook = question.outlook.model_copy(update={"likelihood": "very likely"})  # type: ignore[union-attr]
    new = old.model_copy(
        update={
            "key_judgments": (kj,),
            "open_questions": (
                question.model_copy(update={"outlook": outlook}),
                *old.open_questions[1:],
            ),
        }
    )
    changes = by_id(diff_briefs(old, new))
    assert "confidence moderate -> high" in changes["key_judgments", "kj-combat-soon"].summary
    assert "outlook likelihood likely -> very likely" in (
        changes["open_questions", "q-dprk-combat"].summary
    )


def tag(text: str, fg: str | None = None, *, bold: bool = False) -> str:
    """Mark text with its colour, as a stand-in for a terminal styler."""
    return f"<{fg}{' bold' if bold else ''}>{text}</>"


def test_formats() -> None:
    diff = diff_briefs(kursk(1), kursk(2), old_label="r1", new_label="r2")
    text = format_text(diff)
    assert text.startswith("Changes from r1 to r2:\n")
    assert "  + new position: Antony Blinken warns North Korea" in text
    assert "\x1b[" not in text
    tagged = format_text(diff, style=tag)
    assert tagged.splitlines()[1] == "<None bold>Header</>"
    assert "<green>  + new position: Antony Blinken warns North Korea" in tagged
    markdown = format_markdown(diff)
    assert "## Changes from r1 to r2" in markdown
    assert "### Forces" in markdown
    assert "more than 3,000 → about 10,000" in markdown
    assert json.loads(to_json(diff)) == to_dict(diff)
    payload = to_dict(diff)
    assert payload["changed"] is True
    assert payload["changes"][0] == {
        "section": "brief",
        "kind": "changed",
        "item_id": "title",
        "summary": 'title "North Korean troops in Russia" -> '
        '"North Korean troops in Russia\'s Kursk region"',
        "fields": [
            {
                "field": "title",
                "old": "North Korean troops in Russia",
                "new": "North Korean troops in Russia's Kursk region",
            }
        ],
    }


def test_the_engine_and_its_printed_forms_load_without_click() -> None:
    code = (
        "import sys, briefgen.history.diff, briefgen.history.store, briefgen.render.diff_text\n"
        "print(sorted(m for m in ('click', 'rich') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
