"""The registry of check kinds: one module each, one line here.

A requirement's check is written as a table named after its kind (``[requirement.evidence]``).
Each kind's module holds the record that table is read into, how it is evaluated, and how
``osaid explain`` and ``osaid diff`` describe it; the definition loader reads requirement
tables through :data:`CHECKS`, the binary scorer evaluates through it, explain and diff word
through it. A new kind of check is a new module and one line below (plus its tests).
"""

from __future__ import annotations

from osaid.evaluate.checks._base import CheckKind
from osaid.evaluate.checks.aggregate import AggregateKind
from osaid.evaluate.checks.attribute import AttributeKind
from osaid.evaluate.checks.evidence import EvidenceKind

CHECKS: dict[str, CheckKind] = {
    kind.record.key: kind for kind in (EvidenceKind(), AttributeKind(), AggregateKind())
}
"""Each kind of check by the table name it is written as."""

__all__ = ["CHECKS", "CheckKind", "kind_of"]


def kind_of(key: str) -> CheckKind:
    """The kind of check written as table ``key``."""
    return CHECKS[key]
