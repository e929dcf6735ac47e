"""Errors and warnings about the user's files, each naming the file and, where known, the line and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path
    message: str
    line: int | None = None
    field: str | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        level = "warning" if self.warning else "error"
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {level}: {what}{self.message}"


class ProblemsError(Exception):
    """Raised by a loader for a file that cannot be used at all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
