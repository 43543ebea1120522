"""JSON: one report object per input, or an array when several inputs were checked."""

from __future__ import annotations

import json
from collections.abc import Sequence

from osaid.report import Report


def render(reports: Sequence[Report]) -> str:
    """Render one object for a single input, else an array in input order."""
    payload = [r.model_dump(mode="json", by_alias=True) for r in reports]
    return json.dumps(payload[0] if len(payload) == 1 else payload, indent=2) + "\n"
