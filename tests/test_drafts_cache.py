"""The comparison cache: by content hashes, disposable, never trusted blindly."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers.drafts import doc

import diffdoc
from diffdoc.compare import compare
from diffdoc.drafts.cache import (
    ComparisonCache,
    comparison_from_json,
    comparison_to_json,
    differ_digest,
    differ_modules,
    options_name,
)
from diffdoc.models import CompareOptions, Comparison, Document

OLD = doc("The Parties agree.", "Each Party shall report.")
NEW = doc("Each Party shall report annually.", "The Parties agree.")


def counting_compare(calls: list[int]):  # type: ignore[no-untyped-def]
    def run(old: Document, new: Document, options: CompareOptions) -> Comparison:
        calls.append(1)
        return compare(old, new, options)

    return run


def test_round_trip() -> None:
    comparison = compare(OLD, NEW)
    data = json.loads(json.dumps(comparison_to_json(comparison)))
    assert comparison_from_json(data, OLD, NEW, CompareOptions()) == comparison


def test_options_name() -> None:
    assert options_name(CompareOptions()) == "default"
    assert options_name(CompareOptions(strict=True, ignore_case=True)) == "strict+ignore-case"


def test_second_comparison_comes_from_the_cache(tmp_path: Path) -> None:
    calls: list[int] = []
    cache = ComparisonCache(tmp_path, counting_compare(calls))
    first = cache.compare(OLD, NEW, "a" * 64, "b" * 64, CompareOptions())
    reopened = ComparisonCache(tmp_path, counting_compare(calls))
    again = reopened.compare(OLD, NEW, "a" * 64, "b" * 64, CompareOptions())
    assert again == first and len(calls) == 1
    assert (tmp_path / "cache" / "compare" / f"{'a' * 64}-{'b' * 64}-default.json").is_file()
    cache.compare(OLD, NEW, "a" * 64, "b" * 64, CompareOptions(strict=True))
    assert len(calls) == 2


def test_damaged_or_foreign_entries_are_recomputed(tmp_path: Path) -> None:
    calls: list[int] = []
    cache = ComparisonCache(tmp_path, counting_compare(calls))
    path = cache.path("a" * 64, "b" * 64, CompareOptions())
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    cache.compare(OLD, NEW, "a" * 64, "b" * 64, CompareOptions())
    assert len(calls) == 1
    # A sound file for other texts (say, a hash collision or a hand edit) is not believed.
    other = doc("Something else entirely.")
    assert comparison_from_json(json.loads(path.read_text()), other, NEW, CompareOptions()) is None
    data = json.loads(path.read_text())
    data["tool"] = "0.0.0"
    assert comparison_from_json(data, OLD, NEW, CompareOptions()) is None


def test_unwritable_cache_still_compares(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be")
    calls: list[int] = []
    cache = ComparisonCache(tmp_path, counting_compare(calls))
    assert cache.compare(OLD, NEW, "a" * 64, "b" * 64, CompareOptions()).stats.changed
    assert cache.misses == 1


def test_entries_of_another_differ_are_recomputed(tmp_path: Path) -> None:
    calls: list[int] = []
    cache = ComparisonCache(tmp_path, counting_compare(calls))
    cache.compare(OLD, NEW, "a" * 64, "b" * 64, CompareOptions())
    path = cache.path("a" * 64, "b" * 64, CompareOptions())
    data = json.loads(path.read_text())
    assert data["differ"] == differ_digest() and len(differ_digest()) == 64
    assert comparison_from_json(data, OLD, NEW, CompareOptions()) is not None
    data["differ"] = "0" * 64  # same tool version, but the aligner's code changed since
    path.write_text(json.dumps(data), encoding="utf-8")
    cache.compare(OLD, NEW, "a" * 64, "b" * 64, CompareOptions())
    assert len(calls) == 2


def test_differ_digest_covers_the_comparing_modules() -> None:
    package = Path(diffdoc.__file__).parent
    digest = hashlib.sha256()
    for name in differ_modules():
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    assert differ_digest() == digest.hexdigest()


def test_differ_modules_are_found_from_the_imports_of_compare() -> None:
    # Every module of the alignment package, with no list kept by hand: a new step module
    # under diffdoc/align/ is covered the day it is added.
    package = Path(diffdoc.__file__).parent
    steps = {p.relative_to(package).as_posix() for p in (package / "align").glob("*.py")}
    modules = set(differ_modules())
    assert steps <= modules, steps - modules
    assert {"compare.py", "wordiff.py", "normalize.py", "segment.py", "models.py"} <= modules
    # Readers, renderers, the corpus and the CLI do not decide a comparison.
    assert not any(m.split("/")[0] in ("report", "ingest", "corpus", "drafts") for m in modules)
    assert not {"cli.py", "__init__.py"} & modules
