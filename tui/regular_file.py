"""Read a file we were handed, safely: the first step of the safety gate of `ooxml.py` (its
docstring tells the whole gate), and of every reader that reads a file whole.

`stat` first (a FIFO would block `open`), open without blocking, `fstat` the open file (it may
have been swapped for another kind since), read at most the limit; each refusal a `Refused`
in Chinese naming what the path really is."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors_text import os_error_text
from .ooxml import MAX_FILE_BYTES, MB, Refused, size_text

_NOT_REGULAR = (
    (stat.S_ISDIR, "是一个文件夹,不是工作簿文件"),
    (stat.S_ISFIFO, "是命名管道(FIFO),不是普通文件,未读取"),
    (stat.S_ISCHR, "是设备文件,不是普通文件,未读取"),
    (stat.S_ISBLK, "是设备文件,不是普通文件,未读取"),
    (stat.S_ISSOCK, "是套接字,不是普通文件,未读取"),
)


def _regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    for test, message in _NOT_REGULAR:
        if test(mode):
            raise Refused(message)
    raise Refused("不是普通文件,未读取")


def read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, if it is a regular file of at most `limit` bytes. A larger file is
    refused with its real size, before any of it is read."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise Refused("文件不存在") from None
    except OSError as e:
        raise Refused(f"无法读取:{os_error_text(e)}") from None
    _regular(st.st_mode)  # before open(): opening a FIFO blocks until someone writes to it
    if st.st_size > limit:
        raise Refused(f"文件有 {size_text(st.st_size)},超过 {limit // MB} MB 的上限,未读取")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Refused("文件不存在") from None
    except OSError as e:
        raise Refused(f"无法读取:{os_error_text(e)}") from None
    with os.fdopen(fd, "rb") as f:  # bytes: no text encoding involved
        st = os.fstat(f.fileno())
        _regular(st.st_mode)  # replaced between stat and open?
        if st.st_size > limit:
            raise Refused(f"文件有 {size_text(st.st_size)},超过 {limit // MB} MB 的上限,未读取")
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise Refused(f"无法读取:{os_error_text(e)}") from None
    if len(data) > limit:  # grew while we read it
        raise Refused(f"文件超过 {limit // MB} MB 的上限,未读取")
    return data
