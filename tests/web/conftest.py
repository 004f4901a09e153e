"""`gongkai-tui web` as a subprocess, and a narrow exception to `no_network`: loopback only."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import PRISTINE, ROOT, NetworkUsed

# the real functions, taken before `no_network` replaces them in each test
_create_connection = socket.create_connection
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?code=([A-Za-z0-9_-]+)")


def _loopback(address) -> bool:
    return isinstance(address, tuple) and len(address) >= 2 and address[0] in LOOPBACK


@pytest.fixture
def loopback_only(monkeypatch, no_network):
    """Connections to this machine's loopback address pass; everything else is still refused."""

    def create_connection(address, *args, **kwargs):
        if not _loopback(address):
            raise NetworkUsed(f"tests must not use the network: {address!r}")
        return _create_connection(address, *args, **kwargs)

    def connect(self, address):
        if not _loopback(address):
            raise NetworkUsed(f"tests must not use the network: {address!r}")
        return _connect(self, address)

    def connect_ex(self, address):
        if not _loopback(address):
            raise NetworkUsed(f"tests must not use the network: {address!r}")
        return _connect_ex(self, address)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


def free_port() -> int:
    with socket.socket() as s:  # bind() is not connect(): no_network lets it through
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebServer:
    """`gongkai-tui web` (or `web.serve`) as a subprocess; the one-time addresses it prints."""

    def __init__(self, proc: subprocess.Popen, db: Path):
        self.proc, self.db = proc, db
        self.lines: list[str] = []
        self.errors: list[str] = []
        self.addresses: list[str] = []
        self.port = None
        self._printed = threading.Condition()
        threading.Thread(target=self._read, args=(proc.stdout, self.lines, True), daemon=True).start()
        threading.Thread(target=self._read, args=(proc.stderr, self.errors, False), daemon=True).start()

    def _read(self, stream, into, look) -> None:
        for line in stream:
            into.append(line)
            m = URL.search(line) if look else None
            if m:
                with self._printed:
                    self.port = int(m.group(1))
                    self.addresses.append(m.group(0))
                    self._printed.notify_all()

    def wait(self, timeout: float = 30, count: int = 1) -> None:
        with self._printed:
            if not self._printed.wait_for(lambda: len(self.addresses) >= count, timeout):
                self.proc.kill()
                pytest.fail("gongkai-tui web printed no address:\n" + "".join(self.lines + self.errors))

    @property
    def url(self) -> str:
        """The first one-time address printed."""
        return self.addresses[0]

    @property
    def code(self) -> str:
        return URL.search(self.url).group(2)

    def new_address(self) -> str:
        """Enter in the terminal: a new one-time address."""
        count = len(self.addresses)
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        self.wait(count=count + 1)
        return self.addresses[-1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode


def start_web(db: Path, port: int, *extra: str, browser: bool = False, env: dict | None = None) -> WebServer:
    """`gongkai-tui web --unit 渝中区` (with `--no-browser` unless `browser`); Enter through `new_address`."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "PYTHONIOENCODING": "utf-8",
        "TMPDIR": str(db.parent),
        **(env or {}),
    }  # the launcher file goes beside the test's database
    options = extra if browser else ("--no-browser", *extra)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from tui.launch import run; run()",
            "web",
            *options,
            "--port",
            str(port),
            "--db",
            str(db),
            "--unit",
            "渝中区",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
        encoding="utf-8",
    )
    return WebServer(proc, db)


@pytest.fixture
def web_db(tmp_path) -> Path:
    path = tmp_path / "web.sqlite"
    shutil.copyfile(PRISTINE, path)
    return path


@pytest.fixture
def web_server(web_db, loopback_only):
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install -e '.[web]')")
    server = start_web(web_db, free_port())
    server.wait()
    time.sleep(0.2)
    yield server
    server.stop()


@pytest.fixture
def browser(loopback_only, monkeypatch):
    """Headless Chromium (selenium); skips, saying why, where it or its driver is missing
    (fails under CI: tests/needs.py)."""
    from tests.needs import missing
    from tests.web.chromium import CHROMIUM, DRIVER, skip_reason

    reason = skip_reason()
    if reason:
        missing(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must not look for drivers online
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--window-size=1280,800",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-proxy-server",
        "--lang=zh-CN",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
