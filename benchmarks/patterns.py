"""Time every pattern and scanner osaid applies to input text, on adversarial input, by size.

Run from a clone after `pip install .`:  python benchmarks/patterns.py [--quick] [--cap SECONDS]
[--only TEXT]

Each class below is one place where osaid scans text (or expands references) it was given: a
regular expression, a hand-written scan, a reference expansion or a budget. Each is fed the
input that is worst for it (long runs of spaces and tabs, near-misses that almost match,
references that share or repeat) at growing sizes, from 10 KiB up to the 10 MiB input limit,
and the seconds and peak memory (Python allocations, by tracemalloc) are printed per size, so
growth is visible: linear code takes about ten times as long for ten times the input. Each
size runs in its own process; one still running after ``--cap`` seconds is stopped and its class
goes no further (quadratic code would take hours at 10 MiB, exponential code forever).

ReDoS analysers were tried first: regexploit (1.0.0) misses the lazy-quantifier patterns that
were quadratic here and crashes on Python 3.11's parser (``POSSESSIVE_REPEAT``), and dlint's
DUO138 reports nothing on them, so neither can prove anything in CI; measuring can.

Nothing here is a test and nothing asserts: ``worst_cases()`` returns, for each class, the
seconds and peak bytes at the input limit, for benchmarks/bench.py to print beside its goals
(only for the classes no case of ``tasks/hostile.py`` already runs as a whole ``osaid check``,
so nothing is measured twice).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from osaid._errors import OsaidError
from osaid._limits import MAX_INPUT_BYTES

KIB = 1024
MIB = 1024 * KIB
SIZES = (10 * KIB, 100 * KIB, MIB, MAX_INPUT_BYTES)
QUICK_SIZES = (10 * KIB, 100 * KIB, MIB)


@dataclass(frozen=True)
class Case:
    """One class of input-facing scanning: adversarial inputs by size and what reads them."""

    name: str
    inputs: Callable[[int], list[Any]]
    """Adversarial inputs of about ``size`` bytes; the slowest one counts."""
    run: Callable[[Any], object]
    sizes: tuple[int, ...] = SIZES
    limit: int = MAX_INPUT_BYTES
    """The size at the input limit, where :func:`worst_cases` measures."""
    covered: str = ""
    """The class of ``tasks/hostile.py`` that runs these inputs as whole files through
    ``osaid check`` (benchmarks/bench.py reports that one, and skips this in-process figure)."""


def _outcome(run: Callable[[Any], object], value: Any) -> str:
    """Run once; name what happened (a bound refusing the input is an expected outcome)."""
    try:
        run(value)
    except OsaidError as exc:
        return f"{type(exc).__name__}: {str(exc)[:70]}"
    except RecursionError:
        return "RecursionError"
    return "ok"


def measure(case: Case, size: int) -> tuple[float, int, str]:
    """Seconds and peak bytes of the slowest input of ``case`` at ``size``, and its outcome.

    A small input runs first, so that imports (spdx-tools takes 0.4 s) are not timed.
    """
    for value in case.inputs(KIB):
        _outcome(case.run, value)
    worst_seconds, worst_peak, worst_outcome = 0.0, 0, "ok"
    for value in case.inputs(size):
        start = time.perf_counter()
        outcome = _outcome(case.run, value)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        _outcome(case.run, value)
        used = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if seconds >= worst_seconds:
            worst_seconds, worst_outcome = seconds, outcome
        worst_peak = max(worst_peak, used)
    return worst_seconds, worst_peak, worst_outcome


def measure_apart(index: int, size: int, timeout: float) -> tuple[float, int, str]:
    """:func:`measure` in a child process, stopped after ``timeout`` seconds.

    Quadratic or exponential code would otherwise run for hours; a stopped run reports
    infinite seconds.
    """
    command = [sys.executable, __file__, "--one", str(index), str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return math.inf, 0, f"stopped after {timeout:g} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return math.inf, 0, f"crashed: {last[:60]}"
    seconds, peak, outcome = json.loads(done.stdout)
    return float(seconds), int(peak), str(outcome)


# ------------------------------------------------------------------------------------------
# Inputs


def _spaces(size: int) -> str:
    return " " * size


def _blanks(size: int) -> str:
    return " \t" * (size // 2)


def _card(body: str) -> str:
    return "---\nlicense: mit\n---\n" + body


def _card_inputs(size: int) -> list[Any]:
    return [
        _card("# a" + _spaces(size) + "b\n"),
        _card("# a" + _blanks(size) + "#b\n"),
        _card(("# a" + _spaces(64) + "b\n") * (size // 68)),
        "---\n" + "---" + _spaces(size) + "x\n",
        "---\n" + ("--- " + "x" * 60 + "\n") * (size // 65),
    ]


def _read_card(text: str) -> object:
    from osaid.readers import _card

    if not _card.READER.sniff_text(text):
        return None
    return _card.READER.read_text(text, "README.md")


def _tag_value_lines(size: int) -> list[Any]:
    return [
        "PackageComment: a" + _spaces(size) + "b",
        "PackageComment:" + _blanks(size) + "\r",
        ("A: a" + _spaces(60) + "b\n") * (size // 66),
    ]


def _scan_tag_value(text: str) -> object:
    from osaid.readers import _spdx2

    return _spdx2._tag_blocks(text)


_TAG_VALUE_HEAD = """SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: hostile
DocumentNamespace: https://sbom.example.org/hostile
Creator: Tool: bench
Created: 2024-06-03T09:12:44Z
PackageName: p
SPDXID: SPDXRef-p
PackageDownloadLocation: NOASSERTION
FilesAnalyzed: false
PackageLicenseConcluded: MIT
"""


def _tag_value_documents(size: int) -> list[Any]:
    """Long values, unreadable characters, and short lines up to the size and the budget."""

    def fields(line: str) -> str:
        count = min(size // len(line), _FIELD_BUDGET)
        return _TAG_VALUE_HEAD + line * count

    licensed = min(size // 200, _FIELD_BUDGET // 7)
    return [
        _TAG_VALUE_HEAD + "PackageComment: a" + _spaces(size) + "b\n",
        _TAG_VALUE_HEAD + "".join(_own_licence(n) for n in range(licensed)),
        fields("Creator: Tool: t\n"),
        fields("FilesAnalyzed: false\n"),
        fields("LicenseID: LicenseRef-x\n"),
        fields("# a comment\n"),
        fields("\n"),
        _TAG_VALUE_HEAD + "A:\n" * (size // 3),
        _TAG_VALUE_HEAD + "1" * size + "\n",
        _TAG_VALUE_HEAD + "PackageComment: <text>" + "x" * size + "</text>\n",
    ]


def _own_licence(n: int) -> str:
    """A package under a custom licence the document defines (7 fields)."""
    return (
        f"PackageName: p{n}\nSPDXID: SPDXRef-p{n}\nPackageDownloadLocation: NOASSERTION\n"
        f"FilesAnalyzed: false\nPackageLicenseConcluded: LicenseRef-l{n}\n"
        f"LicenseID: LicenseRef-l{n}\nExtractedText: <text>l{n}</text>\n"
    )


_FIELD_BUDGET = 200_000 - 20
"""Short of the line budget (the node budget of YAML and JSON), less the head's lines."""


