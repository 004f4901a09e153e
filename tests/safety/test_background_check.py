"""The app opens a large database without waiting for the page check; it runs in a
thread, and no write happens before it passed (a damaged file is left as it was)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from tests.conftest import PRISTINE
from tui.store import Store, StoreError


def damage_a_page(path, table: str = "repairs") -> None:
    """Overwrite the root page of a table that opening the database does not read."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek(size * (page - 1))  # the b-tree page header: quick_check reads it
        f.write(b"\x0b" + b"\xff" * 400)


def test_writes_wait_for_the_check_and_succeed_on_a_sound_file(work_db):
    with Store(work_db, check_in_background=True) as store:
        assert store.set_status("渝中区", ["1.1.3-1"], "推进中") is not None
        assert store.damage_found() is None
    with Store(work_db, readonly=True) as store:
        assert store.entry("渝中区", "1.1.3-1").status == "推进中"
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"  # switched once the check passed


def test_a_damaged_file_refuses_every_write_and_stays_as_it_was(tmp_path):
    path = tmp_path / "d.sqlite"
    shutil.copyfile(PRISTINE, path)
    damage_a_page(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        store = Store(path, check_in_background=True)
    except StoreError:
        pytest.fail("opening must not wait for the page check")
    try:
        with pytest.raises(StoreError, match="损坏"):
            store.set_status("渝中区", ["1.1.3-1"], "推进中")
        assert "损坏" in (store.damage_found() or "")
    finally:
        store.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    with pytest.raises(StoreError, match="损坏"):
        Store(path)  # the ordinary open checks first


def test_pages_checked_spares_only_a_read_only_connection_the_check(tmp_path):
    """The app's workers open the file the app checked read-only with `pages_checked` (no second
    page check at each screen); a writable Store is checked all the same, and nothing is written."""
    path = tmp_path / "d.sqlite"
    shutil.copyfile(PRISTINE, path)
    damage_a_page(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with Store(path, readonly=True, pages_checked=True) as store:
        assert store.entry("渝中区", "1.1.3-1").id == "1.1.3-1"  # the damaged page is one it does not read
    with pytest.raises(StoreError, match="损坏"):
        Store(path, readonly=True)
    with pytest.raises(StoreError, match="损坏"):
        Store(path, pages_checked=True)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
