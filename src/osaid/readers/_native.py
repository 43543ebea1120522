"""The native osaid manifest (``osaid.yaml``, YAML or JSON).

The manifest is the canonical model written by hand: one readable file that describes a whole
release. It is recognised by its ``manifest: osaid/1`` marker.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError

from osaid import _validation
from osaid._document import Document, join_key
from osaid._errors import InputError, Problem
from osaid.model import (
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

MARKER = "osaid/1"


class _Strict(BaseModel):
    """Unknown keys are errors; text and booleans are not coerced from other types."""

    model_config = ConfigDict(extra="forbid")


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


class ManifestBaseModel(_Strict):
    """The model this release was derived from."""

    name: StrictStr
    location: StrictStr | None = None
    components: list[ManifestComponent] = Field(default_factory=list)


class Manifest(_Strict):
    """An osaid manifest: everything needed to check one AI release against OSAID."""

    model_config = ConfigDict(
        extra="forbid",
        title="osaid manifest",
        json_schema_extra={"$id": "https://osaid.invalid/schema/manifest-1.json"},
    )

    manifest: Literal["osaid/1"] = Field(description="Format marker; always osaid/1.")
    name: StrictStr
    version: StrictStr | None = None
    producer: StrictStr | None = None
    scope: Scope = Field(Scope.SYSTEM, description="What you claim is Open Source.")
    distribution: Distribution = Field(
        Distribution.DISTRIBUTED, description="hosted when users only get remote access."
    )
    base_model: ManifestBaseModel | None = None
    components: list[ManifestComponent] = Field(default_factory=list)


def _vocabulary() -> set[str]:
    names: set[str] = set()
    for model in (Manifest, ManifestComponent, ManifestBaseModel):
        names.update(model.model_fields)
    return names


def manifest_schema() -> dict[str, Any]:
    """The JSON Schema of the manifest, as ``osaid schema`` prints it."""
    schema = Manifest.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def validate_manifest(data: Any, doc: Document, root: str) -> Manifest:
    """Validate plain ``data`` as a manifest, raising located problems."""
    if not isinstance(data, dict):
        raise InputError(doc.problem(root, "must be a mapping"))
    _check_keys(data, doc, root)
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        raise InputError(_validation.problems(exc, doc, root, _vocabulary())) from None


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


def to_release(manifest: Manifest, doc: Document, root: str, fmt: str) -> Release:
    """Convert a validated manifest to the canonical release, keeping every origin."""

    def origin(key: str) -> Origin:
        return Origin(file=doc.name, key=key, line=doc.line(key))

    fields = ("name", "version", "producer", "scope", "distribution", "base_model", "components")
    origins = {f: origin(join_key(root, f)) for f in fields if f in manifest.model_fields_set}
    base = None
    if manifest.base_model is not None:
        key = join_key(root, "base_model")
        base = ReleaseBase(
            name=manifest.base_model.name,
            location=manifest.base_model.location,
            components=_components(
                manifest.base_model.components, join_key(key, "components"), origin
            ),
            origin=origin(key),
        )
    return Release(
        name=manifest.name,
        version=manifest.version,
        producer=manifest.producer,
        scope=manifest.scope,
        distribution=manifest.distribution,
        base_model=base,
        components=_components(manifest.components, join_key(root, "components"), origin),
        source=Source(file=doc.name, format=fmt),
        origins=origins,
    )


def _components(items: list[ManifestComponent], key: str, origin: Any) -> tuple[Component, ...]:
    result = []
    for index, item in enumerate(items):
        here = join_key(key, index)
        _check_facets(item, origin(join_key(here, "not_used")))
        license_ = None
        if item.license is not None:
            license_ = LicenseDeclaration(
                expression=item.license,
                written=item.license,
                origin=origin(join_key(here, "license")),
            )
        result.append(
            Component(
                kind=item.kind,
                name=item.name or item.kind.value,
                license=license_,
                location=item.location,
                license_file=item.license_file,
                used=item.used,
                notes=item.notes,
                covers=frozenset(item.covers),
                not_used=frozenset(item.not_used),
                origin=origin(here),
            )
        )
    return tuple(result)


class NativeReader(Reader):
    """Reads ``osaid.yaml`` / ``osaid.json`` manifests."""

    name = "osaid-manifest"
    description = "osaid manifests (a mapping with 'manifest: osaid/1')"

    def sniff(self, doc: Document) -> bool:
        """A manifest says ``manifest: osaid/...`` at the top level."""
        data = doc.data
        return isinstance(data, dict) and str(data.get("manifest", "")).startswith("osaid/")

    def read(self, doc: Document) -> Release:
        """Validate and convert the manifest."""
        manifest = validate_manifest(doc.data, doc, "")
        return to_release(manifest, doc, "", self.name)


READER = NativeReader()
