"""The pre-commit hooks: the hook file's contract, the short summary, and a real pre-commit run."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import osaid
from conftest import CONFORMANT, DATA, EXAMPLES, ROOT, Writer
from osaid import cli
from osaid.render._hook import hook_summary, render

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
GIT = shutil.which("git")
HAS_PRE_COMMIT = importlib.util.find_spec("pre_commit") is not None


def hooks() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return {hook["id"]: hook for hook in data}


def with_weights_licence(path: Path, licence: str) -> str:
    """The conformant example with the final parameters relicensed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for component in data["components"]:
        if component["kind"] == "model-parameters-final":
            component["license"] = licence
    return yaml.safe_dump(data, sort_keys=False)


# -- the hook file ------------------------------------------------------------------------


class TestHookFile:
    def test_declares_the_whole_repository_and_per_file_hooks(self) -> None:
        """`osaid` checks the repository root once; `osaid-file` checks each changed file."""
        found = hooks()
        assert set(found) == {"osaid", "osaid-file"}
        for hook in found.values():
            assert {"id", "name", "entry", "language"} <= set(hook)
            assert hook["language"] == "python"
            assert hook["args"][0] == "check"
        assert found["osaid"]["pass_filenames"] is False
        assert found["osaid"]["args"][-1] == "."
        # any file a component points at can change the verdict: the root hook always runs
        assert found["osaid"]["always_run"] is True
        assert "files" not in found["osaid"]
        assert found["osaid-file"].get("pass_filenames", True) is True
        assert "." not in found["osaid-file"]["args"]

    def test_every_hook_ends_its_options_with_dashes(self) -> None:
        """pre-commit appends file names after `args`: without `--`, a file named
        `-obad/osaid.yaml` is read as `-o bad/osaid.yaml`."""
        for hook_id, hook in hooks().items():
            args = hook["args"]
            rest = args[args.index("--") + 1 :] if "--" in args else None
            assert rest is not None, hook_id
            assert all(not arg.startswith("-") for arg in rest), hook_id
            assert rest == (["."] if hook_id == "osaid" else []), hook_id

    @pytest.mark.parametrize("name", ["-obad/osaid.yaml", "-ox/osaid.yaml"])
    def test_a_file_named_like_an_option_is_checked(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
    ) -> None:
        """What pre-commit runs for the per-file hook checks `-obad/osaid.yaml` (exit 1) and
        writes nothing: no `bad/osaid.yaml`, nothing through `x -> ../outside`."""
        root = tmp_path / "repo"
        (tmp_path / "outside").mkdir()
        (root / name).parent.mkdir(parents=True)
        (root / name).write_text(with_weights_licence(CONFORMANT, "CC-BY-NC-4.0"), "utf-8")
        (root / "x").symlink_to("../outside")
        monkeypatch.chdir(root)
        before = sorted(str(p) for p in tmp_path.rglob("*"))
        out, err = io.StringIO(), io.StringIO()
        code = cli.run([*hooks()["osaid-file"]["args"], name], out, err)
        assert code == 1, err.getvalue()
        assert f"{name}: Open Example LM is NOT conformant" in out.getvalue()
        assert sorted(str(p) for p in tmp_path.rglob("*")) == before

    def test_entry_is_the_console_script(self) -> None:
        """`language: python` runs `entry` from the hook's venv, so it must be our script."""
        scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        names = set(scripts["project"]["scripts"])
        assert {hook["entry"] for hook in hooks().values()} <= names

    @pytest.mark.parametrize(
        ("hook_id", "path", "matches"),
        [
            ("osaid-file", "osaid.yaml", True),
            ("osaid-file", "models/small/osaid.yml", True),
            ("osaid-file", "models/small/osaid.json", True),
            ("osaid-file", "myosaid.yaml", False),
            ("osaid-file", "osaid.yaml.orig", False),
            ("osaid-file", "README.md", False),
        ],
    )
    def test_files_pattern(self, hook_id: str, path: str, matches: bool) -> None:
        """pre-commit matches `files` with re.search against repository-relative paths."""
        pattern = re.compile(hooks()[hook_id]["files"])
        assert bool(pattern.search(path)) is matches


# -- the short summary --------------------------------------------------------------------


