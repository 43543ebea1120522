"""Warnings grouped by cause: one warning per code raised for many parts, with its count.

A real Trivy SBOM of an XAI container (278 packages, not redistributable, so not in
tests/data/real) got 119 `spdx-extracted-licence` warnings worded the same, one per LicenseRef.
"""

from __future__ import annotations

import copy
import json

import osaid
from conftest import DATA, Writer

SBOM = DATA / "spdx" / "chat-assistant.spdx.json"


def _sbom_with_custom_licences(count: int) -> str:
    data = json.loads(SBOM.read_text(encoding="utf-8"))
    template = data["packages"][0]
    for index in range(count):
        package = copy.deepcopy(template)
        package["SPDXID"] = f"SPDXRef-Package-custom-{index}"
        package["name"] = f"custom-{index}"
        package["licenseConcluded"] = package["licenseDeclared"] = f"LicenseRef-custom-{index}"
        data["packages"].append(package)
        data["hasExtractedLicensingInfos"].append(
            {"licenseId": f"LicenseRef-custom-{index}", "extractedText": "Terms."}
        )
    return json.dumps(data, indent=2)


def test_many_warnings_of_one_cause_are_one_with_a_count(write: Writer) -> None:
    """Twelve custom licences: one warning, the count, and the first three places."""
    report = osaid.check(write("sbom.spdx.json", _sbom_with_custom_licences(12)))
    extracted = [w for w in report.warnings if w.code == "spdx-extracted-licence"]
    assert len(extracted) == 1
    assert "(The same holds for 12 more; the first 3 places are listed.)" in extracted[0].message
    assert len(extracted[0].evidence) == 3
    assert all(e.line is not None for e in extracted[0].evidence)


def test_a_few_warnings_of_one_cause_stay_separate(write: Writer) -> None:
    """Up to five of one code each keep their own message, as each names its part."""
    report = osaid.check(write("sbom.spdx.json", _sbom_with_custom_licences(3)))
    extracted = [w for w in report.warnings if w.code == "spdx-extracted-licence"]
    assert len(extracted) == 4
    assert not any("The same holds" in w.message for w in extracted)
