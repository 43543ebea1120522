"""Models without validation, and compiled data files checked against their sources.

Validation is what pydantic is for at the edges: a manifest, a definition file, licence data.
Inside a check, osaid builds results, licence facts and the report from values it has
already typed, and validating them again only cost time: building a model's validator is the
most expensive step of a cold start, and every commit hook pays it. :func:`trusted` gives a
constructor with the model's own signature (type checkers check every call as if it were the
model's) that assembles the object directly; :func:`construct` rebuilds a model from data it
was dumped to (``model_dump(mode="json")``). Either way the object is the one validation would
have made: the same fields, defaults and private attributes.

The shipped data (definitions, licence tables) is validated when it is compiled
(``tasks/compile_data.py``), and a compiled file records the :func:`digest` of its sources and
the :func:`fingerprint` of the models it holds: it is used only while both still match, so it
can make a run faster but never change what it finds.
"""

from __future__ import annotations

import datetime
import json
import types
import zlib
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel

from osaid._files import FileRefusedError, read_regular

__all__ = ["choose_by", "construct", "digest", "fingerprint", "read_compiled", "trusted"]

FORMAT = 1
"""Version of the compiled files' layout (bumped when it changes)."""

MAX_SOURCE = 1024 * 1024
"""Largest source file digested (shipped data files are far smaller)."""


def _sum(data: bytes) -> str:
    """Length and two checksums of ``data``: any edit of a source shows, at zlib's speed.

    Not a cryptographic hash, and need not be: the files are osaid's own, and whoever can edit
    them can edit osaid itself; this only notices that they changed (importing hashlib alone
    cost more than the rest of the check against them).
    """
    return f"{len(data)}:{zlib.crc32(data):08x}:{zlib.adler32(data):08x}"


def digest(paths: Iterable[Path]) -> str | None:
    """Names, lengths and checksums of ``paths`` (None when one cannot be read)."""
    found = []
    for path in sorted(paths):
        try:
            content = read_regular(path, MAX_SOURCE)
        except FileRefusedError:
            return None
        found.append(f"{path.name}={_sum(content)}")
    return " ".join(found)


def fingerprint(models: Iterable[type[BaseModel]]) -> str:
    """A checksum of the fields of ``models`` and of every model they hold, at any depth.

    A compiled file is read only by the models it was made for: a field added to one makes
    the sources be read again.
    """
    waiting = list(models)
    seen: dict[str, list[tuple[str, str, str | None]]] = {}
    while waiting:
        model = waiting.pop()
        if model.__qualname__ in seen:
            continue
        fields = []
        for name, field in model.model_fields.items():
            fields.append((name, repr(field.annotation), field.alias))
            waiting.extend(_models(field.annotation))
        seen[model.__qualname__] = fields
    return _sum(json.dumps(sorted(seen.items())).encode())


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation names, at any depth."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models(arg)]


def read_compiled(path: Path, sources: Iterable[Path]) -> dict[str, Any] | None:
    """The compiled file ``path`` when it is of this layout and its sources are unchanged."""
    try:
        content = json.loads(read_regular(path, 4 * MAX_SOURCE))
    except (FileRefusedError, ValueError):
        return None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        return None
    return content if content.get("sources") == digest(sources) else None


M = TypeVar("M", bound=BaseModel)

Convert = Callable[[Any], Any]
_Field = tuple[str, str, Convert, Any, Callable[[], Any] | None]


def trusted(model: type[M]) -> type[M]:
    """A constructor for ``model`` that takes its fields as they are, without validation.

    Only for values osaid built and typed itself; the fields left out get their defaults.
    """
    return cast("type[M]", partial(_assemble, model))


def _assemble(model: type[BaseModel], **given: Any) -> BaseModel:
    defaults, factories = _defaults(model)
    values = defaults.copy()
    values.update(given)
    for name, factory in factories:
        if name not in given:
            values[name] = factory()
    return _object(model, values, set(given))


