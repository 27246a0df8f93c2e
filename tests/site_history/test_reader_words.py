"""Every page of a site with history speaks to readers: no raw citations, ids or field names."""

from __future__ import annotations

import re

from tests.history.conftest import Workspace

from .helpers import build, soup

DEVELOPER = re.compile(r"\[@|->|\bas_of\b|\breview_by\b|\baligned_with\b|\bclaimed_by\b")


def test_no_page_shows_raw_citations_item_ids_or_field_names(kursk: Workspace) -> None:
    out = build(kursk.root / "briefs")
    brief = (kursk.root / "briefs" / "dprk-troops-kursk.yaml").read_text()
    item_ids = set(re.findall(r"^\s+- id: (\S+)", brief, flags=re.MULTILINE))
    assert "dprk-in-kursk" in item_ids
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        body = soup(page).body
        assert body is not None
        text = body.get_text(" ")
        assert not DEVELOPER.search(text), (page, DEVELOPER.search(text))
        words = set(re.findall(r"[\w-]+", text))
        assert not item_ids & words, (page, item_ids & words)
        # Search excerpts come from prose: tables, sources and legends stay out of the index.
        for table in body.find_all("table"):
            assert table.find_parent(attrs={"data-pagefind-ignore": True}), page


def test_actor_page_gathers_aligned_and_affiliated_forces_and_mentions(kursk: Workspace) -> None:
    out = build(kursk.root / "briefs")
    russia = soup(out / "actors" / "russia" / "index.html")
    text = " ".join(russia.get_text(" ").split())
    assert "No forces or stated positions recorded." not in text
    assert "North Korea, aligned with Russia:" in text
    mentions = russia.select(".mentions li a")
    assert [a.get_text() for a in mentions] == ["North Korean troops in Russia’s Kursk region"]


def test_titles_and_cards_read_well(kursk: Workspace) -> None:
    out = build(kursk.root / "briefs")
    home = soup(out / "index.html")
    assert home.title is not None and home.title.get_text() == "Test briefs"
    topics = soup(out / "topics" / "index.html")
    assert topics.title is not None and topics.title.get_text() == "Topics · Test briefs"
    card = home.select_one(".card")
    assert card is not None
    facts = " ".join(card.get_text(" ").split())
    assert re.search(r"\b\d+ key judgments?\b", facts), facts
    assert "Latest change: Question resolved:" in facts
    lead = card.select_one(".card-bluf")
    assert lead is not None and lead.get_text().startswith("US officials say nearly 8,000")
    assert lead.get_text().count(". ") == 0  # the first sentence only
