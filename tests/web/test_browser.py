"""The app driven in a real browser: Debian's headless Chromium and chromedriver (selenium).

Skips, saying why, only where Chromium or its driver is not installed (`.ci/run` installs
both when it can)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.needs import missing
from tests.web.chromium import CHROMIUM, DRIVER, app_processes, settled, skip_reason
from tui.store import Store

URL_EVIDENCE = "https://www.cqyz.gov.cn/test"


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the app processes from /proc")
def test_mark_done_with_evidence_in_the_browser(web_server, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(web_server.url)
    first = settled(browser)
    (tmp_path / "web-first-screen.png").write_bytes(first)
    if os.environ.get("GONGKAI_WEB_SCREENSHOT"):  # refresh the README's picture
        shutil.copyfile(tmp_path / "web-first-screen.png", os.environ["GONGKAI_WEB_SCREENSHOT"])

    terminal = browser.find_element("css selector", ".xterm-helper-textarea")
    ActionChains(browser).send_keys_to_element(terminal, "d").perform()
    time.sleep(1.5)  # the evidence prompt opens
    ActionChains(browser).send_keys_to_element(terminal, URL_EVIDENCE).perform()
    time.sleep(0.5)
    ActionChains(browser).send_keys_to_element(terminal, Keys.ENTER).perform()

    deadline = time.monotonic() + 30
    done = {}
    while time.monotonic() < deadline and not done:
        time.sleep(0.5)
        store = Store(web_server.db, readonly=True)
        try:
            done = {
                item: records
                for item, records in store.evidence_map("渝中区").items()
                if any(URL_EVIDENCE in str(r.values()) for r in records)
            }
        finally:
            store.close()
    (tmp_path / "web-after.png").write_bytes(browser.get_screenshot_as_png())
    assert len(done) == 1, f"no item got the evidence; screenshots in {tmp_path}"
    (item,) = done
    store = Store(web_server.db, readonly=True)
    try:
        entry = store.entry("渝中区", item)
    finally:
        store.close()
    assert entry.status == "已完成", entry
    assert entry.evidence_count == 1 and URL_EVIDENCE in str(done[item][0].values())

    assert app_processes(web_server.db), "no app process found for the open tab"
    browser.get("about:blank")  # leaving the page (closing the tab) ends that app's process
    deadline = time.monotonic() + 15
    while app_processes(web_server.db) and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not app_processes(web_server.db)
    assert web_server.proc.poll() is None  # the server itself stays up


def test_an_offered_export_is_downloaded_by_the_browser(loopback_only, tmp_path, monkeypatch):
    """offer_download under textual-serve: the browser gets the file through /download (the cookie and its key)."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.web.conftest import WebServer, free_port
    from tui import web

    reason = skip_reason()
    if reason:
        missing(reason)
    pytest.importorskip("textual_serve")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    out = tmp_path / "导出" / "渝中区任务清单.xlsx"
    out.parent.mkdir()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    command = web.shell_join([sys.executable, str(ROOT / "tests" / "web" / "deliver_app.py"), str(out)])
    script = (
        "import sys; from tui import web; "
        "web.serve(sys.argv[1], int(sys.argv[2]), on_ready=lambda access: print(access.address(), flush=True))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, command, str(free_port())],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
        encoding="utf-8",
    )
    server = WebServer(proc, out)
    server.wait()
    monkeypatch.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-popup-blocking",
        "--no-proxy-server",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        driver.get(server.url)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not list(downloads.glob("*.xlsx")):
            time.sleep(0.5)
        got = list(downloads.glob("*.xlsx"))
        assert (Path(str(out) + ".offered")).read_text(encoding="utf-8") == "True"
        assert got, f"nothing downloaded: {list(downloads.iterdir())}"
        assert got[0].read_bytes() == out.read_bytes()
    finally:
        driver.quit()
        server.stop()


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the app processes from /proc")
def test_ctrl_c_with_a_tab_open_ends_its_app_too(web_server, browser):
    browser.get(web_server.url)
    settled(browser)
    assert app_processes(web_server.db)
    assert web_server.stop() == 0
    assert "Traceback" not in "".join(web_server.lines + web_server.errors)
    deadline = time.monotonic() + 10
    while app_processes(web_server.db) and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not app_processes(web_server.db)
