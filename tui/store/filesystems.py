"""Is a file on a network share? SQLite's file locks do not work reliably there (SMB,
NFS, sshfs …): two programs writing at once silently corrupt the database. Writing is
refused there; reading is fine.

Linux and other systems with `/proc/mounts`: the file system type of the longest mount
point containing the file. Windows: a UNC path (`\\\\server\\share\\…`) or a drive letter
that GetDriveTypeW calls DRIVE_REMOTE (ctypes, imported on Windows only).

Also free_path: the first of a series of names (backups, kept copies) not taken yet.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

ALLOW_VAR = "GONGKAI_ALLOW_NETWORK_DB"
PROC_MOUNTS = Path("/proc/mounts")

NETWORK_FS_TYPES = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "smb2",
        "nfs",
        "nfs3",
        "nfs4",
        "sshfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ncpfs",
        "ncp",
        "davfs",
        "fuse.davfs2",
        "davfs2",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.ceph",
        "fuse.ceph-fuse",
    }
)

_DRIVE_REMOTE = 4


def _unescape(field: str) -> str:
    """`/proc/mounts` writes space, tab, newline and backslash as octal escapes (`\\040`)."""
    out, i = [], 0
    while i < len(field):
        digits = field[i + 1 : i + 4]
        if field[i] == "\\" and len(digits) == 3 and all(c in "01234567" for c in digits):
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) for each line of a `/proc/mounts` text."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((_unescape(fields[1]), fields[2]))
    return mounts


def read_mounts(source: str | Path | None = None) -> str | None:
    """The mounts table: `source` itself when it is the text, else the file it names
    (default `/proc/mounts`); None when there is none (not Linux)."""
    if isinstance(source, str) and "\n" in source:
        return source
    try:
        with open(source or PROC_MOUNTS, encoding="utf-8", errors="surrogateescape") as f:
            return f.read()
    except OSError:
        return None


def mount_type(path: Path, mounts: str | Path | None = None) -> str | None:
    """The file system type of the longest mount point containing `path`."""
    text = read_mounts(mounts)
    if text is None:
        return None
    target = str(Path(path).resolve())
    best, kind = -1, None
    for point, fstype in parse_mounts(text):
        inside = point == "/" or target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= best:  # a later line for the same point mounts over it
            best, kind = len(point), fstype
    return kind


def windows_network_kind(path: str, drive_type: Callable[[str], int] | None = None) -> str | None:
    """For a Windows path: "网络路径" for a UNC path, "网络驱动器 X:" for a mapped drive."""
    p = path.replace("/", "\\")
    if p.startswith("\\\\?\\") or p.startswith("\\\\.\\"):  # \\?\C:\… is local, \\?\UNC\… is not
        rest = p[4:]
        if rest.upper().startswith("UNC\\"):
            return "网络路径"
        p = rest
    elif p.startswith("\\\\"):
        return "网络路径"
    if len(p) >= 2 and p[1] == ":" and p[0].isalpha():
        if drive_type is None:
            drive_type = _get_drive_type
        try:
            if drive_type(f"{p[0].upper()}:\\") == _DRIVE_REMOTE:
                return f"网络驱动器 {p[0].upper()}:"
        except (OSError, AttributeError, ValueError):
            return None
    return None


def _get_drive_type(root: str) -> int:
    if sys.platform != "win32":  # ctypes.windll exists on Windows only
        raise OSError(f"{root}:盘符只在 Windows 上有")
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)


def network_kind(path: Path, mounts: str | Path | None = None, windows: bool | None = None) -> str | None:
    """What kind of network location `path` is on ("cifs", "网络路径" …), or None when local
    (or when it cannot be told)."""
    if windows if windows is not None else sys.platform == "win32":
        kind = windows_network_kind(str(path))
        if kind is None:
            try:
                kind = windows_network_kind(str(Path(path).resolve()))  # a mapped drive resolves to UNC
            except OSError:
                pass
        return kind
    fstype = mount_type(Path(path), mounts)
    if fstype is None:
        return None
    return fstype if fstype.lower() in NETWORK_FS_TYPES else None


FULL_BELOW = 1024 * 1024  # bytes free below which a disk counts as full (SQLite needs a few pages)


def disk_full(path: Path) -> bool:
    """Whether the disk holding `path` (a file or a file to be) has (almost) no room left for us.
    False when it cannot be told."""
    import shutil

    folder = Path(path).expanduser().absolute()
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return False
    return usage.total > 0 and usage.free < FULL_BELOW  # /proc and /sys have no size at all


def network_write_problem(path: Path, mounts: str | Path | None = None, windows: bool | None = None) -> str | None:
    """The message refusing to write the working database `path` on a network share, or None."""
    if os.environ.get(ALLOW_VAR) == "1":
        return None
    kind = network_kind(path, mounts, windows)
    if kind is None:
        return None
    return (
        f"数据库 {path} 在网络共享上({kind}):网络共享上的文件锁不可靠,两个程序同时写入会悄悄损坏数据库,"
        f"所以不在这里写入(查看、列出、导出不受影响),未做任何改动。"
        f"请把工作数据库放在本机磁盘上(如默认位置,或 --db 指定本机路径),"
        f"需要放一份到共享时运行 gongkai-tui backup <共享上的路径>;"
        f"确认这个共享的文件锁可靠、且同一时间只有一人写入时,可设置环境变量 {ALLOW_VAR}=1 后再写入"
    )


def free_path(make: Callable[[str], Path]) -> Path:
    """`make("")`, or `make("-2")`, `make("-3")` … : the first name not taken yet."""
    candidate, n = make(""), 2
    while candidate.exists():
        candidate, n = make(f"-{n}"), n + 1
    return candidate
