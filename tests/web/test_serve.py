"""`gongkai-tui web` over HTTP: the token, the page, the logs, Ctrl+C."""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import NetworkUsed
from tests.web.conftest import free_port, start_web


def get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8")


def test_without_the_token_every_route_is_refused(web_server):
    for path in ["/", "/?token=wrong", "/ws", "/static/js/textual.js", "/download/x"]:
        status, _headers, body = get(web_server.base + path)
        assert status == 403, path
        assert "令牌" in body
    status, _h, _b = get(web_server.base + "/", {"Cookie": "gongkai_token=wrong"})
    assert status == 403


def test_another_host_name_or_origin_is_refused_even_with_the_token(web_server):
    status, _h, _b = get(web_server.url, {"Host": f"evil.example:{web_server.port}"})
    assert status == 403
    status, _h, _b = get(web_server.url, {"Origin": "http://evil.example"})
    assert status == 403


def test_the_page_with_the_token_names_no_other_host_and_sets_the_cookie(web_server):
    status, headers, page = get(web_server.url)
    assert status == 200
    assert "textual.js" in page and "data-session-websocket-url" in page
    assert "//fonts." not in page
    hosts = re.findall(r"(?:https?|wss?)://([^/\"'\s:]+)", page)
    assert hosts and set(hosts) <= {"127.0.0.1", "localhost"}, hosts
    assert "googleapis" not in page and "//" not in re.sub(r"(?:https?|wss?)://127\.0\.0\.1:\d+", "", page)
    cookie = headers.get("Set-Cookie", "")
    assert f"gongkai_token={web_server.token}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # the cookie alone lets the page's scripts in
    status, _h, _b = get(web_server.base + "/static/js/textual.js", {"Cookie": f"gongkai_token={web_server.token}"})
    assert status == 200


def test_served_on_loopback_only(web_server):
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        pytest.skip("no /proc/net/tcp to read the listening addresses from")
    listening = set()
    for table in tables:
        if table.exists():
            for line in table.read_text(encoding="utf-8").splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, port = local.split(":")
                if state == "0A" and int(port, 16) == web_server.port:  # 0A: LISTEN
                    listening.add(address)
    assert listening == {"0100007F"}, listening  # 127.0.0.1 only, never 0.0.0.0 or ::


def test_ctrl_c_ends_cleanly_and_the_token_is_in_no_log(web_server):
    get(web_server.url)
    get(web_server.base + "/?token=nope")
    assert web_server.stop() == 0
    output = "".join(web_server.lines)
    errors = "".join(web_server.errors)
    assert "Traceback" not in output + errors
    assert output.count(web_server.token) == 1, output  # the printed address, nothing else
    assert web_server.token not in errors and "GET /" not in output + errors
    assert "已结束" in output


def test_a_busy_port_is_a_chinese_error(web_db, loopback_only):
    pytest.importorskip("textual_serve")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        server = start_web(web_db, port)
        assert server.proc.wait(30) == 2
    errors = "".join(server.errors)
    assert errors.startswith("错误:") and str(port) in errors and "Traceback" not in errors


def test_a_second_server_on_the_same_database_works(web_server, web_db):
    other = start_web(web_db, free_port())
    other.wait()
    try:
        status, _h, _b = get(other.url)
        assert status == 200 and other.token != web_server.token
    finally:
        assert other.stop() == 0


def test_loopback_only_fixture_still_refuses_the_network(loopback_only):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(NetworkUsed):
        socket.socket().connect(("93.184.216.34", 443))
