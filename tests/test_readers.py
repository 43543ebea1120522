"""Readers: the native osaid manifest and MOF model files, detected by content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import osaid
from conftest import MOT_MODELS, Writer
from osaid import ComponentKind, InputError, Release, Report
from osaid.model import EvidenceBasis, Scope
from osaid.readers._document import node_limit
from osaid.readers._mof import component_names

# ------------------------------------------------------------------------------------------
# Native manifest

# Line numbers matter in these tests: keep the comments and blank lines where they are.
MANIFEST = """\
# A test release
manifest: osaid/1
name: Lines
version: "1.0"
distribution: distributed

components:
  - kind: training-code
    license: MIT

  - kind: model-parameters-final
    name: Weights
    license: llama2
  - kind: data-description
    license: CC-BY-4.0
    covers: [provenance]
"""


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the first occurrence of ``fragment``."""
    return text[: text.index(fragment)].count("\n") + 1


def result_for(report: Report, requirement: str) -> osaid.Result:
    """The result of one requirement (by the part of its id after the definition id)."""
    return next(r for r in report.results if r.requirement == f"osaid-1.0/{requirement}")


def test_manifest_evidence_lines(write: Writer) -> None:
    """Evidence in a report points at the lines where the user wrote each value."""
    path = write("osaid.yaml", MANIFEST)
    report = osaid.check(path)
    training = result_for(report, "code/training")
    assert [(e.key, e.line, e.value) for e in training.evidence] == [
        ("components[0].license", line_of(MANIFEST, "license: MIT"), "MIT")
    ]
    params = result_for(report, "parameters/final")
    assert params.status is osaid.Status.FAIL
    assert params.evidence[0].line == line_of(MANIFEST, "license: llama2")
    assert params.evidence[0].file == str(path)
    distribution = result_for(report, "freedoms/distribution")
    assert distribution.evidence[0].line == line_of(MANIFEST, "distribution:")
    facet = result_for(report, "data-information/scope")
    assert facet.status is osaid.Status.MISSING
    assert facet.evidence[0].key == "components[2]"
    assert facet.evidence[0].line == line_of(MANIFEST, "- kind: data-description")
    missing = result_for(report, "code/inference")
    assert missing.status is osaid.Status.MISSING
    assert missing.evidence[0].key == "components"
    assert missing.evidence[0].line == line_of(MANIFEST, "components:")


def test_manifest_warning_evidence_lines(write: Writer) -> None:
    """Warnings about licence spellings point at the line of that licence."""
    path = write("osaid.yaml", MANIFEST)
    report = osaid.check(path)
    normalized = next(w for w in report.warnings if w.code == "license-normalized")
    assert normalized.evidence[0].line == line_of(MANIFEST, "license: llama2")


def test_manifest_origins_in_release(write: Writer) -> None:
    """The release read from a manifest keeps the origin (key and line) of each component."""
    release = osaid.read(write("osaid.yaml", MANIFEST))
    assert release.source.format == "osaid-manifest"
    assert release.source.basis is EvidenceBasis.DECLARED
    weights = release.components[1]
    assert weights.name == "Weights"
    assert weights.origin.line == line_of(MANIFEST, "- kind: model-parameters-final")
    assert weights.license is not None
    assert weights.license.origin is not None
    assert weights.license.origin.line == line_of(MANIFEST, "license: llama2")
    assert release.components[0].name == "training-code"  # defaults to the kind


