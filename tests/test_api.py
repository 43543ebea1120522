"""The library's error contract: bad values raise OsaidError subclasses, wrong types TypeError.

Each case used to let OSError, ValueError, AttributeError or OverflowError escape, or (for
``check("")``) silently checked the working directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import osaid
from conftest import CONFORMANT
from osaid.readers import read_text_as

api: Any = osaid
"""The library, untyped: these calls pass values its annotations rule out on purpose."""

BAD_VALUES: dict[str, tuple[Any, type[osaid.OsaidError], str]] = {
    "nul in path": (lambda: api.check("a\x00b.yaml"), osaid.InputError, "NUL"),
    "nul in path, read": (lambda: api.read("a\x00b.yaml"), osaid.InputError, "NUL"),
    "nul in a Path": (lambda: api.check(Path("a\x00b")), osaid.InputError, "NUL"),
    "overlong path": (lambda: api.check("x" * 5000), osaid.InputError, "x" * 100),
    "overlong path in a directory": (
        lambda: api.check("/".join(["y" * 200] * 30)),
        osaid.InputError,
        "is not a usable path",
    ),
    "empty path": (lambda: api.check(""), osaid.InputError, "path is empty"),
    "empty path, read": (lambda: api.read(""), osaid.InputError, "path is empty"),
    "limit 2**63": (
        lambda: api.check(CONFORMANT, max_input_bytes=2**63),
        osaid.UsageError,
        "max_input_bytes",
    ),
    "limit with 5000 digits": (
        lambda: api.check(CONFORMANT, max_input_bytes=10**5000),
        osaid.UsageError,
        "-bit number",
    ),
    "limit 0": (
        lambda: api.check(CONFORMANT, max_input_bytes=0),
        osaid.UsageError,
        "max_input_bytes",
    ),
    "limit negative": (
        lambda: api.read(CONFORMANT, max_input_bytes=-1),
        osaid.UsageError,
        "max_input_bytes",
    ),
    "policy by name": (lambda: api.check(CONFORMANT, policy="x"), osaid.UsageError, "policy"),
    "licence policy by name": (
        lambda: api.evaluate_license("MIT", policy="mot-compat"),
        osaid.UsageError,
        "policy",
    ),
    "definition None": (
        lambda: api.check(CONFORMANT, definition=None),
        osaid.UsageError,
        "definition",
    ),
    "licence definition None": (
        lambda: api.evaluate_license("MIT", definition=None),
        osaid.UsageError,
        "definition",
    ),
    "load_definition None": (lambda: api.load_definition(None), osaid.UsageError, "definition"),
    "raw surrogate in JSON text": (
        lambda: read_text_as('{"manifest": "osaid/1", "name": "\ud800"}', "x.json"),
        osaid.InputError,
        "lone surrogate (U+D800) at character 33",
    ),
    "raw surrogate in YAML text": (
        lambda: read_text_as("manifest: osaid/1\nname: \udcff\n", "x.yaml"),
        osaid.InputError,
        "lone surrogate (U+DCFF)",
    ),
    "unknown element": (
        lambda: api.evaluate_license("MIT", "weights"),
        osaid.UsageError,
        "element",
    ),
}

WRONG_TYPES: dict[str, tuple[Any, str]] = {
    "source int": (lambda: api.check(5), "str or os.PathLike[str]"),
    "source bytes": (lambda: api.read(b"osaid.yaml"), "str or os.PathLike[str]"),
    "source None": (lambda: api.check(None), "osaid.Release"),
    "limit float": (lambda: api.check(CONFORMANT, max_input_bytes=1.5), "int"),
    "limit text": (lambda: api.check(CONFORMANT, max_input_bytes="10MiB"), "int"),
    "limit bool": (lambda: api.check(CONFORMANT, max_input_bytes=True), "int"),
    "policy int": (lambda: api.check(CONFORMANT, policy=3), "osaid.Policy or None"),
    "policy dict": (lambda: api.check(CONFORMANT, policy={}), "osaid.Policy or None"),
    "definition int": (lambda: api.check(CONFORMANT, definition=5), "str or an osaid.Definition"),
    "load_definition int": (lambda: api.load_definition(5), "str or an osaid.Definition"),
    "expression None": (lambda: api.evaluate_license(None), "expression must be a str"),
    "element None": (lambda: api.evaluate_license("MIT", None), "element must be a str"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_bad_values_raise_only_located_osaid_errors(case: str) -> None:
    call, kind, fragment = BAD_VALUES[case]
    with pytest.raises(osaid.OsaidError) as caught:
        call()
    assert isinstance(caught.value, kind), type(caught.value)
    assert fragment in str(caught.value)
    assert caught.value.file or caught.value.key or "path is empty" in str(caught.value)


@pytest.mark.parametrize("case", sorted(WRONG_TYPES))
def test_unsupported_types_raise_type_error_naming_the_accepted_types(case: str) -> None:
    call, fragment = WRONG_TYPES[case]
    with pytest.raises(TypeError, match="must be") as caught:
        call()
    assert fragment in str(caught.value)
    assert not isinstance(caught.value, osaid.OsaidError)


def test_the_limits_edges_are_accepted() -> None:
    """1 byte and 1 TiB are limits one may ask for (1 byte refuses the file, as it should)."""
    with pytest.raises(osaid.InputError, match="larger than the input limit of 1 bytes"):
        osaid.read(CONFORMANT, max_input_bytes=1)
    assert osaid.check(CONFORMANT, max_input_bytes=osaid.MAX_INPUT_BYTES).conformant


def test_the_working_directory_is_spelt_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check(".")` is how to check the working directory; `check("")` is not."""
    (tmp_path / "osaid.yaml").write_bytes(CONFORMANT.read_bytes())
    (tmp_path / "docs").mkdir()
    for name in ("DATASHEET.md", "data-sources.md"):
        (tmp_path / "docs" / name).write_text("# x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert osaid.check(".").conformant
    with pytest.raises(osaid.InputError):
        osaid.check("")


def test_usage_error_is_exported_and_a_value_error() -> None:
    assert "UsageError" in osaid.__all__
    assert issubclass(osaid.UsageError, osaid.OsaidError)
    assert issubclass(osaid.UsageError, ValueError)
