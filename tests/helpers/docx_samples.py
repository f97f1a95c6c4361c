"""DOCX files for the reader's tests, made with python-docx plus the XML it has no API for:
numbering definitions (`word/numbering.xml`), tracked changes, comments, footnotes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# (numFmt, lvlText, start) for each level of an abstract numbering definition.
Level = tuple[str, str, int]


def saved(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_abstract(
    document: WordDocument, abstract_id: int, levels: Sequence[Level], *, legal: int = -1
) -> None:
    """An abstract numbering definition (`w:abstractNum`), put before the first `w:num` as
    the schema wants; level `legal` gets `w:isLgl` (every level shown as decimal)."""
    xml = [f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">']
    xml.append('<w:multiLevelType w:val="multilevel"/>')
    for ilvl, (fmt, text, start) in enumerate(levels):
        xml.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>')
        xml.append(f'<w:numFmt w:val="{fmt}"/>')
        if ilvl == legal:
            xml.append("<w:isLgl/>")
        xml.append(f'<w:lvlText w:val="{text}"/></w:lvl>')
    xml.append("</w:abstractNum>")
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    element = parse_xml("".join(xml))
    if first_num is None:
        numbering.append(element)
    else:
        first_num.addprevious(element)


def add_num(
    document: WordDocument, num_id: int, abstract_id: int, starts: dict[int, int] | None = None
) -> None:
    """A numbering instance (`w:num`) of an abstract definition, with start overrides."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (starts or {}).items()
    )
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>"
        )
    )


def numbered(
    document: WordDocument, text: str, num_id: int, ilvl: int = 0, style: str | None = None
) -> Paragraph:
    """A paragraph numbered directly (`w:pPr/w:numPr`)."""
    paragraph = document.add_paragraph(text, style=style)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def append_xml(paragraph: Paragraph, xml: str) -> None:
    """Append WordprocessingML (`w:` elements, the namespace added here) to the paragraph."""
    paragraph._p.append(parse_xml(xml.replace(">", f" {W}>", 1)))


def mark_paragraph(paragraph: Paragraph, revision: str) -> None:
    """Mark the paragraph's mark as inserted or deleted (`w:pPr/w:rPr/w:ins|w:del`)."""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr {W}><w:{revision} w:id="90" w:author="A"/></w:rPr>')
    )


_NOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
_NOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"


def with_notes(data: bytes, kind: str, notes: dict[int, str]) -> bytes:
    """The package with a footnotes or endnotes part (`kind` "footnote" or "endnote") holding
    Word's two separator notes and `notes` (id -> text), and its relationship."""
    xml = [f"<w:{kind}s {W}>"]
    xml.append(f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>')
    xml.append(f"</w:{kind}>")
    xml.append(f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>')
    xml.append(f"<w:continuationSeparator/></w:r></w:p></w:{kind}>")
    for note_id, text in notes.items():
        xml.append(f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>')
        xml.append(f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>')
    xml.append(f"</w:{kind}s>")
    source = zipfile.ZipFile(io.BytesIO(data))
    rels = source.read("word/_rels/document.xml.rels").decode()
    rel = f'<Relationship Id="rIdNotes{kind}" Type="{_NOTES_REL.format(kind=kind)}" '
    rel += f'Target="{kind}s.xml"/>'
    override = f'<Override PartName="/word/{kind}s.xml" '
    override += f'ContentType="{_NOTES_TYPE.format(kind=kind)}"/>'
    return with_parts(
        data,
        {
            f"word/{kind}s.xml": "".join(xml).encode(),
            "word/_rels/document.xml.rels": rels.replace(
                "</Relationships>", rel + "</Relationships>"
            ).encode(),
        },
        [override],
    )


def with_parts(data: bytes, parts: dict[str, bytes], content_types: Sequence[str] = ()) -> bytes:
    """The package with parts added or replaced, and Override lines added to
    `[Content_Types].xml`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in parts:
                continue
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml" and content_types:
                content = content.replace(
                    b"</Types>", "".join(content_types).encode() + b"</Types>"
                )
            target.writestr(item, content)
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()
