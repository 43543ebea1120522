"""``osaid init``'s starter manifest: an ``osaid.yaml`` for a repository.

The starter lists every item the definition asks for, pre-filled from what the repository
already says (a Hugging Face model card, MOF model files, a LICENSE file). Whatever osaid could
not find out stays an explicit placeholder (``license: NOASSERTION`` with a ``TODO`` comment, or
a commented-out recommended item), so ``osaid check`` keeps reporting it until it is filled in.
The items come from the definition's requirements, so a new definition needs no code here.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import yaml

from osaid._errors import InputError, OsaidError, Problem
from osaid._escape import safe, safe_line, shell_word
from osaid._keys import location
from osaid.cli._output import OutputRefusedError, replace_file, replaceable
from osaid.definition import DEFAULT_DEFINITION, Definition, Obligation, load_definition
from osaid.model import BaseRelation, Component, ComponentKind, Release, Source
from osaid.readers import (
    READERS,
    LicenseGuess,
    candidates,
    find_license,
    merge,
    read_text,
    read_text_as,
    reader,
    try_read,
)

__all__ = ["Inference", "InitResult", "command", "describe", "init"]

MANIFEST_NAMES = tuple(name for each in READERS for name in each.names)
"""The names an osaid manifest takes (the first is the one ``init`` writes)."""

_KEYS = """\
#   license: NOASSERTION  not known yet: write an SPDX expression (Apache-2.0,
#                         CC-BY-4.0 OR MIT, ...), or NONE when there is no licence
#   location: ...         a URL or a path relative to this file
#   used: false           for an item required "if used" that this release did not use
#   # - kind: ...         a recommended item: uncomment it if you publish it
#
# Sections, one per element of the definition:"""

_OBLIGATION = {
    Obligation.MUST: "required",
    Obligation.MUST_IF_USED: "required if used",
    Obligation.RECOMMENDED: "recommended; uncomment it if you publish it",
}
_WIDTH = 96
_NOT_YAML = re.compile("[\ufffe\uffff]")
"""Characters YAML does not allow in a stream that :func:`osaid._escape.safe` leaves alone."""


@dataclass(frozen=True)
class Inference:
    """One value ``osaid init`` filled in, and where it was read."""

    what: str
    value: str
    source: str


@dataclass(frozen=True)
class InitResult:
    """What ``osaid init`` wrote, what it inferred from where, and what is left to fill in."""

    path: Path
    inferred: tuple[Inference, ...]
    todo: tuple[str, ...]
    replaced: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Slot:
    """One item the definition asks for: a requirement satisfied by components of given kinds."""

    element: str
    title: str
    kinds: tuple[ComponentKind, ...]
    obligation: Obligation
    remediation: str


@dataclass
class _Found:
    """What the repository already says."""

    release: Release | None = None
    sources: dict[str, str] = field(default_factory=dict)
    license: LicenseGuess | None = None
    notes: list[str] = field(default_factory=list)
    files: dict[ComponentKind, list[str]] = field(default_factory=dict)
    """Files at the top of the directory that look like parts of the release, by kind."""


# -- reading what the repository says ----------------------------------------------------


def _read_sources(directory: Path) -> _Found:
    found = _Found()
    releases: list[Release] = []
    for path in candidates(directory):
        if path.name.lower() in MANIFEST_NAMES:
            continue
        try:
            release = try_read(read_text(path), path.name)
        except OsaidError as exc:
            found.notes.append(f"{path.name} was not used: {exc}")
            continue
        if release is None:
            continue
        fmt = reader(release.source.format)
        if fmt is not None and fmt.prefill:  # SBOMs stay beside the manifest, read by check
            releases.append(release)
            found.sources[path.name] = fmt.title
        else:
            found.notes.append(
                f"{path.name} ({release.source.format}) is not copied: `osaid check` on the "
                "directory reads it next to osaid.yaml"
            )
    if len(releases) == 1:
        found.release = releases[0]
    elif releases:
        found.release = merge(releases, Source(file=str(directory), format="directory"))
    found.license = find_license(directory)
    from osaid.readers._inventory import release_files  # noqa: PLC0415 - init only

    for item in release_files(directory):
        found.files.setdefault(item.kind.kind, []).append(item.name)
    return found


