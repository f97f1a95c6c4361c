"""The redline in LibreOffice: it opens and converts headlessly, its PDF shows the inserted and
deleted words, and LibreOffice's own re-saved DOCX keeps both views (so it read every revision
as a revision). Skipped, saying why, where LibreOffice or pdftotext is not installed (.ci/run
installs Debian's libreoffice-writer-nogui and poppler-utils)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.docx_views import DATE, doc, views

from diffdoc.compare import compare, compare_files
from diffdoc.report.docx import render_docx

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice (soffice) or pdftotext not installed "
    "(Debian: apt-get install libreoffice-writer-nogui poppler-utils)",
)

OLD = doc(
    "Joint Statement",
    "1. The Parties firmly support the principles of the Charter.",
    "2. Ministers will meet annually in Geneva.",
    "3. Cooperation on fisheries shall be strengthened.",
    label="draft-1.md",
    kinds={0: "title"},
)
NEW = doc(
    "Joint Statement",
    "1. The Parties strongly support the principles of the Charter.",
    "3. Cooperation on fisheries shall be strengthened.",
    "4. A working group on [maritime] security is established.",
    label="draft-2.md",
    kinds={0: "title"},
)


def _convert(source: Path, target: str, tmp_path: Path) -> Path:
    """Convert with a private profile in tmp (never the user's), headless, with a timeout."""
    profile = (tmp_path / "profile").as_uri()
    out = tmp_path / "out"
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = out / (source.stem + "." + target.split(":")[0])
    assert converted.is_file(), f"soffice failed: {result.stdout} {result.stderr}"
    return converted


def test_pdf_shows_inserted_and_deleted_words(tmp_path: Path) -> None:
    redline = tmp_path / "redline.docx"
    redline.write_bytes(render_docx(compare(OLD, NEW), date=DATE))
    pdf = _convert(redline, "pdf", tmp_path)
    text = subprocess.run(
        [str(PDFTOTEXT), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    shown = " ".join(text.split())
    # a deletion and the insertion after it stand side by side, struck and underlined
    assert "The Parties firmlystrongly support" in shown
    assert "2. Ministers will meet annually in Geneva." in shown  # the deleted paragraph
    assert "4. A working group on [maritime] security is established." in shown
    assert "Redline: draft-1.md → draft-2.md" in shown
    assert "1 modified, 1 inserted, 1 deleted" in shown


@pytest.mark.parametrize(
    "pair",
    [
        None,
        (
            "us-uk-2023-06-08-atlantic-declaration.wh-md.v1",
            "us-uk-2023-06-08-atlantic-declaration.wh-md.v2",
        ),
    ],
)
def test_libreoffice_keeps_every_revision(tmp_path: Path, pair: tuple[str, str] | None) -> None:
    if pair is None:
        comparison = compare(OLD, NEW)
    else:
        from helpers.paths import TEXTS

        paths = [TEXTS / f"{name}.en.txt" for name in pair]
        if not all(p.is_file() for p in paths):
            pytest.skip(f"real texts not found at {TEXTS}")
        comparison = compare_files(paths[0], paths[1])
    redline = tmp_path / "redline.docx"
    data = render_docx(comparison, date=DATE)
    redline.write_bytes(data)
    resaved = _convert(redline, "docx:MS Word 2007 XML", tmp_path)
    assert views(resaved.read_bytes()) == views(data)
    assert views(data)[0] == comparison.new.texts
