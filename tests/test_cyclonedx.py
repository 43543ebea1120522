"""CycloneDX BOMs (1.2 to 1.7, ML-BOMs from 1.5): detection, mapping, notes and located errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import osaid
from conftest import DATA, CliRunner, Writer
from osaid import ComponentKind, InputError, Report, Result, Status, Verdict
from osaid.model import DataFacet, Release, Scope
from osaid.readers._cyclonedx import READER

BOMS = DATA / "cyclonedx"
MODEL = BOMS / "model.cdx.json"
FINE_TUNE = BOMS / "fine-tune.cdx.json"
SEVERAL = BOMS / "several-licences.cdx.json"


def line_of(path: Path, fragment: str, after: str = "") -> int:
    """The 1-based line of the first ``fragment`` in ``path`` (after ``after``, if given)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    return text[: text.index(fragment, start)].count("\n") + 1


def result_for(report: Report, requirement: str) -> Result:
    """The result of one requirement (by the part of its id after the definition id)."""
    return next(r for r in report.results if r.requirement == f"osaid-1.0/{requirement}")


def keys(result: Result) -> list[tuple[str, int | None]]:
    """The (key, line) of each piece of evidence of ``result``."""
    return [(e.key, e.line) for e in result.evidence]


def warning_codes(report: Report) -> list[str]:
    """The codes of the report's warnings, in order."""
    return [w.code for w in report.warnings]


def components(release: Release, kind: ComponentKind) -> list[osaid.Component]:
    """The release's components of one kind."""
    return [c for c in release.components if c.kind is kind]


def bom(*components: Any, **top: Any) -> str:
    """A minimal CycloneDX 1.6 BOM as JSON text, one key per line."""
    data = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, **top}
    data["components"] = list(components)
    return json.dumps(data, indent=2)


# ------------------------------------------------------------------------------------------
# Detection


def test_detected_by_content_not_name(write: Writer) -> None:
    """A BOM saved as .txt is still read as CycloneDX, because detection looks at content."""
    path = write("bill-of-materials.txt", MODEL.read_text(encoding="utf-8"))
    report = osaid.check(path)
    assert report.input_format == "cyclonedx"
    assert report.release.name == "tinyllm-1b"


def test_sniff_needs_the_bom_format_marker() -> None:
    """Only a mapping saying bomFormat CycloneDX is claimed; SPDX-looking data is not."""
    from osaid.readers._document import parse

    assert READER.sniff(parse('{"bomFormat": "CycloneDX"}', "a.json"))
    assert not READER.sniff(parse('{"spdxVersion": "SPDX-2.3"}', "b.json"))
    assert not READER.sniff(parse('[{"bomFormat": "CycloneDX"}]', "c.json"))


def test_yaml_with_the_same_structure_is_read(write: Writer) -> None:
    """The reader works on parsed data, so the same BOM written as YAML reads the same."""
    text = (
        "bomFormat: CycloneDX\nspecVersion: '1.6'\ncomponents:\n"
        "  - type: library\n    name: numpy\n    licenses:\n"
        "      - license:\n          id: BSD-3-Clause\n"
    )
    report = osaid.check(write("bom.yaml", text))
    libraries = result_for(report, "code/supporting-libraries")
    assert libraries.status is Status.PASS
    assert keys(libraries) == [("components[0].licenses[0].license.id", 8)]


# ------------------------------------------------------------------------------------------
# The model BOM


def test_model_release_identity() -> None:
    """Name, version and producer come from metadata.component; a model subject claims the model."""
    report = osaid.check(MODEL)
    assert report.release.name == "tinyllm-1b"
    assert report.release.version == "1.0"
    assert report.release.producer == "Example Lab"
    assert report.release.scope == "model"
    assert report.release.base_model is None
    assert report.verdict is Verdict.NOT_CONFORMANT


def test_model_parameters_pass_with_located_evidence() -> None:
    """The weights take the model's licence, and evidence points at that licence's line."""
    params = result_for(osaid.check(MODEL), "parameters/final")
    assert params.status is Status.PASS
    assert "under Apache-2.0" in params.summary
    line = line_of(MODEL, '"id": "Apache-2.0", "acknowledgement"')
    assert keys(params) == [("metadata.component.licenses[0].license.id", line)]
    assert params.components[0].component == "tinyllm-1b 1.0"


