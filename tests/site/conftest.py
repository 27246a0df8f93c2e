"""Fixtures for site tests: projects, a shared built site and an http server for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from site_helpers import build, make_project, served


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project folder with three briefs, one of them TLP:AMBER."""
    make_project(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built site (HTML, Markdown, JSON and search) shared by read-only tests."""
    folder = tmp_path_factory.mktemp("built")
    make_project(folder)
    report = build(folder)
    assert report.ok, report.failures
    return folder / "site"


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the built site over http on loopback, under a sub-path, for the browser."""
    with served(built_site) as url:
        yield url
