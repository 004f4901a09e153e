"""tui.web_access without a server: one-time codes, session keys, the cookie, the launcher file."""

from __future__ import annotations

import os
import stat
import tempfile

import pytest

from tui.web_access import CODE_PARAM, CODE_SECONDS, PROTOCOL_PREFIX, Access


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def access(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the launcher's folder
    a = Access(8421, clock=Clock())
    yield a
    a.close()


def test_a_code_is_spent_by_its_first_use(access):
    code = access.new_code()
    key = access.redeem(code)
    assert key and len(key) >= 40
    assert access.redeem(code) is None
    assert access.redeem("") is None and access.redeem("guess") is None


def test_a_code_expires_unused(access):
    code, later = access.new_code(), access.new_code()
    access._clock.now += CODE_SECONDS - 1
    assert access.redeem(later) is not None  # still inside its time
    access._clock.now += 1
    assert access.redeem(code) is None


def test_each_redeemed_code_is_its_own_session_key_and_only_that_opens_the_websocket(access):
    a, b = access.redeem(access.new_code()), access.redeem(access.new_code())
    assert a != b
    assert access.protocol_ok(f"{PROTOCOL_PREFIX}{a}") == f"{PROTOCOL_PREFIX}{a}"
    assert access.protocol_ok(f"chat, {PROTOCOL_PREFIX}{b}") == f"{PROTOCOL_PREFIX}{b}"
    for refused in (
        None,
        "",
        a,
        f"{PROTOCOL_PREFIX}",
        f"{PROTOCOL_PREFIX}{a}x",
        f"{PROTOCOL_PREFIX}{access.cookie_value}",
    ):
        assert access.protocol_ok(refused) is None, refused


def test_the_cookie_is_named_for_the_port_and_random_per_server(access):
    other = Access(8422)
    assert access.cookie_name == "gongkai_8421" and other.cookie_name == "gongkai_8422"
    assert access.cookie_value != other.cookie_value and len(access.cookie_value) >= 40
    assert access.cookie_ok(access.cookie_value)
    assert not access.cookie_ok(other.cookie_value) and not access.cookie_ok("") and not access.cookie_ok(None)


def test_the_address_carries_a_new_code_and_nothing_else(access):
    first, second = access.address(), access.address()
    assert first.startswith(f"http://127.0.0.1:8421/?{CODE_PARAM}=") and first != second
    assert access.cookie_value not in first
    assert access.redeem(first.split("=", 1)[1]) is not None


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_launcher_file_is_private_and_gone_once_used_expired_or_ended(access, tmp_path):
    used, expired, left = access.launcher(), access.launcher(), access.launcher()
    assert stat.S_IMODE(used.stat().st_mode) == 0o600
    assert stat.S_IMODE(used.parent.stat().st_mode) == 0o700
    page = used.read_text(encoding="utf-8")
    code = page.split(f"?{CODE_PARAM}=", 1)[1].split('"', 1)[0]
    assert 'http-equiv="refresh"' in page and code not in str(used)  # its name holds no code
    assert access.redeem(code) is not None
    assert not used.exists() and expired.exists()
    access._clock.now += CODE_SECONDS
    access.new_code()  # any use of the codes forgets the expired ones
    assert not expired.exists() and not left.exists()
    folder = used.parent
    assert folder.parent == tmp_path
    access.close()
    assert not folder.exists()
