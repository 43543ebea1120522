"""SPDX 3.0 JSON-LD documents with the AI and Dataset profiles (an "AI BOM").

spdx-tools cannot read SPDX 3, and the JSON-LD is plain enough to read directly: a ``@graph``
list of elements, each with a ``type`` and an ``spdxId``, joined by ``Relationship`` elements.
Reading it as osaid's own located :class:`~osaid.readers._document.Document` keeps the line of
every element.

Licences are relationships (``hasConcludedLicense`` / ``hasDeclaredLicense``) to licence
elements. The conformance clauses of the AI and Dataset profiles ask for exactly one of each for
every AI and dataset package. The SPDX 3.0.1 SHACL shapes do not check those clauses (the
SPDX project's own SimpleHTR example has no concluded licence and passes ``spdx3-validate``), so
a side with no relationship is read as NOASSERTION, with a warning quoting the clause, never as
a refusal. Two relationships of one kind are refused: the package then has no single licence
osaid could judge.

An AI BOM can say a lot about datasets but nothing about training code, and it has no field
for labelling. The data description osaid checks is inferred from the dataset fields, and the
report says so.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from osaid._errors import InputError
from osaid._keys import join_key
from osaid._limits import MAX_INPUT_BYTES
from osaid.licensing import MAX_EXPRESSION_LENGTH, grouped
from osaid.model import (
    NOASSERTION,
    NONE,
    BaseRelation,
    Component,
    ComponentKind,
    DataFacet,
    LicenseDeclaration,
    Note,
    Origin,
    Release,
    ReleaseBase,
    Scope,
    Source,
)
from osaid.readers._base import Reader
from osaid.readers._document import MAX_DEPTH, Document

FORMAT = "spdx-3"
CONTEXT_MARK = "spdx.org/rdf/3.0"

AI_PACKAGE = "ai_AIPackage"
DATASET_PACKAGE = "dataset_DatasetPackage"
PROFILE_CLAUSES = {
    AI_PACKAGE: ("AI", "/AI/AIPackage"),
    DATASET_PACKAGE: ("Dataset", "/Dataset/DatasetPackage"),
}
"""The profile whose conformance clause covers each package type, and the class it names."""
SOFTWARE_PACKAGE = "software_Package"
SOFTWARE_FILE = "software_File"
RELATIONSHIP_TYPES = {"Relationship", "LifecycleScopedRelationship"}
DECLARED = "hasDeclaredLicense"
CONCLUDED = "hasConcludedLicense"
PUBLIC_AVAILABILITY = {"directDownload", "query", "scrapingScript"}
THIRD_PARTY_AVAILABILITY = {"clickthrough", "registration"}
_PURPOSE_KINDS = {
    "model": ComponentKind.MODEL_PARAMETERS_FINAL,
    "data": ComponentKind.DATASETS,
}
_SPDX_LICENCE_URL = re.compile(r"^https?://spdx\.org/licenses/(?P<id>[^/#]+)$")
_LICENCE_REF = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")
_NOT_AN_ID = re.compile(r"://|^_:")

MAX_LICENCE_DEPTH = MAX_DEPTH
"""Licence elements (sets, operators) nested deeper than this are refused."""

MAX_EXPANDED_LICENCES = MAX_INPUT_BYTES
"""Characters of licence expression that expanding one document's licence sets may build in
all, when the document itself is smaller: sharing members may save typing, but never make a
document stand for more text than the input limit allows a file to hold."""


class _Element(NamedTuple):
    """One element of the ``@graph``, its position (the key path) and its normalised type."""

    position: int
    data: dict[str, Any]
    type: str

    @property
    def key(self) -> str:
        return join_key("@graph", self.position)

    @property
    def spdx_id(self) -> str:
        return _element_id(self.data) or self.key


class _Relationship(NamedTuple):
    element: _Element
    kind: str
    source: str
    targets: list[Any]


class Spdx3Reader(Reader):
    """Reads SPDX 3.0 JSON-LD documents (AI and Dataset profiles)."""

    name = FORMAT
    description = "SPDX 3.0 JSON-LD documents (an @context of spdx.org/rdf/3.0...)"
    title = "SPDX 3 document"
    precedence = 3
    suffixes = (".json", ".jsonld")

    def sniff(self, doc: Document) -> bool:
        """A JSON object whose ``@context`` names the SPDX 3.0 context."""
        data = doc.data
        return isinstance(data, dict) and _is_spdx3_context(data.get("@context"))

    def read(self, doc: Document) -> Release:
        """Map the graph's packages and licence relationships onto the canonical model."""
        return _Graph(doc).release()


