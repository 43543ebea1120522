"""Hugging Face model cards: a ``README.md`` whose YAML front matter carries the metadata.

The front matter is found with our own small parser on PyYAML's safe loader (not
huggingface_hub, which is heavy and reaches for the network). What a card can say is limited:
its ``license`` applies to the repository (the weights and the card), ``datasets`` lists some
public training data and ``base_model`` makes the release derived. Training code and the data
information OSAID requires cannot be inferred, so the report says so.

A publisher can put a whole osaid manifest under an ``osaid:`` key in the front matter; its
explicit values win over everything inferred from the card.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from osaid import _validation
from osaid._errors import InputError, Problem
from osaid._keys import join_key
from osaid.model import (
    NOASSERTION,
    AdditionalTerm,
    BaseRelation,
    Component,
    ComponentKind,
    LicenseDeclaration,
    Note,
    Origin,
    Release,
    ReleaseBase,
    Scope,
    Source,
)
from osaid.readers._base import Reader
from osaid.readers._card_body import body_licence_note
from osaid.readers._document import Document, parse
from osaid.readers._merge import FIELDS, merge
from osaid.readers._native import MANIFEST_KEYS, MARKER, to_release, validate_manifest

_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(?P<yaml>.*?)(?:\r?\n)?^---[ \t]*\r?$", re.S | re.M)
"""A card's front matter (a CRLF before the closing line's end too). Linear: the lazy body is
extended one character at a time, and only at a line opening with ``---`` does more than one
character get looked at."""
_HEADING_START = re.compile(r"^#[ \t]", re.M)
_NO_LICENCE_IDS = {"unknown": NOASSERTION}
_HUB_RELATIONS = {
    "adapter": BaseRelation.ADAPTER,
    "merge": BaseRelation.MERGE,
    "quantized": BaseRelation.QUANTIZATION,
    "finetune": BaseRelation.FINE_TUNE,
}
"""Hugging Face's ``base_model_relation`` values (hub-docs, model cards) in osaid's words."""


def heading(body: str) -> str | None:
    """The title of the first level-1 heading (``# Title``) in Markdown ``body``, if any."""
    found = heading_at(body)
    return found[0] if found else None


def heading_at(body: str) -> tuple[str, int] | None:
    """The first level-1 heading's title and where its line starts in ``body``.

    Each line that opens with ``#`` and a space or tab is taken apart once, without a regular
    expression: a pattern with a lazy title before optional closing characters was quadratic
    in the length of a line of spaces (64 KiB took 14 s). As in CommonMark, a closing run of
    ``#`` counts only after a space or tab (``# C#`` is titled ``C#``), and a heading with no
    title (``#`` and blanks) is passed over.
    """
    fences = _fenced(body)
    for match in _HEADING_START.finditer(body):
        if any(start <= match.start() < end for start, end in fences):
            continue  # a ``# comment`` in a code block is no heading
        end = body.find("\n", match.end())
        line = body[match.end() : end if end >= 0 else len(body)]
        title = _title(line)
        if title:
            return title, match.start()
    return None


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.M)


def _fenced(body: str) -> list[tuple[int, int]]:
    """Where the fenced code blocks of ``body`` start and end.

    As in CommonMark, a run of three or more backticks or tildes opens a block, and a run of the
    same character at least as long closes it; an unclosed block runs to the end.
    """
    blocks: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    for match in _FENCE.finditer(body):
        if opened is None:
            opened = match
        elif match[1][0] == opened[1][0] and len(match[1]) >= len(opened[1]):
            blocks.append((opened.start(), match.end()))
            opened = None
    if opened is not None:
        blocks.append((opened.start(), len(body)))
    return blocks


_MARKUP = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"<[^>]{0,200}>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__|\*|`)"), ""),  # emphasis and code marks
)
_GENERIC_TITLE = re.compile(r"^model card(?: for| of)?\s*:?\s*", re.I)


def plain_title(title: str) -> str | None:
    """A heading's text as a name: Markdown marks, leading symbols and "Model Card for" removed.

    ``**Llama 2**`` is named ``Llama 2``, ``🚀 Falcon-7B`` ``Falcon-7B``, ``Model Card for
    Mixtral-8x7B`` ``Mixtral-8x7B``; the template's ``Model Card for Model ID`` names nothing.
    """
    for pattern, replacement in _MARKUP:
        title = pattern.sub(replacement, title)
    start = next((i for i, char in enumerate(title) if char.isalnum()), len(title))
    title = _GENERIC_TITLE.sub("", title[start:]).strip()
    return None if not title or title.lower() == "model id" else title


def _title(line: str) -> str:
    """A heading line's title: blanks, a CR and a closing run of ``#`` removed."""
    title = line.strip(" \t\r")
    bare = title.rstrip("#")
    if bare != title and (not bare or bare[-1] in " \t"):
        title = bare.rstrip(" \t")
    return title