def test_supporting_libraries_fail_on_the_llama_licence() -> None:
    """Libraries (nested ones too) are code; the Llama-licensed one fails and is named."""
    libraries = result_for(osaid.check(MODEL), "code/supporting-libraries")
    assert libraries.status is Status.FAIL
    assert libraries.summary.startswith(
        "Supporting libraries and tools: llama-recipes 0.0.4 is under "
        "'Llama 3.1 Community License', which needs an OSI-approved licence"
    )
    by_name = {c.component: c for c in libraries.components}
    assert list(by_name) == [
        "torch 2.3.1",
        "safetensors 0.4.3",
        "tokenizers 0.19.1",
        "llama-recipes 0.0.4",
    ]
    assert by_name["tokenizers 0.19.1"].status == "pass"
    assert by_name["tokenizers 0.19.1"].license == "Apache-2.0 OR MIT"
    assert by_name["llama-recipes 0.0.4"].status == "fail"
    llama = by_name["llama-recipes 0.0.4"].evidence
    assert (llama.key, llama.line) == (
        "components[4].licenses[0].license.name",
        line_of(MODEL, '"name": "Llama 3.1 Community License"'),
    )
    nested = by_name["safetensors 0.4.3"].evidence
    assert nested.key == "components[2].components[0].licenses[0].license.id"
    assert libraries.remediation is not None
    assert "llama-recipes 0.0.4 (components[4].licenses[0].license.name" in libraries.remediation


def test_data_information_facets_from_dataset_fields() -> None:
    """Dataset fields give provenance, scope and characteristics; the rest stays missing."""
    report = osaid.check(MODEL)
    # A list item's line is the line of its opening brace, just below '"data": ['.
    webtext = ("components[0].data[0]", line_of(MODEL, '"data": [') + 1)
    forum = ("components[1].data[0]", line_of(MODEL, '"data": [', after="forum-dialogues") + 1)
    for facet in ("provenance", "scope", "characteristics"):
        result = result_for(report, f"data-information/{facet}")
        assert result.status is Status.PASS, facet
        assert result.summary.endswith(f"the description covers {facet}")
        assert keys(result) == [webtext, forum]
    for facet in ("obtaining-and-selection", "labelling", "processing-and-filtering"):
        result = result_for(report, f"data-information/{facet}")
        assert result.status is Status.MISSING, facet
        assert f"does not say it covers {facet}" in result.summary


def test_data_information_is_under_the_boms_own_licence() -> None:
    """Inferred data information takes metadata.licenses, so an NC dataset does not fail it."""
    report = osaid.check(MODEL)
    description = result_for(report, "data-information/description")
    assert description.status is Status.PASS
    assert "under CC-BY-4.0" in description.summary
    bom_licence = ("metadata.licenses[0].license.id", line_of(MODEL, '{"license": {"id": "CC-BY'))
    assert set(keys(description)) == {bom_licence}
    assert {c.inherited_from for c in description.components} == {"metadata.licenses"}
    listing = result_for(report, "data-information/public-data-listing")
    assert listing.status is Status.PASS
    assert [c.component for c in listing.components] == ["open-webtext-2024 (public dataset)"]
    assert listing.components[0].inferred_from == "components[0].data[0].contents.url"


def test_datasets_keep_their_own_licences() -> None:
    """Each data component is a dataset under its own licence, located where it is written."""
    release = osaid.read(MODEL)
    datasets = components(release, ComponentKind.DATASETS)
    assert [(c.name, c.license.expression if c.license else None) for c in datasets] == [
        ("open-webtext-2024 2024.06", "CC-BY-4.0"),
        ("forum-dialogues", "CC-BY-NC-4.0"),
    ]
    forum = datasets[1].license
    assert forum is not None
    assert forum.origin is not None
    assert (forum.origin.key, forum.origin.line) == (
        "components[1].licenses[0].license.id",
        line_of(MODEL, '"id": "CC-BY-NC-4.0"'),
    )
    descriptions = components(release, ComponentKind.DATA_DESCRIPTION)
    assert [sorted(f.value for f in c.covers) for c in descriptions] == [
        ["characteristics", "provenance", "scope"],
        ["characteristics", "provenance", "scope"],
    ]
    assert descriptions[0].location == (
        "https://huggingface.co/datasets/example-lab/open-webtext-2024"
    )


