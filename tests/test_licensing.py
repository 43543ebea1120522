"""Licence expressions judged against the OSAID legal conditions, and the licence data."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import license_expression
import pytest

import osaid
from conftest import ROOT
from osaid import LicenseDataError, OsaidError, Policy, evaluate_license
from osaid.licensing import LicenseData, Rule, evaluate_with, load_license_data
from osaid.licensing._data import normalize_spelling, shipped_license_data

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

LICENSES = ROOT / "licenses"
ELEMENTS = ("code", "data-information", "parameters")


def status(expression: str, element: str = "code", policy: Policy | None = None) -> str:
    """The status of ``expression`` for ``element``."""
    return evaluate_license(expression, element, policy=policy).status


def toml(name: str) -> dict[str, Any]:
    """One shipped licence data file, parsed."""
    with (LICENSES / name).open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    return data


# ------------------------------------------------------------------------------------------
# Operators


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("MIT OR LicenseRef-unknown", "pass"),
        ("LicenseRef-unknown OR MIT", "pass"),
        ("NONE OR NOASSERTION", "fail"),
        ("llama2 OR gemma", "fail"),
        ("MIT AND Apache-2.0", "pass"),
        ("MIT AND LicenseRef-unknown", "fail"),
        ("LicenseRef-unknown AND MIT", "fail"),
        ("MIT AND (Apache-2.0 OR NONE)", "pass"),
        ("MIT OR Apache-2.0 AND NONE", "pass"),
        ("(MIT OR Apache-2.0) AND NONE", "fail"),
        ("NONE AND MIT OR Apache-2.0", "pass"),
    ],
)
def test_or_and_semantics(expression: str, expected: str) -> None:
    """OR passes when any branch passes, AND needs every part, AND binds tighter than OR."""
    assert status(expression) == expected


def test_or_reason_says_recipient_may_choose() -> None:
    """A passing OR explains that the recipient may choose the passing option."""
    result = evaluate_license("LicenseRef-unknown OR MIT")
    assert any("OR" in reason and "choose" in reason for reason in result.reasons)


def test_and_failure_lists_every_failing_part() -> None:
    """A failing AND reports the reason of each failing part."""
    result = evaluate_license("NONE AND LicenseRef-x AND MIT")
    assert result.status == "fail"
    assert len(result.reasons) == 2


def test_with_exception_keeps_standing() -> None:
    """An OSI-approved licence WITH an SPDX exception still passes for code."""
    result = evaluate_license("GPL-2.0-only WITH Classpath-exception-2.0")
    assert result.status == "pass"
    assert result.normalized == "GPL-2.0-only WITH Classpath-exception-2.0"
    assert result.licenses[0].exception == "Classpath-exception-2.0"


def test_with_unknown_exception_fails() -> None:
    """WITH an exception that is not on the SPDX list fails: osaid cannot verify it."""
    result = evaluate_license("MIT WITH My-exception")
    assert result.status == "fail"
    assert "cannot verify" in result.reasons[0]


def test_with_a_licence_as_exception_fails() -> None:
    """WITH followed by a licence id (not an exception) fails with an explanation."""
    result = evaluate_license("MIT WITH Apache-2.0")
    assert result.status == "fail"
    assert "not an SPDX exception" in result.reasons[0]


def test_with_exception_cannot_rescue_failing_licence() -> None:
    """A non-approved licence WITH an exception still fails."""
    assert status("CC-BY-NC-4.0 WITH Classpath-exception-2.0", "parameters") == "fail"


@pytest.mark.parametrize(
    "expression",
    ["LicenseRef-foo WITH Classpath-exception-2.0", "gpl WITH Classpath-exception-2.0"],
)
def test_normalized_with_unknown_licence_is_a_fixed_point(expression: str) -> None:
    """The normalized form of an unknown licence WITH an exception names the exception once."""
    result = evaluate_license(expression)
    assert result.normalized == expression
    again = evaluate_license(result.normalized)
    assert not again.malformed
    assert again.normalized == result.normalized


# ------------------------------------------------------------------------------------------
# Or-later, case, deprecated ids, aliases


@pytest.mark.parametrize(
    ("expression", "normalized"),
    [("MPL-2.0+", "MPL-2.0+"), ("GPL-3.0-or-later", "GPL-3.0-or-later"), ("mit-or-later", "MIT+")],
)
def test_or_later_is_judged_as_base(expression: str, normalized: str) -> None:
    """`+` and `-or-later` are judged as the base licence."""
    result = evaluate_license(expression)
    assert result.status == "pass"
    assert result.normalized == normalized


def test_plus_on_failing_licence_still_fails() -> None:
    """`+` cannot turn a failing licence into a passing one."""
    result = evaluate_license("CC-BY-NC-4.0+", "parameters")
    assert result.status == "fail"
    assert result.licenses[0].or_later is True


def test_plus_flags_or_later_in_facts() -> None:
    """The facts of `MPL-2.0+` say or_later and name the base licence."""
    facts = evaluate_license("MPL-2.0+").licenses[0]
    assert facts.or_later is True
    assert facts.name == "Mozilla Public License 2.0"


@pytest.mark.parametrize(
    "written", ["mit", "MIT", "Mit", "apache-2.0", "APACHE-2.0", "bsd-3-clause"]
)
def test_ids_are_case_insensitive(written: str) -> None:
    """SPDX ids match whatever their case, without a warning, and normalise to canonical case."""
    result = evaluate_license(written)
    assert result.status == "pass"
    assert result.warnings == []
    assert result.normalized in {"MIT", "Apache-2.0", "BSD-3-Clause"}


def test_lower_case_operators_work_with_a_warning() -> None:
    """Lower-case operators are accepted, normalised to upper case, and warned about."""
    result = evaluate_license("mit or apache-2.0")
    assert result.status == "pass"
    assert result.normalized == "MIT OR Apache-2.0"
    assert any("upper case" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("written", "judged", "element"),
    [
        ("GPL-2.0", "GPL-2.0-only", "code"),
        ("GPL-2.0+", "GPL-2.0-or-later", "code"),
        ("LGPL-2.1", "LGPL-2.1-only", "code"),
        ("GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0", "code"),
        ("GPL-2.0-with-GCC-exception", "GPL-2.0-only WITH GCC-exception-2.0", "code"),
        ("GPL-3.0-with-GCC-exception", "GPL-3.0-only WITH GCC-exception-3.1", "code"),
        (
            "GPL-2.0-with-classpath-exception+",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "code",
        ),
        ("eCos-2.0", "GPL-2.0-or-later WITH eCos-exception-2.0", "code"),
        ("BSD-2-Clause-NetBSD", "BSD-2-Clause", "code"),
        ("GFDL-1.3", "GFDL-1.3-only", "data-information"),
    ],
)
def test_deprecated_ids_are_judged_as_the_expression_spdx_replaced_them_with(
    written: str, judged: str, element: str
) -> None:
    """SPDX's replacement is judged (its flags are current); the warning names it."""
    result = evaluate_license(written, element)
    assert result.normalized == judged
    assert result.licenses[0].written == written
    assert result.licenses[0].deprecated is True
    assert any(f"'{written}' is a deprecated SPDX id" in w and judged in w for w in result.warnings)


