"""Paragraph labels that an extractor printed as a column of their own.

`pdftotext` reads the margin of a numbered page as one block: "1. 2. 3." stands as a
paragraph before the three paragraphs it numbers, which then have no label. This rule gives
each label back to its paragraph, in order; a paragraph left open (no closing punctuation)
continues in the next one, so a paragraph the extractor cut is joined before it is counted.
"""

from __future__ import annotations

from diffdoc.ingest.structure import RawParagraph
from diffdoc.ingest.wording import LABEL, find_label, join_text

_OPEN_END = '.,;:!?)]”’"…'


def label_column(text: str) -> list[str] | None:
    """The labels when `text` is only labels ("1. 2. 3.", "Pp1 Pp2")."""
    labels: list[str] = []
    rest = text.strip()
    while rest:
        match = LABEL.match(rest)
        if match is None:
            return None
        labels.append(match.group("label"))
        rest = rest[match.end() :].lstrip()
    return labels or None


def distribute_label_columns(paras: list[RawParagraph]) -> list[RawParagraph]:
    """Give the labels of a label-only paragraph to the unlabelled paragraphs after it."""
    if not any(d.text[:1].isdigit() or d.text[:1] in "(P" for d in paras):
        return paras
    out: list[RawParagraph] = []
    pending: list[str] = []
    for para in paras:
        labels = label_column(para.text) if para.kind is None and len(para.text) < 80 else None
        if labels is not None:
            pending.extend(labels)  # pdftotext prints a long column in several blocks
            continue
        if not pending or para.kind is not None or find_label(para.text) is not None:
            if pending and (para.kind == "heading" or find_label(para.text) is not None):
                out.append(RawParagraph(" ".join(pending)))  # no paragraphs to give them to
                pending = []
            out.append(para)
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind is None
            and previous.label == "column"
            and previous.text.rstrip()[-1:] not in _OPEN_END
        ):
            out[-1] = previous._replace(text=join_text(previous.text, para.text))
            continue
        out.append(para._replace(text=f"{pending.pop(0)} {para.text}", label="column"))
    if pending:
        out.append(RawParagraph(" ".join(pending)))
    return [d._replace(label=None) if d.label == "column" else d for d in out]
