"""Graded definitions: MOF 1.0 classes, MOT parity (mot-compat), the default's deviations."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, MOT_MODELS, Writer
from osaid import DefinitionError, LicenseDataError, OsaidError, UnknownDefinitionError
from osaid.grading import (
    DEVIATIONS,
    GRADE_RENDERERS,
    GRADE_REPORT_FORMAT,
    POLICIES,
    GradedDefinition,
    GradeReport,
    available_graded_definitions,
    grade,
    load_graded_definition,
    load_graded_definition_file,
)
from osaid.licensing import MotCompatJudge, mot_licence_data
from osaid.model import (
    Component,
    ComponentKind,
    LicenseDeclaration,
    Origin,
    Release,
    Source,
)
from osaid.readers import read_path
from osaid.readers._mof import component_names

MOT = DATA / "mot"
FIXTURES = sorted((MOT / "test_data").glob("*.yml"))
EXPECTED = MOT / "test_data" / "expected_results.normalized.json"
COMPUTED = MOT / "computed_classes.json"
SETTINGS = DATA / "grading" / "mot-components.settings.yml"
SHIPPED = DATA.parent.parent / "definitions" / "mof-1.0.toml"
CORPUS = sorted(MOT_MODELS.glob("*.yml"))


@pytest.fixture(scope="module")
def mof() -> GradedDefinition:
    """The shipped MOF 1.0 graded definition."""
    return load_graded_definition("mof-1.0")


@cache
def _expected() -> dict[str, dict[str, Any]]:
    models = json.loads(EXPECTED.read_text(encoding="utf-8"))["models"]
    return {m["release"]["name"]: m["classification"] for m in models}


@cache
def _corpus(policy: str) -> dict[str, GradeReport]:
    return {path.name: grade(read_path(path), "mof-1.0", policy) for path in CORPUS}


def _mof_text(components: Sequence[tuple[str, str | None]], globals_: str = "{}") -> str:
    """A minimal MOF file listing ``components`` as (name, licence or None to inherit)."""
    lines = [
        "framework:",
        "  name: Model Openness Framework",
        "  version: '1.0'",
        "  date: '2024-12-15'",
        "release:",
        "  name: Hand-made",
        "  producer: osaid tests",
        f"  license: {globals_}",
        "  components:",
    ]
    for name, licence in components:
        lines.append(f"    - name: {name}")
        if licence is not None:
            lines.append(f"      license: {json.dumps(licence)}")
    return "\n".join(lines) + "\n"


CLASS_III = {
    "Model architecture": "Apache-2.0",
    "Model parameters (Final)": "CDLA-Permissive-2.0",
    "Technical report": "CC-BY-4.0",
    "Evaluation results": "CC-BY-4.0",
    "Model card": "CC-BY-4.0",
    "Data card": "CC-BY-4.0",
}


def _grade_text(write: Writer, text: str, policy: str) -> GradeReport:
    return grade(read_path(write("model.yml", text)), "mof-1.0", policy)


def _status(report: GradeReport, kind: str) -> str:
    return next(c.status for c in report.components if c.kind == kind)


# ------------------------------------------------------------------------------------------
# The definition as data


def test_mof_definition_header(mof: GradedDefinition) -> None:
    """mof-1.0 is the final MOF 1.0 family entry citing the paper and MOT at 8b5d30e."""
    header = mof.definition
    assert (mof.id, header.family, header.version, header.status) == (
        "mof-1.0",
        "mof",
        "1.0",
        "final",
    )
    urls = [s.url for s in header.sources]
    assert "https://arxiv.org/abs/2403.13784" in urls
    assert any(s.commit and s.commit.startswith("8b5d30e") for s in header.sources)
    assert header.unclassified_label == "Unclassified"


def test_mof_classes_are_cumulative_with_mot_counts(mof: GradedDefinition) -> None:
    """Classes III, II and I need 6, 10 and 14 components and each adds one optional one."""
    assert mof.ranks == [3, 2, 1]
    labels = {rank: mof.graded_class(rank).label for rank in mof.ranks}
    assert labels == {
        3: "Class III - Open Model",
        2: "Class II - Open Tooling Model",
        1: "Class I - Open Science Model",
    }
    required = {rank: sum(c.required for _, c in mof.scope(rank)) for rank in mof.ranks}
    optional = {rank: sum(not c.required for _, c in mof.scope(rank)) for rank in mof.ranks}
    assert required == {3: 6, 2: 10, 1: 14}
    assert optional == {3: 1, 2: 2, 1: 3}


def test_mof_components_match_mot_catalogue(mof: GradedDefinition) -> None:
    """Every component's name, id, content type, class and required flag is MOT's."""
    settings = yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))["components"]
    expected = {
        s["name"]: (s["id"], s["content_type"], s["class"], s["required"]) for s in settings
    }
    found = {c.name: (c.mot_id, c.content_type, rank, c.required) for rank, c in mof.components()}
    assert found == expected
    assert sorted(found) == sorted(component_names())


def test_mof_component_kinds_match_the_mof_reader(mof: GradedDefinition, write: Writer) -> None:
    """The MOF reader maps each MOT component name to the kind the definition gives it."""
    components = [(name, "MIT") for name in component_names()]
    release = read_path(write("all.yml", _mof_text(components)))
    by_name = {c.name: c.kind for c in release.components}
    assert {c.name: c.kind for _, c in mof.components()} == by_name


def test_substitution_is_data(mof: GradedDefinition) -> None:
    """The technical-report/research-paper rule is read from the definition file."""
    assert [(s.missing, s.by) for s in mof.substitutions] == [
        (ComponentKind.TECHNICAL_REPORT, ComponentKind.RESEARCH_PAPER)
    ]


def test_graded_definitions_are_listed_and_found_by_family() -> None:
    """The shipped directory holds mof-1.0, which the family name 'mof' also selects."""
    assert [d.id for d in available_graded_definitions()] == ["mof-1.0"]
    assert load_graded_definition("mof").id == "mof-1.0"


def test_unknown_graded_definition_suggests_a_close_id() -> None:
    """An unknown id is refused with a did-you-mean and the available ids."""
    with pytest.raises(UnknownDefinitionError, match=r"did you mean 'mof-1\.0'"):
        load_graded_definition("mof-1.1")


def test_unknown_policy_is_refused(mof: GradedDefinition) -> None:
    """Only 'default' and 'mot-compat' are policies; a typo gets a suggestion."""
    release = read_path(FIXTURES[0])
    with pytest.raises(OsaidError, match=r"did you mean 'mot-compat'"):
        grade(release, mof, "mot-compat2")
    assert POLICIES == ("default", "mot-compat")


# ------------------------------------------------------------------------------------------
# Loader errors name the file and the key


def _broken(write: Writer, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    return write("broken.toml", text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        pytest.param(
            'content_type = "code"\nmot_id = 9\n',
            'content_type = "code"\nmot_id = 9\ncolour = "red"\n',
            "class[0].component[0].colour",
            "unknown key",
            id="unknown-component-key",
        ),
        pytest.param(
            'kind = "model-parameters-final"',
            'kind = "model-parameter-final"',
            "class[0].component[1].kind",
            "did you mean 'model-parameters-final'",
            id="unknown-component-kind",
        ),
        pytest.param(
            "[definition]\n",
            'colour = "red"\n\n[definition]\n',
            "colour",
            "unknown key",
            id="unknown-top-level-key",
        ),
        pytest.param(
            'unclassified_label = "Unclassified"\n',
            'unclassified_label = "Unclassified"\nunclasified = 1\n',
            "definition.unclasified",
            "unknown key; did you mean 'unclassified_label'?",
            id="misspelt-header-key",
        ),
        pytest.param(
            'kind = "inference-code"',
            'kind = "training-code"',
            "class[1].component[1].kind",
            "listed twice",
            id="duplicate-kind",
        ),
        pytest.param(
            'by = "research-paper"',
            'by = "tokenizer"',
            "substitution[0].by",
            "not a component of any class",
            id="substitution-unknown-component",
        ),
        pytest.param(
            "rank = 1\n",
            "rank = 4\n",
            "class[2].rank",
            "class ranks must be 1..3",
            id="rank-gap",
        ),
        pytest.param(
            'content_type = "code"\nmot_id = 9\n',
            'content_type = "weights"\nmot_id = 9\n',
            "class[0].component[0].content_type",
            "should be 'code', 'data' or 'document'",
            id="unknown-content-type",
        ),
    ],
)
def test_loader_errors_name_file_and_key(
    write: Writer, old: str, new: str, key: str, message: str
) -> None:
    """A broken graded definition is refused with the file, the key path and the reason."""
    path = _broken(write, old, new)
    with pytest.raises(DefinitionError) as caught:
        load_graded_definition_file(path)
    problem = next((p for p in caught.value.problems if p.key == key), None)
    assert problem is not None, [str(p) for p in caught.value.problems]
    assert problem.file == str(path)
    assert message in problem.message
    assert str(path) in str(caught.value)


def test_loader_rejects_invalid_toml(write: Writer) -> None:
    """A file that is not TOML is refused with its name."""
    path = write("bad.toml", "[definition\n")
    with pytest.raises(DefinitionError, match="invalid TOML") as caught:
        load_graded_definition_file(path)
    assert caught.value.file == str(path)


def test_loader_reports_missing_required_key(write: Writer) -> None:
    """A component without a name is refused at that key."""
    path = _broken(write, 'name = "Model architecture"\n', "")
    with pytest.raises(DefinitionError) as caught:
        load_graded_definition_file(path)
    assert caught.value.key == "class[0].component[0].name"
    assert caught.value.problems[0].message == "required key is missing"


# ------------------------------------------------------------------------------------------
# MOT parity: the 27 fixtures


def test_every_expected_result_has_one_fixture() -> None:
    """The 27 fixtures and the 27 expected results pair up one to one by release name."""
    names = [read_path(path).name for path in FIXTURES]
    assert len(FIXTURES) == 27
    assert sorted(n or "" for n in names) == sorted(_expected())


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_mot_compat_reproduces_mot_fixture(path: Path) -> None:
    """Class, label and progress equal MOT's expected REST output, byte for byte as JSON."""
    release = read_path(path)
    report = grade(release, "mof-1.0", "mot-compat")
    expected = _expected()[release.name or ""]
    assert report.summary() == expected
    assert json.dumps(report.summary(), sort_keys=True) == json.dumps(expected, sort_keys=True)


