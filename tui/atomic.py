"""One way to write a file we replace: into a temporary file beside it, renamed over it only
when the whole write succeeded. A failure (a full disk, a crash, Ctrl+C) leaves the old
file as it was and no temporary file behind. Used for every file the program replaces:
the working database's copies and backups, a built database, settings, workbooks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def temporary_beside(path: Path, suffix: str = ".tmp") -> Path:
    """A hidden name in `path`'s folder (the same file system, so the rename is atomic),
    own to this process."""
    return path.with_name(f".{path.name}.{os.getpid()}{suffix}")


@contextmanager
def replacing(path: Path, suffix: str = ".tmp", tmp: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; rename it over `path` when the block ends without
    an error, remove it otherwise. `suffix`: what a writer that checks the extension needs
    (openpyxl writes only to `.xlsx`); `tmp`: a name of the caller's own, where something
    else looks for it (build-db's leftovers of a killed build)."""
    tmp = tmp or temporary_beside(path, suffix)
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
