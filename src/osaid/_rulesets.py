"""Kept for ``fuzz/fuzz_inputs.py``, which instruments this module by name.

The definition loader is :mod:`osaid.definition._loader`; remove this module once the harness
names that one.
"""

from osaid.definition import _loader

__all__ = ["_loader"]
