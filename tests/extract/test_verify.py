"""One verification layer for every engine: quotes, numbers, speakers and spans are checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.extract import Article, ArticleInfo, Extraction, extract_article
from briefgen.model import Actor, Force, Position, Provenance
from briefgen.model.base import slugify

TEXT = (
    'Colonel Ilse Brandt said the bridge at Ostrov "will hold until spring". '
    "Some 400 Danish troops are stationed near Tapa. "
    "Nine Estonian soldiers were killed in the blast."
)
SENTENCES = [
    'Colonel Ilse Brandt said the bridge at Ostrov "will hold until spring".',
    "Some 400 Danish troops are stationed near Tapa.",
    "Nine Estonian soldiers were killed in the blast.",
]


def _seen(sentence: str) -> Provenance:
    # An engine that is not briefgen gives the sentence but no trustworthy span.
    return Provenance(source="s", sentence=sentence, span=(0, 0))


class _Engine:
    """A stand-in for a model: proposes items, some of them wrong."""

    def extract(self, article: Article, info: ArticleInfo) -> Extraction:
        brandt = Actor(name="Ilse Brandt", kind="person")
        position = {"actor": "brandt", "stance": "The bridge will hold.", "cite": ("s",)}
        return Extraction(
            actors={"brandt": brandt},
            positions=[
                Position(**position, quote="will hold until spring", extracted=_seen(SENTENCES[0])),
                Position(**position, quote="will hold until summer", extracted=_seen(SENTENCES[0])),
                Position(**position, quote="the bridge … will hold", extracted=_seen(SENTENCES[0])),
                Position(**position, extracted=_seen(SENTENCES[1])),
                Position(**position, extracted=_seen("Brandt said something never written.")),
                Position(
                    **{**position, "stance": "The bridge will hold for 90 days."},
                    extracted=_seen(SENTENCES[0]),
                ),
            ],
            forces=[
                Force(
                    actor="denmark",
                    strength="some 400 troops",
                    cite="s",
                    extracted=_seen(SENTENCES[1]),
                ),
                Force(
                    actor="denmark",
                    strength="4,000 troops",
                    cite="s",
                    extracted=_seen(SENTENCES[1]),
                ),
                Force(
                    actor="estonia", strength="9 soldiers", cite="s", extracted=_seen(SENTENCES[2])
                ),
            ],
        )


def _run() -> Extraction:
    info = ArticleInfo("s", published=dt.date(2025, 3, 14))
    return extract_article(TEXT, "text", info, extractor=_Engine())[1]


def test_a_quote_is_kept_only_if_verbatim_and_never_stitched() -> None:
    found = _run()
    quotes = [p.quote for p in found.positions if p.stance == "The bridge will hold."]
    assert quotes[0] == "will hold until spring"
    assert quotes[1] is None and quotes[2] is None
    reasons = [r.reason for r in found.rejected]
    assert sum("not verbatim" in r for r in reasons) == 2


def test_a_speaker_must_be_named_in_the_sentence() -> None:
    found = _run()
    assert not any(p.extracted and p.extracted.sentence == SENTENCES[1] for p in found.positions)
    assert any("is not named in its sentence" in r.reason for r in found.rejected)


def test_an_item_whose_sentence_is_not_in_the_article_is_rejected() -> None:
    found = _run()
    assert any("not in the article" in r.reason for r in found.rejected)


def test_every_number_of_an_item_stands_in_its_sentence() -> None:
    found = _run()
    assert [f.strength.as_stated for f in found.forces if f.strength] == ["some 400 troops"]
    assert any("'4,000 troops': number not in its sentence" in r.reason for r in found.rejected)
    assert not any("90 days" in p.stance for p in found.positions)


def test_a_casualty_figure_is_never_a_force() -> None:
    found = _run()
    assert not any(f.actor == "estonia" for f in found.forces)
    assert found.casualties == ["Nine Estonian soldiers"]


def test_spans_are_located_by_briefgen_not_taken_from_the_engine() -> None:
    found = _run()
    for item in [*found.positions, *found.forces]:
        assert item.extracted is not None
        start, end = item.extracted.span
        assert TEXT[start:end] and TEXT[start:end] in item.extracted.sentence
    first = found.positions[0].extracted
    assert first is not None
    assert TEXT[first.span[0] : first.span[1]] == "will hold until spring"


def test_the_command_lists_rejected_items_and_files_casualties(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Foreign Minister Anna Lind met Defence Minister Oleg Petrov. He said talks were useful. "
        "Two Latvian soldiers were killed near Daugavpils.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["extract", str(article), "--published", "2025-03-14", "-o", str(tmp_path / "d.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert "rejected 1 item(s):" in result.stderr
    assert "speaker 'He' could mean more than one person; not guessed" in result.stderr
    assert "casualty figures not filed" not in result.stderr
    draft = yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))
    assert "forces" not in draft
    assert draft["incidents"][0]["fatalities"]["as_stated"] == "Two Latvian soldiers"
    assert draft["incidents"][0]["location"] == "Daugavpils"


def test_the_command_lists_casualties_it_cannot_date(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Two Latvian soldiers were killed near Daugavpils.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 0, result.output
    assert "casualty figures not filed (no date; never forces): Two Latvian soldiers" in (
        result.stderr
    )


def test_ids_keep_non_latin_letters_meaningful() -> None:
    assert slugify("Северная Корея") == "severnaya-koreya"
    assert slugify("Україна") == "ukrayina"
    assert slugify("북한 군대") == "bukhan-gundae"
    assert slugify("Ελλάδα") == "ellada"
    assert slugify("Łukasz Błaszczak") == "lukasz-blaszczak"
    assert slugify("北朝鮮") == "u5317-u671d-u9bae"


def test_a_cyrillic_title_gives_a_meaningful_brief_id(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Some 400 Danish troops are stationed near Tapa.", encoding="utf-8")
    out = tmp_path / "d.yaml"
    result = CliRunner().invoke(
        cli, ["extract", str(article), "--title", "Войска у границы", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "id: voyska-u-granitsy" in out.read_text(encoding="utf-8")
