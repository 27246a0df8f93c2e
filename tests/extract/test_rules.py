"""Rules, one sentence at a time: speakers, stances, quotes, forces, questions, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.extract import ArticleInfo, Extraction, extract_article

PUBLISHED = dt.date(2024, 10, 31)  # a Thursday
INTRO = "Foreign Minister Anna Berg of Norway and Russian President Vladimir Putin met.\n\n"


def _extract(text: str) -> Extraction:
    return extract_article(INTRO + text, "text", ArticleInfo("s", published=PUBLISHED))[1]


@pytest.mark.parametrize(
    ("text", "speaker", "stance", "quote"),
    [
        ("Berg said that the talks had failed.", "berg", "The talks had failed.", None),
        ("The talks had failed, Berg said on Monday.", "berg", "The talks had failed.", None),
        ('"The talks failed," Berg said.', "berg", "The talks failed.", "The talks failed"),
        (
            '"We tried," Berg said, "and we will try again."',
            "berg",
            "We tried, and we will try again.",
            "and we will try again.",
        ),
        ("The talks had failed, said Putin.", "putin", "The talks had failed.", None),
        ("Putin warned Thursday that Norway would pay a price.", "putin", None, None),
        ('Putin called the talks "a waste of time" in a speech.', None, None, None),
        ("Berg met Putin. He said the West was weak.", None, None, None),
        ("Mr Putin met Ms Berg. He said the West was weak.", "putin", "The West was weak.", None),
        ("U.S. officials said the strikes would continue.", "united-states", None, None),
        (
            "Norway, which hosted the talks, said the process was over.",
            "norway",
            "The process was over.",
            None,
        ),
    ],
)
def test_reported_speech(
    text: str, speaker: str | None, stance: str | None, quote: str | None
) -> None:
    found = [p for p in _extract(text).positions if p.extracted and p.extracted.sentence in text]
    if speaker is None:
        assert not found
        return
    assert [p.actor for p in found] == [speaker]
    if stance:
        assert found[0].stance == stance
    assert found[0].quote == quote


def test_types_addressees_and_dates() -> None:
    found = _extract(
        "Putin warned Thursday that Norway would become a legitimate target. "
        "Berg urged Russia to withdraw its troops. "
        "Berg pledged to send more aid, her office said."
    ).positions
    kinds = {(p.actor, p.type.value, p.addressed_to, p.date) for p in found}
    assert ("putin", "warning", None, PUBLISHED) in kinds
    assert ("berg", "appeal", "russia", None) in kinds
    assert any(p.actor == "berg" and p.type.value == "commitment" for p in found)


@pytest.mark.parametrize(
    ("text", "actor", "strength"),
    [
        ("Nearly 8,000 North Korean troops are in Kursk.", "north-korea", "nearly 8,000 troops"),
        (
            "Russia has deployed up to 50,000 soldiers near the border.",
            "russia",
            "up to 50,000 soldiers",
        ),
        ("Between 3,000 and 4,000 Russian fighters arrived.", "russia", "3,000-4,000 fighters"),
        ("Norway sent two brigades and 40 tanks north.", "norway", "two brigades"),
        (
            "France, which withdrew its last 2,400 soldiers from Mali, said so.",
            "france",
            "2,400 soldiers",
        ),
    ],
)
def test_forces(text: str, actor: str, strength: str) -> None:
    forces = _extract(text).forces
    assert any(f.actor == actor and f.strength and f.strength.as_stated == strength for f in forces)


def test_casualties_are_not_forces() -> None:
    assert not _extract("The strike killed 40 Russian soldiers, Norway said.").forces


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Asked if he thought Norway would win, Putin said no.",
            "Would Norway win?",
        ),
        (
            "Russian troops are expected to enter the city within days.",
            "Will Russian troops enter the city within days?",
        ),
        ("Norway has yet to decide on new sanctions.", "Will Norway decide on new sanctions?"),
        (
            "The allies consider how to respond to the attack.",
            "How will the allies respond to the attack?",
        ),
        (
            "Norway will announce a new aid package in the coming days.",
            "What a new aid package will Norway announce in the coming days?",
        ),
    ],
)
def test_open_questions(text: str, question: str) -> None:
    assert question in [q.question for q in _extract(text).open_questions]


def test_events_resolve_months_against_the_published_year() -> None:
    events = _extract("Norway launched a surprise incursion into the region in August.").events
    assert [e.date for e in events] == ["2024-08"]
