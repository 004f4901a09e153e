"""What another local user could do against `gongkai-tui web`, tried in headless Chromium: read
every process's arguments, replay a spent one-time code, run a server on another 127.0.0.1 port
and take what the browser sends it (see tui/web_access.py for the design)."""

from __future__ import annotations

import json
import re
import shlex
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.web.chromium import SESSION_STORE, app_processes, argv_holding, every_argv, settled
from tests.web.conftest import free_port, start_web
from tests.web.test_serve import get, session_key, websocket

pytestmark = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads arguments from /proc")
FAKE_BROWSER = Path(__file__).with_name("fake_browser.py")
TITLE = "渝中区 — 政务公开任务清单"


def wait_for(predicate, timeout: float = 30, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"waited {timeout} s for {what}")


def our_cookie(driver, port: int) -> str:
    (cookie,) = [c["value"] for c in driver.get_cookies() if c["name"] == f"gongkai_{port}"]
    return cookie


def test_the_browser_is_started_on_a_private_launcher_and_no_argv_holds_a_secret(web_db, browser, tmp_path):
    record = tmp_path / "browser.json"
    env = {
        "BROWSER": f"{shlex.quote(sys.executable)} {shlex.quote(str(FAKE_BROWSER))} %s",
        "GONGKAI_FAKE_BROWSER": str(record),
    }
    server = start_web(web_db, free_port(), browser=True, env=env)
    try:
        server.wait()
        started = json.loads(
            wait_for(lambda: record.exists() and record.read_text(encoding="utf-8"), what="the browser to start")
        )
        (uri,) = started["argv"][1:]
        launcher = Path(urllib.parse.unquote(urllib.parse.urlsplit(uri).path))
        assert uri.startswith("file://") and launcher.parent.parent == tmp_path  # $TMPDIR
        code = re.search(r"\?code=([A-Za-z0-9_-]+)", launcher.read_text(encoding="utf-8")).group(1)
        assert code != server.code  # the terminal's address has its own
        browser_argv = Path(f"/proc/{started['pid']}/cmdline").read_bytes()
        assert uri.encode() in browser_argv.split(b"\0")  # read while the browser runs, as `ps` shows it
        assert argv_holding(uri) == [started["pid"]]  # the scan sees what `ps` shows
        for secret in (code, server.code):
            assert argv_holding(secret) == [], secret

        browser.get(uri)  # what the real browser does with its argument
        settled(browser)
        assert browser.title == TITLE
        assert browser.current_url == f"{server.base}/"  # the spent code is out of the address bar
        assert not launcher.exists()
        status, _h, page = get(f"{server.base}/?code={code}")
        assert status == 403 and "已经用过" in page

        key = browser.execute_script(f"return sessionStorage.getItem('{SESSION_STORE}')")
        cookie = our_cookie(browser, server.port)
        assert key and cookie and app_processes(web_db)  # the tab's app runs: its argv is read too
        for secret in (code, server.code, key, cookie):
            assert argv_holding(secret) == [], secret

        browser.refresh()  # a page reached from the launcher (another site) still reloads
        settled(browser)
        assert "-no-session" not in browser.find_element("tag name", "body").get_attribute("class")
        assert len(app_processes(web_db)) >= 1
    finally:
        Path(str(record) + ".stop").touch()
        server.stop()
    assert not launcher.parent.exists()  # the launcher's folder ends with the server
    assert every_argv()  # /proc was readable: the checks above looked at something


class Recorder(BaseHTTPRequestHandler):
    """Another local user's server: it keeps every request's headers and answers with a page."""

    seen: list[dict] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.seen.append(dict(self.headers))
        body = "<!DOCTYPE html><html><head><title>别人的服务</title></head><body>别人的服务</body></html>"
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def other_server():
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(10)


def test_what_another_local_port_receives_opens_no_session(web_server, browser, other_server):
    browser.get(web_server.url)
    settled(browser)
    assert browser.title == TITLE
    key = browser.execute_script(f"return sessionStorage.getItem('{SESSION_STORE}')")
    assert key

    browser.get(f"http://127.0.0.1:{other_server.server_address[1]}/")  # the same tab, another port
    assert browser.title == "别人的服务"
    assert browser.execute_script("return sessionStorage.length") == 0  # the key stays with our port
    received = "\n".join(f"{k}: {v}" for h in Recorder.seen for k, v in h.items())
    assert key not in received and web_server.code not in received
    # cookies are not scoped by port: the browser sends ours there (the defect) ...
    cookies = "; ".join(h["Cookie"] for h in Recorder.seen if "Cookie" in h)
    assert f"gongkai_{web_server.port}=" in cookies
    # ... and replayed against us, it gets no session key and no app
    status, _h, page = get(f"{web_server.base}/", {"Cookie": cookies})
    assert status == 200 and session_key(page) == "" and key not in page
    assert websocket(web_server.base, cookies) == 403
    for pair in cookies.split("; "):
        assert websocket(web_server.base, cookies, "gongkai." + pair.split("=", 1)[1]) == 403

    browser.get(f"{web_server.base}/")  # back in our tab: the key from sessionStorage still opens it
    settled(browser)
    assert "-no-session" not in browser.find_element("tag name", "body").get_attribute("class")


def test_a_new_tab_without_a_code_says_what_to_do(web_server, browser):
    browser.get(web_server.url)
    settled(browser)
    browser.switch_to.new_window("tab")  # the cookie is there, the session key is not
    browser.get(f"{web_server.base}/")
    body = browser.find_element("tag name", "body")
    assert "-no-session" in body.get_attribute("class")
    assert "按回车" in body.text and browser.title == TITLE
