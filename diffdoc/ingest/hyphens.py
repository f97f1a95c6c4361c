"""Line-end hyphens: drop the ones that only break a word across lines, keep compounds.

The rule for "head-" at a line end followed by "tail" on the next line, in this order:

1. the next line starts in uppercase or with a digit: keep the hyphen, with no space
   ("COVID-" / "19", "Indo-" / "Pacific"), unless the document writes the word joined
   elsewhere ("IPM-" / "DA": "IPMDA");
2. the document spells the compound with its hyphen elsewhere ("action-oriented"): keep;
3. the document spells the joined word elsewhere ("development", "Indo-Pacific" for
   "In-" / "do-Pacific"): drop;
4. the head is a prefix usually written with a hyphen ("self-", "non-", "anti-"): keep;
   "co-", "ex-" and "all-" start plain words as often ("co-ercive", "ex-ample"), so they
   keep it only when the tail is a word the document uses elsewhere ("co-" / "operation");
5. the tail is a word that ends compounds ("results-" / "based", "country-" / "led"), or
   has a hyphen of its own after a head of four letters or more and a tail part of four
   or one the document uses ("private-" / "sector-led", "ready-" / "for-transfer"; not
   "so-" / "cio-economic"): keep;
6. the head is a word the document uses elsewhere, the tail is no common suffix, and the
   tail is a word used elsewhere too or the head is six letters or longer ("action-" /
   "oriented", "capacity-" / "constrained"; not "settle-" / "ment"): keep, a compound is as
   plausible; a short head that is a word with a tail that is not ("in-" / "formation",
   "of-" / "fer", "under-" / "pin") is a word a hyphenator broke;
7. otherwise, when both halves are letters in lowercase (the head may start with a
   capital), the line end split one word ("establish-" / "ment"): drop; anything else keeps
   its hyphen.

Evidence counts each half of the split itself once, so "elsewhere" is a count above one.
Measured on the texts of benchmarks/pdf_truth.py laid out by a hyphenating typesetter,
rules 4-6 as they are took the wrong calls from 18 to 1 of 522 line-end hyphens on the texts
they were tuned on, and from 9 to 3 of 933 on five other texts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from diffdoc.ingest.wording import joins_without_space

_HYPHENATED = re.compile(r"(\w+)-$")
_WORD = re.compile(r"\w+(?:-\w+)*")
# A hyphen, then only whitespace to the end of its line (lines hold no line feed).
_LINE_END_HYPHEN = re.compile(r"-\s*$", re.MULTILINE)
# Prefixes that keep their hyphen in the style of diplomatic texts ("non-proliferation",
# "self-determination", "co-sponsor", "counter-terrorism").
HYPHEN_PREFIXES = frozenset({"self", "non", "anti", "counter", "cross", "half", "quasi", "well"})
# Prefixes that as often begin a plain word a hyphenator broke ("co-ercive", "ex-ample").
_WEAK_PREFIXES = frozenset({"co", "ex", "all"})
# Second words of compounds, rarely the end of a word broken by a hyphenator.
_COMPOUND_TAILS = frozenset(
    {
        "based", "led", "related", "oriented", "driven", "owned", "specific", "sensitive",
        "responsive", "wide", "bound", "free", "friendly", "term", "level", "scale",
    }
)  # fmt: skip

# Word endings a line-end hyphen splits off ("develop-ment", "negotia-tions"): never a
# compound's second word.
_SUFFIXES = frozenset(
    [
        "ment",
        "ments",
        "tion",
        "tions",
        "sion",
        "sions",
        "ation",
        "ations",
        "ing",
        "ings",
        "ity",
        "ities",
        "ance",
        "ances",
        "ence",
        "ences",
        "ness",
        "ship",
        "ships",
        "able",
        "ible",
        "ive",
        "ives",
        "ally",
        "ly",
        "ed",
        "ted",
        "ting",
        "ered",
        "ated",
        "ating",
        "ure",
        "ures",
        "al",
        "ial",
        "ous",
        "ist",
        "ists",
        "ism",
    ]
)


def document_words(lines: Sequence[str]) -> Counter[str]:
    """Every word of the text, lowercased: evidence for resolving line-end hyphens.

    Empty when no line ends with a hyphen, since then nothing needs the evidence.
    """
    joined = "\n".join(lines)
    if joined.count("\n") == len(lines) - 1:  # no line holds a line feed: one regex search
        if not _LINE_END_HYPHEN.search(joined):
            return Counter()
    elif not any(line.rstrip().endswith("-") for line in lines):
        return Counter()
    return Counter(word.lower() for line in lines for word in _WORD.findall(line))


def drops_hyphen(head: str, line: str, words: Counter[str] | None) -> bool:
    """Whether "head-" at a line end and `line` (the next line, stripped) make one word
    without the hyphen (the rule in the module docstring)."""
    match = _WORD.match(line)
    # The compound as the document would spell it: the tail is the next word up to any
    # hyphen of its own ("inter-" / "governmental-led": "intergovernmental").
    tail = match.group(0).split("-", 1)[0] if match else ""
    head_lower, tail_lower = head.lower(), tail.lower()
    if words is None:
        words = Counter()
    if not line[:1].islower():  # "COVID-" / "19": only the joined word elsewhere drops it
        joined = words[head_lower + tail_lower] > 0
        return bool(tail) and joined and not words[f"{head_lower}-{tail_lower}"]
    if words[f"{head_lower}-{tail_lower}"] > 0:
        return False
    if words[head_lower + tail_lower] > 0:
        return True
    # "In-" / "do-Pacific": the document writes "Indo-Pacific" elsewhere.
    full_tail = match.group(0).lower() if match else ""
    if full_tail != tail_lower and words[head_lower + full_tail] > 0:
        return True
    if head_lower in HYPHEN_PREFIXES:
        return False
    # The split's own halves count once in `words`: elsewhere means a second time.
    tail_elsewhere = words[tail_lower] > 1
    if head_lower in _WEAK_PREFIXES:
        return not tail_elsewhere
    if len(head) >= 3 and tail_lower in _COMPOUND_TAILS:
        return False
    if full_tail != tail_lower and len(head) >= 4 and (len(tail) >= 4 or tail_elsewhere):
        return False
    head_elsewhere = words[head_lower] > 1
    if head_elsewhere and tail_lower not in _SUFFIXES and (tail_elsewhere or len(head) >= 6):
        return False
    # A capital may open the word ("Octo-" / "ber"), as long as the rest is in lowercase.
    return head.isalpha() and head[1:].islower() and tail.isalpha() and tail.islower()


def join_lines(lines: Sequence[str], words: Counter[str] | None = None) -> str:
    """Join the lines of one paragraph, resolving line-end hyphens with `drops_hyphen`.

    The paragraph is built as a list of pieces joined once at the end, and only its last
    characters are inspected: a text of thousands of hard-wrapped lines without a paragraph
    break stays linear (growing one string and searching all of it was quadratic).
    """
    if len(lines) == 1:  # the common case: nothing to join
        return close_split_hyphens(lines[0].strip())
    pieces: list[str] = []  # the text so far is "".join(pieces); it never ends in a space
    for line in lines:
        line = line.strip()
        if not line:
            continue  # joining an empty line changes nothing
        head = _hyphenated_word(pieces)
        if head is not None and line[:1].isalnum():
            if drops_hyphen(head, line, words):
                pieces[-1] = pieces[-1][:-1]  # drop the hyphen
        elif pieces and not joins_without_space(pieces[-1][-1], line[0]):
            pieces.append(" ")  # join_text: a space, except between CJK characters
        pieces.append(line)
    return close_split_hyphens("".join(pieces))


def _hyphenated_word(pieces: list[str]) -> str | None:
    """The word before a hyphen that ends "".join(pieces), as `_HYPHENATED` finds it, or
    None; reads back only as far as that word reaches."""
    if not pieces or not pieces[-1].endswith("-"):
        return None
    run: list[str] = []
    index = len(pieces) - 1
    piece = pieces[index][:-1]
    while True:
        start = len(piece)
        while start and (piece[start - 1].isalnum() or piece[start - 1] == "_"):  # \w
            start -= 1
        run.append(piece[start:])
        if start or not index:
            break
        index -= 1
        piece = pieces[index]
    return "".join(reversed(run)) or None


# "action- oriented": an extractor joined a line-end hyphen with a space. Not "medium- and
# long-term", where the hyphen is suspended before a conjunction.
_SPLIT_HYPHEN = re.compile(r"(?<=[^\W\d])- (?!(?:and|or|nor|to)\b)(?=[a-z])")


def close_split_hyphens(text: str) -> str:
    """Rejoin a compound that an extractor split after its hyphen ("action- oriented")."""
    # A one-character test first: most paragraphs hold no hyphen at all.
    return _SPLIT_HYPHEN.sub("-", text) if "-" in text and "- " in text else text


# An extractor's line-end join that took the hyphen with it: "capacity-" / "building" read
# as "capacitybuilding". A hyphenated compound must be this many times as frequent as the
# joined spelling before the joined one is taken for the extractor's.
_RESTORE_RATIO = 2


def restore_extractor_hyphens(lines: Sequence[str]) -> list[str]:
    """Give back the hyphens an extractor (pdftotext) dropped when it joined a word broken
    at a line end, in a text that marks its pages with form feeds (a PDF's text layer).

    A joined word ("capacitybuilding", "pre2020") becomes the compound the text writes with
    its hyphens ("capacity-building", "pre-2020") when the compound is at least twice as
    frequent there: an author's own "cooperation" beside a rarer "co-operation" stays.
    """
    compounds: Counter[str] = Counter()
    for line in lines:
        if "-" in line:
            compounds.update(w.lower() for w in _WORD.findall(line) if "-" in w)
    if not compounds:
        return list(lines)
    spelled: dict[str, str] = {}
    for compound, _ in compounds.most_common():
        spelled.setdefault(compound.replace("-", ""), compound)
    joined: Counter[str] = Counter()
    for line in lines:
        joined.update(w for word in _WORD.findall(line) if (w := word.lower()) in spelled)
    wanted = {
        key: compound
        for key, compound in spelled.items()
        if joined[key] and compounds[compound] >= _RESTORE_RATIO * joined[key]
    }
    if not wanted:
        return list(lines)

    def hyphenate(match: re.Match[str]) -> str:
        word = match.group(0)
        compound = wanted.get(word.lower())
        if compound is None or len(compound) - compound.count("-") != len(word):
            return word  # (a lowercase form of another length: "İ" is two characters)
        out, letters = [], iter(word)
        for char in compound:
            out.append("-" if char == "-" else next(letters))
        return "".join(out)

    return [_WORD.sub(hyphenate, line) if line.strip() else line for line in lines]
