"""The diffdoc command line: parse arguments, call the library, map errors. Nothing else.

One module per group of commands (reading, corpus, drafts, git); `app` holds the click group and
`base` what they share. Every library error (`DiffdocError`) becomes a one-line message on
stderr and exit status 2. Exit statuses follow diff(1): 0 no differences, 1 differences, 2
trouble.
"""

from diffdoc.cli import (  # noqa: F401  (each registers its commands)
    archive,
    bulk,
    corpus,
    drafts,
    git,
    reading,
    reuse,
)
from diffdoc.cli.app import COMMAND_GROUPS, main
from diffdoc.cli.base import EXIT_DIFFERENT, EXIT_SAME, EXIT_TROUBLE

__all__ = ["COMMAND_GROUPS", "EXIT_DIFFERENT", "EXIT_SAME", "EXIT_TROUBLE", "main"]
