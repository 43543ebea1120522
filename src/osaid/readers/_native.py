"""The native osaid manifest (``osaid.yaml``, YAML or JSON).

The manifest is the canonical model written by hand: one readable file that describes a whole
release. It is recognised by its ``manifest: osaid/1`` marker.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from osaid import _validation
from osaid._compiled import trusted
from osaid._errors import InputError, Problem
from osaid._keys import join_key
from osaid.model import (
    AdditionalTerm,
    BaseRelation,
    Component,
    ComponentKind,
    DataFacet,
    Distribution,
    LicenseDeclaration,
    Origin,
    Release,
    ReleaseBase,
    Scope,
    Source,
)
from osaid.readers._base import Reader
from osaid.readers._document import Document

MARKER = "osaid/1"

MANIFEST_KEYS = {"base_models": "base_model"}
"""Release fields whose manifest key differs from the field name (a list written singular)."""


class _Strict(BaseModel):
    """Unknown keys are errors; text and booleans are not coerced from other types."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class ManifestTerm(_Strict):
    """A term the release or a component comes with beyond its licence (an AUP, a gate)."""

    kind: StrictStr = Field(
        description=(
            "What the term is: acceptable-use-policy, terms-of-service, output-restriction, "
            "gated-access (licenses/additional-terms.toml lists every kind)."
        ),
        examples=["acceptable-use-policy", "gated-access"],
    )
    location: StrictStr | None = Field(None, description="Where the terms are written.")
    notes: StrictStr | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        from osaid.licensing import shipped_terms  # noqa: PLC0415 - loaded when first used

        terms = shipped_terms()
        if terms.kind(value) is None:
            hint = _validation.suggest(value, terms.spellings())
            known = ", ".join(sorted(terms.kinds))
            raise PydanticCustomError(
                "osaid_term_kind",
                "'{given}' is not a kind of additional term{hint}",
                {"given": value, "hint": hint or f" (one of: {known})"},
            )
        return value


class ManifestComponent(_Strict):
    """One component of the release."""

    kind: ComponentKind = Field(description="What the component is.")
    name: StrictStr | None = Field(None, description="Your own label for it, shown in reports.")
    license: StrictStr | None = Field(
        None,
        description="SPDX licence expression; NONE when it has no licence.",
        examples=["Apache-2.0", "CC-BY-4.0 OR MIT", "NONE"],
    )
    location: StrictStr | None = Field(None, description="URL or repository-relative path.")
    license_file: StrictStr | None = Field(
        None, description="The licence text: URL or repository-relative path (e.g. LICENSE)."
    )
    used: StrictBool = Field(True, description="false when the release did not use this (if used).")
    notes: StrictStr | None = None
    covers: list[DataFacet] = Field(
        default_factory=list,
        description="For a data-description: the aspects of the training data it describes.",
    )
    not_used: list[DataFacet] = Field(
        default_factory=list,
        description="For a data-description: aspects that do not apply (e.g. no labelling).",
    )
    additional_terms: list[ManifestTerm] = Field(
        default_factory=list, description="Terms this component comes with beyond its licence."
    )


class ManifestBaseModel(_Strict):
    """A model this release was derived from."""

    name: StrictStr
    relation: BaseRelation = Field(
        BaseRelation.FINE_TUNE,
        description=(
            "How the release came from it. A distillation-teacher is a data source, not a base "
            "whose data information and code are needed."
        ),
    )
    location: StrictStr | None = None
    components: list[ManifestComponent] = Field(
        default_factory=list,
        description="What is published about this base: its data information, code, parameters.",
    )


class Manifest(_Strict):
    """An osaid manifest: everything needed to check one AI release against OSAID."""

    model_config = ConfigDict(
        extra="forbid",
        title="osaid manifest",
        defer_build=True,
    )

    manifest: Literal["osaid/1"] = Field(description="Format marker; always osaid/1.")
    name: StrictStr
    version: StrictStr | None = None
    producer: StrictStr | None = None
    scope: Scope = Field(Scope.SYSTEM, description="What you claim is Open Source.")
    distribution: Distribution = Field(
        Distribution.DISTRIBUTED, description="hosted when users only get remote access."
    )
    base_model: list[ManifestBaseModel] | None = Field(
        None,
        description=(
            "The model this release was derived from, or a list of them (a merge; a "
            "distillation teacher). A single mapping is read as a list of one."
        ),
    )
    additional_terms: list[ManifestTerm] = Field(
        default_factory=list,
        description="Terms the whole release comes with beyond its licences (an AUP, a gate).",
    )
    components: list[ManifestComponent] = Field(default_factory=list)


