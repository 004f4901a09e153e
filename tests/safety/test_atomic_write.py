"""The one way files are replaced (tui/atomic.py): the old file stays as it was, and no
temporary file is left, when the write fails half-way; the new one appears whole."""

from __future__ import annotations

import pytest

from tui.atomic import replacing


def test_a_write_that_fails_half_way_leaves_the_old_file_and_nothing_beside_it(tmp_path):
    target = tmp_path / "清单.xlsx"
    target.write_text("旧的内容", encoding="utf-8")
    with pytest.raises(OSError), replacing(target, ".tmp.xlsx") as tmp:
        tmp.write_text("写了一半", encoding="utf-8")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "旧的内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["清单.xlsx"]


def test_an_interrupted_write_also_leaves_nothing(tmp_path):
    target = tmp_path / "settings.json"
    with pytest.raises(KeyboardInterrupt), replacing(target) as tmp:
        tmp.write_text("{", encoding="utf-8")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_a_finished_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "out.sqlite"
    target.write_bytes(b"old")
    stale = tmp_path / "stale"
    stale.write_bytes(b"from a killed run")
    with replacing(target, tmp=stale) as tmp:
        assert tmp == stale and not tmp.exists()  # a stale file of the same name is never reused
        tmp.write_bytes(b"new")
        assert target.read_bytes() == b"old"  # not before the block ends
    assert target.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["out.sqlite"]
