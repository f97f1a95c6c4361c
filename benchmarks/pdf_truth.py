"""How faithfully diffdoc reads PDFs: ground truth from real texts laid out twice.

1. Layouts: each real text (the accuracy benchmark's sources) is rendered in the "un" and
   the "plain" layout (benchmarks/pdf_render.py); the two PDFs, read by diffdoc and
   compared, should read as unchanged (target: at most 0.2 % of words changed).
2. Known edits: the old text of an accuracy case in the "un" layout, the edited new text in
   the "plain" layout; diffdoc's comparison of the two PDFs is scored against the truth as
   benchmarks/accuracy.py scores plain texts (paragraph-pair F1 >= 0.97, changed-word
   F1 >= 0.95). Paragraphs read from a PDF are mapped back to the truth's by their words.
   The same on texts the rules were not tuned on (HELD_OUT), also against the "columns"
   layout (two columns, US hyphenation), which no rule was tuned on either.
3. Real PDFs (../shared/pdf): diffdoc's reading against `pdftotext`'s (read by diffdoc's
   plain-text reader) and against the Markdown twin; furniture left as paragraphs; pages per
   second against `pdftotext` in the same run.

Run: .venv/bin/python benchmarks/pdf_truth.py
"""

from __future__ import annotations

import difflib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import RATES, SOURCES, Found, Score, diffdoc_found, truth
from edits import TEXTS, Case, make_case, read_paragraphs, vocabulary_of
from pdf_render import render

from diffdoc.compare import compare
from diffdoc.ingest import parse_bytes, read_document
from diffdoc.ingest.pdf_layout import is_furniture_text
from diffdoc.models import PARAGRAPH_SEPARATOR, Document, Segment
from diffdoc.normalize import DEFAULT_KEY
from diffdoc.report import render as render_report
from diffdoc.wordiff import changes

PDFS = TEXTS.parent / "pdf"
TWIN = {
    "paris-2015-12-04-adp-compilation-draft-agreement-and-decision.pdf": (
        "paris-2015-12-04-adp-draft-agreement.okfn-md.en.txt"
    )
}


def changed_share(old: Document, new: Document) -> float:
    """Words inserted and deleted, halved, over the new text's words."""
    stats = compare(old, new).stats
    words = sum(len(block.text.split()) for block in new.blocks)
    return (stats.words_inserted + stats.words_deleted) / 2 / max(words, 1)


def _tokens(paragraphs: list[str]) -> list[tuple[int, int, str]]:
    return [
        (p, k, word) for p, text in enumerate(paragraphs) for k, word in enumerate(text.split())
    ]


def _token_map(read: list[str], true: list[str]) -> dict[tuple[int, int], tuple[int, int]]:
    """(read paragraph, word) -> (true paragraph, word), where the words agree."""
    a, b = _tokens(read), _tokens(true)
    matcher = difflib.SequenceMatcher(None, [t[2] for t in a], [t[2] for t in b], autojunk=False)
    out = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            x, y = a[block.a + offset], b[block.b + offset]
            out[(x[0], x[1])] = (y[0], y[1])
    return out


def _chunks_changed(text: str, marks: list[bool]) -> set[int]:
    """The indices of the whitespace-separated words of `text` with a changed character."""
    changed = set()
    index, inside = -1, False
    for position, char in enumerate(text):
        if char.isspace():
            inside = False
            continue
        if not inside:
            index, inside = index + 1, True
        if position < len(marks) and marks[position]:
            changed.add(index)
    return changed


def found_in_truth(case: Case, old_pdf: Document, new_pdf: Document) -> Found:
    """diffdoc's comparison of the two PDFs, in the indices of the truth's paragraphs."""
    data = json.loads(render_report(compare(old_pdf, new_pdf), "json"))
    old_read, new_read = data["old"]["paragraphs"], data["new"]["paragraphs"]
    old_map, new_map = _token_map(old_read, case.old), _token_map(new_read, case.new)

    def owners(mapping: dict[tuple[int, int], tuple[int, int]], p: int) -> set[int]:
        return {t[0] for (q, _), t in mapping.items() if q == p}

    old_owner = {p: owners(old_map, p) for p in range(len(old_read))}
    new_owner = {p: owners(new_map, p) for p in range(len(new_read))}
    found = Found()
    for block in data["blocks"]:
        old, new = block["old"], block["new"]
        if not (old and new):
            continue  # as benchmarks/accuracy.py: words of whole new or gone paragraphs aside
        found.pairs.update(
            (i, j) for r in old for s in new for i in old_owner[r] for j in new_owner[s]
        )
        segments = [Segment(s["op"], s["text"]) for s in block["segments"]]
        old_marks: list[bool] = []
        new_marks: list[bool] = []
        for piece in changes(segments, DEFAULT_KEY):
            changed = piece.kind == "change"
            old_marks += [changed] * len(piece.old)
            new_marks += [changed and piece.kind != "equal"] * len(piece.new)
        for side, indices, marks, read, mapping in (
            ("old", old, old_marks, old_read, old_map),
            ("new", new, new_marks, new_read, new_map),
        ):
            start = 0
            for p in indices:
                for k in _chunks_changed(read[p], marks[start:]):
                    if (p, k) in mapping:
                        found.words.add((side, *mapping[(p, k)]))
                start += len(read[p]) + len(PARAGRAPH_SEPARATOR)
    return found


