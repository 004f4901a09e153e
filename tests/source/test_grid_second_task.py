"""A table whose header names two task-like columns (`重点任务 | 工作内容 | 负责科室`: a short title,
then what it means) reads the same as a Word table and as a table copied with `|`: the second is
the requirement. Word, HTML and sheets refused it (`「任务」栏目出现了不止一次`) where the text read it."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from openpyxl import Workbook

from tui.source import read_document

HEADER = ["重点任务", "工作内容", "负责科室"]
ROWS = [
    ["政策解读", "对以我局名义制定的政策文件进行全面解读,创新解读形式。", "各责任科室"],
    ["财政资金", "及时发布财政预决算、“三公经费”信息。", "综合科"],
]


def _word() -> bytes:
    word = WordDocument()
    word.add_paragraph("某县某局2021年政务公开工作任务分解")
    table = word.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for r, cells in enumerate([HEADER, *ROWS]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _sheet() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["某县某局2021年政务公开工作任务分解"])
    for cells in [HEADER, *ROWS]:
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pipes() -> bytes:
    lines = ["某县某局2021年政务公开工作任务分解", *(" | ".join(cells) + " |" for cells in [HEADER, *ROWS])]
    return "\n".join(lines).encode("utf-8")


def _read(data: bytes, name: str):
    doc = read_document(data, name, year=2021)
    return [(r.responsible_units, [i.text for i in r.items], r.requirement) for r in doc.rows]


def test_a_second_task_column_is_the_requirement_in_word_as_in_text():
    word, text = _read(_word(), "分解.docx"), _read(_pipes(), "分解.txt")
    assert word == text == _read(_sheet(), "分解.xlsx")
    assert word[0] == (["各责任科室"], ["政策解读"], "对以我局名义制定的政策文件进行全面解读,创新解读形式。")
