"""Open questions about how a reported course goes on: decisions, deadlines, trends, tasks."""

from __future__ import annotations

import pytest

from briefgen.extract.actors import ActorIndex
from briefgen.extract.deployments import strength_questions
from briefgen.extract.rules.prospects import find_disputed, find_prospects, name_it
from briefgen.model import Force, Provenance
from tests.extract.conftest import questions_of


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Alliance ministers agreed in Brussels on Tuesday to send a naval task group to the "
            "Gulf of Vela.",
            "When will Alliance ministers send a naval task group to the Gulf of Vela?",
        ),
        (
            "Orsk has maintained a steady naval presence around Kessel Reef for two years.",
            "Will Orsk keep its steady naval presence around Kessel Reef?",
        ),
        (
            "The visit shows Larnovia's growing military presence in the Tarn Basin.",
            "Will Larnovia expand its military presence in the Tarn Basin further?",
        ),
        (
            "As a result, the ministry has made little progress on its planned airfield repairs.",
            "Will the ministry complete its planned airfield repairs?",
        ),
        (
            'Dubbed "Iron Gate", the exercise — which includes a mock landing — will run until '
            "Thursday, the command said.",
            "Will the exercise dubbed Iron Gate end on Thursday as announced, or be extended?",
        ),
        (
            "The minister announced the withdrawal of the envoy from Vela within 48 hours.",
            "Will the withdrawal of the envoy from Vela take place within 48 hours as announced?",
        ),
        (
            "The army moved two brigades from the northern frontier, where they had been "
            "deployed to fight the Tarn insurgency.",
            "Will moving two brigades from the northern frontier weaken the fight against the "
            "Tarn insurgency?",
        ),
        (
            "The resolution calls for a multinational force of up to 5,000 troops.",
            "Which countries will send troops to the multinational force?",
        ),
        (
            "The government shared the reports of drills near the border with ASEAN partners.",
            "How will ASEAN partners respond to the reports of drills near the border?",
        ),
        (
            "The senator urged the ministry to release details, including the mission's mandate "
            "and rules of engagement.",
            "What are the mission's mandate and rules of engagement?",
        ),
        (
            "The previous mission was marred by fraud and looting.",
            "Will the new mission avoid the failings of the previous mission, marred by fraud "
            "and looting?",
        ),
        (
            "The monitors are there to enforce the decisions of the regional summit.",
            "Will the parties comply with the decisions of the regional summit?",
        ),
        (
            "Officials cited attacks by the Tarn Front on some of the posts that were handed over "
            "to the Vela Army.",
            "Can the Vela Army hold the posts handed over to it against attacks by the Tarn Front?",
        ),
        (
            'The drills, code-named "North Shield", will last until Sunday, the navy said.',
            "Will the drills dubbed North Shield end on Sunday as announced, or be extended?",
        ),
        (
            "Larnovia's growing military presence along the border has worried Orsk.",
            "Will Larnovia expand its military presence along the border further?",
        ),
        (
            "A senior officer said the army had enough reserves to hold the islands.",
            "Will the army hold the islands?",
        ),
        (
            "The ministry urged allies to publish details on the mission's mandate.",
            "What is the mission's mandate?",
        ),
        (
            "Some 400 Larnovian soldiers based in Vela to train local units will return home in "
            "the spring, the ministry said.",
            "How and when will some 400 Larnovian soldiers leave Vela?",
        ),
        (
            "The unit's commanders have not said how many launchers it would bring.",
            "How many launchers would it bring?",
        ),
        (
            "Officials would not say how many soldiers the army had lost.",
            "How many soldiers had the army lost?",
        ),
        (
            "The mission's first ships will face pirate crews who operate from the islands.",
            "Can the mission's first ships push back pirate crews who operate from the islands?",
        ),
        (
            "The previous escort operation was plagued by delays and collisions.",
            "Will the new operation avoid the failings of the previous operation, plagued by "
            "delays and collisions?",
        ),
        (
            "Orsk announced the deployment of two frigates to the strait within days.",
            "Will the deployment of two frigates to the strait take place within days as "
            "announced?",
        ),
        (
            "It remains unclear which navies will take part.",
            "Which navies will take part?",
        ),
        (
            "Officials did not say whether that ban covers escort vessels.",
            "Will that ban cover escort vessels?",
        ),
    ],
)
def test_a_reported_course_raises_the_question_of_how_it_goes_on(text: str, question: str) -> None:
    assert question in questions_of(text)


def test_what_could_happen_is_asked_where_the_speaker_follows_the_clause() -> None:
    found = questions_of(
        "Vela could send more ships to the strait to deter raids, a senior diplomat said on "
        "Friday. Shipping could slow further, as insurers raise premiums."
    )
    # The second "could" is the writer's, not a speaker's: no question.
    assert found == ["Will Vela send more ships to the strait to deter raids?"]


