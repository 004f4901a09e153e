"""A working database on a network share: SQLite's locks do not work there, two writers
corrupt the file silently. Writing is refused (reading is fine), with a message that
says why and what to do; GONGKAI_ALLOW_NETWORK_DB=1 overrides.

The share is simulated: a fake `/proc/mounts` naming tmp_path as a cifs mount."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.store import filesystems
from tui.store.filesystems import mount_type, network_kind, network_write_problem, parse_mounts, windows_network_kind

from .conftest import UNIT, assert_user_error, invoke, ok, snapshot

LOCAL = """\
proc /proc proc rw,relatime 0 0
/dev/vda / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def mounts_with(point: Path, fstype: str, source: str = "//server/share") -> str:
    escaped = str(point).replace("\\", "\\134").replace(" ", "\\040")
    return LOCAL + f"{source} {escaped} {fstype} rw,relatime 0 0\n"


@pytest.mark.parametrize(
    "fstype",
    [
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "fuse.sshfs",
        "9p",
        "afs",
        "ncpfs",
        "fuse.davfs2",
        "davfs",
        "glusterfs",
        "ceph",
    ],
)
def test_network_file_system_types(tmp_path, fstype):
    mounts = mounts_with(tmp_path, fstype)
    assert mount_type(tmp_path / "tasks.sqlite", mounts) == fstype
    assert network_kind(tmp_path / "tasks.sqlite", mounts, windows=False) == fstype


def test_the_longest_mount_point_wins(tmp_path):
    share = tmp_path / "共享 目录"
    share.mkdir()
    local_inside = share / "local"
    local_inside.mkdir()
    mounts = mounts_with(share, "cifs") + f"/dev/sdb {str(local_inside).replace(' ', chr(92) + '040')} ext4 rw 0 0\n"
    assert ("/tmp", "tmpfs") in parse_mounts(mounts)
    assert network_kind(share / "a.sqlite", mounts, windows=False) == "cifs"  # the space unescaped
    assert network_kind(local_inside / "a.sqlite", mounts, windows=False) is None
    assert network_kind(tmp_path / "a.sqlite", mounts, windows=False) is None
    assert network_kind(Path(str(share) + "x") / "a.sqlite", mounts, windows=False) is None  # a prefix is no parent
    mounts_file = tmp_path / "mounts"
    mounts_file.write_text(mounts, encoding="utf-8")
    assert network_kind(share / "a.sqlite", mounts_file, windows=False) == "cifs"  # the table as a path


def test_windows_paths():
    assert windows_network_kind(r"\\server\share\tasks.sqlite") == "网络路径"
    assert windows_network_kind("//server/share/tasks.sqlite") == "网络路径"
    assert windows_network_kind(r"\\?\UNC\server\share\tasks.sqlite") == "网络路径"
    remote = {"Z": 4, "C": 3}
    drive = lambda root: remote[root[0]]  # noqa: E731  GetDriveTypeW, faked
    assert windows_network_kind(r"Z:\数据\tasks.sqlite", drive) == "网络驱动器 Z:"
    assert windows_network_kind(r"c:\Users\科员\tasks.sqlite", drive) is None
    assert windows_network_kind(r"\\?\C:\Users\tasks.sqlite", drive) is None
    assert network_kind(Path("relative.sqlite"), LOCAL, windows=False) is None


@pytest.fixture
def on_a_share(tmp_path, monkeypatch):
    mounts = tmp_path / "fake-mounts"
    mounts.write_text(mounts_with(tmp_path, "cifs"), encoding="utf-8")
    monkeypatch.setattr(filesystems, "PROC_MOUNTS", mounts)
    monkeypatch.delenv(filesystems.ALLOW_VAR, raising=False)


def test_writing_on_a_share_is_refused_reading_is_fine(work_db, tmp_path, on_a_share, user, monkeypatch):
    before, data = snapshot(work_db), work_db.read_bytes()
    message = assert_user_error(
        invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db),
        "网络共享",
        "cifs",
        "文件锁",
        "损坏",
        "gongkai-tui backup",
        "GONGKAI_ALLOW_NETWORK_DB=1",
        "未做任何改动",
    )
    assert str(work_db) in message
    saved = tmp_path / "saved.sqlite"
    ok(invoke("backup", saved, "--db", work_db))  # reading, and a backup onto the share: fine
    assert_user_error(invoke("restore", saved, "--db", work_db), "网络共享")
    monkeypatch.setenv("GONGKAI_DB", str(tmp_path / "new.sqlite"))  # the default place, created on first use …
    assert_user_error(invoke("list", "--unit", UNIT), "网络共享")  # … but not on a share
    assert not (tmp_path / "new.sqlite").exists()
    ok(invoke("list", "--unit", UNIT, "--db", work_db))
    assert work_db.read_bytes() == data and snapshot(work_db) == before

    monkeypatch.setenv(filesystems.ALLOW_VAR, "1")  # for whoever knows the share locks properly
    ok(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db))


def test_a_local_database_is_not_refused(work_db):
    assert network_write_problem(work_db, LOCAL, windows=False) is None
    assert network_write_problem(work_db) is None  # this machine's real mounts