def test_manifest_with_bom_keeps_lines(write: Writer) -> None:
    """A UTF-8 byte-order mark is ignored and line numbers stay right."""
    path = write("bom.yaml", "\ufeff" + MANIFEST)
    release = osaid.read(path)
    assert release.components[0].license is not None
    assert release.components[0].license.origin is not None
    assert release.components[0].license.origin.line == line_of(MANIFEST, "license: MIT")


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("manifest: osaid/1\nname: a\nname: b\n", "name", 3),
        (
            "manifest: osaid/1\nname: a\ncomponents:\n  - kind: training-code\n"
            "    license: MIT\n    license: Apache-2.0\n",
            "components[0].license",
            6,
        ),
        ('{"manifest": "osaid/1",\n "name": "a",\n "name": "b"}', "name", 3),
    ],
    ids=["top-level", "nested", "json"],
)
def test_duplicate_keys_refused_with_line(write: Writer, text: str, key: str, line: int) -> None:
    """A key given twice is refused, naming the key path and the line of the second one."""
    path = write("dup.yaml", text)
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert caught.value.key == key
    assert caught.value.line == line
    assert "twice" in str(caught.value)


def test_float_version_says_quote_it(write: Writer) -> None:
    """`version: 1.0` (a YAML float) is refused with 'must be text ... (quote it)'."""
    path = write("v.yaml", "manifest: osaid/1\nname: a\nversion: 1.0\n")
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    message = str(caught.value)
    assert caught.value.key == "version"
    assert caught.value.line == 3
    assert "must be text" in message
    assert "(quote it)" in message


def test_date_version_says_quote_it(write: Writer) -> None:
    """`version: 2024-01-01` (a YAML date) also asks the user to quote it."""
    path = write("v.yaml", "manifest: osaid/1\nname: a\nversion: 2024-01-01\n")
    with pytest.raises(InputError, match=r"\(quote it\)"):
        osaid.read(path)


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [("trainig-code", "training-code"), ("model-parameters", "model-parameters-final"),
     ("data_description", "data-description"), ("tokeniser", "tokenizer")],
)  # fmt: skip
def test_unknown_kind_did_you_mean(write: Writer, written: str, suggestion: str) -> None:
    """A misspelt component kind is refused with a did-you-mean naming the right kind."""
    path = write("k.yaml", f"manifest: osaid/1\nname: a\ncomponents:\n  - kind: {written}\n")
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert caught.value.key == "components[0].kind"
    assert caught.value.line == 4
    assert f"did you mean '{suggestion}'" in str(caught.value)


def test_unknown_key_did_you_mean(write: Writer) -> None:
    """A misspelt key (`licence`) is refused with its key path, line and a did-you-mean."""
    text = "manifest: osaid/1\nname: a\ncomponents:\n  - kind: training-code\n    licence: MIT\n"
    with pytest.raises(InputError) as caught:
        osaid.read(write("k.yaml", text))
    assert caught.value.key == "components[0].licence"
    assert caught.value.line == 5
    assert "did you mean 'license'" in str(caught.value)


def test_all_problems_are_kept(write: Writer) -> None:
    """Several problems are all recorded, and the message counts the others."""
    text = "manifest: osaid/1\nname: a\ncolour: red\ncomponents:\n  - kind: nope\n"
    with pytest.raises(InputError) as caught:
        osaid.read(write("k.yaml", text))
    assert len(caught.value.problems) == 2
    assert "(and 1 more problem)" in str(caught.value)


def test_wrong_marker_version_is_refused(write: Writer) -> None:
    """A manifest marker other than osaid/1 is refused with its key."""
    with pytest.raises(InputError) as caught:
        osaid.read(write("m.yaml", "manifest: osaid/2\nname: a\n"))
    assert caught.value.key == "manifest"


def test_unrecognised_mapping_is_refused(write: Writer) -> None:
    """A mapping that is neither a manifest nor a MOF file is refused, naming both formats."""
    with pytest.raises(InputError, match=r"format not recognised.*osaid manifests.*MOF"):
        osaid.read(write("x.yaml", "hello: world\n"))


