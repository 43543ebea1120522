"""SPDX readers: SPDX 2.2/2.3 SBOMs in five syntaxes and SPDX 3.0.1 AI BOMs (JSON-LD)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import osaid
from conftest import DATA, CliRunner, Writer
from osaid import ComponentKind, InputError, Report, Status
from osaid.cli import run
from osaid.model import DataFacet, Release
from osaid.report import ComponentCheck, ReportWarning, Result

SPDX = DATA / "spdx"
REAL_DOCS = DATA / "real" / "docs"
SBOM_JSON = SPDX / "chat-assistant.spdx.json"
SBOM_TAG_VALUE = SPDX / "chat-assistant.spdx"
SBOM_XML = SPDX / "chat-assistant.spdx.xml"
SBOM_RDF = SPDX / "chat-assistant.spdx.rdf.xml"
SBOM_YAML_22 = SPDX / "speech-pipeline.spdx.yaml"
AIBOM = SPDX / "summarizer-aibom.spdx3.json"
BROKEN_TAG_VALUE = SPDX / "broken-model-purpose.spdx"
AIBOM_TRUNCATED = SPDX / "summarizer-truncated.spdx3.json"
AIBOM_TWO_DECLARED = SPDX / "summarizer-two-declared.spdx3.json"
AIBOM_MISSING_LICENCE = SPDX / "summarizer-missing-licence.spdx3.json"

NAMESPACE = (
    "https://sbom.example.org/spdx/chat-assistant-1.4.0-4c1e0d6a-0b1f-4a47-9d0e-6f3a1b2c9e11"
)
MODEL_ID = "https://spdx.example.org/summarizer-7b/model"
WIKI_ID = "https://spdx.example.org/summarizer-7b/data/wiki-news"
DIALOGUES_ID = "https://spdx.example.org/summarizer-7b/data/curated-dialogues"


def text_of(path: Path) -> str:
    """The text of a test document."""
    return path.read_text(encoding="utf-8")


def line_of(text: str, fragment: str, after: str = "") -> int:
    """The 1-based line of the first ``fragment`` (after the first ``after``, if given)."""
    start = text.index(after) if after else 0
    return text[: text.index(fragment, start)].count("\n") + 1


def element_line(text: str, spdx_id: str) -> int:
    """The line of the opening brace of the @graph element with ``spdx_id`` (two lines up)."""
    return line_of(text, f'"spdxId": "{spdx_id}"') - 2


def result_for(report: Report, requirement: str) -> Result:
    """The result of one requirement (by the part of its id after the definition id)."""
    return next(r for r in report.results if r.requirement == f"osaid-1.0/{requirement}")


def warnings_with(report: Report, code: str) -> list[ReportWarning]:
    """The report's warnings with one code."""
    return [w for w in report.warnings if w.code == code]


def failing(result: Result) -> list[tuple[str, str | None]]:
    """(component, licence as written) of each failing component of a result."""
    return [(c.component, c.license) for c in result.components if c.status == "fail"]


def component(result: Result, name: str) -> ComponentCheck:
    """The check of one named component within a result."""
    return next(c for c in result.components if c.component == name)


def graph_of(path: Path) -> dict[str, Any]:
    """The SPDX 3 test document as plain data, to derive variants from."""
    data: dict[str, Any] = json.loads(text_of(path))
    return data


def element(data: dict[str, Any], spdx_id: str) -> dict[str, Any]:
    """The @graph element with one spdxId."""
    found: dict[str, Any] = next(e for e in data["@graph"] if e.get("spdxId") == spdx_id)
    return found


def write_json(write: Writer, name: str, data: dict[str, Any]) -> tuple[Path, str]:
    """Write ``data`` as indented JSON; return the path and the text written."""
    text = json.dumps(data, indent=2)
    return write(name, text), text


# ------------------------------------------------------------------------------------------
# SPDX 2.3 JSON: the reference SBOM


@pytest.fixture(scope="module")
def sbom_report() -> Report:
    """The report for the SPDX 2.3 JSON SBOM of the chat-assistant stack."""
    return osaid.check(SBOM_JSON)


def test_spdx2_json_verdict_and_release(sbom_report: Report) -> None:
    """An SPDX 2.3 JSON SBOM is read as format spdx-2, named after the document."""
    assert sbom_report.input_format == "spdx-2"
    assert sbom_report.verdict is osaid.Verdict.NOT_CONFORMANT
    assert sbom_report.release.name == "chat-assistant-1.4.0"
    assert sbom_report.release.scope == "system"


def test_spdx2_supporting_libraries_fail_lists_non_osi_and_noassertion(
    sbom_report: Report,
) -> None:
    """Supporting libraries fail naming exactly the non-OSI and the NOASSERTION package."""
    result = result_for(sbom_report, "code/supporting-libraries")
    assert result.status is Status.FAIL
    assert failing(result) == [
        ("llama-2-7b-chat 2", "LicenseRef-llama2"),
        ("sentencepiece 0.2.0", "NOASSERTION"),
    ]
    assert [c.component for c in result.components] == [
        "chat-assistant 1.4.0",
        "torch 2.3.1",
        "llama-2-7b-chat 2",
        "sox 14.4.2",
        "sentencepiece 0.2.0",
    ]
    assert "cannot verify" in component(result, "sentencepiece 0.2.0").reasons[0]
    assert "llama-2-7b-chat 2 (packages[2].licenseConcluded" in (result.remediation or "")


def test_spdx2_evidence_keys_and_lines(sbom_report: Report) -> None:
    """Each package's licence evidence names its key path and the line it is written on."""
    text = text_of(SBOM_JSON)
    result = result_for(sbom_report, "code/supporting-libraries")
    llama = component(result, "llama-2-7b-chat 2").evidence
    assert (llama.key, llama.line, llama.value) == (
        "packages[2].licenseConcluded",
        line_of(text, '"licenseConcluded": "LicenseRef-llama2"'),
        "LicenseRef-llama2",
    )
    sentencepiece = component(result, "sentencepiece 0.2.0").evidence
    assert (sentencepiece.key, sentencepiece.line) == (
        "packages[4].licenseConcluded",
        line_of(text, '"licenseConcluded": "NOASSERTION"'),
    )
    assert llama.file == str(SBOM_JSON)