def test_deprecated_composite_ids_no_longer_fail_on_spdxs_inconsistent_flags() -> None:
    """The raw flags say GPL-2.0-with-classpath-exception is not OSI-approved; its successor is."""
    raw = shipped_license_data().licenses["gpl-2.0-with-classpath-exception"]
    assert raw.osi is False
    assert status("GPL-2.0-with-classpath-exception") == "pass"


def test_deprecated_id_without_a_single_replacement_is_judged_as_written() -> None:
    """Net-SNMP stood for a stack of licences: nothing is assumed, and the warning says so."""
    result = evaluate_license("Net-SNMP")
    assert result.normalized == "Net-SNMP"
    assert result.status == "fail"
    assert any("no single replacement" in w for w in result.warnings)


def test_a_deprecated_composite_cannot_take_a_second_exception() -> None:
    """The composite id already carries its exception; another WITH is malformed, and says why."""
    result = evaluate_license("GPL-2.0-with-classpath-exception WITH GCC-exception-2.0")
    assert result.malformed
    assert "already includes the exception Classpath-exception-2.0" in result.reasons[0]


def test_every_deprecated_spdx_id_is_recorded_with_spdxs_replacement() -> None:
    """A list update that deprecates an id fails CI until its replacement is recorded."""
    sys.path.insert(0, str(ROOT / "tasks"))
    try:
        import update_spdx
    finally:
        sys.path.pop(0)
    assert update_spdx.missing_deprecations() == []
    data = shipped_license_data()
    for lic in data.licenses.values():
        if lic.successor is not None:
            license_id = lic.successor.partition(" WITH ")[0]
            assert not data.licenses[license_id.lower()].deprecated, lic.id


@pytest.mark.parametrize(
    ("written", "spdx", "element", "expected"),
    [
        ("Apache 2.0", "Apache-2.0", "code", "pass"),
        ("MIT License", "MIT", "code", "pass"),
        ("CC BY 4.0", "CC-BY-4.0", "parameters", "pass"),
        ("CC BY 4.0", "CC-BY-4.0", "code", "fail"),
        ("BSD-3", "BSD-3-Clause", "code", "pass"),
    ],
)
def test_aliases_map_to_spdx_with_warning(
    written: str, spdx: str, element: str, expected: str
) -> None:
    """A known non-SPDX spelling maps to one SPDX id and the mapping is warned about."""
    result = evaluate_license(written, element)
    assert result.status == expected
    assert result.normalized == spdx
    assert any(written in w and spdx in w for w in result.warnings)


