"""The site model: publication policy, ordering, topics, actors and questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import MARKER, TODAY

from briefgen.config import Config, PublishPolicy
from briefgen.model import Marking
from briefgen.site import collect_site, is_publishable
from briefgen.site.collect import SiteModel
from briefgen.site.engine.cache import BriefStore
from briefgen.site.engine.inputs import read_inputs


def collect(project: Path, **options: object) -> SiteModel:
    config = options.pop("config", Config())
    inputs = read_inputs(
        project / "briefs",
        config=config,
        today=TODAY,
        store=BriefStore(project / "x.json"),  # type: ignore[arg-type]
    )
    return collect_site(
        inputs.briefs,
        config=config,  # type: ignore[arg-type]
        today=TODAY,
        shared_actors=inputs.shared_actors,
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("marking", "limit", "allowed"),
    [
        (Marking.CLEAR, Marking.CLEAR, True),
        (Marking.GREEN, Marking.CLEAR, False),
        (Marking.GREEN, Marking.GREEN, True),
        (Marking.AMBER, Marking.GREEN, False),
        (Marking.RED, Marking.AMBER_STRICT, False),
        (Marking.AMBER_STRICT, Marking.RED, True),
    ],
)
def test_policy_compares_marking_ranks(marking: Marking, limit: Marking, allowed: bool) -> None:
    config = Config(publish=PublishPolicy(max_marking=limit))
    assert is_publishable(marking, config) is allowed


def test_restricted_brief_is_withheld_everywhere(project: Path) -> None:
    site = collect(project)
    assert [w.brief_id for w in site.withheld] == ["secret-amber"]
    assert "TLP:AMBER" in site.withheld[0].reason
    assert [b.id for b in site.briefs] == ["baltic-cables", "dprk-troops-kursk"]
    assert not any(MARKER.lower() in t for t in site.topics)
    assert "secret-unit" not in site.actors
    china = site.actors["china"]
    assert all(e.brief.id != "secret-amber" for e in china.entries)
    assert all(MARKER not in q.question.question for q in site.open_questions)


def test_include_restricted_keeps_and_flags_them(project: Path) -> None:
    site = collect(project, include_restricted=True)
    assert site.withheld == []
    amber = next(b for b in site.briefs if b.id == "secret-amber")
    assert amber.restricted and amber.marking is Marking.AMBER
    assert "secret-unit" in site.actors


def test_briefs_are_newest_first_with_stale_flag(project: Path) -> None:
    site = collect(project, include_restricted=True)
    assert [b.checked.brief.as_of.isoformat() for b in site.briefs] == [
        "2024-11-19",
        "2024-11-05",
        "2024-10-31",
    ]
    stale = {b.id: b.stale for b in site.briefs}
    assert stale == {"baltic-cables": False, "secret-amber": False, "dprk-troops-kursk": True}


def test_topics_list_their_briefs(project: Path) -> None:
    site = collect(project)
    assert [b.id for b in site.topics["china"]] == ["baltic-cables", "dprk-troops-kursk"]
    assert list(site.topics) == sorted(site.topics)


def test_actor_page_gathers_affiliated_people_across_briefs(project: Path) -> None:
    site = collect(project)
    us = site.actors["united-states"]
    assert us.members == ("austin", "blinken")
    briefs = [b.id for b in us.briefs]
    assert briefs == ["baltic-cables", "dprk-troops-kursk"]
    speakers = {e.speaker for e in us.entries}
    assert speakers == {"blinken", "austin"}
    kursk_entries = [e for e in us.entries if e.brief.id == "dprk-troops-kursk"]
    assert len(kursk_entries) == 6  # four Blinken and two Austin positions
    china = site.actors["china"]
    assert [e.force.location for e in china.entries if e.force] == ["Baltic Sea"]
    assert site.actors["china"].actor.aliases == ("Beijing", "PRC")


def test_questions_board_separates_resolved(project: Path) -> None:
    site = collect(project)
    assert len(site.open_questions) == 5
    assert [e.question.question for e in site.resolved_questions] == [
        "Was the first cable repaired?"
    ]