def test_model_card_and_architecture_are_inferred() -> None:
    """The model card and the architecture code (from the vcs link) carry the model's licence."""
    report = osaid.check(MODEL)
    architecture = result_for(report, "code/model-architecture")
    assert architecture.status is Status.PASS
    check = architecture.components[0]
    assert check.component == "tinyllm-1b 1.0 architecture"
    assert check.inherited_from == "metadata.component.licenses"
    assert check.inferred_from == "metadata.component.modelCard.modelParameters.modelArchitecture"
    release = osaid.read(MODEL)
    [card] = components(release, ComponentKind.MODEL_CARD)
    assert card.license is not None
    assert card.license.expression == "Apache-2.0"
    assert card.origin.key == "metadata.component.modelCard"
    assert card.origin.line == line_of(MODEL, '"modelCard"')
    [code] = components(release, ComponentKind.MODEL_ARCHITECTURE)
    assert code.location == "https://github.com/example-lab/tinyllm"
    [weights] = components(release, ComponentKind.MODEL_PARAMETERS_FINAL)
    assert weights.location == "https://huggingface.co/example-lab/tinyllm-1b"


def test_model_warnings() -> None:
    """The model BOM warns about the assumed licence, inferred data information and BOM limits."""
    report = osaid.check(MODEL)
    codes = warning_codes(report)
    for code in ("cyclonedx-assumed-licence", "cyclonedx-data-information", "sbom-scope"):
        assert codes.count(code) == 1, code
    assumed = next(w for w in report.warnings if w.code == "cyclonedx-assumed-licence")
    assert "assumed to be the model's ('Apache-2.0')" in assumed.message
    vcs = line_of(MODEL, '"type": "vcs"')
    assert [(e.key, e.line) for e in assumed.evidence] == [
        ("metadata.component.externalReferences[1]", vcs)
    ]
    data = next(w for w in report.warnings if w.code == "cyclonedx-data-information")
    assert "open-webtext-2024, forum-dialogues" in data.message
    assert "labelling, processing and filtering" in data.message
    scope = next(w for w in report.warnings if w.code == "sbom-scope")
    assert "training code" in scope.message
    assert "osaid manifest" in scope.message
    assert "cyclonedx-multiple-licences" not in codes


def test_missing_items_point_at_the_component_list() -> None:
    """What a BOM cannot state is missing, located at its components list."""
    report = osaid.check(MODEL)
    training = result_for(report, "code/training")
    assert training.status is Status.MISSING
    assert keys(training) == [("components", line_of(MODEL, '"components": [\n    {'))]
    aggregate = result_for(report, "models-and-weights/derivation")
    assert aggregate.status is Status.FAIL
    assert keys(aggregate) == [
        ("metadata.component.type", line_of(MODEL, '"type": "machine-learning-model"'))
    ]


# ------------------------------------------------------------------------------------------
# A fine-tune with pedigree.ancestors


def test_fine_tune_declares_its_base_model() -> None:
    """pedigree.ancestors makes the release derived from the named, versioned ancestor."""
    report = osaid.check(FINE_TUNE)
    assert report.release.name == "tinyllm-1b-chat"
    assert report.release.version == "1.1"
    assert report.release.producer == "Ada Example"
    assert report.release.scope == "model"
    assert report.release.base_model == "tinyllm-1b 1.0"
    base = osaid.read(FINE_TUNE).base_model
    assert base is not None
    assert base.location == "https://huggingface.co/example-lab/tinyllm-1b"
    assert base.origin.key == "components[0].pedigree.ancestors[0]"
    assert [c.kind for c in base.components] == [
        ComponentKind.MODEL_PARAMETERS_FINAL,
        ComponentKind.MODEL_CARD,
        ComponentKind.DATASETS,
        ComponentKind.DATA_DESCRIPTION,
        ComponentKind.PUBLIC_DATA_LISTING,
        ComponentKind.DATASETS,
        ComponentKind.DATA_DESCRIPTION,
        ComponentKind.PUBLIC_DATA_LISTING,
    ]
    assert base.components[2].name == "open-webtext-2024"  # the ref to a listed data component
    assert base.components[5].name == "code-snippets"  # an inline dataset in the ancestor's card


