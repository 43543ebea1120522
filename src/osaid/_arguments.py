"""The values the public API accepts, checked where they enter it.

Everything the library raises on a bad value is an :class:`~osaid.OsaidError` whose message
names the argument; a value of a type the API does not take at all is a programming error and
raises ``TypeError`` naming the accepted types. Checking here, once, keeps ``OSError``,
``ValueError``, ``AttributeError`` and ``OverflowError`` from escaping deeper code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from osaid._errors import InputError, Problem, UsageError
from osaid._escape import safe_line
from osaid._limits import MAX_INPUT_BYTES, MAX_INPUT_BYTES_LIMIT, describe_size

if TYPE_CHECKING:
    from osaid.definition import Definition, GradedDefinition
    from osaid.policy import Policy

__all__ = [
    "binary",
    "definition",
    "definition_spec",
    "input_limit",
    "policy",
    "source_path",
    "text",
]


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


def source_path(source: object) -> str | Path:
    """A path to read: ``str`` or ``os.PathLike[str]``, not empty and without a NUL."""
    if isinstance(source, Path):
        path: str | Path = source
    elif isinstance(source, str):
        path = source
    elif isinstance(source, os.PathLike) and isinstance(os.fspath(source), str):
        path = Path(os.fspath(source))
    else:
        raise TypeError(
            f"source must be a path (str or os.PathLike[str]) or an osaid.Release, not "
            f"{_kind(source)}; text or bytes go to osaid.check_text, a mapping of parsed "
            "metadata to osaid.check_data"
        )
    if isinstance(path, str) and not path:
        raise InputError(
            Problem("the path is empty; give a file or a directory ('.' for the working one)")
        )
    if "\0" in str(path):
        raise InputError(
            Problem("is not a valid path (it contains a NUL character)", file=safe_line(str(path)))
        )
    if isinstance(path, str) and "\n" in path and not os.path.lexists(path):
        first = safe_line(path.split("\n", 1)[0][:60])
        raise InputError(
            Problem(
                f"the source holds a line break and no such file exists (it begins {first!r}): "
                "to check text, call osaid.check_text"
            )
        )
    return path


def input_limit(value: object) -> int:
    """``max_input_bytes``: a whole number of bytes from 1 to MAX_INPUT_BYTES_LIMIT."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_input_bytes must be an int (a number of bytes), not {_kind(value)}")
    if not 1 <= value <= MAX_INPUT_BYTES_LIMIT:
        # str() of a huge int is refused past 4,300 digits: show its size instead
        shown = str(value) if value.bit_length() <= 96 else f"a {value.bit_length()}-bit number"
        raise UsageError(
            Problem(
                f"must be from 1 byte to {describe_size(MAX_INPUT_BYTES_LIMIT)}, not {shown} "
                f"(the default is {describe_size(MAX_INPUT_BYTES)})",
                key="max_input_bytes",
            )
        )
    return value


def definition_spec(spec: object) -> str:
    """A definition id, family or specifier given as text."""
    if spec is None:
        raise UsageError(
            Problem(
                "no definition given (None); give an id such as 'osaid-1.0', a family such as "
                "'osaid', or a Definition",
                key="definition",
            )
        )
    if not isinstance(spec, str):
        raise TypeError(f"definition must be a str or an osaid.Definition, not {_kind(spec)}")
    return spec


def definition(value: object) -> str | Definition | GradedDefinition:
    """``definition=``: a definition of either kind, or text for :func:`definition_spec`."""
    from osaid.definition import Definition, GradedDefinition  # noqa: PLC0415 - lazy API

    if isinstance(value, (Definition, GradedDefinition)):
        return value
    return definition_spec(value)


def binary(value: Definition | GradedDefinition) -> Definition:
    """A definition whose elements carry licence conditions (not a graded one)."""
    from osaid.definition import Definition  # noqa: PLC0415 - lazy API

    if isinstance(value, Definition):
        return value
    raise UsageError(
        Problem(
            f"{value.id} is a graded definition; licences are judged per element against a "
            "binary one (such as osaid-1.0)",
            key="definition",
        )
    )


def policy(value: object) -> Policy | None:
    """``policy=``: a :class:`~osaid.Policy` or None (the default policy)."""
    from osaid.policy import Policy  # noqa: PLC0415 - lazy API

    if value is None or isinstance(value, Policy):
        return value
    if isinstance(value, str):
        raise UsageError(
            Problem(
                f"{safe_line(repr(value))} is not a policy: give an osaid.Policy, e.g. "
                "osaid.Policy(derivatives='delta-only') or osaid.Policy(grading='mot-compat')",
                key="policy",
            )
        )
    raise TypeError(f"policy must be an osaid.Policy or None, not {_kind(value)}")


def text(value: object, name: str) -> str:
    """A text argument (a licence expression, an element name)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {_kind(value)}")
    return value