def test_progress_is_unrounded_and_whole_numbers_are_integers() -> None:
    """Progress keeps MOT's float digits (10/13 of Class I) and writes 100, not 100.0."""
    release = read_path(next(p for p in FIXTURES if p.name.startswith("Class2R")))
    report = grade(release, "mof-1.0", "mot-compat")
    dumped = report.model_dump(mode="json", by_alias=True)
    assert dumped["progress"] == {"1": 76.92307692307693, "2": 100, "3": 100}
    assert isinstance(dumped["progress"]["2"], int)
    assert dumped["class"] == 2
    class_one = next(c for c in dumped["classes"] if c["class"] == 1)
    assert class_one["required"] == 13
    assert len(class_one["included"]) == 10


# ------------------------------------------------------------------------------------------
# The corpus: 273 MOT model files


MOT_DISTRIBUTION = {1: 14, 2: 1, 3: 16, 0: 242}


def test_corpus_class_distribution_mot_compat() -> None:
    """Under mot-compat: 14 x Class I, 1 x Class II, 16 x Class III and 242 unclassified."""
    reports = _corpus("mot-compat")
    assert len(reports) == 273
    assert Counter(r.class_ for r in reports.values()) == Counter(MOT_DISTRIBUTION)


def test_corpus_matches_computed_classes_per_file() -> None:
    """Each file's class, progress and Class III blockers equal computed_classes.json."""
    computed = {Path(m["file"]).name: m for m in json.loads(COMPUTED.read_text("utf-8"))["models"]}
    reports = _corpus("mot-compat")
    assert set(reports) == set(computed)
    for name, report in reports.items():
        expected = computed[name]
        assert report.class_ == expected["mot_class"], name
        for rank in "123":
            assert round(report.progress[rank], 2) == expected[f"progress_class{rank}"], name
        names = {c.kind: c.name for c in report.components}
        class_three = next(c for c in report.classes if c.class_ == 3)
        assert sorted(names[k] for k in class_three.missing) == sorted(
            expected["class3_missing"]
        ), name
        not_open = class_three.invalid + class_three.unlicensed
        assert sorted(names[k] for k in not_open) == sorted(expected["class3_not_open"]), name
        conditional = [
            c.name for c in report.components if c.status == "included" and not c.type_appropriate
        ]
        assert sorted(conditional) == sorted(expected["open_but_not_type_appropriate"]), name


