"""`verify`: recompute every hash, and report missing, extra or altered files.

Problems make `diffdoc verify` exit with status 1. Notes are not problems: leftovers of an
interrupted write (`.tmp-*`, removed by the next `add`) and original bytes no version refers to
any more (what an `add` killed before its final rename leaves behind).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from diffdoc import docformat
from diffdoc.corpus import safeio
from diffdoc.corpus.names import InvalidNameError, case_collision, check_doc_id, check_label
from diffdoc.corpus.records import VersionRecord, read_document, read_version
from diffdoc.corpus.store import (
    CACHE_DIR,
    DOCUMENT_FILE,
    DOCUMENTS,
    INDEX_FILE,
    LOCK_FILE,
    MARKER,
    OBJECTS,
    TEXT_FILE,
    VERSION_FILE,
    Corpus,
    sha256_hex,
)
from diffdoc.errors import CorpusError, InputError
from diffdoc.paths import shown
from diffdoc.progress import progress

_TOP_LEVEL = {MARKER, DOCUMENTS, OBJECTS, LOCK_FILE, CACHE_DIR}
# What keeping the corpus in git (or browsing it in Finder) adds beside it: not corpus files,
# never checked.
_IGNORED_TOP_LEVEL = {".git", ".gitignore", ".gitattributes", ".DS_Store"}
_IGNORED_ANYWHERE = {".DS_Store"}


def _ignored(name: str, top_level: bool = False) -> bool:
    if name in _IGNORED_ANYWHERE:
        return True
    return top_level and (name in _IGNORED_TOP_LEVEL or name.startswith("README"))


@dataclass
class VerifyReport:
    """What verify found."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    documents: int = 0
    versions: int = 0
    objects: int = 0
    index_rebuilt: bool = False

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def verify(
    corpus: Corpus, *, rebuild_index: bool = True, show_progress: bool = False
) -> VerifyReport:
    """Check every file of the corpus; rebuild the index from the files when they are sound.
    `show_progress`: a bar on stderr while the documents and originals are checked (only on
    a terminal; see diffdoc.progress)."""
    report = VerifyReport()
    with safeio.locked(corpus.root / LOCK_FILE, exclusive=False):
        _check_top_level(corpus, report)
        referenced = _check_documents(corpus, report, show_progress)
        _check_objects(corpus, referenced, report, show_progress)
        if rebuild_index and report.ok:
            corpus.refresh_index(rebuild=True)
            report.index_rebuilt = True
    return report


def _rel(corpus: Corpus, path: Path | str) -> str:
    return shown(os.path.relpath(path, corpus.root))


def _is_link(entry: os.DirEntry[str], corpus: Corpus, report: VerifyReport) -> bool:
    """Report a symbolic link (a corpus holds none: writes would go through it) and say so.

    verify never follows one: not into a folder, not even to a file identical to the one
    recorded, since `add` and `remove` would then change what lies behind it.
    """
    if not entry.is_symlink():
        return False
    target = os.readlink(entry.path)
    report.problems.append(
        f"{_rel(corpus, entry.path)}: symbolic link to {shown(target)} (not followed; "
        "a corpus holds only its own files)"
    )
    return True


def _check_top_level(corpus: Corpus, report: VerifyReport) -> None:
    for entry in sorted(os.scandir(corpus.root), key=lambda e: e.name):
        if _ignored(entry.name, top_level=True) or _is_link(entry, corpus, report):
            continue
        if safeio.is_temp(entry.name):
            report.notes.append(f"{entry.name}: leftover of an interrupted write")
        elif entry.name not in _TOP_LEVEL and not entry.name.startswith(INDEX_FILE):
            report.problems.append(f"{entry.name}: extra file (not part of a corpus)")
    for folder in (DOCUMENTS, OBJECTS):
        if not _real_dir(corpus.root / folder) and not (corpus.root / folder).is_symlink():
            report.problems.append(f"{folder}/: missing folder")


def _check_documents(
    corpus: Corpus, report: VerifyReport, show_progress: bool = False
) -> dict[str, list[str]]:
    """Check every document folder; return the refs that use each original's sha256."""
    referenced: dict[str, list[str]] = {}
    if not _real_dir(corpus.documents_dir):
        return referenced
    names: list[str] = []
    entries = sorted(os.scandir(corpus.documents_dir), key=lambda e: e.name)
    for entry in progress(entries, "verify documents", show_progress):
        where = _rel(corpus, entry.path)
        if _ignored(entry.name) or _is_link(entry, corpus, report):
            continue
        if safeio.is_temp(entry.name):
            report.notes.append(f"{where}: leftover of an interrupted write")
            continue
        if not entry.is_dir():
            report.problems.append(f"{where}: extra file (expected only document folders)")
            continue
        try:
            check_doc_id(entry.name)
        except InvalidNameError as error:
            report.problems.append(f"{where}: {error}")
            continue
        other = case_collision(entry.name, names)
        if other is not None:
            report.problems.append(f"{where}: differs only by case from documents/{other}")
        names.append(entry.name)
        report.documents += 1
        _check_document(corpus, Path(entry.path), report, referenced)
    return referenced