def _is_spdx3_context(context: Any) -> bool:
    items = context if isinstance(context, list) else [context]
    return any(isinstance(item, str) and CONTEXT_MARK in item for item in items)


def _element_id(data: dict[str, Any]) -> str | None:
    value = data.get("spdxId", data.get("@id"))
    return value if isinstance(value, str) and value else None


def _element_type(data: dict[str, Any]) -> str:
    return _type_name(data.get("type", data.get("@type")))


def _short(value: str) -> str:
    """The local name of a vocabulary value: ``…/DatasetAvailabilityType/directDownload``."""
    return re.split(r"[/#]", value.rstrip("/"))[-1]


def _type_name(value: Any) -> str:
    """The compact JSON-LD type name, also for a full IRI (``…/terms/AI/AIPackage``)."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), "")
    if not isinstance(value, str):
        return ""
    if "/terms/" in value:
        parts = value.split("/terms/", 1)[1].strip("/").split("/")
        if len(parts) == 2:
            profile, name = parts
            return name if profile == "Core" else f"{profile.lower()}_{name}"
    return value


def _texts(value: Any) -> list[str]:
    """The non-empty strings of a value that may be one string or a list of them."""
    items = value if isinstance(value, list) else [value]
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def _filled(value: Any) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return bool(_texts(value))


class _Graph:
    """The elements of one SPDX 3 document and the relationships between them."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.elements = self._elements()
        self.by_id: dict[str, _Element] = {}
        for element in self.elements:
            element_id = _element_id(element.data)
            if element_id is not None:
                self.by_id.setdefault(element_id, element)
        self.imported = self._imported()
        self.relationships = [
            self._relationship(e) for e in self.elements if e.type in RELATIONSHIP_TYPES
        ]
        self.notes: list[Note] = []
        self.texts: dict[int, str] = {}
        """The expression of each licence element expanded so far, by ``id`` of its data: a
        set shared by many sets is expanded once (expanding it again and again was
        exponential: a 9 KB document never finished)."""
        self.expanding: set[int] = set()
        """The licence elements being expanded, outermost first: one met again contains itself."""
        self.expanded = 0
        self.budget = max(MAX_EXPANDED_LICENCES, len(doc.text))

    # -- reading the graph ------------------------------------------------------------------

    def _elements(self) -> list[_Element]:
        data = self.doc.data
        graph = data.get("@graph")
        if not isinstance(graph, list):
            where = "@graph" if "@graph" in data else ""
            found = "no '@graph'" if graph is None else f"a {type(graph).__name__} as '@graph'"
            message = f"an SPDX 3 JSON-LD document needs a '@graph' list of elements; found {found}"
            raise InputError(self.doc.problem(where, message))
        elements = []
        for index, item in enumerate(graph):
            if not isinstance(item, dict):
                key = join_key("@graph", index)
                raise InputError(self.doc.problem(key, "each @graph element must be an object"))
            elements.append(_Element(index, item, _element_type(item)))
        return elements

    def _imported(self) -> set[str]:
        """Ids the document says are defined in other documents (``import`` ExternalMaps)."""
        found = set()
        for element in self.elements:
            imports = element.data.get("import")
            for entry in imports if isinstance(imports, list) else []:
                if isinstance(entry, dict) and isinstance(entry.get("externalSpdxId"), str):
                    found.add(entry["externalSpdxId"])
        return found

    def _relationship(self, element: _Element) -> _Relationship:
        data = element.data
        kind = data.get("relationshipType")
        source = data.get("from")
        if isinstance(source, dict):
            source = _element_id(source)
        if not isinstance(kind, str) or not isinstance(source, str):
            message = f"relationship '{element.spdx_id}' needs a relationshipType and a 'from'"
            raise InputError(self.doc.problem(element.key, message))
        targets = data.get("to")
        return _Relationship(
            element, _short(kind), source, targets if isinstance(targets, list) else [targets]
        )

    def _missing(self, relationship: _Relationship, field: str, target: str) -> InputError:
        message = (
            f"relationship '{relationship.element.spdx_id}' ({relationship.kind}) points at "
            f"'{target}', which is not an element of this document"
        )
        return InputError(self.doc.problem(join_key(relationship.element.key, field), message))

    def _check_source(self, relationship: _Relationship) -> _Element | None:
        """The element a relationship starts from; None when it is imported from elsewhere."""
        found = self.by_id.get(relationship.source)
        if found is None and relationship.source not in self.imported:
            raise self._missing(relationship, "from", relationship.source)
        return found

    def _target_elements(self, relationship: _Relationship) -> list[_Element]:
        found = []
        for target in relationship.targets:
            target_id = _element_id(target) if isinstance(target, dict) else target
            if not isinstance(target_id, str):
                continue
            element = self.by_id.get(target_id)
            if element is not None:
                found.append(element)
            elif target_id not in self.imported:
                raise self._missing(relationship, "to", target_id)
        return found

    # -- licences ---------------------------------------------------------------------------

    def _licences(self) -> dict[str, dict[str, list[tuple[_Relationship, LicenseDeclaration]]]]:
        """Every licence relationship, by the id of its package and then by its type."""
        found: dict[str, dict[str, list[tuple[_Relationship, LicenseDeclaration]]]] = {}
        for relationship in self.relationships:
            if relationship.kind not in (DECLARED, CONCLUDED):
                continue
            self._check_source(relationship)
            declaration = self._declaration(relationship)
            found.setdefault(relationship.source, {}).setdefault(relationship.kind, []).append(
                (relationship, declaration)
            )
        return found

    def _declaration(self, relationship: _Relationship) -> LicenseDeclaration:
        parts: list[tuple[str, Origin]] = []
        for target in relationship.targets:
            parts.append(self._licence_target(relationship, target))
        if not parts:
            message = f"licence relationship '{relationship.element.spdx_id}' has no 'to'"
            raise InputError(self.doc.problem(relationship.element.key, message))
        what = f"licence relationship '{relationship.element.spdx_id}'"
        text = self._joined([p for p, _ in parts], " AND ", relationship.element.key, what)
        expression = text.upper() if text.upper() in (NOASSERTION, NONE) else text
        return LicenseDeclaration(expression=expression, written=text, origin=parts[0][1])

    def _licence_target(self, relationship: _Relationship, target: Any) -> tuple[str, Origin]:
        """The licence text a relationship target stands for, and where it is written."""
        to_key = join_key(relationship.element.key, "to")
        if isinstance(target, dict):
            inline = _Element(relationship.element.position, target, _element_type(target))
            return self._licence_text(inline, relationship), self.doc.origin(to_key)
        if not isinstance(target, str) or not target.strip():
            message = f"licence relationship '{relationship.element.spdx_id}' has an empty 'to'"
            raise InputError(self.doc.problem(to_key, message))
        special = _special_licence(target)
        if special is not None:
            return special, self.doc.origin(to_key)
        element = self.by_id.get(target)
        if element is not None:
            return self._licence_text(element, relationship), self._licence_origin(element)
        if target in self.imported:
            return NOASSERTION, self.doc.origin(to_key)
        if _NOT_AN_ID.search(target):
            raise self._missing(relationship, "to", target)
        self._note_shorthand(relationship, target)
        return target, self.doc.origin(to_key)

    def _licence_origin(self, element: _Element) -> Origin:
        key = join_key(element.key, "simplelicensing_licenseExpression")
        return self.doc.origin(key if key in self.doc.lines else element.key)

    def _licence_text(self, element: _Element, relationship: _Relationship) -> str:
        """Render a licence element as an SPDX expression osaid can evaluate (once per element).

        A set containing itself (directly or through other sets) has no expression, and
        neither has one nested past :data:`MAX_LICENCE_DEPTH`: both are refused, naming the
        element, rather than recursing until Python gives up.
        """
        key = id(element.data)
        found = self.texts.get(key)
        if found is not None:
            return found
        if key in self.expanding:
            message = (
                f"licence element '{element.spdx_id}' contains itself (directly or through "
                "other licence elements), so it stands for no licence expression"
            )
            raise InputError(self.doc.problem(element.key, message))
        if len(self.expanding) >= MAX_LICENCE_DEPTH:
            message = (
                f"licence elements are nested deeper than {MAX_LICENCE_DEPTH} levels at "
                f"'{element.spdx_id}'"
            )
            raise InputError(self.doc.problem(element.key, message))
        self.expanding.add(key)
        try:
            text = self._expand(element, relationship)
        finally:
            self.expanding.discard(key)
        self.texts[key] = text
        return text

    def _expand(self, element: _Element, relationship: _Relationship) -> str:
        text = self._simple_licence(element)
        if text is None:
            text = self._compound_licence(element, relationship)
        if text is None:
            message = (
                f"licence relationship '{relationship.element.spdx_id}' points at "
                f"'{element.spdx_id}' (type {element.type or 'not given'}), which is not a licence"
            )
            raise InputError(self.doc.problem(join_key(relationship.element.key, "to"), message))
        return text

    def _simple_licence(self, element: _Element) -> str | None:
        """An expression, a listed or custom licence or exception, NOASSERTION or NONE."""
        kind = element.type
        if kind == "simplelicensing_LicenseExpression":
            text = element.data.get("simplelicensing_licenseExpression")
            if not isinstance(text, str) or not text.strip():
                message = "a LicenseExpression needs a simplelicensing_licenseExpression text"
                raise InputError(self.doc.problem(element.key, message))
            return text.strip()
        if kind in ("expandedlicensing_ListedLicense", "expandedlicensing_ListedLicenseException"):
            return _listed_id(element)
        if kind in ("expandedlicensing_CustomLicense", "expandedlicensing_CustomLicenseAddition"):
            return self._custom(element)
        return _special_licence(element.spdx_id)

    def _compound_licence(self, element: _Element, relationship: _Relationship) -> str | None:
        """The ExpandedLicensing operators, rendered as the expression they stand for."""
        kind = element.type
        if kind in (
            "expandedlicensing_ConjunctiveLicenseSet",
            "expandedlicensing_DisjunctiveLicenseSet",
        ):
            operator = " AND " if "Conjunctive" in kind else " OR "
            members = self._members(element, relationship, "expandedlicensing_member")
            return self._joined(members, operator, element.key, _called(element))
        if kind == "expandedlicensing_OrLaterOperator":
            subject = self._member(element, relationship, "expandedlicensing_subjectLicense")
            return self._built(f"{subject}+", element.key, _called(element))
        if kind == "expandedlicensing_WithAdditionOperator":
            subject = self._member(
                element, relationship, "expandedlicensing_subjectExtendableLicense"
            )
            addition = self._member(element, relationship, "expandedlicensing_subjectAddition")
            return self._built(f"{subject} WITH {addition}", element.key, _called(element))
        return None

    def _joined(self, parts: list[str], operator: str, key: str, what: str) -> str:
        """``parts`` joined by ``operator`` (each grouped), within the expansion budget.

        The length is added up before anything is joined: a set of many members that each
        stand for a long expression is refused without building the text.
        """
        if len(parts) == 1:
            return parts[0]
        size = len(operator) * (len(parts) - 1)
        pieces = []
        for part in parts:
            if size + len(part) > MAX_EXPRESSION_LENGTH:
                size += len(part)
                break
            piece = grouped(part)
            size += len(piece)
            pieces.append(piece)
        self._afford(size, key, what)
        return operator.join(pieces)

    def _built(self, text: str, key: str, what: str) -> str:
        self._afford(len(text), key, what)
        return text

    def _afford(self, size: int, key: str, what: str) -> None:
        """Refuse an expansion longer than one expression may be, or past the budget."""
        if size > MAX_EXPRESSION_LENGTH:
            message = (
                f"{what} expands to a licence expression of more than "
                f"{MAX_EXPRESSION_LENGTH:,} characters (osaid's limit for one expression); "
                "osaid does not expand it"
            )
            raise InputError(self.doc.problem(key, message))
        self.expanded += size
        if self.expanded > self.budget:
            message = (
                f"licence sets expand to more than {self.budget:,} characters of licence "
                "expressions in all (shared members count each time), a limit against "
                "crafted input; osaid does not expand them"
            )
            raise InputError(self.doc.problem(key, message))

    def _members(self, element: _Element, relationship: _Relationship, field: str) -> list[str]:
        values = element.data.get(field)
        items = values if isinstance(values, list) else [values]
        texts = []
        for item in items:
            if isinstance(item, dict):
                inner = _Element(element.position, item, _element_type(item))
                texts.append(self._licence_text(inner, relationship))
            elif isinstance(item, str) and _special_licence(item) is not None:
                texts.append(_special_licence(item) or NOASSERTION)
            elif isinstance(item, str) and item in self.by_id:
                texts.append(self._licence_text(self.by_id[item], relationship))
            else:
                message = f"'{field}' must name licence elements of this document"
                raise InputError(self.doc.problem(join_key(element.key, field), message))
        if not texts:
            raise InputError(self.doc.problem(element.key, f"'{field}' is required"))
        return texts

    def _member(self, element: _Element, relationship: _Relationship, field: str) -> str:
        members = self._members(element, relationship, field)
        if len(members) != 1:
            raise InputError(self.doc.problem(join_key(element.key, field), "must be one licence"))
        return members[0]

    def _custom(self, element: _Element) -> str:
        """A custom licence: its LicenseRef id when it has one, else its name; always noted."""
        local = _short(element.spdx_id)
        name = _texts(element.data.get("name"))
        text = local if _LICENCE_REF.match(local) else (name[0] if name else element.spdx_id)
        called = f" ('{name[0]}')" if name and name[0] != text else ""
        message = (
            f"{text}{called} is a custom licence defined in this document. osaid judges a "
            "custom licence only when it recognises it, and otherwise fails it as unverifiable; "
            "read its text (expandedlicensing_licenseText) to judge its terms."
        )
        self.notes.append(
            Note(code="spdx3-custom-licence", message=message, origin=self.doc.origin(element.key))
        )
        return text

    def _note_shorthand(self, relationship: _Relationship, target: str) -> None:
        message = (
            f"relationship '{relationship.element.spdx_id}' names the licence '{target}' "
            "directly instead of pointing at a licence element (for example a "
            "simplelicensing_LicenseExpression); osaid read it as a licence expression."
        )
        origin = self.doc.origin(join_key(relationship.element.key, "to"))
        self.notes.append(Note(code="spdx3-licence-shorthand", message=message, origin=origin))

    def _check_profiles(
        self, licences: dict[str, dict[str, list[tuple[_Relationship, LicenseDeclaration]]]]
    ) -> None:
        """At most one declared and one concluded licence per AI and dataset package.

        Two of a kind are refused. None is read as NOASSERTION for that side (see
        :meth:`_chosen`), with a warning quoting the profile's conformance clause.
        """
        for element in self.elements:
            if element.type not in PROFILE_CLAUSES:
                continue
            found = licences.get(element.spdx_id, {})
            for kind in (DECLARED, CONCLUDED):
                relationships = [r for r, _ in found.get(kind, [])]
                if not relationships:
                    self._note_no_licence(element, kind)
                if len(relationships) <= 1:
                    continue
                keys = ", ".join(r.element.key for r in relationships)
                message = (
                    f"{element.type} '{element.spdx_id}' has {len(relationships)} {kind} "
                    f"relationships ({keys}); the SPDX 3 AI and Dataset profiles require "
                    "exactly one"
                )
                raise InputError(self.doc.problem(element.key, message))

    def _note_no_licence(self, element: _Element, kind: str) -> None:
        profile, named = PROFILE_CLAUSES[element.type]
        message = (
            f"{element.type} '{element.spdx_id}' has no {kind} relationship, so osaid read "
            f"that licence as NOASSERTION. The SPDX 3.0.1 {profile} profile's conformance "
            f'clause says: "for every `{named}` there MUST exist exactly one '
            f"`/Core/Relationship` of type `{kind}` having that element as its `from` "
            f'property" (https://spdx.github.io/spdx-spec/v3.0.1/model/{profile}/{profile}/); '
            f"add one (to the licence, or to NoAssertionLicense if it is not known)."
        )
        origin = self.doc.origin(element.key)
        self.notes.append(Note(code="spdx3-licence-missing", message=message, origin=origin))

    # -- mapping ----------------------------------------------------------------------------

    def release(self) -> Release:
        licences = self._licences()
        self._check_profiles(licences)
        trained, tested = self._training_links()
        ancestors = self._ancestors()
        components: list[Component] = []
        for element in self.elements:
            licence = self._chosen(licences.get(element.spdx_id, {}), element)
            if element.type == AI_PACKAGE and element.spdx_id in ancestors:
                continue  # a base of the release, not one of its parts (see _bases)
            if element.type == AI_PACKAGE:
                components += self._model(element, licence)
            elif element.type == DATASET_PACKAGE:
                training = element.spdx_id in trained or element.spdx_id not in tested
                found = self._dataset(element, licence, training=training)
                components += found
            elif element.type == SOFTWARE_PACKAGE:
                components.append(self._software(element, licence))
        for element, kind in self._code_files():
            licence = self._chosen(licences.get(element.spdx_id, {}), element)
            components.append(self._component(element, kind, _versioned(element), licence))
        models = [e for e in self.elements if e.type == AI_PACKAGE and e.spdx_id not in ancestors]
        identity = self._identity(models)
        bases = self._bases(ancestors, licences)
        if bases:
            identity["origins"]["base_models"] = bases[0].origin
        return Release(
            **identity,
            scope=Scope.SYSTEM,
            base_models=bases,
            components=tuple(components),
            source=Source(file=self.doc.name, format=FORMAT),
            notes=(*self._limit_notes(), *self.notes),
        )

    def _ancestors(self) -> dict[str, _Relationship]:
        """AI packages another AI package here derives from, with the relationship saying so.

        ``A ancestorOf B`` and ``B descendantOf A`` (SPDX 3.0 core relationship types) make A a
        base of B: its parameters' licence binds B, and it is not one of B's own parts.
        """
        found: dict[str, _Relationship] = {}
        for relationship in self.relationships:
            if relationship.kind not in ("ancestorOf", "descendantOf"):
                continue
            source = self._check_source(relationship)
            targets = self._target_elements(relationship)
            if source is None or source.type != AI_PACKAGE:
                continue
            models = [t for t in targets if t.type == AI_PACKAGE]
            if relationship.kind == "ancestorOf" and models:
                found.setdefault(source.spdx_id, relationship)
            elif relationship.kind == "descendantOf":
                for target in models:
                    found.setdefault(target.spdx_id, relationship)
        return found

    def _bases(
        self,
        ancestors: dict[str, _Relationship],
        licences: dict[str, dict[str, list[tuple[_Relationship, LicenseDeclaration]]]],
    ) -> tuple[ReleaseBase, ...]:
        """Each ancestor AI package as a base (SPDX states no relation type: a fine-tune)."""
        bases = []
        for element in self.elements:
            if element.spdx_id not in ancestors:
                continue
            licence = self._chosen(licences.get(element.spdx_id, {}), element)
            bases.append(
                ReleaseBase(
                    name=_package_name(element),
                    relation=BaseRelation.FINE_TUNE,
                    location=_location(element),
                    components=tuple(self._model(element, licence)),
                    origin=self.doc.origin(ancestors[element.spdx_id].element.key),
                )
            )
        return tuple(bases)

    def _chosen(
        self,
        found: dict[str, list[tuple[_Relationship, LicenseDeclaration]]],
        element: _Element,
    ) -> LicenseDeclaration | None:
        """The concluded licence, else the declared one; NOASSERTION only when neither says more.

        Several relationships of one type (allowed for plain software packages) all apply, so
        they are joined with AND.
        """
        candidates = []
        for kind in (CONCLUDED, DECLARED):
            declarations = [d for _, d in found.get(kind, [])]
            if len(declarations) == 1:
                candidates.append(declarations[0])
            elif declarations:
                what = f"the {kind} relationships of '{element.spdx_id}'"
                written = [d.written for d in declarations]
                text = self._joined(written, " AND ", element.key, what)
                candidates.append(
                    LicenseDeclaration(expression=text, written=text, origin=declarations[0].origin)
                )
        for candidate in candidates:
            if candidate.expression != NOASSERTION:
                return candidate
        if not candidates and element.type in PROFILE_CLAUSES:  # both sides NOASSERTION
            origin = self.doc.origin(element.key)
            return LicenseDeclaration(expression=NOASSERTION, written=NOASSERTION, origin=origin)
        return candidates[0] if candidates else None

    def _identity(self, models: list[_Element]) -> dict[str, Any]:
        """Name the release after its one AI package, else after the SPDX document."""
        origins = {"components": self.doc.origin("@graph")}
        if len(models) == 1:
            model = models[0]
            version = _texts(model.data.get("software_packageVersion"))
            origins["name"] = self.doc.origin(join_key(model.key, "name"))
            if version:
                origins["version"] = self.doc.origin(join_key(model.key, "software_packageVersion"))
            producer = self._agent_name(model.data.get("suppliedBy"))
            if producer:
                origins["producer"] = self.doc.origin(join_key(model.key, "suppliedBy"))
            return {
                "name": _package_name(model),
                "version": version[0] if version else None,
                "producer": producer,
                "origins": origins,
            }
        document = next((e for e in self.elements if e.type == "SpdxDocument"), None)
        name = _texts(document.data.get("name")) if document else []
        if document is not None and name:
            origins["name"] = self.doc.origin(join_key(document.key, "name"))
        return {"name": name[0] if name else None, "origins": origins}

    def _agent_name(self, value: Any) -> str | None:
        for agent in _texts(value):
            element = self.by_id.get(agent)
            names = _texts(element.data.get("name")) if element else []
            if names:
                return names[0]
        return None

    def _code_files(self) -> list[tuple[_Element, ComponentKind]]:
        """The ``software_File`` elements whose relationships or purpose say what code they are.

        A file that ``generates`` a model (an AI package, or an element whose primary purpose is
        ``model``) outside the runtime scope is training code; one that generates data (a dataset
        package, or purpose ``data``) is data-processing code. A file with primary purpose
        ``test`` is validation and testing code, and one that uses a model as a data file
        (``hasDataFile``) is inference code. SPDX 3.0.1 core vocabularies: RelationshipType
        ``generates``, ``hasDataFile``; LifecycleScopeType ``build``, ``runtime``; software
        SoftwarePurpose ``test``. Other files are not OSAID items and are left out, as before.
        """
        roles: dict[str, ComponentKind] = {}
        for element in self.elements:
            if element.type == SOFTWARE_FILE and _purpose(element) == "test":
                roles[element.spdx_id] = ComponentKind.VALIDATION_AND_TESTING_CODE
        for relationship in self.relationships:
            kind = self._code_role(relationship)
            source = self.by_id.get(relationship.source)
            if kind is not None and source is not None and source.type == SOFTWARE_FILE:
                roles.setdefault(source.spdx_id, kind)
        return [(e, roles[e.spdx_id]) for e in self.elements if e.spdx_id in roles]

    def _code_role(self, relationship: _Relationship) -> ComponentKind | None:
        """What a relationship says its ``from`` file is, if it is code OSAID names."""
        if relationship.kind not in ("generates", "hasDataFile"):
            return None
        scope = _short(str(relationship.element.data.get("scope", "")))
        targets = self._target_elements(relationship)
        models = any(t.type == AI_PACKAGE or _purpose(t) == "model" for t in targets)
        if relationship.kind == "hasDataFile":
            return ComponentKind.INFERENCE_CODE if models else None
        if scope == "runtime":
            return None
        if models:
            return ComponentKind.TRAINING_CODE
        data = any(t.type == DATASET_PACKAGE or _purpose(t) == "data" for t in targets)
        return ComponentKind.DATA_PREPROCESSING_CODE if data else None

    def _training_links(self) -> tuple[set[str], set[str]]:
        """Datasets models were trained on (noted) and those they were only tested on."""
        trained: set[str] = set()
        tested: set[str] = set()
        for relationship in self.relationships:
            if relationship.kind not in ("trainedOn", "testedOn"):
                continue
            model = self._check_source(relationship)
            targets = self._target_elements(relationship)
            ids = {t.spdx_id for t in targets}
            if relationship.kind == "testedOn":
                tested |= ids
                continue
            trained |= ids
            names = ", ".join(_package_name(t) for t in targets) or "elements of other documents"
            subject = _package_name(model) if model else relationship.source
            self.notes.append(
                Note(
                    code="spdx3-trained-on",
                    message=(
                        f"{subject} was trained on {names} (trainedOn); these datasets are the "
                        "training data the data-information items are about."
                    ),
                    origin=self.doc.origin(relationship.element.key),
                )
            )
        return trained, tested

    def _component(
        self,
        element: _Element,
        kind: ComponentKind,
        name: str,
        licence: LicenseDeclaration | None,
        **extra: Any,
    ) -> Component:
        return Component(
            kind=kind,
            name=name,
            license=licence,
            location=_location(element),
            origin=self.doc.origin(element.key),
            **extra,
        )

    def _model(self, element: _Element, licence: LicenseDeclaration | None) -> list[Component]:
        """An AI package is the trained parameters and the architecture that defines them."""
        name = _package_name(element)
        return [
            self._component(element, ComponentKind.MODEL_PARAMETERS_FINAL, name, licence),
            self._component(element, ComponentKind.MODEL_ARCHITECTURE, name, licence),
        ]

    def _software(self, element: _Element, licence: LicenseDeclaration | None) -> Component:
        purposes = _texts(element.data.get("software_primaryPurpose"))
        purpose = _short(purposes[0]) if purposes else ""
        kind = _PURPOSE_KINDS.get(purpose, ComponentKind.SUPPORTING_LIBRARIES)
        return self._component(element, kind, _versioned(element), licence)

    def _dataset(
        self, element: _Element, licence: LicenseDeclaration | None, *, training: bool
    ) -> list[Component]:
        name = _versioned(element)
        if not training:
            return [self._component(element, ComponentKind.EVALUATION_DATA, name, licence)]
        found = [self._component(element, ComponentKind.DATASETS, name, licence)]
        covers = _facets(element.data)
        if covers:
            found.append(
                self._component(
                    element,
                    ComponentKind.DATA_DESCRIPTION,
                    f"{name} (dataset fields)",
                    licence,
                    covers=frozenset(covers),
                    inferred_from=element.key,
                )
            )
            shown = "; ".join(
                f"{facet.value} from {', '.join(keys)}" for facet, keys in covers.items()
            )
            self.notes.append(
                Note(
                    code="spdx3-data-description-inferred",
                    message=(
                        f"The data description of {name} was inferred from its dataset fields: "
                        f"{shown}. osaid checks that these fields are filled, not that they are "
                        "complete enough to build a substantially equivalent system."
                    ),
                    origin=self.doc.origin(element.key),
                )
            )
        listing = self._listing(element, name, licence)
        if listing is not None:
            found.append(listing)
        return found

    def _listing(
        self, element: _Element, name: str, licence: LicenseDeclaration | None
    ) -> Component | None:
        """A dataset's availability says whether it is public data or third-party data."""
        values = _texts(element.data.get("dataset_datasetAvailability"))
        availability = _short(values[0]) if values else ""
        if availability in PUBLIC_AVAILABILITY and _location(element):
            kind = ComponentKind.PUBLIC_DATA_LISTING
        elif availability in THIRD_PARTY_AVAILABILITY:
            kind = ComponentKind.THIRD_PARTY_DATA_LISTING
        else:
            return None
        return self._component(
            element,
            kind,
            f"{name} ({availability})",
            licence,
            inferred_from=join_key(element.key, "dataset_datasetAvailability"),
        )

    def _limit_notes(self) -> list[Note]:
        message = (
            "An SPDX 3 AI BOM shows code only through files whose relationships or purpose say "
            "what they do (a file that generates a model is training code, one that generates "
            "data is data-processing code, purpose test is validation code, a file using the "
            "model as a data file is inference code; software packages are checked as "
            "supporting libraries and tools unless their purpose is model or data). It cannot "
            "show the training settings or that the data information covers all training data "
            "(unshareable data included), and has no field for labelling procedures. Describe "
            "these in an osaid manifest."
        )
        return [
            Note(
                code="spdx3-limits",
                message=message,
                origin=self.doc.origin("@graph"),
                format_limit=True,
            )
        ]


