"""Recognise a 任务清单 this program exported, before a source reader takes it for a 任务分工.

`load` (and `build-db`) of an exported workbook used to fail on its header ("栏目出现了不止
一次"), which tells a person nothing; the workbook goes back in with `import`. Only the
sheet names are read (xl/workbook.xml, a few KB), so the check costs nothing and a hostile
file is left to the source reader's limits.

The other way round, `import` says what a file is when it is no 任务清单 (a PDF, a Word
document, a lead's 汇总表, a 任务分工), and takes an .ods as the .xlsx LibreOffice converts
it to (before the gate, which the converted file passes like any other)."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

from ..store import InputError
from .layout import ABOUT_SHEET, BASELINE_SHEET, CHECKLIST_SHEET

_WORKBOOK_XML_LIMIT = 1 << 20  # the sheet list of any real workbook is far smaller
_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"')


def sheet_names(path: Path) -> list[str]:
    """The sheet names of an xlsx, or [] when it is not one (or they cannot be read cheaply)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > _WORKBOOK_XML_LIMIT:
                return []
            with zf.open(info) as f:
                xml = f.read(_WORKBOOK_XML_LIMIT + 1)
    except (
        OSError,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        ValueError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ):
        return []
    if len(xml) > _WORKBOOK_XML_LIMIT:
        return []
    return [html.unescape(m.decode("utf-8", "replace")) for m in _SHEET_NAME.findall(xml)]


def exported_checklist_message(path: Path) -> str | None:
    """What to tell a person who gives an exported 任务清单 where a 任务分工 belongs; None
    when the file is not one (its 任务清单 sheet with 导出时的值 or 说明 beside it)."""
    names = set(sheet_names(path))
    if CHECKLIST_SHEET not in names or not names & {BASELINE_SHEET, ABOUT_SHEET}:
        return None
    return (
        f"{path.name} 是用 gongkai-tui 导出的任务清单(有工作表「{CHECKLIST_SHEET}」和"
        f"「{BASELINE_SHEET if BASELINE_SHEET in names else ABOUT_SHEET}」),不是任务分工文件;"
        f"填好的任务清单请用 gongkai-tui import {path.name} 导回"
    )


def refuse_exported_checklist(path: Path) -> None:
    """Raise InputError (a `错误:` and exit 2 in the CLI) for an exported 任务清单."""
    message = exported_checklist_message(path)
    if message is not None:
        raise InputError(message)


# -- what a file given to `import` is, when it is not a 任务清单 -------------------------------

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_PACKAGES = (  # (a member only this kind has, what it is)
    ("word/document.xml", "是 Word 文档(.docx),不是任务清单工作簿"),
    ("ppt/presentation.xml", "是 PowerPoint 演示文稿,不是任务清单工作簿"),
)


def is_ods(data: bytes) -> bool:
    """An OpenDocument spreadsheet (LibreOffice's .ods): its first member `mimetype` says so."""
    return data[30:38] == b"mimetype" and ODS_MIMETYPE in data[38:120]


def ods_as_xlsx(data: bytes) -> bytes:
    """An .ods (LibreOffice's own format) as the .xlsx LibreOffice converts it to."""
    from ..ooxml import Refused
    from ..source.readers.convert import ConversionFailed, libreoffice_convert

    try:
        return libreoffice_convert(data, ".ods", "xlsx")
    except ConversionFailed as e:
        if e.why == "missing":
            raise Refused(
                "是 .ods 表格,需要 LibreOffice 才能读取(本机未安装):请在 WPS/Excel/LibreOffice 中"
                "「另存为」.xlsx 后再导入"
            ) from None
        raise Refused("是 .ods 表格,LibreOffice 无法把它转换为 .xlsx(文件可能已损坏):请另存为 .xlsx 后再导入") from None


def package_kind(data: bytes) -> str | None:
    """What a zip package that is not a workbook is (a Word document, an .odt), or None."""
    if data[30:38] == b"mimetype" and b"opendocument.text" in data[38:120]:
        return "是 OpenDocument 文本文档(.odt),不是任务清单工作簿"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    return next((what for member, what in _PACKAGES if member in names), None)


def file_kind(data: bytes) -> str:
    """What a file that is no zip package is, for `import`'s refusal."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "是 PDF 文件,不是任务清单工作簿:请导回 gongkai-tui export 导出的 .xlsx"
    if head[:200].lower().startswith((b"<!doctype html", b"<html")):
        return "是网页文件,不是任务清单工作簿:请导回 gongkai-tui export 导出的 .xlsx"
    return "不是 xlsx 工作簿"


def _header_words(ws, rows: int = 20) -> set[str]:
    from ..source.headers import role_of

    roles = set()
    for row in ws.iter_rows(
        min_row=1, max_row=min(rows, max(ws.max_row, 1)), max_col=min(ws.max_column, 60), values_only=True
    ):
        roles |= {r for v in row if isinstance(v, str) and (r := role_of(v)) is not None}
    return roles


def workbook_kind(wb) -> str:
    """Why a workbook without a 任务清单 sheet is not one, saying what it is instead: a lead's
    汇总表, a 任务分工 (the breakdown table workbook, or any sheet headed like one), or a
    sheet of something else, naming its sheets."""
    from ..source.breakdown_table import SHEET as BREAKDOWN_SHEET
    from ..source.table import LEAD, RESP, TASK
    from .layout import REVIEW_SHEET

    names = wb.sheetnames
    listed = "、".join(f"「{n}」" for n in names[:8]) + (" 等" if len(names) > 8 else "")
    if REVIEW_SHEET in names:
        return (
            f"是牵头单位的{REVIEW_SHEET}(各责任单位完成情况的汇总,只供查看),不是任务清单,不能导回;"
            "请导回各单位 gongkai-tui export 导出的任务清单"
        )
    if BREAKDOWN_SHEET in names:
        return (
            f"是任务分工表(工作表「{BREAKDOWN_SHEET}」),不是任务清单:任务分工请用 gongkai-tui load 文件 载入,"
            "填好的任务清单才用 import 导回"
        )
    if set(names) & {ABOUT_SHEET, BASELINE_SHEET}:
        return (
            f"找不到工作表「{CHECKLIST_SHEET}」(这是 gongkai-tui 导出的工作簿,工作表改名了?请改回"
            f"「{CHECKLIST_SHEET}」;现有工作表:{listed})"
        )
    for ws in wb.worksheets[:5]:
        roles = _header_words(ws)
        if TASK in roles and roles & {LEAD, RESP}:
            return (
                f"看起来是一份任务分工文件(工作表「{ws.title}」的表头有「工作任务」和牵头/责任单位),不是任务清单:"
                "请用 gongkai-tui load 文件 载入"
            )
    return f"不是 gongkai-tui 导出的任务清单:没有工作表「{CHECKLIST_SHEET}」(现有工作表:{listed})"
