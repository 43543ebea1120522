"""What every format says about the definition a report was checked against.

A definition that does not ship with osaid (read from ``$OSAID_DEFINITIONS_PATH`` or a
directory a program passed) can carry any title, including a shipped one's: wherever a format
shows the title it also says, with the file's path, that the definition is not osaid's own.
The texts here are unescaped; each format escapes them its own way.
"""

from __future__ import annotations

from osaid.report import Report, Result

NOT_SHIPPED = "a definition that does not ship with osaid"


_NOT_COUNTED = {
    "optional": "optional; never counted for a class",
    "required": "needed only for a more demanding class",
}
"""Why a result that fails or is missing does not decide the verdict, by its obligation: a
binary requirement that does not count is recommended; a graded component is optional, or
required only by a class beyond the one the verdict depends on."""


def why_not_counted(result: Result) -> str | None:
    """Why a result does not decide the verdict (None when it does).

    A requirement that only restates others (OSAID's models-and-weights clause) fails exactly
    when they do; saying so keeps a reader from counting its failure twice.
    """
    if result.affects_verdict:
        return None
    if result.follows_from:
        return "restates the requirements it follows from; not counted again"
    return _NOT_COUNTED.get(result.obligation, "recommended")


def not_counted(result: Result) -> str:
    """:func:`why_not_counted` as a suffix: `` (recommended)``, or nothing."""
    reason = why_not_counted(result)
    return f" ({reason})" if reason else ""


def outcome(report: Report) -> str:
    """The verdict in words, capitalised: ``Conformant``, or the class a graded report reached."""
    if report.grade is not None:
        return report.grade.label
    return "Conformant" if report.conformant else "Not conformant"


def user_definition_note(report: Report) -> str:
    """``osaid-9.9 is a definition that does not ship with osaid, read from PATH``, or ``""``."""
    if report.definition_source == "shipped":
        return ""
    return f"{report.definition} is {NOT_SHIPPED}, read from {report.definition_path or '?'}"


def definition_name(report: Report) -> str:
    """``Title (id)``, with the user-definition label and path inside the parentheses."""
    if report.definition_source == "shipped":
        return f"{report.definition_title} ({report.definition})"
    where = report.definition_path or "?"
    return f"{report.definition_title} ({report.definition}; {NOT_SHIPPED}, read from {where})"


def waiver_lines(result: Result) -> list[str]:
    """What waivers and the baseline say about a failing result, one phrase each (unescaped).

    A waived result is still shown failing: these lines say why it does not fail the run, or
    that a waiver no longer applies (with its date).
    """
    lines = []
    for waiver in result.waivers:
        part = f" ({waiver.component})" if waiver.component else ""
        if waiver.expired:
            lines.append(f"waiver{part} expired on {waiver.expires}: {waiver.reason}")
        else:
            until = f" until {waiver.expires}" if waiver.expires else ""
            lines.append(f"waived{part}{until}: {waiver.reason}")
    if result.baseline == "unchanged":
        lines.append("in the baseline: a known finding, not new")
    elif result.baseline == "new":
        lines.append("new: not in the baseline")
    return lines


def accepted_note(report: Report) -> str:
    """A sentence for a report not conformant whose every failure is accepted, else ``""``.

    Accepted: waived or in the baseline. The run passes; the verdict does not change.
    """
    failing = report.failing()
    if report.conformant or not failing or not report.accepted:
        return ""
    return (
        f"Every failing requirement ({len(failing)}) is waived or in the baseline, so the run "
        "passes; the release is still not conformant."
    )
