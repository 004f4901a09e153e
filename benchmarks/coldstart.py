"""Cold start to first painted screen, as a person sees it: the app runs in a
fixed-size tmux pane and we poll capture-pane until checklist text shows."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 36)


def _command(args: list[str]) -> str:
    import shlex

    return " ".join(shlex.quote(a) for a in args)


def new_session(name: str, command: str, size: tuple[int, int] = SIZE) -> None:
    """Start a detached tmux session; retried, because a server that is shutting down
    (the last session of another run just ended) refuses new sessions for a moment."""
    args = ["tmux", "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), command]
    for attempt in range(10):
        if subprocess.run(args, cwd=ROOT, capture_output=True).returncode == 0:
            return
        time.sleep(0.1 * (attempt + 1))
    subprocess.run(args, cwd=ROOT, check=True)


def time_to_text(args: list[str], marker: str, timeout: float = 30.0) -> float:
    """Seconds from starting `args` in a new tmux pane until `marker` is on screen."""
    session = f"bench-{uuid.uuid4().hex[:8]}"
    start = time.perf_counter()
    new_session(session, _command(args))
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, encoding="utf-8"
            ).stdout
            if marker in screen:
                return time.perf_counter() - start
            time.sleep(0.01)
        raise TimeoutError(f"{marker!r} did not show within {timeout} s")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def app_command(db: Path, unit: str) -> list[str]:
    script = Path(sys.executable).parent / "gongkai-tui"
    base = [str(script)] if script.exists() else [sys.executable, "-c", "from tui.cli import run; run()"]
    return base + ["--db", str(db), "--unit", unit, "--as-of", "2021-08-01"]


def baseline_command() -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "baseline_app.py")]


def available() -> str | None:
    return None if shutil.which("tmux") else "tmux 未安装"


def byte_compile() -> None:
    """Write the app's .pyc files, as installing it does. The baseline's Textual comes
    byte-compiled from its install; run from a checkout under PYTHONDONTWRITEBYTECODE
    (set on this machine) the app would otherwise compile its sources on every start."""
    import compileall

    compileall.compile_dir(ROOT / "tui", quiet=2)


def compare(db: Path, unit: str, marker: str, repeats: int) -> tuple[float, float]:
    """Median seconds (app, baseline), runs interleaved so both see the same machine."""
    byte_compile()
    app_times, base_times = [], []
    # A session that outlives the measured ones keeps the tmux server up between runs
    # (a new session racing a server that is shutting down fails).
    keeper = f"bench-keeper-{uuid.uuid4().hex[:8]}"
    new_session(keeper, "sleep 3600")
    try:
        for _ in range(repeats):
            base_times.append(time_to_text(baseline_command(), "1.1.1-1"))
            app_times.append(time_to_text(app_command(db, unit), marker))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True)
    app_times.sort()
    base_times.sort()
    return app_times[len(app_times) // 2], base_times[len(base_times) // 2]
