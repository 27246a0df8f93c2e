"""Render a brief to a print-ready PDF with WeasyPrint, reading only allowed files."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from briefgen.config import Config
from briefgen.errors import RenderError
from briefgen.render.context import brief_context, house_css
from briefgen.render.env import builtin_templates, read_asset
from briefgen.render.html import render_template
from briefgen.validate import Validated


def allowed_roots(checked: Validated, config: Config) -> list[Path]:
    """Return the folders the PDF renderer may read: the brief's and the templates."""
    roots = [checked.path.resolve().parent, builtin_templates().resolve()]
    if config.templates_dir is not None:
        roots.append(config.templates_dir.resolve())
    return roots


# `pdf_standard` in briefgen.toml -> WeasyPrint's PDF variant; every choice is tagged.
PDF_VARIANTS: dict[str, str | None] = {
    "ua-1": "pdf/ua-1",
    "ua-2": "pdf/ua-2",
    "a-2b": "pdf/a-2b",
    "a-3b": "pdf/a-3b",
    "a-3a": "pdf/a-3a",
    "none": None,
}


def print_html(
    checked: Validated,
    *,
    config: Config,
    today: dt.date | None = None,
    revision: Any = None,
    contents: bool = False,
    tight: bool = False,
) -> str:
    """Render the HTML that the PDF is made from: screen CSS, print CSS and the paper size."""
    context = brief_context(
        checked,
        config=config,
        today=today,
        revision=revision,
        mode="print",
        contents=contents,
        tight=tight,
    )
    page = f"@page {{ size: {config.paper}; }}\n"
    context["css"] = (
        read_asset(config, "brief.css")
        + "\n"
        + read_asset(config, "print.css")
        + "\n"
        + Markup(house_css(config) + page)
    )
    return render_template("brief.html.j2", context, config=config)


def render_pdf(
    checked: Validated, *, config: Config, today: dt.date | None = None, revision: Any = None
) -> bytes:
    """Render one brief to PDF bytes; the same input always gives the same bytes."""
    _, document = lay_out_brief(checked, config=config, today=today, revision=revision)
    return write_document(document, config.print.pdf_standard)


def lay_out_brief(
    checked: Validated, *, config: Config, today: dt.date | None = None, revision: Any = None
) -> tuple[str, Any]:
    """Lay a brief out in pages; return the print HTML used and WeasyPrint's document.

    A brief longer than `print.contents_after_pages` gets a contents list. Each layout costs
    as much as the rest of the PDF, so the first one is made the way the brief's length
    suggests and kept whenever its pages prove the guess right; another is made only for a
    close call. The print CSS keeps the last sources with the annex and the colophon, so the
    last page is rarely nearly empty; when it still is, the brief is set a little tighter if
    that saves the page.
    """
    base = checked.path.resolve().parent
    roots = allowed_roots(checked, config)
    standard = config.print.pdf_standard
    limit = config.print.contents_after_pages

    def html_for(contents: bool, tight: bool = False) -> str:
        return print_html(
            checked, config=config, today=today, revision=revision, contents=contents, tight=tight
        )

    def lay(html: str) -> Any:
        return layout(html, base=base, roots=roots, standard=standard)

    html = html_for(contents=False)
    contents = _pages_guess(html) > limit
    if contents:
        html = html_for(contents=True)
    document = lay(html)
    if contents and not _over_without_contents(document, limit):
        contents = False  # a close call: count the pages without a contents list
        html = html_for(contents=False)
        document = lay(html)
    if not contents and len(document.pages) > limit:
        contents = True
        html = html_for(contents=True)
        document = lay(html)
    if len(document.pages) > 1 and last_page_fill(document) < NEARLY_EMPTY:
        tight_html = html_for(contents=contents, tight=True)
        tight = lay(tight_html)
        if len(tight.pages) < len(document.pages):  # else the tighter type bought nothing
            html, document = tight_html, tight
    return html, document


CHARS_PER_PAGE = 2000
"""Characters of text an A4 page of a brief holds with its tables (about 1,900 to 2,000 on
the example briefs, counting the space lost where pages break): only used to guess which
layout to try first."""

PAGE_PX, FIGURE_PX = 960, 320
"""Height of an A4 page's text area in CSS pixels, and the most a figure takes (print.css
caps the locator map at 8.5 cm)."""


def _pages_guess(html: str) -> float:
    """Guess how many pages the print HTML fills: its text, then each figure's height."""
    heights = re.findall(r'<svg[^>]*?\bviewBox="[-\d. ]+?([\d.]+)"', html)
    figures = sum(min(float(height), FIGURE_PX) for height in heights) / PAGE_PX
    return _text_length(html) / CHARS_PER_PAGE + figures


def _text_length(html: str) -> int:
    """Return how many characters of text the print HTML shows, leaving out styles and SVG."""
    text = re.sub(r"<style.*?</style>|<svg.*?</svg>", " ", html, flags=re.S)
    return len(" ".join(re.sub(r"<[^>]+>", " ", text).split()))