def test_corpus_not_type_appropriate_warnings_mot_compat() -> None:
    """MOT's conditional pass fires 178 times in the corpus, 152 of them Apache-2.0 on data."""
    warnings = [
        (w, c)
        for r in _corpus("mot-compat").values()
        for w in r.warnings
        if w.code == "not-type-appropriate"
        for c in r.components
        if c.kind == w.component
    ]
    assert len(warnings) == 178
    apache_on_data = [
        c for _, c in warnings if c.license == "Apache-2.0" and c.content_type == "data"
    ]
    assert len(apache_on_data) == 152


def test_corpus_class_distribution_default() -> None:
    """The default policy leaves the classes as they are but raises 21 files' Class III progress."""
    default, mot = _corpus("default"), _corpus("mot-compat")
    assert Counter(r.class_ for r in default.values()) == Counter(MOT_DISTRIBUTION)
    changed = sorted(name for name in default if default[name].progress != mot[name].progress)
    assert len(changed) == 21
    assert "SEA-LION.yml" in changed
    applied = Counter(d.id for r in default.values() for d in r.deviations for _ in d.components)
    assert applied == Counter({"licence-aliases": 47, "case-insensitive-ids": 1})


def test_corpus_default_never_lowers_a_grade() -> None:
    """No corpus file has less progress in any class under the default policy than under MOT."""
    default, mot = _corpus("default"), _corpus("mot-compat")
    for name in default:
        for rank in "123":
            assert default[name].progress[rank] >= mot[name].progress[rank], name