@pytest.mark.parametrize(
    "text",
    [
        "manifest: osaid/1\nname: x\n---\nother: 1\n",
        "manifest: osaid/1\nname: !!python/object:os.system x\n",
        "manifest: osaid/1\n? [a, b]\n: c\n",
        "[" * 2000 + "]" * 2000,
        "- " * 200 + "x\n",
    ],
    ids=["two-documents", "python-tag", "complex-key", "deep-json", "deep-yaml"],
)
def test_hostile_yaml_is_refused_cleanly(write: Writer, text: str) -> None:
    """Multi-document, tagged, complex-key and deeply nested inputs are InputErrors."""
    with pytest.raises(InputError):
        osaid.read(write("h.yaml", text))


# ------------------------------------------------------------------------------------------
# Format detection by content


def test_yaml_manifest_saved_as_json_is_read(write: Writer) -> None:
    """A YAML manifest saved with a .json name is read as a manifest."""
    release = osaid.read(write("manifest.json", MANIFEST))
    assert release.source.format == "osaid-manifest"
    assert len(release.components) == 3


def test_json_manifest_is_read_with_lines(write: Writer) -> None:
    """A JSON manifest is read, and its evidence carries JSON line numbers."""
    data = yaml.safe_load(MANIFEST)
    text = json.dumps(data, indent=2)
    release = osaid.read(write("osaid.json", text))
    assert release.source.format == "osaid-manifest"
    license_ = release.components[0].license
    assert license_ is not None
    assert license_.origin is not None
    assert license_.origin.line == line_of(text, '"license": "MIT"')


def test_tab_indented_json_keeps_lines(write: Writer) -> None:
    """A tab-indented JSON manifest still reports line numbers."""
    text = json.dumps(yaml.safe_load(MANIFEST), indent="\t")
    release = osaid.read(write("osaid.json", text))
    assert release.components[0].origin.line is not None


def test_tab_indented_json_refuses_duplicate_keys(write: Writer) -> None:
    """A duplicate key in a tab-indented JSON manifest is refused like any other."""
    path = write("dup.json", '{\n\t"manifest": "osaid/1",\n\t"name": "a",\n\t"name": "b"\n}\n')
    with pytest.raises(InputError, match="twice"):
        osaid.read(path)


def test_mof_saved_as_txt_is_read(write: Writer) -> None:
    """A MOF file saved with a .txt name is read as MOF."""
    text = (MOT_MODELS / "Amber.yml").read_text(encoding="utf-8")
    release = osaid.read(write("amber.txt", text))
    assert release.source.format == "mof"
    assert release.name == "Amber"


def test_mof_as_json_is_read(write: Writer) -> None:
    """A MOF file converted to JSON is read as MOF with the same components."""
    data = yaml.safe_load((MOT_MODELS / "Amber.yml").read_text(encoding="utf-8"))
    release = osaid.read(write("amber.json", json.dumps(data, indent=1)))
    original = osaid.read(MOT_MODELS / "Amber.yml")
    assert release.source.format == "mof"
    assert [c.kind for c in release.components] == [c.kind for c in original.components]
    assert [c.license.expression if c.license else None for c in release.components] == [
        c.license.expression if c.license else None for c in original.components
    ]


# ------------------------------------------------------------------------------------------
# MOF files

MOF = """\
framework:
  name: 'Model Openness Framework'
  version: '1.0'
release:
  name: Inherit
  version: 1B
  producer: Test Lab
  origin: Some Base Model
  license:
    distribution:
      name: Apache-2.0
    code:
      name: MIT
    document:
      name: CC-BY-4.0
  components:
    - name: 'Model architecture'
    - name: 'Training code'
      license: BSD-3-Clause
    - name: 'Model parameters (Final)'
    - name: 'Datasets'
      license: unlicensed
    - name: 'Model card'
    - name: 'Evaluation data'
      license: ''
    - name: 'Inference code'
      license: null
"""


def licences(release: Release) -> dict[str, tuple[str | None, str | None]]:
    """Component name -> (expression, inherited_from)."""
    return {
        c.name: (c.license.expression, c.license.inherited_from) if c.license else (None, None)
        for c in release.components
    }


