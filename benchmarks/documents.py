"""Several documents in one working database (issue #12): `list` and the app's cold start
on the newest of three documents of N checklist entries each, against one document alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .measure import median
from .synthetic import add_documents

ROOT = Path(__file__).resolve().parent.parent


def three_documents(one: Path, tmp: Path, items: int) -> Path:
    """A copy of the one-document database `one` (year 2099) with two earlier years loaded."""
    three = tmp / "three.sqlite"
    shutil.copyfile(one, three)
    return add_documents(three, [2097, 2098], items)


def list_seconds(db: Path, unit: str, repeats: int) -> float:
    """Median wall time of `gongkai-tui list --unit UNIT --json` (a new process each time)."""
    script = Path(sys.executable).parent / "gongkai-tui"
    base = [str(script)] if script.exists() else [sys.executable, "-c", "from tui.cli import run; run()"]
    env = {**os.environ, "GONGKAI_DB": str(db)}
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(
            base + ["list", "--unit", unit, "--json"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
        samples.append(time.perf_counter() - start)
    return median(samples)
