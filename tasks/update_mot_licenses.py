"""Regenerate ``licenses/mot/mot-licenses.json`` from the Model Openness Tool's licence files.

MOT (https://github.com/lfai/model_openness_tool, MIT licence) scores licences with two JSON
files under ``web/modules/mof/``: ``licenses.json`` (a 2024-05-21 snapshot of the SPDX License
List, giving the OSI-approved and FSF-libre flags) and ``mof-licenses.json`` (31 curated
records adding a ``ContentType``). This script reduces them to what osaid's ``mot-compat``
grading policy reads: per snapshot id its two flags, and the curated records in file order with
their flags and content types (duplicates kept: how they merge is the policy's business).

Usage::

    python tasks/update_mot_licenses.py SOURCE_DIR [--commit SHA] [--check]

``SOURCE_DIR`` holds ``licenses.json`` and ``mof-licenses.json`` (a MOT checkout's
``web/modules/mof/`` or a copy of it, such as the osaid corpus ``reference/`` folder).
``--check`` exits 1 when the committed file differs, for CI.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parents[1] / "licenses" / "mot" / "mot-licenses.json"
REPOSITORY = "https://github.com/lfai/model_openness_tool"
DEFAULT_COMMIT = "8b5d30e90a7c62d7d6ece48b91e69ff495920a4d"
SNAPSHOT = "licenses.json"
CURATED = "mof-licenses.json"
UPSTREAM_DIR = "web/modules/mof"


def _load(path: Path) -> tuple[dict[str, Any], str]:
    raw = path.read_bytes()
    data: dict[str, Any] = json.loads(raw)
    return data, hashlib.sha256(raw).hexdigest()


def _types(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ValueError(f"unexpected ContentType {value!r}")


def build(source: Path, commit: str) -> dict[str, Any]:
    """Build the data written to ``licenses/mot/mot-licenses.json``."""
    snapshot, snapshot_sha = _load(source / SNAPSHOT)
    curated, curated_sha = _load(source / CURATED)
    flags = {
        str(record["licenseId"]): {
            "osi": bool(record.get("isOsiApproved", False)),
            "fsf": bool(record.get("isFsfLibre", False)),
        }
        for record in snapshot["licenses"]
    }
    records = [
        {
            "id": str(record["licenseId"]),
            "osi": bool(record.get("isOsiApproved", False)),
            "fsf": bool(record.get("isFsfLibre", False)),
            "content_types": _types(record.get("ContentType")),
        }
        for record in curated["licenses"]
    ]
    return {
        "repository": REPOSITORY,
        "commit": commit,
        "license": "MIT (Copyright 2024 The Model Openness Tool Authors; see README.md)",
        "generated_by": "tasks/update_mot_licenses.py",
        "files": {
            f"{UPSTREAM_DIR}/{SNAPSHOT}": {
                "sha256": snapshot_sha,
                "license_list_version": str(snapshot.get("licenseListVersion", "")),
                "release_date": str(snapshot.get("releaseDate", "")),
                "records": len(flags),
            },
            f"{UPSTREAM_DIR}/{CURATED}": {"sha256": curated_sha, "records": len(records)},
        },
        "snapshot": flags,
        "curated": records,
    }


def render(data: dict[str, Any]) -> str:
    """Serialise with one record per line so updates produce readable diffs."""
    lines = ["{"]
    for key in ("repository", "commit", "license", "generated_by"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(data[key])},")
    lines.append(f'  "files": {json.dumps(data["files"], sort_keys=True)},')
    lines.append('  "snapshot": {')
    items = list(data["snapshot"].items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        lines.append(f"    {json.dumps(key)}: {json.dumps(value, sort_keys=True)}{comma}")
    lines.append("  },")
    lines.append('  "curated": [')
    for index, record in enumerate(data["curated"]):
        comma = "," if index < len(data["curated"]) - 1 else ""
        lines.append(f"    {json.dumps(record)}{comma}")
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) the generated file."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("source", type=Path, help=f"directory with {SNAPSHOT} and {CURATED}")
    parser.add_argument("--commit", default=DEFAULT_COMMIT, help="MOT commit the files are from")
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render(build(args.source, args.commit))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(
                f"{OUTPUT} is out of date; run python tasks/update_mot_licenses.py", file=sys.stderr
            )
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
