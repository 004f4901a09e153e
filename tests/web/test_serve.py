"""`gongkai-tui web` over HTTP: one-time codes, the cookie, the session key, the page, the logs, Ctrl+C."""

from __future__ import annotations

import re
import socket
import time
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


def cookie_of(headers: dict) -> str:
    """`name=value` of the Set-Cookie header."""
    return headers.get("Set-Cookie", "").split(";", 1)[0]


def session_key(page: str) -> str:
    return re.search(r'data-session="([^"]*)"', page).group(1)


def websocket(base: str, cookie: str = "", protocol: str | None = None, path: str = "/ws") -> int:
    """The status of a websocket handshake on /ws (101: the app starts; the socket is then closed)."""
    port = int(base.rsplit(":", 1)[1])
    lines = [
        f"GET {path}?width=80&height=24 HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    if protocol is not None:
        lines.append(f"Sec-WebSocket-Protocol: {protocol}")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
        status_line = s.makefile("rb").readline().decode("latin-1")
    return int(status_line.split()[1])


def test_without_a_code_or_the_cookie_every_route_is_refused_in_chinese(web_server):
    for path in ["/", "/?token=x", "/ws", "/static/js/textual.js", "/download/x"]:
        status, headers, body = get(web_server.base + path)
        assert status == 403, path
        assert "一次性地址" in body and "<title>禁止访问" in body and headers["Content-Type"].startswith("text/html")
    status, _h, _b = get(web_server.base + "/", {"Cookie": f"gongkai_{web_server.port}=wrong"})
    assert status == 403


def test_a_code_opens_the_page_once(web_server):
    status, headers, page = get(web_server.url)
    assert status == 200 and len(session_key(page)) >= 40
    for _ in range(2):
        status, headers, page = get(web_server.url)
        assert status == 403 and "Set-Cookie" not in headers
        assert "已经用过、已过期或不正确" in page and "按回车" in page
    status, _h, page = get(web_server.base + "/?code=" + "A" * 32)
    assert status == 403 and "已经用过、已过期或不正确" in page


def test_enter_in_the_terminal_gives_a_new_address(web_server):
    assert get(web_server.url)[0] == 200
    fresh = web_server.new_address()
    assert fresh != web_server.url
    status, _h, page = get(fresh)
    assert status == 200 and session_key(page)
    assert get(fresh)[0] == 403


def test_another_host_name_or_origin_is_refused_and_the_code_kept(web_server):
    status, _h, _b = get(web_server.url, {"Host": f"evil.example:{web_server.port}"})
    assert status == 403
    for origin in ("http://evil.example", "http://127.0.0.1:1", "null"):
        status, _h, _b = get(web_server.url, {"Origin": origin})
        assert status == 403, origin
    assert get(web_server.url)[0] == 200  # refused before the code was looked at


def test_the_page_has_the_tab_title_names_no_other_host_and_sets_a_cookie_for_its_port(web_server):
    status, headers, page = get(web_server.url)
    assert status == 200
    assert "<title>渝中区 — 政务公开任务清单</title>" in page
    assert "textual.js" in page and "data-session-websocket-url" in page
    assert "//fonts." not in page
    hosts = re.findall(r"(?:https?|wss?)://([^/\"'\s:]+)", page)
    assert hosts and set(hosts) <= {"127.0.0.1", "localhost"}, hosts
    assert "googleapis" not in page and "//" not in re.sub(r"(?:https?|wss?)://127\.0\.0\.1:\d+", "", page)
    cookie = headers.get("Set-Cookie", "")
    name, value = cookie_of(headers).split("=", 1)
    assert name == f"gongkai_{web_server.port}" and len(value) >= 40
    assert value not in (web_server.code, session_key(page))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    # the cookie alone lets the page's scripts in
    status, _h, _b = get(web_server.base + "/static/js/textual.js", {"Cookie": cookie_of(headers)})
    assert status == 200


def test_the_app_wants_the_session_key_and_the_cookie_alone_gives_none(web_server):
    """What a server on another port of 127.0.0.1 learns: the cookie. Replayed, it opens the page
    without a session key, and no websocket; the key from the page does."""
    _s, headers, page = get(web_server.url)
    cookie, key = cookie_of(headers), session_key(page)
    value = cookie.split("=", 1)[1]
    status, _h, replayed = get(web_server.base + "/", {"Cookie": cookie})
    assert status == 200 and session_key(replayed) == "" and key not in replayed
    assert websocket(web_server.base, cookie) == 403
    assert websocket(web_server.base, cookie, path="/%77s") == 403  # the same route, spelled otherwise
    for guess in (f"gongkai.{value}", value, f"gongkai.{key}x", "gongkai."):
        assert websocket(web_server.base, cookie, guess) == 403, guess
    assert websocket(web_server.base, "", f"gongkai.{key}") == 403  # the key wants the cookie too
    assert websocket(web_server.base, cookie, f"gongkai.{key}") == 101


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


def test_ctrl_c_ends_cleanly_and_no_secret_is_in_any_log(web_server):
    _s, headers, page = get(web_server.url)
    get(web_server.base + "/?code=nope")
    secrets = [web_server.code, cookie_of(headers).split("=", 1)[1], session_key(page)]
    assert web_server.stop() == 0
    output = "".join(web_server.lines)
    errors = "".join(web_server.errors)
    assert "Traceback" not in output + errors
    assert output.count(web_server.code) == 1, output  # the printed address, nothing else
    assert not any(s in output + errors for s in secrets[1:])
    assert web_server.code not in errors and "GET /" not in output + errors
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
        status, headers, _b = get(other.url)
        assert status == 200 and other.code != web_server.code
        assert cookie_of(headers).startswith(f"gongkai_{other.port}=")  # not the first server's cookie
    finally:
        assert other.stop() == 0


def test_loopback_only_fixture_still_refuses_the_network(loopback_only):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(NetworkUsed):
        socket.socket().connect(("93.184.216.34", 443))


def _app_ends(db: Path, seconds: float = 15) -> bool:
    """Whether no app process of `db` is left within `seconds` (a bound, not a measure)."""
    from tests.web.chromium import app_processes

    deadline = time.monotonic() + seconds
    while app_processes(db) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not app_processes(db)


def _tab_opened_and_closed_at_once(server) -> None:
    _s, headers, page = get(server.url)
    assert websocket(server.base, cookie_of(headers), f"gongkai.{session_key(page)}") == 101


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="app processes are found in /proc")
def test_a_tab_closed_while_its_app_starts_ends_with_ctrl_c(web_server):
    """The tab's app is still starting when its socket closes and Ctrl+C comes: the server
    ends by itself (it was killed after 20 s before) and leaves no app holding the database."""
    _tab_opened_and_closed_at_once(web_server)
    assert web_server.stop() == 0  # -9: it did not end and was killed
    assert "Traceback" not in "".join(web_server.lines + web_server.errors)
    assert _app_ends(web_server.db)