def _vocabulary() -> set[str]:
    names: set[str] = set()
    for model in (Manifest, ManifestComponent, ManifestBaseModel, ManifestTerm):
        names.update(model.model_fields)
    return names


def manifest_schema() -> dict[str, Any]:
    """The JSON Schema of the manifest model (``osaid._schemas`` adds ``$schema``, ``$id``)."""
    schema = Manifest.model_json_schema()
    # One base may be written as a mapping (read as a list of one), as before lists existed.
    base = schema["properties"]["base_model"]
    base["anyOf"].insert(0, {"$ref": "#/$defs/ManifestBaseModel"})
    return schema


def validate_manifest(data: Any, doc: Document, root: str) -> Manifest:
    """Validate plain ``data`` as a manifest, raising located problems."""
    if not isinstance(data, dict):
        raise InputError(doc.problem(root, "must be a mapping"))
    _check_keys(data, doc, root)
    single = isinstance(data.get("base_model"), dict)
    if single:  # one base written as a mapping: validated as a list of one
        data = {**data, "base_model": [data["base_model"]]}
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        found = _validation.problems(exc, doc, root, _vocabulary())
        raise InputError([_unlisted(p, doc, root) for p in found] if single else found) from None
    _check_bases(manifest, doc, root, single)
    return manifest


def _base_key(root: str, index: int, single: bool) -> str:
    """The key the user wrote for base ``index``: ``base_model`` or ``base_model[2]``."""
    key = join_key(root, "base_model")
    return key if single else join_key(key, index)


def _unlisted(problem: Problem, doc: Document, root: str) -> Problem:
    """Point a problem in a single-mapping ``base_model`` at the key as written."""
    listed = join_key(join_key(root, "base_model"), 0)
    if problem.key is None or not problem.key.startswith(listed):
        return problem
    key = join_key(root, "base_model") + problem.key[len(listed) :]
    return doc.problem(key, problem.message)


def _check_bases(manifest: Manifest, doc: Document, root: str, single: bool) -> None:
    """The same base twice would be judged twice (or hide that one was meant another way)."""
    seen: dict[str, int] = {}
    for index, base in enumerate(manifest.base_model or []):
        name = base.name.casefold()
        if name in seen:
            key = join_key(_base_key(root, index, single), "name")
            first = join_key(_base_key(root, seen[name], single), "name")
            raise InputError(
                doc.problem(
                    key, f"'{base.name}' is listed twice (first at {first}); list a base once"
                )
            )
        seen[name] = index


def _check_keys(data: Any, doc: Document, root: str) -> None:
    """Refuse non-text keys (``5: x``) with their location; pydantic's wording is opaque."""
    stack: list[tuple[Any, str]] = [(data, root)]
    seen: set[int] = set()
    while stack:
        value, path = stack.pop()
        if isinstance(value, (dict, list)):
            if id(value) in seen:
                continue  # an alias of something already checked
            seen.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise InputError(doc.problem(join_key(path, str(key)), "keys must be text"))
                stack.append((item, join_key(path, key)))
        elif isinstance(value, list):
            stack.extend((item, join_key(path, i)) for i, item in enumerate(value))


def _check_facets(item: ManifestComponent, where: Origin) -> None:
    both = sorted(f.value for f in set(item.covers) & set(item.not_used))
    if both:
        message = f"{', '.join(both)} cannot be both covered and not used"
        raise InputError(Problem(message, file=where.file, key=where.key, line=where.line))


_Release = trusted(Release)
_ReleaseBase = trusted(ReleaseBase)
_Source = trusted(Source)
_AdditionalTerm = trusted(AdditionalTerm)
_LicenseDeclaration = trusted(LicenseDeclaration)
_Component = trusted(Component)
"""The release is built from the validated manifest's own typed values: validating it again
only cost the time of building the model's validators (see :mod:`osaid._compiled`)."""


