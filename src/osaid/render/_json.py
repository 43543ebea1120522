"""JSON: one report object per input, or an array when several inputs were checked."""

from __future__ import annotations

import json
from collections.abc import Sequence

from osaid.report import Report


def render(reports: Sequence[Report], many: bool) -> str:
    """Render one object for a single input, an array in input order when ``many``."""
    payload = [r.model_dump(mode="json", by_alias=True) for r in reports]
    if not many and len(payload) == 1:
        return json.dumps(payload[0], indent=2) + "\n"
    return json.dumps(payload, indent=2) + "\n"