# -- the items the definition asks for ---------------------------------------------------


def _slots(definition: Definition, subject: str) -> list[_Slot]:
    slots: dict[tuple[ComponentKind, ...], _Slot] = {}
    for req in definition.requirements:
        evidence = req.evidence
        if evidence is None or evidence.subject != subject or evidence.facet is not None:
            continue
        kinds = tuple(evidence.kinds)
        if kinds not in slots:
            remediation = " ".join(req.remediation.split())
            slots[kinds] = _Slot(req.element, req.title, kinds, req.obligation, remediation)
    return list(slots.values())


def _facets(definition: Definition) -> list[str]:
    facets = (r.evidence.facet for r in definition.requirements if r.evidence is not None)
    return list(dict.fromkeys(f.value for f in facets if f is not None))


# -- writing the manifest ------------------------------------------------------------------


def _escaped(text: str) -> str:
    r"""``text`` with every character that could drive a terminal or that YAML refuses escaped.

    The escapes (``\u0080``) are YAML's own inside a double-quoted scalar, so a value reads back
    unchanged; in a comment they show what the input held instead of hiding or breaking it.
    """
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", safe(text))


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: the pure-Python scanner took over a second for a
card name of 10 MiB of spaces, and ``_scalar`` tries every value."""


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when it reads back unchanged, else double-quoted.

    A value holding a control, bidi or line-separator character, a lone surrogate or a C1
    control (which YAML refuses, e.g. U+0080) is always quoted with that character escaped: the
    manifest is a file people read and review, and it must read back as the value it holds.
    """
    plain = (
        re.fullmatch(r"[A-Za-z0-9_./][^\n#]*", value) is not None
        and value == value.strip()
        and ": " not in value
        and not value.endswith(":")
        and _escaped(value) == value
    )
    with contextlib.suppress(yaml.YAMLError):
        if plain and yaml.load(value, Loader=_SAFE_LOADER) == value:  # noqa: S506 - safe loader
            return value
    return _escaped(json.dumps(value, ensure_ascii=False))


def _flat(text: str) -> str:
    """Text safe inside a YAML comment: one line, with what is unsafe or not YAML escaped."""
    return _escaped(safe_line(text))


def _comment(text: str, indent: str, lead: str = "", hanging: str = "") -> list[str]:
    prefix = f"{indent}# "
    return textwrap.wrap(
        _flat(text),
        _WIDTH,
        initial_indent=prefix + lead,
        subsequent_indent=prefix + hanging,
        break_on_hyphens=False,
        break_long_words=False,
    )


def _where(component: Component, key: str) -> str:
    origin = component.origin
    if key == "license" and component.license is not None and component.license.origin:
        origin = component.license.origin
    return _flat(f"{location(origin.file, origin.line)} ({origin.key})")


