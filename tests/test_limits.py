"""The input size limit: a documented default, refused clearly, and raised on request."""

from __future__ import annotations

from pathlib import Path

import pytest

import osaid
from conftest import CONFORMANT, CliRunner, Writer
from osaid._limits import MAX_LICENSE_TEXT, describe_size, parse_size

MIB = 1024 * 1024


def _padded(size: int) -> str:
    """The conformant example followed by YAML comments, ``size`` bytes in all."""
    text = CONFORMANT.read_text(encoding="utf-8")
    padding = size - len(text.encode("utf-8"))
    lines, rest = divmod(padding, 80)
    return text + ("#" * 79 + "\n") * lines + "#" * rest


def test_default_limit_is_ten_mebibytes() -> None:
    """The documented default, exported for library users."""
    assert osaid.MAX_INPUT_BYTES == 10 * MIB


def test_file_over_the_default_limit_is_refused_with_how_to_raise_it(
    run_cli: CliRunner, write: Writer
) -> None:
    """One line naming the file, the limit and the option; exit 2; nothing else printed."""
    big = write("osaid.yaml", _padded(10 * MIB + 1))
    result = run_cli("check", big)
    assert result.code == 2
    assert result.out == ""
    assert result.err_lines == [
        f"osaid: {big}: is larger than the input limit of 10 MiB; if the file is genuine, "
        "raise the limit (osaid check --max-input-size, or max_input_bytes)"
    ]


def test_file_exactly_at_the_limit_is_read(run_cli: CliRunner, write: Writer) -> None:
    """The limit is inclusive: a file of exactly that many bytes is checked."""
    path = write("osaid.yaml", _padded(4096))
    assert run_cli("check", "--max-input-size", "4KiB", path).code == 0
    assert run_cli("check", "--max-input-size", "4095", path).code == 2


def test_raised_limit_reads_a_large_file(run_cli: CliRunner, write: Writer) -> None:
    """``--max-input-size`` raises the limit for every input of the run."""
    big = write("osaid.yaml", _padded(10 * MIB + 1))
    result = run_cli("check", "--max-input-size", "11MiB", big)
    assert result.code == 0, result.err
    assert "CONFORMANT" in result.out


def test_lowered_limit_applies_to_graded_definitions_too(run_cli: CliRunner) -> None:
    """The same option bounds inputs graded against MOF classes."""
    result = run_cli("check", "--definition", "mof-1.0", "--max-input-size", "100", CONFORMANT)
    assert result.code == 2
    assert "input limit of 100 bytes" in result.err


def test_library_limit(tmp_path: Path) -> None:
    """``check`` and ``read`` take the limit too and raise InputError past it."""
    with pytest.raises(osaid.InputError, match="input limit of 1 KiB"):
        osaid.check(CONFORMANT, max_input_bytes=1024)
    with pytest.raises(osaid.InputError, match="input limit"):
        osaid.read(CONFORMANT, max_input_bytes=1024)
    big = tmp_path / "osaid.yaml"
    big.write_text(_padded(20_000), encoding="utf-8")
    assert osaid.check(big, max_input_bytes=20_000).conformant


def test_limit_applies_to_each_file_of_a_directory(tmp_path: Path) -> None:
    """A directory's manifest over the limit is an error, not silently skipped."""
    (tmp_path / "osaid.yaml").write_text(_padded(5000), encoding="utf-8")
    with pytest.raises(osaid.InputError, match="input limit of 4000 bytes"):
        osaid.read(tmp_path, max_input_bytes=4000)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("20000000", 20_000_000),
        ("512KiB", 512 * 1024),
        ("50 MiB", 50 * MIB),
        ("1gib", 1024 * MIB),
        ("300b", 300),
    ],
)
def test_sizes_are_read_in_bytes_or_binary_units(text: str, size: int) -> None:
    """Binary units only: 'MiB' says exactly what it means."""
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MiB", "0", "-5", "1.5MiB", "10MB", "ten"])
def test_bad_sizes_are_usage_errors(run_cli: CliRunner, text: str) -> None:
    """A size that is not a positive whole number of bytes or units: exit 2, one line."""
    result = run_cli("check", "--max-input-size", text, CONFORMANT)
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert "--max-input-size" in result.err_lines[0]
    assert "is not a size" in result.err_lines[0]


