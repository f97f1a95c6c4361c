"""Redline DOCX: the new text as a Word document in which every change is a tracked revision.

python-docx builds the package (styles, header, comments, properties); the revision elements,
which python-docx has no API for, are lxml elements (diffdoc.report.revisions) placed from the
plan in diffdoc.report.redline. Word's "Accept all" gives the new text's paragraphs and "Reject
all" the old text's, except for what the comparison counts as no difference (typography unless
--strict, case or punctuation when ignored): those show as the new text in both views.

Headings, titles and list items get Word's styles; labels and negotiation brackets are text.
The first page's header names both versions and gives the counts of changes; later pages'
headers name the versions. The package is written with fixed entry times, so the same
comparison, author and date always give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import zipfile
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from diffdoc.models import BlockKind, Comparison, Document
from diffdoc.report.redline import Paragraph, plan
from diffdoc.report.revisions import Revisions
from diffdoc.report.text import label, option_flags, summary

DEFAULT_AUTHOR = "diffdoc"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

STYLES: dict[BlockKind, str] = {
    "title": "Title",
    "heading": "Heading 1",
    "paragraph": "Normal",
    "list_item": "List Paragraph",
    "closing": "Normal",
    "footnote": "Footnote Text",
    "note": "Quote",
}


def revision_date(now: dt.datetime | None = None) -> dt.datetime:
    """The date revisions carry: SOURCE_DATE_EPOCH when set (reproducible builds), else now;
    in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)


def render_docx(
    comparison: Comparison, *, author: str = DEFAULT_AUTHOR, date: dt.datetime | None = None
) -> bytes:
    """The redline of `comparison` as the bytes of a .docx file."""
    when = revision_date(date)
    buffer = io.BytesIO()
    redline_document(comparison, author=author, date=when).save(buffer)
    return _fixed_times(buffer.getvalue(), when)


def redline_document(comparison: Comparison, *, author: str, date: dt.datetime) -> Any:
    """The redline as a python-docx Document (not yet saved)."""
    stamp = date.strftime("%Y-%m-%dT%H:%M:%SZ")
    document = docx.Document()
    _add_footnote_style(document)
    paragraphs = plan(comparison)
    comments = sum(1 for p in paragraphs if p.comment)
    revisions = Revisions(author, stamp, next_id=comments)  # ids apart from the comments'
    styles = _style_ids(document)
    body = document.element.body
    for p in body.findall(qn("w:p")):  # the template's own (empty) paragraphs
        body.remove(p)
    end = body.find(qn("w:sectPr"))
    body_paragraphs = [_paragraph(p, styles, revisions) for p in paragraphs]
    for element in body_paragraphs:
        end.addprevious(element)
    notes = [(e, p.comment) for p, e in zip(paragraphs, body_paragraphs, strict=True) if p.comment]
    _comments(document, notes, author, date)
    _ranges(paragraphs, body_paragraphs, revisions)
    _header(document, comparison, author, date)
    _properties(document, comparison, author, date)
    _track_changes(document)
    _drop_thumbnail(document)
    return document


def _drop_thumbnail(document: Any) -> None:
    """The default template carries a thumbnail of its own blank page; a redline has none."""
    relationships = document.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype == RT.THUMBNAIL:
            del relationships[key]


def _style_ids(document: Any) -> dict[BlockKind, str | None]:
    """The style id of each block kind (None for Normal, the default), looked up once:
    python-docx looks a style name up in every style of the document at every paragraph."""
    ids: dict[BlockKind, str | None] = {}
    for kind, name in STYLES.items():
        style_id = document.styles[name].style_id
        ids[kind] = None if name == "Normal" else style_id
    return ids


def _paragraph(
    paragraph: Paragraph, styles: dict[BlockKind, str | None], revisions: Revisions
) -> Any:
    """The w:p of one planned paragraph: style, mark revision, runs. A paragraph whose kind
    changed (a heading that became a paragraph) takes its new style untracked: LibreOffice
    loses the deletions of a paragraph that carries a tracked style change (w:pPrChange)."""
    p = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    style_id = styles[paragraph.kind]
    if style_id:
        properties.append(_style(style_id))
    marks = revisions.mark(paragraph.mark)
    if marks:
        run_properties = OxmlElement("w:rPr")
        run_properties.extend(marks)
        properties.append(run_properties)
    if len(properties):
        p.append(properties)
    for piece in paragraph.pieces:
        p.append(revisions.run(piece))
    return p


def _style(style_id: str) -> Any:
    element = OxmlElement("w:pStyle")
    element.set(qn("w:val"), style_id)
    return element


