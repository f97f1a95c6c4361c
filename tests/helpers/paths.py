"""Where the tests find their inputs. The real texts in ../shared are optional (tests skip)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DIFFDOC_SHARED", ROOT.parent / "shared"))
TEXTS = SHARED / "texts"
SEED = ROOT / "seeds" / "sco-2002-06-07-st-petersburg-declaration.en.md"
DRAFT = ROOT / "demo" / "sco-2002-illustrative-edited-draft.md"
