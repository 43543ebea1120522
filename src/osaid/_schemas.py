"""The JSON Schemas osaid ships: of the manifest and of the JSON report, one file per format.

The files live in the repository's ``schemas/`` directory and in the installed package
(``osaid/_data/schemas``); both are generated from the pydantic models by :func:`generated`
(``osaid schema --write schemas``), and a test checks they are current. Each is named for its
format version (``osaid-manifest-1.schema.json`` for ``manifest: osaid/1``,
``osaid-report-1.schema.json`` for ``report_format`` ``1``): a version only ever gains optional
fields, and a change that would reject what it accepted before is a new file.

``$id`` is that file name, a URI reference resolved against the address the schema is read
from (JSON Schema 2020-12 core, section 8.2.1: https://json-schema.org/draft/2020-12/json-schema-core#section-8.2.1).
It is therefore right unchanged wherever the repository is served (the raw file at a release
tag, a mirror, a clone, the installed wheel), and names no host osaid does not control.
:func:`schema_url` gives the address of a file at this version's tag in the repository, for
``# yaml-language-server: $schema=...`` modelines and a SchemaStore catalog entry, both of
which take an absolute URL (or, for the modeline, a path relative to the YAML file).
"""

from __future__ import annotations

import json
import re
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path
from typing import Any

from osaid._version import __version__

__all__ = [
    "JSON_SCHEMA",
    "SCHEMAS",
    "generated",
    "repository_raw",
    "schema_url",
    "shipped",
    "shipped_path",
    "text",
]

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS = {
    "manifest": "osaid-manifest-1.schema.json",
    "report": "osaid-report-1.schema.json",
    "grade-report": "osaid-grade-report-1.schema.json",
}
"""Each schema ``osaid schema`` prints, and its file name (also its ``$id``)."""

_GITHUB = re.compile(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?")


def repository_raw() -> str | None:
    """Where the raw files of osaid's repository are served, or None while it has no address.

    The address is package metadata, ``Repository`` under ``[project.urls]`` in
    ``pyproject.toml`` (a GitHub repository). Until osaid is published there, there is none, and
    nothing points at a schema address that does not exist.
    """
    try:
        urls = metadata("osaid").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        found = _GITHUB.fullmatch(url.strip())
        if label.strip().lower() == "repository" and found:
            return f"https://raw.githubusercontent.com/{found[1]}/{found[2]}"
    return None


def schema_url(which: str, version: str = __version__, repository: str | None = None) -> str | None:
    """The address of schema ``which`` in the repository at the tag of ``version``.

    A development or local version has no tag: its schema is the one on ``main``. None when
    osaid's repository has no address (:func:`repository_raw`).
    """
    from packaging.version import Version  # noqa: PLC0415 - only init and tests need it

    raw = repository or repository_raw()
    if raw is None:
        return None
    parsed = Version(version)
    ref = "main" if parsed.is_devrelease or parsed.local else f"v{version}"
    return f"{raw}/{ref}/schemas/{SCHEMAS[which]}"


def generated(which: str) -> dict[str, Any]:
    """Schema ``which`` as the models define it (what the shipped file must hold)."""
    if which == "report":
        from osaid.report import Report  # noqa: PLC0415 - lazy

        body = Report.model_json_schema(by_alias=True)
    elif which == "grade-report":
        body = _grade_report()
    else:
        from osaid.readers import manifest_schema  # noqa: PLC0415 - lazy

        body = manifest_schema()
    return {"$schema": JSON_SCHEMA, "$id": SCHEMAS[which], **body}


def _grade_report() -> dict[str, Any]:
    """A graded report's JSON (``grade-1``, :func:`osaid.render._graded.payload`).

    The grade report's fields, with its ``class``, ``label`` and ``progress`` moved into
    ``grade`` (MOT's ``classification``) and the envelope every report has around them.
    """
    from osaid.report import GRADE_REPORT_FORMAT, GradeReport, Report  # noqa: PLC0415

    body = GradeReport.model_json_schema(by_alias=True)
    envelope = Report.model_json_schema(by_alias=True)
    fields = body["properties"]
    grade = {name: fields.pop(name) for name in ("class", "label", "progress")}
    shared = envelope["properties"]
    properties = {
        "report_format": {"const": GRADE_REPORT_FORMAT, "title": "Report Format"},
        "tool": {"const": "osaid", "title": "Tool"},
        "tool_version": shared["tool_version"],
        **{k: fields[k] for k in ("definition", "definition_title", "definition_version")},
        **{k: fields[k] for k in ("definition_source", "definition_path")},
        **{k: fields[k] for k in ("policy", "licence_data", "input", "input_format", "release")},
        "verdict": {"$ref": "#/$defs/Verdict"},
        "grade": {
            "type": "object",
            "properties": grade,
            "required": list(grade),
            "additionalProperties": False,
            "title": "Grade",
        },
        **{k: fields[k] for k in ("total_progress", "classes", "components", "warnings")},
        "deviations": fields["deviations"],
        "comparison": shared["comparison"],
        "disclaimer": {"type": "string", "title": "Disclaimer"},
    }
    defs = dict(body["$defs"])
    for name in ("Comparison", "ResultDifference", "Verdict"):
        defs[name] = envelope["$defs"][name]
    required = [k for k in properties if k in body["required"]]
    return {
        "$defs": dict(sorted(defs.items())),
        "additionalProperties": False,
        "description": "A graded report as osaid writes it in JSON (report_format grade-1).",
        "properties": properties,
        "required": ["report_format", "tool", "tool_version", *required, "verdict", "grade"],
        "title": "GradedReport",
        "type": "object",
    }


def text(schema: dict[str, Any]) -> str:
    """A schema as written to its file and printed: indented JSON ending in a newline."""
    return json.dumps(schema, indent=2, ensure_ascii=True) + "\n"


def shipped_path(which: str) -> Path:
    """The shipped file of schema ``which`` (repository or installed package)."""
    from osaid._resources import data_dir  # noqa: PLC0415

    return data_dir("schemas") / SCHEMAS[which]


def shipped(which: str) -> dict[str, Any]:
    """Schema ``which`` as shipped."""
    data: dict[str, Any] = json.loads(shipped_path(which).read_text(encoding="utf-8"))
    return data