class _Writer:
    """Builds the manifest text and records what was inferred and what is left to do."""

    def __init__(self, definition: Definition, found: _Found, directory: Path) -> None:
        self.definition = definition
        self.found = found
        self.directory = directory
        self.lines: list[str] = []
        self.inferred: list[Inference] = []
        self.todo: list[str] = []

    def text(self) -> str:
        release = self.found.release
        self._header()
        self._release(release)
        if release is not None and release.base_model is not None:
            self._base_model(release)
        self._components(list(release.components) if release else [])
        return "\n".join(self.lines) + "\n"

    def _header(self) -> None:
        read = [f"{name} ({kind})" for name, kind in self.found.sources.items()]
        guess = self.found.license
        if guess is not None:
            read.append(f"{guess.file} ({guess.spdx or 'licence not recognised'})")
            if guess.spdx:
                self.inferred.append(Inference("repository licence", guess.spdx, guess.file))
        origin = ", ".join(read) or "nothing: no model card, MOF file or LICENSE was found"
        d = self.definition
        self.lines += [
            *_modeline(),
            *_comment(
                "osaid.yaml: the description of this AI release that `osaid check` reads, "
                f"written by `osaid init` from {origin}.",
                "",
            ),
            "#",
            *_comment(
                f"It lists every item the {d.definition.title} ({d.id}) asks for. What osaid "
                "could not find out is marked TODO, and `osaid check` reports each such item "
                "until you fill it in:",
                "",
            ),
            _KEYS,
        ]
        for element in self._elements():
            self.lines += _comment(self._element(element), "", "  ", "    ")
        self.lines += [
            "#",
            "# osaid is a self-assessment aid: OSI does not certify AI systems.",
            "manifest: osaid/1",
        ]

    def _elements(self) -> list[str]:
        return list(dict.fromkeys(s.element for s in _slots(self.definition, "release")))

    def _element(self, element: str) -> str:
        info = self.definition.elements[element]
        about = info.about
        condition = self.definition.conditions.get(info.condition or "")
        text = info.title + (f": {about}" if about else "")
        return text + (f"; under {condition.phrase}" if condition else "")

    def _release(self, release: Release | None) -> None:
        name = release.name if release is not None else None
        if name:
            source = self._source_of("name")
            self.lines.append(f"name: {_scalar(name)}  # from {source}")
            self.inferred.append(Inference("name", name, source))
        else:
            name = self.directory.resolve().name or "my-ai-system"
            self.lines.append(f"name: {_scalar(name)}  # TODO: the release's name")
            self.todo.append("name: the release's name (the directory name was used)")
        for key, hint in (("version", '"1.0"'), ("producer", "who publishes the release")):
            value = getattr(release, key) if release is not None else None
            if value:
                source = self._source_of(key)
                self.lines.append(f"{key}: {_scalar(value)}  # from {source}")
                self.inferred.append(Inference(key, value, source))
            else:
                self.lines.append(f"# {key}: {hint}  (optional)")
        self.lines += [
            "scope: system  # what you claim is Open Source: system | model | weights",
            "distribution: distributed  # or hosted: only remote access (cannot conform)",
        ]

    def _source_of(self, key: str) -> str:
        release = self.found.release
        origin = release.origins.get(key) if release is not None else None
        if origin is not None:
            return _flat(location(origin.file, origin.line))
        return _flat(", ".join(self.found.sources))

    def _base_model(self, release: Release) -> None:
        """Every base the sources name, with its relation and what OSAID asks of it."""
        self.lines.append("base_model:  # the models this release was derived from")
        for base in release.base_models:
            source = _flat(f"{base.origin.file}:{base.origin.line} ({base.origin.key})")
            self.inferred.append(Inference("base_model", base.name, source))
            self.lines += [
                f"  - name: {_scalar(base.name)}  # from {source}",
                f"    relation: {base.relation.value}",
            ]
            if base.location:
                self.lines.append(f"    location: {_scalar(base.location)}")
            self.lines += [
                "    # What its publisher gives: its parameters' licence (it binds this release),",
                "    # its data information and training code (OSAID asks for them).",
                "    components:",
            ]
            teacher = base.relation is BaseRelation.DISTILLATION_TEACHER
            slots = _slots(self.definition, "teacher" if teacher else "base-model")
            label = "teacher " if teacher else "base model "
            self._items(slots, list(base.components), "      ", label)

    def _components(self, found: list[Component]) -> None:
        self.lines += ["", "components:"]
        slots = _slots(self.definition, "release")
        for element in self._elements():
            self.lines.append("")
            self.lines += _comment(f"==== {self._element(element)} ====", "  ")
            self._items([s for s in slots if s.element == element], found, "  ", "")
        known = {kind for slot in slots for kind in slot.kinds}
        others = [c for c in found if c.kind not in known]
        if others:
            self.lines += ["", "  # ==== Other components found (not required by the definition)"]
        for component in others:
            self._found(component, "  ")

    def _items(self, slots: list[_Slot], found: list[Component], indent: str, label: str) -> None:
        for slot in slots:
            mine = [c for c in found if c.kind in slot.kinds]
            obligation = _OBLIGATION[slot.obligation]
            self.lines.append("")
            if mine:
                self.lines += _comment(f"{slot.title} ({obligation}).", indent)
            else:
                todo = f"TODO {slot.title} ({obligation}). {slot.remediation}"
                self.lines += _comment(todo, indent)
                self._placeholder(slot, indent)
                if slot.obligation is not Obligation.RECOMMENDED:
                    self.todo.append(f"{label}{slot.kinds[0].value}: {slot.title}")
            for component in mine:
                self._found(component, indent)

    def _placeholder(self, slot: _Slot, indent: str) -> None:
        off = "# " if slot.obligation is Obligation.RECOMMENDED else ""
        files = [name for kind in slot.kinds for name in self.found.files.get(kind, [])]
        first = slot.kinds[0]
        if len(files) == 1:  # the kind the file looks like, among the slot's
            first = next(k for k in slot.kinds if files[0] in self.found.files.get(k, []))
        others = " or ".join(k.value for k in slot.kinds if k is not first)
        where = (
            f"  location: {_scalar(files[0])}  # found in the repository; TODO: check it"
            if len(files) == 1
            else f"  {'' if off else '# '}location: TODO  # a URL or a repository-relative path"
            + (f" ({_flat(', '.join(files))} found here)" if files else "")
        )
        lines = [
            f"- kind: {first.value}" + (f"  # or {others}" if others else ""),
            f"  license: NOASSERTION  # TODO: {self._suggest(slot)}",
            where,
        ]
        if slot.kinds[0] is ComponentKind.DATA_DESCRIPTION:
            facets = ", ".join(_facets(self.definition))
            lines += [
                *_comment(f"TODO: list the aspects it covers: {facets}", "  "),
                "  covers: []",
                "  not_used: []  # aspects that do not apply, e.g. [labelling]",
            ]
        self.lines += [f"{indent}{off}{line}" for line in lines]

    def _suggest(self, slot: _Slot) -> str:
        guess = self.found.license
        if guess is not None and guess.spdx and slot.element == "code":
            return _flat(f"{guess.spdx} as in {guess.file}, if it covers this")
        element = self.definition.elements[slot.element]
        condition = self.definition.conditions.get(element.condition or "")
        examples = condition.examples[:3] if condition else []
        return _flat(f"e.g. {', '.join(examples)}") if examples else "an SPDX licence expression"

    def _found(self, component: Component, indent: str) -> None:
        lines = [f"- kind: {component.kind.value}"]
        for key in ("name", "location"):
            value = getattr(component, key)
            if value and value != component.kind.value:
                lines.append(f"  {key}: {_scalar(value)}")
        if component.license is not None:
            source = _where(component, "license")
            expression = component.license.expression
            lines.append(f"  license: {_scalar(expression)}  # from {source}")
            self.inferred.append(Inference(f"{component.kind.value} licence", expression, source))
        elif component.used:
            lines.append("  license: NOASSERTION  # TODO: no licence was stated")
            self.todo.append(f"{component.kind.value}: its licence")
        if component.license_file:
            lines.append(f"  license_file: {_scalar(component.license_file)}")
        if not component.used:
            lines.append("  used: false")
        if component.notes:
            lines.append(f"  notes: {_scalar(component.notes)}")
            if component.kind is ComponentKind.PUBLIC_DATA_LISTING:
                self.inferred.append(Inference("datasets", component.notes, _where(component, "")))
        for key in ("covers", "not_used"):
            values = sorted(f.value for f in getattr(component, key))
            if values or (key == "covers" and component.kind is ComponentKind.DATA_DESCRIPTION):
                lines.append(f"  {key}: [{', '.join(values)}]")
        self.lines += [f"{indent}{line}" for line in lines]