class TestHookSummary:
    def test_names_failing_element_licence_and_fix(self, write: Writer) -> None:
        """One line per failing requirement: location, element, summary, remediation."""
        path = write("osaid.yaml", with_weights_licence(CONFORMANT, "CC-BY-NC-4.0"))
        text = hook_summary([osaid.check(path)])
        lines = text.splitlines()
        assert [line for line in lines if "; fix: " in line] == lines[:1], text
        failing = lines[0]
        assert failing.startswith(f"  {path}:")
        assert "[parameters]" in failing
        assert "CC-BY-NC-4.0" in failing
        assert "; fix: " in failing
        assert "non commercial" in failing.lower()
        verdict = lines[-1]
        assert verdict.startswith(f"{path}: Open Example LM is NOT conformant")
        assert "1 requirement not met" in verdict
        assert f"osaid check {path}" in verdict

    def test_missing_items_name_each_element(self) -> None:
        """Missing code and data information are listed; recommendations are left out."""
        report = osaid.check(EXAMPLES / "missing-components" / "osaid.yaml")
        text = hook_summary([report])
        body = [line for line in text.splitlines() if line.startswith("  ") and "[" in line]
        assert len(body) == len(report.failing())
        assert any("[data information] Complete description" in line for line in body)
        assert any("[code] Training code" in line for line in body)
        assert all("; fix: " in line for line in body)
        assert "Intermediate checkpoints" not in text
        assert "NOT conformant" in text.splitlines()[-1]

    def test_conformant_is_one_verdict_and_its_warnings(self) -> None:
        """Nothing fails: only the verdict, with its warnings, each marked with its level (the
        conformant example's one note is `info`, which `--strict` never fails on)."""
        report = osaid.check(CONFORMANT)
        lines = hook_summary([report]).splitlines()
        assert lines[-1].endswith("(a self-assessment, not an OSI certification).")
        assert "is conformant with Open Source AI Definition 1.0" in lines[-1]
        assert len(lines) == 1 + len(report.warnings)
        assert all(
            f": {w.level}: " in line for w, line in zip(report.warnings, lines, strict=False)
        )
        assert [w.level for w in report.warnings] == ["info"]

    def test_several_inputs_end_with_a_count(self) -> None:
        """The per-file hook checks several manifests at once."""
        reports = [osaid.check(path) for path in sorted(EXAMPLES.glob("*/osaid.yaml"))]
        text = render(reports, True)
        assert text.endswith(f"osaid: 3 of {len(reports)} inputs not conformant.\n")
        assert text.count(" is NOT conformant with ") == 3
        assert text.count(" is conformant with ") == 1

    def test_input_cannot_drive_the_terminal(self, write: Writer) -> None:
        """Control characters from the input are escaped, as in the text report."""
        text = CONFORMANT.read_text(encoding="utf-8").replace(
            "name: Open Example LM", 'name: "Evil\\e[31mLM"'
        )
        summary = hook_summary([osaid.check(write("osaid.yaml", text))])
        assert "\x1b" not in summary
        assert "\\u001b" in summary


# -- a real pre-commit run ------------------------------------------------------------------


def _environment(home: Path) -> dict[str, str]:
    """The caller's environment without git's per-repository variables (tests may run in a
    git hook), with pre-commit's cache in ``home`` so nothing outside tmp is touched."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        GIT_CONFIG_NOSYSTEM="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [GIT or "git", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


_IDENTITY = ("-c", "user.name=osaid tests", "-c", "user.email=tests@osaid.invalid")
_IGNORED = shutil.ignore_patterns(
    ".git",
    "__pycache__",
    "*.pyc",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "*.egg-info",
    ".venv",
    "venv",
    "build",
    "dist",
)


def _snapshot_of_checkout(target: Path, env: dict[str, str]) -> str:
    """Commit this checkout's working tree, uncommitted changes included, into ``target``.

    pre-commit installs a hook repository at a revision, so the tree under test has to be a
    commit; a fresh repository is used so the checkout's own history and index stay untouched.
    """
    if (ROOT / ".git").exists():
        listed = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        for name in filter(None, listed.split("\0")):
            source = ROOT / name
            if source.is_file():  # tracked files deleted in the working tree are left out
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:  # an unpacked sdist
        shutil.copytree(ROOT, target, ignore=_IGNORED, dirs_exist_ok=True)
    _git(target, env, "init", "-q")
    _git(target, env, "add", "-A")
    _git(target, env, *_IDENTITY, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot")
    return _git(target, env, "rev-parse", "HEAD").strip()


def _hook_repository(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A git repository holding a commit of this checkout, and that commit, to install from."""
    hook_repo = tmp_path / "hook-repo"
    hook_repo.mkdir()
    return hook_repo, _snapshot_of_checkout(hook_repo, env)


