"""Shared fixtures. Tests that need the real texts in ../shared skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DIFFDOC_SHARED", ROOT.parent / "shared"))
TEXTS = SHARED / "texts"
SEED = ROOT / "seeds" / "sco-2002-06-07-st-petersburg-declaration.en.md"


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
