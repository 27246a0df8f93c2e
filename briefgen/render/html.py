"""Render a brief to one self-contained HTML page."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from briefgen.config import Config
from briefgen.errors import RenderError
from briefgen.render.context import brief_context, house_css
from briefgen.render.env import make_env, read_asset
from briefgen.validate import Validated

if TYPE_CHECKING:
    from briefgen.history.revisions import RevisionInfo


def render_template(name: str, context: dict[str, Any], *, config: Config) -> str:
    """Render a named template, turning template mistakes into a RenderError."""
    env = make_env(config)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"{exc.filename or exc.name}:{exc.lineno}:1: error: template syntax: "
            f"{exc.message}; fix the template"
        ) from exc
    except jinja2.UndefinedError as exc:
        raise RenderError(
            f"template {name}: {exc.message}; the template uses a name the "
            "brief context does not have (check overrides in your templates "
            "folder)"
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"template {exc.name!r} not found; check the `templates` folder in briefgen.toml"
        ) from exc


def render_html(
    checked: Validated,
    *,
    config: Config,
    today: dt.date | None = None,
    revision: RevisionInfo | None = None,
) -> str:
    """Render one brief to a standalone HTML string with its CSS inline."""
    context = brief_context(checked, config=config, today=today, revision=revision, mode="html")
    context["css"] = read_asset(config, "brief.css") + Markup(house_css(config))
    return render_template("brief.html.j2", context, config=config)
