"""build-db on the 2021 document (text and Word), and on a synthetic document 50× larger."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tui.store.build import build_database

from .synthetic import make_document

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "yufubanfa-2021-50.txt"


def time_build(source: Path, repeats: int) -> float:
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeats):
            start = time.perf_counter()
            build_database(source, Path(tmp) / "t.sqlite")
            best = min(best, time.perf_counter() - start)
    return best


def docx_source(tmp: Path) -> Path:
    """The 2021 document as a Word table with merged lead cells (as offices receive it)."""
    from tests.source.grid_writers import spec_from_text, write_docx

    path = tmp / "yufubanfa-2021-50.docx"
    write_docx(spec_from_text(SOURCE), path)
    return path


def scaled_source(tmp: Path, factor: int) -> Path:
    """A synthetic document with `factor` times the 2021 document's text."""
    target = len(SOURCE.read_text(encoding="utf-8")) * factor
    items = 100
    while True:
        text = make_document(7, items)
        if len(text) >= target:
            break
        items = int(items * max(1.1, target / len(text)))
    path = tmp / f"synthetic-x{factor}.txt"
    path.write_text(text, encoding="utf-8")
    return path
