"""Open questions from truces, requests, plans, unclaimed attacks and partial arrivals."""

from __future__ import annotations

import pytest

from tests.extract.conftest import questions_of


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "A cease-fire took effect on Monday to end a month of fighting between Larnovia "
            "and Orsk.",
            "Will the cease-fire between Larnovia and Orsk hold?",
        ),
        (
            "The council received the request of the Larnovian government to the Security "
            "Council on Monday to delay the drawdown of the mission.",
            "Will the Security Council grant the Larnovian government's request to delay the "
            "drawdown of the mission?",
        ),
        (
            "Officials in Vela said the deployment is temporary.",
            "How long will the temporary deployment last?",
        ),
        (
            "Diplomats said the plan to withdraw 2,000 soldiers from Vela at the end of May is "
            "still the same.",
            "Will the plan to withdraw 2,000 soldiers from Vela at the end of May go ahead?",
        ),
        (
            "Three soldiers were killed in a roadside bomb attack near Vela on Monday.",
            "Who carried out the roadside bomb attack near Vela?",
        ),
    ],
)
def test_a_sentence_shape_raises_its_question(text: str, question: str) -> None:
    assert question in questions_of(text)


def test_an_attack_someone_claimed_raises_no_question_of_who() -> None:
    text = (
        "Three soldiers were killed in a roadside bomb attack near Vela on Monday, and the "
        "Orsk Front claimed responsibility."
    )
    assert not any(q.startswith("Who carried out") for q in questions_of(text))


def test_a_ceasefire_named_later_with_its_parties_replaces_the_bare_question() -> None:
    questions = questions_of(
        "The cease-fire took effect on Monday.\n\nThe cease-fire between Larnovia and Orsk "
        "was signed in Vela after a month of talks."
    )
    assert [q for q in questions if q.endswith("hold?")] == [
        "Will the cease-fire between Larnovia and Orsk hold?"
    ]


def test_the_first_part_of_a_force_asks_when_the_rest_arrives() -> None:
    questions = questions_of(
        "About 200 Hungarian soldiers arrived in Vela on Monday, the first contingent of a "
        "600-member force."
    )
    assert "When will the rest of the Hungarian force arrive in Vela?" in questions


def test_a_toll_an_armed_group_claims_asks_whether_it_is_accurate() -> None:
    questions = questions_of(
        'The Vela Brigade said on Monday: "Our fighters repelled the attack, with more than 40 '
        'rebel fighters killed."'
    )
    assert "Is the Vela Brigade claim of more than 40 rebel fighters killed accurate?" in questions


def test_a_count_the_text_only_guesses_at_asks_how_many() -> None:
    assert "How many boats went uncounted?" in questions_of(
        "Many boats likely went uncounted because they sailed at night."
    )


def test_a_strength_resting_on_press_reports_asks_whether_it_is_accurate() -> None:
    assert "Is the reported figure of as many as 9,000 troops accurate?" in questions_of(
        "Some media reports suggested that as many as 9,000 Hungarian troops were moved to Vela."
    )


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Vela said it is tracking the possibility that Hungarian troops are fighting at "
            "the ford.",
            "Are Hungarian troops fighting at the ford?",
        ),
        (
            "There are also reports that some Hungarian troops have deserted.",
            "Have some Hungarian troops deserted?",
        ),
        (
            'In a statement, the Vela Brigade said it had "successfully repelled a fierce attack '
            'launched by the militia on the town of Orsk early Sunday."',
            "Can the Vela Brigade hold the town of Orsk against further attacks?",
        ),
    ],
)
def test_what_is_unconfirmed_or_only_held_so_far_is_asked(text: str, question: str) -> None:
    assert question in questions_of(text)


def test_two_questions_sharing_a_subject_but_not_their_point_are_both_asked() -> None:
    questions = questions_of(
        "Vela said it is tracking the possibility that Hungarian troops are fighting at the "
        "ford. There are also reports that some Hungarian troops have deserted."
    )
    assert "Have some Hungarian troops deserted?" in questions
    assert "Are Hungarian troops fighting at the ford?" in questions


def test_some_units_sent_asks_how_many() -> None:
    assert "How many refueling aircraft will Hungary send?" in questions_of(
        "Hungary will send some refueling aircraft to the base at Vela."
    )


def test_plans_owned_by_someone_are_a_noun_not_what_they_will_do() -> None:
    found = questions_of(
        "A team of soldiers has arrived in Vela as part of the Larnovian army's plans to deploy "
        "hundreds of troops in the region."
    )
    assert not any(q.startswith("Will part of") for q in found)


def test_plans_a_subject_approved_are_asked_of_that_subject() -> None:
    found = questions_of(
        "The clash came a week after Orsk approved plans to turn the reef into a nature reserve."
    )
    assert "Will Orsk turn the reef into a nature reserve?" in found


def test_the_parties_to_a_truce_leave_the_auxiliary_out() -> None:
    found = questions_of("Officials said Larnovia and the rebels had signed a truce on Monday.")
    assert "Will the truce agreed by Larnovia and the rebels hold?" in found
