"""The text, Markdown and JSON renderers against golden files, one folder per case.

Each folder of tests/cases/ holds an old and a new file (old.txt / new.txt, or .md) and what
diffdoc renders for them: expected.txt (`--format text`), expected.md and expected.json.
A new case is a new folder; DIFFDOC_REGENERATE_GOLDEN=1 writes its expected files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.golden import check_golden
from helpers.paths import ROOT

from diffdoc.compare import compare_files
from diffdoc.models import Comparison
from diffdoc.report import render

CASES = ROOT / "tests" / "cases"
FORMATS = {"text": "expected.txt", "md": "expected.md", "json": "expected.json"}


def _one(folder: Path, stem: str) -> Path:
    found = sorted(folder.glob(f"{stem}.*"))
    assert len(found) == 1, f"{folder}: expected one {stem}.* file, found {found}"
    return found[0]


def _comparison(name: str) -> Comparison:
    folder = CASES / name
    return compare_files(_one(folder, "old"), _one(folder, "new"))


NAMES = sorted(path.name for path in CASES.iterdir() if path.is_dir())


def test_there_are_cases() -> None:
    assert len(NAMES) >= 5


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", NAMES)
def test_case(name: str, fmt: str) -> None:
    check_golden(CASES / name / FORMATS[fmt], render(_comparison(name), fmt))
