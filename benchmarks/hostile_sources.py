"""Hostile 任务分工 documents (issue #21, item 8): the shapes that hung `build-db` and `load`
before the source readers passed the safety gate (`tui/ooxml.py`). Each is built as raw
zip/XML/HTML (fast, never through openpyxl or python-docx) and read by
`gongkai-tui build-db FILE -o OUT` in a child process, measuring its wall time and peak
memory (VmHWM, as hostile.py reads it). Budget: every file refused (exit 2) within 5 s and
300 MB. Sizes default to those measured in the issue; the tests build the same shapes small.

| shape | before the gate |
| --- | --- |
| one merged range `D20:XFD1048576` (5 KB .xlsx) | > 60 s, 5.85 GB |
| 3,000 merged rows `A30:XFD30` … (13 KB .xlsx) | > 60 s |
| 14.6 MB .xlsx whose `<dimension>` claims 3 rows | 23 s, 780 MB |
| 12 MB .docx holding 111 MB of XML | 17.8 s, 2.46 GB |
| 19 MB .html of 600,000 table rows | 1.5 s, 574 MB |
| 17 MB .txt of 400,000 tab-separated rows (found with the gate in place) | 14 s, 993 MB |
| 19 MB .txt of 800,000 lines without a header (the same) | 8.1 s, 298 MB |

The builders are shared with tests/safety/test_hostile_sources.py."""

from __future__ import annotations

import os
import random
import shutil
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from tui.cell_refs import column_letters

from . import hostile

TITLE = "重庆市人民政府办公厅关于印发2026年政务公开工作任务分工的通知"
NUMBER = "渝府办发〔2026〕12号"
HEADER = ("序号", "工作任务", "牵头单位", "责任单位")
TASKS = ("公开年度财政预算决算信息。", "及时发布重大项目审批和实施信息。", "做好政策解读和回应关切工作。")
UNITS = (("市发展改革委", "各区县政府"), ("市财政局", "市级各部门"), ("市政府办公厅", "各区县政府"))
_CJK = "公开政策信息规划网站发布解读完善建设推进落实平台数据服务管理标准目录栏集中展示动态更新报告咨询答复热线"


def _rows(tasks: int) -> list[tuple[str, ...]]:
    """A small 任务分工 table: title, document number, header, one section, `tasks` rows."""
    out: list[tuple[str, ...]] = [(TITLE,), (NUMBER,), HEADER, ("一", "推进政务公开")]
    for i in range(tasks):
        out.append((str(i + 1), TASKS[i % 3], *UNITS[i % 3]))
    return out


# -- .xlsx ------------------------------------------------------------------------------------------


def _sheet_rows(tasks: int) -> list[str]:
    return [
        hostile.row(r, {chr(65 + g): text for g, text in enumerate(values)})
        for r, values in enumerate(_rows(tasks), start=1)
    ]


_XLSX_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="任务分工" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_XLSX_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def write_xlsx(path: Path, rows: Iterable[str] | None = None, dimension: str = "A1:D10", tail: str = "") -> Path:
    """A 任务分工 workbook of one sheet, 任务分工 (not an exported 任务清单, which `build-db`
    sends to `import`), that reads cleanly unless `rows`, `dimension` or `tail` (after
    `</sheetData>`: merged ranges) make it hostile. Raw XML, written in chunks."""
    chunks = hostile.sheet(rows if rows is not None else _sheet_rows(12), dimension=dimension, tail=tail)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", hostile._CONTENT_TYPES)  # its sheet2 override names no part
        z.writestr("_rels/.rels", hostile._ROOT_RELS)
        z.writestr("xl/workbook.xml", _XLSX_WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _XLSX_WORKBOOK_RELS)
        with z.open(hostile._deflated("xl/worksheets/sheet1.xml", 1), "w", force_zip64=True) as f:
            for chunk in chunks:
                f.write(chunk)
    return path