def test_a_withdrawing_force_asks_how_it_leaves_and_who_takes_over() -> None:
    found = questions_of(
        "The president said 900 Larnovian troops stationed in Vela to guard the dam would "
        "leave by spring."
    )
    assert "How and when will the 900 Larnovian troops leave Vela?" in found
    assert (
        "Who will take over the role of the 900 Larnovian troops to guard the dam in Vela?" in found
    )


def test_a_capability_claim_asks_whether_the_claimant_acts_on_it() -> None:
    found = questions_of(
        'A spokesperson said the Vela Republic had "no plans to escalate", but noted it had '
        "sufficient forces to defend its islands."
    )
    # "it" is the party the spokesperson spoke about; "no plans to" is no plan.
    assert found == ["Will the Vela Republic defend its islands?"]


def test_a_force_that_will_face_armed_groups_is_named_by_what_it_is() -> None:
    found = questions_of(
        "About 300 police officers from Chile arrived in Vela on Monday. Once the Chileans "
        "deploy, they will face armed gangs that hold the port district and have burned two "
        "markets. It is unclear what the Chileans' first task will be."
    )
    assert "Can the Chilean police officers push back armed gangs that hold the port district?" in (
        found
    )
    assert "What will the Chilean police officers' first task be?" in found


def test_a_buildup_asks_whether_more_troops_follow_the_ones_counted() -> None:
    found = questions_of(
        "Peru has deployed 400 soldiers to its border with Ecuador. Ecuador asked Peru to "
        "explain the troop buildup."
    )
    assert "Will Peru send more troops to its border with Ecuador beyond the 400 soldiers?" in found


def test_an_attack_one_side_blames_and_the_other_denies_asks_who_did_it() -> None:
    report = (
        "On Monday, the ministry said artillery strikes by the Tarn Front killed 12 villagers at "
        "a market in Osk."
    )
    question = "Who carried out the artillery strikes that killed 12 villagers at a market in Osk?"
    denial = "The Tarn Front denied responsibility for the shelling."
    assert question in questions_of(f"{report} {denial}")
    # Only a denial makes the blame a dispute; the provenance points at the report.
    assert question not in questions_of(f"{report} The Tarn Front held a rally.")
    found = find_disputed(denial, [report])
    assert found is not None and found[0] == 0
    assert report[found[1].start : found[1].end].startswith("artillery strikes by the Tarn Front")


@pytest.mark.parametrize(
    "text",
    [
        # The time is stated: when is not open.
        "Ministers agreed on Tuesday to send a naval task group to Vela by the end of May.",
        # The contributors are named.
        "The resolution calls for a multinational force led by Orsk.",
        # Shared with no one the sentence names.
        "The ministry has shared the information with regional partners.",
        # No one says who "they" are.
        "They will face armed gangs in the hills.",
        # A denial with no attack it answers.
        "The Tarn Front denied responsibility.",
    ],
)
def test_no_prospect_where_the_sentence_leaves_nothing_open(text: str) -> None:
    assert list(find_prospects(text)) == []


def test_an_it_in_a_question_is_named_as_the_body_the_sentence_names_before() -> None:
    found = questions_of(
        "Officials welcomed the deployment of the Vela Army to the coast, but one senator "
        "questioned whether it would be able to hold the port."
    )
    assert found == ["Would the Vela Army be able to hold the port?"]
    assert name_it("Would it hold?", "the talks resumed and") == "Would it hold?"


def test_a_force_on_a_bare_border_is_asked_about_along_the_border() -> None:
    extracted = Provenance(source="s", sentence="Chile moved troops.", span=(0, 5))
    force = Force(
        actor="chile",
        location="border with Peru",
        strength="about 2,000 troops",
        status="deployed",
        cite=("s",),
        extracted=extracted,
    )
    asked = [q for q, _ in strength_questions([force], ActorIndex())]
    assert asked == ["How many Chilean troops are deployed along the border with Peru?"]


def test_a_neighbour_is_named_as_prose_names_it_and_a_service_is_not_asked_twice() -> None:
    found = questions_of(
        "Mexico will deploy 8,500 troops and 3,500 servicemen of the National Guard to guard "
        "its border with the United States, the interior minister said."
    )
    assert "How will the United States respond to the Mexican troop deployment on its border?" in (
        found
    )
    assert not any("National Guard troop deployment" in q for q in found)


def test_a_quotation_mark_is_not_part_of_the_subject() -> None:
    found = questions_of('"The brigade is ready to hold the ford," the colonel said.')
    assert "Will the brigade hold the ford?" in found
