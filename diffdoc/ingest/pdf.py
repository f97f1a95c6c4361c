"""PDF reader (pypdfium2): the text layer with its geometry, read as a person reads the page.

Lines come with positions and fonts (`pdf_lines`); the layout rules (`pdf_layout`) drop page
furniture, read columns in order, move footnotes to the end, and cut paragraphs where the
geometry says a paragraph ends; line-end hyphens are resolved as in plain text (`hyphens`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from diffdoc.errors import InputError
from diffdoc.ingest.hyphens import _WORD, join_lines
from diffdoc.ingest.pdf_layout import (
    _LARGER,
    body_size,
    drop_furniture,
    in_reading_order,
    left_edges,
    line_spacing,
    note_text,
    right_margins,
    split_footnotes,
    starts_paragraph,
    title_lines,
)
from diffdoc.ingest.pdf_lines import SOFT_HYPHEN, Line, Page, read_page
from diffdoc.ingest.structure import (
    RULES,
    RawParagraph,
    Rule,
    assemble,
    is_cut,
    join_page_cuts,
)
from diffdoc.ingest.wording import join_text
from diffdoc.models import Document, Source


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == raw.FPDF_ERR_PASSWORD:
            raise InputError(
                name, "encrypted PDF (it needs a password; decrypt it first)"
            ) from None
        raise InputError(name, f"corrupt PDF file ({error})") from None


def read_pages(data: bytes, *, name: str) -> list[Page]:
    """Every page's lines; an error for a PDF that is damaged, locked or without text."""
    pdf = _open(data, name)
    try:
        pages = [read_page(pdf, number) for number in range(len(pdf))]
    except pdfium.PdfiumError as error:
        raise InputError(name, f"corrupt PDF file ({error})") from None
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        raise InputError(name, "PDF has no text layer (a scanned image? run OCR first)")
    return pages


def _joined(lines: Sequence[Line], words: object) -> str:
    """A paragraph's lines as one text: soft hyphens dropped, line-end hyphens resolved."""
    texts: list[str] = []
    for line in lines:
        if texts and texts[-1].endswith(SOFT_HYPHEN):
            texts[-1] = texts[-1][:-1] + line.text
        else:
            texts.append(line.text)
    texts = [text.replace(SOFT_HYPHEN, "") for text in texts]
    return join_lines(texts, words)  # type: ignore[arg-type]


def hyphen_evidence(lines: Sequence[Line]) -> Counter[str]:
    """The document's words for `drops_hyphen`, not counting the halves of words split at
    line ends: a typesetter that breaks "con-tributing" and "con-cern" has not written
    "con" twice. Each split head and tail counts once, as `drops_hyphen` expects."""
    words: Counter[str] = Counter()
    heads: set[str] = set()
    after_split = False
    for line in lines:
        found = _WORD.findall(line.text)
        if after_split and found:
            heads.add(found[0].lower().split("-", 1)[0])
            found = found[1:]
        after_split = line.text.endswith(("-", SOFT_HYPHEN)) and bool(found)
        if after_split:
            heads.add(found[-1].lower().rstrip("-"))
            found = found[:-1]
        words.update(word.lower() for word in found)
    words.update(heads)
    return words


def _draft(lines: Sequence[Line], size: float, words: object, soft: bool) -> RawParagraph:
    text = _joined(lines, words)
    first = lines[0]
    emphasis = "strong" if first.bold else "em" if first.italic else ""
    larger = first.size >= size * _LARGER and len(text) <= 200
    return RawParagraph(text, "heading" if larger else None, emphasis, None, soft)


def layout_drafts(pages: Sequence[Page]) -> list[RawParagraph]:
    """The paragraphs of the pages, then their footnotes."""
    size = body_size(pages)
    body: list[Line] = []
    notes: list[list[Line]] = []
    open_note = False
    for page, lines in zip(pages, drop_furniture(pages), strict=True):
        ordered = in_reading_order(lines, page.width)
        text_lines, page_notes, continued = split_footnotes(ordered, size, open_note)
        if continued and notes:
            notes[-1].extend(page_notes[0])
            page_notes = page_notes[1:]
        notes.extend(page_notes)
        open_note = bool(notes) and bool(page_notes or continued)
        body.extend(text_lines)
    title = title_lines([line for line in body if line.page == pages[0].number], size)
    drafts: list[RawParagraph] = []
    if title:
        drafts.append(RawParagraph(_title_text(title), "title"))
        chosen = {id(line) for line in title}
        body = [line for line in body if id(line) not in chosen]
    words = hyphen_evidence(body)
    spacing = line_spacing(body)
    margins = right_margins([line for line in body if line.size == size])
    edges = left_edges([line for line in body if line.size == size])
    paragraph: list[Line] = []
    soft = False  # the geometry decides every break (see GEOMETRY_RULES)
    for line in body:
        if paragraph and starts_paragraph(
            paragraph[-1],
            line,
            size,
            spacing,
            margins,
            _own_spacing(paragraph),
            edges,
            above_first=len(paragraph) == 1,
        ):
            drafts.append(_draft(paragraph, size, words, soft))
            paragraph = []
        paragraph.append(line)
    if paragraph:
        drafts.append(_draft(paragraph, size, words, soft))
    for note in notes:
        number, texts = note_text(note)
        drafts.append(RawParagraph(join_lines(texts, words), "footnote", "", number))
    return drafts


def _title_text(lines: Sequence[Line]) -> str:
    """The title's lines as one text: typesetters do not hyphenate titles, so a hyphen at a
    line end is the title's own ("twenty-" / "first session") and joins with no space."""
    text = ""
    for line in lines:
        if text.endswith("-") and line.text[:1].isalnum():
            text += line.text
        else:
            text = f"{text} {line.text}" if text else line.text
    return text


def _own_spacing(paragraph: Sequence[Line]) -> float | None:
    """The distance between the paragraph's last two lines, when on one page and column."""
    if len(paragraph) < 2:
        return None
    above, below = paragraph[-2], paragraph[-1]
    if above.page != below.page or above.column != below.column:
        return None
    return above.baseline - below.baseline


def join_geometry_cuts(drafts: list[RawParagraph]) -> list[RawParagraph]:
    """`join_page_cuts` for readers whose breaks the page's geometry decided (PDF): the
    second half must also go on in lowercase (after any opening brackets), as a sentence
    the geometry cut does ("...developing country Parties should" / "undertake ..."); a
    sentence after a heading-like line is the geometry's new paragraph."""
    out: list[RawParagraph] = []
    for draft in drafts:
        previous = out[-1] if out else None
        if (
            previous is not None
            and draft.text.lstrip("[( ")[:1].islower()
            and is_cut(previous, draft)
        ):
            out[-1] = previous._replace(text=join_text(previous.text, draft.text), emphasis="")
        else:
            out.append(draft)
    return out


GEOMETRY_RULES: tuple[Rule, ...] = tuple(
    join_geometry_cuts if rule is join_page_cuts else rule for rule in RULES
)


def read_pdf(data: bytes, *, name: str, source: Source | None = None) -> Document:
    """Read a PDF's text layer into a Document."""
    drafts = layout_drafts(read_pages(data, name=name))
    return assemble(drafts, source=source, rules=GEOMETRY_RULES)