def test_alias_inside_expression() -> None:
    """An alias inside a larger expression is resolved too."""
    result = evaluate_license("Apache 2.0 OR LicenseRef-x")
    assert result.status == "pass"
    assert result.normalized == "Apache-2.0 OR LicenseRef-x"


# ------------------------------------------------------------------------------------------
# Hugging Face ids


def test_hugging_face_apache_id_passes_without_warning() -> None:
    """The Hugging Face id `apache-2.0` is Apache-2.0 by case alone: no warning."""
    result = evaluate_license("apache-2.0", "parameters")
    assert result.status == "pass"
    assert result.warnings == []


@pytest.mark.parametrize("hf_id", ["llama2", "openrail", "gemma", "cc-by-nc-4.0", "llama3.1"])
@pytest.mark.parametrize("element", ELEMENTS)
def test_hugging_face_restrictive_ids_fail_naming_clause(hf_id: str, element: str) -> None:
    """Restrictive Hugging Face ids fail for every element and name the failing clause."""
    result = evaluate_license(hf_id, element)
    assert result.status == "fail"
    facts = result.licenses[0]
    assert facts.known_as in {"catalogue", "spdx"}
    assert facts.fails, "a catalogued licence must list its failing clauses"
    clause = facts.fails[0].clause
    assert clause is not None
    assert clause in result.reasons[0]
    assert "does not grant the freedoms" in result.reasons[0]


@pytest.mark.parametrize("family", ["gpl", "bsd", "cc", "GPL"])
def test_family_names_fail_without_guessing(family: str) -> None:
    """A bare family name fails as a family, without being mapped to one member."""
    result = evaluate_license(family)
    assert result.status == "fail"
    facts = result.licenses[0]
    assert facts.known_as == "family"
    assert facts.on_spdx_list is False
    assert facts.osi_approved is None
    assert "family" in result.reasons[0]
    assert result.normalized == family


# ------------------------------------------------------------------------------------------
# No licence, unknown licences


@pytest.mark.parametrize(
    ("expression", "phrase"),
    [
        ("NONE", "no licence"),
        ("none", "no licence"),
        ("NOASSERTION", "cannot verify"),
        ("LicenseRef-unknown", "cannot verify"),
        ("LicenseRef-scancode-not-a-real-key", "cannot verify"),
        ("DocumentRef-spdx:LicenseRef-mine", "cannot verify"),
        ("Totally-Made-Up-1.0", "cannot verify"),
    ],
)
@pytest.mark.parametrize("element", ELEMENTS)
def test_unverifiable_licences_fail(expression: str, phrase: str, element: str) -> None:
    """NONE, NOASSERTION and unknown references fail for every element, saying why."""
    result = evaluate_license(expression, element)
    assert result.status == "fail"
    assert not result.malformed
    assert phrase in result.reasons[0]


# ------------------------------------------------------------------------------------------
# Open terms and policy


@pytest.mark.parametrize("term", ["CC-BY-4.0", "CC0-1.0", "CDLA-Permissive-2.0", "CC-BY-SA-4.0"])
def test_open_terms_pass_for_data_and_parameters_not_code(term: str) -> None:
    """Open-terms licences pass for parameters and data information, and fail for code."""
    for element in ("parameters", "data-information"):
        result = evaluate_license(term, element)
        assert result.status == "pass", element
        assert result.licenses[0].open_terms is True
        assert result.licenses[0].open_terms_rationale
    code = evaluate_license(term, "code")
    assert code.status == "fail"
    assert "not code" in code.reasons[0]


def test_policy_open_terms_replace_the_list() -> None:
    """Policy(open_terms=...) replaces the shipped open-terms list instead of extending it."""
    policy = Policy(open_terms=("cc0-1.0",))
    assert status("CC0-1.0", "parameters", policy) == "pass"
    assert status("CC-BY-4.0", "parameters", policy) == "fail"
    assert status("CC-BY-4.0", "parameters") == "pass"


def test_policy_open_terms_empty_accepts_only_osi() -> None:
    """An empty open-terms policy accepts only OSI-approved licences."""
    policy = Policy(open_terms=())
    assert status("CC-BY-4.0", "data-information", policy) == "fail"
    assert status("MIT", "data-information", policy) == "pass"


def test_policy_open_terms_can_add_a_licence() -> None:
    """A policy may accept a licence the shipped list leaves out, for parameters only."""
    policy = Policy(open_terms=("OGL-UK-3.0",))
    assert status("OGL-UK-3.0", "parameters") == "fail"
    assert status("OGL-UK-3.0", "parameters", policy) == "pass"
    assert status("OGL-UK-3.0", "code", policy) == "fail"


