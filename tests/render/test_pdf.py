"""PDF rendering with real WeasyPrint, checked by reading the PDF back."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.config import Config
from briefgen.errors import RenderError
from briefgen.render.env import builtin_templates
from briefgen.render.fonts import covered_codepoints, font_warning
from briefgen.render.pdf import html_to_pdf, render_pdf
from briefgen.validate import Validated
from tests.conftest import TODAY

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf_bytes(kursk: Validated) -> bytes:
    return render_pdf(kursk, config=Config(), today=TODAY)


@pytest.fixture(scope="module")
def reader(pdf_bytes: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes))


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def test_every_page_has_marking_and_page_n_of_m(reader: PdfReader) -> None:
    texts = page_texts(reader)
    total = len(texts)
    assert total >= 3
    for number, text in enumerate(texts, 1):
        assert "TLP:CLEAR" in text
        assert f"Page {number} of {total}" in text
        assert "As of 31 October 2024" in text


def test_first_page_has_title_bluf_and_key_judgments_then_contents(reader: PdfReader) -> None:
    texts = page_texts(reader)
    first = texts[0]
    assert "North Korean troops in Russia’s Kursk region" in first
    assert "As of 31 October 2024 · Briefgen example desk" in first
    assert "US officials say nearly 8,000" in first
    assert "We judge this likely (55–80%), with moderate confidence." in first
    assert "Based on Forces: North Korea in Kursk region;" in first
    # Only a brief of more than 4 pages gets a contents list, after its key judgments.
    assert len(texts) > 4 and first.index("Contents") > first.index("We judge this")
    for raw in ("dprk-in-kursk", "[@", "Very likely", "->"):
        assert raw not in first


def test_korean_and_cyrillic_come_out_as_text(reader: PdfReader) -> None:
    text = " ".join(page_texts(reader))
    assert "КУРСКАЯ ОБЛАСТЬ" in text  # the kicker is set in capitals
    assert "한국방송공사" in text
    assert "Президент України" in text  # Ukrainian і


def test_bookmarks_follow_headings(reader: PdfReader) -> None:
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)  # type: ignore[attr-defined]

    walk(reader.outline)
    assert titles[0] == "North Korean troops in Russia’s Kursk region"
    for heading in ("Bottom line up front", "Key judgments", "Forces", "Stated positions",
                    "Timeline", "Open questions", "Sources"):  # fmt: skip
        assert heading in titles
    assert "Antony Blinken (Secretary of State, United States)" in titles


def test_metadata_comes_from_the_brief(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "North Korean troops in Russia's Kursk region"
    assert meta.author == "Briefgen example desk"
    assert meta["/Keywords"] == "russia-ukraine-war, north-korea, china"
    assert meta["/CreationDate"].startswith("D:20241031")
    assert meta["/Creator"] == "briefgen 0.1.0"


def test_citations_are_clickable_internal_links(reader: PdfReader) -> None:
    links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object()["/Subtype"] == "/Link"
    ]
    internal = [a for a in links if "/Dest" in a or "/GoTo" in str(a.get("/A", ""))]
    assert len(internal) >= 20


def test_fonts_are_embedded(reader: PdfReader) -> None:
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Noto-Sans" in f for f in fonts)


def test_rebuild_is_byte_identical(kursk: Validated, pdf_bytes: bytes) -> None:
    assert render_pdf(kursk, config=Config(), today=TODAY) == pdf_bytes


def test_letter_paper(kursk: Validated) -> None:
    data = render_pdf(kursk, config=Config(paper="Letter"), today=TODAY)
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


@pytest.mark.parametrize(
    ("html", "refused"),
    [
        ('<img src="file:///etc/passwd">', "refused to read /etc/passwd"),
        ('<link rel="stylesheet" href="http://127.0.0.1:9/x.css">', "refused to fetch http://"),
        ('<img src="https://example.org/x.png">', "refused to fetch https://"),
        ('<img src="../outside.png">', "refused to read"),
        ("<style>@import url(/etc/hostname);</style>", "refused to read /etc/hostname"),
    ],
)
def test_resources_outside_the_brief_folder_are_refused(
    tmp_path: Path, html: str, refused: str
) -> None:
    folder = tmp_path / "briefs"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    with pytest.raises(RenderError, match=re.escape(refused)):
        html_to_pdf(f"<p>x</p>{html}", base=folder, roots=[folder, builtin_templates()])


def test_files_in_the_brief_folder_may_be_used(tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("p { color: red }", encoding="utf-8")
    data = html_to_pdf('<link rel="stylesheet" href="style.css"><p>Allowed</p>',
                       base=tmp_path, roots=[tmp_path])  # fmt: skip
    assert "Allowed" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_font_check_names_missing_characters() -> None:
    covered = covered_codepoints()
    if covered is None or shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    assert font_warning("Київ, 서울, Москва") is None
    uncovered = next(
        chr(c)
        for c in range(0x10000, 0x30000)
        if c not in covered and unicodedata.category(chr(c)) == "Lo"
    )
    warning = font_warning(f"x {uncovered} y")
    assert warning is not None
    assert f"U+{ord(uncovered):04X}" in warning and "fonts-noto" in warning
