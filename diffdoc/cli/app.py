"""The `diffdoc` click group: its help lists the commands by what they are for."""

from __future__ import annotations

import click

from diffdoc import __version__

# `diffdoc --help` lists the commands by what they are for, each with a summary that fits.
COMMAND_GROUPS: dict[str, dict[str, str]] = {
    "Reading and comparing": {
        "normalize": "Print a document's normalized form (text or JSON).",
        "compare": "Compare two texts, paragraph by paragraph and word by word.",
        "report": "Write the side-by-side HTML change report (or a Word redline).",
        "git-diff": "git's external diff: the wording changes of one file.",
    },
    "The corpus of versions": {
        "init": "Create a corpus folder.",
        "add": "Store a file as a new version of a document.",
        "import": "Store many documents at once (files, folders, JSON lines).",
        "list": "List the documents (of a series).",
        "log": "A document's versions, with the changes between them.",
        "show": "Print a stored version (normalized, or the original bytes).",
        "export": "Export a stored version as text, Markdown or JSON.",
        "verify": "Recompute every hash; report missing, extra or altered files.",
        "remove": "Remove a version or a whole document.",
    },
    "Following drafts": {
        "blame": "Which version brought in, and last changed, each paragraph.",
        "history": "A paragraph over every version, or the evolution report.",
        "trace": "Where a phrase occurs, first appeared and disappeared.",
    },
    "Related texts": {
        "reuse": "Passages found in other documents (or every shared passage).",
    },
    "Following an archive": {
        "import-git": "Import every committed version of a git repository's files.",
        "changes": "Every pair of versions whose wording changed, across the corpus.",
    },
}


class GroupedCommands(click.Group):
    """A click group whose help lists its commands under COMMAND_GROUPS' headings."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        listed = {name for group in COMMAND_GROUPS.values() for name in group}
        others = {name: "" for name in self.list_commands(ctx) if name not in listed}
        for heading, commands in [*COMMAND_GROUPS.items(), ("Other commands", others)]:
            rows = [
                (name, summary or self._summary(ctx, name))
                for name, summary in commands.items()
                if self.get_command(ctx, name) is not None
            ]
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)

    def _summary(self, ctx: click.Context, name: str) -> str:
        command = self.get_command(ctx, name)
        return command.get_short_help_str(limit=200) if command else ""


@click.group(cls=GroupedCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diffdoc")
def main() -> None:
    """Compare, version and report on diplomatic texts.

    diffdoc reads documents (text, Markdown, HTML, DOCX, PDF), normalizes them without changing
    their wording, aligns their paragraphs (moves, splits and merges included) and shows the
    word-level changes in the terminal, as Markdown, JSON or a side-by-side HTML report.
    """
