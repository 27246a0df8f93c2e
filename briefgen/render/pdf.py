"""Render a brief to a print-ready PDF with WeasyPrint, reading only allowed files."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefgen.config import Config
from briefgen.errors import RenderError
from briefgen.render.context import brief_context
from briefgen.render.env import builtin_templates, read_asset
from briefgen.render.html import render_template
from briefgen.validate import Validated


def allowed_roots(checked: Validated, config: Config) -> list[Path]:
    """Return the folders the PDF renderer may read: the brief's and the templates."""
    roots = [checked.path.resolve().parent, builtin_templates().resolve()]
    if config.templates_dir is not None:
        roots.append(config.templates_dir.resolve())
    return roots


def print_html(
    checked: Validated, *, config: Config, today: dt.date | None = None, revision: Any = None
) -> str:
    """Render the HTML that the PDF is made from: screen CSS, print CSS and the paper size."""
    context = brief_context(checked, config=config, today=today, revision=revision, mode="print")
    page = f"@page {{ size: {config.paper}; }}\n"
    context["css"] = (
        read_asset(config, "brief.css") + "\n" + read_asset(config, "print.css") + "\n" + page
    )
    return render_template("brief.html.j2", context, config=config)


def render_pdf(
    checked: Validated, *, config: Config, today: dt.date | None = None, revision: Any = None
) -> bytes:
    """Render one brief to PDF bytes; the same input always gives the same bytes."""
    html = print_html(checked, config=config, today=today, revision=revision)
    return html_to_pdf(
        html, base=checked.path.resolve().parent, roots=allowed_roots(checked, config)
    )


def html_to_pdf(html: str, *, base: Path, roots: list[Path]) -> bytes:
    """Convert HTML to PDF, refusing any resource outside `roots` (no network, no /etc)."""
    import weasyprint  # heavy: imported only when a PDF is made

    fetcher = _make_fetcher(weasyprint, roots)
    # WeasyPrint logs missing resources as warnings; ours become errors instead.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=str(base) + "/", url_fetcher=fetcher)
    try:
        data: bytes = document.write_pdf(pdf_identifier=b"briefgen", uncompressed_pdf=False)
    except weasyprint.urls.FatalURLFetchingError as exc:
        raise RenderError(str(exc.__cause__ or exc)) from exc
    return data


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
