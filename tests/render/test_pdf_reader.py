"""What a reader gets from the PDF: tagged structure, markings on every page, the change box.

Page images of both example briefs go to test-output/ (pdftoppm -r 70) for a person to see.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from briefgen.config import Config
from briefgen.history.diff import diff_briefs
from briefgen.history.revisions import Revision, RevisionInfo
from briefgen.render.pdf import lay_out_brief, render_pdf
from briefgen.validate import Validated, load_brief, parse_shared_actors, validate_text
from briefgen.validate.yaml import parse
from tests.conftest import BRIEFS, ROOT, TODAY

pytestmark = pytest.mark.slow

SHOTS = ROOT / "test-output"
HISTORY = Path(__file__).parents[1] / "history" / "kursk"


@pytest.fixture(scope="module")
def red_sea() -> Validated:
    return load_brief(BRIEFS / "red-sea-shipping.yaml", today=TODAY)


@pytest.fixture(scope="module")
def kursk_pdf(kursk: Validated) -> bytes:
    return render_pdf(kursk, config=Config(), today=TODAY)


def texts_by_band(data: bytes) -> list[tuple[str, str]]:
    """Return each page's text in its top and bottom 15 mm (header and footer)."""
    bands = []
    for page in PdfReader(io.BytesIO(data)).pages:
        height = float(page.mediabox.height)
        placed: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            placed.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))  # noqa: B023

        page.extract_text(visitor_text=visit)
        top = "".join(text for y, text in placed if y > height - 42)
        bottom = "".join(text for y, text in placed if y < 42)
        bands.append((top, bottom))
    return bands


@pytest.mark.parametrize("name", ["dprk-troops-kursk", "red-sea-shipping"])
def test_tlp_label_in_header_and_footer_of_every_page(name: str) -> None:
    checked = load_brief(BRIEFS / f"{name}.yaml", today=TODAY)
    data = render_pdf(checked, config=Config(), today=TODAY)
    label = checked.brief.effective_marking.value
    bands = texts_by_band(data)
    assert bands
    for number, (top, bottom) in enumerate(bands, 1):
        assert label in top, f"page {number} header: {top!r}"
        assert label in bottom, f"page {number} footer: {bottom!r}"
    SHOTS.mkdir(exist_ok=True)
    pdf = SHOTS / f"{name}.pdf"
    pdf.write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", str(pdf), str(SHOTS / f"pdf-{name}")],
            check=True,
            timeout=60,
        )


def test_pdf_is_tagged_pdf_ua_with_language_and_title(kursk_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(kursk_pdf)) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True
        tree = root.StructTreeRoot
        kinds: list[str] = []

        def walk(node: pikepdf.Object, depth: int = 0) -> None:
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                kinds.append(str(node.S))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid, depth + 1)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids, depth + 1)

        walk(tree)
        # Logical reading order: title, then the BLUF heading, then the key judgments.
        assert kinds.count("/H1") == 1 and "/Table" in kinds and "/L" in kinds
        headings = [k for k in kinds if k in ("/H1", "/H2")]
        assert headings[:3] == ["/H1", "/H2", "/H2"]
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
            assert meta.get("dc:title") == "North Korean troops in Russia's Kursk region"


def test_pdf_ua_checker_finds_nothing(tmp_path: Path, kursk_pdf: bytes) -> None:
    # pdfua checks the machine-checkable subset of PDF/UA-1 (veraPDF, a Java tool, is not
    # in any package registry this project installs from); table headers carry /Scope.
    from pdfua import validate

    path = tmp_path / "kursk.pdf"
    path.write_bytes(kursk_pdf)
    report = validate(str(path))
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []


def test_pdf_standard_archival_and_none(kursk: Validated) -> None:
    archival = Config.model_validate({"print": {"pdf_standard": "a-3b"}})
    data = render_pdf(kursk, config=archival, today=TODAY)
    assert data == render_pdf(kursk, config=archival, today=TODAY)
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_metadata() as meta:
        assert meta.get("pdfaid:part") == "3" and meta.get("pdfaid:conformance") == "B"
        assert "/StructTreeRoot" in pdf.Root
    plain = render_pdf(
        kursk, config=Config.model_validate({"print": {"pdf_standard": "none"}}), today=TODAY
    )
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root