def test_policy_open_terms_cannot_accept_catalogued_licence() -> None:
    """A catalogued failing licence keeps failing even if a policy lists it as open terms."""
    assert status("CC-BY-NC-4.0", "parameters", Policy(open_terms=("CC-BY-NC-4.0",))) == "fail"


def test_unknown_element_raises() -> None:
    """evaluate_license refuses an element without a legal condition, naming the options."""
    with pytest.raises(OsaidError, match=r"unknown element 'weights'.*parameters"):
        evaluate_license("MIT", "weights")


# ------------------------------------------------------------------------------------------
# Malformed input never raises

MALFORMED = [
    "",
    "   ",
    "MIT AND",
    "Apache-2.0 OR",
    "OR MIT",
    "AND",
    "WITH",
    "MIT WITH",
    "MIT, Apache-2.0",
    "MIT/X11",
    "(MIT",
    "MIT)",
    ")(",
    "()",
    "(Apache-2.0) AND ()",
    "MIT OR OR Apache-2.0",
    "MIT (Apache-2.0)",
    "MIT WITH Classpath-exception-2.0 WITH Classpath-exception-2.0",
    "MIT\x00",
    "MIT; Apache-2.0",
    "MIT & Apache-2.0",
    "MIT | Apache-2.0",
    "MIT\u00a0OR Apache-2.0",
    "Апаче-2.0",
    "(" * 60 + "MIT" + ")" * 60,
    "MIT OR " * 5000 + "MIT",
]


@pytest.mark.parametrize("expression", MALFORMED, ids=lambda e: repr(e[:30]))
def test_malformed_expressions_never_raise(expression: str) -> None:
    """Malformed expressions come back as a failing, malformed evaluation with a reason."""
    result = evaluate_license(expression)
    assert result.status == "fail"
    assert result.malformed is True
    assert result.normalized is None
    assert result.reasons[0].startswith("malformed licence expression")
    assert result.would_pass


def test_long_valid_chain_is_evaluated() -> None:
    """A long valid OR chain (under the 20,000-character limit) is evaluated fine."""
    result = evaluate_license(" OR ".join(["LicenseRef-x"] * 1000 + ["MIT"]))
    assert result.status == "pass"


def test_whitespace_and_newlines_are_tolerated() -> None:
    """Surrounding whitespace, tabs and newlines between tokens do not matter."""
    assert evaluate_license("  MIT\n OR\tApache-2.0 ").normalized == "MIT OR Apache-2.0"


# ------------------------------------------------------------------------------------------
# The licence data loader, with a tiny injected directory

TINY_SPDX = {
    "license_list_version": "0.1-test",
    "licenses": {
        "Foo-1.0": {
            "name": "Foo",
            "osi": True,
            "fsf": False,
            "deprecated": False,
            "copyleft": False,
        },
        "Bar-1.0": {
            "name": "Bar",
            "osi": False,
            "fsf": False,
            "deprecated": False,
            "copyleft": False,
        },
        "Baz-1.0": {
            "name": "Baz",
            "osi": False,
            "fsf": False,
            "deprecated": False,
            "copyleft": False,
        },
    },
    "exceptions": {"Foo-exception": {"name": "Foo exception", "deprecated": False}},
}

TINY_TERMS = """
[meta]
title = "tiny open terms"

[[terms]]
id = "Bar-1.0"
elements = ["parameters"]
rationale = "Test rationale."
source = "test"
"""

TINY_CATALOGUE = """
[meta]
title = "tiny catalogue"

[[license]]
key = "evil"
id = "LicenseRef-osaid-evil"
name = "Evil Licence"
aliases = ["evil licence"]

[[license.fails]]
kind = "use-restriction"
clause = "§1"
osd = ["OSD 6"]
summary = "Forbids good uses."
"""

TINY_ALIASES = """
[meta]
title = "tiny aliases"

[[alias]]
spelling = "Foo One"
id = "Foo-1.0"
source = "common-spelling"

[[family]]
spelling = "foo"
members = ["Foo-1.0"]
note = "Seen once in a test."
advice = "say which Foo"
"""


