"""Debian's headless Chromium through chromedriver (selenium), and what the tests read from /proc."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or "")
        if p and os.path.exists(p)
    ),
    None,
)
DRIVER = next(
    (p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "") if p and os.path.exists(p)), None
)
SESSION_STORE = "gongkai-session"  # the sessionStorage item of app_index.html


def skip_reason() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if CHROMIUM is None or DRIVER is None:
        return "Chromium or chromedriver is missing (apt-get install chromium chromium-driver; .ci/run does)"
    return None


def settled(driver, timeout: float = 30) -> bytes:
    """Wait for the terminal's first bytes, then until two screenshots a second apart agree."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(
        lambda d: "-first-byte" in (d.find_element("tag name", "body").get_attribute("class") or "")
    )
    deadline = time.monotonic() + timeout
    last = driver.get_screenshot_as_png()
    while time.monotonic() < deadline:
        time.sleep(1)
        shot = driver.get_screenshot_as_png()
        if shot == last:
            return shot
        last = shot
    return last


def app_processes(db: Path) -> list[int]:
    """The pids of `python -m tui.web … --db db` (the app of one tab), from /proc."""
    return [pid for pid, argv in every_argv().items() if b"tui.web" in argv and str(db).encode() in argv]


def every_argv() -> dict[int, list[bytes]]:
    """Every process's arguments, as any local user reads them (`ps`, /proc/*/cmdline)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
    return found


def argv_holding(secret: str) -> list[int]:
    """The processes whose arguments hold `secret` (anywhere in any argument)."""
    needle = secret.encode("utf-8")
    return [pid for pid, argv in every_argv().items() if any(needle in arg for arg in argv)]
