"""The CLI's `done --evidence FILE`: a large file is hashed with its progress on stderr
(a 900 MB file takes seconds; a silent terminal looks hung), and one of HASH_LIMIT or more
is not read at all — only its size and the time it was added are kept, and the user is
told. The fingerprints go to the store, which then does not read the files again."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors_text import os_error_text
from ..store import InputError
from ..store.evidence import HASH_LIMIT, HASH_LIMIT_TEXT, bidi_problem, file_fingerprint, looks_like_url
from ..store.evidence_text import is_foreign_path, pasted_path

SHOW_PROGRESS = 64 << 20  # smaller files are read in well under a second


def fingerprints(values: list[str]) -> dict[str, tuple[int, str | None]]:
    """value → (size, SHA-256 or None) for every value that names a file of this machine."""
    out: dict[str, tuple[int, str | None]] = {}
    for value in values:
        path_text = pasted_path(value)
        if not path_text or looks_like_url(path_text) or is_foreign_path(path_text) or bidi_problem(path_text):
            continue  # not read here: the store records or refuses it
        path = Path(path_text).expanduser()
        try:
            if not path.is_file():
                continue  # the store refuses it, naming it
            size = path.stat().st_size
            if size >= HASH_LIMIT:
                typer.echo(
                    f"{path.name}:文件大于 {HASH_LIMIT_TEXT},只记下大小和添加时间,不计算校验值(核对时只比较大小)",
                    err=True,
                )
            measured = file_fingerprint(path, _progress(path.name) if size >= SHOW_PROGRESS else None)
            assert measured is not None  # None only when cancelled: nothing cancels here
            out[value] = measured
        except OSError as e:
            raise InputError(f"无法读取佐证文件 {path_text}:{os_error_text(e)}") from None
    return out


def _progress(name: str):
    """Report each tenth read: on one line on a terminal, a line each otherwise (a log)."""
    terminal = sys.stderr.isatty()
    shown = [-1]

    def report(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth == shown[0]:
            return
        shown[0] = tenth
        line = f"正在计算佐证文件的校验值:{name} {tenth * 10}%"
        if terminal:
            typer.echo("\r" + line, err=True, nl=done >= total)
        else:
            typer.echo(line, err=True)

    return report
