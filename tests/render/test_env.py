"""The Jinja environment's bytecode cache speeds up new processes and never breaks a render."""

from __future__ import annotations

from pathlib import Path

import jinja2

from briefgen.render.env import _bytecode_cache, _QuietBytecodeCache


def _render(templates: Path, cache: jinja2.BytecodeCache) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)), autoescape=True, bytecode_cache=cache
    )
    return env.get_template("page.html").render(name="<Kursk>")


def _templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("Troops near {{ name }}.")
    return folder


def test_compiled_templates_are_stored_and_reused(tmp_path: Path) -> None:
    templates, store = _templates(tmp_path), tmp_path / "cache"
    store.mkdir()
    cache = _QuietBytecodeCache(str(store))
    assert _render(templates, cache) == "Troops near &lt;Kursk&gt;."
    stored = {p: p.stat().st_mtime_ns for p in store.iterdir()}
    assert len(stored) == 1
    assert _render(templates, cache) == "Troops near &lt;Kursk&gt;."
    assert {p: p.stat().st_mtime_ns for p in store.iterdir()} == stored
    (templates / "page.html").write_text("Forces in {{ name }}.")
    assert _render(templates, cache) == "Forces in &lt;Kursk&gt;."  # the source is checked


def test_corrupt_or_missing_cache_compiles_again(tmp_path: Path) -> None:
    templates, store = _templates(tmp_path), tmp_path / "cache"
    store.mkdir()
    cache = _QuietBytecodeCache(str(store))
    _render(templates, cache)
    for path in store.iterdir():
        path.write_bytes(b"not bytecode at all")
    assert _render(templates, cache) == "Troops near &lt;Kursk&gt;."
    store_gone = tmp_path / "gone"
    store_gone.mkdir()
    gone = _QuietBytecodeCache(str(store_gone))
    store_gone.rmdir()
    assert _render(templates, gone) == "Troops near &lt;Kursk&gt;."


def test_cache_files_are_named_for_this_version_and_these_options() -> None:
    cache = _bytecode_cache()
    assert isinstance(cache, _QuietBytecodeCache)
    # Jinja keys compiled code by template and source only; the environment's options
    # (trim_blocks, autoescape, ...) would otherwise outlive an upgrade that changes them.
    assert cache.pattern.startswith("__briefgen_") and cache.pattern.endswith("_%s.cache")
