"""Shared fixtures. Tests that need the real texts in ../shared skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import SEED, TEXTS

# The `browser` fixture of the HTML tests (one Chromium per module).
pytest_plugins = ["helpers.browser"]


@pytest.fixture
def seed_path() -> Path:
    """The founding document, bundled in the repository."""
    return SEED


@pytest.fixture
def texts_dir() -> Path:
    """../shared/texts, or skip: the real texts are not part of the repository."""
    if not TEXTS.is_dir():
        pytest.skip(f"real texts not found at {TEXTS} (set DIFFDOC_SHARED to the shared folder)")
    return TEXTS