def test_mof_licence_inheritance(write: Writer) -> None:
    """MOF licences resolve as in MOT: own, else the content-type global, else distribution."""
    release = osaid.read(write("mof.yml", MOF))
    assert licences(release) == {
        "Model architecture": ("MIT", "release.license.code"),
        "Training code": ("BSD-3-Clause", None),
        "Model parameters (Final)": ("Apache-2.0", "release.license.distribution"),
        "Datasets": ("NONE", None),
        "Model card": ("CC-BY-4.0", "release.license.document"),
        "Evaluation data": ("NONE", None),
        "Inference code": ("MIT", "release.license.code"),
    }


def test_mof_parameters_inherit_data_global(write: Writer) -> None:
    """Model parameters resolve through the `data` global, not `code` or `document`."""
    text = MOF.replace("    code:\n", "    data:\n      name: CC0-1.0\n    code:\n")
    release = osaid.read(write("mof.yml", text))
    found = licences(release)
    assert found["Model parameters (Final)"] == ("CC0-1.0", "release.license.data")
    assert found["Datasets"] == ("NONE", None)  # `unlicensed` still does not inherit


def test_mof_inherited_licence_points_at_global(write: Writer) -> None:
    """An inherited licence's origin is the line of the global it came from."""
    release = osaid.read(write("mof.yml", MOF))
    arch = release.components[0]
    assert arch.license is not None
    assert arch.license.origin is not None
    assert arch.license.origin.key == "release.license.code.name"
    assert arch.license.origin.line == line_of(MOF, "name: MIT")
    assert arch.origin.line == line_of(MOF, "- name: 'Model architecture'")


def test_mof_without_globals_has_no_licence(write: Writer) -> None:
    """Without own licence or any global, a MOF component has no licence at all."""
    text = "release:\n  name: Bare\n  components:\n    - name: 'Training code'\n"
    release = osaid.read(write("mof.yml", text))
    assert release.components[0].license is None
    report = osaid.check(release)
    training = result_for(report, "code/training")
    assert training.status is osaid.Status.FAIL
    assert "no licence" in training.summary


def test_mof_empty_global_falls_back_to_distribution(write: Writer) -> None:
    """An empty content-type global is skipped in favour of the distribution licence."""
    text = MOF.replace("      name: MIT\n", "      name: ''\n")
    found = licences(osaid.read(write("mof.yml", text)))
    assert found["Model architecture"] == ("Apache-2.0", "release.license.distribution")


def test_mof_release_shape(write: Writer) -> None:
    """A MOF release claims the model, is judged by checklist and keeps name and version."""
    release = osaid.read(write("mof.yml", MOF))
    assert release.scope is Scope.MODEL
    assert release.source.basis is EvidenceBasis.CHECKLIST
    assert (release.name, release.version, release.producer) == ("Inherit", "1B", "Test Lab")
    kinds = [c.kind for c in release.components]
    assert kinds[:3] == [
        ComponentKind.MODEL_ARCHITECTURE,
        ComponentKind.TRAINING_CODE,
        ComponentKind.MODEL_PARAMETERS_FINAL,
    ]


def test_mof_unknown_component_did_you_mean(write: Writer) -> None:
    """An unknown MOF component name is refused with its key, line and a did-you-mean."""
    text = MOF.replace("'Training code'", "'Trainng code'")
    with pytest.raises(InputError) as caught:
        osaid.read(write("mof.yml", text))
    assert caught.value.key == "release.components[1].name"
    assert caught.value.line == line_of(text, "Trainng code")
    assert "did you mean 'Training code'" in str(caught.value)


def test_mof_origin_warning(write: Writer) -> None:
    """`release.origin` naming another model gives the mof-origin-not-derivation warning."""
    report = osaid.check(write("mof.yml", MOF))
    warning = next(w for w in report.warnings if w.code == "mof-origin-not-derivation")
    assert "Some Base Model" in warning.message
    assert warning.evidence[0].line == line_of(MOF, "origin:")
    assert report.release.base_model is None


