"""Plain text for a person at a terminal: verdict first, then what to change."""

from __future__ import annotations

from collections.abc import Sequence

from osaid.report import Report, Result, Status

_MARK = {
    Status.PASS: "PASS",
    Status.FAIL: "FAIL",
    Status.MISSING: "MISSING",
    Status.NOT_APPLICABLE: "N/A",
}


_UNSAFE_RANGES = (
    (0x00, 0x08),  # C0 controls except tab and newline
    (0x0B, 0x1F),
    (0x7F, 0x9F),  # DEL and C1 controls
    (0x200E, 0x200F),  # bidi marks
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2066, 0x2069),  # bidi isolates
    (0xD800, 0xDFFF),  # lone surrogates cannot even be encoded
)


def _unsafe(code: int) -> bool:
    return any(low <= code <= high for low, high in _UNSAFE_RANGES)


def _safe(text: str) -> str:
    """Escape control, bidi and surrogate characters so input can never drive the terminal."""
    return "".join(f"\\u{ord(c):04x}" if _unsafe(ord(c)) else c for c in text)


def _where(result: Result) -> str:
    for ref in result.evidence:
        line = f":{ref.line}" if ref.line else ""
        return f" ({ref.file}{line}, {ref.key})"
    return ""


def _one(report: Report) -> list[str]:
    name = report.release.name or "(unnamed release)"
    verdict = "CONFORMANT" if report.conformant else "NOT CONFORMANT"
    lines = [
        f"{report.input}: {name} — {verdict} with {report.definition_title} ({report.definition})",
        "",
    ]
    for result in report.results:
        optional = "" if result.affects_verdict else " (recommended)"
        lines.append(f"  {_MARK[result.status]:<8}{result.summary}{optional}")
        if result.status in (Status.FAIL, Status.MISSING):
            lines.append(f"          at{_where(result) or ' ' + report.input}")
            if result.remediation:
                lines.append(f"          fix: {result.remediation}")
            lines.extend(f"          {d}" for d in result.details[1:] if d)
    if report.warnings:
        lines += ["", "Warnings:"]
        for warning in report.warnings:
            ref = warning.evidence[0] if warning.evidence else None
            where = f" [{ref.file}:{ref.line or '?'} {ref.key}]" if ref else ""
            lines.append(f"  - {warning.message}{where}")
    if report.comparison is not None:
        from osaid.render._versions import comparison  # noqa: PLC0415

        lines += ["", comparison(report.comparison).rstrip("\n")]
    counts = report.counts
    lines += [
        "",
        f"{counts['pass']} passed, {counts['fail']} failed, {counts['missing']} missing, "
        f"{counts['not-applicable']} not applicable. {report.disclaimer}",
    ]
    return lines


def render(reports: Sequence[Report], many: bool) -> str:
    """Render every report, then a summary table when several inputs were checked."""
    lines: list[str] = []
    for index, report in enumerate(reports):
        if index:
            lines += ["", "-" * 78]
        lines += _one(report)
    if many and reports:
        lines += ["", "Summary:"]
        for report in reports:
            failing = sorted({r.element for r in report.failing()})
            verdict = "conformant" if report.conformant else "not conformant"
            extra = f" (failing: {', '.join(failing)})" if failing else ""
            lines.append(f"  {report.input}: {report.release.name or '?'} — {verdict}{extra}")
    return _safe("\n".join(lines)) + "\n"