@pytest.mark.parametrize(
    ("size", "shown"),
    [(10 * MIB, "10 MiB"), (1024, "1 KiB"), (3 * 1024**3, "3 GiB"), (1000, "1000 bytes")],
)
def test_limits_are_described_in_the_unit_they_were_given(size: int, shown: str) -> None:
    """Messages show the limit the way a user would write it."""
    assert describe_size(size) == shown


# ------------------------------------------------------------------------------------------
# Licence-expression parsing is budgeted per input (MAX_LICENSE_TEXT characters)


def _long_expression(tag: str, terms: int = 600) -> str:
    """An expression of about 12,000 characters that passes for code (its first option, MIT)."""
    return " OR ".join(["MIT", *(f"LicenseRef-{tag}-{i}" for i in range(terms))])


def _libraries(expressions: list[str]) -> str:
    lines = ["manifest: osaid/1", "name: budget", "components:"]
    for index, expression in enumerate(expressions):
        lines += [
            "  - kind: supporting-libraries",
            f"    name: lib{index}",
            f'    license: "{expression}"',
        ]
    return "\n".join(lines) + "\n"


def _libraries_result(report: osaid.Report) -> osaid.Result:
    return next(r for r in report.results if r.requirement.endswith("supporting-libraries"))


def test_distinct_expressions_past_the_budget_are_findings_not_parsed(write: Writer) -> None:
    """A crafted input of many distinct long expressions costs a bounded amount of parsing.

    The expressions that fit the budget are judged as usual; the rest fail, saying why and
    what to do, and the input is still reported on (exit 1, not a crash or a long hang).
    """
    expressions = [_long_expression(f"c{n}") for n in range(30)]  # about 360,000 characters
    assert sum(map(len, expressions)) > MAX_LICENSE_TEXT
    report = osaid.check(write("osaid.yaml", _libraries(expressions)))
    checks = _libraries_result(report).components
    assert checks[0].status == "pass"
    judged = [c for c in checks if not c.reasons[0].startswith("not evaluated")]
    refused = [c for c in checks if c.reasons[0].startswith("not evaluated")]
    assert judged == checks[: len(judged)]  # the budget runs out once, in input order
    assert sum(len(expressions[int(c.component[3:])]) for c in judged) <= MAX_LICENSE_TEXT
    assert refused
    assert all(c.status == "fail" for c in refused)
    assert "exceed 250,000 characters in total" in refused[0].reasons[0]
    assert not report.conformant


def test_a_repeated_expression_counts_once(write: Writer) -> None:
    """The budget counts distinct expressions: SBOMs repeat the same few licences."""
    expressions = [_long_expression("same")] * 40  # 480,000 characters, one distinct
    report = osaid.check(write("osaid.yaml", _libraries(expressions)))
    result = _libraries_result(report)
    assert result.status is osaid.Status.PASS
    assert len(result.components) == 40


def test_repository_tag_scan_stops_at_the_budget(tmp_path: Path) -> None:
    """SPDX-License-Identifier lines are cross-checked within the same budget, then not read.

    Each file's tag agrees with the declared MIT and is distinct; the last file's does not.
    Within the budget the disagreement is found; past it the scan stops instead of parsing
    every crafted tag (the declared licence itself is still judged).
    """

    def repository(files: int) -> Path:
        repo = tmp_path / f"repo{files}"
        (repo / "src").mkdir(parents=True)
        manifest = "manifest: osaid/1\nname: r\ncomponents:\n"
        manifest += "  - kind: inference-code\n    location: src\n    license: MIT\n"
        (repo / "osaid.yaml").write_text(manifest, encoding="utf-8")
        for index in range(files):
            tag = " OR ".join(["MIT"] * (1000 + index))  # distinct, about 7,000 characters
            (repo / "src" / f"a{index:03}.py").write_text(
                f"# SPDX-License-Identifier: {tag}\n", encoding="utf-8"
            )
        (repo / "src" / "z.py").write_text("# SPDX-License-Identifier: GPL-3.0-only\n")
        return repo

    def inference(repo: Path) -> osaid.Result:
        report = osaid.check(repo)
        return next(r for r in report.results if r.requirement.endswith("code/inference"))

    assert "z.py:1 says SPDX-License-Identifier: GPL-3.0-only" in inference(repository(3)).summary
    crafted = inference(repository(40))  # about 300,000 characters of tags before z.py
    assert crafted.status is osaid.Status.PASS