def test_fine_tune_derivation_requirements_apply() -> None:
    """The base model's data information and training code are required, and reported."""
    report = osaid.check(FINE_TUNE)
    data = result_for(report, "derivation/base-data-information")
    assert data.status is Status.FAIL
    assert "open-webtext-2024 (dataset description) is under 'no licence'" in data.summary
    inline = "components[0].pedigree.ancestors[0].modelCard.modelParameters.datasets[1]"
    assert keys(data) == [
        (
            "components[2].data[0]",
            line_of(FINE_TUNE, '"data": [', after='"bom-ref": "data-web') + 1,
        ),
        (inline, line_of(FINE_TUNE, '{"ref": "data-webtext"}') + 1),
    ]
    code = result_for(report, "derivation/base-code")
    assert code.status is Status.MISSING
    assert code.summary.endswith("(fine-tune): no training-code component is declared")
    ancestor = ("components[0].pedigree.ancestors[0]", line_of(FINE_TUNE, '"ancestors"') + 1)
    assert keys(code) == [ancestor]
    assert result_for(report, "models-and-weights/derivation").status is Status.FAIL


def test_fine_tune_without_a_bom_licence_cannot_verify_data_information() -> None:
    """Without metadata.licenses, inferred data information has no licence and fails."""
    report = osaid.check(FINE_TUNE)
    description = result_for(report, "data-information/description")
    assert description.status is Status.FAIL
    assert "no licence is declared for chat-instructions (dataset description)" in (
        description.summary
    )
    provenance = result_for(report, "data-information/provenance")
    assert provenance.status is Status.PASS  # facets need no licence of their own
    note = next(w for w in report.warnings if w.code == "cyclonedx-data-information")
    assert "declares no licence of its own (metadata.licenses)" in note.message


# ------------------------------------------------------------------------------------------
# Several licences on one component


def test_several_licence_entries_are_all_required() -> None:
    """Several licence entries are combined with AND, and a warning says why."""
    report = osaid.check(SEVERAL)
    params = result_for(report, "parameters/final")
    assert params.status is Status.PASS
    assert params.components[0].normalized == "MIT AND CC-BY-4.0"
    assert params.components[0].license == "MIT, CC-BY-4.0"
    first = line_of(SEVERAL, '"licenses"')
    assert keys(params) == [("components[0].licenses", first)]
    several = [w for w in report.warnings if w.code == "cyclonedx-multiple-licences"]
    assert [w.evidence[0].key for w in several] == [
        "components[0].licenses",
        "components[2].licenses",
    ]
    assert "osaid required all of them" in several[0].message
    assert "sentiment-classifier lists several licences (MIT, CC-BY-4.0)" in several[0].message


def test_concluded_licence_wins_over_declared() -> None:
    """When entries carry acknowledgement, the concluded licence is the one checked."""
    report = osaid.check(SEVERAL)
    libraries = result_for(report, "code/supporting-libraries")
    fasttext = next(c for c in libraries.components if c.component == "fasttext 0.9.3")
    assert (fasttext.license, fasttext.status) == ("MIT", "pass")
    assert fasttext.evidence.key == "components[1].licenses[1].license.id"
    assert fasttext.evidence.line == line_of(SEVERAL, '"id": "MIT", "acknowledgement"')
    concluded = next(w for w in report.warnings if w.code == "cyclonedx-concluded-licence")
    assert "set aside CC-BY-NC-4.0" in concluded.message


def test_licence_names_with_spaces_stay_whole_when_combined() -> None:
    """A licence name joins an AND as one operand, and a Llama licence fails the library."""
    libraries = result_for(osaid.check(SEVERAL), "code/supporting-libraries")
    assert libraries.status is Status.FAIL
    assert libraries.summary.startswith(
        "Supporting libraries and tools: llama-tokenizer 3.1 is under "
        "'Apache-2.0, Llama 3.1 Community License'"
    )
    release = osaid.read(SEVERAL)
    tokenizer = components(release, ComponentKind.SUPPORTING_LIBRARIES)[1]
    assert tokenizer.license is not None
    assert tokenizer.license.expression == "Apache-2.0 AND (Llama 3.1 Community License)"


def test_application_subject_claims_the_system() -> None:
    """An application as metadata.component is the system: scope system, not a library."""
    report = osaid.check(SEVERAL)
    assert report.release.name == "sentiment-service"
    assert report.release.producer == "Example Apps"
    assert report.release.scope == "system"
    release = osaid.read(SEVERAL)
    assert release.scope is Scope.SYSTEM
    assert "sentiment-service 2.0.0" not in [c.name for c in release.components]
    device = next(w for w in report.warnings if w.code == "cyclonedx-not-mapped")
    assert "inference-accelerator is hardware ('device')" in device.message