def test_spdx2_deprecated_id_is_judged_as_written_and_warned(sbom_report: Report) -> None:
    """GPL-2.0+ keeps the user's spelling: it passes and draws a deprecation warning."""
    sox = component(result_for(sbom_report, "code/supporting-libraries"), "sox 14.4.2")
    assert (sox.license, sox.status) == ("GPL-2.0+", "pass")
    (warning,) = [
        w for w in warnings_with(sbom_report, "license-normalized") if "GPL-2.0+" in w.message
    ]
    assert "deprecated" in warning.message
    assert "GPL-2.0-or-later" in warning.message
    evidence = warning.evidence[0]
    assert evidence.key == "packages[3].licenseConcluded"
    assert evidence.line == line_of(text_of(SBOM_JSON), '"licenseConcluded": "GPL-2.0+"')


def test_spdx2_scope_note_says_parameters_and_data_come_from_elsewhere(
    sbom_report: Report,
) -> None:
    """The report says an SPDX 2 SBOM covers the software stack only."""
    (note,) = warnings_with(sbom_report, "sbom-scope")
    assert "software stack only" in note.message
    assert "supporting libraries and tools" in note.message
    assert "osaid manifest" in note.message
    assert "model card" in note.message
    assert note.evidence[0].key == "packages"
    assert result_for(sbom_report, "parameters/final").status is Status.MISSING
    assert result_for(sbom_report, "data-information/description").status is Status.MISSING


def test_spdx2_extracted_licence_is_named(sbom_report: Report) -> None:
    """A LicenseRef declared in hasExtractedLicensingInfos is named with its title."""
    (note,) = warnings_with(sbom_report, "spdx-extracted-licence")
    assert "LicenseRef-llama2" in note.message
    assert "'Llama 2 Community License Agreement'" in note.message
    evidence = note.evidence[0]
    assert evidence.key == "hasExtractedLicensingInfos[0].licenseId"
    assert evidence.line == line_of(text_of(SBOM_JSON), '"licenseId": "LicenseRef-llama2"')


def test_spdx2_components_in_the_release() -> None:
    """Every package is a supporting library named with its version; NOASSERTION has no URL."""
    release = osaid.read(SBOM_JSON)
    assert release.source.format == "spdx-2"
    assert {c.kind for c in release.components} == {ComponentKind.SUPPORTING_LIBRARIES}
    by_name = {c.name: c for c in release.components}
    assert by_name["torch 2.3.1"].location == "https://pypi.org/project/torch/2.3.1/"
    assert by_name["sox 14.4.2"].location is None
    assert by_name["torch 2.3.1"].origin.key == "packages[1]"
    assert by_name["torch 2.3.1"].origin.line == line_of(
        text_of(SBOM_JSON), "{", after='"SPDXID": "SPDXRef-Package-chat-assistant"'
    )
    assert release.origins["name"].line == line_of(
        text_of(SBOM_JSON), '"name": "chat-assistant-1.4.0"'
    )
    sbom_note = next(n for n in release.notes if n.code == "sbom-scope")
    assert sbom_note.format_limit


# ------------------------------------------------------------------------------------------
# The other SPDX 2 syntaxes


def test_spdx2_tag_value_matches_json(sbom_report: Report) -> None:
    """The tag-value SBOM gives the same components, statuses and warnings as the JSON one."""
    report = osaid.check(SBOM_TAG_VALUE)
    assert report.input_format == "spdx-2"
    assert report.release.name == "chat-assistant-1.4.0"
    tag_result = result_for(report, "code/supporting-libraries")
    json_result = result_for(sbom_report, "code/supporting-libraries")
    assert [(c.component, c.license, c.status) for c in tag_result.components] == [
        (c.component, c.license, c.status) for c in json_result.components
    ]
    assert any("GPL-2.0+" in w.message for w in warnings_with(report, "license-normalized"))
    assert len(warnings_with(report, "spdx-extracted-licence")) == 1


def test_spdx2_tag_value_evidence_lines() -> None:
    """Tag-value evidence names the tag and the line found by scanning the text."""
    text = text_of(SBOM_TAG_VALUE)
    report = osaid.check(SBOM_TAG_VALUE)
    result = result_for(report, "code/supporting-libraries")
    sox = component(result, "sox 14.4.2").evidence
    assert sox.key == "packages[3].PackageLicenseConcluded"
    assert sox.line == line_of(text, "PackageLicenseConcluded: GPL-2.0+")
    sentencepiece = component(result, "sentencepiece 0.2.0").evidence
    assert sentencepiece.line == line_of(
        text, "PackageLicenseConcluded: NOASSERTION", after="PackageName: sentencepiece"
    )
    (note,) = warnings_with(report, "spdx-extracted-licence")
    assert note.evidence[0].line == line_of(text, "LicenseID: LicenseRef-llama2")
    release = osaid.read(SBOM_TAG_VALUE)
    assert release.origins["name"].line == line_of(text, "DocumentName:")
    assert release.components[2].origin.line == line_of(text, "PackageName: llama-2-7b-chat")


def test_spdx2_tag_value_text_blocks_are_not_tags() -> None:
    """A 'PackageName:' line inside a multi-line <text> value does not start a package."""
    release = osaid.read(SBOM_TAG_VALUE)
    assert len(release.components) == 5
    sox = release.components[3]
    assert sox.license is not None
    assert sox.license.origin is not None
    assert sox.license.origin.line == line_of(text_of(SBOM_TAG_VALUE), "GPL-2.0+")