def tiny_dir(root: Path, overrides: dict[str, str] | None = None) -> Path:
    """Write the tiny licence data set to ``root``, replacing the files named in ``overrides``."""
    files = {
        "spdx.json": json.dumps(TINY_SPDX),
        "open-terms.toml": TINY_TERMS,
        "ai-licenses.toml": TINY_CATALOGUE,
        "aliases.toml": TINY_ALIASES,
        **(overrides or {}),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def tiny_rule(element: str = "parameters") -> Rule:
    """A rule accepting OSI-approved licences and open terms."""
    return Rule(
        element=element, condition="test", accepts=frozenset({"osi-approved", "open-terms"})
    )


def test_injected_data_drives_evaluation(tmp_path: Path) -> None:
    """Evaluation uses only the injected data: ids, open terms, catalogue, aliases, families."""
    data = load_license_data(tiny_dir(tmp_path))
    assert isinstance(data, LicenseData)
    assert data.list_version == "0.1-test"

    def judge(expression: str, element: str = "parameters") -> str:
        return evaluate_with(data, expression, tiny_rule(element)).status

    assert judge("foo-1.0") == "pass"
    assert judge("Bar-1.0") == "pass"
    assert judge("Bar-1.0", "code") == "fail"
    assert judge("Baz-1.0") == "fail"
    assert judge("Foo One") == "pass"
    assert judge("foo") == "fail"
    assert judge("Evil Licence OR Baz-1.0") == "fail"
    assert judge("MIT") == "fail"  # not in the injected SPDX list
    evil = evaluate_with(data, "evil licence", tiny_rule())
    assert evil.licenses[0].fails[0].clause == "§1"
    assert evaluate_with(data, "Foo-1.0 WITH Foo-exception", tiny_rule()).status == "pass"


def test_broken_toml_names_file(tmp_path: Path) -> None:
    """A licence data file that is not valid TOML raises LicenseDataError naming the file."""
    tiny_dir(tmp_path, {"aliases.toml": "[meta\ntitle = 1\n"})
    with pytest.raises(LicenseDataError) as caught:
        load_license_data(tmp_path)
    assert caught.value.file == str(tmp_path / "aliases.toml")
    assert "aliases.toml" in str(caught.value)
    assert "invalid TOML" in str(caught.value)


def test_alias_to_non_spdx_id_names_file_and_key(tmp_path: Path) -> None:
    """An alias whose target is not an SPDX id raises LicenseDataError naming file and key."""
    broken = TINY_ALIASES.replace('id = "Foo-1.0"', 'id = "Foo-2.0"')
    tiny_dir(tmp_path, {"aliases.toml": broken})
    with pytest.raises(LicenseDataError) as caught:
        load_license_data(tmp_path)
    message = str(caught.value)
    assert str(tmp_path / "aliases.toml") in message
    assert "alias[0].id" in message
    assert "Foo-2.0" in message


def test_open_term_not_on_spdx_names_file_and_key(tmp_path: Path) -> None:
    """An open-terms entry that is not an SPDX id raises LicenseDataError naming file and key."""
    tiny_dir(tmp_path, {"open-terms.toml": TINY_TERMS.replace("Bar-1.0", "Qux-1.0")})
    with pytest.raises(LicenseDataError, match=r"open-terms\.toml: terms\[0\]\.id: 'Qux-1.0'"):
        load_license_data(tmp_path)


def test_unknown_key_in_catalogue_names_file_and_key(tmp_path: Path) -> None:
    """An unknown key in the catalogue raises LicenseDataError naming file and key path."""
    broken = TINY_CATALOGUE.replace('key = "evil"', 'key = "evil"\nurl2 = "x"')
    tiny_dir(tmp_path, {"ai-licenses.toml": broken})
    with pytest.raises(LicenseDataError) as caught:
        load_license_data(tmp_path)
    assert caught.value.key == "license[0].url2"
    assert "ai-licenses.toml" in str(caught.value)


def test_catalogue_entry_without_failures_is_refused(tmp_path: Path) -> None:
    """A catalogue entry must list at least one failing clause."""
    head = TINY_CATALOGUE.split("[[license.fails]]", maxsplit=1)[0]
    tiny_dir(tmp_path, {"ai-licenses.toml": head})
    with pytest.raises(LicenseDataError, match=r"license\[0\]\.fails"):
        load_license_data(tmp_path)


def test_malformed_spdx_json_names_file(tmp_path: Path) -> None:
    """A malformed spdx.json raises LicenseDataError naming the file."""
    tiny_dir(tmp_path, {"spdx.json": '{"licenses": {}}'})
    with pytest.raises(LicenseDataError, match=r"spdx\.json"):
        load_license_data(tmp_path)


def test_missing_data_file_names_file(tmp_path: Path) -> None:
    """A missing licence data file raises LicenseDataError naming it."""
    tiny_dir(tmp_path)
    (tmp_path / "open-terms.toml").unlink()
    with pytest.raises(LicenseDataError, match=r"open-terms\.toml"):
        load_license_data(tmp_path)


# ------------------------------------------------------------------------------------------
# The shipped licence data

CATALOGUE: list[dict[str, Any]] = toml("ai-licenses.toml")["license"]
ALIASES: list[dict[str, Any]] = toml("aliases.toml")["alias"]
FAMILIES: list[dict[str, Any]] = toml("aliases.toml")["family"]
TERMS: list[dict[str, Any]] = toml("open-terms.toml")["terms"]

FAIL_KINDS = {
    "use-restriction", "field-of-use", "non-commercial", "research-only", "user-threshold",
    "revenue-threshold", "naming-duty", "attribution-display", "revocation", "remote-restriction",
    "geographic-exclusion", "no-derivatives", "downstream-restrictions", "hosting-restriction",
    "output-restriction", "computational-use-only", "unverified-terms",
}  # fmt: skip


def spdx_ids() -> dict[str, str]:
    """Lower-case SPDX id -> canonical id, from the shipped spdx.json."""
    return {lic.id.lower(): lic.id for lic in shipped_license_data().licenses.values()}


def test_shipped_data_loads() -> None:
    """The shipped licence data loads and names its SPDX list version."""
    data = load_license_data()
    assert re.fullmatch(r"\d+\.\d+", data.list_version)
    assert len(data.licenses) > 600
    assert data.open_terms_policy


def test_every_catalogue_reason_is_non_empty() -> None:
    """Every catalogue entry has a name and failing clauses with kind, summary and a clause
    unless where the term sits could not be checked."""
    for entry in CATALOGUE:
        assert entry["name"].strip(), entry["key"]
        assert entry["fails"], entry["key"]
        for failure in entry["fails"]:
            assert failure["summary"].strip(), entry["key"]
            if failure.get("checked", True):
                assert failure["clause"].strip(), entry["key"]
            else:
                assert "clause" not in failure, entry["key"]
            assert failure["kind"] in FAIL_KINDS, (entry["key"], failure["kind"])
            for criterion in failure.get("osd", []):
                assert re.fullmatch(r"OSD \d+", criterion), (entry["key"], criterion)


def test_every_catalogue_licence_fails_with_a_reason() -> None:
    """Every catalogue id, key and alias fails for every element, with a non-empty reason."""
    for entry in CATALOGUE:
        for spelling in (entry["id"], entry["key"], *entry.get("aliases", [])):
            for element in ELEMENTS:
                result = evaluate_license(spelling, element)
                assert result.status == "fail", (spelling, element)
                assert result.reasons[0].strip()
                assert result.licenses[0].fails


def test_catalogue_ids_follow_the_naming_rules() -> None:
    """Catalogue ids are exact SPDX ids, known ScanCode keys, or LicenseRef-osaid-<slug>."""
    spdx = spdx_ids()
    index = Path(license_expression.__file__).parent / "data" / "scancode-licensedb-index.json"
    scancode = {item["license_key"] for item in json.loads(index.read_text(encoding="utf-8"))}
    keys = [entry["key"] for entry in CATALOGUE]
    assert len(keys) == len(set(keys)), "catalogue keys must be unique"
    for entry in CATALOGUE:
        ident = entry["id"]
        if ident.startswith("LicenseRef-scancode-"):
            assert ident.removeprefix("LicenseRef-scancode-") in scancode, ident
        elif ident.startswith("LicenseRef-osaid-"):
            assert re.fullmatch(r"LicenseRef-osaid-[a-z0-9.\-]+", ident), ident
        else:
            assert spdx.get(ident.lower()) == ident, ident


def test_every_open_term_has_rationale_and_valid_elements() -> None:
    """Every open-terms entry has a rationale and source, an exact SPDX id, licensed elements."""
    spdx = spdx_ids()
    licensed = {e for d in osaid.available_definitions() for e in d.licensed_elements()}
    data = shipped_license_data()
    for term in TERMS:
        assert term["rationale"].strip(), term["id"]
        assert term["source"].strip(), term["id"]
        assert spdx.get(term["id"].lower()) == term["id"], term["id"]
        assert set(term["elements"]) <= licensed - {"code"}, term["id"]
        assert not data.licenses[term["id"].lower()].osi, f"{term['id']} is OSI-approved already"


def test_every_alias_targets_an_spdx_id() -> None:
    """Every alias names exactly one SPDX id, spelled as on the SPDX list."""
    spdx = spdx_ids()
    for alias in ALIASES:
        assert spdx.get(alias["id"].lower()) == alias["id"], alias
        assert alias["source"] in {"hugging-face", "common-spelling", "mot-corpus"}, alias


def test_alias_and_family_spellings_are_not_spdx_ids() -> None:
    """No alias or family spelling is an SPDX id (it would never be reached)."""
    spdx = spdx_ids()
    for item in [*ALIASES, *FAMILIES]:
        assert normalize_spelling(item["spelling"]) not in spdx, item["spelling"]


def test_family_members_are_spdx_ids() -> None:
    """Every family lists SPDX ids as examples and a note telling the user what to write."""
    spdx = spdx_ids()
    for family in FAMILIES:
        assert family["note"].strip()
        for member in family.get("members", []):
            assert spdx.get(member.lower()) == member, (family["spelling"], member)


def test_no_spelling_is_both_alias_and_catalogue_name() -> None:
    """A spelling appears once across aliases, families and catalogue names."""
    owners: dict[str, list[str]] = {}
    for entry in CATALOGUE:
        spellings = {
            normalize_spelling(s) for s in (entry["id"], entry["key"], *entry.get("aliases", []))
        }
        for spelling in spellings:
            owners.setdefault(spelling, []).append(f"catalogue:{entry['key']}")
    for alias in ALIASES:
        owners.setdefault(normalize_spelling(alias["spelling"]), []).append("alias")
    for family in FAMILIES:
        owners.setdefault(normalize_spelling(family["spelling"]), []).append("family")
    clashes = {spelling: who for spelling, who in owners.items() if len(who) > 1}
    assert clashes == {}


def test_catalogue_aliases_are_not_other_spdx_ids() -> None:
    """A catalogue alias never spells a different SPDX licence (it would be shadowed)."""
    spdx = spdx_ids()
    for entry in CATALOGUE:
        for spelling in (entry["key"], *entry.get("aliases", [])):
            canonical = spdx.get(spelling.lower())
            assert canonical is None or canonical == entry["id"], (entry["key"], spelling)


def test_every_alias_evaluates_to_its_target_with_warning() -> None:
    """Every alias spelling normalises to its target id and warns."""
    for alias in ALIASES:
        result = evaluate_license(alias["spelling"], "parameters")
        assert result.normalized == alias["id"], alias
        assert result.warnings, alias


def test_every_osi_approved_id_passes_for_every_element() -> None:
    """Every OSI-approved SPDX id that is not catalogued passes for every element."""
    data = shipped_license_data()
    for lic in data.licenses.values():
        if lic.osi and lic.id.lower() not in data.catalogue:
            for element in ELEMENTS:
                assert status(lic.id, element) == "pass", (lic.id, element)


# ------------------------------------------------------------------------------------------
# Regressions for rough edges found while writing this suite


@pytest.mark.parametrize(
    ("expression", "fragment"),
    [
        ("MIT Apache-2.0", "need an operator"),
        ("()", "empty parentheses"),
        ("MIT AND (Apache-2.0 OR ())", "empty parentheses"),
    ],
)
def test_malformed_expressions_explain_themselves(expression: str, fragment: str) -> None:
    """Two ids without an operator, and empty parentheses, are malformed with a plain reason."""
    result = evaluate_license(expression, "code")
    assert result.malformed
    assert fragment in result.reasons[0]
    assert "Error" not in result.reasons[0]


def test_or_later_suffix_on_non_spdx_id_warns() -> None:
    """'Apache-2.0-or-later' is read as Apache-2.0+ and the assumption is stated."""
    result = evaluate_license("Apache-2.0-or-later", "code")
    assert result.status == "pass"
    assert any("read as Apache-2.0+" in w for w in result.warnings)


def test_lower_case_licenseref_is_recognised_as_custom_reference() -> None:
    """A custom reference is recognised whatever the case of its 'LicenseRef-' prefix."""
    result = evaluate_license("licenseref-x", "code")
    assert "custom licence reference" in result.reasons[0]


def test_open_terms_entry_with_unknown_element_is_refused(tmp_path: Path) -> None:
    """An open-terms entry naming an element that does not exist is a data error."""
    shipped = ROOT / "licenses"
    for name in ("spdx.json", "ai-licenses.toml", "aliases.toml"):
        (tmp_path / name).write_bytes((shipped / name).read_bytes())
    (tmp_path / "open-terms.toml").write_text(
        '[meta]\ntitle = "t"\n[[terms]]\nid = "CC0-1.0"\nelements = ["paramters"]\n'
        'rationale = "r"\nsource = "s"\n',
        encoding="utf-8",
    )
    with pytest.raises(LicenseDataError) as caught:
        load_license_data(tmp_path)
    assert caught.value.key == "terms[0].elements[0]"
    assert "unknown element 'paramters'; did you mean 'parameters'?" in str(caught.value)
    assert "cc0-1.0" in load_license_data(tmp_path, elements=["paramters"]).open_terms


def test_prose_or_later_is_read_as_or_later_with_warning() -> None:
    """'GPL-2.0 or later' means GPL-2.0+, not 'GPL-2.0 OR <a licence called later>'."""
    result = evaluate_license("GPL-2.0 or later", "code")
    assert result.normalized == "GPL-2.0-or-later"
    assert result.warnings == ["'GPL-2.0 or later' is not SPDX syntax; read as GPL-2.0-or-later"]
    assert evaluate_license("MPL-2.0 or later").normalized == "MPL-2.0+"


def test_open_terms_warning_only_when_the_component_passes(tmp_path: Path) -> None:
    """The open-terms policy warning is not shown for a component that fails anyway."""
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        "manifest: osaid/1\nname: x\ncomponents:\n  - kind: model-parameters-final\n"
        "    license: CC-BY-4.0 AND llama3.1\n",
        encoding="utf-8",
    )
    report = osaid.check(manifest)
    assert "open-terms-policy" not in [w.code for w in report.warnings]


