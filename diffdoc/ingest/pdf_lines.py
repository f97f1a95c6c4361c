"""A PDF page as lines of text with their geometry (pypdfium2, PDFium's text layer).

Each character comes with its box, baseline, font size and font; characters in PDFium's
reading order make lines where the baseline moves. A smaller character raised above the
baseline is a superscript (a footnote reference) and stays on its line; spaces are where the
text has one or where the gap between two characters is wider than a thin space.
"""

from __future__ import annotations

import ctypes
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

# Gap between two characters, in units of the font size, that is a word space.
_SPACE_GAP = 0.2
# A gap this many font sizes wide separates two lines on one baseline (columns).
_COLUMN_GAP = 3.0
# A character this much smaller than its line, raised at least this far, is a superscript.
_SUPERSCRIPT_SIZE = 0.85
_SUPERSCRIPT_RISE = 0.15
# A line-end hyphen PDFium recognised, and the soft hyphen: both only show a word break.
_PDFIUM_HYPHEN = "\x02"
SOFT_HYPHEN = "\u00ad"


@dataclass
class Line:
    """One line of a page: its text and where it stands (PDF points, y upwards)."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float  # the font size most of its characters have
    bold: bool
    italic: bool
    page: int
    first_word: float = 0.0  # the width of its first word
    label_end: float = 0.0  # where the text after a leading label starts ("1.   Text")
    starts_superscript: bool = False  # it opens with a raised number (a footnote's)
    column: int = 0
    chars: list[tuple[str, float, float, float]] = field(default_factory=list, repr=False)


@dataclass(frozen=True)
class Page:
    """A page's size and lines, in PDFium's reading order."""

    number: int
    width: float
    height: float
    lines: list[Line]


def _font(textpage: pdfium.PdfTextPage, index: int, buffer: ctypes.Array[ctypes.c_char]) -> str:
    flags = ctypes.c_int(0)
    size = raw.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    name = buffer.raw[: max(size - 1, 0)].decode("latin-1", "replace")
    italic = "I" if flags.value & 0x40 else ""
    return name + "|" + italic


class _LineBuilder:
    """Collects the characters of one line."""

    def __init__(self, page: int, baseline: float, size: float) -> None:
        self.page = page
        self.baseline = baseline
        self.size = size
        self.chars: list[tuple[str, float, float, float, str, bool]] = []
        self.pending_space = False
        # A space character of the text itself (not one PDFium made up, not a tab) came
        # since the last character: a justified line's wide gap, not a column's.
        self.typed_space = False

    def add(self, char: str, left: float, right: float, size: float, font: str, sup: bool) -> None:
        if self.chars:
            last = self.chars[-1]
            gap = left - last[2]
            wide = _SPACE_GAP * (1.6 if char.isdigit() and last[0].isdigit() else 1.0)
            if (self.pending_space or gap > wide * max(size, 1.0)) and not (
                sup and last[0].isalpha()
            ):
                self.chars.append((" ", last[2], left, size, font, False))
        self.pending_space = self.typed_space = False
        self.chars.append((char, left, right, size, font, sup))

    def line(self) -> Line | None:
        chars = [c for c in self.chars if c[0] != " "]
        if not chars:
            return None
        sizes: Counter[float] = Counter()
        fonts: Counter[str] = Counter()
        for _, _, _, size, font, sup in chars:
            if not sup:
                sizes[round(size, 1)] += 1
                fonts[font] += 1
        if not sizes:  # only raised characters: a line of its own size
            for _, _, _, size, font, _ in chars:
                sizes[round(size, 1)] += 1
                fonts[font] += 1
        font = fonts.most_common(1)[0][0]
        text = "".join(c[0] for c in self.chars).strip()
        words = text.split(" ", 1)
        first_width = 0.0
        for position, char in enumerate(self.chars, start=1):
            if position > len(words[0]):
                break
            first_width = char[2] - chars[0][1]
        name = font.split("|", 1)[0].lower()
        return Line(
            text=text,
            x0=chars[0][1],
            x1=chars[-1][2],
            baseline=self.baseline,
            size=sizes.most_common(1)[0][0],
            bold="bold" in name or "black" in name or "heavy" in name,
            italic=font.endswith("|I") or "italic" in name or "oblique" in name,
            page=self.page,
            first_word=first_width,
            starts_superscript=chars[0][5],
            chars=[(c[0], c[1], c[2], c[3]) for c in self.chars],
        )


def _breaks_line(builder: _LineBuilder, left: float, size: float, width: float) -> bool:
    """A character far left of the line's end (a new line at the same height) or far to its
    right (the next column, or a footer's other end) starts a line of its own; not after a
    space of the text's own across less than a quarter of the page (`width`): a justified
    line in a narrow column spaces its words that wide."""
    if not builder.chars:
        return False
    end = builder.chars[-1][2]
    if left < end - 2 * size:
        return True
    if left <= end + _COLUMN_GAP * size:
        return False
    return not (builder.typed_space and left - end < width / 4)


def read_page(pdf: pdfium.PdfDocument, number: int) -> Page:
    """The lines of page `number` (0-based)."""
    page = pdf[number]
    width, height = page.get_size()
    textpage = page.get_textpage()
    buffer = ctypes.create_string_buffer(256)
    lines: list[Line] = []
    builder: _LineBuilder | None = None
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    font_of: dict[int, str] = {}
    for index in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, index)
        char = chr(code) if code else ""
        if char in ("", "\r", "\n") or (char.isspace() and builder is None):
            continue
        if char.isspace() or (char == SOFT_HYPHEN and raw.FPDFText_IsGenerated(textpage, index)):
            if builder is not None:
                builder.pending_space = char.isspace() or builder.pending_space
                if char == " " and not raw.FPDFText_IsGenerated(textpage, index):
                    builder.typed_space = True
            continue
        # The loose box spans the glyph's advance: gaps between boxes are real spaces.
        raw.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(box))
        raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        size = raw.FPDFText_GetFontSize(textpage, index)
        if char == _PDFIUM_HYPHEN:
            char = "-"
        text_object = raw.FPDFText_GetTextObject(textpage, index)
        key = ctypes.cast(text_object, ctypes.c_void_p).value or 0
        font = font_of.get(key)
        if font is None:
            font = font_of[key] = _font(textpage, index, buffer)
        baseline = y.value
        sup = False
        if builder is not None:
            rise = baseline - builder.baseline
            if (
                size < builder.size * _SUPERSCRIPT_SIZE
                and _SUPERSCRIPT_RISE * builder.size < rise < 0.8 * builder.size
            ):
                sup = True
            elif abs(rise) > 0.5 * max(size, builder.size) or (
                _breaks_line(builder, box.left, size, width)
            ):
                if (done := builder.line()) is not None:
                    lines.append(done)
                builder = None
        if builder is None:
            builder = _LineBuilder(number, baseline, size)
        elif (
            not sup
            and builder.size < size * _SUPERSCRIPT_SIZE
            and builder.baseline - baseline > _SUPERSCRIPT_RISE * size
            and all(c[5] or c[0].isdigit() or c[0] == " " for c in builder.chars)
        ):
            # The line opened with a raised number: its baseline and size are this text's.
            builder.chars = [(c[0], c[1], c[2], c[3], c[4], c[0] != " ") for c in builder.chars]
            builder.baseline, builder.size = baseline, size
        builder.add(char, box.left, box.right, size, font, sup)
    if builder is not None and (done := builder.line()) is not None:
        lines.append(done)
    textpage.close()
    page.close()
    return Page(number, width, height, lines)


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """The PDF document; PdfiumError when it is damaged or needs a password."""
    return pdfium.PdfDocument(data)