# -- the command -----------------------------------------------------------------------------


def init(
    directory: str | Path, force: bool = False, definition: str = DEFAULT_DEFINITION
) -> InitResult:
    """Write a starter ``osaid.yaml`` in ``directory`` and say what was filled in from where.

    Never replaces an existing ``osaid.yaml``, ``osaid.yml`` or ``osaid.json`` unless ``force``
    (then the new file replaces them all). Writes atomically, inside ``directory`` only.
    Raises :class:`osaid.InputError` when the directory is missing or a manifest exists.
    """
    folder = Path(directory)
    try:
        is_directory = folder.is_dir()
    except (OSError, ValueError):  # a NUL character, or a path the system cannot use
        is_directory = False
    if not is_directory:
        raise InputError(Problem("is not a directory", file=safe_line(str(folder))))
    existing = [folder / n for n in MANIFEST_NAMES if os.path.lexists(folder / n)]
    if existing and not force:
        raise InputError(
            Problem(
                "already exists; osaid init does not overwrite it (use --force to replace it)",
                file=str(existing[0]),
            )
        )
    for path in existing:
        _replaceable(path)
    found = _read_sources(folder)
    writer = _Writer(load_definition(definition), found, folder)
    text = writer.text()
    target = next((p for p in existing if p.suffix != ".json"), folder / MANIFEST_NAMES[0])
    _reads_back(text, folder)
    _replaceable(target)
    try:
        replace_file(target, [text.encode("utf-8")], mode=0o644)
    except OutputRefusedError as exc:  # it became a link or a FIFO meanwhile
        raise InputError(Problem(f"{exc.reason}; nothing was written", file=str(target))) from None
    except OSError as exc:
        problem = Problem(f"cannot be written ({exc.strerror or exc})", file=str(target))
        raise InputError(problem) from None
    for path in existing:
        if path != target:
            path.unlink()
    guess = found.license
    if guess is not None and guess.spdx is None:
        why = f" (it looks like {guess.hint})" if guess.hint else ""
        found.notes.append(f"{guess.file}: licence not recognised{why}; nothing was assumed")
    return InitResult(
        path=target,
        inferred=tuple(writer.inferred),
        todo=tuple(writer.todo),
        replaced=tuple(existing),
        notes=tuple(found.notes),
    )