@pytest.mark.parametrize(
    ("expression", "element", "expected"),
    [
        ("O-UDA-1.0", "data-information", "pass"),
        ("O-UDA-1.0", "parameters", "pass"),
        ("O-UDA-1.0", "code", "fail"),
        ("C-UDA-1.0", "data-information", "fail"),
        ("GFDL-1.3-no-invariants-or-later", "data-information", "pass"),
        ("GFDL-1.2-no-invariants-only", "data-information", "pass"),
        ("GFDL-1.3-no-invariants-only", "parameters", "fail"),
        ("GFDL-1.3-only", "data-information", "fail"),
        ("GFDL-1.3-invariants-only", "data-information", "fail"),
    ],
)
def test_data_and_documentation_licences_that_grant_the_freedoms(
    expression: str, element: str, expected: str
) -> None:
    """O-UDA grants the freedoms for data; the GFDL only without invariant sections, for texts."""
    assert status(expression, element) == expected


def _every_reason(expression: str, element: str) -> str:
    result = evaluate_license(expression, element)
    return " ".join([*result.reasons, *(f.reason for f in result.licenses)])


@pytest.mark.parametrize(
    ("expression", "element"),
    [
        ("llama3", "parameters"),
        ("llama3.3", "parameters"),
        ("openrail++", "parameters"),
        ("bsd", "code"),
        ("grok2-community", "parameters"),
        ("LicenseRef-osaid-impact-lr", "data-information"),
    ],
)
def test_reasons_carry_no_internal_provenance(expression: str, element: str) -> None:
    """What users read names the licence, the term and the OSD criterion, never our notes."""
    text = _every_reason(expression, element)
    for internal in ("UNCONFIRMED", "the reference", "MOT corpus", "Hugging Face id"):
        assert internal not in text, text


