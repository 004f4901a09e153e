"""The house rules a machine can check (issue #24 item 8), run with the tests so that CI runs
them on every change: ruff's lint and its formatter's style ([tool.ruff]), mypy on tui/ with no error ([tool.mypy]),
and the layer contracts of DESIGN.md §5 (import-linter, [tool.importlinter]). Only mypy keeps a
cache, in pytest's own cache folder (.pytest_cache), else under the test's temporary folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=600)


def test_ruff_finds_nothing():
    result = run(str(BIN / "ruff"), "check", "--no-cache", "tui", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_as_ruff_format_writes_it():
    """One style, written by the machine (`ruff format tui tests benchmarks scripts` fixes it)."""
    result = run(str(BIN / "ruff"), "format", "--check", "--no-cache", "tui", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_error_in_tui(request, tmp_path):
    # Its cache in pytest's own cache folder (.pytest_cache, ignored by git) where there is one:
    # a run after the first checks only what changed (8 s → 2 s).
    # (getattr: with `-p no:cacheprovider` the config has no `cache` attribute at all)
    pytest_cache = getattr(request.config, "cache", None)
    cache = pytest_cache.mkdir("mypy") if pytest_cache is not None else tmp_path / "mypy"
    result = run(sys.executable, "-m", "mypy", "--cache-dir", str(cache))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_layer_contracts_hold():
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