def to_release(manifest: Manifest, doc: Document, root: str, fmt: str) -> Release:
    """Convert a validated manifest to the canonical release, keeping every origin."""
    origin = doc.origin
    fields = {
        "name": "name",
        "version": "version",
        "producer": "producer",
        "scope": "scope",
        "distribution": "distribution",
        "base_models": "base_model",
        "additional_terms": "additional_terms",
        "components": "components",
    }
    origins = {
        field: origin(join_key(root, key))
        for field, key in fields.items()
        if key in manifest.model_fields_set
    }
    single = isinstance(doc_value(doc, root, "base_model"), dict)
    bases = tuple(
        _ReleaseBase(
            name=base.name,
            relation=base.relation,
            location=base.location,
            components=_components(
                base.components, join_key(_base_key(root, index, single), "components"), origin
            ),
            origin=origin(_base_key(root, index, single)),
        )
        for index, base in enumerate(manifest.base_model or [])
    )
    return _Release(
        name=manifest.name,
        version=manifest.version,
        producer=manifest.producer,
        scope=manifest.scope,
        distribution=manifest.distribution,
        base_models=bases,
        additional_terms=_terms(
            manifest.additional_terms, join_key(root, "additional_terms"), origin
        ),
        components=_components(manifest.components, join_key(root, "components"), origin),
        source=_Source(file=doc.name, format=fmt),
        origins=origins,
    )


def doc_value(doc: Document, root: str, key: str) -> Any:
    """The raw value of ``key`` in the mapping at ``root`` (the top, or a card's ``osaid:``)."""
    data = doc.data
    if root and isinstance(data, dict):
        data = data.get(root)
    return data.get(key) if isinstance(data, dict) else None


def _terms(items: list[ManifestTerm], key: str, origin: Any) -> tuple[AdditionalTerm, ...]:
    from osaid.licensing import shipped_terms  # noqa: PLC0415 - only manifests with terms

    terms = shipped_terms()
    found = []
    for index, item in enumerate(items):
        kind = terms.kind(item.kind)
        assert kind is not None  # noqa: S101 - the validator refused unknown kinds
        found.append(
            _AdditionalTerm(
                kind=kind.id,
                location=item.location,
                notes=item.notes,
                origin=origin(join_key(key, index)),
            )
        )
    return tuple(found)


def _components(items: list[ManifestComponent], key: str, origin: Any) -> tuple[Component, ...]:
    result = []
    for index, item in enumerate(items):
        here = join_key(key, index)
        _check_facets(item, origin(join_key(here, "not_used")))
        license_ = None
        if item.license is not None:
            license_ = _LicenseDeclaration(
                expression=item.license,
                written=item.license,
                origin=origin(join_key(here, "license")),
            )
        result.append(
            _Component(
                kind=item.kind,
                name=item.name or item.kind.value,
                license=license_,
                location=item.location,
                license_file=item.license_file,
                used=item.used,
                notes=item.notes,
                covers=frozenset(item.covers),
                not_used=frozenset(item.not_used),
                additional_terms=_terms(
                    item.additional_terms, join_key(here, "additional_terms"), origin
                ),
                origin=origin(here),
            )
        )
    return tuple(result)


class NativeReader(Reader):
    """Reads ``osaid.yaml`` / ``osaid.json`` manifests."""

    name = "osaid-manifest"
    description = "osaid manifests (a mapping with 'manifest: osaid/1')"
    title = "osaid manifest"
    precedence = 4
    suffixes = (".yaml", ".yml", ".json")
    names = ("osaid.yaml", "osaid.yml", "osaid.json")
    complete = True

    def sniff(self, doc: Document) -> bool:
        """A manifest says ``manifest: osaid/...`` at the top level."""
        data = doc.data
        return isinstance(data, dict) and str(data.get("manifest", "")).startswith("osaid/")

    def read(self, doc: Document) -> Release:
        """Validate and convert the manifest."""
        manifest = validate_manifest(doc.data, doc, "")
        return to_release(manifest, doc, "", self.name)


READER = NativeReader()
