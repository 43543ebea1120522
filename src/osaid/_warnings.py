"""Every warning code osaid can raise, with its level: one table, read by the whole pipeline.

A warning is ``info`` when it only says how osaid read the input or which documented policy it
applied (it is present on every release of its kind, conformant or not, so it can never be
acted on), and ``warning`` when a person should look at something in the input. ``--strict``
fails only on ``warning``; ``--ignore CODE`` (and the configuration's ``ignore``) silences a
code of either level. Codes are stable: a code is never renamed or reused for something else,
only added (``osaid explain --warnings`` lists them, and the README's table is checked
against this one by the suite).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from osaid._errors import Problem, UsageError
from osaid._validation import suggest

__all__ = ["CODES", "Level", "WarningCode", "check_codes", "level_of"]

Level = Literal["info", "warning"]


@dataclass(frozen=True)
class WarningCode:
    """One warning code: its level, what raises it, and what to do about it."""

    code: str
    level: Level
    summary: str


def _table(*rows: tuple[str, Level, str]) -> dict[str, WarningCode]:
    return {code: WarningCode(code, level, summary) for code, level, summary in rows}


CODES = _table(
    # how osaid read the input, or a documented policy it applied: never fails --strict
    ("directory-sources", "info", "which descriptions a directory check merged, and in what order"),
    (
        "open-terms-policy",
        "info",
        "a licence was accepted as open terms by osaid's policy (OSI has published no list)",
    ),
    ("card-inferred", "info", "a value was inferred from a model card's prose or metadata"),
    (
        "checklist-evidence",
        "info",
        "data information was judged from listed documents, as OSI's 1.0 checklist does",
    ),
    ("sbom-scope", "info", "an SBOM cannot say what the release claims (system, model or weights)"),
    (
        "deviation-from-mot",
        "info",
        "a graded result differs from the Model Openness Tool's by a documented deviation",
    ),
    # something in the input a person should look at
    (
        "license-normalized",
        "warning",
        "a licence was written in a form osaid had to normalise (a deprecated or misspelt id)",
    ),
    (
        "license-conflict",
        "warning",
        "two descriptions of a directory give different licences for one component",
    ),
    (
        "base-model-conflict",
        "warning",
        "two descriptions of a directory name different base models",
    ),
    (
        "unneeded-licence-fails",
        "warning",
        "a declared licence no requirement needed is malformed or not open",
    ),
    (
        "undeclared-terms",
        "warning",
        "notes mention a use policy that is not declared as additional terms",
    ),
    ("gated-access", "warning", "access is gated: read what the gate makes users accept"),
    (
        "checklist-documents-only",
        "warning",
        "data information is met only by documents, not by a data card",
    ),
    (
        "card-limits",
        "info",
        "a model card alone cannot show the code and data information OSAID asks for",
    ),
    (
        "directory-limit",
        "warning",
        "files of a directory were not read (past the per-directory bound)",
    ),
    (
        "directory-symlinks",
        "warning",
        "files of a directory were not read because they are symbolic links",
    ),
    (
        "directory-too-large",
        "warning",
        "files of a directory were not read because they are too large",
    ),
    (
        "directory-unreadable",
        "warning",
        "files of a directory could not be read as text (a FIFO, a device, binary, not UTF-8)",
    ),
    (
        "repository-limit",
        "warning",
        "the walk of the repository was cut short, so some paths were not checked",
    ),
    (
        "mof-origin-not-derivation",
        "warning",
        "a MOF origin could not be read as a base model relation",
    ),
    (
        "cyclonedx-not-mapped",
        "warning",
        "a CycloneDX component has no osaid kind and was not checked",
    ),
    (
        "cyclonedx-assumed-licence",
        "warning",
        "a model architecture's code licence was assumed to be the model's",
    ),
    (
        "cyclonedx-external-ref",
        "warning",
        "a CycloneDX reference points into another BOM, which osaid does not follow",
    ),
    (
        "cyclonedx-multiple-licences",
        "warning",
        "a CycloneDX component lists several licences; osaid required all of them",
    ),
    (
        "cyclonedx-concluded-licence",
        "warning",
        "a CycloneDX component gives concluded and declared licences; osaid checked the concluded",
    ),
    (
        "cyclonedx-data-information",
        "info",
        "data information was inferred from CycloneDX dataset fields",
    ),
    (
        "spdx-extracted-licence",
        "warning",
        "an SPDX document uses a LicenseRef- licence osaid cannot judge by id",
    ),
    (
        "spdx3-custom-licence",
        "warning",
        "an SPDX 3 document uses a custom licence osaid cannot judge by id",
    ),
    (
        "spdx3-licence-shorthand",
        "warning",
        "an SPDX 3 licence was written in a shorthand osaid had to interpret",
    ),
    ("spdx3-trained-on", "info", "an SPDX 3 trainedOn relationship named the training datasets"),
    (
        "spdx3-data-description-inferred",
        "info",
        "SPDX 3 data information was inferred from a dataset element",
    ),
    (
        "spdx3-limits",
        "info",
        "an SPDX 3 AI BOM cannot show the code, settings and data coverage OSAID asks for",
    ),
    ("component-not-used", "warning", "graded: a component declared as not used counts as missing"),
    ("not-graded", "warning", "graded: components the graded definition has no place for"),
    ("duplicate-component", "warning", "graded: a component kind is declared more than once"),
    (
        "not-type-appropriate",
        "warning",
        "graded: a licence is open but not one made for this kind of content",
    ),
    ("licence-reading", "warning", "graded: how a component's licence text was read"),
    # raised when a repository's evidence does not tell one story
    (
        "licence-text",
        "warning",
        "a licence text near a component cannot settle its licence, or cannot be read",
    ),
    (
        "card-body-licence",
        "warning",
        "a model card names a licence in its body but declares none in its front matter",
    ),
    (
        "repository-inventory",
        "warning",
        "a file that looks like part of the release (weights, tokenizer, config, code) has no "
        "component pointing at it",
    ),
    # raised by readers of real documents as their writers wrote them
    (
        "spdx3-licence-missing",
        "warning",
        "an SPDX 3 AI or dataset package lacks its concluded or declared licence relationship",
    ),
    ("mof-unknown-key", "warning", "a MOF file has a key MOT's schema does not define"),
    ("mof-not-included", "info", "a MOF file marks a component 'Component not included'"),
    (
        "card-merge-without-base",
        "warning",
        "a model card says it is a merge but names no base_model",
    ),
    # raised by waivers and baselines (osaid.waivers)
    ("unused-waiver", "warning", "a waiver in the configuration matches no failing requirement"),
)
"""Every code, in the order ``osaid explain --warnings`` lists them."""


def level_of(code: str) -> Level:
    """The level of ``code``; an unlisted code is a ``warning`` (the suite keeps none unlisted)."""
    found = CODES.get(code)
    return found.level if found is not None else "warning"


def check_codes(codes: list[str], key: str = "ignore", file: str | None = None) -> list[str]:
    """``codes`` if every one is a known warning code, else UsageError with a did-you-mean."""
    problems = [
        Problem(
            f"'{code}' is not a warning code{suggest(code, CODES) or ''} "
            "(osaid explain --warnings lists them)",
            file=file,
            key=key,
        )
        for code in codes
        if code not in CODES
    ]
    if problems:
        raise UsageError(problems)
    return codes
