"""Places and incidents: the schema, shared places.yaml, cross-references and the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import ValidationFailed
from briefgen.history.diff import diff_briefs
from briefgen.model import IncidentType, Qualifier
from briefgen.render.diff_text import format_text
from briefgen.validate import check_paths, find_briefs, load_brief, validate_text
from tests.conftest import TODAY, write

BRIEF = """\
schema: 1
title: Border fighting
as_of: 2024-10-31
bluf: Fighting goes on near the border [@wire].
places:
  sudzha:
    name: Sudzha
    lat: 51.19
    lon: 35.27
    kind: city
actors:
  ua: {name: Ukraine, kind: state}
  ru: {name: Russia, kind: state}
forces:
  - actor: ua
    place: sudzha
    strength: about 2,000 troops
    cite: wire
events:
  - date: 2024-08
    summary: A border crossing.
    place: sudzha
    cite: wire
incidents:
  - id: strike-one
    date: 2024-08-12
    type: airstrike
    place: sudzha
    actors: [ru]
    fatalities: more than 20 soldiers
    wounded: between 30 and 40
    captured: 3
    claimed_by: ua
    cite: wire
  - date: 2024-09
    type: shelling
    location: Villages west of the town
    cite: wire
sources:
  wire: {title: Wire report}
"""


def errors_of(text: str, name: str = "b.yaml") -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        validate_text(text, name, today=TODAY)
    return [f.format() for f in info.value.findings]


def test_places_and_incidents_are_read_as_stated() -> None:
    brief = validate_text(BRIEF, "b.yaml", today=TODAY).brief
    assert brief.places["sudzha"].lat == 51.19
    strike, shelling = brief.incidents
    assert strike.type is IncidentType.AIRSTRIKE
    assert strike.fatalities is not None and strike.fatalities.qualifier is Qualifier.MORE_THAN
    assert strike.wounded is not None and (strike.wounded.min, strike.wounded.max) == (30, 40)
    assert strike.captured is not None and strike.captured.value == 3
    assert shelling.id == "inc-2024-09-villages-west-of-the-town"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("lat: 51.19", "lat: 91", "b.yaml:8:10: error: places.sudzha.lat: 91 is out of range;"),
        ("lon: 35.27", "lon: -181", "b.yaml:9:10: error: places.sudzha.lon: -181 is out of range;"),
        (
            "    place: sudzha\n    strength",
            "    place: sudzah\n    strength",
            "b.yaml:16:12: error: forces[0].place: unknown place 'sudzah'; did you mean 'sudzha'?",
        ),
        (
            "    location: Villages west of the town\n",
            "",
            "b.yaml:35:5: error: incidents[1]: an incident needs `place:` (a place id) or "
            "`location:` (free text)",
        ),
        (
            "type: airstrike",
            "type: bombing",
            "b.yaml:27:11: error: incidents[0].type: 'bombing' is not one of",
        ),
        ("    claimed_by: ua\n", "    claimed_by: uk\n", "incidents[0].claimed_by: unknown actor"),
    ],
)
def test_bad_places_and_incidents_are_refused_with_their_place(
    old: str, new: str, expected: str
) -> None:
    assert old in BRIEF
    found = errors_of(BRIEF.replace(old, new, 1))
    assert any(expected in f for f in found), found


def test_shared_places_file_fills_in_the_places_a_brief_refers_to(tmp_path: Path) -> None:
    write(
        tmp_path,
        "places.yaml",
        "kursk:\n  name: Kursk\n  lat: 51.73\n  lon: 36.19\n  kind: city\n"
        "unused:\n  name: Elsewhere\n  lat: 1\n  lon: 2\n",
    )
    path = write(
        tmp_path,
        "b.yaml",
        BRIEF.replace("    place: sudzha\n    cite", "    place: kursk\n    cite"),
    )
    brief = load_brief(path, today=TODAY).brief
    assert sorted(brief.places) == ["kursk", "sudzha"]
    assert find_briefs([tmp_path]) == [path]


def test_bad_shared_places_file_is_reported_with_its_place(tmp_path: Path) -> None:
    write(tmp_path, "places.yaml", "kursk:\n  name: Kursk\n  lat: 151.73\n  lon: 36.19\n")
    write(tmp_path, "b.yaml", BRIEF)
    report = check_paths([tmp_path], today=TODAY)
    assert any("places.yaml:3:8: error: kursk.lat: 151.73 is out of range" in f.format()
               for f in report.findings)  # fmt: skip


def test_diff_matches_incidents_and_places_by_id_and_compares_quantities() -> None:
    old = validate_text(BRIEF, "b.yaml", today=TODAY).brief
    new_text = (
        BRIEF.replace("more than 20 soldiers", "over 20 soldiers")  # same amount, new words
        .replace("    captured: 3\n", "    captured: about 5\n")
        .replace("lon: 35.27", "lon: 35.3")
    )
    new = validate_text(new_text, "b.yaml", today=TODAY).brief
    text = format_text(diff_briefs(old, new))
    assert (
        "incident 2024-08-12 airstrike in Sudzha: captured 3 -> about 5 (claimed by Ukraine)"
        in text
    )
    assert "fatalities" not in text
    assert "place Sudzha: lon 35.27 -> 35.3" in text
    added = format_text(diff_briefs(old.model_copy(update={"incidents": ()}), old))
    assert (
        "new incident: 2024-08-12 airstrike in Sudzha: fatalities more than 20 soldiers, "
        "wounded between 30 and 40, captured 3 (claimed by Ukraine)" in added
    )


def test_a_place_defined_twice_differently_warns(tmp_path: Path) -> None:
    write(tmp_path, "places.yaml", "sudzha:\n  name: Sudzha\n  lat: 51.2\n  lon: 35.27\n")
    checked = load_brief(write(tmp_path, "b.yaml", BRIEF), today=TODAY)
    assert checked.brief.places["sudzha"].lat == 51.19  # the brief's own wins
    [warning] = checked.warnings
    assert warning.format().endswith(
        "b.yaml:6:3: warning: places.sudzha: place 'sudzha' is 'Sudzha' (51.19, 35.27) here "
        "but 'Sudzha' (51.2, 35.27) in places.yaml; use one, or a different id"
    )
