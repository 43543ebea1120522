"""An input ``osaid check`` could not read, as every format reports it in the input's place.

A batch does not stop at an input it cannot read: it reports the others, and each format says
where that input went wrong in its own terms (a JSON error object in its place in the array, a
SARIF result and tool execution notification, a JUnit error case, an annotation). Every
problem the reader found is kept, up to :data:`osaid._limits.MAX_REPORTED_PROBLEMS`, each with
its file, key path and line, so one run lists every edit the input needs. The texts here are
unescaped; each format escapes them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from osaid._errors import OsaidError, Problem
from osaid._limits import MAX_REPORTED_PROBLEMS
from osaid._version import __version__
from osaid.report import REPORT_FORMAT

__all__ = ["ERROR_TYPE", "InputFailure"]

ERROR_TYPE = "input-error"
"""The ``type`` of a JSON error object and the rule id (``osaid/input-error``) elsewhere."""


@dataclass(frozen=True)
class InputFailure:
    """The input a batch was given and the problems found in it (at most the limit)."""

    input: str
    problems: tuple[Problem, ...]
    total: int
    """How many problems the reader found; more than ``len(problems)`` past the limit."""

    @classmethod
    def of(cls, path: str, error: OsaidError) -> InputFailure:
        """The problems of ``error`` in the order of the input (file, then line), up to the limit.

        A validator reports in its own order (unknown keys after wrong values); a person fixes
        a file from top to bottom. A problem reported several times in the same words at the
        same place (spdx-tools repeats one per package) is listed once.
        """
        ordered = sorted(
            dict.fromkeys(error.problems),
            key=lambda p: (p.file or path, p.line if p.line is not None else 0),
        )
        kept = tuple(ordered[:MAX_REPORTED_PROBLEMS])
        return cls(input=path, problems=kept, total=len(ordered))

    @property
    def omitted(self) -> int:
        """Problems found but not listed (past the limit)."""
        return self.total - len(self.problems)

    def file_of(self, problem: Problem) -> str:
        """The file a problem is in: its own, else the input given."""
        return problem.file or self.input

    def headline(self) -> str:
        """``PATH cannot be checked: 3 problems``: one line for a summary or a title."""
        plural = "s" if self.total != 1 else ""
        return f"{self.input} cannot be checked: {self.total} problem{plural} in the input"

    def omitted_note(self) -> str:
        """``and 40 more problems (osaid lists at most 100 per input)``, or ``""``."""
        if not self.omitted:
            return ""
        plural = "s" if self.omitted != 1 else ""
        return (
            f"and {self.omitted} more problem{plural} (osaid lists at most "
            f"{MAX_REPORTED_PROBLEMS} per input)"
        )

    def payload(self) -> dict[str, Any]:
        """The JSON error object: marked by ``verdict`` ``error`` and an ``error`` member."""
        return {
            "report_format": REPORT_FORMAT,
            "tool_version": __version__,
            "input": self.input,
            "verdict": "error",
            "error": {
                "type": ERROR_TYPE,
                "problem_count": self.total,
                "problems_omitted": self.omitted,
                "problems": [
                    {
                        "file": self.file_of(p),
                        "key": p.key,
                        "line": p.line,
                        "message": p.message,
                    }
                    for p in self.problems
                ],
            },
        }
