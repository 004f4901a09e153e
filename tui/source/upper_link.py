"""Where the rows of an issued 任务分工 come from (issue #25 item 3): a breakdown a unit issued
with `gongkai-tui issue` carries, in its Word file's custom properties (docProps/custom.xml,
which Word, WPS and LibreOffice keep through a save), the upper document, the issuing unit and, row by row, the upper item (or 细化
step) each table row was made from. Loaded by the next level, each of its items remembers
that origin, so the reports rolled back up find their item.

A person may have edited the Word file before sending it on (a row deleted, one added, the
order changed): each row is matched to its origin by the beginning of its task text, in
order; a row without its origin is loaded without one, and the report says which."""

from __future__ import annotations

import io
import re
import zipfile

from .model import Document
from .table import Note, Origin

MARK = "gongkai-tui-upper"
MAX_PROPERTIES_XML = 4_000_000  # bytes of docProps/custom.xml read (200 rows need ~30,000)
PREFIX = 16  # characters of a task's text that identify it


def key_text(text: str) -> str:
    return re.sub(r"\s+", "", text)[:PREFIX]


def properties(rows: list[dict], document: str, unit: str) -> list[tuple[str, str]]:
    """The custom properties an issued file carries (each value short: Word keeps 255
    characters of one): the upper document and unit, then each table row's origin and the
    beginning of its task, in table order."""
    out = [(f"{MARK}.document", document[:200]), (f"{MARK}.unit", unit[:100])]
    out += [(f"{MARK}.row.{n:04d}", f"{r['ref']}|{key_text(r['text'])}") for n, r in enumerate(rows, 1)]
    return out


_PROPERTY = re.compile(r'<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>', re.S)


def read_mark(data: bytes) -> dict | None:
    """The origin an issued .docx carries (None for any other file)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("docProps/custom.xml")
            if info.file_size > MAX_PROPERTIES_XML:
                return None
            with z.open(info) as f:
                xml = f.read(MAX_PROPERTIES_XML + 1).decode("utf-8", errors="replace")
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError, NotImplementedError):
        return None
    from html import unescape

    values = {unescape(name): unescape(value) for name, value in _PROPERTY.findall(xml)}
    if f"{MARK}.document" not in values:
        return None
    rows = []
    for name in sorted(k for k in values if k.startswith(f"{MARK}.row.")):
        ref, _, text = values[name].partition("|")
        if ref:
            rows.append({"ref": ref, "text": text})
    return {"document": values[f"{MARK}.document"], "unit": values.get(f"{MARK}.unit", ""), "rows": rows}


def link(doc: Document, mark: dict) -> dict:
    """`{"document", "unit", "items": {item id → upper ref}}` for the rows whose origin is
    found, in order; a note for each row without one (it loads, with no origin)."""
    expected = list(mark["rows"])
    items: dict[str, str] = {}
    at = 0
    for row in doc.rows:
        text = key_text(row.items[0].text) if row.items else ""
        found = next((k for k in range(at, len(expected)) if expected[k]["text"] == text), None)
        if found is None:
            found = next((k for k, r in enumerate(expected) if r["text"] == text and r.get("used") is None), None)
        if found is None:
            doc.notes.append(
                Note(
                    Origin(line=row.items[0].line if row.items else 0),
                    "upper_unknown",
                    f"任务「{text}…」在上级文件 {mark['document']} 中找不到对应的条目:它的完成情况不会汇总到上级",
                    "warning",
                )
            )
            continue
        expected[found]["used"] = True
        at = found + 1
        for item in row.items:
            items[item.id] = expected[found]["ref"]
    return {"document": mark["document"], "unit": mark["unit"], "items": items}
