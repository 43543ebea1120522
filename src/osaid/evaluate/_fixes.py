"""The fix for a failing component follows the cause of its failure.

A component can fail because of what the repository contradicts (a path that does not exist, a
header that disagrees), because its licence is not stated, is a placeholder or is malformed,
because of terms beyond the licence (an acceptable-use policy), or only then because its
licence does not meet the condition. Telling a publisher to "relicense under Apache-2.0" when
the path is misspelt, or when Apache-2.0 is what they declared, sends them the wrong way; so
each cause gets its own fix, and a relicensing fix names the licence that fails and never
proposes one the component already has.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from osaid.licensing import LicenseEvaluation
from osaid.report import Evidence

PLACEHOLDER = "<URL or path>"
"""Where a fix's example component says its location goes (the publisher writes theirs)."""

MAX_FIXES = 5
"""At most this many components' fixes are spelt out in one remediation; the rest counted."""


def _place(ref: Evidence) -> str:
    line = f", line {ref.line}" if ref.line else ""
    return f"{ref.key}{line}"


def licence_fix(
    name: str,
    ref: Evidence,
    evaluation: LicenseEvaluation | None,
    phrase: str,
    examples: Sequence[str],
    *,
    inferred_from: str | None = None,
) -> str:
    """What to change when the licence itself (or its absence) is the cause.

    A component a reader inferred from a key that carries no licence (a card's ``datasets``,
    where ``ref`` points) cannot take a ``license:`` where it was read: the fix asks for it
    to be declared in a manifest.
    """
    if evaluation is None and inferred_from is not None and ref.key == inferred_from:
        return (
            f"declare {name} with its own licence (`license:`) in an osaid manifest "
            f"(`osaid.components` in the front matter, or osaid.yaml); what was read from "
            f"`{inferred_from}` ({_place(ref)}) states no licence"
        ) + _hint(phrase, examples, ())
    if evaluation is None:
        return f"declare the licence of {name} (add `license:` at {_place(ref)})" + _hint(
            phrase, examples, ()
        )
    if evaluation.malformed:
        return f"correct the licence expression of {name} at {_place(ref)}"
    kinds = {facts.known_as for facts in evaluation.licenses}
    if kinds == {"noassertion"}:
        return (
            f"state the licence of {name} at {_place(ref)}: NOASSERTION means it is not stated, "
            "so no grant can be verified"
        )
    failing = [f"'{facts.written}'" for facts in evaluation.licenses if facts.status == "fail"]
    have = {facts.id.lower() for facts in evaluation.licenses}
    lead = f"relicense {name} ({_place(ref)})"
    if failing:
        lead += f": {', '.join(dict.fromkeys(failing))} does not meet {phrase}"
    return lead + _hint(phrase, examples, have)


def _hint(phrase: str, examples: Sequence[str], have: set[str] | tuple[()]) -> str:
    offered = [e for e in examples if e.lower() not in have]
    if not offered:
        return f" ({phrase} is needed)"
    return f"; {phrase} such as {', '.join(offered)} would pass"


def terms_fix(name: str, kind: str, where: str) -> str:
    """What to change when terms beyond the licence are the cause."""
    spelt = kind.replace("-", " ")
    return (
        f"withdraw the {spelt} of {name} ({where}), or make it restrict nothing the licence "
        "grants: while it applies, no licence label can make the component open"
    )


def remediation(fixes: Sequence[str]) -> str | None:
    """The fixes of a requirement's failing components, in order, each once."""
    unique = list(dict.fromkeys(f for f in fixes if f))
    if not unique:
        return None
    shown = unique[:MAX_FIXES]
    more = len(unique) - len(shown)
    text = "; ".join(shown)
    if more:
        text += f"; and the same for {more} more component{'s' if more > 1 else ''}"
    return text[0].upper() + text[1:] + "."


def embedded(fix: str, key: str, title: str, keys: dict[str, Any] | None) -> str:
    """``fix`` for a file that takes osaid manifest keys under its own key ``key``.

    A model card's ``base_model`` must stay a Hub model id, so "under ``base_model``, add ..."
    followed literally in the card breaks it: the keys go under ``osaid:`` instead, shown as
    the one line of YAML to add (merged into an ``osaid:`` mapping the file already has).
    """
    where = f"In a {title}, write it under the metadata's `{key}:` key, not as its own keys"
    if not keys:
        return f"{fix} {where}."
    return f"{fix} {where} (merged into an `{key}:` mapping already there): `{key}: {_flow(keys)}`."


def _flow(keys: dict[str, Any]) -> str:
    """``keys`` as one line of YAML (flow style), as a safe loader reads it back."""
    text: str = yaml.safe_dump(keys, default_flow_style=True, sort_keys=False, width=10_000)
    return text.strip()
