"""Small git repositories with known edits, for the import-git and changes tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

FRONT = "---\ndate: '2024-03-0{day}'\nsource_url: {url}\ntitle: Statement on the {topic}\n---\n\n"

BODY = (
    "The ministers met in Geneva to discuss the {topic} and agreed to\n"
    "continue their consultations in the coming weeks, with the support of\n"
    "the [secretariat]({link}) and of the observers.\n"
    "\n"
    "They welcomed the progress achieved since the last meeting and called\n"
    "on all parties to refrain from any action that could undermine it.\n"
)


def statement(
    topic: str = "harbour",
    *,
    day: int = 1,
    url: str = "https://example.org/a",
    link: str = "https://example.org/secretariat",
    body: str = BODY,
) -> str:
    return FRONT.format(day=day, url=url, topic=topic) + body.format(topic=topic, link=link)


def rewrapped(text: str) -> str:
    """The same Markdown with its paragraphs wrapped at another width."""
    head, _, body = text.partition("---\n\n")
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    out = []
    for paragraph in paragraphs:
        line, lines = "", []
        for word in paragraph.split(" "):
            if line and len(line) + 1 + len(word) > 50:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        out.append("\n".join(lines))
    return head + "---\n\n" + "\n\n".join(out) + "\n"


class Repo:
    """A git repository in a folder, committed to with fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.day = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_SYSTEM": os.devnull,
        }
        done = subprocess.run(
            ["git", "-C", str(self.root), *args],
            capture_output=True,
            text=True,
            check=True,
            env={**env, "GIT_COMMITTER_DATE": self._date(), "GIT_AUTHOR_DATE": self._date()},
        )
        return done.stdout

    def _date(self) -> str:
        return f"2024-03-{self.day + 1:02d}T12:00:00Z"

    def write(self, path: str, text: str | bytes) -> None:
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            file.write_bytes(text)
        else:
            file.write_text(text, encoding="utf-8")

    def commit(self, subject: str) -> str:
        """Commit everything; the short id of the commit. Each commit is a day later."""
        self.git("add", "-A")
        self.git("commit", "-q", "-m", subject)
        self.day += 1
        return self.git("rev-parse", "HEAD").strip()[:7]