def _project(tmp_path: Path, env: dict[str, str], manifest: str) -> Path:
    """A git repository with ``manifest`` as its osaid.yaml and the documents it names."""
    project = tmp_path / "project"
    project.mkdir()
    _git(project, env, "init", "-q")
    _git(project, env, "config", "user.name", "osaid tests")
    _git(project, env, "config", "user.email", "tests@osaid.invalid")
    (project / "osaid.yaml").write_text(manifest, encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs" / "DATASHEET.md").write_text("# Training data\n", encoding="utf-8")
    (project / "docs" / "data-sources.md").write_text("# Sources\n", encoding="utf-8")
    return project


def _pre_commit(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    _git(project, env, "add", "-A")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        timeout=1200,
    )


@pytest.mark.skipif(GIT is None, reason="git is not installed")
@pytest.mark.skipif(
    not HAS_PRE_COMMIT, reason="pre-commit is not installed (pip install '.[test]')"
)
def test_real_pre_commit_run(tmp_path: Path) -> None:
    """pre-commit installs both hooks from a commit of this checkout, passes a conformant
    release and fails the commit with the reason when the weights become non-commercial."""
    env = _environment(tmp_path / "pre-commit-home")
    hook_repo, rev = _hook_repository(tmp_path, env)

    # `osaid check .` checks that local locations named by the manifest exist.
    project = _project(tmp_path, env, CONFORMANT.read_text(encoding="utf-8"))
    config = {
        "repos": [
            {"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "osaid"}, {"id": "osaid-file"}]}
        ]
    }
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")

    passed = _pre_commit(project, env)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert output.count("Passed") == 2, output

    (project / "osaid.yaml").write_text(
        with_weights_licence(CONFORMANT, "CC-BY-NC-4.0"), encoding="utf-8"
    )
    failed = _pre_commit(project, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert output.count("Failed") == 2, output
    assert "exit code: 1" in output, output  # not conformant, not an error (2)
    assert "parameters" in output
    assert "CC-BY-NC-4.0" in output

    # A pull request adds manifests whose names look like options. They are checked (the
    # per-file hook fails on them) and nothing is written into or out of the repository.
    shutil.copy(CONFORMANT, project / "osaid.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "x").symlink_to("../outside")
    for name in ("-obad/osaid.yaml", "-ox/osaid.yaml"):
        (project / name).parent.mkdir()
        (project / name).write_text(with_weights_licence(CONFORMANT, "CC-BY-NC-4.0"), "utf-8")
    hostile = _pre_commit(project, env)
    output = hostile.stdout + hostile.stderr
    assert hostile.returncode != 0, output
    assert output.count("Passed") == 1, output  # the root release is conformant again
    assert output.count("Failed") == 1, output
    assert "exit code: 1" in output, output
    assert "-obad/osaid.yaml: Open Example LM is NOT conformant" in output, output
    assert "-ox/osaid.yaml: Open Example LM is NOT conformant" in output, output
    assert not (project / "bad").exists()
    assert list(outside.iterdir()) == []


def _staged_run(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``pre-commit run`` on the staged changes only, as a commit runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        timeout=1200,
    )


def _with_local_training_code(path: Path) -> str:
    """The conformant example with its training code in the repository (``src/train.py``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for component in data["components"]:
        if component["kind"] == "training-code":
            component["location"] = "src/train.py"
    return yaml.safe_dump(data, sort_keys=False)


@pytest.mark.skipif(GIT is None, reason="git is not installed")
@pytest.mark.skipif(
    not HAS_PRE_COMMIT, reason="pre-commit is not installed (pip install '.[test]')"
)
def test_real_pre_commit_sees_every_change_that_can_change_the_verdict(tmp_path: Path) -> None:
    """In the real framework, on commits that touch neither osaid.yaml nor README.md:

    a card/manifest licence conflict, a LICENSE text that disagrees with the manifest, and a
    proprietary SPDX header added to the training code each fail the commit.
    """
    env = _environment(tmp_path / "pre-commit-home")
    hook_repo, rev = _hook_repository(tmp_path, env)
    project = _project(tmp_path, env, _with_local_training_code(CONFORMANT))
    (project / "src").mkdir()
    train = project / "src" / "train.py"
    train.write_text("# SPDX-License-Identifier: Apache-2.0\nprint('train')\n", encoding="utf-8")
    config = {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "osaid"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(project, env, "add", "-A")
    first = _staged_run(project, env)
    assert first.returncode == 0, first.stdout + first.stderr
    _git(project, env, "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "ok")

    def commit_fails(change: Path, text: str) -> str:
        change.write_text(text, encoding="utf-8")
        _git(project, env, "add", "-A")
        done = _staged_run(project, env)
        output = done.stdout + done.stderr
        assert done.returncode != 0, output
        assert "exit code: 1" in output, output
        assert "Skipped" not in output, output
        _git(project, env, "reset", "-q", "--hard")
        _git(project, env, "clean", "-qfd")
        return output

    card = "---\nlicense: llama3.1\n---\n# Open Example LM\n"
    output = commit_fails(project / "MODEL_CARD.md", card)  # a card beside the manifest
    assert "MODEL_CARD.md:2 says 'llama3.1'" in output, output
    # a licence no component declares (MIT would be the supporting libraries' own: a warning)
    texts = DATA / "licence-texts"
    licence = (texts / "bsd-3-clause-flask.LICENSE.txt").read_text(encoding="utf-8")
    output = commit_fails(project / "LICENSE", licence)
    assert "full text of BSD-3-Clause" in output, output
    header = "# SPDX-License-Identifier: LicenseRef-Proprietary\nprint('train')\n"
    output = commit_fails(train, header)
    assert "src/train.py:1" in output, output
    assert "LicenseRef-Proprietary" in output, output


@pytest.mark.skipif(GIT is None, reason="git is not installed")
@pytest.mark.skipif(
    not HAS_PRE_COMMIT, reason="pre-commit is not installed (pip install '.[test]')"
)
def test_real_pre_commit_run_with_a_configuration(tmp_path: Path) -> None:
    """The hooks read `[tool.osaid]` from the project's pyproject.toml: it pins the definition
    and the policy, and a waiver with its reason lets a known failure commit (the hook still
    says the release is not conformant); once the waiver has expired the commit fails."""
    env = _environment(tmp_path / "pre-commit-home")
    hook_repo, rev = _hook_repository(tmp_path, env)

    project = _project(tmp_path, env, with_weights_licence(CONFORMANT, "CC-BY-NC-4.0"))
    config = {
        "repos": [
            {"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "osaid"}, {"id": "osaid-file"}]}
        ]
    }
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    pyproject = (
        '[project]\nname = "model"\n\n[tool.osaid]\ndefinition = "osaid-1.0"\n'
        'evaluation_code = "required"\nstrict = true\n\n[[tool.osaid.waivers]]\n'
        'requirement = "osaid-1.0/parameters/final"\n'
        'reason = "relicensing to Apache-2.0 approved, lands in v2"\nexpires = {expires}\n'
    )
    (project / "pyproject.toml").write_text(pyproject.format(expires="2999-12-31"), "utf-8")

    # The pinned policy reaches both hooks: evaluation code is now required, and not waived.
    pinned = _pre_commit(project, env)
    output = pinned.stdout + pinned.stderr
    assert pinned.returncode != 0, output
    assert output.count("[code] Evaluation code: no evaluation-code component") == 2, output
    assert "waived until 2999-12-31: relicensing to Apache-2.0 approved" in output, output

    manifest = yaml.safe_load((project / "osaid.yaml").read_text(encoding="utf-8"))
    manifest["components"].append(
        {
            "kind": "evaluation-code",
            "location": "https://github.com/example/open-lm/tree/v1.0/bench",
            "license": "Apache-2.0",
        }
    )
    (project / "osaid.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), "utf-8")
    waived = _pre_commit(project, env)
    output = waived.stdout + waived.stderr
    assert waived.returncode == 0, output
    assert output.count("Passed") == 2, output
    assert "osaid-1.0/parameters/final" not in output  # hooks print only when they fail

    with_report = subprocess.run(
        [sys.executable, "-m", "osaid", "check", "--format", "json", "."],
        cwd=project,
        env={**env, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(with_report.stdout)
    assert with_report.returncode == 0, with_report.stderr
    assert report["verdict"] == "not-conformant"
    assert report["configuration"] == "pyproject.toml"
    assert report["policy"]["evaluation_code"] == "required"

    (project / "pyproject.toml").write_text(pyproject.format(expires="2001-01-01"), "utf-8")
    expired = _pre_commit(project, env)
    output = expired.stdout + expired.stderr
    assert expired.returncode != 0, output
    assert output.count("Failed") == 2, output
    assert "waiver expired on 2001-01-01" in output, output
