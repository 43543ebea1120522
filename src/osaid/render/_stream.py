"""Rendering a batch one report at a time, byte for byte what the batch renderer writes.

``osaid check`` on thousands of inputs used to keep every report until the end (10,000 inputs:
1.5 GB). A stream renders each report as soon as it is checked and keeps only what the end of
the document needs, so the report can be written out and released at once:

- :class:`Joined` (text, of both kinds): each report's own text, a separator between them,
  and, for several inputs, a summary of one line per input kept as a string;
- :class:`HookStream` (hook): each report's lines, then a count of the inputs not conformant;
- :class:`JsonArray` (JSON): one object for one input, else an array written item by item;
- :class:`Collected` (Markdown, SARIF, JUnit, and any format registered later): formats whose
  first bytes depend on every report (a summary table, rules, totals) keep each report as
  compressed JSON, about a fourteenth of the report object, and render them at the end from a
  sequence that rebuilds one report at a time (SARIF keeps the reports themselves: its
  renderer groups them all before writing, so rebuilt copies would only cost more).

Each stream takes the format's own ``render(reports, many)`` and calls it on one report at a
time, so every character still comes from the renderer (its escaping included); the tests
compare each stream with the batch renderer on the same reports. :meth:`ReportStream.finish`
after no report at all returns "" (the command line prints nothing then).

An input that could not be read reaches a stream as an
:class:`~osaid.render._failure.InputFailure` (``failure(item)``): the JSON array and the
formats that collect their reports put it in its place and render it with the same renderer,
whose ``render`` then takes it among the reports; text and hook leave it to standard error
(where the batch lists its problems) and say how many inputs could not be checked.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast, overload

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

if TYPE_CHECKING:
    from osaid.render._failure import InputFailure

__all__ = ["Collected", "HookStream", "Joined", "JsonArray", "ReportStream"]

R = TypeVar("R", bound=BaseModel)
R_contra = TypeVar("R_contra", bound=BaseModel, contravariant=True)

BatchRenderer = Callable[[Sequence[R], bool], str]


def _with_failures(render: Callable[..., str]) -> Callable[[Sequence[Any], bool], str]:
    """A built-in renderer, which also takes input failures among its reports."""
    return cast("Callable[[Sequence[Any], bool], str]", render)


SUMMARY = "Summary:"


class ReportStream(Protocol[R_contra]):
    """Text for one report at a time; :meth:`finish` gives what ends the document.

    ``embeds_failures`` says whether the document carries the inputs that could not be read
    (given to :meth:`failure`), so that ``--output`` is still worth writing after one.
    """

    embeds_failures: bool

    def add(self, report: R_contra) -> str: ...

    def failure(self, item: InputFailure) -> str: ...

    def finish(self) -> str: ...


def _split_summary(text: str) -> tuple[str, str]:
    r"""A one-report render with its summary (``... \\n\\nSummary:\\n<row>\\n``): body and row.

    The row is the last line (one line, escaped by the renderer); the body is everything before
    the blank line and the ``Summary:`` heading, ending with its newline.
    """
    head, _, row = text.removesuffix("\n").rpartition("\n")
    tail = f"\n\n{SUMMARY}"
    if not head.endswith(tail):
        raise AssertionError("a summary-table renderer no longer ends with its summary")
    return head.removesuffix(tail) + "\n", row


class Joined(Generic[R]):
    """Formats that write each report in turn and, for several inputs, a summary at the end.

    ``render([r], many)`` must be the report's text followed, when ``many``, by a blank line,
    ``Summary:`` and the report's one-line summary row, as the text renderer is built (for
    reports of both kinds). ``separator`` goes before each report but the first: a string, or
    what the renderer puts before that report.
    """

    def __init__(
        self, render: BatchRenderer[R], many: bool, separator: str | Callable[[R], str]
    ) -> None:
        self._render = render
        self._many = many
        self._separator = separator if callable(separator) else (lambda _: separator)
        self._rows: list[str] = []
        self._count = 0
        self.embeds_failures = False

    def add(self, report: R) -> str:
        if self._many:
            body, row = _split_summary(self._render([report], True))
            self._rows.append(row)
        else:
            body = self._render([report], False)
        text = (self._separator(report) if self._count else "") + body
        self._count += 1
        return text

    def failure(self, item: InputFailure) -> str:  # noqa: ARG002 - standard error lists it
        """Nothing on the report's stream: the batch lists the problems on standard error."""
        return ""

    def finish(self) -> str:
        if not (self._many and self._rows):
            return ""
        return f"\n{SUMMARY}\n" + "\n".join(self._rows) + "\n"


class HookStream(Generic[R]):
    """The hook summary: each report's lines, then a count when there were several inputs."""

    def __init__(self, render: BatchRenderer[R], passed: Callable[[R], bool]) -> None:
        self._render = render
        self._passed = passed
        self._count = 0
        self._failed = 0
        self._unread = 0
        self.embeds_failures = False

    def add(self, report: R) -> str:
        self._count += 1
        self._failed += not self._passed(report)
        return self._render([report], False)

    def failure(self, item: InputFailure) -> str:  # noqa: ARG002 - standard error lists it
        """Counted at the end; its problems are one line each on standard error."""
        self._count += 1
        self._unread += 1
        return ""

    def finish(self) -> str:
        if self._count <= 1:
            return ""
        unread = f", {self._unread} could not be checked" if self._unread else ""
        checked = self._count - self._unread
        return (
            f"osaid: {self._failed} of {checked} inputs checked not conformant{unread}.\n"
            if self._unread
            else f"osaid: {self._failed} of {self._count} inputs not conformant.\n"
        )


