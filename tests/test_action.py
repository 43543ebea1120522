"""The composite GitHub Action (``action.yml``), its ``run:`` steps run as a script.

Each ``run:`` step is run with bash in a fixture repository, with the environment GitHub would
give it (``GITHUB_OUTPUT``, ``GITHUB_STEP_SUMMARY``, the step's ``env:`` with its expressions
evaluated from the inputs and earlier outputs). ``uses:`` steps (setup-python, the SARIF
upload) are GitHub's own and not run here; ``pip`` is a stand-in that records what would be
installed. actionlint is not run: it does not install here (its PyPI wrapper downloads a binary
from GitHub releases, and no Go toolchain is available).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, EXAMPLES, ROOT

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
BASH = shutil.which("bash")

pytestmark = pytest.mark.skipif(BASH is None, reason="needs bash")


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def _shims(folder: Path) -> tuple[Path, Path]:
    """``python`` whose ``-m pip`` only records its arguments, and ``osaid`` run from here."""
    folder.mkdir()
    log = folder / "pip.log"
    python = folder / "python"
    python.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then shift 2; echo "$@" >> "{log}"; exit 0; fi\n'
        f'exec "{sys.executable}" "$@"\n',
        encoding="utf-8",
    )
    osaid = folder / "osaid"
    osaid.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m osaid "$@"\n', encoding="utf-8")
    for shim in (python, osaid):
        shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return folder, log


def _outputs(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition("=")
        found[name] = value
    return found


def _evaluate(text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("inputs."):
            return inputs[name.removeprefix("inputs.")]
        if name == "github.action_path":
            return str(ROOT)
        step, _, output = name.removeprefix("steps.").partition(".outputs.")
        return steps.get(step, {}).get(output, "")

    return EXPRESSION.sub(value, text)


def _run_action(repo: Path, tmp_path: Path, **given: str) -> tuple[int, str, dict[str, Any]]:
    """Run every ``run:`` step in order, as GitHub would; the last exit code and the output."""
    action = _action()
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update(given)
    shims, pip_log = _shims(tmp_path / "bin")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    steps: dict[str, dict[str, str]] = {}
    out: list[str] = []
    code = 0
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        output = tmp_path / f"output-{len(out)}"
        output.write_text("", encoding="utf-8")
        env = {
            **os.environ,
            "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(repo),
        }
        env.update({k: _evaluate(str(v), inputs, steps) for k, v in step.get("env", {}).items()})
        assert BASH is not None
        done = subprocess.run(
            [BASH, "-e", "-c", step["run"]],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        out.append(done.stdout + done.stderr)
        code = done.returncode
        if "id" in step:
            steps[step["id"]] = _outputs(output)
        if code != 0:
            break
    pip = pip_log.read_text(encoding="utf-8") if pip_log.exists() else ""
    return code, "".join(out), {"summary": summary, "pip": pip, "steps": steps}


def _repo(tmp_path: Path, source: Path) -> Path:
    repo = tmp_path / "repo"
    if source.is_dir():
        shutil.copytree(source, repo)
    else:
        repo.mkdir()
        shutil.copy(source, repo / "osaid.yaml")
    return repo


def test_no_expression_is_pasted_into_a_script() -> None:
    """Inputs reach the shell only through env: (a `${{ }}` in run: is script injection)."""
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_a_conformant_repository_passes_with_annotations_and_a_summary(tmp_path: Path) -> None:
    repo = _repo(tmp_path, DATA / "repo")
    code, out, seen = _run_action(repo, tmp_path)
    assert code == 0
    assert seen["steps"]["check"]["exit-code"] == "0"
    assert str(ROOT) in seen["pip"]  # installs this repository's own version
    assert "::warning file=osaid.yaml," in out
    assert "Open Example LM is conformant" in out
    summary = seen["summary"].read_text(encoding="utf-8")
    assert summary.startswith("earlier step\n## Open Example LM")  # appended, not replaced
    assert "**Conformant**" in summary


def test_a_failing_release_fails_the_step_with_osaids_exit_code(tmp_path: Path) -> None:
    repo = _repo(tmp_path, EXAMPLES / "license-failure" / "osaid.yaml")
    sarif = "osaid.sarif"
    code, out, seen = _run_action(repo, tmp_path, **{"sarif-file": sarif, "strict": "true"})
    assert code == 1
    assert seen["steps"]["check"]["exit-code"] == "1"
    assert (
        "::error file=osaid.yaml,line=43,title=osaid osaid-1.0/code/supporting-libraries::" in out
    )
    assert (repo / sarif).is_file()
    assert "**Not conformant**" in seen["summary"].read_text(encoding="utf-8")


def test_an_unreadable_manifest_exits_2_and_still_writes_sarif(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "osaid.yaml").write_text("manifest: osaid/1\nname: x\nscope: sytem\n", "utf-8")
    code, out, _ = _run_action(repo, tmp_path, **{"sarif-file": "x.sarif", "path": "osaid.yaml"})
    assert code == 2
    assert "::error file=osaid.yaml,line=3," in out
    assert "osaid/input-error" in (repo / "x.sarif").read_text(encoding="utf-8")


def test_an_input_is_one_argument_never_shell(tmp_path: Path) -> None:
    repo = _repo(tmp_path, DATA / "repo")
    code, out, _ = _run_action(repo, tmp_path, definition="osaid-1.0; touch pwned")
    assert code == 2
    assert not (repo / "pwned").exists()
    assert "osaid-1.0; touch pwned" in out


def test_a_pull_requests_own_waiver_is_ignored_with_the_base_configuration(
    tmp_path: Path,
) -> None:
    """A waiver the pull request adds passes the step, unless `config` names another file."""
    repo = _repo(tmp_path, EXAMPLES / "license-failure" / "osaid.yaml")
    failing = (
        "data-information/description",
        "data-information/public-data-listing",
        "code/supporting-libraries",
        "parameters/final",
    )
    waiver = "".join(
        f'[[waivers]]\nrequirement = "osaid-1.0/{r}"\nreason = "trust me"\n' for r in failing
    )
    (repo / ".osaid.toml").write_text(waiver, encoding="utf-8")
    (repo / ".git").mkdir()
    for run in ("own", "pinned", "none"):
        (tmp_path / run).mkdir()
    own, _, _ = _run_action(repo, tmp_path / "own")
    base = tmp_path / "base.toml"
    base.write_text("# the base branch's configuration: no waivers\n", encoding="utf-8")
    pinned, out, _ = _run_action(repo, tmp_path / "pinned", config=str(base))
    ignored, _, _ = _run_action(repo, tmp_path / "none", config="none")
    assert (own, pinned, ignored) == (0, 1, 1), out


def test_the_sarif_upload_is_skipped_for_pull_requests_from_forks() -> None:
    (upload,) = [s for s in _action()["runs"]["steps"] if "upload-sarif" in s.get("uses", "")]
    condition = " ".join(upload["if"].split())
    assert "inputs.sarif-file != ''" in condition
    assert "github.event_name != 'pull_request'" in condition
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
