"""Fixtures for the website's git history: real repositories in temp folders."""

from __future__ import annotations

from tests.history.conftest import (  # noqa: F401 (fixtures shared with the history tests)
    _git_env,
    git_log,
    kursk,
    workspace,
)
