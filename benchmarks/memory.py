"""Peak resident memory of the TUI with a large checklist, in a child process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

_CHILD = textwrap.dedent("""
    import asyncio, datetime as dt, resource, sys
    from pathlib import Path
    from tui.app.run import build_app

    async def main():
        app = build_app(Path(sys.argv[1]), sys.argv[2], dt.date(2099, 6, 1))
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("slash", "政", "务")
            await pilot.pause()
            await pilot.press("escape", "space", "f")
            await pilot.pause()
        app.session.store.close()

    asyncio.run(main())
    # VmHWM is this program's own peak; ru_maxrss would also count the pages of the
    # parent at fork time (it survives exec), so a big harness process inflated it.
    try:
        with open("/proc/self/status", encoding="utf-8") as status:
            print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")))
    except (OSError, StopIteration):
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""")


def peak_rss_mb(db: Path, unit: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(db), unit], capture_output=True, text=True, encoding="utf-8", check=True
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1024  # both are in KiB on Linux