def _over_without_contents(document: Any, limit: int) -> bool:
    """Tell whether a layout with a contents list would still pass `limit` pages without it.

    Without the list the same content, less the list, has to fit somewhere: the heights of
    text on its pages, added up, less the list's height, are pages it cannot do with less
    of, however the page breaks move (taking the list out can pull a block kept whole back
    onto an earlier page, so the last page's fill alone would not tell).
    """
    pages = [page._page_box for page in document.pages]  # WeasyPrint's laid-out pages
    toc = _toc_height(pages[0].children[0]) / float(pages[0].height or 1.0)
    text = sum(_fill(page) for page in pages)
    return text - toc - BREAK_SLACK * (len(pages) - 1) > limit


BREAK_SLACK = 0.04
"""Share of a page that a page break may swallow by dropping the space above the block it
starts (at most the colophon's 2.5rem on an A4 text area, 3.5%)."""


def _text_bottom(box: Any) -> float:
    """Return the lowest edge of the lines, images and empty boxes within a box.

    A box that runs on to the next page is stretched to the foot of this one, so only what
    has no boxes inside it tells how far the page is really filled.
    """
    from weasyprint.formatting_structure.boxes import LineBox

    children = getattr(box, "children", None)
    if isinstance(box, LineBox) or not children:
        return float(box.position_y + box.margin_height())
    return max(_text_bottom(child) for child in children)


def _toc_height(box: Any) -> float:
    """Return the height of the contents list's box within a page's boxes (0 when absent)."""
    element: Any = getattr(box, "element", None)
    if getattr(box, "element_tag", None) == "nav" and "toc" in (element.get("class") or ""):
        return float(box.margin_height())
    return max((_toc_height(c) for c in getattr(box, "children", None) or ()), default=0.0)


NEARLY_EMPTY = 1 / 4
"""Share of the last page's height below which it counts as nearly empty. The print CSS
keeps the last three sources, the annex and the colophon together (about a third of an A4
page), so a last page less full than this holds only a few closing lines."""


def last_page_fill(document: Any) -> float:
    """Return how much of the last page's text area the content fills, from 0 to 1."""
    return _fill(document.pages[-1]._page_box)  # WeasyPrint's laid-out page (no public API)


def _fill(page: Any) -> float:
    """Return how far down a laid-out page's text area its content reaches, from 0 to 1."""
    top, height = float(page.content_box_y()), float(page.height)
    return max(0.0, min(1.0, (_text_bottom(page.children[0]) - top) / height)) if height else 1.0


def html_to_pdf(html: str, *, base: Path, roots: list[Path], standard: str = "ua-1") -> bytes:
    """Convert HTML to PDF, refusing any resource outside `roots` (no network, no /etc)."""
    return write_document(layout(html, base=base, roots=roots, standard=standard), standard)


def layout(html: str, *, base: Path, roots: list[Path], standard: str = "ua-1") -> Any:
    """Lay HTML out in pages with WeasyPrint, reading only files under `roots`."""
    import weasyprint  # heavy: imported only when a PDF is made

    fetcher = _make_fetcher(weasyprint, roots)
    # WeasyPrint logs missing resources as warnings; ours become errors instead.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    source = weasyprint.HTML(string=html, base_url=str(base) + "/", url_fetcher=fetcher)
    try:
        variant = PDF_VARIANTS[standard]
        return source.render(pdf_variant=variant, pdf_tags=variant is not None)
    except weasyprint.urls.FatalURLFetchingError as exc:
        raise RenderError(str(exc.__cause__ or exc)) from exc


def write_document(document: Any, standard: str) -> bytes:
    """Write laid-out pages as PDF bytes in a PDF standard (`ua-1`, `a-3b`, ... or `none`)."""
    variant = PDF_VARIANTS[standard]
    data: bytes = document.write_pdf(
        pdf_identifier=b"briefgen",
        uncompressed_pdf=False,
        pdf_variant=variant,
        pdf_tags=variant is not None,
        finisher=_scope_table_headers if variant is not None else None,
    )
    return data


def _scope_table_headers(document: Any, pdf: Any) -> None:
    """Say whether each table header heads a column or a row, as PDF/UA asks (/Scope)."""
    del document
    by_number = {obj.number: obj for obj in pdf.objects if hasattr(obj, "number")}

    def parent(element: Any) -> Any:
        reference = element.get("P")
        return by_number.get(int(reference.split()[0])) if reference else None

    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH":
            group = parent(parent(obj) or {}) or {}
            scope = "/Column" if group.get("S") == "/THead" else "/Row"
            obj.setdefault("A", {"O": "/Table"})["Scope"] = scope


def _make_fetcher(weasyprint: Any, roots: list[Path]) -> Any:
    class RestrictedFetcher(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        """Fetch only data: URLs and files under the allowed folders."""

        def __init__(self) -> None:
            super().__init__(fail_on_errors=True, allowed_protocols={"file", "data"})

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise RenderError(
                    f"refused to fetch {url}: the PDF renderer never uses the "
                    "network; put the file in the brief's folder and link it "
                    "by a relative path"
                )
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in roots):
                raise RenderError(
                    f"refused to read {path}: only files under the brief's "
                    "folder and the templates may be used; move it there"
                )
            if path.exists() and not path.is_file():  # a pipe or device: blocks or never ends
                raise RenderError(f"refused to read {path}: it is not a regular file")
            return super().fetch(url, headers)

    return RestrictedFetcher()