# ------------------------------------------------------------------------------------------
# Default-policy deviations: one hand-made MOF file each, where mot-compat and default differ


@dataclass(frozen=True)
class DeviationCase:
    """A component licence on which MOT and the default policy disagree."""

    component: str
    licence: str
    mot: tuple[str, bool | None]
    default: tuple[str, bool | None]


DEVIATION_CASES: dict[str, DeviationCase] = {
    "spdx-expressions": DeviationCase(
        "Model architecture", "MIT OR LicenseRef-proprietary", ("invalid", None), ("included", True)
    ),
    "multiple-licences": DeviationCase(
        "Model parameters (Final)",
        "CDLA-Permissive-2.0 AND CC0-1.0",
        ("invalid", None),
        ("included", True),
    ),
    "case-insensitive-ids": DeviationCase(
        "Model architecture", "apache-2.0", ("invalid", None), ("included", True)
    ),
    "licence-aliases": DeviationCase(
        "Model architecture", "Apache 2.0", ("invalid", None), ("included", True)
    ),
    "pddl-open-data": DeviationCase(
        "Model parameters (Final)", "PDDL-1.0", ("invalid", None), ("included", True)
    ),
    "cc0-data-type": DeviationCase(
        "Model parameters (Final)", "CC0-1.0", ("included", False), ("included", True)
    ),
    "current-spdx-flags": DeviationCase(
        "Model architecture", "CDDL-1.1", ("invalid", None), ("included", False)
    ),
}


def test_every_deviation_has_a_case() -> None:
    """Each documented deviation is exercised below, and every case names a real deviation."""
    assert set(DEVIATION_CASES) == {d.id for d in DEVIATIONS}
    for deviation in DEVIATIONS:
        assert deviation.title
        assert deviation.mot
        assert deviation.default
        assert deviation.source


@pytest.mark.parametrize("deviation", sorted(DEVIATION_CASES))
def test_default_deviation_differs_from_mot(write: Writer, deviation: str) -> None:
    """On a Class III release, the deviating component decides the difference between policies."""
    case = DEVIATION_CASES[deviation]
    components = {**CLASS_III, case.component: case.licence}
    text = _mof_text(list(components.items()))
    mot = _grade_text(write, text, "mot-compat")
    default = _grade_text(write, text, "default")
    kind = next(c.kind for c in mot.components if c.name == case.component)

    def outcome(report: GradeReport) -> tuple[str, bool | None]:
        found = next(c for c in report.components if c.kind == kind)
        return found.status, found.type_appropriate

    assert outcome(mot) == case.mot
    assert outcome(default) == case.default
    assert deviation in {d.id for d in default.deviations}
    assert mot.deviations == []
    warning = next(w for w in default.warnings if w.code == "deviation-from-mot")
    assert warning.component == kind
    assert deviation in warning.deviations
    if case.mot[0] == "invalid":
        assert (mot.class_, default.class_) == (0, 3)
    else:
        assert mot.class_ == default.class_ == 3
        assert any(w.code == "not-type-appropriate" for w in mot.warnings)
        assert not any(w.code == "not-type-appropriate" for w in default.warnings)