def _purpose(element: _Element) -> str:
    """The element's primary purpose (``model``, ``data``, ``test``, ...), or ``""``."""
    purposes = _texts(element.data.get("software_primaryPurpose"))
    return _short(purposes[0]) if purposes else ""


def _special_licence(value: str) -> str | None:
    local = _short(value).removeprefix("expandedlicensing_")
    if local == "NoAssertionLicense":
        return NOASSERTION
    if local == "NoneLicense":
        return NONE
    return None


def _listed_id(element: _Element) -> str:
    """A listed licence's SPDX id, from its ``https://spdx.org/licenses/ID`` IRI or its name."""
    match = _SPDX_LICENCE_URL.match(element.spdx_id)
    if match:
        return match.group("id")
    names = _texts(element.data.get("name"))
    return names[0] if names else _short(element.spdx_id)


def _called(element: _Element) -> str:
    return f"licence element '{element.spdx_id}'"


def _package_name(element: _Element) -> str:
    names = _texts(element.data.get("name"))
    return names[0] if names else element.spdx_id


def _versioned(element: _Element) -> str:
    version = _texts(element.data.get("software_packageVersion"))
    name = _package_name(element)
    return f"{name} {version[0]}" if version else name


def _location(element: _Element) -> str | None:
    values = _texts(element.data.get("software_downloadLocation"))
    if not values or values[0].upper() in (NOASSERTION, NONE):
        return None
    return values[0]