@pytest.mark.parametrize("origin", ["Inherit", "inherit", "''"])
def test_mof_origin_same_as_name_no_warning(write: Writer, origin: str) -> None:
    """No origin warning when origin repeats the release name or is empty."""
    text = MOF.replace("origin: Some Base Model", f"origin: {origin}")
    report = osaid.check(write("mof.yml", text))
    assert "mof-origin-not-derivation" not in {w.code for w in report.warnings}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("framework:\n  name: 'Model Openness Framework'\n", "release"),
        ("release:\n  name: x\n  components: [null]\n", "release.components[0]"),
        ("release:\n  name: x\n  components: {}\n", "release.components"),
        ("release:\n  name: x\n  license:\n    code: MIT\n  components: []\n",
         "release.license.code"),
        ("release:\n  components: []\n", "release"),
        ("release:\n  name: x\n  components:\n    - name: 'Model card'\n      license: [MIT]\n",
         "release.components[0].license"),
    ],
    ids=["no-release", "null-component", "components-mapping", "global-string", "no-name",
         "licence-list"],
)  # fmt: skip
def test_mof_structure_errors_are_located(write: Writer, text: str, key: str) -> None:
    """Structural errors in a MOF file are InputErrors naming the key."""
    with pytest.raises(InputError) as caught:
        osaid.read(write("mof.yml", text))
    assert caught.value.key == key
    assert caught.value.file is not None
    assert caught.value.file.endswith("mof.yml")


def test_every_mof_component_name_maps_to_its_own_kind(write: Writer) -> None:
    """The 17 MOF component names each read as a distinct component kind."""
    names = component_names()
    assert len(names) == 17
    items = "".join(f"    - name: '{name}'\n" for name in names)
    release = osaid.read(write("all.yml", f"release:\n  name: All\n  components:\n{items}"))
    assert [c.name for c in release.components] == names
    assert len({c.kind for c in release.components}) == 17


def test_read_accepts_str_and_path(write: Writer) -> None:
    """`osaid.read` accepts both str and Path."""
    path = write("osaid.yaml", MANIFEST)
    assert osaid.read(str(path)) == osaid.read(Path(path))


# ------------------------------------------------------------------------------------------
# Inputs that PyYAML rejects outside its YAMLError hierarchy


@pytest.mark.parametrize("char", ["\x1f", "\x07", "\x7f", "\ufffe"], ids=repr)
def test_control_character_is_an_input_error(write: Writer, char: str) -> None:
    """A control character in a YAML input is refused as an InputError."""
    path = write("ctl.yaml", f"manifest: osaid/1\nname: x{char}\n")
    with pytest.raises(InputError):
        osaid.read(path)


@pytest.mark.parametrize(
    "value",
    [
        "!!timestamp x",
        "!!bool x",
        "!!timestamp 2024-99-99",
        "!!binary '%%'",
        "!!int x",
        "!!float x",
        "!!set [a]",
        "!!omap x",
        "!!pairs [a]",
        "!!python/name:os.system x",
        "!!int 1" + "0" * 5000,
    ],
    ids=lambda v: v[:24],
)  # fmt: skip
def test_bad_explicit_yaml_tags_are_input_errors(write: Writer, value: str) -> None:
    """An explicit YAML tag whose value cannot be constructed is refused as an InputError."""
    path = write("tag.yaml", f"manifest: osaid/1\nname: {value}\n")
    with pytest.raises(InputError):
        osaid.read(path)


def test_mof_global_unlicensed_means_no_licence(write: Writer) -> None:
    """A MOF global licence named 'unlicensed' is inherited as 'no licence', not as a name."""
    path = write(
        "m.yml",
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n  name: m\n  producer: p\n"
        "  license: {distribution: {name: unlicensed}}\n"
        "  components:\n    - name: Training code\n      description: d\n",
    )
    component = osaid.read(path).components[0]
    assert component.license is not None
    assert component.license.expression == "NONE"


