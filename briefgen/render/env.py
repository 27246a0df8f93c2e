"""The one Jinja environment: user templates first, then briefgen's own."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from briefgen.config import Config


def builtin_templates() -> Path:
    """Return the folder of built-in templates (inside the wheel, or the source tree)."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


def make_env(config: Config) -> jinja2.Environment:
    """Return the cached environment for a config's template override folder."""
    override = config.templates_dir
    return _env(str(override.resolve()) if override else "")


@lru_cache(maxsize=8)
def _env(override: str) -> jinja2.Environment:
    folders = [override] if override else []
    folders.append(str(builtin_templates()))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def read_asset(config: Config, name: str) -> Markup:
    """Return a trusted template asset such as `brief.css`, honouring overrides."""
    env = make_env(config)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    # Assets come from the templates folders, which are trusted like the templates themselves.
    return Markup(source)
