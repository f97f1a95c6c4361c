"""Golden files: compared byte for byte, rewritten by one switch.

DIFFDOC_REGENERATE_GOLDEN=1 rewrites every golden file (the HTML pages under tests/golden/ and
the expected.* files of tests/cases/) from what the code renders now; read the diff before
committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

REGENERATE = os.environ.get("DIFFDOC_REGENERATE_GOLDEN") == "1"


def check_golden(path: Path, rendered: str) -> None:
    """Assert that `rendered` is the content of `path` (written first when regenerating)."""
    if REGENERATE:
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing: run with DIFFDOC_REGENERATE_GOLDEN=1"
    assert rendered == path.read_text(encoding="utf-8"), f"{path} differs"
