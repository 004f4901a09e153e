"""Shared fixtures. Tests never touch the network and never write outside tmp_path."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "yufubanfa-2021-50.txt"
PRISTINE = ROOT / "data" / "tasks.sqlite"


class NetworkUsed(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a socket other than a local socketpair fails the test."""

    def refuse(*args, **kwargs):
        raise NetworkUsed("tests must not use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path):
    """No test may fall back to the user's real data directory."""
    monkeypatch.setenv("GONGKAI_DB", str(tmp_path / "env-default.sqlite"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="session", autouse=True)
def pristine_untouched():
    """No test may write to the committed database (tests work on copies)."""
    import hashlib

    before = hashlib.sha256(PRISTINE.read_bytes()).hexdigest()
    yield
    assert hashlib.sha256(PRISTINE.read_bytes()).hexdigest() == before, "a test wrote to data/tasks.sqlite"
    for suffix in ("-wal", "-shm", "-journal"):
        assert not PRISTINE.with_name(PRISTINE.name + suffix).exists(), "a test opened data/tasks.sqlite for writing"


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def work_db(tmp_path) -> Path:
    """A private working copy of the pristine database."""
    path = tmp_path / "work.sqlite"
    shutil.copyfile(PRISTINE, path)
    return path