def test_non_text_key_is_refused_with_location(write: Writer) -> None:
    """A manifest key that is not text is refused at its key path and line."""
    path = write(
        "k.yaml", "manifest: osaid/1\nname: x\ncomponents:\n  - kind: tokenizer\n    5: x\n"
    )
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert caught.value.key == "components[0].5"
    assert caught.value.line == 5
    assert "keys must be text" in str(caught.value)


def test_facet_both_covered_and_not_used_is_refused(write: Writer) -> None:
    """A data description cannot both cover a facet and declare it not used."""
    path = write(
        "c.yaml",
        "manifest: osaid/1\nname: x\ncomponents:\n  - kind: data-description\n"
        "    covers: [provenance]\n    not_used: [provenance]\n",
    )
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert caught.value.key == "components[0].not_used"
    assert caught.value.line == 6


def test_every_description_must_cover_a_facet(write: Writer) -> None:
    """With two data descriptions, one covering provenance is not enough: both must."""
    path = write(
        "two.yaml",
        "manifest: osaid/1\nname: x\ncomponents:\n"
        "  - kind: data-description\n    name: web data sheet\n    license: CC-BY-4.0\n"
        "    covers: [provenance]\n"
        "  - kind: data-description\n    name: code data sheet\n    license: CC-BY-4.0\n",
    )
    report = osaid.check(path)
    result = next(r for r in report.results if r.requirement.endswith("/provenance"))
    assert result.status.value == "missing"
    assert "code data sheet does not say it covers provenance" in result.summary
    assert result.evidence[0].key == "components[1]"


def test_truncated_json_says_so(write: Writer) -> None:
    """A JSON input cut short is reported as truncated."""
    path = write("t.json", '{"manifest": "osaid/1", "name": "x", "components": [')
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert "ends early (truncated?)" in str(caught.value)


def test_billion_laughs_is_refused(write: Writer) -> None:
    """Aliases of aliases that would expand to hundreds of millions of values are refused."""
    levels = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for previous, current in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = write("laughs.yaml", "manifest: osaid/1\nname: lol\n" + "\n".join(levels) + "\n")
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert "billion laughs" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "opening", "closing"), [("deep.json", "[", "]"), ("deep.yaml", "[", "]")]
)
def test_twenty_thousand_nested_brackets_are_a_clear_error(
    write: Writer, name: str, opening: str, closing: str
) -> None:
    """A file of 20,000 nested brackets is an InputError, not a RecursionError."""
    path = write(name, opening * 20000 + closing * 20000)
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    assert "nested" in str(caught.value) or "nesting" in str(caught.value)


# ------------------------------------------------------------------------------------------
# Documents with too many values: refused while they are being composed, not afterwards

_HEAD = "manifest: osaid/1\nname: x\nnotes:\n"


@pytest.mark.parametrize(
    "item", ["- a\n", "- !!str a\n", "- {k: v}\n"], ids=["plain", "tagged", "mappings"]
)
def test_too_many_values_stop_the_composer_early(write: Writer, item: str) -> None:
    """A document past the value limit is refused before the composer reaches its end.

    The broken line at the very end proves it: a reader that composed everything first and
    counted afterwards would report that syntax error instead (and took seconds on 10 MiB).
    Explicitly tagged values count too, although YAML resolves no tag for them.
    """
    path = write("many.yaml", _HEAD + item * 210_000 + "broken: [\n")
    with pytest.raises(InputError, match=r"has more than 200000 values \(a limit against"):
        osaid.read(path)


def test_json_with_too_many_values_is_refused_from_its_data(write: Writer) -> None:
    """A JSON document is counted from its parsed data (fast), before its lines are located."""
    body = {"manifest": "osaid/1", "name": "x", "notes": [0] * 200_001}
    path = write("many.json", json.dumps(body))
    with pytest.raises(InputError, match="has more than 200000 values"):
        osaid.read(path)


