"""The exceptions osaid raises.

Everything the library raises on bad input is an :class:`OsaidError`, so callers can catch one
type. Each error says where the problem is (file, key path, line) because the person reading it
has to go and fix that spot.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in an input or data file."""

    message: str
    file: str | None = None
    key: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        """Render as ``file:line: key: message``, leaving out the parts that are unknown."""
        where = self.file or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        parts = [part for part in (where, self.key, self.message) if part]
        return ": ".join(parts)


class OsaidError(Exception):
    """Base class of every error osaid raises on purpose."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        if not self.problems:
            self.problems = [Problem("unknown error")]
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[OsaidError], tuple[list[Problem]]]:
        """Pickle with its problems (``osaid.check_many`` returns errors from workers)."""
        return (type(self), (self.problems,))

    @property
    def file(self) -> str | None:
        """The file of the first problem."""
        return self.problems[0].file

    @property
    def key(self) -> str | None:
        """The key path of the first problem."""
        return self.problems[0].key

    @property
    def line(self) -> int | None:
        """The line of the first problem."""
        return self.problems[0].line

    def __str__(self) -> str:
        """The first problem, with a count of the others so nothing is silently hidden."""
        first = str(self.problems[0])
        more = len(self.problems) - 1
        if more:
            first += f" (and {more} more problem{'s' if more > 1 else ''})"
        return first


class InputError(OsaidError, ValueError):
    """An input file cannot be read, parsed or understood."""


class UnreadableDescriptionError(InputError):
    """A file recognised as a release description that cannot be read.

    An SBOM of a version osaid does not support, a MOF file or a card with a value it cannot
    take. A directory check raises it instead of leaving the file out, since the verdict would be
    reached without what the file says. ``title`` names the format (``CycloneDX BOM``).
    """

    def __init__(
        self, problems: list[Problem] | Problem, title: str = "release description"
    ) -> None:
        super().__init__(problems)
        self.title = title


class DefinitionError(OsaidError, ValueError):
    """A definition (rule-set) file is malformed or inconsistent."""


class LicenseDataError(OsaidError, ValueError):
    """A licence data file under ``licenses/`` is malformed."""


class LicenseExpressionError(OsaidError, ValueError):
    """A licence expression given directly (not inside a manifest) is malformed."""


class UnknownDefinitionError(OsaidError, LookupError):
    """The requested definition id or version is not available."""


class UsageError(OsaidError, ValueError):
    """An argument of the library or the command line has a value it cannot take.

    A limit out of range, an empty path, a policy given by a name where a :class:`Policy` is
    expected: the message names the argument (``key``). A value of the wrong type altogether
    is a programming error and raises ``TypeError`` instead.
    """