def test_default_keeps_mot_where_no_deviation_applies(write: Writer) -> None:
    """A plain Class III release grades the same, with no deviation warnings, under both."""
    text = _mof_text(list(CLASS_III.items()))
    mot = _grade_text(write, text, "mot-compat")
    default = _grade_text(write, text, "default")
    assert (
        mot.summary()
        == default.summary()
        == {
            "class": 3,
            "label": "Class III - Open Model",
            "progress": {"1": 0, "2": 60, "3": 100},
        }
    )
    assert default.deviations == []
    assert [w.code for w in default.warnings] == [w.code for w in mot.warnings]


def test_default_refuses_what_mot_refuses(write: Writer) -> None:
    """Restrictive, unknown and non-commercial licences stay invalid under the default policy."""
    for licence in (
        "Llama-3-community",
        "Undisclosed",
        "CC-BY-NC-4.0",
        "BSD",
        "MIT AND CC-BY-NC-4.0",
    ):
        text = _mof_text([*CLASS_III.items(), ("Model architecture", licence)])
        report = _grade_text(write, text, "default")
        assert _status(report, "model-architecture") == "invalid", licence
        assert report.class_ == 0, licence


def test_default_reports_malformed_expression(write: Writer) -> None:
    """A broken expression is invalid with the parser's reason, not an error."""
    text = _mof_text([("Model architecture", "MIT OR (Apache-2.0")])
    report = _grade_text(write, text, "default")
    component = next(c for c in report.components if c.kind == "model-architecture")
    assert component.status == "invalid"
    assert component.reasons[0].startswith("malformed licence expression")


# ------------------------------------------------------------------------------------------
# The algorithm on hand-made files


def test_open_paper_stands_in_for_missing_report(write: Writer) -> None:
    """Without a technical report an open research paper completes Class III."""
    components = {k: v for k, v in CLASS_III.items() if k != "Technical report"}
    text = _mof_text([*components.items(), ("Research paper", "CC-BY-4.0")])
    report = _grade_text(write, text, "mot-compat")
    assert report.class_ == 3
    class_three = next(c for c in report.classes if c.class_ == 3)
    assert "research-paper" in class_three.included
    assert "technical-report" not in class_three.missing
    class_one = next(c for c in report.classes if c.class_ == 1)
    assert class_one.required == 13


def test_non_open_paper_blocks_class_three(write: Writer) -> None:
    """Without a technical report, a paper under arXiv's licence blocks Class III."""
    components = {k: v for k, v in CLASS_III.items() if k != "Technical report"}
    arxiv = "arXiv.org perpetual non-exclusive license 1.0"
    text = _mof_text([*components.items(), ("Research paper", arxiv)])
    for policy in POLICIES:
        report = _grade_text(write, text, policy)
        assert report.class_ == 0
        assert report.progress["3"] == 5 / 6 * 100
        class_three = next(c for c in report.classes if c.class_ == 3)
        assert class_three.invalid == ["research-paper"]


def test_open_paper_compensates_for_non_open_report(write: Writer) -> None:
    """A present but non-open report is outweighed by an open paper (MOT counts)."""
    text = _mof_text(
        [*CLASS_III.items(), ("Technical report", "Proprietary"), ("Research paper", "CC-BY-4.0")]
    )
    report = _grade_text(write, text, "mot-compat")
    assert report.class_ == 3
    class_three = next(c for c in report.classes if c.class_ == 3)
    assert class_three.invalid == ["technical-report"]


def test_optional_components_never_count(write: Writer) -> None:
    """Open or not, the optional components change no progress value."""
    base = _grade_text(write, _mof_text(list(CLASS_III.items())), "mot-compat")
    extra = [
        ("Sample model outputs", "Proprietary"),
        ("Supporting libraries and tools", "MIT"),
        ("Model metadata", "unlicensed"),
    ]
    report = _grade_text(write, _mof_text([*CLASS_III.items(), *extra]), "mot-compat")
    assert report.summary() == base.summary()
    class_one = next(c for c in report.classes if c.class_ == 1)
    assert class_one.optional == ["supporting-libraries"]
    assert class_one.invalid == ["sample-outputs"]
    assert class_one.unlicensed == ["model-metadata"]