# Texts the reader's rules were not tuned on: other families than SOURCES (not versions of
# a source), checked in the tuned layouts and in the "columns" layout.
HELD_OUT = [
    "paris-2015-11-06-adp-draft-agreement.okfn-md.en.txt",
    "paris-2015-12-09-draft-agreement.okfn-md.en.txt",
    "quad-2021-03-12-leaders-joint-statement-spirit-of-the-quad.wh-md.en.txt",
    "ungd-2001-session56-CHN-general-debate-statement.ungdc.en.txt",
    "unga-2025-10-14-A-RES-80-3-awaza-declaration.railcar-extract-v1.0.0.en.txt",
]


def layouts_and_edits(names: list[str], old_layout: str = "un", new_layout: str = "plain") -> None:
    """Part 1 and 2 for `names`: the old text in `old_layout`, the new in `new_layout`."""
    texts = {name: read_paragraphs(TEXTS / name) for name in names if (TEXTS / name).is_file()}
    pairs, words, text_words = Score(), Score(), Score()
    layouts = f"{old_layout} / {new_layout}"
    heading = f"{'text (' + layouts + ')':<52}{'same text, 2 layouts':>22}{'pairs F1':>10}"
    print(f"{heading}{'words F1':>10}{'as text':>9}")
    shares = []
    for number, (name, paragraphs) in enumerate(sorted(texts.items())):
        foreign = [p for other, ps in texts.items() if other != name for p in ps if len(p) > 40]
        case = make_case(
            name, paragraphs, random.Random(number), vocabulary_of(paragraphs), foreign, RATES
        )
        old = parse_bytes(render(case.old, old_layout), name="old.pdf")
        same = parse_bytes(render(case.old, new_layout), name="same.pdf")
        new = parse_bytes(render(case.new, new_layout), name="new.pdf")
        share = changed_share(old, same)
        shares.append(share)
        true, found = truth(case), found_in_truth(case, old, new)
        one_pairs, one_words = Score(), Score()
        for score, key in ((one_pairs, "pairs"), (one_words, "words"), (pairs, "pairs")):
            score.add(getattr(found, key), getattr(true, key))
        words.add(found.words, true.words)
        as_text = Score()
        as_text.add(diffdoc_found(case).words, true.words)
        text_words.add(diffdoc_found(case).words, true.words)
        figures = f"{share:>21.2%}{one_pairs.f1:>10.3f}{one_words.f1:>10.3f}{as_text.f1:>9.3f}"
        print(f"{name[:50]:<52}{figures}")
    figures = f"{max(shares):>21.2%}{pairs.f1:>10.3f}{words.f1:>10.3f}{text_words.f1:>9.3f}"
    print(f"{'all (largest share)':<52}{figures}")
    print("targets: at most 0.2% changed, pairs F1 >= 0.97, changed-word F1 >= 0.95")
    print("(as text: diffdoc's changed-word F1 on the same case as plain text, the ceiling)\n")


def real_pdfs() -> None:
    if not PDFS.is_dir():
        print(f"no {PDFS}: real-PDF part skipped")
        return
    have_pdftotext = shutil.which("pdftotext") is not None
    print(f"\n{'real PDF':<60}{'pages':>6}{'vs pdftotext':>14}{'vs Markdown':>13}{'furniture':>10}")
    ours_time = theirs_time = 0.0
    pages_total = 0
    for path in sorted(PDFS.glob("*.pdf")):
        start = time.perf_counter()
        document = read_document(path)
        ours_time += time.perf_counter() - start
        furniture = sum(is_furniture_text(block.text) for block in document.blocks)
        versus_text = versus_twin = "-"
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(path))
        pages_total += pages
        if have_pdftotext:
            with tempfile.TemporaryDirectory() as scratch:
                out = Path(scratch) / "out.txt"
                start = time.perf_counter()
                subprocess.run(["pdftotext", str(path), str(out)], check=True)
                theirs_time += time.perf_counter() - start
                versus_text = f"{changed_share(read_document(out), document):.2%}"
        twin = TWIN.get(path.name)
        if twin and (TEXTS / twin).is_file():
            versus_twin = f"{changed_share(read_document(TEXTS / twin), document):.2%}"
        print(f"{path.name[:58]:<60}{pages:>6}{versus_text:>14}{versus_twin:>13}{furniture:>10}")
    print("targets: at most 1.5% changed against pdftotext, no furniture paragraphs")
    rate = pages_total / ours_time
    line = f"reading speed: diffdoc {rate:.0f} pages/s"
    if have_pdftotext and theirs_time:
        line += f", pdftotext {pages_total / theirs_time:.0f} pages/s (same run)"
        line += f": diffdoc takes {ours_time / theirs_time:.1f}x pdftotext's time"
    print(line + " (diffdoc's time includes its paragraph rules)")


def main() -> None:
    layouts_and_edits(SOURCES)
    print("held out: texts and a layout the rules were not tuned on")
    layouts_and_edits(HELD_OUT)
    layouts_and_edits(HELD_OUT, "un", "columns")
    real_pdfs()


if __name__ == "__main__":
    main()
