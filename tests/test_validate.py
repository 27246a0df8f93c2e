"""Validation: every error and warning, with its place, problem and fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.config import Config
from briefgen.errors import Severity, ValidationFailed
from briefgen.model import Marking, Qualifier
from briefgen.validate import (
    SharedActors,
    check_paths,
    find_briefs,
    load_brief,
    validate_text,
)
from tests.conftest import KURSK, MINIMAL, ROOT, TODAY, write

BASE = """\
schema: 1
title: Test brief
as_of: 2024-10-31
bluf: Troops arrived [@wire].
actors:
  dprk:
    name: North Korea
    kind: state
  us:
    name: United States
    kind: state
forces:
  - id: dprk-kursk
    actor: dprk
    strength: nearly 8,000 troops
    claimed_by: us
    cite: wire
positions:
  - actor: us
    type: warning
    stance: Troops in combat become targets.
    cite: wire
open_questions:
  - id: q-combat
    question: Will they fight?
    related: [dprk-kursk]
sources:
  wire:
    title: Wire report
    reliability: B
    credibility: 2
"""


def findings_of(text: str, **kwargs: object) -> list[str]:
    try:
        checked = validate_text(text, "b.yaml", today=TODAY, **kwargs)  # type: ignore[arg-type]
    except ValidationFailed as exc:
        return [f.format() for f in exc.findings]
    return [f.format() for f in checked.warnings]


def test_base_brief_is_valid_and_normalized() -> None:
    checked = validate_text(BASE, "b.yaml", today=TODAY)
    brief = checked.brief
    assert checked.warnings == ()
    assert brief.id == "b"
    assert brief.marking is Marking.CLEAR
    strength = brief.forces[0].strength
    assert strength is not None
    assert (strength.qualifier, strength.value, strength.unit) == (
        Qualifier.NEARLY,
        8000,
        "troops",
    )
    assert strength.as_stated == "nearly 8,000 troops"
    assert brief.positions[0].id == "us-warning"
    assert brief.forces[0].cite == ("wire",)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: Test brief\n", "titel: Test brief\n",
         "b.yaml:2:1: error: titel: unknown key 'titel'; did you mean 'title'?"),
        ("title: Test brief\n", "",
         "b.yaml:1:1: error: title: missing required key 'title'; add `title: ...`"),
        ("    strength: nearly 8,000 troops\n", "    strength: lots\n",
         "b.yaml:15:15: error: forces[0].strength: 'lots' is not a quantity; write e.g. "
         '"about 8,000 troops"'),
        ("    strength: nearly 8,000 troops\n", "    strenght: nearly 8,000 troops\n",
         "b.yaml:15:5: error: forces[0].strenght: unknown key 'strenght'; did you mean "
         "'strength'?"),
        ("as_of: 2024-10-31\n", "as_of: 31 October 2024\n",
         "b.yaml:3:8: error: as_of: '31 October 2024' is not a date; write YYYY-MM-DD"),
        ("as_of: 2024-10-31\n", "as_of: 2024-10-31 12:00:00\n",
         "b.yaml:3:8: error: as_of: datetime.datetime(2024, 10, 31, 12, 0) has a time of day"),
        ("schema: 1\n", "schema: 2\n",
         "b.yaml:1:9: error: schema: briefgen supports schema 1 only, and this file says "
         "schema 2; write `schema: 1`"),
        ("title: Test brief\n", "title: Test brief\nmarking: TLP:WHITE\n",
         "b.yaml:3:10: error: marking: 'TLP:WHITE' is TLP 1.0's name for what TLP 2.0 calls "
         "TLP:CLEAR; write TLP:CLEAR"),
        ("title: Test brief\n", "title:\n",
         "b.yaml:2:7: error: title: title is empty; write its value after `title:`"),
        ("    claimed_by: us\n    cite: wire\n",
         "    claimed_by: us\n    cite: https://www.example.org/news/troops\n",
         "b.yaml:17:11: error: forces[0].cite[0]: 'https://www.example.org/news/troops' is a "
         "URL, but a citation is a key of `sources:`; add a source with "
         "`url: https://www.example.org/news/troops` under `sources:` (e.g. as "
         "'example-org-news-troops') and cite that key"),
        ("  wire:\n", "  https://www.example.org/wire:\n",
         "b.yaml:28:3: error: sources.https://www.example.org/wire: "
         "'https://www.example.org/wire' is a URL, not a source key; use a short key such as "
         "'example-org-wire' and put the URL under it as `url: https://www.example.org/wire`"),
        ("    type: warning\n", "    type: threat\n",
         "b.yaml:20:11: error: positions[0].type: 'threat' is not one of 'statement'"),
        ("    credibility: 2\n", "    credibility: 7\n",
         "b.yaml:31:18: error: sources.wire.credibility: 7 is out of range; credibility is 1"),
        ("    reliability: B\n", "    reliability: G\n",
         "b.yaml:30:18: error: sources.wire.reliability: 'G' is not one of 'A', 'B'"),
        ("    claimed_by: us\n    cite: wire\n", "    claimed_by: us\n    cite: wrie\n",
         "b.yaml:17:11: error: forces[0].cite[0]: citation 'wrie' does not resolve; did you "
         "mean 'wire'?"),
        ("bluf: Troops arrived [@wire].", "bluf: Troops arrived [@nowhere].",
         "b.yaml:4:7: error: bluf: citation 'nowhere' does not resolve; add it under"),
        ("    actor: dprk\n", "    actor: dprkk\n",
         "b.yaml:14:12: error: forces[0].actor: unknown actor 'dprkk'; did you mean 'dprk'?"),
        ("    claimed_by: us\n", "    claimed_by: russia\n",
         "b.yaml:16:17: error: forces[0].claimed_by: unknown actor 'russia'; define it under"),
        ("    related: [dprk-kursk]\n", "    related: [dprk-kurks]\n",
         "b.yaml:26:15: error: open_questions[0].related[0]: related refers to unknown item "
         "'dprk-kurks'; did you mean 'dprk-kursk'?"),
        ("  - id: q-combat\n", "  - id: dprk-kursk\n",
         "b.yaml:24:9: error: open_questions[0].id: duplicate id 'dprk-kursk' (first used at "
         "line 13)"),
        ("    related: [dprk-kursk]\n", "    related: [dprk-kursk]\n    status: resolved\n",
         "b.yaml:27:13: error: open_questions[0].status: a resolved question needs a "
         "`resolution:`"),
        ("  - id: dprk-kursk\n", "  - id: DPRK Kursk\n",
         "b.yaml:13:9: error: forces[0].id: 'DPRK Kursk' is not a valid id; use lowercase "
         "letters, digits, '-' and '_' (e.g. 'dprk-kursk')"),
        ("    claimed_by: us\n    cite: wire\n", "    claimed_by: us\n    cite: []\n",
         "b.yaml:17:11: error: forces[0].cite: must not be empty"),
        ("title: Test brief\n", "title: 2024\n",
         "b.yaml:2:8: error: title: expected text, got int 2024; put the value in quotes"),
        ("    related: [dprk-kursk]\n", "    related: [dprk-kursk]\n    indicators: none\n",
         "b.yaml:27:17: error: open_questions[0].indicators: expected a list, got str"),
        ("sources:\n  wire:\n    title: Wire report\n", "sources:\n  wire: Wire report\n"
         "  other:\n    title: Wire report\n",
         "b.yaml:28:9: error: sources.wire: expected a mapping of `key: value` lines, got str"),
        ("bluf: Troops arrived [@wire].\n", "",
         "b.yaml:1:1: error: bluf: missing required key 'bluf'"),
    ],
)  # fmt: skip
def test_error_names_place_problem_and_fix(old: str, new: str, expected: str) -> None:
    assert old in BASE
    found = findings_of(BASE.replace(old, new, 1))
    assert any(f.startswith(expected) for f in found), found


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("sources:\n", "sources:\n  unused:\n    title: Never cited\n",
         "b.yaml:28:3: warning: sources.unused: source 'unused' is never cited"),
        ("as_of: 2024-10-31\n", "as_of: 2024-10-31\nreview_by: 2024-10-20\n",
         "b.yaml:4:12: warning: review_by: review_by 2024-10-20 has passed"),
        ("    claimed_by: us\n", "    claimed_by: us\n    as_of: 2024-11-02\n",
         "b.yaml:17:12: warning: forces[0].as_of: as_of 2024-11-02 is after the brief's as_of"),
        ("    related: [dprk-kursk]\n", "    related: [dprk-kursk]\n    resolution: Done.\n",
         "b.yaml:27:17: warning: open_questions[0].resolution: question has a resolution but "
         "its status is open"),
        ("    type: warning\n", "    type: warning\n    unreviewed: true\n",
         "b.yaml:19:5: warning: positions[0]: extracted item not yet reviewed"),
    ],
)  # fmt: skip
def test_warnings_do_not_block(old: str, new: str, expected: str) -> None:
    found = findings_of(BASE.replace(old, new, 1))
    assert any(f.startswith(expected) for f in found), found


def test_every_error_is_reported_at_once() -> None:
    text = (
        BASE.replace("title: Test brief", "titel: Test brief")
        .replace("nearly 8,000 troops", "lots")
        .replace("reliability: B", "reliability: Z")
    )
    found = findings_of(text)
    assert len([f for f in found if ": error: " in f]) == 3  # `titel` is one mistake


def test_shared_actors_fill_in_and_conflicting_names_warn(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", "us:\n  name: USA\n  kind: state\nrussia:\n  name: Russia\n")
    text = BASE.replace("    claimed_by: us\n", "    claimed_by: us\n    aligned_with: russia\n")
    brief_path = write(tmp_path, "b.yaml", text)
    checked = load_brief(brief_path, today=TODAY)
    assert checked.brief.actors["russia"].name == "Russia"
    assert checked.brief.actors["us"].name == "United States"
    [warning] = checked.warnings
    assert warning.format().replace(f"{tmp_path}/", "") == (
        "b.yaml:9:3: warning: actors.us: actor 'us' is defined both in this brief and in "
        "actors.yaml:1:1 ('United States' here, 'USA' there); this brief's definition wins "
        "here only; delete one, or give this one a different id"
    )


def test_an_own_actor_shadowing_a_shared_one_warns_naming_both_places(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", "russia:\n  name: Russia\nus:\n  name: United States\n")
    brief_path = write(tmp_path, "b.yaml", BASE)
    [warning] = load_brief(brief_path, today=TODAY).warnings
    assert (
        warning.format()
        .replace(f"{tmp_path}/", "")
        .startswith(
            "b.yaml:9:3: warning: actors.us: actor 'us' is defined both in this brief and in "
            "actors.yaml:3:1; this brief's definition wins"
        )
    )


def test_bad_shared_actors_file_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", "us:\n  nmae: USA\n")
    write(tmp_path, "b.yaml", MINIMAL)
    report = check_paths([tmp_path], today=TODAY)
    assert any("actors.yaml:2:3: error: us.nmae: unknown key 'nmae'" in f.format()
               for f in report.findings)  # fmt: skip


def test_marking_default_comes_from_config() -> None:
    checked = validate_text(MINIMAL, "m.yaml", config=Config(default_marking=Marking.AMBER))
    assert checked.brief.marking is Marking.AMBER


def test_derived_ids_are_stable_when_other_items_change() -> None:
    first = validate_text(BASE, "b.yaml", today=TODAY).brief
    edited = BASE.replace("    type: warning\n", "    type: warning\n    date: 2024-10-30\n")
    edited = edited.replace("Troops arrived", "Many troops arrived")
    second = validate_text(edited, "b.yaml", today=TODAY).brief
    assert first.forces[0].id == second.forces[0].id == "dprk-kursk"
    assert first.positions[0].id == "us-warning"
    assert second.positions[0].id == "us-warning-2024-10-30"
    assert first.open_questions[0].id == second.open_questions[0].id


def test_colliding_derived_ids_get_suffixes() -> None:
    text = BASE.replace(
        "open_questions:",
        "  - actor: us\n    type: warning\n    stance: Again.\n    cite: wire\nopen_questions:",
    )
    brief = validate_text(text, "b.yaml", today=TODAY).brief
    assert [p.id for p in brief.positions] == ["us-warning", "us-warning-2"]


def test_example_briefs_are_valid() -> None:
    report = check_paths([KURSK.parent], today=TODAY)
    assert report.errors == []
    assert len(report.briefs) >= 2
    assert all(f.severity is Severity.WARNING for f in report.findings)


def test_find_briefs_skips_actors_and_hidden(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", MINIMAL)
    write(tmp_path, "actors.yaml", "{}\n")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "h.yaml", MINIMAL)
    write(tmp_path, "notes.txt", "x")
    venv = tmp_path / "env"
    (venv / "lib").mkdir(parents=True)
    write(venv, "pyvenv.cfg", "home = /usr\n")
    write(venv / "lib", "port.yaml", "- 1\n")
    assert [p.name for p in find_briefs([tmp_path])] == ["a.yaml"]


def test_review_by_uses_the_given_day() -> None:
    text = MINIMAL.replace("as_of: 2024-10-31\n", "as_of: 2024-10-31\nreview_by: 2024-11-05\n")
    assert validate_text(text, "m.yaml", today=dt.date(2024, 11, 5)).warnings == ()
    assert validate_text(text, "m.yaml", today=dt.date(2024, 11, 6)).warnings != ()


def test_shared_actor_affiliations_are_brought_in() -> None:
    shared = SharedActors(
        {
            "blinken": validate_actor("Antony Blinken", affiliation="us"),
            "us": validate_actor("United States"),
        }
    )
    text = MINIMAL.replace(
        "sources:",
        "positions:\n  - actor: blinken\n    stance: Warns.\n    cite: src\nsources:",
    )
    brief = validate_text(text, "m.yaml", shared=shared, today=TODAY).brief
    assert sorted(brief.actors) == ["blinken", "us"]


def validate_actor(name: str, affiliation: str | None = None):  # type: ignore[no-untyped-def]
    from briefgen.model import Actor

    return Actor(name=name, affiliation=affiliation)


ELEVEN_MISTAKES = """\
schema: 1
titel: Troops at the border
as_of: 2024-11-01
bluf: |
  Troops gather at the border [@wire-one] and more may come [@wire-nine].
