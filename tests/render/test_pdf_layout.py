"""How the PDF is paginated: the closing page, the tighter setting and the layouts it takes."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefgen.config import Config
from briefgen.render import pdf
from briefgen.validate import Validated, load_brief
from tests.conftest import BRIEFS, KURSK, TODAY

pytestmark = pytest.mark.slow


def page_texts(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def source_titles(print_html: str) -> list[str]:
    """Return the titles of the sources in the order the print HTML lists them."""
    found = re.findall(r'<li id="src-[^"]+"[^>]*>\s*<cite>(.*?)</cite>', print_html, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", title)).split()) for title in found]


def with_extra_sources(folder: Path, count: int) -> Validated:
    """Return the Kursk brief with `count` more (uncited) sources at the end of its list."""
    shutil.copy(BRIEFS / "actors.yaml", folder / "actors.yaml")
    extra = "".join(
        f"  note-{k}:\n    title: Desk note {k} on the fighting around Sudzha\n"
        f"    publisher: Example desk\n    type: report\n"
        for k in range(count)
    )
    path = folder / "kursk.yaml"
    path.write_text(KURSK.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return load_brief(path, today=TODAY)


def is_tight(print_html: str) -> bool:
    return re.search(r'<body class="[^"]*\btight\b', print_html) is not None


class Layouts:
    """Record the layouts `lay_out_brief` makes: whether each was set tighter, its pages."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tight: list[bool] = []
        self.pages: list[int] = []
        layout = pdf.layout

        def counted(html: str, **kwargs: Any) -> Any:
            document = layout(html, **kwargs)
            self.tight.append(is_tight(html))
            self.pages.append(len(document.pages))
            return document

        monkeypatch.setattr(pdf, "layout", counted)


@pytest.mark.parametrize("name", ["dprk-troops-kursk", "red-sea-shipping"])
@pytest.mark.parametrize(
    "settings",
    [{}, {"paper": "Letter"}, {"print": {"legends": False}}],
    ids=["a4", "letter", "no-legends"],
)
def test_last_page_holds_the_last_sources_with_the_closing_notes(
    name: str, settings: dict[str, Any]
) -> None:
    checked = load_brief(BRIEFS / f"{name}.yaml", today=TODAY)
    config = Config.model_validate(settings)
    used, document = pdf.lay_out_brief(checked, config=config, today=TODAY)
    last = page_texts(pdf.write_document(document, config.print.pdf_standard))[-1]
    for title in source_titles(used)[-3:]:
        assert title[:40] in last, f"{title!r} is not on the last page: {last!r}"
    assert "· as of " in last  # the colophon
    assert ("Annex: likelihood terms and source grades" in last) == config.print.legends


def test_the_kursk_brief_takes_one_layout(
    kursk: Validated, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its length says it needs a contents list and its first layout proves it (issue #12);
    # the closing page keeps its last sources, so it is not set again tighter.
    layouts = Layouts(monkeypatch)
    used, document = pdf.lay_out_brief(kursk, config=Config(), today=TODAY)
    assert layouts.tight == [False]
    assert 'class="toc"' in used and len(document.pages) > 4
    assert pdf.last_page_fill(document) >= pdf.NEARLY_EMPTY


def test_a_few_closing_lines_are_avoided_by_setting_the_brief_tighter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the legends, two more sources leave the last sources and the colophon nearly
    # alone on a last page; set a little tighter, the brief ends a page earlier.
    checked = with_extra_sources(tmp_path, 2)
    config = Config.model_validate({"print": {"legends": False}})
    loose = pdf.layout(
        pdf.print_html(checked, config=config, today=TODAY, contents=True),
        base=tmp_path,
        roots=pdf.allowed_roots(checked, config),
    )
    assert pdf.last_page_fill(loose) < pdf.NEARLY_EMPTY
    layouts = Layouts(monkeypatch)
    used, document = pdf.lay_out_brief(checked, config=config, today=TODAY)
    assert layouts.tight == [False, True]
    assert is_tight(used)
    assert len(document.pages) == len(loose.pages) - 1
    last = page_texts(pdf.write_document(document, "ua-1"))[-1]
    assert "Desk note 1 on the fighting around Sudzha" in last and "briefgen" in last


def test_the_tighter_setting_is_dropped_when_it_saves_no_page(
    kursk: Validated, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Letter paper without the legends the last page is nearly empty, but the tighter
    # type still needs as many pages: the brief keeps its normal setting.
    config = Config.model_validate({"paper": "Letter", "print": {"legends": False}})
    layouts = Layouts(monkeypatch)
    used, document = pdf.lay_out_brief(kursk, config=config, today=TODAY)
    assert layouts.tight == [False, True]
    assert layouts.pages[0] == layouts.pages[1] == len(document.pages)
    assert not is_tight(used)


@pytest.mark.parametrize("limit", [4, 5])
def test_the_contents_decision_for_the_kursk_brief_matches_its_plain_page_count(
    kursk: Validated, limit: int
) -> None:
    # At 4 the length guess is a contents list, proved by the first layout's text height;
    # at 5 the guess is none, and the layout shows it needs one after all.
    config = Config.model_validate({"print": {"contents_after_pages": limit}})
    plain = pdf.layout(
        pdf.print_html(kursk, config=config, today=TODAY),
        base=kursk.path.resolve().parent,
        roots=pdf.allowed_roots(kursk, config),
    )
    used, _ = pdf.lay_out_brief(kursk, config=config, today=TODAY)
    assert ('class="toc"' in used) == (len(plain.pages) > limit)
