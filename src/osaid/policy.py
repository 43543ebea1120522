"""Policy: the choices osaid has to make where OSAID leaves room, in one documented place.

Each field records one reading of an ambiguity in the definition (see
``../shared/reference/osaid.md`` §6 for the numbered ambiguities). The defaults follow the 1.0
text and OSI's published positions; change them only knowingly, and reports say which policy
was used.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Policy"]


class Policy(BaseModel):
    """How osaid settles what OSAID does not decide mechanically.

    Defaults are written ``default=...``: type checkers without pydantic's plugin read field
    defaults only from that keyword (PEP 681), and saw ``Policy()`` as missing six arguments.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    open_terms: tuple[str, ...] | None = Field(
        default=None,
        description=(
            "SPDX ids accepted as 'OSI-approved terms' for data information and parameters in "
            "addition to OSI-approved licences. None uses licenses/open-terms.toml. OSI has "
            "published no list of approved terms (ambiguity A4), so this is osaid policy."
        ),
    )
    extra_open_terms: tuple[str, ...] = Field(
        default=(),
        description=(
            "SPDX ids accepted as 'OSI-approved terms' for data information and parameters in "
            "addition to those open_terms (or licenses/open-terms.toml) accepts: a team's own "
            "reading of ambiguity A4, on top of osaid's list rather than instead of it."
        ),
    )
    derivatives: Literal["recursive", "delta-only"] = Field(
        default="recursive",
        description=(
            "recursive: a derived model also needs its base model's data information and code "
            "(the 'used to derive the parameters' wording; ambiguity A9). delta-only: only what "
            "the derived release itself added is checked."
        ),
    )
    checklist_evidence: bool = Field(
        default=True,
        description=(
            "For formats that can only list MOF components (MOF/MOT files), judge data "
            "information the way OSI's 1.0 checklist does: met by datasets, a data card, a "
            "technical report or a research paper under acceptable terms, with a warning. "
            "False treats such inputs as missing the data-information items."
        ),
    )
    evaluation_code: Literal["optional", "required"] = Field(
        default="optional",
        description=(
            "optional: evaluation (benchmark) code is recommended, as OSI's 1.0 checklist lists it "
            "among the optional components. required: the stricter reading that counts it as "
            "part of the validation and testing code OSAID requires if used."
        ),
    )
    distillation: Literal["data-source", "base"] = Field(
        default="data-source",
        description=(
            "data-source: a distillation teacher's outputs are training data, so they must be "
            "described or listed like other data, and the teacher's own data information and "
            "code are not needed. base: judge a teacher like any base model (its data "
            "information, code and parameters' terms are needed)."
        ),
    )
    grading: Literal["default", "mot-compat"] = Field(
        default="default",
        description=(
            "Graded definitions (mof-1.0) only: how a component's licence is judged open. "
            "default: SPDX expressions over osaid's licence data, each departure from the Model "
            "Openness Tool documented (licenses/mot/deviations.toml). mot-compat: exactly as the "
            "Model Openness Tool judges it, its licence data and mistakes included."
        ),
    )
    conflicts: Literal["fail", "warn"] = Field(
        default="fail",
        description=(
            "fail: when two sources state different licences for one component (a card and an "
            "osaid manifest, say), or a declared licence disagrees with the licence text or "
            "SPDX-License-Identifier lines the repository holds, the component fails with both "
            "places quoted; what the report shows still follows precedence. warn: report such "
            "conflicts as warnings only (what earlier osaid releases did), for repositories that "
            "need time to reconcile them. A missing path always fails."
        ),
    )