key_judgments:
  - text: More troops will arrive within a month.
    likelihood: probable
    basis: [border-force, no-such-item]
    cite: wire-one
actors:
  north:
    name: North State
forces:
  - id: border-force
    actor: north
    strength: lots
    cite: wire-one
  - actor: sooth
    cite: wire-one
positions:
  - actor: north
    stnace: Denies any plan to cross.
    addressed_to: nobody-here
    cite: wire-one
events:
  - date: yesterday
    summary: Convoys seen on the road.
    cite: wire-one
  - date: 2024-10-30
    summary: A bridge closes.
    cite: wire-two
open_questions:
  - question: Will the troops cross?
    status: resolved
sources:
  wire-one:
    title: Troops gather
    reliability: G
"""


def test_schema_errors_do_not_hide_cross_reference_errors() -> None:
    found = findings_of(ELEVEN_MISTAKES)
    expected = [
        "b.yaml:2:1: error: titel: unknown key 'titel'; did you mean 'title'?",
        "b.yaml:4:7: error: bluf: citation 'wire-nine' does not resolve",
        "b.yaml:8:17: error: key_judgments[0].likelihood: 'probable' is not one of",
        "b.yaml:9:27: error: key_judgments[0].basis[1]: basis refers to unknown item "
        "'no-such-item'",
        "b.yaml:17:15: error: forces[0].strength: 'lots' is not a quantity",
        "b.yaml:19:12: error: forces[1].actor: unknown actor 'sooth'",
        "b.yaml:23:5: error: positions[0].stnace: unknown key 'stnace'; did you mean 'stance'?",
        "b.yaml:24:19: error: positions[0].addressed_to: unknown actor 'nobody-here'",
        "b.yaml:27:11: error: events[0].date: 'yesterday' is not a date",
        "b.yaml:32:11: error: events[1].cite[0]: citation 'wire-two' does not resolve",
        "b.yaml:35:13: error: open_questions[0].status: a resolved question needs a `resolution:`",
        "b.yaml:39:18: error: sources.wire-one.reliability: 'G' is not one of",
    ]
    assert len(found) == len(expected), "\n".join(found)
    for finding, start in zip(found, expected, strict=True):
        assert finding.startswith(start), finding


def test_a_misspelt_required_key_is_one_finding() -> None:
    found = findings_of(BASE.replace("    stance:", "    stnace:"))
    assert found == [
        "b.yaml:21:5: error: positions[0].stnace: unknown key 'stnace'; did you mean 'stance'?"
    ]


def test_a_whole_section_that_cannot_be_read_does_not_flood_references() -> None:
    found = findings_of(BASE.replace("sources:\n  wire:", "sources: wire\nold:\n  wire:"))
    assert [f.split(": error: ")[1].split(":")[0] for f in found] == ["sources", "old"]


def test_example_briefs_never_go_stale() -> None:
    """`make demo` on any day prints no STALE warning: the examples are historical records."""
    report = check_paths([ROOT / "briefs"], today=dt.date(2100, 1, 1))
    assert report.findings == []
    assert len(report.briefs) == 2


def test_a_broken_actors_file_is_one_finding_per_mistake(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", "us:\n  nmae: USA\nrussia:\n  name: Russia\n")
    text = BASE.replace("  us:\n    name: United States\n    kind: state\n", "").replace(
        "    claimed_by: us\n", "    claimed_by: us\n    aligned_with: russa\n"
    )
    write(tmp_path, "b.yaml", text)
    found = [
        f.format().replace(f"{tmp_path}/", "")
        for f in check_paths([tmp_path], today=TODAY).findings
    ]
    assert found == [
        "actors.yaml:2:3: error: us.nmae: unknown key 'nmae'; did you mean 'name'?",
        "b.yaml:14:19: error: forces[0].aligned_with: unknown actor 'russa'; did you mean "
        "'russia'?",
    ]


def test_an_unreadable_actors_file_does_not_flood_the_briefs(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", "us:\n\tname: USA\n")
    write(tmp_path, "b.yaml", BASE.replace("  us:\n    name: United States\n    kind: state\n", ""))
    found = [f.format() for f in check_paths([tmp_path], today=TODAY).findings]
    assert len(found) == 1 and "actors.yaml:2:1: error: a tab character" in found[0]
