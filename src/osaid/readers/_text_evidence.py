"""Do the licence texts of a repository agree with the licence a component declares?

A declaration says one thing, the text beside it may say another: ``license: apache-2.0`` over
a LICENSE holding the MIT text. The texts are identified by :func:`osaid.licensing.identify_file`
(the licenseclassifier matcher and the AI-licence phrase rules), and only a clear answer is a
conflict: the full text of one licence that the declared expression does not cover. A text
whose licence it does not settle (a GNU text without "only" or "or later", several texts, a
notice) is at most a warning, a mention or an unrecognised text is nothing, and a file that
cannot be read (binary, too large, a FIFO) is a warning naming it.

The texts compared with a component are its ``license_file`` (a card's ``license_link`` is
read as one) when that is a file in the repository, else the licence files (``LICENSE``,
``COPYING``... as ``repository-files.toml`` names them) nearest to where the component lives in
the repository: its location's folder, or the closest folder above it that has some.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from osaid.licensing import Identification, Method, TextKind
from osaid.readers._repository_files import is_licence_file

if TYPE_CHECKING:
    from osaid.readers._repository import Contradiction, Repository

MAX_LICENCE_FILES = 20
"""At most this many licence files of one folder are compared (a real one has one to three)."""


def text_problems(
    repo: Repository, path: Path, declared: str, how: str, others: set[str] | None = None
) -> list[Contradiction]:
    """What the licence text at ``path`` says against ``declared`` (``how`` it was found).

    ``others`` (for a licence file found near the component, not its own ``license_file``)
    are the licence ids the rest of the release declares: a text they cover is plausibly
    theirs (the code's LICENSE beside documentation under CC-BY-4.0), so it is a warning
    asking for the component's own licence file, not a conflict.
    """
    from osaid.readers._repository import Contradiction  # noqa: PLC0415 - a cycle

    wanted = repo.ids(declared) if repo.affordable(declared) else None
    if wanted is None:
        return []
    shown = repo.shown(path)
    found = repo.identified(path, shown)
    if found.kind is TextKind.UNREADABLE:
        return [
            Contradiction(
                f"{how} {shown} {found.reason}, so osaid could not compare it with the declared "
                f"licence '{declared}'",
                f"make {shown} a plain-text licence file, or remove it",
                "doubt",
            )
        ]
    expression = found.expression
    if found.kind is TextKind.LICENCE_TEXT and expression is not None:
        ids = repo.ids(expression) if repo.affordable(expression) else None
        if ids is None or ids <= wanted:
            return []
        where = f"{shown}:{_line(found)}"
        if others is not None and ids <= others:
            return [
                Contradiction(
                    f"{how} {where} is the full text of {expression}, which other components "
                    f"declare but the declared licence '{declared}' does not cover",
                    f"point `license_file` at the licence text of '{declared}' if {shown} does "
                    "not apply to this component",
                    "doubt",
                )
            ]
        return [
            Contradiction(
                f"{how} {where} is the full text of {expression}, which the declared licence "
                f"'{declared}' does not cover",
                f"make {shown} and the declaration agree: declare the licence the text is "
                f"({expression}, with AND if both apply), or replace {shown} with the text of "
                f"'{declared}'",
                "conflict",
            )
        ]
    return _unsettled(repo, found, wanted, declared, f"{how} {shown}")


def _unsettled(
    repo: Repository, found: Identification, wanted: set[str], declared: str, what: str
) -> list[Contradiction]:
    """A text osaid cannot read as one licence: a warning when it names licences not declared."""
    from osaid.readers._repository import Contradiction  # noqa: PLC0415 - a cycle

    if found.kind not in (TextKind.LICENCE_TEXT, TextKind.SEVERAL_TEXTS, TextKind.NOTICE):
        return []  # a mention or an unrecognised text states no licence
    outside = []
    for evidence in found.found:
        if evidence.method is Method.SPELLING or evidence.malformed:
            continue
        options = evidence.choices or (evidence.license,)
        fits = [repo.ids(o) if repo.affordable(o) else None for o in options]
        if not any(ids is not None and ids <= wanted for ids in fits):
            outside.append(evidence.license)
    if not outside:
        return []
    return [
        Contradiction(
            f"{what} looks like {found.describe()}, which the declared licence '{declared}' "
            f"may not cover ({', '.join(dict.fromkeys(outside))}); osaid cannot tell for sure "
            "from the text, so this does not fail",
            f"check that {what.rsplit(' ', 1)[-1]} and the declared licence agree",
            "doubt",
        )
    ]


def _line(found: Identification) -> int:
    return next((e.line for e in found.found if e.full_text), 1)


def licence_files(root: Path, directory: Path) -> tuple[list[Path], list[str]]:
    """The licence files of ``directory`` (regular files only) and the names not followed.

    A symbolic link to a file inside the repository is followed; one out of it is named, not
    read. Anything else (a FIFO, a device) is returned too: identifying it says why it is
    refused, without opening it.
    """
    files: list[Path] = []
    outside: list[str] = []
    try:
        with os.scandir(directory) as listing:
            names = sorted((entry.name, entry) for entry in listing if is_licence_file(entry.name))
    except OSError:
        return [], []
    for name, entry in names[:MAX_LICENCE_FILES]:
        try:
            if entry.is_dir():
                continue
            if entry.is_symlink():
                target = Path(entry.path).resolve()
                if target != root and root not in target.parents:
                    outside.append(name)
                    continue
        except (OSError, RuntimeError):
            outside.append(name)
            continue
        files.append(Path(entry.path))
    return files, outside
