"""What every format says about the definition a report was checked against.

A definition that does not ship with osaid (read from ``$OSAID_DEFINITIONS_PATH`` or a
directory a program passed) can carry any title, including a shipped one's: wherever a format
shows the title it also says, with the file's path, that the definition is not osaid's own.
The texts here are unescaped; each format escapes them its own way.
"""

from __future__ import annotations

from osaid.report import Report, Result

NOT_SHIPPED = "a definition that does not ship with osaid"


def not_counted(result: Result) -> str:
    """Why a result does not decide the verdict, as a suffix: recommended, or a restatement.

    A requirement that only restates others (OSAID's models-and-weights clause) fails exactly
    when they do; saying so keeps a reader from counting its failure twice.
    """
    if result.affects_verdict:
        return ""
    if result.follows_from:
        return " (restates the requirements it follows from; not counted again)"
    return " (recommended)"


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
