"""Markdown reader: YAML front matter, `#` headings, kramdown `{:toc}`/`{: .class}` lines,
`[^n]: ...` footnotes, link definitions, lists and escapes, over the same paragraph
rebuilding as plain text (Markdown files from PDFs are hard-wrapped and carry furniture too).

Editorial furniture is kept out of the negotiated text: front matter becomes metadata, link
definitions and table-of-contents markers are dropped, and wholly italic paragraphs before the
first heading of a file with front matter (an editor's introduction) become `note` blocks.
"""

from __future__ import annotations

import re

import yaml

from diffdoc.errors import InputError
from diffdoc.ingest.footnotes import FOOTNOTE_RULE, extract_footnotes
from diffdoc.ingest.furniture import HEADING_MARK, is_blank, remove_page_furniture
from diffdoc.ingest.hyphens import document_words, join_lines
from diffdoc.ingest.markup import emphasis_of, strip_inline
from diffdoc.ingest.structure import RawParagraph, assemble
from diffdoc.ingest.wrap import estimate_wrap, paragraphs
from diffdoc.models import BlockKind, Document, Source

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LINK_DEF = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:\s*\S+.*$")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]]+)\]:\s*(.*)$")
_IAL_LINE = re.compile(r"^\s*\{:[^}]*\}\s*$")
_TOC_LINE = re.compile(r"^\s*[*-]\s+(?:TOC|Table of Contents)\s*$", re.IGNORECASE)
_THEMATIC = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BULLET = re.compile(r"^\s*[-*+][ \t]+")
_QUOTE = re.compile(r"^\s*>[ \t]?")
_YAML_KEY = re.compile(r"\s*[\w\"'][\w.\"'-]*:(?:[ \t]|$)", re.MULTILINE)
# A paragraph that opens with bold words and goes on: `**Climate.** We agree`, `__Note__: ...`.
_RUN_IN = re.compile(r"^(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?=.*\w)", re.DOTALL)
_BREAK = re.compile(r"(?<!\\)\\\s*$")  # a backslash hard line break


def _metadata_value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_metadata_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_metadata_value(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def split_front_matter(text: str, *, name: str = "<markdown>") -> tuple[dict[str, str], str]:
    """YAML front matter as string metadata, and the text after it.

    A block between `---` lines that starts like a mapping ("title: ...") but is not valid
    YAML is an InputError naming the file and line; one that is not a mapping at all (prose
    between two thematic breaks) is body text.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        # BaseLoader keeps every scalar as written: "true" stays "true", "2021-03-12" a string.
        data = yaml.load(match.group(1), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        if not _YAML_KEY.match(match.group(1)):
            return {}, text
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "cannot parse"
        where = f" (line {mark.line + 2})" if mark is not None else ""  # line 1 is the ---
        raise InputError(name, f"invalid YAML front matter: {problem}{where}") from None
    if not isinstance(data, dict):
        return {}, text
    metadata = {str(k): _metadata_value(v) for k, v in data.items()}
    return metadata, text[match.end() :]


def _mark_blocks(lines: list[str]) -> tuple[list[str], set[str]]:
    """Blank out furniture lines and isolate one-line blocks (headings, definitions).

    Heading lines get HEADING_MARK and their level in front. Returns the lines and the link
    reference names defined in the file.
    """
    out: list[str] = []
    refs: set[str] = set()
    for line in lines:
        if _IAL_LINE.match(line) or _TOC_LINE.match(line):
            out.append("")
            continue
        link = _LINK_DEF.match(line)
        if link:
            refs.add(link.group(1).strip().lower())
            out.append("")
            continue
        setext = _SETEXT.match(line)
        if setext and out and not is_blank(out[-1]) and (len(out) < 2 or is_blank(out[-2])):
            level = 1 if setext.group(1)[0] == "=" else 2
            out[-1] = f"{HEADING_MARK}{level}{out[-1].strip()}"
            out.append("")
            continue
        if _THEMATIC.match(line) and not FOOTNOTE_RULE.match(line.strip()):
            out.append("")
            continue
        atx = _ATX.match(line)
        if atx:
            out += ["", f"{HEADING_MARK}{len(atx.group(1))}{atx.group(2) or ''}", ""]
            continue
        if _FOOTNOTE_DEF.match(line):
            out.append("")
        out.append(line)
    return out, refs


def _is_italic_intro(raw: str, emphasis: str) -> bool:
    """Wholly italic, or opening in italics that are never closed (as some editors' notes do)."""
    text = raw.lstrip()
    return emphasis == "em" or (
        text.startswith("*") and not text.startswith("**") and text.count("*") == 1
    )


def read_markdown(text: str, *, source: Source | None = None, name: str = "<markdown>") -> Document:
    """Read Markdown (with kramdown and front-matter conventions) into a Document; `name`
    labels errors."""
    metadata, body = split_front_matter(text, name=name)
    lines, refs = _mark_blocks(body.split("\n"))
    furniture = remove_page_furniture(lines)
    layout = extract_footnotes(lines, furniture)
    wrap = estimate_wrap([line for line in layout.lines if not line.startswith(HEADING_MARK)])
    words = document_words(layout.lines)
    drafts: list[RawParagraph] = []
    seen_heading = False
    for paragraph in paragraphs(layout.lines, wrap):
        if paragraph[0].startswith(HEADING_MARK):
            level, heading = int(paragraph[0][1]), paragraph[0][2:]
            seen_heading = True
            first_title = level == 1 and not any(d.kind == "title" for d in drafts)
            drafts.append(
                RawParagraph(
                    strip_inline(heading, refs),
                    kind="title" if first_title else "heading",
                    level=level,
                )
            )
            continue
        lines_ = [
            _BREAK.sub("", _BULLET.sub("", _QUOTE.sub("", line), count=1)) for line in paragraph
        ]
        raw = join_lines(lines_, words)
        footnote = _FOOTNOTE_DEF.match(raw)
        if footnote:
            text_ = strip_inline(footnote.group(2), refs)
            drafts.append(RawParagraph(text_, kind="footnote", label=footnote.group(1)))
            continue
        emphasis = emphasis_of(raw)
        kind: BlockKind | None = None
        if metadata and not seen_heading and _is_italic_intro(raw, emphasis):
            kind = "note"
        elif _BULLET.match(paragraph[0]):
            kind = "list_item"
        head = _RUN_IN.match(raw)
        drafts.append(
            RawParagraph(
                strip_inline(raw, refs),
                kind=kind,
                emphasis=emphasis,
                run_in=strip_inline(head.group(2), refs) if head and not emphasis else None,
            )
        )
    return assemble(drafts + layout.footnotes, metadata=metadata, source=source)
