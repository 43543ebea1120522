"""Issue 11: bases as a list with relations, terms beyond the licence, and fixes that follow
the cause (what a publisher reads must lead to the change that makes the check pass)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import osaid
from conftest import EXAMPLES, CliRunner, Writer
from osaid import Status

CONFORMANT = (EXAMPLES / "conformant" / "osaid.yaml").read_text(encoding="utf-8")


def _result(report: osaid.Report, suffix: str) -> osaid.Result:
    return next(r for r in report.results if r.requirement.endswith("/" + suffix))


def _with_base(base: str) -> str:
    """The conformant example with a ``base_model`` block inserted before its components."""
    return CONFORMANT.replace("components:\n", base + "components:\n", 1)


# -- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "key", "message"),
    [
        (
            "base_model:\n  name: org/base\n  relation: finetune\n",
            "base_model.relation",
            "did you mean 'fine-tune'",
        ),
        (
            "base_model:\n  - name: org/a\n  - name: Org/A\n",
            "base_model[1].name",
            "listed twice (first at base_model[0].name)",
        ),
        (
            "additional_terms:\n  - location: https://example.org/aup\n",
            "additional_terms[0].kind",
            "required key is missing",
        ),
        (
            "additional_terms:\n  - kind: acceptable-use\n    location: x\n  - kind: aupp\n",
            "additional_terms[1].kind",
            "did you mean 'aup'",
        ),
    ],
)
def test_bad_derivation_and_terms_are_one_located_line(
    write: Writer, run_cli: CliRunner, base: str, key: str, message: str
) -> None:
    path = write("osaid.yaml", _with_base(base))
    result = run_cli("check", path)
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert f": {key}: " in result.err_lines[0]
    assert message in result.err_lines[0]


def test_one_base_written_as_a_mapping_is_a_list_of_one(write: Writer) -> None:
    path = write("osaid.yaml", _with_base("base_model:\n  name: org/base\n  relation: adapter\n"))
    release = osaid.read(path)
    assert [(b.name, b.relation.value) for b in release.base_models] == [("org/base", "adapter")]
    assert release.base_models[0].origin.key == "base_model"


# -- base parameters bind the derivative ---------------------------------------------------

LLAMA_BASE = """base_model:
  - name: meta-llama/Llama-3.1-8B
    components:
      - kind: model-parameters-final
        license: llama3.1
      - kind: data-description
        license: CC-BY-4.0
        covers: [provenance, scope, characteristics, obtaining-and-selection,
                 processing-and-filtering]
        not_used: [labelling]
      - kind: training-code
        license: Apache-2.0