@cache
def _defaults(
    model: type[BaseModel],
) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    """Each field's default in field order, and the fields made by a factory.

    ``_assemble`` runs for every result of every check: copying one prepared mapping is what
    keeps it cheaper than validating (a loop over the fields was not).
    """
    fields = _fields(model)
    defaults = {name: default for name, _, _, default, _ in fields}
    factories = tuple((name, factory) for name, _, _, _, factory in fields if factory is not None)
    return defaults, factories


def _object(model: type[BaseModel], values: dict[str, Any], given: set[str]) -> BaseModel:
    """The instance, assembled the way ``model_construct`` assembles it."""
    built = model.__new__(model)
    private = _private(model)
    setattr_ = object.__setattr__
    setattr_(built, "__dict__", values)
    setattr_(built, "__pydantic_fields_set__", given)
    setattr_(built, "__pydantic_extra__", None)
    setattr_(built, "__pydantic_private__", _private_values(private) if private else None)
    return built


def _private_values(private: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return {name: attribute.get_default() for name, attribute in private}


@cache
def _private(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    return tuple(model.__private_attributes__.items())


def construct(model: type[M], data: dict[str, Any]) -> M:
    """``model`` rebuilt from data it was dumped to, without validating it again.

    Nested models, lists, mappings, optional values, enums, literals and dates are rebuilt. A
    field typed as a base class whose data names its subclass is rebuilt as the subclass its
    chooser (:func:`choose_by`) picks.
    """
    chooser = _CHOOSERS.get(model)
    if chooser is not None:
        chosen, data = chooser(data)
        model = cast("type[M]", chosen)
    values: dict[str, Any] = {}
    given: set[str] = set()
    fields = _fields(model)
    for name, key, convert, default, factory in fields:
        if key in data:
            values[name] = convert(data[key])
            given.add(name)
        else:
            values[name] = factory() if factory is not None else default
    built = _object(model, values, given)
    if model.model_config.get("extra") == "allow":  # keys beyond the fields, kept as written
        known = {key for _, key, _, _, _ in fields}
        extra = {key: value for key, value in data.items() if key not in known}
        object.__setattr__(built, "__pydantic_extra__", extra)
    return cast("M", built)


_Chooser = Callable[[dict[str, Any]], tuple[type[BaseModel], dict[str, Any]]]
_CHOOSERS: dict[type[BaseModel], _Chooser] = {}


def choose_by(base: type[BaseModel], chooser: _Chooser) -> None:
    """Rebuild data of ``base`` as the subclass ``chooser`` picks (with the data to use)."""
    _CHOOSERS[base] = chooser


@cache
def _fields(model: type[BaseModel]) -> tuple[_Field, ...]:
    """Each field of ``model``: name, key in the data, converter, default, default factory.

    A model's default instance is shared (osaid's models are frozen); a factory makes a new
    value for each object, as pydantic does.
    """
    found = []
    for name, field in model.model_fields.items():
        factory = cast("Callable[[], Any] | None", field.default_factory)
        annotation: Any = field.annotation
        found.append((name, field.alias or name, _converter(annotation), field.default, factory))
    return tuple(found)


def _same(value: Any) -> Any:
    return value


@cache
def _converter(annotation: Any) -> Convert:  # noqa: PLR0911 - one case per kind of type
    """How a dumped value of type ``annotation`` becomes the value again."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        inner = _converter(kinds[0])
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _converter(get_args(annotation)[0])
        return lambda value: [item(v) for v in value]
    if origin is dict:
        key_type, item_type = get_args(annotation)
        keys, items = _converter(key_type), _converter(item_type)
        return lambda value: {keys(k): items(v) for k, v in value.items()}
    if origin is Literal or annotation is Any:
        return _same
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value: construct(annotation, value)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    if annotation is datetime.date:
        return datetime.date.fromisoformat
    return _same