def _merges(refs: Iterable[str]) -> str:
    refs = list(refs)
    return f'<mergeCells count="{len(refs)}">' + "".join(f'<mergeCell ref="{r}"/>' for r in refs) + "</mergeCells>"


def merge_bomb(path: Path) -> Path:
    """One merged range from D20 to the sheet's last cell: 17 billion cells for openpyxl."""
    return write_xlsx(path, tail=_merges(["D20:XFD1048576"]))


def many_merges(path: Path, merges: int = 3_000) -> Path:
    """`merges` merged rows, each across all 16,384 columns."""
    return write_xlsx(path, tail=_merges(f"A{r}:XFD{r}" for r in range(30, 30 + merges)))


def too_many_merges(path: Path, merges: int = 20_001) -> Path:
    """`merges` small merged ranges (two cells each): too many ranges, not too many cells."""
    return write_xlsx(path, tail=_merges(f"E{r}:F{r}" for r in range(30, 30 + merges)))


def false_dimension(path: Path, rows: int = 20_000, columns: int = 42, chars: int = 9) -> Path:
    """A sheet whose `<dimension>` claims A1:D3 while `rows` × `columns` cells of random
    text follow the real table (14.6 MB at the defaults)."""
    rng = random.Random(21)
    head = _sheet_rows(3)
    first = len(head) + 1

    def filler() -> Iterable[str]:
        for r in range(first, first + rows):
            cells = "".join(
                hostile.cell(f"{column_letters(g)}{r}", "".join(rng.choices(_CJK, k=chars)))
                for g in range(1, columns + 1)
            )
            yield f'<row r="{r}">{cells}</row>'

    return write_xlsx(path, _chain(head, filler()), dimension="A1:D3")


def _chain(*parts: Iterable[str]) -> Iterable[str]:
    for p in parts:
        yield from p


# -- .docx ------------------------------------------------------------------------------------------

_W = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
# A run as Word writes it: its font and size repeated on every run (what makes real files big).
_RUN = (
    '<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/>'
    '<w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'
)


def _paragraph(text: str) -> str:
    return f"<w:p>{_RUN.format(escape(text))}</w:p>"


