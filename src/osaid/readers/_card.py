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

from osaid._document import Document, parse
from osaid._errors import InputError, Problem
from osaid.model import (
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
from osaid.readers._merge import merge
from osaid.readers._native import MARKER, to_release, validate_manifest

_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(?P<yaml>.*?)(?:\r?\n)?^---[ \t]*\r?$", re.S | re.M)
"""A card's front matter (a CRLF before the closing line's end too). Linear: the lazy body is
extended one character at a time, and only at a line opening with ``---`` does more than one
character get looked at."""
_HEADING_START = re.compile(r"^#[ \t]", re.M)
_NO_LICENCE_IDS = {"unknown": "NOASSERTION"}


def heading(body: str) -> str | None:
    """The title of the first level-1 heading (``# Title``) in Markdown ``body``, if any.

    Each line that opens with ``#`` and a space or tab is taken apart once, without a regular
    expression: a pattern with a lazy title before optional closing characters was quadratic
    in the length of a line of spaces (64 KiB took 14 s). As in CommonMark, a closing run of
    ``#`` counts only after a space or tab (``# C#`` is titled ``C#``), and a heading with no
    title (``#`` and blanks) is passed over.
    """
    for match in _HEADING_START.finditer(body):
        end = body.find("\n", match.end())
        line = body[match.end() : end if end >= 0 else len(body)]
        title = _title(line)
        if title:
            return title
    return None


def _title(line: str) -> str:
    """A heading line's title: blanks, a CR and a closing run of ``#`` removed."""
    title = line.strip(" \t\r")
    bare = title.rstrip("#")
    if bare != title and (not bare or bare[-1] in " \t"):
        title = bare.rstrip(" \t")
    return title


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

    def sniff_text(self, text: str) -> bool:
        """A card opens with a ``---`` fenced YAML block followed by Markdown."""
        return split_front_matter(text) is not None

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
        return _Card(doc, body).release()

    def sniff(self, doc: Document) -> bool:  # noqa: ARG002 - cards are recognised from text
        """Cards are recognised from raw text only."""
        return False

    def read(self, doc: Document) -> Release:
        """Not used: cards are read from text."""
        raise NotImplementedError(doc.name)


class _Card:
    """One card being read: the front matter document and the Markdown body."""

    def __init__(self, doc: Document, body: str) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data
        self.body = body
        self.inferred: list[str] = []

    def origin(self, key: str) -> Origin:
        if not key:
            return Origin(file=self.doc.name, key="front matter", line=self.doc.line_offset)
        return Origin(file=self.doc.name, key=key, line=self.doc.line(key))

    def release(self) -> Release:
        inferred = self._inferred_release()
        explicit = self.data.get("osaid")
        if explicit is None:
            return inferred.model_copy(update={"notes": (*inferred.notes, *self._notes(False))})
        return self._merge(explicit, inferred)

    # -- inference from standard card metadata ------------------------------------------

    def _inferred_release(self) -> Release:
        name = self._name()
        license_ = self._license()
        components = [
            self._component(ComponentKind.MODEL_PARAMETERS_FINAL, "model weights", license_),
            self._component(ComponentKind.MODEL_CARD, "model card", license_),
        ]
        listing = self._datasets(license_)
        if listing is not None:
            components.append(listing)
        # Missing items point at where a publisher would add them: an `osaid:` manifest.
        origins = {"components": Origin(file=self.doc.name, key="osaid.components", line=1)}
        return Release(
            name=name,
            scope=Scope.MODEL,
            base_model=self._base_model(),
            components=tuple(components),
            source=Source(file=self.doc.name, format=CardReader.name),
            origins=origins,
        )

    def _name(self) -> str:
        index = self.data.get("model-index")
        first = index[0] if isinstance(index, list) and index else None
        name = first.get("name") if isinstance(first, dict) else None
        if isinstance(name, str) and name.strip():
            return name.strip()
        title = heading(self.body)
        if title is not None:
            return title
        path = PurePath(self.doc.name)
        return path.parent.name or path.stem

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
            expression="NOASSERTION", written="other", origin=self.origin("license")
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

    def _datasets(self, license_: LicenseDeclaration | None) -> Component | None:
        value = self.data.get("datasets")
        if value is None:
            return None
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise InputError(self.doc.problem("datasets", "must be a list of dataset ids"))
        self.inferred.append(
            f"'datasets' ({', '.join(names)}) was taken as the listing of publicly available "
            "training data; it is not the complete description of all training data"
        )
        return Component(
            kind=ComponentKind.PUBLIC_DATA_LISTING,
            name="datasets listed in the card",
            license=license_,
            location=self.doc.name,
            notes=", ".join(names),
            origin=self.origin("datasets"),
            inferred_from="datasets",
        )

    def _base_model(self) -> ReleaseBase | None:
        value = self.data.get("base_model")
        if value is None:
            return None
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise InputError(self.doc.problem("base_model", "must be a model id or a list of ids"))
        relation = self.data.get("base_model_relation")
        how = f" ({relation})" if isinstance(relation, str) else ""
        self.inferred.append(
            f"'base_model' makes this a derived release of {' + '.join(names)}{how}"
        )
        return ReleaseBase(name=" + ".join(names), origin=self.origin("base_model"))

    def _notes(self, has_manifest: bool) -> tuple[Note, ...]:
        notes = []
        if self.inferred:
            notes.append(
                Note(
                    code="card-inferred",
                    message="Inferred from the model card: " + "; ".join(self.inferred) + ".",
                    origin=self.origin(""),
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
        written = {key: origin for key, origin in declared.origins.items() if key in explicit}
        declared = declared.model_copy(update={"origins": written})
        source = Source(file=self.doc.name, format=CardReader.name)
        merged = merge([declared, inferred], source, describe=False)
        return merged.model_copy(update={"notes": (*merged.notes, *self._notes(True))})


READER = CardReader()
