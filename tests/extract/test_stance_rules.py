"""Rules that keep positions to what was said, on short sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from briefgen.extract import ArticleInfo, Extraction, extract_article

PUBLISHED = dt.date(2025, 3, 14)


def _extract(text: str) -> Extraction:
    return extract_article(text, "text", ArticleInfo("s", published=PUBLISHED))[1]


def test_a_sentence_cut_off_mid_word_gives_no_position_and_is_reported() -> None:
    found = _extract(
        "The talks resumed on Monday.\n\nForeign Minister Ana Lund said the convoy would wait "
        "at the ford until the talks resum"
    )
    assert found.positions == []
    assert any("breaks off" in r.reason for r in found.rejected)


def test_which_said_gives_the_words_to_the_antecedent() -> None:
    found = _extract('The plan drew praise from Norway, which said it was "a careful first step".')
    assert [(p.actor, p.quote) for p in found.positions] == [("norway", "a careful first step")]


def test_a_named_force_keeps_whose_forces_it_is() -> None:
    found = _extract("The Armed Forces of Ruritania said the convoy had crossed the river at dawn.")
    assert [p.actor for p in found.positions] == ["armed-forces-of-ruritania"]
    assert found.actors["armed-forces-of-ruritania"].name == "Armed Forces of Ruritania"


def test_a_sentence_opening_with_the_whole_quotation_keeps_it_as_the_words() -> None:
    found = _extract(
        "The Ruritanian foreign ministry wrote to the council on Monday. "
        '"The council must decide on the pause within three weeks," said the letter, the '
        "envoy Olga Brandt handed to the council president on Tuesday."
    )
    [position] = [p for p in found.positions if "pause" in p.stance]
    assert position.quote == "The council must decide on the pause within three weeks"
    assert "Brandt" not in position.stance


def test_a_subordinate_clause_cut_by_its_own_verb_is_no_stance() -> None:
    found = _extract(
        "The ministry said though the ambassador, Ana Lund, claimed that the drills were routine, "
        "it had shared the reports with its partners."
    )
    assert not any(p.stance.startswith("Though") for p in found.positions)


def test_one_speaker_with_two_coordinated_verbs_gives_one_position() -> None:
    found = _extract(
        "Foreign Minister Ana Lund warned Ruritania against moving troops to the ford and "
        'called on its leaders to "return to the talks".'
    )
    [position] = found.positions
    assert "moving troops" in position.stance
    assert "return to the talks" in position.stance
    assert position.quote == "return to the talks"


def test_a_quoted_question_is_asked_not_a_stance() -> None:
    found = _extract('"What is going to happen to the convoy at the ford," Ana Lund said.')
    assert found.positions == []


def test_a_post_from_a_named_person_gives_the_quote_to_its_author() -> None:
    found = _extract(
        "The denial followed a tweet from press secretary Ana Lund on Wednesday: "
        "“Ruritania is not sending 4,000 troops to the ford.”"
    )
    [position] = found.positions
    assert position.actor == "lund"
    assert position.quote == "Ruritania is not sending 4,000 troops to the ford."


def test_a_newspaper_citing_officials_reports_what_they_said() -> None:
    found = _extract(
        "The Vela Herald cited unnamed officials to report the ministry is considering more "
        "patrols at the ford."
    )
    [position] = found.positions
    assert "considering more patrols" in position.stance
    assert found.actors[position.actor].name == "Vela Herald"


def test_a_speaker_restating_the_same_figure_gives_one_position() -> None:
    found = _extract(
        "Vela media reported that Ruritania has sent 3,000 troops to the ford. "
        "According to Vela media, the scale of the deployment is up to 3,000."
    )
    assert len([p for p in found.positions if "3,000" in p.stance]) == 1


def test_what_follows_said_after_is_when_not_what() -> None:
    found = _extract(
        "The army could send more troops to the ford, Foreign Minister Ana Lund said Thursday "
        "after a report the ministry is weighing plans to send 4,000 troops to the region."
    )
    [position] = found.positions
    assert position.stance.startswith("The army could send more troops to the ford")


def test_a_dateline_is_not_part_of_the_stance() -> None:
    found = _extract(
        "VELA (Wire) - The army could send more troops to the ford, Foreign Minister Ana Lund said."
    )
    [position] = found.positions
    assert position.stance == "The army could send more troops to the ford."


def test_a_quotation_running_on_keeps_its_opening_and_reports_the_rest() -> None:
    found = _extract(
        '"We are ready," Colonel Ilse Brandt said. "The crossing starts at dawn tomorrow." '
        '"Nobody will sleep before the convoy is across the river."'
    )
    assert [p.quote for p in found.positions] == [
        "We are ready",
        "The crossing starts at dawn tomorrow.",
    ]
    assert any("running on" in r.reason for r in found.rejected)
