"""``[requirement.attribute]``: a release attribute must take one of the passing values.

OSAID's freedoms need a copy: ``distribution = "distributed"`` passes, a hosted-only release
fails, whatever its licences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from osaid.definition import CheckRecord
from osaid.evaluate._context import ref, result
from osaid.evaluate.checks._base import CheckKind
from osaid.report import Status

if TYPE_CHECKING:
    from osaid.definition import Definition, Requirement
    from osaid.evaluate._context import Context
    from osaid.report import Result

__all__ = ["AttributeCheck", "AttributeKind"]


class AttributeCheck(CheckRecord):
    """Requirement satisfied by a release attribute taking one of the passing values."""

    key: ClassVar[str] = "attribute"

    name: Literal["distribution", "scope"]
    passes: list[str] = Field(min_length=1)


class AttributeKind(CheckKind):
    """The release's ``name`` attribute is one of ``passes``."""

    record = AttributeCheck

    def manifest(self, definition: Definition, requirement: Requirement) -> dict[str, Any] | None:  # noqa: ARG002
        """``{name: first passing value}``, e.g. ``{distribution: distributed}``."""
        check = requirement.attribute
        return None if check is None else {check.name: check.passes[0]}

    def evaluate(self, requirement: Requirement, ctx: Context, earlier: Sequence[Result]) -> Result:  # noqa: ARG002
        check = requirement.attribute
        assert check is not None  # noqa: S101 - the scorer chose this kind by the record
        value = getattr(ctx.release, check.name)
        text = value.value if hasattr(value, "value") else str(value)
        evidence = [e for e in [ref(ctx.release.origins.get(check.name), text)] if e]
        if text in check.passes:
            return result(requirement, Status.PASS, f"{check.name} is '{text}'", evidence=evidence)
        return result(
            requirement,
            Status.FAIL,
            f"{check.name} is '{text}'; it must be {' or '.join(repr(p) for p in check.passes)}",
            evidence=evidence,
        )

    def criteria(
        self,
        definition: Definition,  # noqa: ARG002 - the interface's; this kind needs none
        requirement: Requirement,
    ) -> tuple[list[str], list[str]]:
        check = requirement.attribute
        assert check is not None  # noqa: S101
        return [f"`{check.name}` is {' or '.join(check.passes)}"], [
            f"fail: `{check.name}` has another value"
        ]

    def signature(self, definition: Definition, requirement: Requirement) -> str:  # noqa: ARG002
        check = requirement.attribute
        assert check is not None  # noqa: S101
        return f"{check.name} in {check.passes}"