class JsonArray(Generic[R]):
    """One JSON object for a single input; an array, streamed item by item, for several.

    Each item is the renderer's object indented one level: JSON strings hold no raw newline,
    so every newline in an object is a line break of its layout.
    """

    def __init__(self, render: BatchRenderer[R], many: bool) -> None:
        self._render = render
        self._many = many
        self._count = 0
        self.embeds_failures = True
        self._held: str | None = None
        """Without ``many``, the first object waits: a second one turns the output into an
        array (as the batch renderer does for any count but one)."""

    def add(self, report: R) -> str:
        return self._item_text(self._render([report], False))

    def failure(self, item: InputFailure) -> str:
        """The input's error object, in its place in the array."""
        return self._item_text(_with_failures(self._render)([item], False))

    def _item_text(self, rendered: str) -> str:
        text = rendered.removesuffix("\n")
        self._count += 1
        if not self._many and self._count == 1:
            self._held = text
            return ""
        prefix = "[\n" if self._count == 1 else ",\n"
        if self._held is not None:
            prefix = "[\n" + self._item(self._held) + ",\n"
            self._held = None
        return prefix + self._item(text)

    @staticmethod
    def _item(text: str) -> str:
        return "  " + text.replace("\n", "\n  ")

    def finish(self) -> str:
        if self._held is not None:
            return self._held + "\n"
        return "\n]\n" if self._count else ""


_JSON = b"j"
_PICKLE = b"p"


def _store(report: BaseModel) -> bytes:
    """``report`` as compressed JSON; pickled instead when JSON cannot hold it.

    JSON is the faster round trip, but it cannot encode a lone surrogate, which a non-UTF-8
    file name brings into a report (``surrogateescape``), nor what a model keeps outside its
    fields (a graded report's grade); pickle keeps both as they are.
    """
    private = report.__pydantic_private__ or {}
    if any(value is not None for value in private.values()):
        return _pickled(report)
    try:
        return _JSON + zlib.compress(report.model_dump_json(by_alias=True).encode("utf-8"), 1)
    except PydanticSerializationError:
        return _pickled(report)


def _pickled(report: BaseModel) -> bytes:
    import pickle  # noqa: PLC0415 - rare: only a report JSON cannot hold

    return _PICKLE + zlib.compress(pickle.dumps(report, pickle.HIGHEST_PROTOCOL), 1)


def _load(model: type[R], blob: bytes) -> R:
    data = zlib.decompress(blob[1:])
    if blob[:1] == _PICKLE:
        import pickle  # noqa: PLC0415 - rare: only a report JSON cannot hold

        report = pickle.loads(data)  # noqa: S301 - written by _store in this process
        assert isinstance(report, model)  # noqa: S101
        return report
    return model.model_validate_json(data)


class _Stored(Sequence[R]):
    """Reports kept compressed, rebuilt one at a time whenever they are read."""

    def __init__(self, model: type[R], blobs: list[Any]) -> None:
        self._model = model
        self._blobs = blobs

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[R]: ...

    def __getitem__(self, index: int | slice) -> R | Sequence[R]:
        if isinstance(index, slice):
            return _Stored(self._model, self._blobs[index])
        return self._rebuilt(self._blobs[index])

    def _rebuilt(self, blob: bytes | R) -> R:
        """A stored report rebuilt; an input failure (kept as it is) returned as it is."""
        return _load(self._model, blob) if isinstance(blob, bytes) else blob

    def __iter__(self) -> Iterator[R]:
        for blob in self._blobs:
            yield self._rebuilt(blob)


class Collected(Generic[R]):
    """Formats that need every report before their first byte: render them all at the end.

    Reports are kept compressed (see :func:`_store`) unless ``compress`` is False, for a
    renderer that holds every report at once anyway. Only a built-in renderer (``failures``)
    is given input failures among its reports; another renderer never sees one.
    """

    def __init__(
        self,
        render: BatchRenderer[R],
        many: bool,
        *,
        compress: bool = True,
        failures: bool = False,
    ) -> None:
        self._render = render
        self._many = many
        self._compress = compress
        self._model: type[R] | None = None
        self._blobs: list[Any] = []
        self._kept: list[Any] = []
        self.embeds_failures = failures
        self._any = False

    def failure(self, item: InputFailure) -> str:
        """Kept in its place among the reports, rendered with them at the end."""
        if not self.embeds_failures:
            return ""
        self._any = True
        (self._blobs if self._compress else self._kept).append(item)
        return ""

    def add(self, report: R) -> str:
        self._model = type(report)
        self._any = True
        if self._compress:
            self._blobs.append(_store(report))
        else:
            self._kept.append(report)
        return ""

    def finish(self) -> str:
        if not self._any:
            return ""
        if self._model is None or not self._compress:
            return _with_failures(self._render)(self._kept or self._blobs, self._many)
        return self._render(_Stored(self._model, self._blobs), self._many)