@pytest.mark.parametrize("path", [SBOM_XML, SBOM_RDF], ids=["xml", "rdf-xml"])
def test_spdx2_xml_and_rdf_read_like_json(path: Path) -> None:
    """XML and RDF/XML SBOMs give the same packages; spdx-tools spells GPL-2.0+ its own way."""
    report = osaid.check(path)
    assert report.input_format == "spdx-2"
    assert report.release.name == "chat-assistant-1.4.0"
    result = result_for(report, "code/supporting-libraries")
    assert result.status is Status.FAIL
    assert failing(result) == [
        ("llama-2-7b-chat 2", "LicenseRef-llama2"),
        ("sentencepiece 0.2.0", "NOASSERTION"),
    ]
    assert component(result, "sox 14.4.2").license == "GPL-2.0-or-later"
    assert {c.component for c in result.components} == {
        "chat-assistant 1.4.0",
        "torch 2.3.1",
        "llama-2-7b-chat 2",
        "sox 14.4.2",
        "sentencepiece 0.2.0",
    }
    llama = component(result, "llama-2-7b-chat 2").evidence
    assert llama.key.endswith(".licenseConcluded")
    assert llama.line is not None
    written = text_of(path).splitlines()[llama.line - 1]
    # XML points at the <licenseConcluded> line, RDF/XML at the line defining the package.
    assert "LicenseRef-llama2" in written or "#SPDXRef-Package-llama-2-7b-chat" in written


def test_spdx2_rdf_lists_packages_in_document_order() -> None:
    """RDF has no order, so packages are listed in the order the text first defines them."""
    text = text_of(SBOM_RDF)
    release = osaid.read(SBOM_RDF)
    lines = [c.origin.line or 0 for c in release.components]
    assert 0 not in lines
    assert lines == sorted(lines)
    package = f'rdf:about="{NAMESPACE}#SPDXRef-Package-chat-assistant"'
    assert release.components[0].origin.line == line_of(text, package)


def test_spdx2_yaml_22_document() -> None:
    """An SPDX 2.2 YAML SBOM: declared licence fallback, custom LicenseRef, no licence at all."""
    text = text_of(SBOM_YAML_22)
    report = osaid.check(SBOM_YAML_22)
    assert report.input_format == "spdx-2"
    assert report.release.name == "speech-pipeline-0.9"
    result = result_for(report, "code/supporting-libraries")
    assert failing(result) == [("acme-vad", "LicenseRef-acme-eula"), ("numpy 1.26.0", None)]
    whisper = component(result, "whisper.cpp 1.4.2")
    assert (whisper.license, whisper.status) == ("MIT", "pass")
    assert whisper.evidence.key == "packages[1].licenseDeclared"
    assert whisper.evidence.line == line_of(text, "licenseDeclared: MIT", after="whisper.cpp")
    assert "cannot verify" in component(result, "acme-vad").reasons[0]
    numpy = component(result, "numpy 1.26.0")
    assert "no licence is declared" in numpy.reasons[0]
    assert (numpy.evidence.key, numpy.evidence.line) == (
        "packages[3]",
        line_of(text, "- SPDXID: SPDXRef-Package-numpy"),
    )
    (note,) = warnings_with(report, "spdx-extracted-licence")
    assert "'ACME Voice Activity Detector End User Licence'" in note.message
    release = osaid.read(SBOM_YAML_22)
    assert next(c for c in release.components if c.name == "acme-vad").location is None


@pytest.mark.parametrize(
    ("source", "name"),
    [
        (SBOM_JSON, "sbom.txt"),
        (SBOM_TAG_VALUE, "sbom.data"),
        (SBOM_XML, "sbom.txt"),
        (SBOM_RDF, "sbom"),
        (SBOM_YAML_22, "sbom.conf"),
    ],
    ids=["json-as-txt", "tag-value-as-data", "xml-as-txt", "rdf-no-suffix", "yaml-as-conf"],
)
def test_spdx2_detected_by_content(write: Writer, source: Path, name: str) -> None:
    """SPDX 2 documents are recognised by content whatever their file name."""
    path = write(name, text_of(source))
    report = osaid.check(path)
    assert report.input_format == "spdx-2"
    assert report.input == str(path)


def test_spdx2_none_licence_is_kept(write: Writer) -> None:
    """A concluded NONE is an explicit 'no licence' and fails as such."""
    data = json.loads(text_of(SBOM_JSON))
    data["packages"][1]["licenseConcluded"] = "NONE"
    path, _ = write_json(write, "sbom.json", data)
    result = result_for(osaid.check(path), "code/supporting-libraries")
    torch = component(result, "torch 2.3.1")
    assert (torch.license, torch.status) == ("NONE", "fail")


# ------------------------------------------------------------------------------------------
# SPDX 2 errors


def test_spdx2_tag_value_rejected_by_spdx_tools() -> None:
    """Tag-value that spdx-tools rejects is one located InputError, not a traceback."""
    with pytest.raises(InputError) as caught:
        osaid.check(BROKEN_TAG_VALUE)
    error = caught.value
    assert error.file == str(BROKEN_TAG_VALUE)
    assert error.line == line_of(text_of(BROKEN_TAG_VALUE), "PrimaryPackagePurpose: MODEL")
    assert "not a valid SPDX 2 document" in str(error)
    assert "Invalid PrimaryPackagePurpose: MODEL" in str(error)
    assert "\n" not in str(error)


def test_spdx2_tag_value_malformed_licence_is_an_input_error(write: Writer) -> None:
    """A licence field spdx-tools cannot parse is reported as spdx-tools words it."""
    text = text_of(SBOM_TAG_VALUE).replace(
        "PackageLicenseConcluded: BSD-3-Clause", "PackageLicenseConcluded: MIT AND (", 1
    )
    with pytest.raises(InputError, match=r"Error while parsing license expression: MIT AND \("):
        osaid.read(write("bad.spdx", text))