def _replaceable(path: Path) -> None:
    """``path`` may be replaced: absent or a regular file, never a link, FIFO or device."""
    try:
        replaceable(path)
    except OutputRefusedError as exc:
        message = f"{exc.reason}; nothing was written"
        raise InputError(Problem(message, file=str(path))) from None


def _modeline() -> list[str]:
    """Points YAML editors (yaml-language-server: VS Code, Neovim, Helix...) at the schema.

    Nothing while osaid's repository has no address: a modeline to a missing file is worse
    than none (``osaid schema manifest`` prints the schema to keep beside the manifest).
    """
    from osaid._schemas import schema_url  # noqa: PLC0415

    url = schema_url("manifest")
    return [] if url is None else [f"# yaml-language-server: $schema={url}"]


def _reads_back(text: str, folder: Path) -> None:
    """What ``osaid init`` writes must read back; a failure names no file it did not write."""
    try:
        read_text_as(text, "the starter manifest")
    except OsaidError as exc:
        message = (
            f"osaid init could not build a starter manifest that reads back ({exc}); nothing "
            "was written (this is a bug in osaid init: please report it)"
        )
        raise InputError(Problem(message, file=str(folder))) from None


def describe(result: InitResult) -> str:
    """What ``osaid init`` prints: the file written, what was filled in, what is left."""
    verb = "Replaced" if result.replaced else "Wrote"
    lines = [safe_line(f"{verb} {result.path}.")]
    if result.inferred:
        lines.append("Filled in from what was found:")
        lines += [safe_line(f"  {i.what}: {i.value}  ({i.source})") for i in result.inferred]
    lines += [safe_line(f"Note: {note}") for note in result.notes]
    if result.todo:
        lines.append("Still to fill in (marked TODO; `osaid check` reports each until you do):")
        lines += [f"  - {item}" for item in result.todo]
    lines.append(safe_line(f"Then run: osaid check {shell_word(str(result.path.parent))}"))
    return "\n".join(lines) + "\n"


def command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:  # noqa: ARG001
    """``osaid init [DIR] [--force]``: exit 0 when written (errors raise, and exit 2)."""
    out.write(describe(init(Path(args.directory), force=args.force)))
    return 0
