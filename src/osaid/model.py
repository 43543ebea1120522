"""The canonical model of an AI release.

Every reader turns its format into these objects, and the engine only ever sees these. Each
value that came from an input keeps an :class:`Origin` so that a report can point back at the
file, key and line the user wrote.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "NOASSERTION",
    "NONE",
    "AdditionalTerm",
    "BaseRelation",
    "Component",
    "ComponentKind",
    "Conflict",
    "DataFacet",
    "Distribution",
    "EvidenceBasis",
    "Identity",
    "LicenseDeclaration",
    "Note",
    "Origin",
    "Release",
    "ReleaseBase",
    "Scope",
    "Source",
]


NOASSERTION = "NOASSERTION"
"""The licence expression of a licence that is not stated (SPDX's own spelling)."""

NONE = "NONE"
"""The licence expression of an explicit "no licence" (SPDX's own spelling)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Origin(_Frozen):
    """Where a value was written: file, key path and 1-based line (when the format has lines)."""

    file: str
    key: str
    line: int | None = None


class Note(_Frozen):
    """Something a reader noticed or had to assume; reports show it as a warning."""

    code: str
    message: str
    origin: Origin | None = None
    format_limit: bool = False
    """True when the note only says what this input format cannot prove; such notes are
    dropped when the release is merged with an osaid manifest that can say it."""


class ComponentKind(str, Enum):
    """What a component is.

    The first seventeen are the Model Openness Framework components (so MOF files map one to
    one); the rest name OSAID items that the MOF has no component for.
    """

    MODEL_ARCHITECTURE = "model-architecture"
    MODEL_PARAMETERS_FINAL = "model-parameters-final"
    MODEL_PARAMETERS_INTERMEDIATE = "model-parameters-intermediate"
    MODEL_METADATA = "model-metadata"
    TRAINING_CODE = "training-code"
    INFERENCE_CODE = "inference-code"
    EVALUATION_CODE = "evaluation-code"
    DATA_PREPROCESSING_CODE = "data-preprocessing-code"
    SUPPORTING_LIBRARIES = "supporting-libraries"
    DATASETS = "datasets"
    EVALUATION_DATA = "evaluation-data"
    MODEL_CARD = "model-card"
    DATA_CARD = "data-card"
    TECHNICAL_REPORT = "technical-report"
    RESEARCH_PAPER = "research-paper"
    EVALUATION_RESULTS = "evaluation-results"
    SAMPLE_OUTPUTS = "sample-outputs"
    DATA_DESCRIPTION = "data-description"
    PUBLIC_DATA_LISTING = "public-data-listing"
    THIRD_PARTY_DATA_LISTING = "third-party-data-listing"
    UNSHAREABLE_DATA_DESCRIPTION = "unshareable-data-description"
    TRAINING_CONFIGURATION = "training-configuration"
    VALIDATION_AND_TESTING_CODE = "validation-and-testing-code"
    TOKENIZER = "tokenizer"
    HYPERPARAMETER_SEARCH = "hyperparameter-search"
    OPTIMIZER_STATE = "optimizer-state"


class DataFacet(str, Enum):
    """The aspects OSAID 1.0 says the description of all training data must cover."""

    PROVENANCE = "provenance"
    SCOPE = "scope"
    CHARACTERISTICS = "characteristics"
    OBTAINING_AND_SELECTION = "obtaining-and-selection"
    LABELLING = "labelling"
    PROCESSING_AND_FILTERING = "processing-and-filtering"


class Scope(str, Enum):
    """What the publisher claims is Open Source: the whole system, the model, or the weights."""

    SYSTEM = "system"
    MODEL = "model"
    WEIGHTS = "weights"


class Distribution(str, Enum):
    """Whether recipients get copies (distributed) or only remote access (hosted)."""

    DISTRIBUTED = "distributed"
    HOSTED = "hosted"


class EvidenceBasis(str, Enum):
    """How much a source format can say.

    ``declared``: the format can state every OSAID item, so an absent item is missing.
    ``checklist``: the format only lists MOF components, so data-information items are judged
    the way OSI's 1.0 checklist does (from datasets, data card, report or paper).
    """

    DECLARED = "declared"
    CHECKLIST = "checklist"


class LicenseDeclaration(_Frozen):
    """A licence as declared for a component.

    ``expression`` is what osaid evaluates (an SPDX expression, or ``NONE`` for an explicit "no
    licence"); ``written`` is exactly what the user wrote, shown back in reports.
    """

    expression: str
    written: str
    origin: Origin | None = None
    inherited_from: str | None = None


class AdditionalTerm(_Frozen):
    """Terms a component (or the whole release) comes with beyond its licence label.

    An acceptable-use policy, gated click-through access, terms of service: what each kind
    means for the freedoms is licence data (``licenses/additional-terms.toml``), so ``kind`` is
    one of the kinds listed there.
    """

    kind: str
    location: str | None = None
    notes: str | None = None
    origin: Origin
    inferred_from: str | None = None
    """Set when a reader inferred the term (a card's ``extra_gated_prompt``, say)."""


class Conflict(_Frozen):
    """Another source that states a different value for a fact of this component.

    Set when sources are merged: the component keeps the value of the highest source, and each
    lower source that disagrees is kept here, so the check can fail (or, under the policy
    ``conflicts = "warn"``, warn) with both places quoted instead of trusting one of them.
    """

    fact: str
    """The fact the sources disagree on (``license``)."""
    message: str
    """Both places and both values, in words (``README.md:2 says 'llama3.1' but ...``)."""
    fix: str
    """Which declaration to change, in words."""
    origin: Origin | None = None
    """Where the lower source states its value."""


class Component(_Frozen):
    """One part of a release: code, parameters, data information or a document."""

    kind: ComponentKind
    name: str
    license: LicenseDeclaration | None = None
    location: str | None = None
    license_file: str | None = None
    """Where the licence text is (URL or repository-relative path)."""
    used: bool = True
    notes: str | None = None
    covers: frozenset[DataFacet] = frozenset()
    not_used: frozenset[DataFacet] = frozenset()
    additional_terms: tuple[AdditionalTerm, ...] = ()
    origin: Origin
    inferred_from: str | None = None
    """Set when a reader inferred this component instead of reading it as declared (the key
    it was inferred from, e.g. a model card's ``license``); explicit declarations win."""
    conflicts: tuple[Conflict, ...] = ()
    """Lower-precedence sources that state something else about this component (merging)."""
    basis: EvidenceBasis = EvidenceBasis.DECLARED
    """How much the source of this component can say (see :class:`EvidenceBasis`): a MOF
    file's components keep ``checklist`` when merged with an SBOM, so the OSI checklist
    mapping still reads them."""


class BaseRelation(str, Enum):
    """How a derived release came from another model.

    The names follow Hugging Face's ``base_model_relation`` where it has one (its ``finetune``
    and ``quantized`` are read as ``fine-tune`` and ``quantization``). A distillation teacher
    is not a base: its outputs were training data, so what it requires depends on the policy.
    """

    FINE_TUNE = "fine-tune"
    ADAPTER = "adapter"
    MERGE = "merge"
    QUANTIZATION = "quantization"
    CONTINUED_PRETRAINING = "continued-pretraining"
    DISTILLATION_TEACHER = "distillation-teacher"


class ReleaseBase(_Frozen):
    """A model a derived release was built from, and what is published about it."""

    name: str
    relation: BaseRelation = BaseRelation.FINE_TUNE
    location: str | None = None
    components: tuple[Component, ...] = ()
    origin: Origin
    conflicts: tuple[Conflict, ...] = ()
    """Lower-precedence sources that name other base models (merging)."""


class Source(_Frozen):
    """The input a release was read from."""

    file: str
    format: str
    basis: EvidenceBasis = EvidenceBasis.DECLARED
    repository: str | None = None
    """The repository directory whose files back the declarations (set when a directory is
    checked): local paths must exist inside it and declared licences must agree with it."""
    manifest_in: str | None = None
    """The format (a reader's name) of the file a publisher edits to add what a fix asks, when
    that format takes osaid manifest keys under a key of its own (a model card's ``osaid:``);
    None when fixes are written as an osaid manifest's own keys."""


class Identity(_Frozen):
    """The name and version of the model a document describes, where they were written."""

    name: str
    version: str | None = None
    origin: Origin
    version_origin: Origin | None = None


class Release(_Frozen):
    """An AI release as osaid understands it, whatever format it came from."""

    name: str | None = None
    version: str | None = None
    producer: str | None = None
    scope: Scope = Scope.SYSTEM
    distribution: Distribution = Distribution.DISTRIBUTED
    base_models: tuple[ReleaseBase, ...] = ()
    """Every model this release was derived from (several for a merge), teachers included."""
    additional_terms: tuple[AdditionalTerm, ...] = ()
    """Terms beyond the licences that cover the whole release (every component)."""
    components: tuple[Component, ...] = ()
    source: Source
    origins: dict[str, Origin] = Field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    """Reader observations (for example assumptions a format forced), shown as warnings."""
    model: Identity | None = None
    """The model the document describes, when its own subject is something else (an SBOM
    whose ``metadata.component`` is an application or a generator's job around the model):
    merged with other sources, the release is named after the model, not the wrapper."""

    @property
    def base_model(self) -> ReleaseBase | None:
        """The first model this release was derived from (see :attr:`base_models`)."""
        return self.base_models[0] if self.base_models else None

    def origin_of(self, field: str) -> Origin:
        """Return where ``field`` was written, or the top of the file when it was not."""
        found = self.origins.get(field)
        return found if found is not None else Origin(file=self.source.file, key=field, line=1)
