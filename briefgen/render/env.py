"""The one Jinja environment: user templates first, then briefgen's own."""

from __future__ import annotations

import contextlib
import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from briefgen._version import __version__
from briefgen.config import Config
from briefgen.render.markdown import smarten
from briefgen.render.markdown_escape import FILTERS as MARKDOWN_FILTERS


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
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["smart"] = smarten
    env.filters.update(MARKDOWN_FILTERS)
    return env


def _autoescape(name: str | None) -> bool:
    """Escape for HTML in every template but Markdown ones, which escape with md_* filters."""
    return not (name or "").endswith(".md.j2")


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's per-user bytecode cache, which never fails a render: a broken cache is none."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Load a template's compiled code, or leave the bucket empty to compile it again."""
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store a template's compiled code, if the cache folder lets us."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    # Compiling the templates is a fixed 0.2 s in every new process (and in every worker
    # of a site build); Jinja keeps the compiled code in a private per-user folder
    # (mode 0700 in the temp dir), checked against each template's source.
    # The compiled code depends on the environment's options too, set in this file, which
    # Jinja's key (template name and source) leaves out.
    try:
        source = Path(__file__).read_bytes()
        options = hashlib.sha256(__version__.encode() + source).hexdigest()[:12]
        return _QuietBytecodeCache(pattern=f"__briefgen_{options}_%s.cache")
    except (OSError, RuntimeError):
        return None


def read_asset(config: Config, name: str) -> Markup:
    """Return a trusted template asset such as `brief.css`, honouring overrides."""
    env = make_env(config)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    # Assets come from the templates folders, which are trusted like the templates themselves.
    return Markup(source)
