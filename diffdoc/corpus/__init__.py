"""The corpus: every version of the texts a user follows, stored safely, found by reference.

No diff logic lives here; `history` takes the measuring function from its caller.
"""

from __future__ import annotations

from diffdoc.corpus.export import EXPORT_FORMATS, export_text, version_data
from diffdoc.corpus.history import HistoryEntry, history
from diffdoc.corpus.index import DocumentSummary
from diffdoc.corpus.names import InvalidNameError, check_doc_id, check_label
from diffdoc.corpus.records import DocumentRecord, VersionRecord
from diffdoc.corpus.refs import Ref, looks_like_ref, parse_ref
from diffdoc.corpus.store import Corpus
from diffdoc.corpus.verify import VerifyReport, verify
from diffdoc.corpus.write import AddResult, RemoveResult, add_version, remove

__all__ = [
    "EXPORT_FORMATS",
    "AddResult",
    "Corpus",
    "DocumentRecord",
    "DocumentSummary",
    "HistoryEntry",
    "InvalidNameError",
    "Ref",
    "RemoveResult",
    "VerifyReport",
    "VersionRecord",
    "add_version",
    "check_doc_id",
    "check_label",
    "export_text",
    "history",
    "looks_like_ref",
    "parse_ref",
    "remove",
    "verify",
    "version_data",
]
