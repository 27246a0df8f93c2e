"""Strength and likelihood paths across revisions: on the history page and the brief."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from briefgen.config import Config
from briefgen.history.revisions import revision_info
from briefgen.render.html import render_html
from briefgen.render.pdf import render_pdf
from briefgen.validate import load_brief
from tests.history.conftest import KURSK, Workspace
from tests.site_history.helpers import build, soup

BRIEF = "briefs/dprk-troops-kursk.yaml"
TODAY = dt.date(2024, 11, 20)
SECRET = "55,555"  # the strength only the restricted revision states


def _revision(workspace: Workspace, base: int, **swap: str) -> Path:
    """Write the Kursk example's revision `base` with some lines replaced."""
    text = (KURSK / f"r{base}.yaml").read_text()
    for old, new in swap.items():
        assert old in text, old
        text = text.replace(old, new)
    workspace.write("briefs/actors.yaml", (KURSK / "actors.yaml").read_text())
    return workspace.write(BRIEF, text)


@pytest.fixture
def moving(workspace: Workspace) -> Workspace:
    """Commit four revisions: 3,000, a restricted 55,555, 10,000, then 12,000 troops."""
    _revision(workspace, 1)
    workspace.commit("Add Kursk brief")
    _revision(
        workspace,
        2,
        **{
            "about 10,000 troops": f"about {SECRET} troops",
            "marking: TLP:CLEAR": "marking: TLP:RED",
        },
    )
    workspace.commit("Restricted update")
    _revision(workspace, 2)
    workspace.commit("Public update")
    _revision(
        workspace,
        3,
        **{"about 10,000 troops": "between 11,000 and 12,000 troops"},
    )
    workspace.commit("Latest")
    return workspace


EXPECTED_STRENGTH = [
    ("Revision 1", "more than 3,000 troops"),
    ("Revision 3", "about 10,000 troops"),
    ("Revision 4", "between 11,000 and 12,000 troops"),
]


def _points(figure: object) -> list[tuple[str, str]]:
    return [(p.revision, p.value) for p in figure]  # type: ignore[attr-defined]


def test_brief_paths_skip_the_restricted_revision(moving: Workspace) -> None:
    path = moving.root / BRIEF
    info = revision_info(path)
    assert info is not None
    assert _points(info.paths.strength["dprk-in-russia"]) == EXPECTED_STRENGTH
    assert _points(info.paths.likelihood["kj-combat-soon"]) == [
        ("Revision 1", "likely"),
        ("Revision 3", "very likely"),
    ]
    html = render_html(load_brief(path), config=Config(), today=TODAY, revision=info)
    assert SECRET not in html
    page = soup_text(html)
    chart = page.select_one("svg#fig-strength-path-dprk-in-russia")
    assert chart is not None and chart["role"] == "img"
    assert "Strength over revisions" in chart.title.get_text()  # type: ignore[union-attr]
    steps = [(g["data-revision"], g["data-value"]) for g in chart.select("g.step")]
    assert steps == EXPECTED_STRENGTH
    listed = [li.get_text(" ", strip=True) for li in page.select(".figure-strength-path li")]
    assert [v for _, v in EXPECTED_STRENGTH] == [t.split(": ", 1)[1] for t in listed]
    scale = page.select_one("svg#fig-likelihood-kj-combat-soon")
    assert scale is not None
    earlier = [r["data-band"] for r in scale.select("rect.band-earlier")]
    assert earlier == ["likely"]
    assert scale.select_one("rect.band-judged")["data-band"] == "very likely"  # type: ignore[index]
    assert "Revision 1: likely" in scale.desc.get_text()  # type: ignore[union-attr]


