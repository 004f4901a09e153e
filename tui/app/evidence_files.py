"""File evidence for the app: fingerprinted once, in a worker thread, then written.

`tui.store.evidence.make_evidence` reads the whole file to hash it, and `Store.add_evidence` /
`Store.mark_done` take only the typed value, so the app used to hash a file on the UI thread
twice (once to check the dialog, once more to write): a 5 GB file froze the screen for 10–16 s.

Here:
- `evidence_problem(value)` refuses what make_evidence refuses, without reading a file;
  `split_evidence` / `evidence_list_problem`: one typed or pasted value as several entries;
- `fingerprint(path, progress, cancelled)` reads it once in chunks (call it from a worker);
- `add_file_evidence` / `mark_done_with_file` write the record with that fingerprint.

The store takes the fingerprint (`fingerprint=` / `fingerprints=`) and does not read the file again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import cast

from ..errors_text import os_error_text
from ..store import InputError, Store
from ..store.evidence import CHUNK, bidi_problem, file_fingerprint, looks_like_url, make_evidence
from ..store.evidence_text import is_foreign_path, pasted_path, read_evidence_cell

__all__ = [
    "CHUNK",
    "LARGE",
    "evidence_list_problem",
    "evidence_problem",
    "fingerprint",
    "is_file_value",
    "split_evidence",
]
LARGE = 64 << 20  # from this size the app shows a progress bar while hashing


def is_file_value(value: str) -> bool:
    """Whether what the user typed names a file of this machine (not a URL, not a Windows
    path read elsewhere): the kind hashed in a worker."""
    value = pasted_path(value)
    return bool(value) and not looks_like_url(value) and not is_foreign_path(value)


def evidence_problem(value: str) -> str | None:
    """None when the value is acceptable evidence, else why not. Never reads a file."""
    value = pasted_path(value)
    if (
        not is_file_value(value)
        or "\x00" in value
        or any("\ud800" <= c <= "\udfff" for c in value)
        or bidi_problem(value)
    ):
        try:  # a URL (or a value refused before any file is opened): cheap
            make_evidence(value)
        except InputError as e:
            return str(e)
        return None
    try:
        if Path(value).expanduser().is_file():
            return None
    except (OSError, ValueError):
        pass
    return f"佐证材料既不是 http(s) 网址,也不是已存在的文件:{value}"


def fingerprint(
    value: str, progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None
) -> Fingerprint | None:
    """(size, sha256) of the file, reading it once — (size, None) from HASH_LIMIT on, not
    read; None if `cancelled()` turned true. `progress(done, total)` is called after each
    chunk. Raises InputError."""
    try:
        return file_fingerprint(Path(pasted_path(value)).expanduser(), progress, cancelled)
    except OSError as e:
        raise InputError(f"无法读取佐证文件 {pasted_path(value)}:{os_error_text(e)}") from None


# (size, SHA-256), or (size, None) for a file from HASH_LIMIT on (not read). The store keeps
# both (store/evidence.py make_evidence), though its signatures still say tuple[int, str]:
# hence the casts below, at the one place the app hands a fingerprint to the store.
Fingerprint = tuple[int, str | None]


def add_file_evidence(store: Store, unit: str, item_id: str, value: str, fp: Fingerprint, source: str) -> int | None:
    return store.add_evidence(unit, item_id, value, source=source, fingerprint=cast(tuple[int, str], fp))


def mark_done_with_file(
    store: Store, unit: str, item_id: str, value: str, fp: Fingerprint, source: str, done_date: dt.date | None = None
) -> int | None:
    return store.mark_done(
        unit, item_id, [value], source=source, fingerprints={value: cast(tuple[int, str], fp)}, done_date=done_date
    )


def split_evidence(value: str) -> list[str]:
    """What the user typed or pasted as one or several evidence entries, split as a
    workbook cell is (new lines, `;` `；` `、` `,`): a value that is acceptable as it
    stands, or names an existing file, stays whole."""
    value = value.strip()
    if not value:
        return []
    whole = pasted_path(value)  # quotes, a file:// URL: the path they name
    if is_file_value(whole):
        try:
            if Path(whole).expanduser().is_file():
                return [whole]
        except (OSError, ValueError):
            pass
    cell = read_evidence_cell(value)
    values = [pasted_path(v) for _, v in cell.entries]
    if len(values) >= 2 and not cell.not_evidence:
        return values
    return [whole]


def evidence_list_problem(value: str) -> str | None:
    """None when every entry of `value` (see split_evidence) is acceptable, else why not
    (for the dialogs; never reads a file: that is done once, in a worker)."""
    values = split_evidence(value)
    for v in values:
        problem = evidence_problem(v)
        if problem:
            return problem if len(values) == 1 else f"第 {values.index(v) + 1} 条:{problem}"
    return None