def test_spdx2_tag_value_licences_share_one_spdx_licensing(
    write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Licence fields do not rebuild the SPDX licence index each (spdx-tools 0.8.5 does).

    That rebuild cost about 28 ms a field: an SBOM of 2,000 packages took over a minute.
    """
    from license_expression import get_spdx_licensing as original
    from spdx_tools.spdx.parser.tagvalue import parser

    calls: list[None] = []

    def counted() -> Any:
        calls.append(None)
        return original()

    block = text_of(SBOM_TAG_VALUE).split("\nPackageName: torch\n")[1].split("\n\n")[0]
    packages = "".join(
        f"\nPackageName: torch{i}\n"
        + block.replace("SPDXRef-Package-torch", f"SPDXRef-t{i}")
        + "\n"
        for i in range(50)
    )
    monkeypatch.setattr(parser, "get_spdx_licensing", counted)
    release = osaid.read(write("many.spdx", text_of(SBOM_TAG_VALUE) + packages))
    assert sum(c.name.startswith("torch") for c in release.components) >= 50
    assert calls == []


def _drop_creation_info(data: dict[str, Any]) -> None:
    del data["creationInfo"]


def _package_name_number(data: dict[str, Any]) -> None:
    data["packages"][0]["name"] = 5


def _packages_not_a_list(data: dict[str, Any]) -> None:
    data["packages"] = "torch"


def _bad_licence(data: dict[str, Any]) -> None:
    data["packages"][0]["licenseConcluded"] = "Apache-2.0 AND"


@pytest.mark.parametrize(
    "mutate",
    [_drop_creation_info, _package_name_number, _packages_not_a_list, _bad_licence],
    ids=["no-creation-info", "name-is-a-number", "packages-not-a-list", "malformed-licence"],
)
def test_spdx2_invalid_json_content_is_an_input_error(
    write: Writer, mutate: Callable[[dict[str, Any]], None]
) -> None:
    """Content spdx-tools refuses becomes one InputError naming the file."""
    data = json.loads(text_of(SBOM_JSON))
    mutate(data)
    path, _ = write_json(write, "sbom.json", data)
    with pytest.raises(InputError) as caught:
        osaid.check(path)
    assert caught.value.file == str(path)
    assert "not a valid SPDX 2 document" in str(caught.value)


def test_spdx2_truncated_json_names_line(write: Writer) -> None:
    """A truncated SPDX 2 JSON file is an invalid-JSON error with its line."""
    text = text_of(SBOM_JSON)
    path = write("sbom.json", text[: text.index('"name": "sox"')])
    with pytest.raises(InputError) as caught:
        osaid.check(path)
    assert "invalid JSON" in str(caught.value)
    assert caught.value.line is not None


def test_spdx2_malformed_xml_names_line(write: Writer) -> None:
    """Malformed SPDX XML is an invalid-XML error with its line."""
    text = text_of(SBOM_XML).replace("</versionInfo>", "</version>", 1)
    path = write("sbom.xml", text)
    with pytest.raises(InputError) as caught:
        osaid.check(path)
    assert "invalid XML" in str(caught.value)
    assert caught.value.line == line_of(text, "</version>")


def test_spdx2_malformed_rdf_is_an_input_error(write: Writer) -> None:
    """Malformed RDF/XML is one InputError naming the file."""
    text = text_of(SBOM_RDF)
    path = write("sbom.rdf", text[: len(text) // 2])
    with pytest.raises(InputError) as caught:
        osaid.check(path)
    assert caught.value.file == str(path)
    assert "RDF/XML" in str(caught.value)


@pytest.mark.parametrize("source", [SBOM_XML, SBOM_RDF], ids=["xml", "rdf-xml"])
def test_spdx2_xml_entities_are_refused(write: Writer, source: Path) -> None:
    """Entity declarations (the 'billion laughs' shape) are refused before parsing."""
    head, rest = text_of(source).split("\n", 1)
    doctype = '<!DOCTYPE x [\n <!ENTITY a "aaaaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;">\n]>'
    path = write("sbom.xml", f"{head}\n{doctype}\n{rest}")
    with pytest.raises(InputError) as caught:
        osaid.check(path)
    assert caught.value.line == 3
    assert "entity declarations" in str(caught.value)


# ------------------------------------------------------------------------------------------
# SPDX 3.0.1 AI BOM


@pytest.fixture(scope="module")
def aibom_report() -> Report:
    """The report for the SPDX 3.0.1 AI BOM of summarizer-7b."""
    return osaid.check(AIBOM)


def test_spdx3_verdict_and_release(aibom_report: Report) -> None:
    """The AI BOM is read as spdx-3 and named after its one AI package and its supplier."""
    assert aibom_report.input_format == "spdx-3"
    assert aibom_report.verdict is osaid.Verdict.NOT_CONFORMANT
    assert aibom_report.release.name == "summarizer-7b"
    assert aibom_report.release.version == "1.0"
    assert aibom_report.release.producer == "Example AI Lab"


def test_spdx3_parameters_pass_from_the_ai_package(aibom_report: Report) -> None:
    """The AI package's concluded licence (Apache-2.0) makes parameters and architecture pass."""
    params = result_for(aibom_report, "parameters/final")
    assert params.status is Status.PASS
    assert [(c.component, c.license) for c in params.components] == [
        ("summarizer-7b", "Apache-2.0"),
        ("summarizer-7b-int8 1.0", "Apache-2.0"),
    ]
    evidence = params.components[0].evidence
    text = text_of(AIBOM)
    assert evidence.key == "@graph[11].simplelicensing_licenseExpression"
    assert evidence.line == line_of(text, '"simplelicensing_licenseExpression": "Apache-2.0"')
    assert result_for(aibom_report, "code/model-architecture").status is Status.PASS


def test_spdx3_supporting_libraries_fail_on_noassertion(aibom_report: Report) -> None:
    """A software package under NoAssertionLicense fails supporting libraries, by name."""
    result = result_for(aibom_report, "code/supporting-libraries")
    assert result.status is Status.FAIL
    assert failing(result) == [("sentencepiece 0.2.0", "NOASSERTION")]
    assert component(result, "pytorch 2.3.1").license == "BSD-3-Clause"


def test_spdx3_data_information_from_dataset_fields(aibom_report: Report) -> None:
    """Facets pass only when every training dataset's fields describe them; labelling cannot."""
    provenance = result_for(aibom_report, "data-information/provenance")
    assert provenance.status is Status.MISSING
    assert "curated-dialogues 3 (dataset fields) does not say it covers provenance" in (
        provenance.summary
    )
    assert provenance.evidence[0].key == "@graph[7]"
    for facet in ("scope", "processing-and-filtering"):
        assert result_for(aibom_report, f"data-information/{facet}").status is Status.PASS, facet
    for facet in ("characteristics", "obtaining-and-selection"):
        assert result_for(aibom_report, f"data-information/{facet}").status is Status.MISSING
    assert result_for(aibom_report, "data-information/labelling").status is Status.MISSING
    description = result_for(aibom_report, "data-information/description")
    assert description.status is Status.PASS
    assert [c.license for c in description.components] == ["CC-BY-4.0", "CDLA-Permissive-2.0"]
    assert all(c.inferred_from for c in description.components)


def test_spdx3_listings_from_availability(aibom_report: Report) -> None:
    """directDownload makes a public-data listing; registration a third-party listing."""
    public = result_for(aibom_report, "data-information/public-data-listing")
    assert public.status is Status.PASS
    assert [c.component for c in public.components] == ["wiki-news-corpus 2024.05 (directDownload)"]
    third = result_for(aibom_report, "data-information/third-party-data-listing")
    assert [c.component for c in third.components] == ["curated-dialogues 3 (registration)"]


def test_spdx3_concluded_noassertion_falls_back_to_declared(aibom_report: Report) -> None:
    """A concluded NoAssertionLicense gives way to the declared licence."""
    third = result_for(aibom_report, "data-information/third-party-data-listing")
    assert third.components[0].license == "CDLA-Permissive-2.0"
    assert third.status is Status.PASS


def test_spdx3_cannot_prove_training_code(aibom_report: Report) -> None:
    """Training code is missing, and a note says what an AI BOM cannot show."""
    assert result_for(aibom_report, "code/training").status is Status.MISSING
    (note,) = warnings_with(aibom_report, "spdx3-limits")
    assert "training code" in note.message
    assert "labelling" in note.message
    assert "all training data" in note.message


def test_spdx3_notes(aibom_report: Report) -> None:
    """trainedOn, inferred descriptions and facets described for only some datasets are noted."""
    (trained,) = warnings_with(aibom_report, "spdx3-trained-on")
    assert "summarizer-7b was trained on wiki-news-corpus, curated-dialogues" in trained.message
    assert trained.evidence[0].line == element_line(
        text_of(AIBOM), "https://spdx.example.org/summarizer-7b/rel/trained-on"
    )
    inferred = warnings_with(aibom_report, "spdx3-data-description-inferred")
    assert len(inferred) == 2
    assert "provenance from originatedBy" in inferred[0].message
    assert "scope from dataset_intendedUse" in inferred[1].message


def test_spdx3_components_in_the_release() -> None:
    """Kinds, names, facets and locations of the components read from the AI BOM."""
    release = osaid.read(AIBOM)
    kinds = [(c.kind, c.name) for c in release.components]
    assert kinds == [
        (ComponentKind.MODEL_PARAMETERS_FINAL, "summarizer-7b"),
        (ComponentKind.MODEL_ARCHITECTURE, "summarizer-7b"),
        (ComponentKind.DATASETS, "wiki-news-corpus 2024.05"),
        (ComponentKind.DATA_DESCRIPTION, "wiki-news-corpus 2024.05 (dataset fields)"),
        (ComponentKind.PUBLIC_DATA_LISTING, "wiki-news-corpus 2024.05 (directDownload)"),
        (ComponentKind.DATASETS, "curated-dialogues 3"),
        (ComponentKind.DATA_DESCRIPTION, "curated-dialogues 3 (dataset fields)"),
        (ComponentKind.THIRD_PARTY_DATA_LISTING, "curated-dialogues 3 (registration)"),
        (ComponentKind.SUPPORTING_LIBRARIES, "pytorch 2.3.1"),
        (ComponentKind.SUPPORTING_LIBRARIES, "sentencepiece 0.2.0"),
        (ComponentKind.MODEL_PARAMETERS_FINAL, "summarizer-7b-int8 1.0"),
    ]
    wiki = release.components[3]
    assert wiki.covers == {
        DataFacet.PROVENANCE,
        DataFacet.OBTAINING_AND_SELECTION,
        DataFacet.PROCESSING_AND_FILTERING,
        DataFacet.CHARACTERISTICS,
        DataFacet.SCOPE,
    }
    assert wiki.inferred_from == "@graph[6]"
    assert release.components[6].covers == {DataFacet.PROCESSING_AND_FILTERING, DataFacet.SCOPE}
    assert release.components[2].location == "https://data.example.org/wiki-news-corpus/2024.05"
    assert release.components[9].location is None
    assert release.source.format == "spdx-3"
    limits = next(n for n in release.notes if n.code == "spdx3-limits")
    assert limits.format_limit


def test_spdx3_parameters_fail_under_a_non_open_licence(write: Writer) -> None:
    """Parameters fail when the AI package's licence is not under open terms."""
    data = graph_of(AIBOM)
    element(data, "https://spdx.example.org/summarizer-7b/license/apache-2.0")[
        "simplelicensing_licenseExpression"
    ] = "CC-BY-NC-4.0"
    path, _ = write_json(write, "aibom.json", data)
    params = result_for(osaid.check(path), "parameters/final")
    assert params.status is Status.FAIL
    assert failing(params) == [
        ("summarizer-7b", "CC-BY-NC-4.0"),
        ("summarizer-7b-int8 1.0", "CC-BY-NC-4.0"),
    ]


def test_spdx3_characteristics_need_type_and_size(write: Writer) -> None:
    """Without a dataset size, or with only a noAssertion type, characteristics are not covered."""
    data = graph_of(AIBOM)
    wiki = element(data, WIKI_ID)
    del wiki["dataset_datasetSize"]
    path, _ = write_json(write, "aibom.json", data)
    assert (
        result_for(osaid.check(path), "data-information/characteristics").status is Status.MISSING
    )
    wiki["dataset_datasetSize"] = 10
    wiki["dataset_datasetType"] = [
        "https://spdx.org/rdf/3.0.1/terms/Dataset/DatasetType/noAssertion"
    ]
    path, _ = write_json(write, "aibom2.json", data)
    assert (
        result_for(osaid.check(path), "data-information/characteristics").status is Status.MISSING
    )


def test_spdx3_dataset_only_tested_on_is_evaluation_data(write: Writer) -> None:
    """A dataset models were only tested on is evaluation data, not training data."""
    data = graph_of(AIBOM)
    trained = element(data, "https://spdx.example.org/summarizer-7b/rel/trained-on")
    trained["to"] = [WIKI_ID]
    data["@graph"].append(
        {
            "type": "Relationship",
            "spdxId": "https://spdx.example.org/summarizer-7b/rel/tested-on",
            "creationInfo": "_:creationinfo",
            "from": MODEL_ID,
            "relationshipType": "testedOn",
            "to": [DIALOGUES_ID],
        }
    )
    path, _ = write_json(write, "aibom.json", data)
    release = osaid.read(path)
    dialogues = [c for c in release.components if c.name.startswith("curated-dialogues")]
    assert [c.kind for c in dialogues] == [ComponentKind.EVALUATION_DATA]
    report = osaid.check(path)
    assert result_for(report, "data-information/third-party-data-listing").status is Status.MISSING


def test_spdx3_expanded_licensing_and_shorthand(write: Writer) -> None:
    """Licence sets, custom licences and a bare licence id in 'to' are read as expressions."""
    data = graph_of(AIBOM)
    data["@graph"] += [
        {
            "type": "expandedlicensing_CustomLicense",
            "spdxId": "https://spdx.example.org/summarizer-7b/license/LicenseRef-acme-tokenizer",
            "creationInfo": "_:creationinfo",
            "name": "ACME Tokenizer Licence",
            "expandedlicensing_licenseText": "Internal use only.",
        },
        {
            "type": "expandedlicensing_DisjunctiveLicenseSet",
            "spdxId": "https://spdx.example.org/summarizer-7b/license/choice",
            "creationInfo": "_:creationinfo",
            "expandedlicensing_member": [
                "https://spdx.org/licenses/BSD-3-Clause",
                "https://spdx.example.org/summarizer-7b/license/LicenseRef-acme-tokenizer",
            ],
        },
    ]
    element(data, "https://spdx.example.org/summarizer-7b/rel/pytorch-declared")["to"] = [
        "https://spdx.example.org/summarizer-7b/license/choice"
    ]
    element(data, "https://spdx.example.org/summarizer-7b/rel/sentencepiece-declared")["to"] = (
        "Apache-2.0"
    )
    path, _ = write_json(write, "aibom.json", data)
    report = osaid.check(path)
    result = result_for(report, "code/supporting-libraries")
    assert component(result, "pytorch 2.3.1").license == "BSD-3-Clause OR LicenseRef-acme-tokenizer"
    assert component(result, "pytorch 2.3.1").status == "pass"
    assert component(result, "sentencepiece 0.2.0").license == "Apache-2.0"
    assert result.status is Status.PASS
    (custom,) = warnings_with(report, "spdx3-custom-licence")
    assert "LicenseRef-acme-tokenizer ('ACME Tokenizer Licence')" in custom.message
    (shorthand,) = warnings_with(report, "spdx3-licence-shorthand")
    assert "'Apache-2.0'" in shorthand.message


def test_spdx3_detected_by_content_and_context_list(write: Writer) -> None:
    """An AI BOM saved as .txt with a list @context is still read as SPDX 3."""
    data = graph_of(AIBOM)
    data["@context"] = [
        "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
        {"ex": "https://example.org/"},
    ]
    path, _ = write_json(write, "aibom.txt", data)
    assert osaid.check(path).input_format == "spdx-3"


# ------------------------------------------------------------------------------------------
# SPDX 3 errors


def test_spdx3_truncated_json_is_an_input_error() -> None:
    """A truncated JSON-LD file is an invalid-JSON error naming the file and line."""
    with pytest.raises(InputError) as caught:
        osaid.check(AIBOM_TRUNCATED)
    error = caught.value
    assert error.file == str(AIBOM_TRUNCATED)
    assert "invalid JSON" in str(error)
    assert error.line == len(text_of(AIBOM_TRUNCATED).splitlines())


def test_spdx3_two_declared_licences_is_an_input_error() -> None:
    """An AI package with two hasDeclaredLicense relationships is refused, naming it."""
    with pytest.raises(InputError) as caught:
        osaid.check(AIBOM_TWO_DECLARED)
    error = caught.value
    text = text_of(AIBOM_TWO_DECLARED)
    assert error.file == str(AIBOM_TWO_DECLARED)
    assert error.key == "@graph[5]"
    assert error.line == element_line(text, MODEL_ID)
    message = str(error)
    assert MODEL_ID in message
    assert "2 hasDeclaredLicense relationships (@graph[15], @graph[16])" in message
    assert "exactly one" in message


def test_spdx3_relationship_to_missing_element_is_an_input_error() -> None:
    """A licence relationship pointing at an element the document lacks is refused."""
    with pytest.raises(InputError) as caught:
        osaid.check(AIBOM_MISSING_LICENCE)
    error = caught.value
    text = text_of(AIBOM_MISSING_LICENCE)
    assert error.key == "@graph[17].to"
    assert error.line == line_of(text, "odc-by-1.0")
    assert "https://spdx.example.org/summarizer-7b/rel/wiki-news-declared" in str(error)
    assert "not an element of this document" in str(error)


def test_spdx3_package_without_a_concluded_licence_is_read_as_noassertion(write: Writer) -> None:
    """A dataset with no hasConcludedLicense keeps its declared licence, with a warning."""
    data = json.loads(text_of(AIBOM))
    _no_concluded_for_dataset(data)
    path, _ = write_json(write, "aibom.json", data)
    report = osaid.check(path)
    [warning] = [w for w in report.warnings if w.code == "spdx3-licence-missing"]
    assert f"'{DIALOGUES_ID}' has no hasConcludedLicense relationship" in warning.message
    assert "read that licence as NOASSERTION" in warning.message
    assert "Dataset profile's conformance clause" in warning.message
    assert warning.evidence[0].key == "@graph[7]"


def test_spdx3_simplehtr_example_without_concluded_licences_is_read() -> None:
    """The SPDX project's SimpleHTR AI example (valid under spdx3-validate) is read, not refused.

    Its two AI packages have a declared licence (MIT) and no concluded one: each side missing is
    NOASSERTION, the declared MIT is judged, and the warning quotes the AI profile's clause.
    """
    path = REAL_DOCS / "spdx3-ai-spdxex-simplehtr.json"
    report = osaid.check(path)
    warnings = [w for w in report.warnings if w.code == "spdx3-licence-missing"]
    assert [(w.evidence[0].key, w.evidence[0].line) for w in warnings] == [
        ("@graph[101]", 1174),
        ("@graph[103]", 1352),
    ]
    assert all("exactly one `/Core/Relationship`" in w.message for w in warnings)
    assert all("v3.0.1/model/AI/AI/" in w.message for w in warnings)
    models = {
        (c.component, c.normalized, c.status)
        for r in report.results
        for c in r.components
        if r.requirement == "osaid-1.0/parameters/final" and c.evidence.key.startswith("@graph[8")
    }
    assert models == {("word-model", "MIT", "pass"), ("line-model", "MIT", "pass")}


def _no_graph(data: dict[str, Any]) -> None:
    del data["@graph"]


def _no_concluded_for_dataset(data: dict[str, Any]) -> None:
    data["@graph"].remove(
        element(data, "https://spdx.example.org/summarizer-7b/rel/dialogues-concluded")
    )


def _trained_on_missing_dataset(data: dict[str, Any]) -> None:
    rel = element(data, "https://spdx.example.org/summarizer-7b/rel/trained-on")
    rel["to"].append("https://spdx.example.org/summarizer-7b/data/web-crawl")


def _relationship_without_from(data: dict[str, Any]) -> None:
    del element(data, "https://spdx.example.org/summarizer-7b/rel/depends-on")["from"]


def _licence_to_a_person(data: dict[str, Any]) -> None:
    rel = element(data, "https://spdx.example.org/summarizer-7b/rel/pytorch-declared")
    rel["to"] = ["https://spdx.example.org/agent/example-ai-lab"]


def _graph_item_not_an_object(data: dict[str, Any]) -> None:
    data["@graph"].append("https://spdx.example.org/stray")


@pytest.mark.parametrize(
    ("mutate", "key", "fragment"),
    [
        (_no_graph, None, "needs a '@graph' list"),
        (_trained_on_missing_dataset, "@graph[24].to", "data/web-crawl"),
        (_relationship_without_from, "@graph[25]", "rel/depends-on"),
        (_licence_to_a_person, "@graph[21].to", "(type Organization), which is not a licence"),
        (_graph_item_not_an_object, "@graph[26]", "must be an object"),
    ],
    ids=[
        "no-graph",
        "trained-on-missing",
        "no-from",
        "licence-to-agent",
        "stray-item",
    ],
)
def test_spdx3_structural_errors(
    write: Writer, mutate: Callable[[dict[str, Any]], None], key: str | None, fragment: str
) -> None:
    """Structural problems are one InputError naming the file, the element and its line."""
    data = graph_of(AIBOM)
    mutate(data)
    path, text = write_json(write, "aibom.json", data)
    with pytest.raises(InputError) as caught:
        osaid.check(path)
    error = caught.value
    assert error.file == str(path)
    assert error.key == key
    assert fragment in str(error)
    if key is not None:
        assert error.line is not None
        assert error.line <= len(text.splitlines())


# ------------------------------------------------------------------------------------------
# The command line


@pytest.mark.parametrize(
    "bad",
    [BROKEN_TAG_VALUE, AIBOM_TRUNCATED, AIBOM_TWO_DECLARED, AIBOM_MISSING_LICENCE],
    ids=["tag-value-rejected", "truncated", "two-declared", "missing-licence"],
)
def test_cli_bad_spdx_exits_2_and_reports_the_good_ones(run_cli: CliRunner, bad: Path) -> None:
    """A bad SPDX document: 'osaid:' lines naming it, exit 2, the good inputs still reported.

    The bad one is an error object in its place, listing the problems stderr shows.
    """
    result = run_cli("check", "--format", "json", SBOM_JSON, bad, AIBOM)
    assert result.code == 2
    assert "Traceback" not in result.out + result.err
    assert result.err_lines
    assert all(line.startswith(f"osaid: {bad}") for line in result.err_lines)
    payload = json.loads(result.out)
    assert [(r["input"], r.get("input_format")) for r in payload] == [
        (str(SBOM_JSON), "spdx-2"),
        (str(bad), None),
        (str(AIBOM), "spdx-3"),
    ]
    assert payload[1]["verdict"] == "error"
    assert len(payload[1]["error"]["problems"]) == len(result.err_lines)


def test_cli_run_text_report_for_spdx() -> None:
    """cli.run prints text reports for SPDX 2 and SPDX 3 inputs and exits 1 (not conformant)."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", str(SBOM_TAG_VALUE), str(AIBOM)], out, err)
    assert code == 1
    assert err.getvalue() == ""
    text = out.getvalue()
    assert "chat-assistant-1.4.0" in text
    assert "summarizer-7b" in text
    assert "sentencepiece 0.2.0" in text


def test_cli_bad_spdx_in_subprocess_has_no_traceback(run_process: CliRunner) -> None:
    """In a real process too, broken SPDX input is one stderr line and exit code 2."""
    result = run_process("check", BROKEN_TAG_VALUE, AIBOM_TWO_DECLARED, SBOM_YAML_22)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 2
    assert all(line.startswith("osaid: ") for line in result.err_lines)
    assert "speech-pipeline-0.9" in result.out


# ------------------------------------------------------------------------------------------
# Lazy import of spdx-tools


def _run_script(script: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_spdx3_does_not_import_spdx_tools(tmp_path: Path) -> None:
    """Reading an SPDX 3 AI BOM never imports spdx_tools (osaid parses the JSON-LD itself)."""
    script = f"""
        import sys
        import osaid
        osaid.check({str(AIBOM)!r})
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("spdx_tools", "rdflib"))
        assert not loaded, loaded
        print("ok")
        """
    assert _run_script(script, tmp_path) == "ok"


def test_spdx2_imports_spdx_tools_lazily_and_writes_nothing(tmp_path: Path) -> None:
    """spdx_tools is imported only when an SPDX 2 document is read; tag-value writes no files."""
    script = f"""
        import sys
        import osaid
        import osaid.readers
        assert "spdx_tools" not in sys.modules
        osaid.check({str(SBOM_TAG_VALUE)!r})
        assert "spdx_tools" in sys.modules
        print("ok")
        """
    assert _run_script(script, tmp_path) == "ok"
    assert list(tmp_path.iterdir()) == []


def test_read_returns_a_release() -> None:
    """osaid.read gives the canonical Release for both SPDX generations."""
    assert isinstance(osaid.read(SBOM_JSON), Release)
    assert isinstance(osaid.read(AIBOM), Release)


def test_spdx3_descendant_of_makes_an_ai_package_a_base_whose_licence_binds(
    tmp_path: Path,
) -> None:
    """``model descendantOf base``: the base is no part of the release, and its terms bind."""
    data = json.loads(AIBOM.read_text(encoding="utf-8"))
    base_id = "https://spdx.example.org/llama-base"
    graph = data["@graph"]
    model = next(e for e in graph if e.get("type") == "ai_AIPackage")
    graph.append({**model, "spdxId": base_id, "name": "Llama-3.1-8B"})
    graph.append(
        {
            "type": "simplelicensing_LicenseExpression",
            "spdxId": "https://spdx.example.org/license/llama",
            "creationInfo": model["creationInfo"],
            "simplelicensing_licenseExpression": "LicenseRef-llama3.1",
        }
    )
    for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        graph.append(
            {
                "type": "Relationship",
                "spdxId": f"https://spdx.example.org/rel/base-{kind}",
                "creationInfo": model["creationInfo"],
                "relationshipType": kind,
                "from": base_id,
                "to": ["https://spdx.example.org/license/llama"],
            }
        )
    graph.append(
        {
            "type": "Relationship",
            "spdxId": "https://spdx.example.org/rel/derived",
            "creationInfo": model["creationInfo"],
            "relationshipType": "descendantOf",
            "from": model["spdxId"],
            "to": [base_id],
        }
    )
    path = tmp_path / "derived.spdx3.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    release = osaid.read(path)
    assert [b.name for b in release.base_models] == ["Llama-3.1-8B"]
    own = [c.name for c in release.components if c.kind.value == "model-parameters-final"]
    assert "Llama-3.1-8B" not in own
    report = osaid.check(release)
    bound = next(r for r in report.results if r.requirement.endswith("derivation/base-parameters"))
    assert bound.status is osaid.Status.FAIL
    assert "Llama-3.1-8B" in bound.summary


def test_spdx3_files_are_code_by_their_relationships_and_purpose() -> None:
    """The SPDX sentiment example's files: generates a model or data, purpose test, hasDataFile.

    ``train.py generates model.bin`` and ``preprocess.py generates train.txt, ...`` (both in the
    build scope), ``evaluate.py`` with purpose ``test`` and ``predict.py hasDataFile model.bin``
    were ignored, and the report said training and testing code were missing.
    """
    report = osaid.check(REAL_DOCS / "spdx3-ai-spdxex-sentiment-sbom.spdx3.json")
    code = {
        (r.requirement.rsplit("/", 1)[-1], c.component, c.license)
        for r in report.results
        for c in r.components
        if r.requirement.startswith("osaid-1.0/code/") and c.kind.endswith("-code")
    }
    assert code == {
        ("training", "train.py", None),
        ("data-processing", "preprocess.py", None),
        ("validation-and-testing", "evaluate.py", None),
        ("inference", "predict.py", None),
    }
    limits = next(w for w in report.warnings if w.code == "spdx3-limits")
    assert "cannot show the training code" not in limits.message


def test_spdx3_file_generating_at_runtime_is_not_training_code(write: Writer) -> None:
    """``generates`` in the runtime scope (a model writing outputs) says nothing about training."""
    data = json.loads(text_of(AIBOM))
    data["@graph"] += [
        {"type": "software_File", "spdxId": "urn:f", "creationInfo": "_:creationinfo",
         "name": "serve.py"},
        {"type": "LifecycleScopedRelationship", "spdxId": "urn:r", "creationInfo": "_:creationinfo",
         "from": "urn:f", "relationshipType": "generates", "scope": "runtime", "to": [MODEL_ID]},
    ]  # fmt: skip
    path, _ = write_json(write, "aibom.json", data)
    report = osaid.check(path)
    assert all(c.component != "serve.py" for r in report.results for c in r.components)