def test_unlicensed_and_missing_are_distinct(write: Writer) -> None:
    """'unlicensed' is listed but unlicensed; an unlisted component is missing."""
    text = _mof_text([("Model architecture", "unlicensed"), ("Model card", None)])
    report = _grade_text(write, text, "mot-compat")
    assert _status(report, "model-architecture") == "unlicensed"
    assert _status(report, "model-card") == "unlicensed"
    assert _status(report, "data-card") == "missing"
    assert report.summary()["class"] == 0


def test_global_licences_are_inherited_by_content_type(write: Writer) -> None:
    """Parameters take the data global, documents the distribution fallback."""
    globals_ = "{data: {name: CDLA-Permissive-2.0}, distribution: {name: MIT}}"
    names = list(CLASS_III)
    report = _grade_text(write, _mof_text([(n, None) for n in names], globals_), "mot-compat")
    parameters = next(c for c in report.components if c.kind == "model-parameters-final")
    assert parameters.license == "CDLA-Permissive-2.0"
    assert parameters.inherited_from == "release.license.data"
    assert parameters.type_appropriate is True
    card = next(c for c in report.components if c.kind == "model-card")
    assert (card.license, card.type_appropriate) == ("MIT", False)
    assert report.class_ == 3


def test_duplicate_components(write: Writer) -> None:
    """mot-compat keeps the last entry (with a warning); default needs every entry open."""
    text = _mof_text([*CLASS_III.items(), ("Model card", "Proprietary")])
    mot = _grade_text(write, text, "mot-compat")
    assert _status(mot, "model-card") == "invalid"
    assert any(w.code == "duplicate-component" for w in mot.warnings)
    text = _mof_text([("Model card", "Proprietary"), *CLASS_III.items()])
    assert _status(_grade_text(write, text, "mot-compat"), "model-card") == "included"
    assert _status(_grade_text(write, text, "default"), "model-card") == "invalid"


def _component(kind: ComponentKind, licence: str | None, used: bool = True) -> Component:
    origin = Origin(file="manual", key=kind.value)
    declaration = (
        None if licence is None else LicenseDeclaration(expression=licence, written=licence)
    )
    return Component(kind=kind, name=kind.value, license=declaration, used=used, origin=origin)


def test_components_outside_the_definition_are_ignored_with_a_warning() -> None:
    """A tokenizer is not a MOF component: it is named in a warning and graded nowhere."""
    release = Release(
        name="manual",
        components=(
            _component(ComponentKind.TOKENIZER, "MIT"),
            _component(ComponentKind.MODEL_ARCHITECTURE, "MIT"),
            _component(ComponentKind.MODEL_CARD, "CC-BY-4.0", used=False),
        ),
        source=Source(file="manual", format="osaid"),
    )
    report = grade(release, "mof-1.0", "default")
    codes = [w.code for w in report.warnings]
    assert "not-graded" in codes
    assert "component-not-used" in codes
    assert _status(report, "model-card") == "missing"
    assert report.progress["3"] == 1 / 6 * 100


def test_report_json_uses_class_alias_and_summary_shape() -> None:
    """The JSON has 'class' (not 'class_') and summary() is MOT's classification object."""
    report = grade(read_path(MOT_MODELS / "Amber.yml"), "mof-1.0", "mot-compat")
    dumped = report.model_dump(mode="json", by_alias=True)
    assert dumped["class"] == 1
    assert "class_" not in dumped
    assert all("class" in c for c in dumped["classes"])
    assert report.summary() == {
        "class": 1,
        "label": "Class I - Open Science Model",
        "progress": {"1": 100, "2": 100, "3": 100},
    }
    assert report.reached
    assert [c["class"] for c in dumped["classes"] if c["reached"]] == [3, 2, 1]


# ------------------------------------------------------------------------------------------
# MOT's licence data


def test_mot_open_data_list_is_kept_verbatim() -> None:
    """MOT's 31 open-data ids keep the ODC-PDDL-1.0 typo and the deprecated GFDL-1.3."""
    data = mot_licence_data()
    assert len(data.open_data) == 31
    assert "ODC-PDDL-1.0" in data.open_data
    assert "PDDL-1.0" not in data.open_data
    assert "GFDL-1.3" in data.open_data
    assert data.always_open == ("OpenMDW-1.0",)
    assert data.commit == "8b5d30e90a7c62d7d6ece48b91e69ff495920a4d"


