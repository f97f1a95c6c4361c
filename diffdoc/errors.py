"""Errors diffdoc raises. The CLI turns each into a one-line message and exit status 2."""

from __future__ import annotations

from diffdoc.paths import shown


class DiffdocError(Exception):
    """Base class: a problem the user can fix, described in one line."""


class InputError(DiffdocError):
    """An input file cannot be read as a document (missing, empty, binary, undecodable...)."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = shown(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class CorpusError(DiffdocError):
    """A corpus is missing, corrupt, or asked for something it does not hold."""


class UnknownRefError(CorpusError):
    """A document reference (DOC, DOC@LABEL, DOC@2, DOC@latest~1) that does not resolve."""