_REUSE_LINE = re.compile(r"^\s*(?:#.*|SPDX-[A-Za-z-]+\s*:.*)?$")


def reuse_only(front: str) -> bool:
    """Whether front matter holds only REUSE tags (reuse.software spec 3.3), no card keys."""
    lines = front.splitlines()
    return any(line.strip() for line in lines) and all(map(_REUSE_LINE.match, lines))


def split_front_matter(text: str) -> tuple[str, int, str] | None:
    """Return (front matter, its first line number - 1, body), or None when there is none."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    offset = text[: match.start("yaml")].count("\n")
    return match["yaml"], offset, text[match.end() :]


class CardReader(Reader):
    """Reads Hugging Face model cards (Markdown with YAML front matter)."""

    name = "hf-model-card"
    description = "Hugging Face model cards (README.md with YAML front matter)"
    title = "Hugging Face model card"
    precedence = 1
    suffixes = (".md", ".markdown")
    prefill = True
    sniffs_data = False
    manifest_key = "osaid"

    def sniff_text(self, text: str) -> bool:
        """A card opens with a ``---`` fenced YAML block followed by Markdown.

        A block holding only REUSE tags (``SPDX-License-Identifier``, ``SPDX-FileCopyrightText``,
        ...) licenses the Markdown file itself: it is no model card.
        """
        parts = split_front_matter(text)
        return parts is not None and not reuse_only(parts[0])

    def read_text(self, text: str, name: str) -> Release:
        """Read the front matter, merge an ``osaid:`` manifest if present, infer the rest."""
        parts = split_front_matter(text)
        assert parts is not None  # noqa: S101 - sniff_text guarantees it
        front, offset, body = parts
        doc = parse(front, name, line_offset=offset)
        if doc.data is None:
            doc = Document(name, front, {}, "yaml", {}, offset)
        if not isinstance(doc.data, dict):
            found = type(doc.data).__name__
            raise InputError(
                Problem(
                    f"the front matter must be a YAML mapping, not a {found}",
                    file=name,
                    line=offset + 1,
                )
            )
        body_line = text[: len(text) - len(body)].count("\n") + 1
        return _Card(doc, body, body_line).release()

    def read_metadata(self, doc: Document) -> Release:
        """Read a card's metadata parsed already (``osaid.check_data``): no Markdown body."""
        return _Card(doc, "", 1).release()

    def sniff(self, doc: Document) -> bool:  # noqa: ARG002 - cards are recognised from text
        """Cards are recognised from raw text only."""
        return False

    def read(self, doc: Document) -> Release:
        """Not used: cards are read from text."""
        raise NotImplementedError(doc.name)