def _facets(data: dict[str, Any]) -> dict[DataFacet, list[str]]:
    """Which aspects of the training-data description the dataset fields cover, and from where.

    Labelling has no field in the Dataset profile, so it is never covered here.
    """
    covers: dict[DataFacet, list[str]] = {}
    origin_fields = [f for f in ("originatedBy", "suppliedBy") if _filled(data.get(f))]
    collection = _filled(data.get("dataset_dataCollectionProcess"))
    if origin_fields or collection:
        covers[DataFacet.PROVENANCE] = origin_fields or ["dataset_dataCollectionProcess"]
    if collection:
        covers[DataFacet.OBTAINING_AND_SELECTION] = ["dataset_dataCollectionProcess"]
    if _filled(data.get("dataset_dataPreprocessing")):
        covers[DataFacet.PROCESSING_AND_FILTERING] = ["dataset_dataPreprocessing"]
    types = [t for t in _texts(data.get("dataset_datasetType")) if _short(t) != "noAssertion"]
    if types and _filled(data.get("dataset_datasetSize")):
        covers[DataFacet.CHARACTERISTICS] = ["dataset_datasetType", "dataset_datasetSize"]
    if _filled(data.get("dataset_intendedUse")):
        covers[DataFacet.SCOPE] = ["dataset_intendedUse"]
    return covers


READER = Spdx3Reader()
