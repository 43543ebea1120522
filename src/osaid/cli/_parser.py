"""The argument parser every command builds on, and choices that come from the data.

Choices are never written here: output formats come from the renderer registry, elements
from the definitions, policy choices from :class:`osaid.Policy`. The ones that need the data
(or pydantic) are computed the first time argparse checks a value or shows them (each such
option has a ``metavar``, so that adding it shows nothing), so ``osaid --version`` stays as
cheap as it was.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn, TypeAlias, overload

from osaid._escape import safe_line
from osaid._limits import MAX_INPUT_BYTES_LIMIT, describe_size, parse_size
from osaid.cli._stdio import EXIT_ERROR

__all__ = ["Choices", "Commands", "Parser", "jobs", "policy_choices", "size"]


_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)$")
_UNRECOGNISED = "unrecognized arguments: "


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2, with a did-you-mean.

    ``osaid chek`` and ``osaid check --formt`` name the command or option meant, as osaid's
    own messages do for keys and values (:func:`osaid._validation.suggest`).
    """

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {safe_line(message + self._hint(message))}\n")

    def _hint(self, message: str) -> str:
        from osaid._validation import suggest  # noqa: PLC0415 - only on a usage error

        choice = _INVALID_CHOICE.search(message)
        if choice:
            return suggest(choice.group(1), re.findall(r"'([^']*)'", choice.group(2)))
        if message.startswith(_UNRECOGNISED):
            options = sorted(self._option_strings())
            for word in message.removeprefix(_UNRECOGNISED).split():
                if word.startswith("-"):
                    hint = suggest(word.split("=", 1)[0], options)
                    if hint:
                        return hint
        return ""

    def _option_strings(self) -> set[str]:
        """Every option of this parser and of its commands (argparse reports them here)."""
        found: set[str] = set()
        parsers: list[argparse.ArgumentParser] = [self]
        while parsers:
            parser = parsers.pop()
            for action in parser._actions:  # argparse has no public list
                found.update(o for o in action.option_strings if o.startswith("--"))
                if isinstance(action, argparse._SubParsersAction):
                    parsers.extend(action.choices.values())
        return found


Commands: TypeAlias = "argparse._SubParsersAction[Parser]"
"""Where each command module adds its subcommand (``add(commands)``)."""


class Choices(Sequence[str]):
    """Choices argparse reads (to check a value, or to show them) made on first use."""

    def __init__(self, make: Callable[[], Sequence[str]]) -> None:
        self._make = make
        self._made: Sequence[str] | None = None

    def _values(self) -> Sequence[str]:
        if self._made is None:
            self._made = tuple(self._make())
        return self._made

    def __contains__(self, value: object) -> bool:
        return value in self._values()

    def __iter__(self) -> Iterator[str]:
        return iter(self._values())

    def __len__(self) -> int:
        return len(self._values())

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._values()[index]


def policy_choices(field: str) -> Choices:
    """The values :class:`osaid.Policy` accepts for ``field``."""

    def make() -> list[str]:
        from typing import get_args  # noqa: PLC0415 - only when argparse looks

        from osaid.policy import Policy  # noqa: PLC0415

        return [str(value) for value in get_args(Policy.model_fields[field].annotation)]

    return Choices(make)


def size(text: str) -> int:
    """``--max-input-size``: bytes, or a size such as ``50MiB``, up to the largest limit."""
    try:
        found = parse_size(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a size (write bytes, or e.g. 512KiB, 50MiB, 1GiB)"
        ) from None
    if found > MAX_INPUT_BYTES_LIMIT:
        raise argparse.ArgumentTypeError(
            f"'{text}' is larger than {describe_size(MAX_INPUT_BYTES_LIMIT)}, the largest limit"
        )
    return found


def jobs(text: str) -> int:
    """``--jobs``: a whole number of worker processes, from 1."""
    from osaid._many import MAX_JOBS  # noqa: PLC0415 - light: a constant

    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_JOBS:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of processes (write 1 to {MAX_JOBS})"
        )
    return int(text)
