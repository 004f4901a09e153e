"""Error texts in Chinese: Python's OS and SQLite messages are English.

`os_error_text(e)` is the reason of an OSError; `chinese(message)` turns the English
pieces a message may carry (`[Errno 2] No such file or directory: 'exports'`,
`database is locked`) into Chinese, for messages built with `str(e)` further down."""

from __future__ import annotations

import errno
import re

_ERRNO_TEXT = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许这样操作",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "只读的磁盘或文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EBUSY: "文件正被占用",
    errno.EINVAL: "无效的文件名或参数",
    errno.EIO: "读写磁盘出错",
    errno.EMFILE: "打开的文件过多",
    errno.EXDEV: "不能跨磁盘移动",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.ETIMEDOUT: "操作超时",
    errno.ECONNREFUSED: "连接被拒绝",
}

# SQLite's English messages, as str(sqlite3.Error) gives them
_SQLITE_TEXT = {
    "database is locked": "数据库正被其他程序占用,请稍后再试",
    "unable to open database file": "无法打开数据库文件",
    "disk I/O error": "读写磁盘出错",
    "database or disk is full": "磁盘已满",
    "attempt to write a readonly database": "数据库是只读的",
    "file is not a database": "这不是数据库文件",
    "database disk image is malformed": "数据库文件已损坏",
}

_ERRNO_RE = re.compile(r"\[Errno (\d+)\] ([^:\n]*?)(?:: ('[^'\n]*'|\"[^\"\n]*\"))?(?=$|[\n;,,;)(])")


def os_error_text(e: OSError) -> str:
    """The reason in Chinese (Python's strerror is English): an errno without a Chinese
    text is named by its code, never in English."""
    if e.errno in _ERRNO_TEXT:
        return _ERRNO_TEXT[e.errno]
    return f"系统错误(代码 {e.errno})" if e.errno else chinese(e.strerror or str(e) or "系统错误")


def os_error_advice(e: OSError) -> str:
    """What to do about a full disk or a place that cannot be written (`;…`), else ""."""
    if e.errno == errno.ENOSPC:
        return ";请删除或移走不需要的文件、腾出磁盘空间后再试"
    if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ";请换一个能写入的位置,或检查文件和文件夹的权限"
    return ""


def errno_text(number: int, english: str) -> str:
    return _ERRNO_TEXT.get(number, english)


def chinese(message: str) -> str:
    """`message` with `[Errno N] English: 'path'` as `中文原因(path)` and SQLite's English
    messages in Chinese; any other text unchanged."""

    def one(m: re.Match) -> str:
        reason = errno_text(int(m.group(1)), m.group(2).strip())
        path = m.group(3)
        return f"{reason}({path[1:-1]})" if path else reason

    out = _ERRNO_RE.sub(one, message)
    for english, text in _SQLITE_TEXT.items():
        out = out.replace(english, text)
    return out


def error_text(e: BaseException) -> str:
    """What to show for an exception the user caused or can fix: Chinese, no `[Errno`."""
    if isinstance(e, OSError) and e.errno is not None:
        name = getattr(e, "filename", None)
        return os_error_text(e) + (f"({name})" if name else "")
    return chinese(str(e))
