"""Representative user code of the public API, type-checked under ``mypy --strict``.

``tests/test_typing.py`` checks this module as a user's project would (no plugins, no osaid
configuration) and fails on any error: a public signature that loses its types, or types
user code cannot satisfy, shows here. It is never run, only type-checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import osaid


def audit(paths: list[Path]) -> dict[str, bool]:
    """Paths checked one by one, verdict per path."""
    verdicts: dict[str, bool] = {}
    for path in paths:
        report: osaid.Report = osaid.check(path, "osaid-1.0", osaid.Policy())
        verdicts[report.input] = report.conformant
    return verdicts


def from_memory(card: str, raw: bytes, metadata: dict[str, Any]) -> list[osaid.Verdict]:
    """Cards and metadata without files."""
    reports = [
        osaid.check_text(card),
        osaid.check_text(raw, name="org/model/README.md", format="card"),
        osaid.check_data(metadata, format="card", max_input_bytes=osaid.MAX_INPUT_BYTES),
    ]
    return [report.verdict for report in reports]


def failing(report: osaid.Report) -> Iterator[tuple[str, osaid.Status, str | None]]:
    for result in report.failing():
        result_: osaid.Result = result
        yield result_.requirement, result_.status, result_.remediation


def contract(report: osaid.Report) -> dict[str, Any]:
    text: str = report.to_json()
    data: dict[str, Any] = report.to_dict()
    assert data["report_format"] == osaid.REPORT_FORMAT
    assert json.loads(text) == data
    warnings: list[osaid.ReportWarning] = report.warnings
    return {"warnings": [w.code for w in warnings], **data}


def batch(texts: list[bytes], jobs: int) -> tuple[int, list[str]]:
    conformant = 0
    errors: list[str] = []
    for item in osaid.check_many(texts, jobs=jobs):
        if isinstance(item, osaid.OsaidError):
            problems: list[osaid.Problem] = item.problems
            errors.append(f"{item.file}:{item.line}: {problems[0].message}")
        else:
            conformant += item.verdict is osaid.Verdict.CONFORMANT
    return conformant, errors


def errors(path: str) -> str | None:
    try:
        osaid.read(path)
    except osaid.InputError as exc:
        return str(exc)
    except (osaid.UnknownDefinitionError, osaid.DefinitionError, osaid.UsageError) as exc:
        return exc.key
    return None


def definitions() -> list[str]:
    chosen: osaid.Definition = osaid.load_definition("osaid-1.0")
    requirements: list[osaid.Requirement] = list(chosen.requirements)
    graded: osaid.GradedDefinition = osaid.load_graded_definition("mof-1.0")
    ids = [d.id for d in osaid.available_definitions()]
    ids += [d.id for d in osaid.available_graded_definitions()]
    return [*ids, graded.id, *(r.id for r in requirements)]


def licences(expression: str) -> bool:
    evaluation: osaid.LicenseEvaluation = osaid.evaluate_license(expression, "parameters")
    return evaluation.status == "pass"


def graded(release: osaid.Release) -> int:
    report: osaid.GradeReport = osaid.grade(release, "mof-1.0")
    kinds: list[osaid.ComponentKind] = [c.kind for c in release.components]
    components: list[osaid.Component] = list(release.components)
    return report.class_ + len(kinds) + len(components)


def version() -> str:
    return osaid.__version__