def test_mot_database_has_226_open_ids() -> None:
    """Merged as MOT merges it, the database has 226 open ids, 55 FSF-libre but not OSI."""
    judge = MotCompatJudge(mot_licence_data())
    records = judge.records
    ids = set(records) | set(mot_licence_data().open_data) | {"OpenMDW-1.0"}
    open_ids = {i for i in ids if judge.open_reason(i) is not None}
    assert len(open_ids) == 226
    assert sum(1 for i in open_ids if i in records and records[i][1] and not records[i][0]) == 55


def test_mot_last_record_wins_for_cc0() -> None:
    """CC0-1.0 ends up typed 'document' only in MOT's merged database."""
    data = mot_licence_data()
    assert data.last_wins()["CC0-1.0"][2] == frozenset({"document"})
    assert data.merged_content_types()["CC0-1.0"] == frozenset({"data", "document"})


# ------------------------------------------------------------------------------------------
# Rendering for `osaid check --definition mof-1.0`


def test_json_payload_puts_grade_next_to_verdict() -> None:
    """The JSON object has 'verdict' then 'grade' (MOT's classification) for one input."""
    reports = [grade(MOT_MODELS / "Polyglot-Ko.yml", "mof-1.0", "mot-compat")]
    data = json.loads(GRADE_RENDERERS["json"](reports, False))
    keys = list(data)
    assert keys.index("grade") == keys.index("verdict") + 1
    assert data["verdict"] == "conformant"
    assert data["grade"] == {
        "class": 2,
        "label": "Class II - Open Tooling Model",
        "progress": {"1": 92.85714285714286, "2": 100, "3": 100},
    }
    assert data["report_format"] == GRADE_REPORT_FORMAT
    assert data["policy"] == "mot-compat"


def test_json_payload_is_an_array_for_several_inputs_and_not_conformant_when_unclassified() -> None:
    """Several inputs give an array; an unclassified release is not conformant."""
    reports = [grade(path, "mof-1.0", "mot-compat") for path in FIXTURES[:3]]
    data = json.loads(GRADE_RENDERERS["json"](reports, True))
    assert [d["input"] for d in data] == [str(p) for p in FIXTURES[:3]]
    for item in data:
        expected = "conformant" if item["grade"]["class"] else "not-conformant"
        assert item["verdict"] == expected


def test_text_shows_each_class_and_escapes_control_characters(write: Writer) -> None:
    """Text output names every class with its count and never echoes raw control characters."""
    text = _mof_text([*CLASS_III.items(), ("Model card", "Evil\u202eLicence")])
    report = grade(write("evil.yml", text), "mof-1.0", "default")
    rendered = GRADE_RENDERERS["text"]([report], False)
    assert "\u202e" not in rendered
    assert "\\u202e" in rendered
    for graded in report.classes:
        assert graded.label in rendered
    assert "needs Class III - Open Model first" in rendered


def test_deviations_are_data_and_corrections_name_one(tmp_path: Path) -> None:
    """The deviations are read from licenses/mot/deviations.toml; a correction naming a
    deviation that is not listed there is refused with its file and key."""
    import shutil

    from osaid._resources import data_dir
    from osaid.licensing import load_mot_licence_data

    source = data_dir("licenses") / "mot"
    copy = tmp_path / "mot"
    shutil.copytree(source, copy)
    loaded = load_mot_licence_data(copy)
    assert [d.id for d in loaded.deviations] == [d.id for d in DEVIATIONS]
    assert loaded.deviations[0].title == "SPDX licence expressions are parsed"
    text = (copy / "deviations.toml").read_text(encoding="utf-8")
    (copy / "deviations.toml").write_text(
        text.replace('id = "pddl-open-data"', 'id = "pddl-open-dat"'), encoding="utf-8"
    )
    with pytest.raises(LicenseDataError) as caught:
        load_mot_licence_data(copy)
    assert caught.value.key == "open_data[0].deviation"
    assert "did you mean 'pddl-open-dat'" in str(caught.value)
    assert str(copy / "osaid-corrections.toml") in str(caught.value)