"""


def test_a_fine_tune_of_a_llama_base_labelled_apache_fails_parameters_naming_the_base(
    write: Writer,
) -> None:
    report = osaid.check(write("osaid.yaml", _with_base(LLAMA_BASE)))
    bound = _result(report, "derivation/base-parameters")
    assert bound.status is Status.FAIL
    assert bound.element == "parameters"
    assert "meta-llama/Llama-3.1-8B" in bound.summary
    assert "llama3.1" in bound.summary
    assert bound.remediation is not None
    assert "start from a base under open terms" in bound.remediation
    assert "relicense" not in bound.remediation.lower()  # nobody can relicense Meta's base
    assert _result(report, "parameters/final").status is Status.PASS  # its own label is fine
    assert not report.conformant


def test_delta_only_still_binds_the_derivative_to_its_bases_terms(write: Writer) -> None:
    path = write("osaid.yaml", _with_base(LLAMA_BASE))
    report = osaid.check(path, policy=osaid.Policy(derivatives="delta-only"))
    assert _result(report, "derivation/base-code").status is Status.NOT_APPLICABLE
    assert _result(report, "derivation/base-parameters").status is Status.FAIL


def test_each_base_of_a_merge_is_judged_and_an_undocumented_one_is_named(write: Writer) -> None:
    open_base = LLAMA_BASE.replace("meta-llama/Llama-3.1-8B", "org/open").replace(
        "license: llama3.1", "license: Apache-2.0"
    )
    merge = open_base.replace("  - name: org/open\n", "  - name: org/open\n    relation: merge\n")
    merge += "  - name: someone/mystery\n    relation: merge\n"
    report = osaid.check(write("osaid.yaml", _with_base(merge)))
    for suffix in ("derivation/base-parameters", "derivation/base-code"):
        result = _result(report, suffix)
        assert result.status is Status.MISSING
        assert "someone/mystery" in result.summary
        assert "org/open" not in result.summary


def test_the_json_report_lists_every_base_and_its_relation(write: Writer) -> None:
    bases = "base_model:\n" + "".join(
        f"  - name: org/{n}\n    relation: merge\n" for n in ("a", "b")
    )
    report = osaid.check(write("osaid.yaml", _with_base(bases)))
    data = json.loads(report.model_dump_json(by_alias=True))
    assert data["release"]["base_model"] == "org/a"
    assert data["release"]["base_models"] == [
        {"name": "org/a", "relation": "merge"},
        {"name": "org/b", "relation": "merge"},
    ]


# -- readers map their formats' derivation -----------------------------------------------------


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("base_model: org/a\n", [("org/a", "fine-tune")]),
        ("base_model: org/a\nbase_model_relation: quantized\n", [("org/a", "quantization")]),
        ("base_model: [org/a, org/b]\n", [("org/a", "merge"), ("org/b", "merge")]),
        ("base_model: org/a\ntags: [merge, llm]\n", [("org/a", "merge")]),
        ("base_model: org/a\nbase_model_relation: adapter\n", [("org/a", "adapter")]),
    ],
)
def test_cards_map_base_model_lists_and_relations(
    write: Writer, front: str, expected: list[tuple[str, str]]
) -> None:
    card = write("README.md", f"---\nlicense: apache-2.0\n{front}---\n# Model\n")
    release = osaid.read(card)
    assert [(b.name, b.relation.value) for b in release.base_models] == expected


def test_an_unknown_card_relation_is_refused_with_a_suggestion(
    write: Writer, run_cli: CliRunner
) -> None:
    card = write("README.md", "---\nbase_model: org/a\nbase_model_relation: merged\n---\n# M\n")
    result = run_cli("check", card)
    assert result.code == 2
    assert "base_model_relation" in result.err_lines[0]
    assert "did you mean 'merge'" in result.err_lines[0]


def test_cyclonedx_ancestors_are_one_base_each(write: Writer) -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "type": "machine-learning-model",
                "name": "merged",
                "pedigree": {
                    "ancestors": [
                        {"type": "machine-learning-model", "name": "a"},
                        {"type": "machine-learning-model", "name": "b"},
                    ]
                },
            }
        ],
    }
    release = osaid.read(write("bom.cdx.json", json.dumps(bom)))
    assert [(b.name, b.relation.value) for b in release.base_models] == [
        ("a", "merge"),
        ("b", "merge"),
    ]


# -- terms beyond the licence -----------------------------------------------------------------


def _weights_with(extra: str) -> str:
    return CONFORMANT.replace(
        "  - kind: model-parameters-final\n",
        "  - kind: model-parameters-final\n" + extra,
        1,
    )


def test_an_acceptable_use_policy_fails_parameters_under_osd_5_and_6(write: Writer) -> None:
    terms = "    additional_terms:\n      - kind: acceptable-use-policy\n        location: AUP.md\n"
    report = osaid.check(write("osaid.yaml", _weights_with(terms)))
    params = _result(report, "parameters/final")
    assert params.status is Status.FAIL
    reason = params.components[0].reasons[0]
    assert "acceptable-use-policy" in reason
    assert "OSD 5, OSD 6" in reason
    assert params.remediation is not None
    assert params.remediation.startswith("Withdraw the acceptable use policy")


def test_gated_access_alone_is_a_warning_not_a_failure(write: Writer) -> None:
    terms = "    additional_terms:\n      - kind: gated-access\n        location: hub form\n"
    report = osaid.check(write("osaid.yaml", _weights_with(terms)))
    assert report.conformant
    assert any(w.code == "gated-access" for w in report.warnings)


def test_a_card_gate_whose_text_names_a_use_policy_cannot_be_verified(write: Writer) -> None:
    card = write(
        "README.md",
        "---\nlicense: apache-2.0\nextra_gated_prompt: You agree to our Acceptable Use Policy\n"
        "---\n# Gated\n",
    )
    params = _result(osaid.check(card), "parameters/final")
    assert params.status is Status.FAIL
    assert "cannot verify" in params.components[0].reasons[0]


def test_notes_naming_a_use_policy_without_declaring_it_cannot_be_verified(
    write: Writer,
) -> None:
    notes = "    notes: Use is subject to our acceptable use policy.\n"
    params = _result(osaid.check(write("osaid.yaml", _weights_with(notes))), "parameters/final")
    assert params.status is Status.FAIL
    assert params.remediation is not None
    assert "additional_terms" in params.remediation


# -- every declared licence is judged ---------------------------------------------------------


def test_a_malformed_licence_no_requirement_needs_is_a_located_warning(write: Writer) -> None:
    dataset = "  - kind: datasets\n    name: Web corpus\n    license: ODC-By AND (\n"
    path = write("osaid.yaml", CONFORMANT.rstrip("\n") + "\n" + dataset)
    report = osaid.check(path)
    assert report.conformant
    warning = next(w for w in report.warnings if w.code == "unneeded-licence-fails")
    assert "Web corpus" in warning.message
    assert warning.evidence[0].line == CONFORMANT.rstrip("\n").count("\n") + 4


# -- fixes follow the cause --------------------------------------------------------------------


def test_a_missing_path_is_fixed_by_creating_it_not_by_relicensing(tmp_path: Path) -> None:
    (tmp_path / "osaid.yaml").write_text(CONFORMANT, encoding="utf-8")
    report = osaid.check(tmp_path)
    described = _result(report, "data-information/description")
    assert described.status is Status.FAIL
    assert described.remediation is not None
    assert "Create 'docs/DATASHEET.md' in the repository" in described.remediation
    assert "such as" not in described.remediation


def test_a_header_that_disagrees_is_fixed_by_making_them_agree(tmp_path: Path) -> None:
    code = tmp_path / "train"
    code.mkdir()
    (code / "train.py").write_text("# SPDX-License-Identifier: GPL-3.0-only\n", encoding="utf-8")
    manifest = (
        "manifest: osaid/1\nname: x\ncomponents:\n"
        "  - kind: training-code\n    location: train\n    license: Apache-2.0\n"
    )
    (tmp_path / "osaid.yaml").write_text(manifest, encoding="utf-8")
    training = _result(osaid.check(tmp_path), "code/training")
    assert training.status is Status.FAIL
    assert training.remediation is not None
    assert training.remediation.startswith("Make train/train.py:1 and the declaration agree")


def test_noassertion_is_fixed_by_stating_the_licence_on_its_line(write: Writer) -> None:
    text = CONFORMANT.replace("license: Apache-2.0", "license: NOASSERTION", 1)
    training = _result(osaid.check(write("osaid.yaml", text)), "code/data-processing")
    assert training.remediation is not None
    assert training.remediation.startswith("State the licence of data-preprocessing-code")
    assert "line" in training.remediation


def test_a_relicensing_fix_never_proposes_a_licence_already_declared(write: Writer) -> None:
    text = CONFORMANT.replace(
        "  - kind: tokenizer\n", "  - kind: tokenizer\n    name: tok\n", 1
    ).replace("    license: MIT\n", "    license: MIT AND CC-BY-NC-4.0\n", 1)
    libraries = _result(osaid.check(write("osaid.yaml", text)), "code/supporting-libraries")
    assert libraries.status is Status.FAIL
    fix = libraries.remediation
    assert fix is not None
    assert "'CC-BY-NC-4.0' does not meet" in fix
    assert "MIT" not in fix.split("such as", 1)[1]


def test_the_models_and_weights_clause_restates_and_names_what_it_follows_from(
    write: Writer,
) -> None:
    text = CONFORMANT.replace("scope: system", "scope: weights").replace(
        "  - kind: training-code\n", "  - kind: training-code\n    used: false\n", 1
    )
    report = osaid.check(write("osaid.yaml", text))
    restated = _result(report, "models-and-weights/derivation")
    assert restated.status is Status.FAIL
    assert restated.element == "models-and-weights"
    assert restated.affects_verdict is False
    assert restated.follows_from == ["osaid-1.0/code/training"]
    assert {r.element for r in report.failing()} == {"code"}
