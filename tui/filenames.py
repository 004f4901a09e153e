"""File names that are valid on Windows (and so everywhere): for exported workbooks.

Pure: no imports beyond the standard library, safe to use from any layer.
"""

from __future__ import annotations

import re

FALLBACK = "未命名"

# Characters Windows forbids in a name, the C0 controls and DEL, and lone surrogates
# (which no file system encoding can write).
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\ud800-\udfff]')
# Device names Windows reserves, with or without an extension (`CON.xlsx` is the console too);
# ¹ ² ³ count as digits there.
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"] + [f"{dev}{n}" for dev in ("COM", "LPT") for n in "0123456789¹²³"]
)


def is_reserved(name: str) -> bool:
    """Whether Windows takes `name` for a device (CON, nul.txt, COM1.xlsx, `LPT1 .txt` …)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED


def _trim(name: str) -> str:
    """Windows drops trailing dots and spaces, so `a.` and `a` would be the same file."""
    return name.strip(" ").rstrip(". ")


def _fit(name: str, max_bytes: int) -> str:
    """Cut the stem (never the extension) until the UTF-8 encoding fits in max_bytes."""
    if len(name.encode("utf-8")) <= max_bytes:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 10 or len(("." + ext).encode("utf-8")) >= max_bytes:
        stem, ext = name, ""
    suffix = "." + ext if ext else ""
    budget = max_bytes - len(suffix.encode("utf-8"))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return _trim(cut) + suffix


def safe_filename(name: str, replacement: str = "_", max_bytes: int = 200) -> str:
    """`name` made into one valid file name on Windows, Linux and macOS; Chinese is kept.

    - `< > : " / \\ | ? *`, control characters and lone surrogates become `replacement`;
    - leading spaces and trailing dots and spaces go (Windows drops them silently);
    - a reserved device name (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9, also with an
      extension) gets `_` in front;
    - the result fits in `max_bytes` of UTF-8 (255 is the limit of most Linux file systems;
      the default leaves room for `-2`, `.tmp` and the like), cut in the stem, never
      inside a character and never in the extension;
    - an empty result, `.` or `..` becomes 未命名.

    Safe names come back unchanged, and safe_filename(safe_filename(x)) == safe_filename(x).
    """
    if _FORBIDDEN.search(replacement) or _trim(replacement) != replacement:
        raise ValueError(f"replacement is not itself safe in a file name: {replacement!r}")
    if max_bytes < 16:
        raise ValueError("max_bytes must be at least 16")
    name = _trim(_FORBIDDEN.sub(replacement, name))
    name = _fit(name, max_bytes)
    if is_reserved(name):
        name = _fit("_" + name, max_bytes)
    if not name.strip("."):
        return FALLBACK
    return name