# ------------------------------------------------------------------------------------------
# Smaller shapes


def test_empty_licences_mean_no_licence(write: Writer) -> None:
    """An empty licenses list declares nothing, so the weights cannot be verified."""
    model = {"type": "machine-learning-model", "name": "m", "licenses": []}
    report = osaid.check(write("bom.json", bom(model)))
    params = result_for(report, "parameters/final")
    assert params.status is Status.FAIL
    assert "no licence is declared for m" in params.summary


def test_subject_listed_again_is_mapped_once(write: Writer) -> None:
    """A model in metadata.component and in components (same bom-ref) is one component."""
    model = {
        "bom-ref": "m",
        "type": "machine-learning-model",
        "name": "m",
        "licenses": [{"license": {"id": "MIT"}}],
    }
    release = osaid.read(write("bom.json", bom(model, metadata={"component": model})))
    assert [c.origin.key for c in components(release, ComponentKind.MODEL_PARAMETERS_FINAL)] == [
        "components[0]"
    ]
    assert release.origin_of("scope").key == "metadata.component.type"


def test_architecture_needs_a_code_link(write: Writer) -> None:
    """Without a vcs or source-distribution reference no architecture code is inferred."""
    card = {"modelParameters": {"architectureFamily": "transformer"}}
    model = {"type": "machine-learning-model", "name": "m", "modelCard": card}
    release = osaid.read(write("bom.json", bom(model)))
    assert not components(release, ComponentKind.MODEL_ARCHITECTURE)
    assert components(release, ComponentKind.MODEL_CARD)


def test_inline_dataset_facets(write: Writer) -> None:
    """Only a description gives scope; governance alone gives provenance."""
    datasets = [
        {"type": "dataset", "name": "a", "governance": {"owners": [{"organization": {}}]}},
        {"type": "dataset", "name": "b", "classification": "confidential"},
        {"type": "dataset", "name": "c"},
    ]
    card = {"modelParameters": {"datasets": datasets}}
    release = osaid.read(
        write("bom.json", bom({"type": "machine-learning-model", "name": "m", "modelCard": card}))
    )
    covers = {c.name: c.covers for c in components(release, ComponentKind.DATA_DESCRIPTION)}
    assert covers == {
        "a (dataset description)": frozenset({DataFacet.PROVENANCE}),
        "b (dataset description)": frozenset({DataFacet.CHARACTERISTICS}),
    }
    assert [c.name for c in components(release, ComponentKind.DATASETS)] == ["a", "b", "c"]


def test_external_bom_link_is_noted_not_followed(write: Writer) -> None:
    """A dataset ref into another BOM (urn:cdx:) is reported, not treated as an error."""
    ref = "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#data-x"
    card = {"modelParameters": {"datasets": [{"ref": ref}]}}
    report = osaid.check(
        write("bom.json", bom({"type": "machine-learning-model", "name": "m", "modelCard": card}))
    )
    assert "cyclonedx-external-ref" in warning_codes(report)


# ------------------------------------------------------------------------------------------
# Versions


def test_a_cyclonedx_1_2_sbom_is_read_as_software() -> None:
    """CycloneDX 1.2 to 1.4 are software SBOMs: their components are supporting code."""
    report = osaid.check(BOMS / "spec-1.2.cdx.json")
    assert report.input_format == "cyclonedx"
    checked = [c for r in report.results for c in r.components]
    assert {(c.kind, c.component) for c in checked} == {("supporting-libraries", "requests 2.31.0")}


def test_cyclonedx_1_7_mixes_expressions_and_licences(write: Writer) -> None:
    """In 1.7 ``licenses`` may hold several expressions beside licence entries; all apply."""
    entries = [{"license": {"id": "MIT"}}, {"expression": "Apache-2.0 OR BSD-3-Clause"}]
    text = bom({**MODEL_ENTRY, "licenses": entries}).replace('"1.6"', '"1.7"')
    report = osaid.check(write("bom.json", text))
    checked = {c.normalized for r in report.results for c in r.components if c.component == "m"}
    assert checked == {"MIT AND (Apache-2.0 OR BSD-3-Clause)"}
    assert "cyclonedx-multiple-licences" in warning_codes(report)


# ------------------------------------------------------------------------------------------
# Broken input

