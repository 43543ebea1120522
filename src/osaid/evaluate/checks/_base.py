"""What every kind of check is: a record, an evaluation, and the words explain and diff use.

The record is what the definition file's table says; the evaluation turns it into a result for
one release; the wording says what passes and fails (``osaid explain``) and what it checks in
one line (``osaid diff``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from osaid.definition import CheckRecord, Definition, Requirement
    from osaid.evaluate._context import Context
    from osaid.report import Result


class CheckKind(ABC):
    """One kind of check: evaluates a requirement whose check is a :attr:`record`."""

    record: ClassVar[type[CheckRecord]]
    """The record the definition file's table is read into (its ``key`` is the table name)."""

    after_others: ClassVar[bool] = False
    """Evaluated after every other kind, because it reads their results (an aggregate)."""

    @abstractmethod
    def evaluate(self, requirement: Requirement, ctx: Context, earlier: Sequence[Result]) -> Result:
        """The result of ``requirement`` (applicable; ``earlier``: results evaluated so far)."""

    @abstractmethod
    def criteria(
        self, definition: Definition, requirement: Requirement
    ) -> tuple[list[str], list[str]]:
        """What passes and what fails, for ``osaid explain`` (in users' words)."""

    @abstractmethod
    def signature(self, definition: Definition, requirement: Requirement) -> str:
        """What the check checks, in one line; ``osaid diff`` reports when it changes."""

    def judges_licences(self, requirement: Requirement) -> bool:  # noqa: ARG002
        """Whether the requirement's result depends on a licence condition (for diff)."""
        return False

    def manifest(self, definition: Definition, requirement: Requirement) -> dict[str, Any] | None:  # noqa: ARG002
        """The osaid manifest keys that would meet the requirement, with placeholders, or None.

        A fix for a format that takes a manifest under one of its own keys (a model card's
        ``osaid:``) shows these keys as they would be written there.
        """
        return None

    def problems(self, definition: Definition, requirement: Requirement) -> list[tuple[str, str]]:  # noqa: ARG002
        """(key below the check's table, message) for each reference the definition lacks."""
        return []
