"""What the fuzz harness does with one input, importable without atheris.

``tests/test_fuzz_regressions.py`` runs every seed in ``corpus/`` and every saved crash in
``regressions/`` through :func:`exercise`, so an input that once broke osaid stays fixed.
osaid may refuse an input only with an :class:`osaid.OsaidError`; any other exception (a
crash, a third-party exception, a ``RecursionError``) propagates and is a bug. So is a report
that some output format cannot render as valid UTF-8 free of raw control characters.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import osaid
from osaid.readers import read_path, read_text_as
from osaid.render import RENDERERS

NAMES = (
    "osaid.yaml",
    "README.md",
    "model.yml",
    "sbom.spdx.json",
    "bom.cdx.json",
    "sbom.spdx",
    "sbom.spdx.xml",
    "osaid.json",
)
"""Names the input is written under in a directory (the directory reader goes by suffix)."""

SPLIT = "\f"
"""An input holding a form feed is written as two files: the text before it and after it."""

_RAW = {
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
}
"""C0 (but tab and newline), DEL, C1, bidi controls and line separators: never printed raw."""


def exercise(text: str, scratch: Path) -> None:
    """Feed ``text`` to osaid four ways and render every report in every output format.

    As a file of any format, as one or two files of a directory (read with ``read_path``),
    as a licence expression, and as a manifest value. ``scratch`` is a directory for the files
    written.
    """
    reports: list[osaid.Report] = []
    with contextlib.suppress(osaid.OsaidError):
        reports.append(osaid.check(read_text_as(text, "fuzz-input")))
    with contextlib.suppress(osaid.OsaidError):
        reports.append(osaid.check(read_path(_directory(text, scratch))))
    result = osaid.evaluate_license(text[:2000], "code")
    if result.status not in {"pass", "fail"}:
        raise AssertionError(result.status)
    manifest = scratch / "m.yaml"
    manifest.write_text(
        f"manifest: osaid/1\nname: x\ncomponents:\n  - kind: tokenizer\n    license: {text!r}\n",
        encoding="utf-8",
    )
    with contextlib.suppress(osaid.OsaidError):
        reports.append(osaid.check(manifest))
    render_all(reports)


def _directory(text: str, scratch: Path) -> Path:
    """``scratch/dir`` holding ``text`` as one file, or two when it holds :data:`SPLIT`.

    The names depend on the parts' lengths, so the fuzzer reaches every pairing of readers.
    """
    directory = scratch / "dir"
    directory.mkdir(exist_ok=True)
    for old in directory.iterdir():
        old.unlink()
    parts = text.split(SPLIT, 1)
    for index, part in enumerate(parts):
        name = NAMES[(len(part) + index) % len(NAMES)]
        if (directory / name).exists():
            name = f"{index}-{name}"
        (directory / name).write_bytes(part.encode("utf-8", "surrogatepass"))
    return directory


def render_all(reports: list[osaid.Report]) -> None:
    """Render each report, and all of them as a batch, with every renderer; check the text."""
    batches = [([report], False) for report in reports]
    if reports:
        batches.append((reports, True))
    for name in RENDERERS:
        for batch, many in batches:
            check_output(name, RENDERERS[name](batch, many))


def check_output(name: str, output: str) -> None:
    """Raise AssertionError unless ``output`` encodes as UTF-8 with no raw control character."""
    try:
        output.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise AssertionError(f"{name}: not valid UTF-8 at {exc.start}") from None
    raw = sorted({f"U+{ord(c):04X}" for c in output if ord(c) in _RAW})
    if raw:
        raise AssertionError(f"{name}: raw {', '.join(raw)}")


def decode(data: bytes) -> str:
    """The text an input stands for: UTF-8 with anything undecodable replaced.

    After a first byte 0xFE, the rest is UTF-16-LE with lone surrogates kept: no file holds
    such text, but the library's functions take any ``str`` (``read_text_as`` raised
    UnicodeEncodeError on one).
    """
    if data[:1] == b"\xfe":
        body = data[1:]
        return body[: len(body) // 2 * 2].decode("utf-16-le", "surrogatepass")
    return data.decode("utf-8", errors="replace")
