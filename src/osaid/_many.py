"""Batches: one check per source, in input order, in this process or in worker processes.

A check is a pure function of its source, definition and policy (no network, no writes, no
shared state), which is what lets :func:`check_many` hand sources to worker processes and what
lets a caller map :func:`check_one` over a distributed engine of their own. Workers receive the
definition and policy once (the pool's initializer) and each source as it is due; at most a
few sources per worker are in flight, so an endless iterable of sources is read lazily and
memory stays bounded.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from osaid._errors import OsaidError, Problem, UsageError

if TYPE_CHECKING:
    from osaid.definition import Definition, GradedDefinition
    from osaid.policy import Policy
    from osaid.report import Report

__all__ = ["MAX_JOBS", "check_many", "check_one", "in_order", "source_kind", "workers"]

T = TypeVar("T")

MAX_JOBS = 256
"""The most worker processes one batch may ask for."""

_AHEAD = 2
"""Chunks in flight per worker: enough to keep each busy, few enough to bound memory."""

CHUNK = 8
"""Sources sent to a worker at once: a check takes about a millisecond, and a round trip per
source (pickling it and its report, waking the worker) cost as much again."""


def workers(jobs: object) -> int:
    """``jobs=``: None (one, this process) or a whole number of processes from 1."""
    if jobs is None:
        return 1
    if isinstance(jobs, bool) or not isinstance(jobs, int):
        raise TypeError(f"jobs must be an int (a number of processes) or None, not {_kind(jobs)}")
    if not 1 <= jobs <= MAX_JOBS:
        raise UsageError(Problem(f"must be from 1 to {MAX_JOBS}, not {jobs}", key="jobs"))
    return jobs


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


def source_kind(source: object) -> str:
    """How a source is checked: ``path``, ``text``, ``data`` or ``release``; else TypeError.

    A ``str`` is a path unless it holds a line break (no card, manifest or SBOM fits on one
    line in practice; a file name with a line break does not either).
    """
    from osaid.model import Release  # noqa: PLC0415 - lazy API

    if isinstance(source, Release):
        return "release"
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "text"
    if isinstance(source, str):
        return "text" if "\n" in source or "\r" in source else "path"
    if isinstance(source, os.PathLike):
        return "path"
    if isinstance(source, Mapping):
        return "data"
    raise TypeError(
        "each source must be a path (str or os.PathLike[str]), text (str with a line break, "
        f"or bytes), a mapping of parsed metadata or an osaid.Release, not {_kind(source)}"
    )


def check_one(
    source: Any,
    definition: Definition | GradedDefinition,
    policy: Policy,
    limit: int,
    index: int = 0,
) -> Report | OsaidError:
    """Check one source (a pure function); its :class:`OsaidError` is returned, not raised.

    Text and data sources are named ``<source N>`` (N from 1, in input order) in messages and
    evidence, so a batch's errors say which source they are about.
    """
    from osaid import check, check_data, check_text  # noqa: PLC0415 - lazy API

    kind = source_kind(source)
    name = f"<source {index + 1}>"
    try:
        if kind == "text":
            return check_text(source, definition, policy, name=name, max_input_bytes=limit)
        if kind == "data":
            return check_data(source, definition, policy, name=name, max_input_bytes=limit)
        return check(source, definition, policy, max_input_bytes=limit)
    except OsaidError as exc:
        return exc


def check_many(
    sources: Iterable[Any],
    definition: Definition | GradedDefinition,
    policy: Policy,
    jobs: int,
    limit: int,
) -> Generator[Report | OsaidError, None, None]:
    """Yield :func:`check_one` of each source in input order, in ``jobs`` processes."""
    task = partial(_checked, definition=definition, policy=policy, limit=limit)
    if jobs == 1:
        return (task(source, index) for index, source in enumerate(sources))
    return in_order(task, _typed(sources), jobs)


def _checked(
    source: Any, index: int, *, definition: Any, policy: Any, limit: int
) -> Report | OsaidError:
    return check_one(source, definition, policy, limit, index)


def _typed(sources: Iterable[Any]) -> Iterator[Any]:
    """The sources, each checked for its type here, not in a worker."""
    for source in sources:
        source_kind(source)
        yield source


_TASK: Callable[[Any, int], Any] | None = None
"""A worker's task (with its definition and policy), set once by the pool's initializer."""


def _start(task: Callable[[Any, int], Any]) -> None:
    global _TASK  # noqa: PLW0603 - one per worker process, set before any item
    _TASK = task


def _run(chunk: list[tuple[int, Any]]) -> list[Any]:
    assert _TASK is not None  # noqa: S101 - the initializer ran
    return [_TASK(item, index) for index, item in chunk]


def in_order(
    task: Callable[[Any, int], T], items: Iterable[Any], jobs: int
) -> Generator[T, None, None]:
    """``task(item, index)`` of each item in ``jobs`` worker processes, yielded in input order.

    ``task`` (a module-level function or a ``functools.partial`` of one) is sent to each
    worker once; items go in chunks of up to :data:`CHUNK` (one round trip per chunk, not
    per item), at most ``_AHEAD`` chunks per worker in flight.
    """
    pool = ProcessPoolExecutor(jobs, initializer=_start, initargs=(task,))
    try:
        pending: deque[Future[list[T]]] = deque()
        for chunk in _chunks(items):
            pending.append(pool.submit(_run, chunk))
            if len(pending) >= jobs * _AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # also when the caller stops early: what was not started yet never starts
        pool.shutdown(wait=True, cancel_futures=True)


def _chunks(items: Iterable[Any]) -> Iterator[list[tuple[int, Any]]]:
    chunk: list[tuple[int, Any]] = []
    for index, item in enumerate(items):
        chunk.append((index, item))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