def test_json_keys_count_as_values(write: Writer) -> None:
    """Keys are values too (as YAML nodes are), so a wide object cannot slip under the limit."""
    wide = {f"k{i}": 0 for i in range(100_001)}
    path = write("wide.json", json.dumps({"manifest": "osaid/1", "name": "x", "extra": wide}))
    with pytest.raises(InputError, match="has more than 200000 values"):
        osaid.read(path)


@pytest.mark.parametrize("key", ["x]", "a.b]", "[", "]]"])
def test_keys_that_look_like_key_paths_are_located(write: Writer, key: str) -> None:
    """An unknown key holding brackets or dots is reported on its own line, quoted."""
    path = write("odd.json", json.dumps({"manifest": "osaid/1", "name": "x", key: 1}, indent=1))
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    problem = next(p for p in caught.value.problems if p.key == f'"{key}"')
    assert (problem.message, problem.line) == ("unknown key", 4)


def test_unlocatable_key_holding_a_bracket_is_still_a_clean_error(write: Writer) -> None:
    """A key whose line cannot be found (an escaped astral character) and that ends in ``]``.

    Found by the command-line property test: looking for the enclosing key raised ValueError.
    """
    body = json.dumps({"manifest": "osaid/1", "name": "x", "\U00010000]": 1})
    with pytest.raises(InputError, match="unknown key"):
        osaid.read(write("odd.json", body))


def test_json_duplicate_key_is_still_located(write: Writer) -> None:
    """Counting first does not lose the line of a duplicated key."""
    path = write("dup.json", '{\n  "manifest": "osaid/1",\n  "name": "x",\n  "name": "y"\n}\n')
    with pytest.raises(InputError) as caught:
        osaid.read(path)
    problem = caught.value.problems[0]
    assert (problem.key, problem.line) == ("name", 4)
    assert "given twice" in problem.message


def test_value_limit_grows_with_a_larger_input() -> None:
    """An input allowed past 10 MiB may hold one value per 50 bytes (at least 200,000)."""
    assert node_limit("x" * 1000) == 200_000
    assert node_limit("x" * 25_000_000) == 500_000


def test_every_format_declares_its_own_facts() -> None:
    """Each reader names itself, its precedence and its suffixes; nothing else repeats them."""
    from osaid import readers
    from osaid.readers import _directory

    names = [r.name for r in readers.READERS]
    assert len(names) == len(set(names))
    for each in readers.READERS:
        assert each.title, each.name
        assert each.description, each.name
        assert readers.reader(each.name) is each
        assert each.suffixes, each.name
        assert all(s.startswith(".") and s == s.lower() for s in each.suffixes), each.name
    declared = {s for r in readers.READERS for s in r.suffixes}
    assert set(_directory.SUFFIXES) == declared
    manifest = next(r for r in readers.READERS if r.names)
    assert manifest.precedence == max(r.precedence for r in readers.READERS)
    assert readers.always_read("OSAID.yaml")
    assert not readers.always_read("README.md")
    assert {r.name for r in readers.READERS if r.prefill} == {"hf-model-card", "mof"}


def test_every_structured_reader_names_a_misspelt_required_key(write: Writer) -> None:
    """The one located accessor: a required key written wrong is named where it is, with the
    key meant (MOF files used to say only that the key was required)."""
    path = write(
        "model.yml",
        "framework:\n  name: Model Openness Framework\nrelease:\n  nmae: X\n  components: []\n",
    )
    with pytest.raises(osaid.InputError) as caught:
        osaid.read(path)
    assert caught.value.key == "release"
    assert caught.value.line == 3  # the release mapping that lacks it
    assert "'name' is required (found 'nmae'; did you mean 'name'?)" in str(caught.value)
