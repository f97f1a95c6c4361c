"""Word's automatic numbering: the label Word shows before a numbered paragraph.

A paragraph is numbered by its own `w:pPr/w:numPr` or by its style's (styles inherit it
through `w:basedOn`, "List Number" is one); `w:numId` names a `w:num` instance in
`word/numbering.xml`, which points to an abstract definition (`w:abstractNum`) with up to
nine levels, each with a start, a format (`decimal`, `lowerLetter`, `upperRoman`...) and a
text such as `%1.`, `(%2)` or `%1.%2`. A `w:num` may override a level's start (Word's
"Restart numbering" makes such an instance); instances of one abstract definition share its
counters, as in Word. Using a level restarts the levels below it (unless `w:lvlRestart`
says otherwise); `w:isLgl` shows every level as a decimal number; a bullet is no label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

LEVELS = 9


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    restart_after: int | None = None  # None: after any higher level; 0: never


@dataclass
class Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:lvlOverride/w:startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl
    used: bool = False


def _val(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    if found is None:
        return None
    value = found.get(qn("w:val"))
    return None if value is None else str(value)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(element: Any) -> Level:
    restart = _val(element, qn("w:lvlRestart"))
    legal = element.find(qn("w:isLgl"))
    return Level(
        start=_int(_val(element, qn("w:start")), 1),
        fmt=_val(element, qn("w:numFmt")) or "decimal",
        text=_val(element, qn("w:lvlText")) or "",
        legal=legal is not None and legal.get(qn("w:val"), "1") not in ("0", "false", "off"),
        restart_after=None if restart is None else _int(restart, 0),
    )


def _roman(number: int) -> str:
    out = []
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def format_number(number: int, fmt: str) -> str | None:
    """`number` as Word writes it in format `fmt` (None for a bullet); an unknown format as
    a decimal."""
    if fmt == "bullet":
        return None
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and number > 0:
        # Word repeats the letter past z: 27 is "aa", 53 is "aaa".
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        roman = _roman(number)
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}
        return f"{number}{suffix if isinstance(suffix, str) else suffix.get(number % 10, 'th')}"
    return str(number)


class Numbering:
    """The labels of a document's numbered paragraphs, computed in reading order: call
    `label` once for each paragraph, in document order."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstract id -> style whose numbering it uses
        self._instances: dict[str, Instance] = {}
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            for style in styles.iter(qn("w:style")):
                style_id = style.get(qn("w:styleId"))
                if style_id is None:
                    continue
                properties = style.find(qn("w:pPr"))
                self._styles[style_id] = (
                    _val(style, qn("w:basedOn")),
                    _val(properties, f"{qn('w:numPr')}/{qn('w:numId')}"),
                    _val(properties, f"{qn('w:numPr')}/{qn('w:ilvl')}"),
                )

    def _read_numbering(self, numbering: Any) -> None:
        for abstract in numbering.iter(qn("w:abstractNum")):
            key = abstract.get(qn("w:abstractNumId"))
            if key is None:
                continue
            levels = {}
            for lvl in abstract.iter(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl")), 0)] = _level(lvl)
            self._abstracts[key] = levels
            link = _val(abstract, qn("w:numStyleLink"))
            if link is not None:
                self._links[key] = link
        for num in numbering.iter(qn("w:num")):
            key, abstract_id = num.get(qn("w:numId")), _val(num, qn("w:abstractNumId"))
            if key is None or abstract_id is None:
                continue
            instance = Instance(abstract_id)
            for override in num.iter(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                start = _val(override, qn("w:startOverride"))
                if start is not None:
                    instance.starts[ilvl] = _int(start, 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            self._instances[key] = instance

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph style gives, through its `w:basedOn` chain."""
        seen: set[str] = set()
        num_id = ilvl = None
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            based_on, style_num, style_ilvl = self._styles[style_id]
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
            style_id = based_on
        return num_id, ilvl

    def _abstract_of(self, instance: Instance) -> dict[int, Level]:
        key = instance.abstract
        link = self._links.get(key)
        if link is not None:  # numStyleLink: the levels of the numbering the style names
            num_id, _ = self._style_numbering(link)
            linked = self._instances.get(num_id or "")
            if linked is not None and linked.abstract != key:
                return self._abstracts.get(linked.abstract, {})
        return self._abstracts.get(key, {})

    def label(self, properties: Any | None) -> str | None:
        """The label Word shows before the paragraph with these `w:pPr` (None: not numbered
        or a bullet), counting it."""
        style_id = _val(properties, qn("w:pStyle"))
        num_id = _val(properties, f"{qn('w:numPr')}/{qn('w:numId')}")
        ilvl_value = _val(properties, f"{qn('w:numPr')}/{qn('w:ilvl')}")
        style_num, style_ilvl = self._style_numbering(style_id)
        num_id = num_id if num_id is not None else style_num
        instance = self._instances.get(num_id or "")
        if instance is None:  # also numId 0: numbering switched off
            return None
        ilvl = min(max(_int(ilvl_value or style_ilvl, 0), 0), LEVELS - 1)
        levels = {**self._abstract_of(instance), **instance.levels}
        counters = self._counters.setdefault(instance.abstract, [None] * LEVELS)
        if not instance.used:
            instance.used = True
            for restarted in instance.starts:
                if 0 <= restarted < LEVELS:
                    counters[restarted] = None

        def start(level: int) -> int:
            return instance.starts.get(level, levels.get(level, Level()).start)

        current = counters[ilvl]
        counters[ilvl] = start(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            after = levels.get(deeper, Level()).restart_after
            if after is None or (after > 0 and ilvl < after):
                counters[deeper] = None
        level = levels.get(ilvl, Level(text=f"%{ilvl + 1}."))
        if format_number(1, level.fmt) is None:
            return None
        text = level.text
        for referenced in range(LEVELS, 0, -1):  # %10 does not exist; %1 after %1x is fine
            placeholder = f"%{referenced}"
            if placeholder not in text:
                continue
            number = counters[referenced - 1]
            value = start(referenced - 1) if number is None else number
            fmt = "decimal" if level.legal else levels.get(referenced - 1, Level()).fmt
            text = text.replace(placeholder, format_number(value, fmt) or "")
        return text.strip() or None
