"""Model Openness Framework (MOF) model files, as published by the Model Openness Tool (MOT).

Hundreds of releases are already described this way, so they are a first-class input. The
format lists MOF components only; it has no place for OSAID's data-information items, so the
release is marked ``EvidenceBasis.CHECKLIST`` and the definition's checklist mapping applies.

Licence inheritance follows MOT (formats.md §1.3.2): a component's own ``license``; else the
global licence for its content type (code, data or document); else ``distribution``.
``unlicensed`` means "included without a licence" and does not inherit.

MOT files from before April 2025 (MOT's serializer until commit a074588, 2025-04-18, and
``schema/mof_schema.json`` of that time) write a component's licence as ``license_name`` (with
``license_path`` for the licence file and ``location`` for the component) and have no global
licences. Their form values ``Component not included`` and ``License not specified`` say that
the component is absent, or present with no licence (MOT's own conversion of these files
wrote ``unlicensed`` for the latter). Both formats are read. Keys neither
format has are reported (one warning per key, with a did-you-mean), never silently dropped.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from osaid._errors import InputError
from osaid._keys import join_key, key_parent
from osaid._validation import suggest
from osaid.model import (
    NONE,
    Component,
    ComponentKind,
    EvidenceBasis,
    LicenseDeclaration,
    Note,
    Origin,
    Release,
    Scope,
    Source,
)
from osaid.readers._base import Reader
from osaid.readers._document import Document

FRAMEWORK_NAME = "Model Openness Framework"
NO_LICENCE = {"unlicensed", ""}
NOT_INCLUDED = "component not included"
NOT_SPECIFIED = "license not specified"
"""The pre-2025 form values for an absent component and for one with no licence given."""

KNOWN_KEYS = {
    "": ("framework", "release"),
    "framework": ("name", "version", "date"),
    "release": (
        *("name", "version", "date", "license", "type", "architecture", "treatment"),
        *("origin", "producer", "contact", "components", "repository", "huggingface", "github"),
    ),
    "component": (
        *("name", "description", "license", "license_path", "component_path"),
        *("license_name", "location"),
    ),
    "license": ("distribution", "code", "document", "data"),
    "global": ("name", "path"),
}
"""The keys of MOT's schema (schema/mof_schema.json, both formats) and the repository links
MOT's serializer writes beside them (``repository``, ``huggingface``, and ``github`` before
April 2025); ``global`` is one entry of ``release.license``."""


class _MofComponent(NamedTuple):
    kind: ComponentKind
    content_type: str


@cache
def _components() -> dict[str, _MofComponent]:
    """The 17 MOF component names as MOT spells them, from the mof-1.0 graded definition.

    The catalogue is data (definitions/mof-1.0.toml), shared with the MOF grader; it is
    loaded on the first MOF file, so runs that read no MOF file never pay for it.
    """
    from osaid.definition import DEFAULT_GRADED, load_graded_definition  # noqa: PLC0415 - lazy

    definition = load_graded_definition(DEFAULT_GRADED)
    return {
        component.name: _MofComponent(component.kind, component.content_type)
        for _, component in definition.components()
    }


def component_names() -> list[str]:
    """The MOF component names, as written in MOF files."""
    return list(_components())


class MofReader(Reader):
    """Reads MOF/MOT model description files (YAML or JSON)."""

    name = "mof"
    description = "MOF model files (framework.name 'Model Openness Framework')"
    title = "MOF model file"
    precedence = 2
    suffixes = (".yaml", ".yml", ".json")
    prefill = True

    def sniff(self, doc: Document) -> bool:
        """MOF files name the framework, or at least have ``release.components``."""
        data = doc.data
        if not isinstance(data, dict):
            return False
        framework = data.get("framework")
        if isinstance(framework, dict) and framework.get("name") == FRAMEWORK_NAME:
            return True
        release = data.get("release")
        return isinstance(release, dict) and "components" in release

    def read(self, doc: Document) -> Release:
        """Map the MOF release onto the canonical model."""
        release = _mapping(doc, doc.data.get("release"), "release")
        name = _text(doc, release, "release", "name", required=True)
        globals_ = _globals(doc, release)
        items = release.get("components")
        if items is None:
            items = []
        if not isinstance(items, list):
            raise InputError(doc.problem("release.components", "must be a list"))
        unknown = _Unknown(doc)
        unknown.check(doc.data, "", "")
        unknown.check(doc.data.get("framework"), "framework", "framework")
        unknown.check(release, "release", "release")
        unknown.check(release.get("license"), "release.license", "license")
        for kind, entry in (release.get("license") or {}).items():
            unknown.check(entry, join_key("release.license", str(kind)), "global")
        found = [
            _component(doc, item, join_key("release.components", i), globals_)
            for i, item in enumerate(items)
        ]
        for i, item in enumerate(items):
            unknown.check(item, join_key("release.components", i), "component")
        components = tuple(c for c in found if c is not None)
        absent = [n for n, c in zip(items, found, strict=True) if c is None]
        values = {
            "name": name,
            "version": _text(doc, release, "release", "version"),
            "producer": _text(doc, release, "release", "producer"),
        }
        # Each value keeps its origin (merging must not drop it); a MOF file describes a
        # model, so its scope is the model, stated by the `release` it describes.
        origins = {
            field: _origin(doc, join_key("release", field))
            for field, value in values.items()
            if value is not None
        }
        origins["scope"] = _origin(doc, "release")
        if "components" in release:
            origins["components"] = _origin(doc, "release.components")
        return Release(
            **values,
            scope=Scope.MODEL,
            components=components,
            source=Source(file=doc.name, format=self.name, basis=EvidenceBasis.CHECKLIST),
            origins=origins,
            notes=(*_notes(doc, release, name), *_absent_note(doc, absent), *unknown.notes()),
        )


def _origin(doc: Document, key: str) -> Origin:
    return doc.origin(key)


def _mapping(doc: Document, value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(doc.problem(key, "must be a mapping"))
    return value


def _text(
    doc: Document, parent: dict[str, Any], where: str, key: str, *, required: bool = False
) -> str | None:
    """MOF values are kept as written (blanks included), unlike the SBOM readers' values."""
    if required:
        return doc.required_text(parent, where, key, strip=False)
    return doc.text_of(parent, where, key, strip=False)