# file name -> fragments the error must contain (besides the file name)
BROKEN_FILES: dict[str, tuple[str, ...]] = {
    "truncated.cdx.json": ("invalid JSON",),
    "no-type.cdx.json": (":12: components[1]: 'type' is required",),
    "licence-neither.cdx.json": (
        ":11: components[0].licenses[0].license: a licence needs an 'id' (SPDX) or a 'name'",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_files_raise_located_input_errors(name: str) -> None:
    """Each broken BOM raises one InputError naming the file, and the key and line it can."""
    path = BOMS / name
    with pytest.raises(InputError) as caught:
        osaid.check(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    for fragment in BROKEN_FILES[name]:
        assert fragment in message


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_cli_reports_broken_files_and_still_checks_good_ones(run_cli: CliRunner, name: str) -> None:
    """The CLI exits 2 with one 'osaid:' line per broken BOM and still reports the good one."""
    path = BOMS / name
    result = run_cli("check", MODEL, path)
    assert result.code == 2, result
    assert "Traceback" not in result.out + result.err
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith(f"osaid: {path}")
    for fragment in BROKEN_FILES[name]:
        assert fragment in line
    assert "tinyllm-1b" in result.out
    assert "NOT CONFORMANT" in result.out


def test_cli_json_output_for_a_bom(run_cli: CliRunner) -> None:
    """`osaid check --format json` on a BOM names the input format and exits 1."""
    result = run_cli("check", "--format", "json", MODEL)
    assert result.code == 1, result
    assert result.err == ""
    assert json.loads(result.out)["input_format"] == "cyclonedx"


MODEL_ENTRY = {"type": "machine-learning-model", "name": "m"}

# name -> (BOM text, fragments the one error line must contain)
BAD_BOMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "unknown-type": (
        bom({"type": "machine-learning", "name": "m"}),
        ("components[0].type", "did you mean 'machine-learning-model'?"),
    ),
    "components-not-a-list": (
        json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": {"a": 1}}),
        ("components: must be a list of components",),
    ),
    "no-spec-version": (
        json.dumps({"bomFormat": "CycloneDX", "components": []}),
        (".json:1: 'specVersion' is required", "1.2 to 1.7"),
    ),
    "component-not-a-mapping": (bom("numpy"), ("components[0]: must be a mapping",)),
    "misspelt-name": (
        bom({"type": "library", "nmae": "numpy"}),
        ("components[0]: 'name' is required (found 'nmae'; did you mean 'name'?)",),
    ),
    "licence-entry-neither-form": (
        bom({**MODEL_ENTRY, "licenses": [{"licence": {"id": "MIT"}}]}),
        ("components[0].licenses[0]", "did you mean 'license'?"),
    ),
    "licence-entry-text": (
        bom({**MODEL_ENTRY, "licenses": ["MIT"]}),
        ("components[0].licenses[0]: a licence entry must be",),
    ),
    "expression-with-others": (
        bom({**MODEL_ENTRY, "licenses": [{"license": {"id": "MIT"}}, {"expression": "MIT"}]}),
        ("components[0].licenses[1]", "must be the only entry", "CycloneDX 1.6"),
    ),
    "unknown-version": (
        json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.8", "components": []}),
        ("specVersion: CycloneDX 1.8 is not supported", "1.2 to 1.7"),
    ),
    "model-in-a-1.4-bom": (
        json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.4", "components": [MODEL_ENTRY]}),
        ("components[0].type", "a CycloneDX 1.5 component type", "specVersion 1.4"),
    ),
    "bad-acknowledgement": (
        bom(
            {
                **MODEL_ENTRY,
                "licenses": [{"license": {"id": "MIT", "acknowledgement": "concluced"}}],
            }
        ),
        ("acknowledgement", "did you mean 'concluded'?"),
    ),
    "dangling-dataset-ref": (
        bom(
            {**MODEL_ENTRY, "modelCard": {"modelParameters": {"datasets": [{"ref": "data-wbe"}]}}},
            {"bom-ref": "data-web", "type": "data", "name": "web"},
        ),
        ("datasets[0].ref", "'data-wbe' is no bom-ref in this BOM; did you mean 'data-web'?"),
    ),
    "dataset-ref-to-a-library": (
        bom(
            {**MODEL_ENTRY, "modelCard": {"modelParameters": {"datasets": [{"ref": "np"}]}}},
            {"bom-ref": "np", "type": "library", "name": "numpy"},
        ),
        ("'np' is numpy ('library'), not a 'data' component",),
    ),
    "unknown-data-type": (
        bom({"type": "data", "name": "d", "data": [{"type": "datasets"}]}),
        ("components[0].data[0].type", "did you mean 'dataset'?"),
    ),
    "ancestor-without-name": (
        bom({**MODEL_ENTRY, "pedigree": {"ancestors": [{"type": "machine-learning-model"}]}}),
        ("components[0].pedigree.ancestors[0]: 'name' is required",),
    ),
    "nested-components-not-a-list": (
        bom({"type": "framework", "name": "f", "components": "x"}),
        ("components[0].components: must be a list",),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_BOMS))
def test_bad_boms_give_one_located_error_line(run_cli: CliRunner, write: Writer, case: str) -> None:
    """Each malformed BOM exits 2 with one located 'osaid:' line and no traceback."""
    text, fragments = BAD_BOMS[case]
    path = write(f"{case}.json", text)
    result = run_cli("check", path)
    assert result.code == 2, result
    assert "Traceback" not in result.out + result.err
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith(f"osaid: {path}:"), line  # a line number follows the file
    for fragment in fragments:
        assert fragment in line, (fragment, line)


# ------------------------------------------------------------------------------------------
# Robustness

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path into nested dicts and lists, the root excluded."""
    found: list[tuple[str | int, ...]] = []
    items: list[tuple[str | int, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    for key, item in items:
        found.append((*prefix, key))
        found.extend(_paths(item, (*prefix, key)))
    return found


MODEL_DATA = json.loads(MODEL.read_text(encoding="utf-8"))
MODEL_PATHS = _paths(MODEL_DATA)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(MODEL_PATHS), value=JSON_VALUES)
def test_any_value_anywhere_reads_or_fails_cleanly(
    write: Writer, where: tuple[str | int, ...], value: Any
) -> None:
    """Replacing any value of a real BOM either reads or raises InputError, never anything else."""
    data = copy.deepcopy(MODEL_DATA)
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    parent[where[-1]] = value
    path = write("mutated.json", json.dumps(data, indent=2))
    try:
        report = osaid.check(path)
    except InputError as exc:
        error = exc
    else:
        assert report.verdict in (Verdict.CONFORMANT, Verdict.NOT_CONFORMANT)
        return
    assert error.file == str(path)


def test_notes_are_not_repeated() -> None:
    """A licence read for several purposes adds its notes once."""
    for path in (MODEL, FINE_TUNE, SEVERAL):
        notes = osaid.read(path).notes
        assert len(set(notes)) == len(notes), path


def test_scope_note_is_dropped_next_to_a_manifest(write: Writer) -> None:
    """In a directory with an osaid manifest, the 'BOM cannot prove' note no longer applies."""
    write("release/model.cdx.json", MODEL.read_text(encoding="utf-8"))
    manifest = write(
        "release/osaid.yaml",
        "manifest: osaid/1\nname: tinyllm-1b\ncomponents:\n"
        "  - kind: training-code\n    license: Apache-2.0\n",
    )
    report = osaid.check(manifest.parent)
    assert "sbom-scope" not in warning_codes(report)
    assert "cyclonedx-assumed-licence" in warning_codes(report)
    assert result_for(report, "code/training").status is Status.PASS
    assert result_for(report, "parameters/final").status is Status.PASS


REAL_DOCS = Path(__file__).resolve().parent / "data" / "real" / "docs"


def test_subject_without_bom_ref_is_matched_by_name_version_and_type() -> None:
    """lib4sbom's Falcon-7B BOM: the subject has no bom-ref and is listed again in components.

    It was counted twice, and the copy without a licence failed parameters/final although the
    listed model declares Apache-2.0.
    """
    report = osaid.check(REAL_DOCS / "cdx-1.5-lib4sbom-falcon-7b.json")
    final = next(r for r in report.results if r.requirement == "osaid-1.0/parameters/final")
    assert [(c.component, c.normalized) for c in final.components] == [
        ("Falcon 7b Instruct", "Apache-2.0")
    ]
    assert final.status.value == "pass"


def test_group_is_kept_in_names() -> None:
    """k8s-aibom's subject is group prod-inference, name vllm-llama3; the group was dropped."""
    report = osaid.check(REAL_DOCS / "cdx-1.6-k8saibom-vllm-deployment.json")
    assert report.release.name == "prod-inference/vllm-llama3"