def _ranges(paragraphs: list[Paragraph], elements: list[Any], revisions: Revisions) -> None:
    """Each move's source and destination inside a named range: Word pairs them by name."""
    spans: dict[tuple[str, str], list[Any]] = {}
    for paragraph, element in zip(paragraphs, elements, strict=True):
        if paragraph.move and paragraph.part != "whole":
            spans.setdefault((paragraph.move, paragraph.part), []).append(element)
    for (name, part), members in spans.items():
        tag = "moveFrom" if part == "from" else "moveTo"
        start = revisions.stamp(f"w:{tag}RangeStart", name=name)
        end = OxmlElement(f"w:{tag}RangeEnd")
        end.set(qn("w:id"), start.get(qn("w:id")))
        first = members[0]
        properties = first.find(qn("w:pPr"))
        if properties is not None:
            properties.addnext(start)
        else:
            first.insert(0, start)
        members[-1].append(end)


def _comments(document: Any, notes: list[tuple[Any, str]], author: str, when: dt.datetime) -> None:
    """Each (paragraph, text) as a comment on the whole paragraph, anchored outside any
    revision so it stays whichever way the revisions are decided. python-docx makes the
    comments part and the first comment; the others are copies of it, because python-docx
    looks for a free id among all comments at every one (quadratic: 15 s for 3,400)."""
    if not notes:
        return
    first = document.comments.add_comment(text=notes[0][1], author=author, initials=author[:2])
    template = first._comment_elm
    template.date = when  # python-docx stamps the wall clock; keep one date
    start_id = first.comment_id
    for offset, (p, text) in enumerate(notes):
        number = str(start_id + offset)
        if offset:
            comment = copy.deepcopy(template)
            comment.set(qn("w:id"), number)
            texts = comment.findall(f".//{qn('w:t')}")
            texts[0].text = text
            for extra in texts[1:]:
                extra.text = ""
            template.getparent().append(comment)
        _anchor(p, number)


def _anchor(p: Any, number: str) -> None:
    start = OxmlElement("w:commentRangeStart")
    start.set(qn("w:id"), number)
    properties = p.find(qn("w:pPr"))
    if properties is not None:
        properties.addnext(start)
    else:
        p.insert(0, start)
    end = OxmlElement("w:commentRangeEnd")
    end.set(qn("w:id"), number)
    reference_run = OxmlElement("w:r")
    run_properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "CommentReference")
    run_properties.append(style)
    reference = OxmlElement("w:commentReference")
    reference.set(qn("w:id"), number)
    reference_run.extend([run_properties, reference])
    p.extend([end, reference_run])


def _version(document: Document) -> str:
    date = document.metadata.get("date")
    title = document.title if document.title and document.title != label(document) else ""
    details = ", ".join(x for x in (title, date) if x)
    return f"{label(document)}" + (f" ({details})" if details else "")


def _header(document: Any, comparison: Comparison, author: str, when: dt.datetime) -> None:
    """First page: both versions, the counts and how the views read; later pages: the names."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    lines = [
        (f"Redline: {label(comparison.old)} → {label(comparison.new)}", True),
        (f"Old: {_version(comparison.old)}", False),
        (f"New: {_version(comparison.new)}", False),
        (f"Changes: {summary(comparison)}", False),
        *(
            [(f"Compared with {option_flags(comparison)}", False)]
            if option_flags(comparison)
            else []
        ),
        (
            f"Tracked changes by {author}, {when:%Y-%m-%d %H:%M} UTC. Accept all gives the new "
            "text; reject all gives the old.",
            False,
        ),
    ]
    for number, (text, bold) in enumerate(lines):
        paragraph = first.paragraphs[0] if number == 0 else first.add_paragraph(style="Header")
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(9)
    later = section.header.paragraphs[0].add_run(
        f"Redline: {label(comparison.old)} → {label(comparison.new)}"
    )
    later.font.size = Pt(9)


def _properties(document: Any, comparison: Comparison, author: str, when: dt.datetime) -> None:
    properties = document.core_properties
    properties.title = f"Redline: {label(comparison.old)} → {label(comparison.new)}"
    properties.subject = summary(comparison)
    properties.author = author
    properties.last_modified_by = author
    properties.created = when.replace(tzinfo=None)
    properties.modified = when.replace(tzinfo=None)
    properties.revision = 1


def _add_footnote_style(document: Any) -> None:
    """The default template has no "Footnote Text" style; footnotes read back as footnotes."""
    style = document.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(9)


def _track_changes(document: Any) -> None:
    """Turn on Track Changes, so edits made to the redline are tracked too. The element goes
    where the settings schema's order puts it (before w:defaultTabStop and what follows)."""
    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    track = OxmlElement("w:trackRevisions")
    after = settings.find(qn("w:defaultTabStop"))
    if after is not None:
        after.addprevious(track)
    else:
        settings.append(track)


def _fixed_times(package: bytes, when: dt.datetime) -> bytes:
    """The package re-zipped with every entry stamped `when` (zip times are local and to two
    seconds; 1980 is the earliest a zip can hold)."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
