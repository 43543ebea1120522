"""CycloneDX 1.2 to 1.7 BOMs, ML-BOMs in particular (JSON, or the same structure as YAML).

CycloneDX has JSON since 1.2. Versions 1.2 to 1.4 are software SBOMs: their components are
read as code, as SPDX 2 software SBOMs are. ``machine-learning-model`` and ``data`` components
and ``modelCard`` arrived in 1.5 (https://cyclonedx.org/docs/1.5/json/), so a BOM that claims
an older version and uses them contradicts itself and is refused. 1.6 and 1.7 keep the 1.5
component model (1.7 adds fields osaid does not evaluate).

An ML-BOM lists a release's parts as typed components: ``machine-learning-model`` (the weights,
with an optional ``modelCard``), ``data`` (datasets with descriptive fields) and ordinary
software. osaid reads the parsed JSON itself: cyclonedx-python-lib drops ``modelCard`` and
``data`` when it loads a BOM, and those are what matter here.

A BOM is an inventory, not a statement of OSAID items. It has no place for training code or
for how data was obtained, labelled, processed and filtered, so those stay missing and a note
says how to add them. What osaid derives beyond the literal BOM (architecture code from a
repository link, data information from dataset fields) is marked ``inferred_from`` and
explained in a note, because the publisher never said it.

Data information inferred from the BOM is text the BOM itself carries, so it is taken to be
under the BOM's own licence (``metadata.licenses``), not the dataset's: OSAID asks for open
terms on the description of the data, not on the data.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from osaid._errors import InputError, Problem
from osaid._keys import join_key
from osaid._validation import suggest
from osaid.licensing import grouped
from osaid.model import (
    BaseRelation,
    Component,
    ComponentKind,
    DataFacet,
    Identity,
    LicenseDeclaration,
    Note,
    Origin,
    Release,
    ReleaseBase,
    Scope,
    Source,
)
from osaid.readers._base import Reader
from osaid.readers._document import Document, misspelt

SPEC_VERSIONS = ("1.2", "1.3", "1.4", "1.5", "1.6", "1.7")
"""The CycloneDX versions with a JSON format, which osaid reads."""

MIXED_LICENCES = ("1.7",)
"""The versions whose ``licenses`` may mix expressions with licence entries (before 1.7 an
expression had to be the only entry)."""

ML_VERSIONS = ("1.5", "1.6", "1.7")
"""The versions with ML-BOM support (``machine-learning-model`` and ``data`` arrived in 1.5)."""

MODEL = "machine-learning-model"
DATA = "data"
SUPPORTING = frozenset(
    {
        "library",
        "framework",
        "application",
        "file",
        "platform",
        "container",
        "operating-system",
        "device-driver",
        "firmware",
    }
)
NOT_MAPPED = {
    "device": "hardware",
    "cryptographic-asset": "a cryptographic asset (algorithm, key or certificate)",
}
"""Valid CycloneDX types that are not an OSAID item; they are listed in a note, not checked."""

TYPES = frozenset({MODEL, DATA, *SUPPORTING, *NOT_MAPPED})
DATA_TYPES = ("source-code", "configuration", "dataset", "definition", "other")
ACKNOWLEDGEMENTS = ("declared", "concluded")
CODE_REFERENCES = ("vcs", "source-distribution")
DOWNLOAD_REFERENCES = ("distribution", "distribution-intake", "website", "vcs")


class CycloneDxReader(Reader):
    """Reads CycloneDX 1.2 to 1.7 BOMs, ML-BOMs in particular."""

    name = "cyclonedx"
    description = "CycloneDX 1.2-1.7 JSON BOMs (a mapping with 'bomFormat: CycloneDX')"
    title = "CycloneDX BOM"
    precedence = 3
    suffixes = (".json",)

    def sniff(self, doc: Document) -> bool:
        """Every CycloneDX JSON BOM says ``bomFormat: CycloneDX`` at the top level."""
        return isinstance(doc.data, dict) and doc.data.get("bomFormat") == "CycloneDX"

    def read(self, doc: Document) -> Release:
        """Check the spec version, then map the BOM onto the canonical model."""
        if not isinstance(doc.data, dict):
            raise InputError(doc.problem("", "a CycloneDX BOM must be a mapping"))
        _check_version(doc)
        return _Bom(doc).release()


def _check_version(doc: Document) -> None:
    """Refuse versions osaid has not mapped rather than guess at their fields."""
    supported = f"{SPEC_VERSIONS[0]} to {SPEC_VERSIONS[-1]}"
    value = doc.data.get("specVersion")
    if value is None:
        message = f"'specVersion' is required; osaid reads CycloneDX {supported}"
        raise InputError(Problem(message, file=doc.name, line=doc.line("bomFormat")))
    if str(value) not in SPEC_VERSIONS:
        message = (
            f"CycloneDX {value} is not supported; osaid reads CycloneDX {supported} "
            "(the versions with a JSON format)"
        )
        raise InputError(doc.problem("specVersion", message))


class _Entry(NamedTuple):
    """One entry of a ``licenses`` list, reduced to what osaid evaluates."""

    expression: str
    written: str
    key: str
    acknowledgement: str | None


class _Item(NamedTuple):
    """A component mapping with its key path, type and display label."""

    key: str
    data: dict[str, Any]
    type: str
    name: str
    version: str | None

    @property
    def label(self) -> str:
        """``name version``, as reports name the component."""
        return f"{self.name} {self.version}" if self.version else self.name


class _Bom:
    """One BOM being read; collects notes while components are mapped."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data
        self.notes: list[Note] = []
        self.refs: dict[str, _Item] = {}
        self.described: dict[str, str] = {}
        self.licences: dict[str, LicenseDeclaration | None] = {}
        self.bom_licence: LicenseDeclaration | None = None
        self.version = str(self.data.get("specVersion"))

    # -- the release ----------------------------------------------------------------------

    def release(self) -> Release:
        metadata = self.doc.optional_mapping(self.data, "", "metadata")
        self.bom_licence = self.licence(metadata, "metadata")
        subject = self.subject(metadata)
        items = self.walk(self.data, "")
        if subject is not None:
            items = self.with_subject(subject, items)
        for item in items:
            self.index(item)
        model = self.primary_model(subject, items)
        identity = subject or model
        components = [c for item in items for c in self.components(item, base=False)]
        bases = self.base_models(model) if model is not None else ()
        producer, producer_key = self.producer(identity, metadata)
        origins = self.origins(identity, bases, model)
        if producer_key is not None:
            origins["producer"] = self.doc.origin(producer_key)
        release = Release(
            name=identity.name if identity else None,
            version=identity.version if identity else None,
            producer=producer,
            scope=Scope.MODEL if identity and identity.type == MODEL else Scope.SYSTEM,
            base_models=bases,
            components=tuple(components),
            source=Source(file=self.doc.name, format=CycloneDxReader.name),
            origins=origins,
            notes=(),
            model=self.model_identity(identity, model),
        )
        notes = tuple(dict.fromkeys([*self.notes, *self.closing_notes()]))
        return release.model_copy(update={"notes": notes})

    def model_identity(self, identity: _Item | None, model: _Item | None) -> Identity | None:
        """The model component, when the BOM's subject is something else (merging uses it)."""
        if model is None or identity is None or identity.type == MODEL:
            return None
        version = model.version
        return Identity(
            name=model.name,
            version=version,
            origin=self.doc.origin(join_key(model.key, "name")),
            version_origin=self.doc.origin(join_key(model.key, "version")) if version else None,
        )

    def subject(self, metadata: dict[str, Any]) -> _Item | None:
        """``metadata.component`` is what the BOM describes (the release itself)."""
        if metadata.get("component") is None:
            return None
        key = "metadata.component"
        return self.item(self.doc.mapping(metadata["component"], key), key)

    def with_subject(self, subject: _Item, items: list[_Item]) -> list[_Item]:
        """Map the subject as a component too when it is a model or data listed nowhere else.

        Nested components of the subject are part of the release whatever its type; an
        application subject is the system itself, not a supporting library, so it is not mapped.
        A subject is listed when a component has its ``bom-ref`` or, when it has none (as
        lib4sbom and manifest-cli write it), the same name, group, version and type.
        """
        nested = self.walk(subject.data, subject.key)
        own = subject.type in (MODEL, DATA) and _listed(subject, items) is None
        return [*([subject] if own else []), *nested, *items]

    def primary_model(self, subject: _Item | None, items: list[_Item]) -> _Item | None:
        """The model the BOM is about: the subject (or its listed copy), else the first model."""
        if subject is not None and subject.type == MODEL:
            return _listed(subject, items) or subject
        return next((i for i in items if i.type == MODEL), None)

    def producer(
        self, identity: _Item | None, metadata: dict[str, Any]
    ) -> tuple[str | None, str | None]:
        """Who produced the release, and the key path it was read from (None when unknown).

        Read lazily in order of preference, as a later key is only looked at when the earlier
        ones say nothing.
        """
        if identity is not None:
            key, data = identity.key, identity.data
            for field in ("supplier", "manufacturer"):
                found = self.organisation(data, key, field)
                if found:
                    return found, join_key(key, field)
            found = self.doc.text_of(data, key, "author")
            if found:
                return found, join_key(key, "author")
            found = self.authors(data, key)
            if found:
                return found, join_key(key, "authors")
        found = self.organisation(metadata, "metadata", "supplier")
        return (found, "metadata.supplier") if found else (None, None)

    def organisation(self, parent: dict[str, Any], key: str, field: str) -> str | None:
        entity = self.doc.optional_mapping(parent, key, field)
        return self.doc.text_of(entity, join_key(key, field), "name")

    def authors(self, data: dict[str, Any], key: str) -> str | None:
        names = []
        for index, entry in enumerate(self.doc.optional_list(data, key, "authors")):
            where = join_key(join_key(key, "authors"), index)
            name = self.doc.text_of(self.doc.mapping(entry, where), where, "name")
            if name is not None:
                names.append(name)
        return ", ".join(names) or None

    def origins(
        self, identity: _Item | None, bases: tuple[ReleaseBase, ...], model: _Item | None
    ) -> dict[str, Origin]:
        found: dict[str, Origin] = {}
        if identity is not None:
            found["name"] = self.doc.origin(join_key(identity.key, "name"))
            if identity.version is not None:
                found["version"] = self.doc.origin(join_key(identity.key, "version"))
            found["scope"] = self.doc.origin(join_key(identity.key, "type"))
        if "components" in self.data:
            found["components"] = self.doc.origin("components")
        if bases and model is not None:
            ancestors = join_key(join_key(model.key, "pedigree"), "ancestors")
            found["base_models"] = self.doc.origin(ancestors)
        return found

    # -- walking components ---------------------------------------------------------------

    def item(self, data: dict[str, Any], key: str) -> _Item:
        """Validate the fields every component needs and name it for reports."""
        kind = self.doc.required_text(data, key, "type")
        if kind not in TYPES:
            hint = suggest(kind, TYPES) or f"; expected one of: {', '.join(sorted(TYPES))}"
            message = f"'{kind}' is not a CycloneDX component type{hint}"
            raise self.doc.fail(join_key(key, "type"), message)
        if kind in (MODEL, DATA) and self.version not in ML_VERSIONS:
            message = (
                f"'{kind}' is a CycloneDX 1.5 component type, but this BOM says specVersion "
                f"{self.version}; write specVersion 1.5 or later"
            )
            raise self.doc.fail(join_key(key, "type"), message)
        name = self.doc.required_text(data, key, "name")
        group = self.doc.text_of(data, key, "group")
        if group is not None:  # npm scopes, Maven groups, Hub organisations: part of the name
            name = f"{group}/{name}"
        return _Item(key, data, kind, name, self.doc.text_of(data, key, "version"))

    def walk(self, parent: dict[str, Any], key: str) -> list[_Item]:
        """Every component under ``parent.components``, nested ones included, in file order."""
        found: list[_Item] = []
        value = parent.get("components")
        here = join_key(key, "components")
        if value is None:
            return found
        if not isinstance(value, list):
            raise self.doc.fail(here, "must be a list of components")
        for index, entry in enumerate(value):
            where = join_key(here, index)
            item = self.item(self.doc.mapping(entry, where), where)
            found.append(item)
            found.extend(self.walk(item.data, where))
        return found

    def index(self, item: _Item) -> None:
        """Remember bom-refs so that model cards can point at their training data."""
        ref = _bom_ref(item)
        if ref is not None:
            self.refs.setdefault(ref, item)
        entries = item.data.get("data")
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("bom-ref"), str):
                self.refs.setdefault(entry["bom-ref"], item)

    def components(self, item: _Item, *, base: bool) -> list[Component]:
        if item.type == MODEL:
            return self.model(item, base=base)
        if item.type == DATA:
            return self.dataset(item)
        if item.type in SUPPORTING:
            return [self.plain(item, ComponentKind.SUPPORTING_LIBRARIES)]
        self.notes.append(
            Note(
                code="cyclonedx-not-mapped",
                message=(
                    f"{item.label} is {NOT_MAPPED[item.type]} ('{item.type}'), which is not an "
                    "OSAID item, so osaid did not check it."
                ),
                origin=self.doc.origin(join_key(item.key, "type")),
            )
        )
        return []

    def plain(self, item: _Item, kind: ComponentKind) -> Component:
        return Component(
            kind=kind,
            name=item.label,
            license=self.licence(item.data, item.key),
            location=self.reference_url(item, DOWNLOAD_REFERENCES),
            origin=self.doc.origin(item.key),
        )

    def reference(self, item: _Item, types: tuple[str, ...]) -> tuple[str, str] | None:
        """The first external reference of one of ``types`` (in that order): (url, key)."""
        here = join_key(item.key, "externalReferences")
        entries = self.doc.optional_list(item.data, item.key, "externalReferences")
        checked = [
            (self.doc.mapping(entry, join_key(here, i)), join_key(here, i))
            for i, entry in enumerate(entries)
        ]
        for wanted in types:
            for entry, key in checked:
                url = self.doc.text_of(entry, key, "url")
                if entry.get("type") == wanted and url is not None:
                    return url, key
        return None

    def reference_url(self, item: _Item, types: tuple[str, ...]) -> str | None:
        found = self.reference(item, types)
        return found[0] if found else None

    # -- models -----------------------------------------------------------------------------

    def model(self, item: _Item, *, base: bool) -> list[Component]:
        """The weights, plus the model card, architecture code and training data it names."""
        licence = self.licence(item.data, item.key)
        found = [self.plain(item, ComponentKind.MODEL_PARAMETERS_FINAL)]
        if item.data.get("modelCard") is None:
            return found
        card_key = join_key(item.key, "modelCard")
        card = self.doc.mapping(item.data["modelCard"], card_key)
        found.append(
            Component(
                kind=ComponentKind.MODEL_CARD,
                name=f"{item.label} model card",
                license=licence,
                location=self.reference_url(item, ("model-card",)) or self.doc.name,
                origin=self.doc.origin(card_key),
                inferred_from=card_key,
            )
        )
        params_key = join_key(card_key, "modelParameters")
        params = self.doc.optional_mapping(card, card_key, "modelParameters")
        architecture = self.architecture(item, params, params_key, licence)
        found.extend([architecture] if architecture is not None else [])
        found.extend(self.training_data(item, params, params_key, base=base))
        return found

    def architecture(
        self,
        item: _Item,
        params: dict[str, Any],
        key: str,
        licence: LicenseDeclaration | None,
    ) -> Component | None:
        """Architecture code, when the card names an architecture and the model links its code.

        CycloneDX gives no licence for that repository; assuming the model's is a guess, so
        a note says so and how to state it properly.
        """
        field = next((f for f in ("modelArchitecture", "architectureFamily") if f in params), None)
        code = self.reference(item, CODE_REFERENCES)
        if field is None or code is None:
            return None
        described = self.doc.text_of(params, key, field) or field
        url, ref_key = code
        inherited = None
        if licence is not None:
            licences_key = join_key(item.key, "licenses")
            inherited = licence.model_copy(update={"inherited_from": licences_key})
        assumed = f"'{licence.written}'" if licence else "none is declared"
        self.notes.append(
            Note(
                code="cyclonedx-assumed-licence",
                message=(
                    f"{item.label}: the model architecture ({described}) was taken to be the code "
                    f"at {url}, and its licence was assumed to be the model's ({assumed}); "
                    "CycloneDX does not state that code's licence. List the repository as its "
                    "own component with its licence so osaid can check it."
                ),
                origin=self.doc.origin(ref_key),
            )
        )
        return Component(
            kind=ComponentKind.MODEL_ARCHITECTURE,
            name=f"{item.label} architecture",
            license=inherited,
            location=url,
            origin=self.doc.origin(ref_key),
            inferred_from=join_key(key, field),
        )

    def training_data(
        self, item: _Item, params: dict[str, Any], key: str, *, base: bool
    ) -> list[Component]:
        """``modelParameters.datasets``: inline dataset descriptions or refs to data components.

        A referenced data component is already mapped where the BOM lists it; for a base model
        (an ancestor) it is mapped again so the base model's training data counts as its own.
        """
        found: list[Component] = []
        here = join_key(key, "datasets")
        for index, entry in enumerate(self.doc.optional_list(params, key, "datasets")):
            where = join_key(here, index)
            data = self.doc.mapping(entry, where)
            if "ref" not in data:
                found.extend(self.inline_dataset(item, data, where))
                continue
            target = self.dataset_ref(data, where)
            if base and target is not None:
                found.extend(self.dataset(target))
        return found

    def inline_dataset(self, model: _Item, data: dict[str, Any], key: str) -> list[Component]:
        name = self.doc.text_of(data, key, "name") or f"{model.label} training data"
        dataset = Component(
            kind=ComponentKind.DATASETS,
            name=name,
            location=self.content_url(data, key),
            origin=self.doc.origin(key),
        )
        return [dataset, *self.data_entry(data, key, name)]

    def dataset_ref(self, entry: dict[str, Any], key: str) -> _Item | None:
        ref = self.doc.required_text(entry, key, "ref")
        if ref.startswith("urn:cdx:"):
            self.notes.append(
                Note(
                    code="cyclonedx-external-ref",
                    message=(
                        f"{ref} points into another BOM, which osaid does not follow; check that "
                        "BOM's datasets separately."
                    ),
                    origin=self.doc.origin(join_key(key, "ref")),
                )
            )
            return None
        target = self.refs.get(ref)
        if target is None:
            hint = suggest(ref, self.refs)
            raise self.doc.fail(join_key(key, "ref"), f"'{ref}' is no bom-ref in this BOM{hint}")
        if target.type != DATA:
            message = f"'{ref}' is {target.label} ('{target.type}'), not a 'data' component"
            raise self.doc.fail(join_key(key, "ref"), message)
        return target

    # -- data -------------------------------------------------------------------------------

    def dataset(self, item: _Item) -> list[Component]:
        """The data itself, plus the data information its ``dataset`` entries carry."""
        found = [self.plain(item, ComponentKind.DATASETS)]
        here = join_key(item.key, "data")
        for index, entry in enumerate(self.doc.optional_list(item.data, item.key, "data")):
            where = join_key(here, index)
            data = self.doc.mapping(entry, where)
            kind = self.doc.required_text(data, where, "type")
            if kind not in DATA_TYPES:
                hint = suggest(kind, DATA_TYPES) or f"; expected one of: {', '.join(DATA_TYPES)}"
                raise self.doc.fail(join_key(where, "type"), f"'{kind}' is not a data type{hint}")
            if kind == "dataset":
                name = self.doc.text_of(data, where, "name") or item.label
                found.extend(self.data_entry(data, where, name))
        return found

    def content_url(self, data: dict[str, Any], key: str) -> str | None:
        contents = self.doc.optional_mapping(data, key, "contents")
        return self.doc.text_of(contents, join_key(key, "contents"), "url")

    def data_entry(self, data: dict[str, Any], key: str, name: str) -> list[Component]:
        """A data description (and a public listing when there is a URL) from dataset fields.

        The facets follow what each field can say: governance (who holds the data) and a
        download URL speak to provenance; a classification or description to characteristics;
        only a description to scope. Nothing here says how data was obtained, labelled,
        processed or filtered.
        """
        url = self.content_url(data, key)
        covers: set[DataFacet] = set()
        if self.doc.optional_mapping(data, key, "governance") or url:
            covers.add(DataFacet.PROVENANCE)
        if self.doc.text_of(data, key, "classification") or self.doc.text_of(
            data, key, "description"
        ):
            covers.add(DataFacet.CHARACTERISTICS)
        if self.doc.text_of(data, key, "description"):
            covers.add(DataFacet.SCOPE)
        found: list[Component] = []
        licence = self.description_licence()
        if covers:
            self.described.setdefault(name, key)
            found.append(
                Component(
                    kind=ComponentKind.DATA_DESCRIPTION,
                    name=f"{name} (dataset description)",
                    license=licence,
                    location=url,
                    covers=frozenset(covers),
                    origin=self.doc.origin(key),
                    inferred_from=key,
                )
            )
        if url is not None:
            url_key = join_key(join_key(key, "contents"), "url")
            found.append(
                Component(
                    kind=ComponentKind.PUBLIC_DATA_LISTING,
                    name=f"{name} (public dataset)",
                    license=licence,
                    location=url,
                    origin=self.doc.origin(url_key),
                    inferred_from=url_key,
                )
            )
        return found

    def description_licence(self) -> LicenseDeclaration | None:
        if self.bom_licence is None:
            return None
        return self.bom_licence.model_copy(update={"inherited_from": "metadata.licenses"})

    # -- base model ---------------------------------------------------------------------------

    def base_models(self, model: _Item) -> tuple[ReleaseBase, ...]:
        """``pedigree.ancestors`` of the model: what it was fine-tuned, merged or derived from.

        CycloneDX has no relation type: one ancestor is read as a fine-tune, several as a merge
        of them; each ancestor is a base of its own, with the components nested under it.
        """
        pedigree_key = join_key(model.key, "pedigree")
        pedigree = self.doc.optional_mapping(model.data, model.key, "pedigree")
        here = join_key(pedigree_key, "ancestors")
        entries = self.doc.optional_list(pedigree, pedigree_key, "ancestors")
        top = [
            self.item(self.doc.mapping(entry, join_key(here, i)), join_key(here, i))
            for i, entry in enumerate(entries)
        ]
        relation = BaseRelation.MERGE if len(top) > 1 else BaseRelation.FINE_TUNE
        bases = []
        for ancestor in top:
            parts = (ancestor, *self.walk(ancestor.data, ancestor.key))
            bases.append(
                ReleaseBase(
                    name=ancestor.label,
                    relation=relation,
                    location=self.reference_url(ancestor, DOWNLOAD_REFERENCES),
                    components=tuple(c for a in parts for c in self.components(a, base=True)),
                    origin=self.doc.origin(ancestor.key),
                )
            )
        return tuple(bases)

    # -- licences -----------------------------------------------------------------------------

    def licence(self, data: dict[str, Any], key: str) -> LicenseDeclaration | None:
        """The licence of the component at ``key``, read once (its notes are added once)."""
        if key not in self.licences:
            self.licences[key] = self.read_licence(data, key)
        return self.licences[key]

    def read_licence(self, data: dict[str, Any], key: str) -> LicenseDeclaration | None:
        """Read ``licenses``: licence entries (all of which apply) or exactly one expression.

        From 1.7 the list may hold several expressions beside licence entries; they are read
        like several entries (all required, with a note saying so).
        """
        here = join_key(key, "licenses")
        raw = self.doc.optional_list(data, key, "licenses")
        entries = [self.licence_entry(entry, join_key(here, i)) for i, entry in enumerate(raw)]
        if not entries:
            return None
        expressions = [i for i, entry in enumerate(raw) if "expression" in entry]
        if expressions and len(entries) > 1 and self.version not in MIXED_LICENCES:
            where = join_key(here, expressions[0])
            message = (
                f"an 'expression' entry must be the only entry in 'licenses' in CycloneDX "
                f"{self.version} (1.7 allows several)"
            )
            raise self.doc.fail(where, message)
        chosen = [e for e in entries if e.acknowledgement == "concluded"] or entries
        who = self.doc.text_of(data, key, "name") or key
        if len(chosen) < len(entries):
            self.note_concluded(who, key, chosen, entries)
        if len(chosen) == 1:
            only = chosen[0]
            return LicenseDeclaration(
                expression=only.expression, written=only.written, origin=self.doc.origin(only.key)
            )
        self.note_several(who, key, chosen)
        return LicenseDeclaration(
            expression=" AND ".join(grouped(e.expression) for e in chosen),
            written=", ".join(e.written for e in chosen),
            origin=self.doc.origin(here),
        )

    def licence_entry(self, entry: Any, key: str) -> _Entry:
        forms = "{license: {id | name}} or {expression}"
        if not isinstance(entry, dict):
            raise self.doc.fail(key, f"a licence entry must be {forms}")
        if "expression" in entry:
            written = self.doc.required_text(entry, key, "expression")
            where = join_key(key, "expression")
            return _Entry(written, written, where, self.acknowledgement(entry, key))
        if "license" not in entry:
            hint = misspelt(entry, "license") or misspelt(entry, "expression")
            raise self.doc.fail(key, f"a licence entry must be {forms}{hint}")
        here = join_key(key, "license")
        licence = self.doc.mapping(entry["license"], here)
        acknowledgement = self.acknowledgement(licence, here)
        for field in ("id", "name"):
            given = self.doc.text_of(licence, here, field)
            if given is not None:
                return _Entry(given, given, join_key(here, field), acknowledgement)
        hint = misspelt(licence, "id") or misspelt(licence, "name")
        raise self.doc.fail(here, f"a licence needs an 'id' (SPDX) or a 'name'{hint}")

    def acknowledgement(self, data: dict[str, Any], key: str) -> str | None:
        value = self.doc.text_of(data, key, "acknowledgement")
        if value is not None and value not in ACKNOWLEDGEMENTS:
            hint = suggest(value, ACKNOWLEDGEMENTS) or "; expected 'declared' or 'concluded'"
            message = f"'{value}' is not a licence acknowledgement{hint}"
            raise self.doc.fail(join_key(key, "acknowledgement"), message)
        return value

    def note_several(self, who: str, key: str, chosen: list[_Entry]) -> None:
        self.notes.append(
            Note(
                code="cyclonedx-multiple-licences",
                message=(
                    f"{who} lists several licences ({', '.join(e.written for e in chosen)}); "
                    "CycloneDX does not say whether they all apply or are alternatives, so osaid "
                    "required all of them. Write one SPDX expression ('A OR B') if recipients "
                    "may choose."
                ),
                origin=self.doc.origin(join_key(key, "licenses")),
            )
        )

    def note_concluded(
        self, who: str, key: str, chosen: list[_Entry], entries: list[_Entry]
    ) -> None:
        dropped = [e.written for e in entries if e not in chosen]
        self.notes.append(
            Note(
                code="cyclonedx-concluded-licence",
                message=(
                    f"{who} gives concluded and declared licences; osaid checked the concluded "
                    f"{', '.join(e.written for e in chosen)} and set aside {', '.join(dropped)}."
                ),
                origin=self.doc.origin(join_key(key, "licenses")),
            )
        )

    # -- notes --------------------------------------------------------------------------------

    def closing_notes(self) -> list[Note]:
        notes = []
        if self.described:
            notes.append(self.data_information_note())
        notes.append(
            Note(
                code="sbom-scope",
                format_limit=True,
                message=(
                    "A CycloneDX BOM lists components and their licences; it cannot show the "
                    "training code and its settings, the validation and data-processing code, or "
                    "the complete description of all training data OSAID requires, so those are "
                    "reported missing. Describe them in an osaid manifest (an osaid.yaml next to "
                    "the BOM; check the directory) to check the release item by item."
                ),
                origin=self.doc.origin("bomFormat"),
            )
        )
        return notes

    def data_information_note(self) -> Note:
        names = ", ".join(self.described)
        if self.bom_licence is not None:
            terms = (
                f"It is taken to be under the BOM's own licence (metadata.licenses: "
                f"'{self.bom_licence.written}'), not the datasets' licences."
            )
        else:
            terms = (
                "The BOM declares no licence of its own (metadata.licenses), so osaid cannot "
                "verify the terms this data information is available under."
            )
        return Note(
            code="cyclonedx-data-information",
            message=(
                f"The data information for {names} was inferred from CycloneDX dataset fields "
                "(description, classification, governance, contents.url). CycloneDX cannot "
                "state OSAID's complete data description item by item (how the data was obtained "
                f"and selected, labelling, processing and filtering). {terms}"
            ),
            origin=self.doc.origin(next(iter(self.described.values()))),
        )


def _listed(subject: _Item, items: list[_Item]) -> _Item | None:
    """The component that is the subject: same ``bom-ref``, else (no bom-ref) same identity."""
    ref = _bom_ref(subject)
    if ref is not None:
        return next((i for i in items if _bom_ref(i) == ref), None)
    identity = (subject.type, subject.name, subject.version)
    return next((i for i in items if (i.type, i.name, i.version) == identity), None)


def _bom_ref(item: _Item) -> str | None:
    ref = item.data.get("bom-ref")
    return ref if isinstance(ref, str) and ref else None


READER = CycloneDxReader()
