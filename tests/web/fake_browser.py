"""A stand-in for the default browser ($BROWSER in tests/web/test_browser_access.py): it writes
its pid and arguments to $GONGKAI_FAKE_BROWSER and stays alive, so that the test can read its
/proc/PID/cmdline as another user would, until `$GONGKAI_FAKE_BROWSER.stop` appears (60 s at most)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    record = Path(os.environ["GONGKAI_FAKE_BROWSER"])
    stop = Path(str(record) + ".stop")
    record.write_text(json.dumps({"pid": os.getpid(), "argv": sys.argv}), encoding="utf-8")
    deadline = time.monotonic() + 60
    while not stop.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    sys.exit(0)  # 0: webbrowser tries no other browser