def test_an_unchecked_clause_is_null_in_json_and_left_out_of_the_reason() -> None:
    """Where a term sits was not checked: the kind and OSD criterion are shown, no clause."""
    result = evaluate_license("llama3", "parameters")
    clauses = result.licenses[0].fails
    assert any(c.clause is None for c in clauses)
    assert any(c.clause == "§1.b.i" for c in clauses)
    assert "user threshold (OSD 5)" in result.reasons[0]


def test_family_advice_is_shown_and_its_provenance_is_not(tmp_path: Path) -> None:
    """A family's advice is what users read; its note stays in the data."""
    data = load_license_data(tiny_dir(tmp_path))
    result = evaluate_with(data, "foo", Rule("code", "x", frozenset({"osi-approved"})))
    assert "say which Foo" in result.reasons[0]
    assert "Seen once" not in result.reasons[0]


def test_a_checked_failure_needs_its_clause(tmp_path: Path) -> None:
    """The data refuses a checked failure without a clause (and an unchecked one with one)."""
    broken = TINY_CATALOGUE.replace('clause = "§1"\n', "")
    with pytest.raises(LicenseDataError, match="give `clause` when checked"):
        load_license_data(tiny_dir(tmp_path, {"ai-licenses.toml": broken}))


@pytest.mark.parametrize(
    ("written", "name", "quotes"),
    [
        ("tongyi-qianwen", "Tongyi Qianwen License Agreement (3 August 2023)", "§5.b"),
        ("qwen", "Qwen License Agreement (19 September 2024)", None),
        ("tongyi-qianwen-research", "Tongyi Qianwen Research License Agreement", "§2.a"),
        ("qwen-research", "Qwen Research License Agreement (19 September 2024)", None),
    ],
)
def test_licence_versions_that_differ_are_separate_entries(
    written: str, name: str, quotes: str | None
) -> None:
    """Qwen2.5's 2024 text is not the 2023 Tongyi Qianwen text: no clause of one for the other."""
    result = evaluate_license(written, "parameters")
    assert result.status == "fail"
    assert name in result.reasons[0]
    clauses = {c.clause for c in result.licenses[0].fails}
    if quotes is None:
        assert clauses == {None}
    else:
        assert quotes in clauses


def test_open_terms_name_elements_the_definitions_accept_them_for() -> None:
    """Every element an open-terms entry names is, in some shipped definition, an element whose
    condition accepts open terms (licence data cannot name an element no definition has)."""
    accepting = {
        name
        for definition in osaid.available_definitions()
        for name, element in definition.elements.items()
        if element.condition and "open-terms" in definition.conditions[element.condition].accepts
    }
    named = {e for term in shipped_license_data().open_terms.values() for e in term.elements}
    assert named
    assert named <= accepting, named - accepting
