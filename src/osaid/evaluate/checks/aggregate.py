"""``[requirement.aggregate]``: met when every requirement of the listed elements is met.

OSAID's "Open Source models and weights" clause restates the data information and code
requirements for a release that claims only the model or the weights: it fails exactly when
they do, so it never counts a failure twice (``affects_verdict = false``), and it names what
it follows from. Its wording is data (``met`` and ``not_met``), so the engine names no element.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from osaid.definition import CheckRecord
from osaid.evaluate._context import list_ref, ref, result
from osaid.evaluate.checks._base import CheckKind
from osaid.report import Status

if TYPE_CHECKING:
    from osaid.definition import Definition, Requirement
    from osaid.evaluate._context import Context
    from osaid.report import Result

__all__ = ["Aggregate", "AggregateKind"]


class Aggregate(CheckRecord):
    """Requirement satisfied when every requirement of the listed elements is satisfied."""

    key: ClassVar[str] = "aggregate"
    wording: ClassVar[frozenset[str]] = frozenset({"met", "not_met"})

    elements: list[str] = Field(min_length=1)
    met: str = "every {elements} requirement is met"
    """The summary when every requirement of the elements is met."""
    not_met: str = "{count} requirement(s) of {elements} are not met"
    """The summary otherwise; ``{elements}``, ``{count}`` and ``{scope}`` (the claimed scope)
    are filled in."""


def _filled(template: str, values: dict[str, str]) -> str:
    """``template`` with its known placeholders filled in (nothing else is interpreted)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


class AggregateKind(CheckKind):
    """Every requirement of ``elements`` that decides the verdict is met."""

    record = Aggregate
    after_others = True

    def evaluate(self, requirement: Requirement, ctx: Context, earlier: Sequence[Result]) -> Result:
        check = requirement.aggregate
        assert check is not None  # noqa: S101 - the scorer chose this kind by the record
        wanted = set(check.elements)
        blocking = [r for r in earlier if r.element in wanted and r.blocks]
        values = {
            "elements": " and ".join(check.elements),
            "count": str(len(blocking)),
            "scope": ctx.release.scope.value,
        }
        if not blocking:
            met = [r.requirement for r in earlier if r.element in wanted and r.affects_verdict]
            return result(requirement, Status.PASS, _filled(check.met, values), follows_from=met)
        names = ", ".join(r.requirement for r in blocking)
        scope_ref = ref(ctx.release.origins.get("scope"), ctx.release.scope.value)
        return result(
            requirement,
            Status.FAIL,
            _filled(check.not_met, values),
            details=[
                f"not met: {names}",
                "these failures are reported under their own elements and counted once there; "
                "this result only restates them",
            ],
            evidence=[scope_ref] if scope_ref else list_ref(ctx),
            follows_from=[r.requirement for r in blocking],
        )

    def criteria(
        self,
        definition: Definition,  # noqa: ARG002 - the interface's; this kind needs none
        requirement: Requirement,
    ) -> tuple[list[str], list[str]]:
        check = requirement.aggregate
        assert check is not None  # noqa: S101
        elements = ", ".join(check.elements)
        return [f"every requirement of {elements} is met"], [
            f"fail: any {elements} requirement is not met"
        ]

    def signature(self, definition: Definition, requirement: Requirement) -> str:  # noqa: ARG002
        check = requirement.aggregate
        assert check is not None  # noqa: S101
        return f"all of {check.elements}"

    def problems(self, definition: Definition, requirement: Requirement) -> list[tuple[str, str]]:
        check = requirement.aggregate
        assert check is not None  # noqa: S101
        return [
            ("elements", f"unknown element '{element}'")
            for element in check.elements
            if element not in definition.elements
        ]