def test_contents_list_only_on_long_briefs(red_sea: Validated) -> None:
    short = PdfReader(io.BytesIO(render_pdf(red_sea, config=Config(), today=TODAY)))
    assert "Contents" not in (short.pages[0].extract_text() or "")
    config = Config.model_validate({"print": {"contents_after_pages": 1}})
    long = PdfReader(io.BytesIO(render_pdf(red_sea, config=config, today=TODAY)))
    first = " ".join((long.pages[0].extract_text() or "").split())
    assert "Contents" in first and "Sources" in first


def test_no_nearly_empty_last_page(kursk_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(kursk_pdf))
    last = reader.pages[-1].extract_text() or ""
    body = [line for line in last.splitlines() if line.strip()]
    assert len(body) > 8, last  # more than the colophon and the running header and footer


def test_change_box_on_the_front_page_speaks_to_readers() -> None:
    shared = parse_shared_actors(parse((HISTORY / "actors.yaml").read_text(), "actors.yaml"))
    briefs = [
        validate_text(
            (HISTORY / f"r{n}.yaml").read_text(),
            f"r{n}.yaml",
            shared=shared,
            today=TODAY,
            path=HISTORY / f"r{n}.yaml",
        )
        for n in (1, 2)
    ]
    diff = diff_briefs(briefs[0].brief, briefs[1].brief)
    revisions = [
        Revision(n, "0" * 40, f"abc{n:04d}", dt.datetime(2024, 11, n, 9, tzinfo=dt.UTC),
                 "Ann", "Edit", "kursk.yaml")
        for n in (1, 2)
    ]  # fmt: skip
    info = RevisionInfo(
        "Revision 2", False, revisions[1], revisions[0], "r1", list(diff.changes), True, diff
    )
    data = render_pdf(briefs[1], config=Config(), today=TODAY, revision=info)
    first = " ".join((PdfReader(io.BytesIO(data)).pages[0].extract_text() or "").split())
    assert "As of 31 October 2024 · Revision 2 of 2 November 2024" in first
    assert "What changed since revision 1 of 1 November 2024" in first
    assert "rose from more than 3,000 to about 10,000 (United States claim)." in first
    for developer in ("->", "as_of", "review_by", "…", "2024-10-28"):
        assert developer not in first


def last_block_on_each_page(document: Any) -> list[str]:
    """Return the tag of the lowest block on each laid-out page (headings, captions, text)."""
    blocks = ("h2", "h3", "caption", "p", "li", "tr", "blockquote")
    found = []
    for page in document.pages:
        lowest: tuple[float, str] = (-1.0, "")
        stack = [page._page_box.children[0]]  # the root box; margin boxes come after it
        while stack:
            box = stack.pop()
            if getattr(box, "element_tag", None) in blocks:
                bottom = box.position_y + box.margin_height()
                if bottom >= lowest[0] - 0.01:
                    lowest = (bottom, box.element_tag)
            stack.extend(getattr(box, "children", None) or ())
        found.append(lowest[1])
    return found


@pytest.mark.parametrize("name", ["dprk-troops-kursk", "red-sea-shipping"])
@pytest.mark.parametrize("settings", [{}, {"paper": "Letter"}, {"style": {"font": "serif"}}])
def test_no_page_ends_with_a_heading_or_caption(name: str, settings: dict[str, Any]) -> None:
    checked = load_brief(BRIEFS / f"{name}.yaml", today=TODAY)
    _, document = lay_out_brief(checked, config=Config.model_validate(settings), today=TODAY)
    assert not {"h2", "h3", "caption"} & set(last_block_on_each_page(document))


def test_legend_annex_stays_on_one_page(kursk_pdf: bytes) -> None:
    pages = [
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(kursk_pdf)).pages
    ]
    # The contents list names the annex too; the annex itself is the last page naming it.
    annex = [text for text in pages if "Annex: likelihood terms and source grades" in text][-1]
    assert "almost no chance 1–5%" in annex and "6 truth cannot be judged" in annex


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_the_first_layout_guess_never_changes_whether_a_brief_gets_contents(limit: int) -> None:
    # The guess from the text's length only picks which layout to try first: the brief gets
    # a contents list exactly when, laid out without one, it runs past the limit.
    from briefgen.render import pdf

    checked = load_brief(BRIEFS / "red-sea-shipping.yaml", today=TODAY)
    config = Config.model_validate({"print": {"contents_after_pages": limit}})
    plain = pdf.layout(
        pdf.print_html(checked, config=config, today=TODAY),
        base=checked.path.resolve().parent,
        roots=pdf.allowed_roots(checked, config),
    )
    html, _ = lay_out_brief(checked, config=config, today=TODAY)
    assert ('class="toc"' in html) == (len(plain.pages) > limit)
