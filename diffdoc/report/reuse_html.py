"""The reuse pages: one document with its reused passages marked by source, and the families.

Self-contained, under the same Content-Security-Policy as the other pages (inline style and
script allowed by hash, nothing else). The document page: each passage is marked in the colour
of its earliest source (a legend lists the sources, ranked by the words they share); a click on
a passage (or Enter on it) opens it beside each of its sources with the word differences.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from diffdoc.models import Segment
from diffdoc.report.page import content_security_policy
from diffdoc.reuse.families import Family
from diffdoc.reuse.query import Passage, ReuseResult

# Colours told apart by most readers (Okabe & Ito), light enough for black text over them.
PALETTE = ("#f4c542", "#7fc8f8", "#8fd694", "#f7a072", "#c9a0dc", "#f28b82", "#a7e8e0", "#d4c5a0")
OTHER = "#d9d9d9"

STYLE = """
body { font: 16px/1.55 system-ui, sans-serif; margin: 0 auto; max-width: 70rem;
  padding: 1rem 2rem; color: #111; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 0; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
.swatch { display: inline-block; width: 1em; height: 1em; vertical-align: -.15em;
  border: 1px solid #555; margin-right: .3em; }
mark { padding: .05em 0; cursor: pointer; border-bottom: 2px solid #555; }
mark:focus { outline: 2px solid #000; }
.pair { border: 2px solid #555; padding: .8rem 1rem; margin: 1rem 0; background: #fafafa; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
ins { background: #c8f0c8; text-decoration: none; } del { background: #f8cccc; }
.family { border-top: 1px solid #ccc; padding: .5rem 0; }
.family ol { margin: .3rem 0; }
""" + "".join(f".c{i} {{ background: {c}; }}\n" for i, c in enumerate((*PALETTE, OTHER)))

SCRIPT = """
document.documentElement.className = "js";
function show(id) {
  for (const p of document.querySelectorAll(".pair")) p.hidden = p.id !== id;
  const panel = document.getElementById(id);
  if (panel) panel.scrollIntoView({block: "nearest"});
}
for (const m of document.querySelectorAll("mark[data-pair]")) {
  m.addEventListener("click", () => show(m.dataset.pair));
  m.addEventListener("keydown", (e) => { if (e.key === "Enter") show(m.dataset.pair); });
}
"""


def _head(title: str, script: bool) -> Markup:
    policy = content_security_policy([STYLE], [SCRIPT] if script else [])
    return Markup(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="{}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{}</title>\n<style>{}</style>\n</head>\n"
    ).format(policy, title, Markup(STYLE))


def _ranked_sources(passages: Sequence[Passage]) -> list[tuple[str, str | None, int]]:
    """(document id, date of its earliest version, words shared), most words first."""
    shared: dict[str, int] = {}
    dates: dict[str, str | None] = {}
    for passage in passages:
        for source in passage.sources:
            doc = source.version.doc_id
            shared[doc] = shared.get(doc, 0) + passage.words
            dates.setdefault(doc, source.version.date)
    return sorted(((d, dates[d], n) for d, n in shared.items()), key=lambda r: (-r[2], r[0]))


def reuse_html(result: ReuseResult, diffs: Mapping[tuple[int, int], Sequence[Segment]]) -> str:
    """The page of one document's reused passages."""
    ranked = _ranked_sources(result.passages)
    colour = {doc: f"c{min(i, len(PALETTE))}" for i, (doc, _, _) in enumerate(ranked)}
    total = sum(len(text.split()) for text in result.paragraphs) or 1
    reused = sum(p.words for p in result.passages)
    ref = result.version.ref
    parts = [_head(f"Reused passages in {ref}", script=True), Markup("<body>\n<header>\n")]
    parts.append(Markup("<h1>Reused passages in {}</h1>\n").format(ref))
    parts.append(
        Markup(
            '<p id="share">{} passage(s), {} of {} words ({}%) found in {} other document(s).</p>\n'
        ).format(len(result.passages), reused, total, round(100 * reused / total), len(ranked))
    )
    parts.append(Markup('<ol class="legend" id="legend">\n'))
    for doc, date, words in ranked:
        parts.append(
            Markup('<li><span class="swatch {}"></span>{}{} — {} words</li>\n').format(
                colour[doc], doc, f" ({date})" if date else "", words
            )
        )
    parts.append(Markup("</ol>\n</header>\n<main>\n"))
    by_paragraph: dict[int, list[tuple[int, Passage]]] = {}
    for number, passage in enumerate(result.passages):
        by_paragraph.setdefault(passage.paragraph, []).append((number, passage))
    for index, text in enumerate(result.paragraphs):
        parts.append(Markup('<p id="p{}">').format(index + 1))
        cursor = 0
        for number, passage in by_paragraph.get(index, []):
            first = passage.sources[0].version.doc_id
            parts.append(escape(text[cursor : passage.start]))
            parts.append(
                Markup(
                    '<mark id="passage-{0}" data-pair="pair-{0}" tabindex="0" '
                    'class="{1}" title="from {2}">{3}</mark>'
                ).format(
                    number + 1,
                    colour[first],
                    passage.sources[0].version.ref,
                    text[passage.start : passage.end],
                )
            )
            cursor = passage.end
        parts.append(escape(text[cursor:]))
        parts.append(Markup("</p>\n"))
    parts.append(Markup('</main>\n<section id="pairs">\n'))
    for number, passage in enumerate(result.passages):
        parts.append(Markup('<div class="pair" id="pair-{}" hidden>\n').format(number + 1))
        parts.append(Markup("<h2>Passage {} ({} words)</h2>\n").format(number + 1, passage.words))
        for index, source in enumerate(passage.sources):
            segments = diffs.get((number, index), ())
            parts.append(
                Markup(
                    '<div class="sides"><div><h3>{}</h3><p>{}</p></div>'
                    "<div><h3>{}{} (similarity {:.2f})</h3><p>{}</p></div></div>\n"
                ).format(
                    ref,
                    _side(segments, "insert", "ins"),
                    source.version.ref,
                    f", {source.version.date}" if source.version.date else "",
                    source.similarity,
                    _side(segments, "delete", "del"),
                )
            )
        parts.append(Markup("</div>\n"))
    parts.append(
        Markup("</section>\n<script>{}</script>\n</body>\n</html>\n").format(Markup(SCRIPT))
    )
    return "".join(parts)


def _side(segments: Sequence[Segment], own: str, tag: str) -> Markup:
    out = []
    for segment in segments:
        if segment.op == "equal":
            out.append(escape(segment.text))
        elif segment.op == own:
            out.append(Markup("<{0}>{1}</{0}>").format(Markup(tag), segment.text))
    return Markup("").join(out)


def families_html(families: Sequence[Family]) -> str:
    """The page of every family of shared passages, earliest first."""
    parts = [_head("Shared passages", script=False), Markup("<body>\n<header>\n")]
    parts.append(
        Markup(
            "<h1>Shared passages</h1>\n"
            "<p>{} famil{} of passages shared by two or more documents.</p>\n</header>\n<main>\n"
        ).format(len(families), "y" if len(families) == 1 else "ies")
    )
    for number, family in enumerate(families):
        parts.append(
            Markup(
                '<section class="family" id="family-{}">\n<blockquote>{}</blockquote>\n<ol>\n'
            ).format(number + 1, family.text)
        )
        for occurrence in family.occurrences:
            date = f" ({occurrence.version.date})" if occurrence.version.date else ""
            parts.append(
                Markup("<li>{}{}, paragraph {}, {} words</li>\n").format(
                    occurrence.version.ref, date, occurrence.paragraph + 1, occurrence.words
                )
            )
        parts.append(Markup("</ol>\n</section>\n"))
    parts.append(Markup("</main>\n</body>\n</html>\n"))
    return "".join(parts)
