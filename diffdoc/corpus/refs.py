"""References to stored versions: `DOC`, `DOC@LABEL`, `DOC@2`, `DOC@latest`, `DOC@latest~1`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diffdoc.corpus.names import InvalidNameError, check_doc_id
from diffdoc.errors import UnknownRefError

_LATEST = re.compile(r"latest(?:~(\d+))?\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Ref:
    """A parsed reference. Exactly one of `label`, `number`, `back` selects the version.

    `number` is the version's number in its document (1 for the first version added; numbers are
    never reused), `back` counts back from the latest version (0 is the latest).
    """

    doc_id: str
    label: str | None = None
    number: int | None = None
    back: int | None = None

    def __str__(self) -> str:
        if self.label is not None:
            return f"{self.doc_id}@{self.label}"
        if self.number is not None:
            return f"{self.doc_id}@{self.number}"
        if self.back is not None:
            return f"{self.doc_id}@latest~{self.back}" if self.back else f"{self.doc_id}@latest"
        return self.doc_id

    @property
    def is_bare(self) -> bool:
        """True for a plain `DOC` with no `@...` part."""
        return self.label is None and self.number is None and self.back is None


def parse_ref(text: str) -> Ref:
    """Parse a reference; raise UnknownRefError when it is not one."""
    doc_id, at, selector = text.partition("@")
    try:
        check_doc_id(doc_id)
    except InvalidNameError as error:
        raise UnknownRefError(f"{text!r} is not a reference: {error.problem}") from None
    if not at:
        return Ref(doc_id)
    if selector.isdigit():
        number = int(selector)
        if number < 1:
            raise UnknownRefError(f"{text!r}: version numbers start at 1")
        return Ref(doc_id, number=number)
    latest = _LATEST.match(selector)
    if latest:
        return Ref(doc_id, back=int(latest.group(1) or 0))
    if not selector or "@" in selector or "~" in selector or "/" in selector:
        raise UnknownRefError(
            f"{text!r} is not a reference (expected DOC, DOC@LABEL, DOC@N or DOC@latest~N)"
        )
    return Ref(doc_id, label=selector)


def looks_like_ref(text: str) -> bool:
    """True when `text` parses as a reference (used to tell references from file paths)."""
    try:
        parse_ref(text)
    except UnknownRefError:
        return False
    return True
