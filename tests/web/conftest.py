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
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")


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
    def __init__(self, proc: subprocess.Popen, db: Path):
        self.proc, self.db = proc, db
        self.lines: list[str] = []
        self.errors: list[str] = []
        self.url = self.port = self.token = None
        self._found = threading.Event()
        threading.Thread(target=self._read, args=(proc.stdout, self.lines, True), daemon=True).start()
        threading.Thread(target=self._read, args=(proc.stderr, self.errors, False), daemon=True).start()

    def _read(self, stream, into, look) -> None:
        for line in stream:
            into.append(line)
            m = URL.search(line) if look else None
            if m and self.url is None:
                self.url, self.port, self.token = m.group(0), int(m.group(1)), m.group(2)
                self._found.set()

    def wait(self, timeout: float = 30) -> None:
        if not self._found.wait(timeout):
            self.proc.kill()
            pytest.fail("gongkai-tui web printed no address:\n" + "".join(self.lines + self.errors))

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


def start_web(db: Path, port: int, *extra: str) -> WebServer:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from tui.launch import run; run()", "web", "--no-browser", "--port", str(port),
         "--db", str(db), "--unit", "渝中区", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, cwd=ROOT,
        text=True, encoding="utf-8")
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
