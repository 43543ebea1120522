"""Write the compiled forms of osaid's shipped data: definitions and licence tables.

``definitions/compiled.json`` holds the shipped definitions resolved and validated;
``licenses/compiled.json`` the curated licence tables validated. Run
``python tasks/compile_data.py`` after changing a file in ``definitions/`` or one of the tables
in ``licenses/`` (or a model those files are read into); ``--check`` exits 1 when a committed
file is not what the sources give. A run never needs them to be current: when one is not, osaid
reads and validates the sources instead (see ``osaid._compiled``), only more slowly.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from osaid.definition import Definition
from osaid.definition import _compiled as definitions
from osaid.definition._loader import load_directory
from osaid.licensing import _compiled as licences

ROOT = Path(__file__).resolve().parents[1]
DEFINITIONS = ROOT / "definitions"
LICENSES = ROOT / "licenses"


def _text(form: dict[str, Any]) -> str:
    return json.dumps(form, ensure_ascii=False, separators=(",", ":")) + "\n"


def _forms() -> dict[Path, str]:
    found = tuple(load_directory([DEFINITIONS]))
    elements = sorted({e for d in found if isinstance(d, Definition) for e in d.elements})
    tables = licences.validated_tables(LICENSES, elements)
    return {
        DEFINITIONS / definitions.COMPILED: _text(definitions.compiled_form(DEFINITIONS, found)),
        LICENSES / licences.COMPILED: _text(licences.compiled_form(LICENSES, tables, elements)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a file is not current")
    args = parser.parse_args()
    stale = []
    for target, text in _forms().items():
        if args.check:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != text:
                stale.append(target)
        else:
            target.write_text(text, encoding="utf-8")
    for target in stale:
        print(f"{target} is not current: run python tasks/compile_data.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
