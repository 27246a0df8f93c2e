"""Casualty figures become incidents: date, type, place, figures as stated, claimant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.extract import ArticleInfo, Extraction, extract_article
from briefgen.extract.rules.incidents import find_incidents
from briefgen.validate import validate_text

PUBLISHED = dt.date(2025, 3, 14)


def _extract(text: str) -> Extraction:
    return extract_article(text, "text", ArticleInfo("s", published=PUBLISHED))[1]


@pytest.mark.parametrize(
    ("text", "figures", "kind"),
    [
        (
            "A drone hit a depot near Lake Vira, killing 9 border guards and wounding 14.",
            {"fatalities": "9 border guards", "wounded": "14"},
            "drone",
        ),
        (
            "At least 31 people were killed in an airstrike on the market town of Osk.",
            {"fatalities": "At least 31 people"},
            "airstrike",
        ),
        (
            "Shelling overnight left two police officers dead in the port.",
            {"fatalities": "two police officers"},
            "shelling",
        ),
        (
            "The rebels said they captured 40 soldiers during clashes north of Brena.",
            {"captured": "40 soldiers"},
            "clash",
        ),
        (
            "A missile struck the barracks and some 60 recruits were injured.",
            {"wounded": "some 60 recruits"},
            "missile",
        ),
        (
            "Six sailors were reported missing after the warship sank; four were killed.",
            {"fatalities": "four"},
            "naval",
        ),
    ],
)
def test_a_casualty_figure_is_kept_as_stated_with_its_type(
    text: str, figures: dict[str, str], kind: str
) -> None:
    [found] = find_incidents(text)
    assert (found.figures, found.type) == (figures, kind)


def test_strengths_and_years_are_not_casualties() -> None:
    assert find_incidents("Larnovia has deployed 3,000 troops to the frontier.") == []
    assert find_incidents("The ceasefire of 2019 was broken by the attack.") == []


def test_competing_claims_are_separate_incidents_with_their_claimants() -> None:
    found = _extract(
        "Larnovia's army said 200 Orsk fighters were killed near Dalen on Tuesday. "
        "Orsk said only 20 of its fighters died."
    )
    assert found.forces == []
    stated = [i.fatalities.as_stated for i in found.incidents if i.fatalities]
    assert stated == ["200 Orsk fighters", "20 of its fighters"]
    first, second = found.incidents
    assert (first.date, first.location) == ("2025-03-11", "Dalen")
    assert first.claimed_by != second.claimed_by
    assert first.claimed_by is not None


def test_a_known_place_gets_its_id_and_coordinates_from_the_gazetteer() -> None:
    found = _extract(
        "Kyiv said a strike near Sudzha killed 12 Russian soldiers on Monday. "
        "Russia has some 9,000 troops in the Kursk region."
    )
    [incident] = found.incidents
    assert (incident.place, incident.type) == ("sudzha", "attack")
    assert incident.actors == ("russia",)
    [force] = found.forces
    assert force.place == "kursk-region"
    assert set(found.places) == {"sudzha", "kursk-region"}
    assert (found.places["sudzha"].lat, found.places["sudzha"].lon) == (51.2, 35.3)


def test_an_unknown_place_stays_free_text_and_is_never_invented() -> None:
    found = _extract("Ten militiamen were killed in clashes near Velmora on Friday.")
    [incident] = found.incidents
    assert (incident.place, incident.location) == (None, "Velmora")
    assert found.places == {}


def test_the_draft_with_incidents_and_places_validates(tmp_path: Path) -> None:
    text = (
        "Ukraine's army said on Tuesday that a drone strike near Sudzha killed at least 40 "
        "Russian soldiers and wounded 25 others. Russia's defence ministry said only 6 soldiers "
        "were wounded. Russia has about 10,000 troops in the Kursk region, officials said."
    )
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "d.yaml"
    result = CliRunner().invoke(
        cli, ["extract", str(article), "--published", "2024-08-14", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [i["type"] for i in draft["incidents"]] == ["drone", "other"]
    assert draft["incidents"][0]["fatalities"] == "at least 40 Russian soldiers"
    assert draft["incidents"][0]["claimed_by"] == "ukraine"
    assert draft["incidents"][1]["claimed_by"] == "russia"
    assert all(i["unreviewed"] is True and i["extracted"]["sentence"] for i in draft["incidents"])
    assert draft["places"]["sudzha"]["kind"] == "city"
    assert all(f["place"] in draft["places"] for f in draft["forces"])
    validated = validate_text(out.read_text(encoding="utf-8"), str(out))  # raises on errors
    assert len(validated.brief.incidents) == 2


def test_figures_in_words_keep_their_words_and_get_their_value() -> None:
    found = _extract(
        "A raid near Gao killed a dozen fighters on Monday. "
        "At least fifteen soldiers were wounded near Gao. "
        "The blast killed hundreds of people."
    )
    figures = [i.fatalities or i.wounded for i in found.incidents]
    assert [(q.as_stated, q.value, q.qualifier) for q in figures if q] == [
        ("a dozen fighters", 12, "exact"),
        ("At least fifteen soldiers", 15, "at_least"),
    ]
    assert found.casualties == []  # "hundreds" is no figure: neither filed nor listed
