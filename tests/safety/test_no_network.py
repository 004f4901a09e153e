"""No network (issue point 9): the autouse fixture `no_network` in tests/conftest.py makes
every attempt to open a connection fail, for the whole test suite, in-process.

Without the fixture these calls would try to connect (and, on a machine with a network,
could succeed): each `pytest.raises` below would fail.
"""

from __future__ import annotations

import socket
import urllib.request

import pytest

from tests.conftest import NetworkUsed

from .conftest import UNIT, invoke, ok


def test_create_connection_is_refused():
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    with pytest.raises(NetworkUsed):
        socket.create_connection(("www.cq.gov.cn", 443), timeout=0.1)


@pytest.mark.parametrize(
    "family, address",
    [(socket.AF_INET, ("127.0.0.1", 9)), (socket.AF_INET6, ("::1", 9)), (socket.AF_INET, ("93.184.216.34", 80))],
)
def test_socket_connect_is_refused(family, address):
    with socket.socket(family, socket.SOCK_STREAM) as s:
        with pytest.raises(NetworkUsed):
            s.connect(address)
        with pytest.raises(NetworkUsed):
            s.connect_ex(address)


def test_udp_connect_is_refused():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        with pytest.raises(NetworkUsed):
            s.connect(("8.8.8.8", 53))


def test_libraries_cannot_reach_out():
    with pytest.raises(NetworkUsed):
        urllib.request.urlopen("http://www.cq.gov.cn/", timeout=0.1)


def test_local_socketpair_still_works():
    """asyncio (and so Textual's Pilot tests) needs a socketpair; it is not network."""
    a, b = socket.socketpair()
    with a, b:
        a.sendall("政务公开".encode("utf-8"))
        assert b.recv(64).decode("utf-8") == "政务公开"


def test_the_fixture_is_active_while_the_cli_runs(work_db):
    ok(invoke("list", "--unit", UNIT, "--db", work_db))
    assert socket.create_connection.__name__ == "refuse"
    assert socket.socket.connect.__name__ == "refuse"
