"""diffdoc: comparative diff and versioning for diplomatic texts.

The library is the product; the `diffdoc` command only calls it.
"""

from __future__ import annotations

from diffdoc.errors import CorpusError, DiffdocError, InputError, UnknownRefError
from diffdoc.models import (
    Block,
    BlockChange,
    CompareOptions,
    Comparison,
    Document,
    Segment,
    Source,
    Stats,
)

__version__ = "0.1.0"

__all__ = [
    "Block",
    "BlockChange",
    "CompareOptions",
    "Comparison",
    "CorpusError",
    "DiffdocError",
    "Document",
    "InputError",
    "Segment",
    "Source",
    "Stats",
    "UnknownRefError",
    "__version__",
]
