"""One test per construction of real reporting, on short sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.extract import ArticleInfo, Extraction, extract_article
from briefgen.model import Force, Position

PUBLISHED = dt.date(2025, 3, 14)


def _extract(text: str) -> Extraction:
    return extract_article(text, "text", ArticleInfo("s", published=PUBLISHED))[1]


def _positions(text: str) -> list[Position]:
    return _extract(text).positions


def _one(text: str) -> Position:
    found = _positions(text)
    assert len(found) == 1, found
    return found[0]


# --- speech attribution ------------------------------------------------------------------


def test_quote_first_then_a_speaker_introduced_after_the_verb() -> None:
    found = _extract('"The bridge will hold," said Tomas Varga, a retired Hungarian engineer.')
    position = found.positions[0]
    assert position.actor == "varga"
    assert position.quote == "The bridge will hold"
    assert found.actors["varga"].kind == "person"


def test_quote_last_after_a_named_speaker() -> None:
    position = _one('Colonel Ilse Brandt said the convoy was "ready for the crossing".')
    assert position.actor == "brandt"
    assert position.quote == "ready for the crossing"


def test_split_quote_keeps_one_verbatim_fragment_never_stitched() -> None:
    position = _one('"We waited," Colonel Ilse Brandt said, "and we will keep waiting."')
    assert position.stance == "We waited, and we will keep waiting."
    assert position.quote == "and we will keep waiting."
    assert "…" not in (position.quote or "")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The convoy left the depot at dawn, according to the Norwegian defence ministry.",
            "norway",
        ),
        ("According to Colonel Ilse Brandt, the convoy left the depot at dawn.", "brandt"),
        (
            # The person after a title and its acronym, not the title.
            "The convoy left the depot at dawn, according to District Officer (DO) Ilse Brandt.",
            "ilse-brandt",
        ),
        (
            # Data from a body: the body, never "data from ...".
            "According to data from the Norwegian defence ministry, the convoy left the depot "
            "at dawn.",
            "norway",
        ),
        (
            # "As reported earlier" opens the sentence; the speaker comes at its end.
            "As reported earlier, the convoy left the depot at dawn, officials said.",
            "officials",
        ),
    ],
)
def test_according_to_names_the_speaker(text: str, speaker: str) -> None:
    position = _one(text)
    assert position.actor == speaker
    assert "convoy left the depot at dawn" in position.stance


def test_a_titled_name_with_initials_is_one_person_whom_he_then_points_to() -> None:
    found = _positions(
        "The convoy left the depot at dawn, the force's Inspector General D.K. Varga said. "
        "The escort had been doubled, he said."
    )
    assert [p.actor for p in found] == ["varga", "varga"]


def test_a_quote_a_participle_frames_is_not_stitched_to_the_words_before() -> None:
    position = _one(
        "The clash involved more than 10 Larnovian ships, said Ilse Brandt, a spokesperson for "
        'the coast guard, accusing the ships of having "entered the bay from the north".'
    )
    assert position.stance == "The clash involved more than 10 Larnovian ships."


def test_an_aside_it_said_inside_a_clause_is_not_a_second_speaker() -> None:
    position = _one("The Vela Army accused the rebels of shelling villages it said were empty.")
    assert position.actor == "vela-army"
    assert position.stance.endswith("villages it said were empty.")


def test_words_before_a_speaker_stay_the_stance_when_a_with_clause_follows() -> None:
    position = _one(
        "The truce will take effect at midnight, defence minister Ilse Brandt said, with the "
        "army announcing that it would halt all operations."
    )
    assert position.stance == "The truce will take effect at midnight."


def test_a_relative_that_after_the_verb_is_not_the_start_of_the_words() -> None:
    position = _one(
        "Ilse Brandt said the rebel groups that have signed up to the truce comprise some "
        "6,000 fighters."
    )
    assert position.stance.startswith("The rebel groups that have signed up")


def test_a_broadcaster_named_after_a_state_is_not_the_state() -> None:
    position = _one(
        "According to the Voice of America, the convoy left the depot at dawn on Monday."
    )
    assert position.actor == "voice-of-america"


def test_a_long_audience_after_told_is_not_the_stance() -> None:
    position = _one(
        "Ilse Brandt told a joint press conference with government officials on Saturday, "
        '"We will hold the ford."'
    )
    assert position.stance == "We will hold the ford."


def test_speech_reported_inside_speech_is_the_first_speakers_words() -> None:
    position = _one(
        "Ilse Brandt said the world body noted the Ruritanian decision to end its commitment."
    )
    assert position.actor == "brandt"
    assert position.stance == "The world body noted the Ruritanian decision to end its commitment."


def test_participle_saying_belongs_to_the_subject() -> None:
    text = 'Norway confirmed the transfer on Monday, saying it was "a temporary measure".'
    position = _one(text)
    assert position.actor == "norway"
    assert position.quote == "a temporary measure"


@pytest.mark.parametrize(
    ("text", "actor", "kind"),
    [
        ("One diplomatic source said the talks had stalled.", "diplomatic-source", "other"),
        ("Analysts say the brigade is short of fuel and spare parts.", "analysts", "other"),
        (
            'A Telegram account affiliated with the brigade said: "We hold the bridge at Ostrov."',
            "telegram-account-affiliated-with-the-brigade",
            "organization",
        ),
        # A service named with its adjective speaks, with a day between name and verb.
        (
            "The Royal Navy on Wednesday confirmed it was tracking a convoy near the coast.",
            "royal-navy",
            "armed_group",
        ),
        # A seat of government speaks for its state; it is no person called Street.
        ("Downing Street said the talks had stalled.", "united-kingdom", "state"),
    ],
)
def test_anonymous_and_collective_speakers(text: str, actor: str, kind: str) -> None:
    found = _extract(text)
    assert [p.actor for p in found.positions] == [actor]
    assert found.actors[actor].kind == kind


def test_present_tense_says_with_an_organisation_is_not_filed_under_a_place() -> None:
    position = _one("The UN peacekeeping mission in Lebanon says Argentina has asked to join.")
    assert position.actor != "lebanon"
    assert "mission" in position.actor


@pytest.mark.parametrize(
    "text",
    [
        '"The line is stable," Colonel Ilse Brandt told a news conference in Riga.',
        "Colonel Ilse Brandt told Latvian television the line is stable.",
    ],
)
def test_told_x_is_the_audience_not_the_stance(text: str) -> None:
    position = _one(text)
    assert position.actor == "brandt"
    assert position.stance == "The line is stable."


def test_pronoun_resolved_by_gender() -> None:
    found = _extract(
        "Foreign Minister Anna Lind met Mr Oleg Petrov in Oslo. She said the talks were useful."
    )
    assert [p.actor for p in found.positions] == ["lind"]


def test_pronoun_left_unresolved_and_flagged_when_two_people_fit() -> None:
    found = _extract(
        "Foreign Minister Anna Lind met Defence Minister Oleg Petrov. "
        "He said the talks were useful."
    )
    assert found.positions == []
    assert any("not guessed" in r.reason for r in found.rejected)


def test_quotation_standing_alone_continues_the_last_quoted_speaker() -> None:
    found = _extract(
        '"We are ready," Colonel Ilse Brandt said.\n\n"The crossing starts at dawn tomorrow."'
    )
    assert [p.actor for p in found.positions] == ["brandt", "brandt"]
    assert found.positions[1].quote == "The crossing starts at dawn tomorrow."


# --- forces ------------------------------------------------------------------------------


def _force(text: str) -> Force:
    found = _extract(text).forces
    assert len(found) == 1, found
    return found[0]


def _stated(force: Force) -> str:
    assert force.strength is not None
    return force.strength.as_stated


@pytest.mark.parametrize(
    ("text", "stated", "location"),
    [
        (
            "Around 3,000 to 4,000 Chadian troops are deployed in northern Niger.",
            "3,000-4,000",
            "northern Niger",
        ),
        (
            "Approximately 6,000 Greek sailors are stationed off Cyprus.",
            "approximately 6,000 sailors",
            "Cyprus",
        ),
        (
            "As many as 900 Kenyan police officers landed in Haiti on Tuesday.",
            "as many as 900 police officers",
            "Haiti",
        ),
        ("Some 40 Turkish warplanes flew over Syria.", "some 40 warplanes", "Syria"),
        (
            "Estonia hosts a 1,000-strong British battle group near Tapa.",
            "1,000-strong British battle group",
            "Tapa",
        ),
    ],
)
def test_force_amount_unit_and_place_from_the_same_clause(
    text: str, stated: str, location: str
) -> None:
    force = _force(text)
    assert stated in _stated(force)
    assert force.location == location


def test_listed_units_beyond_troops() -> None:
    found = _extract(
        "Some 250 Russian military personnel and 80 military vehicles crossed into Moldova."
    )
    assert [(_stated(f), f.actor, f.location) for f in found.forces] == [
        ("some 250 military personnel", "russia", "Moldova"),
        ("80 military vehicles", "russia", "Moldova"),
    ]


def test_a_force_on_a_dashed_aside_takes_its_status_from_its_own_clause() -> None:
    force = _force(
        "Nine Norwegian ships have been shadowing the convoy off Tromso – as the navy has been "
        "preparing to help the coast guard."
    )
    assert force.status != "planned"


def test_a_clause_is_never_the_subject_of_a_question() -> None:
    found = [
        q.question
        for q in _extract(
            "Officials said Ilse Brandt is leading work with allies which could see Norway "
            "send tanks to the front."
        ).open_questions
    ]
    assert not any("is leading" in q for q in found)


def test_a_force_a_minister_offers_belongs_to_the_ministers_state() -> None:
    force = _force(
        "Chilean Defence Minister Ana Lund said her country was ready to deploy some 500 troops "
        "to guard its border with Peru."
    )
    assert force.actor == "chile"
    assert force.location == "border with Peru"


def test_peacekeepers_from_a_list_of_states_belong_to_whoever_deployed_them() -> None:
    force = _force(
        "The African Union has deployed about 22,000 peacekeepers from Uganda, Burundi and "
        "Kenya to Somalia."
    )
    assert force.actor == "african-union"


def test_a_state_that_speaks_in_the_present_is_no_person() -> None:
    found = _extract("South Africa says it is contributing 1,345 troops to the mission.")
    assert [p.actor for p in found.positions] == ["south-africa"]
    assert "africa" not in found.actors


def test_a_state_before_an_appositive_title_is_no_person() -> None:
    found = _extract(
        "Mexico will deploy 8,500 troops to guard its border with the United States, the "
        "interior minister said."
    )
    assert "states" not in found.actors
    assert [(f.actor, f.location) for f in found.forces] == [
        ("mexico", "border with the United States")
    ]


def test_force_inside_a_quote_belongs_to_the_speaker() -> None:
    force = _force(
        '"Our more than 10,000 peacekeepers remain in Lebanon," the Irish commander said.'
    )
    assert force.actor == "ireland"
    assert _stated(force) == "more than 10,000 peacekeepers"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("France withdrew its 2,400 troops from Mali in 2022.", "withdrawn"),
        ("Germany will deploy 800 soldiers to Lithuania next year.", "planned"),
        ("Some 500 Dutch troops are stationed in Lithuania.", "deployed"),
    ],
)
def test_force_status_from_its_clause(text: str, status: str) -> None:
    force = _force(text)
    assert force.status == status


def test_past_withdrawal_keeps_the_place_it_left() -> None:
    force = _force("France withdrew its 2,400 troops from Mali in 2022.")
    assert (force.actor, force.location, force.status) == ("france", "Mali", "withdrawn")


def test_casualties_are_never_forces_but_incidents() -> None:
    found = _extract("Twelve Malian soldiers were killed and 30 wounded in an ambush near Gao.")
    assert found.forces == []
    [incident] = found.incidents
    assert incident.fatalities is not None and incident.wounded is not None
    assert (incident.fatalities.as_stated, incident.wounded.as_stated) == (
        "Twelve Malian soldiers",
        "30",
    )
    assert (incident.type, incident.location) == ("attack", "Gao")


# --- open questions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("It remains unclear whether the ceasefire will hold.", "Will the ceasefire hold?"),
        (
            "It is unclear how exactly the brigade would be resupplied.",
            "How would the brigade be resupplied?",
        ),
        ("It remains to be seen whether the talks will resume.", "Will the talks resume?"),
        (
            "The ministry did not say when the troops would leave Gao.",
            "When would the troops leave Gao?",
        ),
        (
            "Analysts said the rebels could retake the town within weeks.",
            "Will the rebels retake the town within weeks?",
        ),
        ("The garrison is likely to run out of fuel.", "Will the garrison run out of fuel?"),
        (
            "So far the number of troops to be deployed and the duration of deployment is not "
            "known.",
            "How many troops will be deployed, and how long will the deployment last?",
        ),
        ("The exact number of casualties remains unclear.", "How many casualties are there?"),
        ("The size of the convoy was not disclosed.", "How large is the convoy?"),
        (
            "Officials said raiders are likely to strike again but we are on alert at the ford.",
            "Will raiders strike again?",
        ),
        (
            "Norway's Crown Prince Haakon is ready to visit the base for its opening.",
            "Will Norway's Crown Prince Haakon visit the base for its opening?",
        ),
        (
            # The relative clause is left out of the question.
            "The group is expected to be joined by 60 soldiers who will handle medical, "
            "logistical and engineering duties.",
            "Will the group be joined by 60 soldiers?",
        ),
        (
            # An aside in brackets is not the subject.
            "The remaining contingents (from Peru, Chile and Bolivia) are set to leave Vela by "
            "July.",
            "Will the remaining contingents leave Vela by July?",
        ),
        (
            "Colonel Ilse Brandt warned that the fighting could spread to the coast.",
            "Could the fighting spread to the coast?",
        ),
    ],
)
def test_questions_from_uncertainty_warnings_and_predictions(text: str, question: str) -> None:
    assert question in [q.question for q in _extract(text).open_questions]


def test_next_sentence_gives_the_destination_of_a_force_without_a_place() -> None:
    found = _extract(
        "The Pentagon ordered about 300 more American personnel to move. "
        "They will go to Germany to support the brigade already there."
    )
    assert [(f.actor, f.location) for f in found.forces] == [("united-states", "Germany")]


def test_where_a_force_comes_from_is_not_where_it_stands() -> None:
    force = _force("Canada will send 12 tanker aircraft out of a base in Winnipeg.")
    assert force.location is None


def test_the_subject_of_the_clause_owns_the_force() -> None:
    force = _force("The Sudanese army attacked with infantry and two tanks near Kadugli.")
    assert (force.actor, _stated(force), force.location) == ("sudan", "two tanks", "Kadugli")


def test_munitions_fired_are_not_forces() -> None:
    assert _extract("Iran fired two ballistic missiles at a tanker off Oman.").forces == []


def test_quotation_running_on_into_the_next_paragraph_stays_with_its_speaker() -> None:
    found = _extract(
        "Colonel Ilse Brandt described the march as a test of nerves.\n\n"
        '"We crossed the river twice in one night.\n\n'
        'Nobody slept and nobody complained about it."\n\n'
        "The convoy reached Tartu on Friday."
    )
    assert [p.actor for p in found.positions] == ["brandt", "brandt", "brandt"]
    assert found.positions[0].stance == "The march as a test of nerves."


def test_an_aside_as_the_newspaper_reported_is_not_a_statement() -> None:
    found = _extract(
        "Asked about new units, as the newspaper reported, the ministry gave no figure."
    )
    assert found.positions == []


def test_participle_keeps_what_the_subject_did() -> None:
    position = _one(
        "Hours after the talks, Prime Minister Lena Holm thanked Norway for its support, "
        "noting that the border is calm."
    )
    assert position.actor == "holm"
    assert "Thanked Norway for its support" in position.stance
    assert "the border is calm" in position.stance


@pytest.mark.parametrize(
    ("text", "location"),
    [
        (
            "Some 300 Kenyan police officers landed in the capital of Port-au-Prince.",
            "Port-au-Prince",
        ),
        ("NATO approved a 1,000-strong battalion to each of the Baltic states.", "Baltic states"),
    ],
)
def test_places_named_with_a_lead_in(text: str, location: str) -> None:
    assert _force(text).location == location


def test_a_negated_speech_verb_keeps_its_negation() -> None:
    position = _one("Rwanda has never acknowledged that its troops were operating in Congo.")
    assert position.actor == "rwanda"
    assert position.stance.startswith("Has never acknowledged")


def test_a_place_where_words_were_said_is_not_where_a_force_is() -> None:
    found = _extract(
        'Colonel Ilse Brandt told reporters in Riga: "We are ready." '
        "About 150 Danish troops will join them."
    )
    assert [f.location for f in found.forces] == [None]


def test_regions_count_as_places() -> None:
    assert _force("Washington sent about 2,000 troops to the Middle East.").location == (
        "Middle East"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A small Belarusian military unit is operating near Gomel.",
            [("belarus", "Gomel", "deployed")],
        ),
        (
            "The contingents of the armed forces of Armenia and Azerbaijan will be withdrawn "
            "from the border villages.",
            [
                ("armenia", "border villages", "deployed"),
                ("azerbaijan", "border villages", "deployed"),
            ],
        ),
        (
            "Pakistan stepped up security along its western border by deploying additional troops.",
            [("pakistan", "its western border", None)],
        ),
    ],
)
def test_forces_placed_without_a_number(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    found = _extract(text).forces
    assert [(f.actor, f.location, f.status) for f in found] == expected
    assert all(f.strength is None and f.notes for f in found)


def test_a_force_without_a_number_is_dropped_when_the_article_counts_it() -> None:
    found = _extract(
        "French troops are stationed in Niger. About 1,500 French soldiers are stationed in Niger."
    )
    assert [(f.actor, f.strength is not None) for f in found.forces] == [("france", True)]


def test_words_as_reported_by_a_body_are_its_words() -> None:
    position = _one(
        'The unit will "train local troops and patrol the border", as reported by Baltic Radio.'
    )
    assert position.actor == "baltic-radio"
    assert position.quote == "train local troops and patrol the border"


def test_a_report_named_before_speaks_again_as_the_report() -> None:
    found = _extract(
        "Some 900 Chadian troops are in Niger, said a UN experts report seen by AFP.\n\n"
        "But the report commissioned by the Security Council said the troops "
        "were training local units."
    )
    assert [p.actor for p in found.positions] == ["un-experts-report", "un-experts-report"]


def test_a_described_body_is_resolved_by_name_or_left_unresolved() -> None:
    found = _extract(
        "The Estonian defence ministry said it had seen 12 Russian jets near Narva. "
        "The ministry condemned the flights as a deliberate provocation.\n\n"
        'Riga is calm, "and the coast is quiet", the army said.'
    )
    assert [p.actor for p in found.positions] == ["estonia", "estonia"]
    assert any("'the army' names no body mentioned before" in r.reason for r in found.rejected)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Some 3,000 to 4,000 Chadian troops are deployed in northern Niger.",
            "How many Chadian troops are deployed in northern Niger?",
        ),
        (
            "Media said 9,000 Malian soldiers were moved to Gao. Officials said "
            "only 2,000 Malian soldiers were moved to Gao.",
            "How many Malian troops are deployed in Gao?",
        ),
        (
            "Pakistan stepped up security along its western border by deploying additional troops.",
            "How many Pakistani troops are deployed along its western border?",
        ),
    ],
)
def test_hedged_contested_or_unstated_strengths_raise_a_question(text: str, question: str) -> None:
    assert question in [q.question for q in _extract(text).open_questions]


def test_an_exact_uncontested_strength_raises_no_question() -> None:
    found = _extract("Norway has 400 soldiers in Lithuania.")
    assert not any(q.question.startswith("How many") for q in found.open_questions)


def test_a_figure_restating_a_placed_deployment_takes_its_place() -> None:
    found = _extract(
        "Moldova moved troops to its border with Romania last week. "
        "The move drew protests from several capitals. "
        "Officials said as many as 9,000 Moldovan troops were involved."
    )
    counted = [f for f in found.forces if f.strength is not None]
    assert [(f.actor, f.location) for f in counted] == [("moldova", "border with Romania")]


def test_a_statement_quoting_a_person_gives_the_words_to_the_person() -> None:
    [position] = [
        p
        for p in _positions(
            "Prime Minister Edi Rama met the envoy on Monday. "
            '"The talks cut the risks on the border," the government statement quoted Rama '
            "as saying."
        )
        if p.quote
    ]
    assert (position.actor, position.quote) == ("rama", "The talks cut the risks on the border")


def test_in_what_it_called_is_the_subjects_description() -> None:
    position = _one('China began drills near the island in what it called a "firm warning".')
    assert (position.actor, position.quote) == ("china", "firm warning")
    assert position.stance.startswith("China began drills near the island")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Fishing boats stayed near the reef for 300 days, according to radar data analyzed "
            "by the Marine Watch Institute.",
            "marine-watch-institute",
        ),
        (
            "Fishing boats stayed near the reef for 300 days according to imagery compiled by "
            "Reef Monitor.",
            "reef-monitor",
        ),
    ],
)
def test_according_to_data_made_by_x_is_x(text: str, speaker: str) -> None:
    position = _one(text)
    assert (position.actor, position.stance) == (
        speaker,
        "Fishing boats stayed near the reef for 300 days.",
    )


def test_an_acronym_inserted_in_a_name_keeps_the_name_whole() -> None:
    position = _one(
        "The drills will run until Monday, the Northern Army's [NA] Coastal Command said."
    )
    assert (position.actor, position.stance) == (
        "coastal-command",
        "The drills will run until Monday.",
    )


def test_calling_a_thing_something_is_a_stance() -> None:
    position = _one("President Anna Lund on Monday called the war a defeat for the rebels.")
    assert (position.actor, position.stance) == ("lund", "The war: a defeat for the rebels.")


def test_troops_on_a_shared_border_ask_how_the_neighbour_will_respond() -> None:
    asked = [
        q.question
        for q in _extract(
            "Moldova has moved about 5,000 troops to its border with Romania, officials said."
        ).open_questions
    ]
    assert "How will Romania respond to the Moldovan troop deployment on its border?" in asked


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "The cease-fire between Larnovia and Orsk militias took effect on Monday.",
            "Will the cease-fire between Larnovia and Orsk hold?",
        ),
        (
            "Militants in the valley agreed to a truce last week.",
            "Will the truce agreed by militants in the valley hold?",
        ),
    ],
)
def test_a_reported_ceasefire_asks_whether_it_will_hold(text: str, question: str) -> None:
    assert question in [q.question for q in _extract(text).open_questions]


def test_he_after_one_unnamed_official_far_from_the_verb_is_that_officials_state() -> None:
    found = _extract(
        "Some media reports said as many as 9,000 Moldovan troops were moved. "
        "But a senior Moldovan security official, speaking on the condition of anonymity, said "
        "that the moves involved no more than 2,000 troops. "
        '"We are taking only defensive steps," he said.'
    )
    [quoted] = [p for p in found.positions if p.quote]
    assert (quoted.actor, quoted.quote) == ("moldova", "We are taking only defensive steps")


def test_what_officials_said_is_their_words() -> None:
    [position] = _positions(
        "Since May, the Pentagon has added about 9,000 troops to the region in response to "
        "what officials said is a growing threat from Iran."
    )
    assert (position.actor, position.stance) == ("officials", "A growing threat from Iran.")


def test_maintained_with_an_object_is_not_speech() -> None:
    [position] = _positions(
        "Boats have maintained a presence near the reef for over 300 days according to "
        "imagery compiled by Reef Monitor."
    )
    assert position.actor == "reef-monitor"
    assert _one("Kirby maintained that the move was temporary.").stance == "The move was temporary."


def test_there_have_been_reports_that_gives_the_reports_as_source() -> None:
    position = _one(
        "Citing Western diplomatic sources, there have been local reports in Moldova that "
        "Russia has already deployed 9,000 troops to Transnistria."
    )
    assert (position.actor, position.stance) == (
        "local-reports-in-moldova",
        "Russia has already deployed 9,000 troops to Transnistria.",
    )


def test_a_named_source_after_the_and_adjectives_speaks() -> None:
    position = _one(
        "The usually credible Border Watch Daily reported that 150 Moldovan soldiers set off "
        "on Monday for the border."
    )
    assert (position.actor, position.stance) == (
        "border-watch-daily",
        "150 Moldovan soldiers set off on Monday for the border.",
    )