def _tc(content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p>{content}</w:p></w:tc>'


def _tr(texts: Iterable[str]) -> str:
    return "<w:tr>" + "".join(_tc(_RUN.format(escape(t))) for t in texts) + "</w:tr>"


def write_docx(path: Path, rows: Iterable[str] = (), tasks: int = 12) -> Path:
    """A 任务分工 Word document (title and number as paragraphs, then one table) that reads
    cleanly; `rows` (`<w:tr>` XML, as chunks) are appended to its table."""
    table = _rows(tasks)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        with z.open(hostile._deflated("word/document.xml", 6), "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'.encode())
            f.write((_paragraph(TITLE) + _paragraph(NUMBER) + "<w:tbl>").encode())
            f.write("".join(_tr(r) for r in table[2:]).encode())
            for chunk in rows:
                f.write(chunk.encode())
            f.write(b"</w:tbl><w:sectPr/></w:body></w:document>")
    return path


def _verbose_rows(rows: int, runs: int, chars: int = 4, seed: int = 21) -> Iterable[str]:
    """Rows whose task cell holds `runs` formatted runs of `chars` random characters each."""
    rng = random.Random(seed)
    batch = []
    for i in range(rows):
        text = "".join(_RUN.format("".join(rng.choices(_CJK, k=chars))) for _ in range(runs))
        batch.append(
            "<w:tr>"
            + _tc(_RUN.format(i + 1))
            + _tc(text)
            + _tc(_RUN.format("市发展改革委"))
            + _tc(_RUN.format("各区县政府"))
            + "</w:tr>"
        )
        if len(batch) >= 500:
            yield "".join(batch)
            batch = []
    yield "".join(batch)


def huge_docx(path: Path, xml_mb: int = 111) -> Path:
    """A table whose rows of formatted runs make `xml_mb` MB of XML (about 12 MB zipped at 111)."""
    per_row = len(next(iter(_verbose_rows(1, 40))).encode("utf-8"))
    rows = xml_mb * 1024 * 1024 // per_row
    return write_docx(path, _verbose_rows(rows, 40))


def many_elements_docx(path: Path, rows: int = 2_200, chars: int = 4) -> Path:
    """Under every zip limit (about 1 MB zipped, 20 MB of XML), over the Word budget's elements
    (at 2,200 rows; 1,800 rows of 60 characters a run are just under it and its characters)."""
    return write_docx(path, _verbose_rows(rows, 40, chars))


def long_text_docx(path: Path, chars: int = 8_000_001) -> Path:
    """Few elements, over the Word budget's characters: random digits (they do not compress away)."""
    digits = os.urandom(chars).translate(bytes(48 + b % 10 for b in range(256))).decode("ascii")
    return write_docx(path, ["<w:tr>" + _tc(_RUN.format("1")) + _tc(_RUN.format(digits)) + "</w:tr>"])


# -- .html ------------------------------------------------------------------------------------------


def page(rows: Iterable[str] = (), tasks: int = 12) -> Iterable[str]:
    """A 任务分工 web page, as chunks; `rows` (`<tr>` HTML) are appended to its table."""
    table = _rows(tasks)
    yield (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title></head><body>'
        f"<p>{TITLE}</p><p>{NUMBER}</p><table>"
    )
    yield "".join("<tr>" + "".join(f"<td>{escape(t)}</td>" for t in r) + "</tr>" for r in table[2:])
    yield from rows
    yield "</table></body></html>"


def write_html(path: Path, rows: Iterable[str] = (), tasks: int = 12) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for chunk in page(rows, tasks):
            f.write(chunk)
    return path


def huge_html(path: Path, rows: int = 600_000) -> Path:
    """`rows` table rows of two short cells (19 MB at 600,000)."""

    def lines() -> Iterable[str]:
        for start in range(0, rows, 10_000):
            yield "".join(f"<tr><td>{i}</td><td>x</td></tr>" for i in range(start, min(rows, start + 10_000)))

    return write_html(path, lines())


def span_bomb_html(path: Path, rows: int = 19_900, spans: int = 40) -> Path:
    """`rows` rows, the first `spans` of which open a cell spanning every row below it."""
    return write_html(
        path, [f'<tr><td rowspan="{rows}">{i}</td></tr>' for i in range(spans)] + ["<tr></tr>" * (rows - spans)]
    )


# -- .txt -------------------------------------------------------------------------------------------


def tab_rows_text(path: Path, rows: int = 400_000) -> Path:
    """A table copied into Notepad: title, number, a header and `rows` tab-separated rows
    (17 MB at 400,000: 14 s and 1 GB before the text reader kept to the limits)."""
    lines = [TITLE, NUMBER, "\t".join(HEADER[1:])]
    lines += (f"{i + 1}.公开信息。\t{UNITS[i % 3][0]}\t各部门" for i in range(rows))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def many_lines_text(path: Path, lines: int = 800_000) -> Path:
    """`lines` short lines and no table header (8 s before the line limit)."""
    path.write_text("\n".join(f"公开信息第{i}条" for i in range(lines)) + "\n", encoding="utf-8")
    return path


def long_lines_text(path: Path, lines: int = 4_990, chars: int = 1_300) -> Path:
    """`lines` paragraphs of `chars` characters each (19 MB at the default), no header: 7 s before a
    header word was looked for only in text as short as one (every paragraph was sliced at each
    character)."""
    path.write_text("\n".join("公开" * (chars // 2) + str(i) for i in range(lines)), encoding="utf-8")
    return path


def cells_no_row_text(path: Path, cells: int = 140_000) -> Path:
    """A `|` table one cell a line whose cells never reach a unit cell (1.3 MB: over an hour before
    each row was cut as it grew, 13 s before a row of 200 cells was refused)."""
    lines = [TITLE, "工作任务", "|", "责任单位", "|"] + [f"x{i}\n|" for i in range(cells)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def pipe_bars_text(path: Path, lines: int = 260_000) -> Path:
    """19 MB of `|` lines whose header has no task column (26 s and 420 MB before the header was
    looked for in the first lines only)."""
    path.write_text("\n".join(["| a | 牵头单位 | b |" * 3] * lines), encoding="utf-8")
    return path


HOSTILE: dict[str, tuple[str, Callable[[Path], Path], Callable[[Path], Path]]] = {
    # name → (file name, builder at the size, builder for --quick: the same shape small)
    "整表合并": ("合并.xlsx", merge_bomb, merge_bomb),
    "三千处整行合并": ("三千合并.xlsx", many_merges, many_merges),
    "虚假的 dimension": ("虚假尺寸.xlsx", false_dimension, lambda p: false_dimension(p, rows=5_000, chars=2)),
    "111 MB 的 Word XML": ("巨大.docx", huge_docx, many_elements_docx),
    "六十万行网页": ("六十万行.html", huge_html, lambda p: huge_html(p, rows=20_001)),
    "四十万行的纯文本表格": ("四十万行.txt", tab_rows_text, lambda p: tab_rows_text(p, rows=20_001)),
    "八十万行的纯文本": ("八十万行.txt", many_lines_text, lambda p: many_lines_text(p, lines=300_001)),
    "十九 MB 的长段落": ("长段落.txt", long_lines_text, lambda p: long_lines_text(p, lines=500)),
    "一格一行永不成行": ("永不成行.txt", cells_no_row_text, lambda p: cells_no_row_text(p, cells=5_000)),
    "十九 MB 的竖线表": ("竖线.txt", pipe_bars_text, lambda p: pipe_bars_text(p, lines=5_000)),
}


# -- measuring ------------------------------------------------------------------------------------


def build_once(file: Path, out: Path, timeout: float = 60.0) -> tuple[int, float, float | None, str]:
    """(exit code, seconds, peak MB or None, stderr) of `gongkai-tui build-db FILE -o OUT`."""
    return hostile.run_measured(["build-db", str(file), "-o", str(out)], out.with_suffix(".stderr"), timeout)


SMOKE = ("虚假的 dimension", "六十万行网页")  # --smoke: an office file and a text one, small


def measure(
    tmp: Path, quick: bool = False, smoke: bool = False
) -> list[tuple[str, int, float, float | None, str, int]]:
    """Build every hostile document (small with `quick`; with `smoke` only those of SMOKE) and
    read each: (name, exit code, s, MB, first line of stderr, file size in bytes)."""
    folder = tmp / "hostile-sources"
    folder.mkdir(exist_ok=True)
    out = []
    for name, (file_name, full, small) in HOSTILE.items():
        if smoke and name not in SMOKE:
            continue
        path = (small if quick or smoke else full)(folder / file_name)
        code, seconds, peak, err = build_once(path, folder / "out.sqlite")
        out.append((name, code, seconds, peak, (err.strip().splitlines() or [""])[0], path.stat().st_size))
        path.unlink()
    shutil.rmtree(folder, ignore_errors=True)
    return out


def results(tmp: Path, quick: bool = False, smoke: bool = False) -> list:
    """Two budget lines, as for the hostile workbooks: the slowest refusal (5 s), the largest peak (300 MB)."""
    return hostile.budget_lines(measure(tmp, quick, smoke), "恶意任务分工文件")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as t:
        for name, code, seconds, peak, line, size in measure(Path(t)):
            print(
                f"{name}\t{size / 1024 / 1024:.2f} MB\texit {code}\t{seconds:.2f} s\t{peak or 0:.0f} MB\t{line[:140]}"
            )