def test_history_page_draws_the_paths(moving: Workspace) -> None:
    site = build(moving.root / "briefs")
    page_path = site / "briefs" / "dprk-troops-kursk" / "history.html"
    text = page_path.read_text(encoding="utf-8")
    assert SECRET not in text
    page = soup(page_path)
    chart = page.select_one(".history-paths svg#fig-strength-path-dprk-in-russia")
    assert chart is not None
    assert [(g["data-revision"], g["data-value"]) for g in chart.select("g.step")] == (
        EXPECTED_STRENGTH
    )
    assert chart.desc is not None and "more than 3,000" in chart.desc.get_text()
    assert page.select_one(".history-paths svg#fig-likelihood-kj-combat-soon") is not None
    # The site's brief page carries the same chart, from the same history.
    brief_page = (site / "briefs" / "dprk-troops-kursk" / "index.html").read_text()
    assert "fig-strength-path-dprk-in-russia" in brief_page and SECRET not in brief_page
    first = {p: p.read_bytes() for p in sorted(site.rglob("*.html"))}
    again = build(moving.root / "briefs", moving.root.parent / "site2")
    for p, data in first.items():
        assert (again / p.relative_to(site)).read_bytes() == data, p


def test_internal_site_may_show_the_restricted_value(moving: Workspace) -> None:
    site = build(moving.root / "briefs", include_restricted=True)
    page = soup(site / "briefs" / "dprk-troops-kursk" / "history.html")
    chart = page.select_one("svg#fig-strength-path-dprk-in-russia")
    assert chart is not None
    assert f"about {SECRET} troops" in [g["data-value"] for g in chart.select("g.step")]


def test_no_paths_without_changes(workspace: Workspace) -> None:
    _revision(workspace, 1)
    workspace.commit("Add")
    info = revision_info(workspace.root / BRIEF, config=Config())
    assert info is not None and not info.paths.strength and not info.paths.likelihood


def soup_text(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_pdf_carries_the_paths_and_rebuilds_identically(moving: Workspace) -> None:
    path = moving.root / BRIEF
    checked = load_brief(path)
    info = revision_info(path, current=checked.brief)
    first = render_pdf(checked, config=Config(), today=TODAY, revision=info)
    assert render_pdf(checked, config=Config(), today=TODAY, revision=info) == first
    text = " ".join(pdf_text(first).split())
    assert "Strength over revisions" in text
    assert "Revision 1, 1 November 2024: more than 3,000 troops" in text
    assert "likely (Revision 1, 1 November 2024) → very likely" in text
    assert SECRET not in text


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_history_page_renders_markdown_and_citations(moving: Workspace) -> None:
    _revision(
        moving,
        3,
        **{
            "text: North Korean troops will take part in combat": (
                "text: North Korean troops will **take part** in combat"
            ),
            "in the coming weeks.\n": "in the coming weeks [@wire-2024-10-31].\n",
        },
    )
    moving.commit("Reword the judgment")
    site = build(moving.root / "briefs")
    page = soup(site / "briefs" / "dprk-troops-kursk" / "history.html")
    newest = page.select("ol.history > li")[0]
    reworded = [li for li in newest.select("li.change") if li.find("strong")]
    assert reworded, newest
    assert reworded[0].strong.get_text() == "take part"  # type: ignore[union-attr]
    link = reworded[0].select_one("sup.cite a.cite-link")
    assert link is not None
    target, _, anchor = str(link["href"]).partition("#")
    assert anchor == "src-wire-2024-10-31"
    assert (site / "briefs" / "dprk-troops-kursk" / target).resolve() == (
        site / "briefs" / "dprk-troops-kursk" / "index.html"
    ).resolve()
    assert "[@" not in page.get_text() and "**" not in page.get_text()
    brief_page = soup(site / "briefs" / "dprk-troops-kursk" / "index.html")
    assert brief_page.select_one("#src-wire-2024-10-31") is not None


def test_a_draft_ends_the_path(moving: Workspace) -> None:
    _revision(moving, 3, **{"about 10,000 troops": "about 14,000 troops"})
    info = revision_info(moving.root / BRIEF)
    assert info is not None and info.draft
    assert _points(info.paths.strength["dprk-in-russia"]) == [
        *EXPECTED_STRENGTH,
        ("Draft", "about 14,000 troops"),
    ]
