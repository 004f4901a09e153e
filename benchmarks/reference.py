"""A Textual app users know (dooit, from PyPI, in its own venv), started the same way,
for reference. Installed on first use into a cache folder; skipped when it cannot be."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import coldstart

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "gongkai-tui-bench"
MARKER = "Workspaces"  # dooit's first screen


def dooit_command() -> tuple[list[str] | None, str]:
    """(command, '') when dooit is installed or could be installed here, else (None, why)."""
    venv = CACHE / "dooit-venv"
    exe = venv / ("Scripts" if os.name == "nt" else "bin") / "dooit"
    if not exe.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
            pip = venv / ("Scripts" if os.name == "nt" else "bin") / "pip"
            subprocess.run([str(pip), "install", "-q", "dooit"], check=True, capture_output=True, timeout=300)
        except (subprocess.SubprocessError, OSError) as e:
            return None, f"dooit 无法安装:{type(e).__name__}"
    home = Path(tempfile.mkdtemp(prefix="dooit-home-"))
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share")}
    return ["env", *(f"{k}={v}" for k, v in env.items()), str(exe)], ""


def compare(repeats: int) -> tuple[float, float] | str:
    """(dooit median seconds, baseline median seconds), or why it was not measured."""
    command, why = dooit_command()
    if command is None:
        return why
    times, base = [], []
    for _ in range(repeats):
        base.append(coldstart.time_to_text(coldstart.baseline_command(), "1.1.1-1"))
        times.append(coldstart.time_to_text(command, MARKER))
    times.sort()
    base.sort()
    return times[len(times) // 2], base[len(base) // 2]
