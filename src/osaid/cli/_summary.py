"""``--format github`` in a GitHub Actions step: the Markdown job summary beside the annotations."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

from osaid.cli._stdio import EXIT_ERROR, error

if TYPE_CHECKING:
    from osaid.render._failure import InputFailure
    from osaid.render._stream import ReportStream
    from osaid.report import Report

__all__ = ["StepSummary", "step_summary"]


def step_summary(fmt: str, many: bool, main: ReportStream[Report]) -> StepSummary | None:
    """``--format github`` in a GitHub Actions step: also a Markdown job summary."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt != "github" or not target:
        return None
    from osaid.render import stream  # noqa: PLC0415

    return StepSummary(main, stream("markdown", many), target)


class StepSummary:
    """The main stream, and the Markdown of the same reports for ``$GITHUB_STEP_SUMMARY``.

    GitHub shows what a step appends to that file on the run's summary page
    (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands,
    "Adding a job summary"); osaid's Markdown of a batch stays under 60,000 characters, well
    within GitHub's 1 MiB per step.
    """

    def __init__(
        self, main: ReportStream[Report], markdown: ReportStream[Report], target: str
    ) -> None:
        self.main = main
        self.markdown = markdown
        self.target = target
        self.embeds_failures = main.embeds_failures
        self.text = ""

    def add(self, report: Report) -> str:
        self.markdown.add(report)
        return self.main.add(report)

    def failure(self, item: InputFailure) -> str:
        self.markdown.failure(item)
        return self.main.failure(item)

    def finish(self) -> str:
        self.text = self.markdown.finish()
        return self.main.finish()

    def write(self, err: TextIO, code: int) -> int:
        """Append the summary; a summary that cannot be written is said, and exits 2."""
        from pathlib import Path  # noqa: PLC0415

        from osaid.cli._output import OutputRefusedError, append_file  # noqa: PLC0415

        if not self.text:
            return code
        try:
            append_file(Path(self.target), self.text)
        except OutputRefusedError as exc:
            error(err, f"GITHUB_STEP_SUMMARY {self.target} {exc}; the summary was not written")
            return code or EXIT_ERROR
        except OSError as exc:
            error(err, f"cannot write GITHUB_STEP_SUMMARY {self.target}: {exc.strerror or exc}")
            return code or EXIT_ERROR
        return code