def _check_document(
    corpus: Corpus, folder: Path, report: VerifyReport, referenced: dict[str, list[str]]
) -> None:
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    linked = {e.name for e in entries if _is_link(e, corpus, report)}
    if DOCUMENT_FILE not in linked:
        try:
            document = read_document(folder / DOCUMENT_FILE)
            if document.id != folder.name:
                report.problems.append(f"{_rel(corpus, folder / DOCUMENT_FILE)}: id does not match")
        except CorpusError as error:
            report.problems.append(f"{_rel(corpus, folder / DOCUMENT_FILE)}: {_reason(error)}")
    numbers: dict[int, str] = {}
    labels: list[str] = []
    for entry in entries:
        where = _rel(corpus, entry.path)
        if entry.name in linked:
            continue
        if safeio.is_temp(entry.name):
            report.notes.append(f"{where}: leftover of an interrupted write")
        elif entry.name == DOCUMENT_FILE or _ignored(entry.name):
            continue
        elif not entry.is_dir():
            report.problems.append(f"{where}: extra file")
        else:
            version = _check_version(corpus, Path(entry.path), report)
            other = case_collision(entry.name, labels)
            if other is not None:
                report.problems.append(f"{where}: differs only by case from {other}")
            labels.append(entry.name)
            if version is None:
                continue
            if version.number in numbers:
                report.problems.append(
                    f"{where}: version number {version.number} also used by "
                    f"{numbers[version.number]}"
                )
            numbers[version.number] = entry.name
            referenced.setdefault(version.sha256, []).append(version.ref)


def _check_version(corpus: Corpus, folder: Path, report: VerifyReport) -> VersionRecord | None:
    where = _rel(corpus, folder)
    try:
        check_label(folder.name)
    except InvalidNameError as error:
        report.problems.append(f"{where}: {error}")
        return None
    entries = [e for e in os.scandir(folder) if not _ignored(e.name)]
    linked = {e.name for e in entries if _is_link(e, corpus, report)}
    present = {e.name for e in entries} - linked
    for extra in sorted(present - {VERSION_FILE, TEXT_FILE}):
        report.problems.append(f"{where}/{extra}: extra file")
    for missing in sorted({VERSION_FILE, TEXT_FILE} - present - linked):
        report.problems.append(f"{where}/{missing}: missing")
    if VERSION_FILE not in present:
        return None
    try:
        version = read_version(folder / VERSION_FILE)
    except CorpusError as error:
        report.problems.append(f"{where}/{VERSION_FILE}: {_reason(error)}")
        return None
    if version.label != folder.name or version.doc_id != folder.parent.name:
        report.problems.append(f"{where}/{VERSION_FILE}: label or document id does not match")
    report.versions += 1
    if TEXT_FILE in present:
        text = (folder / TEXT_FILE).read_bytes()
        if sha256_hex(text) != version.text_sha256:
            report.problems.append(f"{where}/{TEXT_FILE}: altered (sha256 does not match)")
        else:
            try:
                docformat.loads(text.decode("utf-8"), name=f"{where}/{TEXT_FILE}")
            except (UnicodeDecodeError, InputError) as error:
                report.problems.append(f"{where}/{TEXT_FILE}: unreadable ({error})")
    if not os.path.lexists(corpus.object_path(version.sha256)):
        original = _rel(corpus, corpus.object_path(version.sha256))
        report.problems.append(f"{original}: missing (original of {version.ref})")
    return version


def _check_objects(
    corpus: Corpus,
    referenced: dict[str, list[str]],
    report: VerifyReport,
    show_progress: bool = False,
) -> None:
    if not _real_dir(corpus.objects_dir):
        return
    shards = sorted(os.scandir(corpus.objects_dir), key=lambda e: e.name)
    for shard in progress(shards, "verify originals", show_progress):
        where = _rel(corpus, shard.path)
        if _ignored(shard.name) or _is_link(shard, corpus, report):
            continue
        if safeio.is_temp(shard.name):
            report.notes.append(f"{where}: leftover of an interrupted write")
            continue
        if not shard.is_dir() or len(shard.name) != 2 or not _is_hex(shard.name):
            report.problems.append(f"{where}: extra file")
            continue
        for entry in sorted(os.scandir(shard.path), key=lambda e: e.name):
            where = _rel(corpus, entry.path)
            sha256 = shard.name + entry.name
            if _ignored(entry.name) or _is_link(entry, corpus, report):
                continue
            if safeio.is_temp(entry.name):
                report.notes.append(f"{where}: leftover of an interrupted write")
            elif not entry.is_file() or len(sha256) != 64 or not _is_hex(sha256):
                report.problems.append(f"{where}: extra file")
            elif sha256_hex(Path(entry.path).read_bytes()) != sha256:
                users = ", ".join(referenced.get(sha256, [])) or "no version"
                report.problems.append(f"{where}: altered (sha256 does not match; used by {users})")
            else:
                report.objects += 1
                if sha256 not in referenced:
                    report.notes.append(f"{where}: original bytes no version refers to")


def _real_dir(path: Path) -> bool:
    """A folder, and not a symbolic link to one."""
    return path.is_dir() and not path.is_symlink()


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def _reason(error: CorpusError) -> str:
    """The message of an error without the path it starts with (we print our own)."""
    message = str(error)
    _, sep, rest = message.partition(": ")
    return rest if sep else message
