"""``osaid check --jobs N``: the paths checked in N worker processes, reported in input order.

Each worker reads and checks one path as the sequential run does (:func:`check_path`) and
sends back the report, or the error that is the run's one line on stderr, with the files it
read, so ``--output`` still refuses to replace any of them. The batch
(:mod:`osaid.cli._batch`) then writes each report in input order, exactly as it would have.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from osaid._errors import OsaidError
from osaid._files import note_reads, recording_reads

if TYPE_CHECKING:
    from osaid.definition import AnyDefinition
    from osaid.policy import Policy
    from osaid.report import Report

__all__ = ["Settings", "check_path", "in_processes"]


@dataclass(frozen=True)
class Settings:
    """What each check of a run shares (sent to every worker once)."""

    definition: AnyDefinition
    other: AnyDefinition | None
    policy: Policy
    limit: int


Outcome = tuple["Report | OsaidError", set[tuple[int, int]]]


def check_path(path: str, index: int, *, settings: Settings) -> Outcome:  # noqa: ARG001
    """Read and check ``path``; the report or its error, and the files read."""
    from osaid import check, read  # noqa: PLC0415 - lazy
    from osaid.cli._check import _compared  # noqa: PLC0415

    with recording_reads() as reads:
        try:
            release = read(path, max_input_bytes=settings.limit)
            report = check(release, settings.definition, settings.policy)
            if settings.other is not None:
                report = _compared(
                    report, release, settings.definition, settings.other, settings.policy
                )
        except OsaidError as exc:
            return exc, reads
    return report, reads


def in_processes(paths: Sequence[str], settings: Settings, jobs: int) -> Callable[[str], Report]:
    """An ``evaluate`` for the batch: each call returns the next path's report, in order."""
    from osaid._many import in_order  # noqa: PLC0415

    outcomes: Iterator[Outcome] = in_order(partial(check_path, settings=settings), paths, jobs)

    def evaluate(path: str) -> Report:  # noqa: ARG001 - the batch asks in the order given
        outcome, reads = next(outcomes)
        note_reads(reads)
        if isinstance(outcome, OsaidError):
            raise outcome
        return outcome

    return evaluate
