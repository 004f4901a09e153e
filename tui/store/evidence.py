"""佐证材料: validating a URL or file path, and fingerprinting files."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..errors_text import os_error_text
from .errors import InputError
from .evidence_text import is_foreign_path, pasted_path

MAX_URL = 2048
_BAD_CHARS = {chr(c) for c in range(32)} | {"\x7f"}
# Invisible characters that change the order text is shown in: `https://x.example/\u202egpj.exe`
# shows as `…exe.jpg`. No real link or file name needs them; in evidence they only mislead.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))

# From this size a file is not hashed: only its size and the time it was added are kept
# (file_state then compares the size). Reading is what costs — about 3 s a gigabyte from a
# laptop's disk, far more from a network share or USB stick — and evidence this large is
# a video or a scanned archive, which is replaced, not edited in place, so a change of
# size shows it; a fingerprint would make every `d`, `done` and check wait for seconds.
HASH_LIMIT = 1 << 30
HASH_LIMIT_TEXT = "1 GB"
CHUNK = 1 << 20  # read and hashed a megabyte at a time


def bidi_problem(value: str, what: str = "网址") -> str | None:
    """Why `value` is refused for holding a bidi control (naming where), else None."""
    for i, c in enumerate(value, 1):
        if c in BIDI_CONTROLS:
            return (
                f"{what}第 {i} 个字符是看不见的文字方向控制符 U+{ord(c):04X},会让{what}显示得与实际不同"
                "(如把 …gpj.exe 显示成 …exe.jpg),请删去后重新粘贴"
            )
    return None


def check_url(value: str) -> str | None:
    """None when the URL is acceptable evidence, else the reason in Chinese."""
    if len(value) > MAX_URL:
        return f"网址过长(超过 {MAX_URL} 个字符)"
    if (bidi := bidi_problem(value)) is not None:
        return bidi
    if any(c in _BAD_CHARS for c in value) or " " in value:
        return "网址中含有空格或控制字符"
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        return "网址必须以 http:// 或 https:// 开头"
    if not parts.hostname:
        return "网址缺少域名"
    return None


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # two letters at least: `C:\\` is a drive


def looks_like_url(value: str) -> bool:
    return "://" in value or bool(_SCHEME.match(value)) or value.lower().startswith("www.")


def make_evidence(
    value: str, caption: str = "", now: dt.datetime | None = None, *, fingerprint: tuple[int, str | None] | None = None
) -> dict:
    """An evidence record from what the user typed or pasted (pasted_path: quotes, a
    `file://` URL): an http(s) URL, an existing file, or a Windows path on a machine that
    is not Windows (kept as written, not read: file_state says 「不在本机」)."""
    value = pasted_path(value)
    if not value:
        raise InputError("佐证材料为空")
    if "\x00" in value:
        raise InputError("佐证材料中含有 NUL 字符")
    if any("\ud800" <= c <= "\udfff" for c in value + caption):
        raise InputError("佐证材料中含有无法识别的字符(可能是编码错误)")
    if any(c in _BAD_CHARS and c not in "\t\n\r" for c in caption):
        raise InputError("佐证材料的说明中含有控制字符")
    added = (now or dt.datetime.now()).isoformat(timespec="seconds")
    if looks_like_url(value):
        reason = check_url(value)
        if reason:
            raise InputError(f"佐证材料无效:{reason}")
        return {"kind": "url", "value": value, "caption": caption, "added_at": added, "size": None, "sha256": None}
    if (bidi := bidi_problem(value, "文件路径")) is not None:
        raise InputError(f"佐证材料无效:{bidi}")
    if is_foreign_path(value):
        return {"kind": "file", "value": value, "caption": caption, "added_at": added, "size": None, "sha256": None}
    path = Path(value).expanduser()
    try:
        if not path.is_file():
            raise InputError(f"佐证材料既不是 http(s) 网址,也不是已存在的文件:{value}")
        # A fingerprint computed already (in the app's worker): the file is not read again.
        measured = fingerprint if fingerprint is not None else file_fingerprint(path)
        assert measured is not None  # file_fingerprint says None only when cancelled: nothing cancels here
        size, digest = measured
    except OSError as e:
        raise InputError(f"无法读取佐证文件 {value}:{os_error_text(e)}") from None
    return {
        "kind": "file",
        "value": str(path.resolve()),
        "caption": caption,
        "added_at": added,
        "size": size,
        "sha256": digest,
    }


def file_fingerprint(path: Path, progress=None, cancelled=None) -> tuple[int, str | None] | None:
    """(size, SHA-256) of a file, read once; (size, None) from HASH_LIMIT on (not read).
    `progress(done, total)` after each megabyte; None when `cancelled()` turned true."""
    size = path.stat().st_size
    if size >= HASH_LIMIT:
        return size, None
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, size)
            if cancelled is not None and cancelled():
                return None
    return done, digest.hexdigest()


def file_sha256(path: Path, progress=None) -> str:
    """The file's SHA-256, read a megabyte at a time; `progress(done_bytes)` after each."""
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done)
    return digest.hexdigest()


def file_state(record: dict) -> str | None:
    """For file evidence: None when the file is as it was added, else what happened —
    「不在本机」(recorded without size or fingerprint, e.g. a path from another office's
    machine), 「已不存在」, 「已改动」 (size or SHA-256 differ; a file of HASH_LIMIT or more
    was recorded with its size only)."""
    if record.get("kind") != "file":
        return None
    if is_foreign_path(record["value"]):
        return "不在本机"
    path = Path(record["value"])
    try:
        if not path.is_file():
            return "不在本机" if record.get("sha256") is None and record.get("size") is None else "已不存在"
        if record.get("sha256") is None:
            return None if record.get("size") in (None, path.stat().st_size) else "已改动"
        if path.stat().st_size != record.get("size") or file_sha256(path) != record.get("sha256"):
            return "已改动"
    except OSError:
        return "无法读取"
    return None


def file_changed(record: dict) -> bool | None:
    """For file evidence: whether it differs from when it was added (None: not a file record)."""
    if record.get("kind") != "file":
        return None
    path = Path(record["value"])
    try:
        if not path.is_file() or path.stat().st_size != record.get("size"):
            return True
        digest = file_sha256(path)
    except OSError:
        return True
    return digest != record.get("sha256")


def os_user() -> str:
    for var in ("USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not an error worth stopping for
        return ""
