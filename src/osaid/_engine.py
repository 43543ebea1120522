"""Kept for ``fuzz/fuzz_inputs.py``, which instruments this module by name.

The evaluation is :mod:`osaid.evaluate` (its binary scorer, check kinds and component
judging); remove this module once the harness names that package.
"""

from osaid.evaluate import _binary, _components, _context, checks

__all__ = ["_binary", "_components", "_context", "checks"]