class _Card:
    """One card being read: the front matter document and the Markdown body."""

    def __init__(self, doc: Document, body: str, body_line: int) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data
        self.body = body
        self.body_line = body_line
        """The line of ``text`` the Markdown body starts on (the closing ``---``)."""
        self.inferred: list[str] = []

    def origin(self, key: str) -> Origin:
        if not key:
            line = self.doc.line_offset or None  # 0: metadata given as data, not text
            return Origin(file=self.doc.name, key="front matter", line=line)
        return self.doc.origin(key)

    def release(self) -> Release:
        inferred = self._inferred_release()
        explicit = self.data.get("osaid")
        if explicit is None:
            return inferred.model_copy(update={"notes": (*inferred.notes, *self._notes(False))})
        return self._merge(explicit, inferred)

    # -- inference from standard card metadata ------------------------------------------

    def _inferred_release(self) -> Release:
        name, name_origin = self._name()
        license_ = self._license()
        weights = self._component(ComponentKind.MODEL_PARAMETERS_FINAL, "model weights", license_)
        gate = self._gate()
        if gate is not None:
            weights = weights.model_copy(update={"additional_terms": (gate,)})
        components = [weights, self._component(ComponentKind.MODEL_CARD, "model card", license_)]
        listing = self._datasets()
        if listing is not None:
            components.append(listing)
        bases = self._base_models()
        # Every value keeps where it came from, so merging cannot drop it. A card describes a
        # model, so its scope is the model, stated by the front matter as a whole. Missing items
        # point at the front matter, where a publisher would add an `osaid:` manifest (a plain
        # card has no `osaid.components` key to point at).
        origins = {
            "name": name_origin,
            "scope": self.origin(""),
            "components": self.origin(""),
        }
        if bases:
            origins["base_models"] = self.origin("base_model")
        return Release(
            name=name,
            scope=Scope.MODEL,
            base_models=bases,
            components=tuple(components),
            source=Source(file=self.doc.name, format=CardReader.name, manifest_in=CardReader.name),
            origins=origins,
        )

    def _name(self) -> tuple[str, Origin]:
        """The model's name and where it was found.

        In order: the front matter's ``model_name``, then ``model-index[0].name``, then the
        folder of a ``README.md`` (a Hub repository's name), then the first level-1 heading
        outside code blocks with its Markdown removed, then the file name.
        """
        name = self.data.get("model_name")
        if isinstance(name, str) and name.strip():
            return name.strip(), self.origin("model_name")
        index = self.data.get("model-index")
        first = index[0] if isinstance(index, list) and index else None
        name = first.get("name") if isinstance(first, dict) else None
        if isinstance(name, str) and name.strip():
            return name.strip(), self.origin(join_key(join_key("model-index", 0), "name"))
        path = PurePath(self.doc.name)
        if path.name.lower() == "readme.md" and path.parent.name:
            return path.parent.name, Origin(file=self.doc.name, key="folder name")
        found = heading_at(self.body)
        title = plain_title(found[0]) if found is not None else None
        if found is not None and title is not None:
            line = self.body_line + self.body.count("\n", 0, found[1])
            return title, Origin(file=self.doc.name, key="heading", line=line)
        return path.parent.name or path.stem, Origin(file=self.doc.name, key="file name")

    def _license(self) -> LicenseDeclaration | None:
        value = self.data.get("license")
        if value is None:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            written = ", ".join(value)
            self.inferred.append(f"'license' lists several licences ({written}); all must apply")
            expression = " AND ".join(_NO_LICENCE_IDS.get(str(v), str(v)) for v in value)
            return LicenseDeclaration(
                expression=expression, written=written, origin=self.origin("license")
            )
        if not isinstance(value, str):
            raise InputError(self.doc.problem("license", "must be a licence id (text)"))
        if value.strip().lower() == "other":
            return self._other_license()
        expression = _NO_LICENCE_IDS.get(value.strip().lower(), value.strip())
        return LicenseDeclaration(
            expression=expression, written=value, origin=self.origin("license")
        )

    def _other_license(self) -> LicenseDeclaration:
        name = self.data.get("license_name")
        link = self.data.get("license_link")
        where = f" ({link})" if isinstance(link, str) and link else ""
        if isinstance(name, str) and name.strip():
            self.inferred.append(
                f"'license: other' with license_name '{name}'{where}: osaid checks the name "
                "against its catalogue of known licences; an unknown name cannot be verified"
            )
            return LicenseDeclaration(
                expression=name.strip(),
                written=f"other: {name}",
                origin=self.origin("license_name"),
            )
        self.inferred.append(f"'license: other' without license_name{where} cannot be verified")
        return LicenseDeclaration(
            expression=NOASSERTION, written="other", origin=self.origin("license")
        )

    def _component(
        self, kind: ComponentKind, label: str, license_: LicenseDeclaration | None
    ) -> Component:
        link = self.data.get("license_link")
        return Component(
            kind=kind,
            name=label,
            license=license_,
            location=PurePath(self.doc.name).name if kind is ComponentKind.MODEL_CARD else None,
            license_file=link if isinstance(link, str) and link.strip() else None,
            origin=license_.origin if license_ and license_.origin else self.origin(""),
            inferred_from="license",
        )

    def _gate(self) -> AdditionalTerm | None:
        """``extra_gated_prompt`` / ``extra_gated_fields``: the Hub's click-through gate.

        A gate is read as gated access on the weights. Gating alone withholds nothing a licence
        grants, so it is a warning, not a failure; the terms a gate makes users accept are
        what can restrict, and the warning asks for them to be declared.
        """
        key = next(
            (k for k in ("extra_gated_prompt", "extra_gated_fields") if k in self.data), None
        )
        if key is None:
            return None
        prompt = self.data.get("extra_gated_prompt")
        self.inferred.append(f"'{key}' was read as gated access to the weights")
        return AdditionalTerm(
            kind="gated-access",
            location=f"{PurePath(self.doc.name).name} ({key})",
            notes=prompt[:500] if isinstance(prompt, str) else None,
            origin=self.origin(key),
            inferred_from=key,
        )

    def _datasets(self) -> Component | None:
        """``datasets``: the listing of public training data, with no licence of its own.

        The card's ``license`` is the weights' licence, not the datasets' (StarCoder2 lists The
        Stack v2, OLMo lists Dolma under ODC-By), so the listing is never given it: it is judged
        on what it says, and its own terms must be declared to pass. Its location is the card's
        file name, relative to the card's folder whatever path the card was read from.
        """
        value = self.data.get("datasets")
        if value is None:
            return None
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise InputError(self.doc.problem("datasets", "must be a list of dataset ids"))
        self.inferred.append(
            f"'datasets' ({', '.join(names)}) was taken as the listing of publicly available "
            "training data; it is not the complete description of all training data, and it "
            "has no licence of its own (the card's `license` is the weights'): declare the "
            "listing's terms in an `osaid:` manifest"
        )
        return Component(
            kind=ComponentKind.PUBLIC_DATA_LISTING,
            name="datasets listed in the card",
            location=PurePath(self.doc.name).name,
            notes=", ".join(names),
            origin=self.origin("datasets"),
            inferred_from="datasets",
        )

    def _base_models(self) -> tuple[ReleaseBase, ...]:
        value = self.data.get("base_model")
        if value is None:
            return ()
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise InputError(self.doc.problem("base_model", "must be a model id or a list of ids"))
        relation, how = self._relation(len(names))
        self.inferred.append(
            f"'base_model' makes this a derived release of {' + '.join(names)} ({how})"
        )
        return tuple(
            ReleaseBase(
                name=name,
                relation=relation,
                origin=self.origin(
                    "base_model" if isinstance(value, str) else join_key("base_model", i)
                ),
            )
            for i, name in enumerate(names)
        )

    def _relation(self, count: int) -> tuple[BaseRelation, str]:
        """The relation the card states, in osaid's words, and how it was found.

        Hugging Face's ``base_model_relation`` (``adapter``, ``merge``, ``quantized``,
        ``finetune``) is read as written; without it, a ``merge`` tag or several bases mean a
        merge and one base a fine-tune, as the Hub itself infers.
        """
        written = self.data.get("base_model_relation")
        if written is None:
            tags = self.data.get("tags")
            tagged = isinstance(tags, list) and "merge" in tags
            if tagged or count > 1:
                why = "tags: merge" if tagged else "several bases"
                return BaseRelation.MERGE, f"a merge: {why}"
            return BaseRelation.FINE_TUNE, "a fine-tune, as no base_model_relation says otherwise"
        relation = _HUB_RELATIONS.get(str(written).strip().lower())
        if relation is None:
            hint = _validation.suggest(str(written), _HUB_RELATIONS)
            hint = hint or " (adapter, merge, quantized or finetune)"
            message = f"'{written}' is not a Hugging Face base_model_relation{hint}"
            raise InputError(self.doc.problem("base_model_relation", message))
        return relation, f"base_model_relation: {written}"

    def _notes(self, has_manifest: bool) -> tuple[Note, ...]:
        notes = []
        if "license" not in self.data:
            said = body_licence_note(self.body, self.body_line, self.doc.name)
            notes.extend([said] if said else [])
        if self.inferred:
            notes.append(
                Note(
                    code="card-inferred",
                    message="Inferred from the model card: " + "; ".join(self.inferred) + ".",
                    origin=self.origin(""),
                )
            )
        tags = self.data.get("tags")
        merged = self.data.get("base_model_relation") == "merge" or (
            isinstance(tags, list) and "merge" in tags
        )
        if merged and not self.data.get("base_model"):
            notes.append(
                Note(
                    code="card-merge-without-base",
                    message=(
                        "The card says the model is a merge (tags: merge or base_model_relation: "
                        "merge) but names no base_model, so osaid cannot check the merged "
                        "models' terms, data information and code. List them in the front "
                        "matter as Hub ids: 'base_model: [org/model-a, org/model-b]'."
                    ),
                    origin=self.origin("tags" if "tags" in self.data else "base_model_relation"),
                )
            )
        if not has_manifest:
            notes.append(
                Note(
                    code="card-limits",
                    format_limit=True,
                    message=(
                        "A model card alone cannot show the training code or the data "
                        "information OSAID requires. Describe them under an 'osaid:' key in the "
                        "front matter (an osaid manifest) or in an osaid.yaml next to the card."
                    ),
                    origin=self.origin(""),
                )
            )
        return tuple(notes)

    # -- an explicit manifest under `osaid:` --------------------------------------------

    def _merge(self, explicit: Any, inferred: Release) -> Release:
        if not isinstance(explicit, dict):
            raise InputError(self.doc.problem("osaid", "must be a mapping (an osaid manifest)"))
        data = {"manifest": MARKER, "name": inferred.name, **explicit}
        manifest = validate_manifest(data, self.doc, "osaid")
        declared = to_release(manifest, self.doc, "osaid", "osaid-manifest")
        # The block states only what it writes: every other field is left to the card (the
        # name filled in above merely satisfies the manifest schema).
        written = {
            field: origin
            for field, origin in declared.origins.items()
            if MANIFEST_KEYS.get(field, field) in explicit
        }
        unstated = {
            field: Release.model_fields[field].get_default()
            for field in FIELDS
            if MANIFEST_KEYS.get(field, field) not in explicit
        }
        declared = declared.model_copy(update={**unstated, "origins": written})
        source = Source(file=self.doc.name, format=CardReader.name, manifest_in=CardReader.name)
        merged = merge([declared, inferred], source, describe=False)
        return merged.model_copy(update={"notes": (*merged.notes, *self._notes(True))})


READER = CardReader()
