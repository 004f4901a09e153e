"""Reading the breakdowns offices receive (issue #22): a 30-page PDF breakdown, and the 2021
document written out as the breakdown table workbook (`load --as-table`).

The PDF is made here: a Word table of 30 pages' worth of rows (python-docx), printed to PDF by
LibreOffice once; `gongkai-tui build-db FILE.pdf` then reads it in a child process, measured as
the hostile files are (wall time, VmHWM). Budgets: ≤ 3 s and ≤ 200 MB for the PDF, ≤ 1 s for
`--as-table` of the 2021 document. Without LibreOffice the PDF line says so and is skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from . import hostile
from .measure import Result

ROOT = Path(__file__).resolve().parent.parent
TASK = (
    "公开本部门年度预算、决算及“三公”经费情况,及时发布重大项目审批和实施信息,"
    "做好政策解读和回应关切工作,在政府网站集中公开并动态更新(公开路径:政府网站>政府信息公开>财政信息)。"
)


def _word_table(path: Path, rows: int) -> Path:
    from docx import Document

    word = Document()
    for line in (
        "重庆市某区人民政府办公室关于印发2026年政务公开工作要点任务分工的通知",
        "某府办发〔2026〕3号",
        "重庆市某区人民政府办公室",
        "2026年3月1日",
        "2026年政务公开工作要点任务分工",
    ):
        word.add_paragraph(line)
    table = word.add_table(rows=rows + 1, cols=4)
    table.style = "Table Grid"  # ruled, as offices print them
    for c, text in enumerate(("工作任务", "牵头单位", "责任单位", "完成时限")):
        table.cell(0, c).text = text
    for r in range(1, rows + 1):
        for c, text in enumerate((f"{r}.{TASK}", "区财政局", "区政府各部门、各镇街", "2026年6月底前")):
            table.cell(r, c).text = text
    word.save(path)
    return path


def pdf_pages(pdf: Path) -> int:
    from pdfplumber.pdf import PDF

    with PDF(pdf.open("rb")) as doc:
        return len(doc.pages)


def results(tmp: Path, quick: bool, smoke: bool = False) -> list[Result]:
    out: list[Result] = []
    folder = tmp / "reading"
    folder.mkdir(exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    name = "读 30 页 PDF 任务分工(build-db)"
    if soffice is None:
        out += [
            Result(name + ":耗时", 0, "s", 3.0, skipped="没有 LibreOffice,无法生成 PDF"),
            Result(name + ":内存峰值", 0, "MB", 200, skipped="没有 LibreOffice,无法生成 PDF"),
        ]
    else:
        docx = _word_table(folder / "分工.docx", 4 if smoke else 20 if quick else 135)
        env = {**os.environ, "HOME": str(folder / "home")}
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
            env=env,
        )
        pdf = folder / "分工.pdf"
        pages = pdf_pages(pdf)
        code, seconds, peak, err = hostile.run_measured(
            ["build-db", str(pdf), "-o", str(folder / "pdf.sqlite")], folder / "pdf.stderr"
        )
        if code != 0:
            raise RuntimeError(f"build-db of the PDF failed: {err}")
        out += [
            Result(name + ":耗时", seconds, "s", 3.0, f"{pages} 页"),
            Result(name + ":内存峰值", peak or 0, "MB", 200, f"{pages} 页"),
        ]
    from tui.source import read_document
    from tui.workbook.breakdown_workbook import write_as_table

    source = ROOT / "data" / "source" / "yufubanfa-2021-50.txt"
    doc = read_document(source.read_bytes(), source.name)
    start = time.perf_counter()
    write_as_table(folder / "读取结果.xlsx", doc)
    out.append(Result("load --as-table:2021 年任务分工写成任务分工表", time.perf_counter() - start, "s", 1.0))
    return out