class _Global(NamedTuple):
    key: str
    name: str


def _globals(doc: Document, release: dict[str, Any]) -> dict[str, _Global]:
    raw = release.get("license")
    if raw is None:
        return {}
    table = _mapping(doc, raw, "release.license")
    found: dict[str, _Global] = {}
    for kind, entry in table.items():
        key = join_key("release.license", str(kind))
        if entry is None:
            continue
        entry_map = _mapping(doc, entry, key)
        name = _text(doc, entry_map, key, "name")
        if name is not None and name.strip():
            found[str(kind)] = _Global(join_key(key, "name"), name.strip())
    return found


def _component(
    doc: Document, item: Any, key: str, globals_: dict[str, _Global]
) -> Component | None:
    """The component at ``key``; None when a pre-2025 file says it is not included."""
    entry = _mapping(doc, item, key)
    name = _text(doc, entry, key, "name", required=True) or ""
    spec = _components().get(name)
    if spec is None:
        hint = suggest(name, _components())
        raise InputError(
            doc.problem(join_key(key, "name"), f"'{name}' is not a MOF component{hint}")
        )
    old = "license" not in entry and "license_name" in entry
    if old and (_text(doc, entry, key, "license_name") or "").strip().lower() == NOT_INCLUDED:
        return None
    location = _text(doc, entry, key, "component_path")
    if location is None and old:
        location = _text(doc, entry, key, "location")
    return Component(
        kind=spec.kind,
        name=name,
        license=_license(doc, entry, key, spec.content_type, globals_),
        location=location or None,
        license_file=_text(doc, entry, key, "license_path") or None,
        origin=_origin(doc, key),
        basis=EvidenceBasis.CHECKLIST,
    )


def _license(
    doc: Document,
    entry: dict[str, Any],
    key: str,
    content_type: str,
    globals_: dict[str, _Global],
) -> LicenseDeclaration | None:
    field = "license" if "license" in entry else "license_name"  # before April 2025
    if entry.get(field) is not None:
        written = _text(doc, entry, key, field) or ""
        origin = _origin(doc, join_key(key, field))
        old_none = field == "license_name" and written.strip().lower() == NOT_SPECIFIED
        if old_none or written.strip().lower() in NO_LICENCE:
            return LicenseDeclaration(expression=NONE, written=written, origin=origin)
        return LicenseDeclaration(expression=written.strip(), written=written, origin=origin)
    inherited = globals_.get(content_type) or globals_.get("distribution")
    if inherited is None:
        return None
    none = inherited.name.lower() in NO_LICENCE
    return LicenseDeclaration(
        expression=NONE if none else inherited.name,
        written=inherited.name,
        origin=_origin(doc, inherited.key),
        inherited_from=key_parent(inherited.key),
    )


class _Unknown:
    """Keys neither MOF format has, gathered so that each is reported once, with a count."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.found: dict[tuple[str, str], list[str]] = {}

    def check(self, data: Any, key: str, where: str) -> None:
        if not isinstance(data, dict):
            return
        known = KNOWN_KEYS[where]
        for field in map(str, data):
            if field not in known:
                self.found.setdefault((where, field), []).append(join_key(key, field))

    def notes(self) -> list[Note]:
        found = []
        for (where, field), keys in self.found.items():
            places = ", ".join(keys[:3]) + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")
            hint = suggest(field, KNOWN_KEYS[where])
            message = (
                f"'{field}' is not a MOF key, so osaid ignored it ({len(keys)} "
                f"{'place' if len(keys) == 1 else 'places'}: {places}){hint}"
            )
            origin = self.doc.origin(keys[0])
            found.append(Note(code="mof-unknown-key", message=message, origin=origin))
        return found


def _absent_note(doc: Document, absent: list[Any]) -> tuple[Note, ...]:
    if not absent:
        return ()
    names = ", ".join(str(item.get("name")) for item in absent)
    message = (
        f"{len(absent)} listed component(s) say 'Component not included' (the form value MOF "
        f"files written before April 2025 use for an absent component), so osaid took them as "
        f"not released: {names}."
    )
    origin = doc.origin("release.components")
    return (Note(code="mof-not-included", message=message, origin=origin),)


def _notes(doc: Document, release: dict[str, Any], name: str | None) -> tuple[Note, ...]:
    origin_text = release.get("origin")
    if not isinstance(origin_text, str) or not origin_text.strip():
        return ()
    if name is not None and origin_text.strip().lower() == name.lower():
        return ()
    message = (
        f"release.origin says '{origin_text.strip()}'; MOF files use this field loosely (base "
        "model or architecture lineage), so osaid does not treat the release as derived. If it "
        "was fine-tuned from another model, describe that base model in an osaid manifest."
    )
    return (
        Note(
            code="mof-origin-not-derivation", message=message, origin=_origin(doc, "release.origin")
        ),
    )


READER = MofReader()