def _read_spdx2_text(text: str) -> object:
    from osaid.readers import _spdx2

    return _spdx2.READER.read_text(text, "hostile.spdx")


def _xml_span_inputs(size: int) -> list[Any]:
    return [
        "<Document>" + "<!--" + "<packages " * (size // 10) + "-->",
        "<Document>" + "<packages>" * (size // 10),
        "<Document>" + "<![CDATA[" + "<packages>" * (size // 10) + "]]>",
    ]


def _xml_spans(text: str) -> object:
    from osaid.readers import _spdx2

    return _spdx2._xml_spans(text, "packages")


def _rdf_inputs(size: int) -> list[Any]:
    return [
        'rdf:about="' + "#" * size,
        'rdf:about="a#' + _spaces(size),
        ('rdf:about="' + "#" * 60 + "\n") * (size // 72),
    ]


def _rdf_positions(text: str) -> object:
    from osaid.readers import _spdx2

    _spdx2._first_positions.cache_clear()
    return _spdx2._rdf_position(text, "x")


def _licence_id_inputs(size: int) -> list[Any]:
    return [
        "<licenseId>" + _spaces(size) + "x",
        "<licenseId>a" + _spaces(size) + "b",
        "<" + "a" * size,
    ]


def _licence_id_line(text: str) -> object:
    from osaid.readers import _spdx2

    _spdx2._first_positions.cache_clear()
    return _spdx2._licence_id_line(text, "x")


def _sniff_inputs(size: int) -> list[Any]:
    return [
        "<rdf:RDF " + "<Document " * (size // 10),
        "<Document>" + "<spdxVersion>" + _spaces(size),
        "SPDXVersion:" + _spaces(size),
        ("SPDXVersion:" + _spaces(60) + "\n") * (size // 73),
    ]


def _sniff_spdx2(text: str) -> object:
    from osaid.readers import _spdx2

    return _spdx2.READER.sniff_text(text)


def _spdx3_document(graph: list[dict[str, Any]], top: str) -> str:
    base = "https://spdx.example.org/b"
    elements = [
        {"type": "CreationInfo", "@id": "_:c", "specVersion": "3.0.1", "created": "2024-11-20"},
        {"type": "ai_AIPackage", "spdxId": f"{base}/model", "name": "m"},
        *graph,
    ]
    for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        elements.append(
            {
                "type": "Relationship",
                "spdxId": f"{base}/{kind}",
                "from": f"{base}/model",
                "relationshipType": kind,
                "to": [f"{base}/{top}"],
            }
        )
    return json.dumps(
        {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": elements}
    )


def _shared_sets(size: int) -> str:
    """Each set has two members, both the previous set: 2**n licences from n elements."""
    base = "https://spdx.example.org/b"
    graph: list[dict[str, Any]] = [
        {
            "type": "expandedlicensing_ConjunctiveLicenseSet",
            "spdxId": f"{base}/set0",
            "expandedlicensing_member": ["https://spdx.org/licenses/MIT"] * 2,
        }
    ]
    graph.append(
        {"type": "expandedlicensing_ListedLicense", "spdxId": "https://spdx.org/licenses/MIT"}
    )
    graph.reverse()
    count = max(1, size // 200)
    for n in range(1, count):
        graph.append(
            {
                "type": "expandedlicensing_DisjunctiveLicenseSet",
                "spdxId": f"{base}/set{n}",
                "expandedlicensing_member": [f"{base}/set{n - 1}"] * 2,
            }
        )
    return _spdx3_document(graph, f"set{count - 1}")


def _wide_sets(size: int) -> str:
    """One set listing many members, referenced by many sets: wide rather than deep."""
    base = "https://spdx.example.org/b"
    width = max(2, int((size // 60) ** 0.5))
    graph: list[dict[str, Any]] = [
        {"type": "expandedlicensing_ListedLicense", "spdxId": "https://spdx.org/licenses/MIT"},
        {
            "type": "expandedlicensing_ConjunctiveLicenseSet",
            "spdxId": f"{base}/set0",
            "expandedlicensing_member": ["https://spdx.org/licenses/MIT"] * width,
        },
    ]
    for n in range(1, width):
        graph.append(
            {
                "type": "expandedlicensing_DisjunctiveLicenseSet",
                "spdxId": f"{base}/set{n}",
                "expandedlicensing_member": [f"{base}/set{n - 1}"] * width,
            }
        )
    return _spdx3_document(graph, f"set{width - 1}")


def _self_set(size: int) -> str:
    base = "https://spdx.example.org/b"
    filler = "x" * max(0, size - 600)
    return _spdx3_document(
        [
            {
                "type": "expandedlicensing_ConjunctiveLicenseSet",
                "spdxId": f"{base}/set0",
                "comment": filler,
                "expandedlicensing_member": [f"{base}/set0"],
            }
        ],
        "set0",
    )


def _long_sets(size: int) -> str:
    """Sets just under the 20,000-character expression limit, each licensing one package."""
    base = "https://spdx.example.org/b"
    members = [f"LicenseRef-m{n}" for n in range(900)]
    graph: list[dict[str, Any]] = [
        {
            "type": "simplelicensing_LicenseExpression",
            "spdxId": f"{base}/{member}",
            "simplelicensing_licenseExpression": member,
        }
        for member in members
    ]
    graph.append(
        {
            "type": "expandedlicensing_ConjunctiveLicenseSet",
            "spdxId": f"{base}/long",
            "expandedlicensing_member": [f"{base}/{m}" for m in members],
        }
    )
    for n in range(max(1, min(size // 400, 500))):
        graph += [
            {"type": "software_Package", "spdxId": f"{base}/p{n}", "name": f"p{n}"},
            {
                "type": "expandedlicensing_DisjunctiveLicenseSet",
                "spdxId": f"{base}/set{n}",
                "expandedlicensing_member": [f"{base}/long", f"{base}/{members[n % 900]}"],
            },
            {
                "type": "Relationship",
                "spdxId": f"{base}/r{n}",
                "from": f"{base}/p{n}",
                "relationshipType": "hasDeclaredLicense",
                "to": [f"{base}/set{n}"],
            },
        ]
    graph.append(
        {
            "type": "simplelicensing_LicenseExpression",
            "spdxId": f"{base}/top",
            "simplelicensing_licenseExpression": "MIT",
        }
    )
    return _spdx3_document(graph, "top")


def _spdx3_inputs(size: int) -> list[Any]:
    return [_shared_sets(size), _wide_sets(size), _self_set(size), _long_sets(size)]


def _read_parsed(text: str) -> object:
    from osaid import readers

    return readers.read_text_as(text, "hostile.json")


def _cyclonedx_inputs(size: int) -> list[Any]:
    count = max(2, size // 120)
    components: list[dict[str, Any]] = [
        {
            "type": "machine-learning-model",
            "name": "m",
            "modelCard": {"modelParameters": {"datasets": [{"ref": "data-" + "x" * 40 + "?"}]}},
        }
    ]
    components += [{"bom-ref": f"data-{n:040d}", "type": "data", "name": "d"} for n in range(count)]
    near: list[dict[str, Any]] = [
        {"bom-ref": "data-" + "x" * 39 + chr(97 + n % 26) + str(n), "type": "data", "name": "d"}
        for n in range(count)
    ]
    long_ref = "data-" + "x" * (size // 2)
    longs: list[dict[str, Any]] = [
        {
            "type": "machine-learning-model",
            "name": "m",
            "modelCard": {"modelParameters": {"datasets": [{"ref": long_ref + "?"}]}},
        },
        {"bom-ref": long_ref + "!", "type": "data", "name": "d"},
    ]

    def bom(items: list[dict[str, Any]]) -> str:
        return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": items})

    return [bom(components), bom(components[:1] + near), bom(longs)]


def _manifest_aliases(size: int) -> list[Any]:
    """A string aliased many times: the YAML is small, what it stands for is not.

    One input repeats a string past the limit on expanded text, one stays just within it.
    """
    under = "b" * min(size // 2, _EXPANDED_TEXT // 310)
    return [_aliased("a" * (size // 2), 300), _aliased(under, 300)]


_EXPANDED_TEXT = 10 * MIB
"""The limit on the text a YAML document stands for once aliases are expanded."""


def _aliased(string: str, times: int) -> str:
    names = "\n".join("  - kind: supporting-libraries\n    name: *big" for _ in range(times))
    return f"manifest: osaid/1\nname: &big {string}\ncomponents:\n{names}\n"


def _check_and_render(text: str) -> object:
    """Read, check and render as text and as hook output: what aliases cost is in the output."""
    import osaid
    from osaid.readers import read_text_as
    from osaid.render import RENDERERS

    report = osaid.check(read_text_as(text, "hostile.yaml"))
    return len(RENDERERS["text"]([report], False)) + len(RENDERERS["hook"]([report], False))


def _repository(size: int) -> list[Any]:
    """Files whose heads hold long runs of spaces after an SPDX-License-Identifier.

    One file per 8 KiB (the head osaid reads), up to the 500 files scanned under one location.
    """
    head = 8 * KIB
    line = "SPDX-License-Identifier: MIT" + _spaces(head - 40) + "x\n"
    tabs = "SPDX-License-Identifier:" + _blanks(head - 40) + "\r"
    files = max(1, min(500, size // head))
    return [(files, line), (files, tabs)]


def _check_repository(value: tuple[int, str]) -> object:
    from osaid.model import Component, ComponentKind, LicenseDeclaration, Origin
    from osaid.readers._repository import Repository

    files, head = value
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "src").mkdir()
        for n in range(files):
            (root / "src" / f"f{n}.py").write_text(head, encoding="utf-8")
        component = Component(
            kind=ComponentKind.TRAINING_CODE,
            name="code",
            location="src",
            license=LicenseDeclaration(expression="MIT", written="MIT"),
            origin=Origin(file="osaid.yaml", key="components[0]"),
        )
        return Repository.at(tmp).problems(component)


def _licence_file_inputs(size: int) -> list[Any]:
    return [
        "SPDX-License-Identifier: a" + _spaces(size) + "b",
        "SPDX-License-Identifier:" + _blanks(size) + "\n",
        "gnu general public license, version " + "1." * (size // 2) + "-",
        "apache license, version 2.0" + _spaces(size) + "mit license",
    ]


def _guess_licence(text: str) -> object:
    from osaid.readers import _license_file

    return _license_file.guess("LICENSE", text)


def _expression_inputs(size: int) -> list[Any]:
    return [
        "MIT" + _spaces(size) + "x",
        "GPL-2.0" + _blanks(size) + " or",
        "MIT or " * (size // 7),
        "(" + " " * size + ")",
    ]


def _parse_expression(text: str) -> object:
    from osaid.licensing import MalformedExpression, parse_expression, shipped_license_data

    try:
        return parse_expression(text, shipped_license_data())
    except MalformedExpression:
        return None


def _suggest_inputs(size: int) -> list[Any]:
    count = max(2, size // 40)
    similar = [f"model-{n:030d}" for n in range(count)]
    return [
        ("model-" + "0" * 29 + "x", similar),
        ("m" * (size // 2), ["m" * (size // 2 - 1) + "n"]),
    ]


def _suggest(value: tuple[str, list[str]]) -> object:
    from osaid._validation import suggest

    return suggest(*value)


def _definition_inputs(size: int) -> list[Any]:
    return [
        "osaid" + _spaces(size) + "x",
        "osaid" + "." * size + " >",
        "osaid>=" + "1." * (size // 2),
    ]


def _split_definition(text: str) -> object:
    from osaid.definition import _select

    try:
        return _select._split_spec(text)
    except OsaidError:
        return None


def _escape_inputs(size: int) -> list[Any]:
    return ["\x1b[2J" * (size // 4), "a" * size, "\u202e \n" * (size // 3)]


def _escape(text: str) -> object:
    from osaid._escape import safe, safe_line

    return safe(text), safe_line(text)


CASES = (
    Case(
        "model card: front matter and heading",
        _card_inputs,
        _read_card,
        covered="card headings",
    ),
    Case(
        "SPDX 2 tag-value: osaid's line scan",
        _tag_value_lines,
        _scan_tag_value,
        covered="tag-value lines",
    ),
    Case(
        "SPDX 2 tag-value: whole document (value budget)",
        _tag_value_documents,
        _read_spdx2_text,
        covered="tag-value budgets",
    ),
    Case(
        "SPDX 2 XML: package element spans",
        _xml_span_inputs,
        _xml_spans,
        covered="XML comments",
    ),
    Case("SPDX 2 RDF/XML: rdf:about positions", _rdf_inputs, _rdf_positions),
    Case("SPDX 2 XML: licenseId lines", _licence_id_inputs, _licence_id_line),
    Case("SPDX 2: syntax sniffing", _sniff_inputs, _sniff_spdx2),
    Case(
        "SPDX 3: licence sets (shared, wide, self)",
        _spdx3_inputs,
        _read_parsed,
        covered="SPDX 3 licence sets",
    ),
    Case(
        "CycloneDX: did-you-mean for an unknown bom-ref",
        _cyclonedx_inputs,
        _read_parsed,
        covered="CycloneDX did-you-mean",
    ),
    Case(
        "YAML aliases: expanded bytes",
        _manifest_aliases,
        _check_and_render,
        covered="YAML aliases",
    ),
    Case(
        "repository: SPDX-License-Identifier heads",
        _repository,
        _check_repository,
        sizes=(8 * KIB, 80 * KIB, 800 * KIB, 500 * 8 * KIB),
        limit=500 * 8 * KIB,
        covered="SPDX-License-Identifier scans",
    ),
    Case(
        "init: LICENSE file head",
        _licence_file_inputs,
        _guess_licence,
        covered="LICENSE files for init",
    ),
    Case("licence expression text", _expression_inputs, _parse_expression),
    Case("did-you-mean suggestions", _suggest_inputs, _suggest),
    Case("--definition specifier", _definition_inputs, _split_definition),
    Case("escaping values for output", _escape_inputs, _escape),
)


def worst_cases(
    timeout: float = 60.0, skip: frozenset[str] = frozenset()
) -> list[tuple[str, float, int]]:
    """(class, seconds, peak bytes) of each class's slowest input at the input limit.

    Each class is measured in its own process, stopped after ``timeout`` seconds (then the
    seconds are infinite). Classes whose ``covered`` is in ``skip`` are left out.
    """
    found = []
    for index, case in enumerate(CASES):
        if case.covered and case.covered in skip:
            continue
        seconds, peak, _ = measure_apart(index, case.limit, timeout)
        found.append((case.name, seconds, peak))
    return found


def _size(size: int) -> str:
    return f"{size // MIB} MiB" if size >= MIB and size % MIB == 0 else f"{size // KIB} KiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="stop at 1 MiB")
    parser.add_argument(
        "--cap", type=float, default=30.0, help="stop a run, and that class, after SECONDS"
    )
    parser.add_argument("--only", help="run only the classes whose name contains this text")
    parser.add_argument("--one", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        index, size = args.one
        print(json.dumps(measure(CASES[index], size)))
        return 0
    print(f"python {sys.version.split()[0]}; the slowest input of each class, by size")
    print(f"{'class':<50} {'size':>7} {'seconds':>9} {'peak MiB':>9}  outcome")
    for index, case in enumerate(CASES):
        if args.only and args.only.lower() not in case.name.lower():
            continue
        for size in case.sizes:
            if args.quick and size > MIB:
                break
            seconds, peak, outcome = measure_apart(index, size, args.cap)
            print(
                f"{case.name:<50} {_size(size):>7} {seconds:>9.3f} {peak / MIB:>9.1f}  {outcome}",
                flush=True,
            )
            if math.isinf(seconds):
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
