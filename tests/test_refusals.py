"""Every refusal names its place (DESIGN.md §2: an ambiguity is a ParseError naming it).

One small hand-made document per `raise ParseError(…)` / `raise refuse(…)` in
`tui/source/`: it must raise `ParseError`, name the 1-based line of the text that causes it
(or, for .docx/.xlsx/.html, start with the place: `工作表「任务分工」单元格 B7`,
`第 1 个表格第 4 行`, or the file `「name」` for a refusal of the whole file), and say in
Chinese what was expected. A comment above each test names the raise site it covers (file,
function, and the message's first words: line numbers move as the code does).

A few refusals also go through the CLI (`build-db`): exit code 2, the message naming the
line, and no database left behind.
"""

from __future__ import annotations

import codecs
import io
import re
import traceback
import zipfile
from pathlib import Path

import pytest

from tests.cli_helpers import assert_user_error, invoke
from tests.source.grid_writers import write_docx, write_html, write_xlsx
from tui.source import ParseError, parse_document, read_document

CJK = re.compile(r"[\u4e00-\u9fff]")
TITLE = "重庆市荣昌区人民政府办公室关于印发荣昌区2026年政务公开工作要点任务分工的通知"
NUMBER = "荣昌府办发〔2026〕27号"
TABLE_TITLE = "荣昌区2026年政务公开工作要点任务分工"
PREAMBLE = (TITLE, NUMBER, TABLE_TITLE)
HEADER = ("工作任务", "牵头单位", "责任单位")
SEC1, SUB1 = "一、做好重点领域信息公开", "（一）做好规划信息公开。"
WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "html": write_html}
GRID_FORMATS = sorted(WRITERS)


# -- helpers ----------------------------------------------------------------------------


def flattened(*blocks: str, preamble=PREAMBLE, header=HEADER) -> str:
    """A flattened 任务分工: the preamble, the header cells, then `blocks`, one cell a block,
    a blank line between blocks."""
    return "\n\n".join((*preamble, *header, *blocks)) + "\n"


def tabbed(*lines: str, header=HEADER) -> str:
    """A table pasted into Notepad: the header and every row one line, cells split by tabs."""
    return "\n".join((*PREAMBLE, "\t".join(header), *lines)) + "\n"


def line_of(text: str, block: str, occurrence: int = 1) -> int:
    """The 1-based line holding exactly `block` (its `occurrence`-th time)."""
    seen = 0
    for no, line in enumerate(text.splitlines(), start=1):
        if line.strip() == block:
            seen += 1
            if seen == occurrence:
                return no
    raise AssertionError(f"{block!r} is not a line of the document")


def refusal(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse_document(text)
    return info.value


def file_refusal(data: bytes, name: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        read_document(data, name)
    return info.value


def says(err: ParseError, *expected: str) -> None:
    """The message is Chinese and names what was expected."""
    assert CJK.search(err.message), str(err)
    for fragment in expected:
        assert fragment in str(err), (fragment, str(err))


def raised_in(err: ParseError) -> tuple[str, str]:
    """(file, function) of the `raise` that made `err`."""
    frame = traceback.extract_tb(err.__traceback__)[-1]
    return Path(frame.filename).name, frame.name


def at_line(err: ParseError, line: int, *expected: str, site: tuple[str, str] | None = None) -> None:
    assert err.line == line, str(err)
    assert str(err).startswith(f"第 {line} 行: "), str(err)
    says(err, *expected)
    if site is not None:
        assert raised_in(err) == site, str(err)


def at_place(err: ParseError, place: str, *expected: str, site: tuple[str, str] | None = None) -> None:
    assert str(err).startswith(place + ": "), str(err)
    says(err, *expected)
    if site is not None:
        assert raised_in(err) == site, str(err)


def grid(fmt: str, spec: dict, tmp_path: Path, name: str = "任务分工") -> Path:
    path = tmp_path / f"{name}.{fmt}"
    WRITERS[fmt](spec, path)
    return path


def grid_refusal(fmt: str, spec: dict, tmp_path: Path) -> ParseError:
    path = grid(fmt, spec, tmp_path)
    return file_refusal(path.read_bytes(), path.name)


def first_column_place(fmt: str, table_row: int, preamble_rows: int = len(PREAMBLE)) -> str:
    """Where a grid row is named: `table_row` counts from 1 at the header row."""
    if fmt == "xlsx":
        return f"工作表「任务分工」单元格 A{preamble_rows + table_row}"
    return f"第 1 个表格第 {table_row} 行"


# -- decoding (readers/text_decode.py) ----------------------------------------------------


# text_decode.py decode_text: "… 既不是 UTF-8 也不是 GBK/GB18030 编码的文本"
def test_bytes_neither_utf8_nor_gb18030_name_their_line():
    data = "\n".join(PREAMBLE).encode("gb18030") + b"\n\xff\xfe\n"
    err = file_refusal(data, "乱码.txt")
    at_line(err, 4, "乱码.txt", "UTF-8", "GBK/GB18030", site=("text_decode.py", "decode_text"))


# text_decode.py _strict: "… 声明为 utf-8 编码,但第 … 字节附近不是有效的 utf-8"
def test_utf8_with_bom_but_invalid_bytes_names_their_line():
    data = codecs.BOM_UTF8 + "\n".join(PREAMBLE).encode("utf-8") + b"\n\xc3(\n"
    at_line(file_refusal(data, "坏.txt"), 4, "声明为 utf-8 编码", site=("text_decode.py", "_strict"))


# text_decode.py _strict: the same for UTF-16 with a BOM. The line is counted in characters,
# not in bytes: 上 is U+4E0A, whose UTF-16 bytes hold 0x0A, the byte of a line feed.
@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_bom_but_a_lone_surrogate_names_its_line(codec, bom):
    text = f"{TITLE}\n以上任务于上半年完成\n损坏\ud800的一行\n"
    data = bom + text.encode(codec, "surrogatepass")
    at_line(file_refusal(data, "坏.txt"), 3, "声明为 utf-16 编码", site=("text_decode.py", "_strict"))


# -- the file as a whole (readers/__init__.py) ---------------------------------------------


# readers/__init__.py read_table: "不支持的文件类型「…」:可读 .txt、.docx、.xlsx、.html/.htm …"
@pytest.mark.parametrize(
    "name, shown", [("任务分工.ppt", ".ppt"), ("任务分工.pages", ".pages"), ("任务分工", "任务分工")]
)
def test_an_unsupported_file_type_says_which_types_are_read(name, shown):
    err = file_refusal(b"\xd0\xcf\x11\xe0", name)
    at_line(
        err,
        1,
        f"不支持的文件类型「{shown}」",
        ".txt",
        ".docx",
        ".xlsx",
        ".html",
        ".pdf",
        ".doc",
        "LibreOffice",
        site=("__init__.py", "read_table"),
    )


# readers/__init__.py read_table: "… 有 N MB,超过任务分工文件的上限 20 MB"
def test_a_text_file_over_20_mb_is_refused_at_line_1():
    err = file_refusal(b"a" * (21 * 1024 * 1024), "大.txt")
    at_line(err, 1, "大.txt 有 21.0 MB", "20 MB", site=("__init__.py", "read_table"))


# readers/__init__.py read_table, for a grid format: the size check runs before the grid
# readers' own (grid.py check_size, which names the file, as every other refusal of a whole
# .docx/.xlsx/.html file does); a workbook has no line 1 to name.
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_a_grid_file_over_20_mb_is_refused_naming_the_file(fmt):
    err = file_refusal(b"PK" + bytes(21 * 1024 * 1024), f"大.{fmt}")
    at_place(err, f"「大.{fmt}」", "21", "20 MB")


# grid.py check_size (reached when a grid reader is called directly): "文件有 … MB,超过 20 MB 的上限"
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_the_grid_readers_own_size_check_names_the_file(fmt):
    from tui.source.readers.docx import read_docx
    from tui.source.readers.html import read_html
    from tui.source.readers.xlsx import read_xlsx

    reader = {"docx": read_docx, "xlsx": read_xlsx, "html": read_html}[fmt]
    with pytest.raises(ParseError) as info:
        reader(b"PK" + bytes(21 * 1024 * 1024), f"大.{fmt}")
    at_place(info.value, f"「大.{fmt}」", "文件有 21.0 MB", "20 MB 的上限", site=("grid.py", "check_size"))


# -- the flattened text (readers/text.py) -------------------------------------------------


# text.py TextReader.run: "文件为空"
@pytest.mark.parametrize("text", ["", "\n\n", " \u3000\n\u00a0\n\u2002\n"], ids=["nothing", "newlines", "blanks"])
def test_an_empty_file_is_refused_at_line_1(text):
    at_line(refusal(text), 1, "文件为空", site=("text.py", "run"))


# text.py TextReader.run: "找不到表头:…" at the first heading after the notice's date
def test_no_header_is_named_where_the_table_should_start():
    text = "\n\n".join(
        (
            TITLE,
            NUMBER,
            "重庆市荣昌区人民政府办公室",
            "2026年5月8日",
            TABLE_TITLE,
            SEC1,
            SUB1,
            "公开规划信息。",
            "区发展改革委",
            "区发展改革委",
        )
    )
    at_line(
        refusal(text), line_of(text, SEC1), "找不到表头", "工作任务", "牵头单位", "责任单位", site=("text.py", "run")
    )


# text.py TextReader.run: "找不到表头:…" at the last line when there is no date to go by
def test_no_header_and_no_date_is_named_at_the_last_line():
    text = "\n\n".join((TITLE, NUMBER, TABLE_TITLE, "公开规划信息。", "区发展改革委")) + "\n"
    at_line(refusal(text), line_of(text, "区发展改革委"), "找不到表头", "工作任务", site=("text.py", "run"))


# text.py TextReader.run: "表头中有无法识别的栏目". Unreachable from a document: the header
# finder only returns cells whose words name a column. The site is checked with a finder
# that returns an unknown cell, so that it keeps naming the cell's line.
def test_an_unknown_header_cell_names_its_line(monkeypatch):
    import tui.source.readers.text as text_reader

    text = flattened("公开规划信息。", "区发展改革委", "区发展改革委", header=("工作任务", "资金来源", "责任单位"))
    lines = {cell: line_of(text, cell) for cell in ("工作任务", "资金来源", "责任单位")}
    monkeypatch.setattr(
        text_reader, "find_header", lambda nonblank: (lines["工作任务"], lines["责任单位"], list(lines.items()), False)
    )
    at_line(refusal(text), lines["资金来源"], "表头中有无法识别的栏目", "资金来源", site=("text.py", "run"))


# text.py TextReader.run: "纯文本中无法分清「工作任务」和「工作要求」两栏…"
def test_a_requirement_column_in_flattened_text_is_refused_at_the_header():
    text = flattened(
        SEC1,
        "公开规划信息。",
        "按时公开。",
        "区发展改革委",
        "区发展改革委",
        header=("工作任务", "工作要求", "牵头单位", "责任单位"),
    )
    at_line(refusal(text), line_of(text, "工作任务"), "工作要求", "制表符", site=("text.py", "run"))


# text.py TextReader.run: "表格中没有任何任务行" (a table of headings only)
def test_a_table_without_task_rows_is_refused_at_its_last_line():
    text = flattened(SEC1, SUB1, "二、强化工作保障")
    at_line(refusal(text), line_of(text, "二、强化工作保障"), "没有任何任务行", site=("text.py", "run"))


# text.py TextReader.on_block: "无法判断这是单位栏还是工作任务(部分名称不像单位)"
def test_a_block_half_units_half_text_names_its_line():
    text = flattened(SEC1, "公开规划信息。", "区发展改革委、做好宣传工作", "区发展改革委")
    at_line(
        refusal(text), line_of(text, "区发展改革委、做好宣传工作"), "单位栏还是工作任务", site=("text.py", "on_block")
    )


# text.py TextReader.on_block: "单位栏前没有对应的工作任务"
def test_unit_cells_before_any_task_name_the_first_of_them():
    text = flattened(SEC1, SUB1, "区财政局", "区财政局", "公开预算信息。", "区财政局", "区财政局")
    at_line(refusal(text), line_of(text, "区财政局"), "单位栏前没有对应的工作任务", site=("text.py", "on_block"))


# text.py TextReader.on_text: "编号重新从 1 开始,但上一行任务没有单位栏"
def test_numbering_restarting_without_unit_cells_names_the_restart():
    text = flattened(SEC1, "1.公开规划信息。", "2.公开规划解读。", "1.公开预算信息。", "区财政局", "区财政局")
    at_line(
        refusal(text), line_of(text, "1.公开预算信息。"), "编号重新从 1 开始", "单位栏", site=("text.py", "on_text")
    )


# text.py TextReader.mend_truncated: "单位名称残缺,无法确定原名"
def test_a_truncated_unit_name_without_a_full_name_earlier_names_its_line():
    text = flattened(SEC1, "公开规划信息。", "区发展改革委", "、区县政府门户网站承办单位")
    at_line(
        refusal(text), line_of(text, "、区县政府门户网站承办单位"), "单位名称残缺", site=("text.py", "mend_truncated")
    )


# text.py TextReader.close_row: "这一行任务没有牵头单位或责任单位" (a heading comes next)
def test_a_row_without_unit_cells_before_a_heading_names_its_last_paragraph():
    text = flattened(
        SEC1, "1.公开规划信息。", "2.公开规划解读。", "二、强化工作保障", "公开预算信息。", "区财政局", "区财政局"
    )
    at_line(refusal(text), line_of(text, "2.公开规划解读。"), "没有牵头单位或责任单位", site=("text.py", "close_row"))


# text.py TextReader.close_row: the same at the end of the file
def test_a_last_row_without_unit_cells_names_its_last_paragraph():
    text = flattened(SEC1, "公开预算信息。", "区财政局", "区财政局", "公开规划信息。")
    at_line(refusal(text), line_of(text, "公开规划信息。"), "没有牵头单位或责任单位", site=("text.py", "close_row"))


# text_rows.py place_cells: "这一行任务后出现了多余的单位栏:表头只有 2 个单位栏目(…)"
def test_a_third_unit_cell_names_its_line():
    text = flattened(SEC1, "公开规划信息。", "区发展改革委", "区发展改革委", "区财政局")
    at_line(
        refusal(text),
        line_of(text, "区财政局"),
        "多余的单位栏",
        "牵头单位、责任单位",
        site=("text_rows.py", "place_cells"),
    )


# text_rows.py place_cells: "这一行有 N 个单位栏,与表头的单位栏目(…)对不上" (a deadline
# cell printed before the unit cells: no column order fits)
def test_cells_in_no_order_the_header_allows_name_the_first():
    text = flattened(
        SEC1, "公开规划信息。", "2026年6月底前", "区发展改革委", header=("工作任务", "牵头单位", "责任单位", "完成时限")
    )
    at_line(
        refusal(text),
        line_of(text, "2026年6月底前"),
        "对不上",
        "牵头单位、责任单位",
        site=("text_rows.py", "place_cells"),
    )


# text_rows.py place_cells: "这一行只有 N 个单位栏,表头有 M 个单位栏目(…):无法判断哪一栏为空…"
def test_too_few_unit_cells_for_three_unit_columns_name_the_first():
    text = flattened(
        SEC1,
        "公开规划信息。",
        "区发展改革委",
        "区财政局",
        "/",
        "公开预算信息。",
        "区财政局",
        "区民政局",
        header=("工作任务", "牵头单位", "责任单位", "配合单位"),
    )
    at_line(
        refusal(text),
        line_of(text, "区财政局", 2),
        "只有 2 个单位栏",
        "请在空栏处写「/」",
        site=("text_rows.py", "place_cells"),
    )


# text_rows.py place_cells: "只有一个单位栏,但上方没有可以沿用牵头单位的任务行"
def test_one_unit_cell_on_the_first_row_names_it():
    text = flattened(SEC1, SUB1, "公开规划信息。", "区发展改革委")
    at_line(
        refusal(text),
        line_of(text, "区发展改革委"),
        "只有一个单位栏",
        "沿用牵头单位",
        site=("text_rows.py", "place_cells"),
    )


# text_rows.py read_tabbed: "这一行没有用制表符分开的栏目,也不是章节标题"
def test_a_line_without_tabs_in_a_tabbed_table_names_its_line():
    text = tabbed(SEC1, "公开规划信息。\t区发展改革委\t区发展改革委", "以上任务请认真落实。")
    at_line(
        refusal(text),
        line_of(text, "以上任务请认真落实。"),
        "没有用制表符分开的栏目",
        site=("text_rows.py", "read_tabbed"),
    )


# text_rows.py read_tabbed: "这一行有 N 栏,表头只有 M 栏"
def test_a_tabbed_line_with_too_many_cells_names_its_line():
    line = "公开规划信息。\t区发展改革委\t区发展改革委\t区财政局"
    text = tabbed(SEC1, line)
    at_line(refusal(text), line_of(text, line), "这一行有 4 栏", "表头只有 3 栏", site=("text_rows.py", "read_tabbed"))


# text_rows.py read_tabbed: "这一行只有 N 栏,表头有 M 栏:无法判断…"
def test_a_tabbed_line_with_too_few_cells_names_its_line():
    line = "公开规划信息。\t区发展改革委"
    text = tabbed(SEC1, line)
    at_line(
        refusal(text),
        line_of(text, line),
        "这一行只有 2 栏",
        "表头有 3 栏",
        "请在空栏处写「/」",
        site=("text_rows.py", "read_tabbed"),
    )


# -- flattened text with a column left unread (text_seq_rows.py) ----------------------------
PROGRESS_HEADER = ("序号", "工作任务", "进展情况", "责任单位")
# A task written as a numbered item: the reader by content (text_by_content.py) cannot tell it
# from two cells either, so the refusal stands.
ITEM = "1.公开规划信息。"


# text_seq_rows.py read_seq_rows: "表头中有不读的栏目「…」…只有每行以序号开头…" (no 序号 column)
def test_an_unread_column_without_a_seq_column_is_refused_at_the_header():
    text = flattened(ITEM, "已公开5件。", "区发展改革委", header=("工作任务", "进展情况", "责任单位"))
    at_line(
        refusal(text),
        line_of(text, "工作任务"),
        "「进展情况」",
        "每行以序号开头",
        site=("text_seq_rows.py", "read_seq_rows"),
    )


# text_seq_rows.py read_seq_rows: "表头之后每行应以序号 1 开头…"
def test_an_unread_column_table_whose_row_does_not_start_with_its_seq_names_the_line():
    text = flattened(ITEM, "已公开5件。", "区发展改革委", header=PROGRESS_HEADER)
    at_line(refusal(text), line_of(text, ITEM), "应以序号 1 开头", site=("text_seq_rows.py", "read_seq_rows"))


# text_seq_rows.py _row: "序号 N 这一行只有 K 格,表头有 M 栏:分不清哪一栏为空…"
def test_an_unread_column_row_with_a_cell_missing_names_its_seq_line():
    text = flattened("1", ITEM, "区发展改革委", "2", "公开财政信息。", "已公开。", "区财政局", header=PROGRESS_HEADER)
    at_line(
        refusal(text),
        line_of(text, "1"),
        "这一行只有 3 格",
        "表头有 4 栏",
        "请在空栏处写「/」",
        site=("text_seq_rows.py", "_row"),
    )


# text_seq_rows.py _row: "序号 N 这一行有 K 格,比表头的 M 栏多:分不清多出的一段属于哪一栏…"
def test_an_unread_column_row_with_an_extra_sentence_names_its_line():
    text = flattened("1", "公开规划信息。", "已公开5件。", "已解读2件。", "区发展改革委", header=PROGRESS_HEADER)
    at_line(refusal(text), line_of(text, "已公开5件。"), "比表头的 4 栏多", site=("text_seq_rows.py", "_row"))


# text_seq_rows.py _row: "序号 N 这一行的「责任单位」栏不是单位名称…"
def test_an_unread_column_row_whose_unit_cell_holds_text_names_its_line():
    text = flattened("1", "公开规划信息。", "已公开5件。", "按要求完成公开工作。", header=PROGRESS_HEADER)
    at_line(
        refusal(text),
        line_of(text, "按要求完成公开工作。"),
        "「责任单位」栏不是单位名称",
        site=("text_seq_rows.py", "_row"),
    )


# -- the lines before the table (preamble.py) ---------------------------------------------


# preamble.py read_preamble: a table with nothing above it (an attachment copied alone) is
# read, named by its file; its year is asked when the document is loaded (tests/source/test_no_number.py).
def test_a_header_on_the_first_line_reads_the_table_named_by_its_file():
    text = "\n\n".join((*HEADER, SEC1, "公开规划信息。", "区发展改革委", "区发展改革委"))
    doc = read_document(text.encode("utf-8"), "分工表.txt")
    assert (doc.number, doc.title, doc.year) == (None, "分工表", None)
    assert [r.responsible_units for r in doc.rows] == [["区发展改革委"]]


# preamble.py read_preamble: no 文号 is no refusal any more (issue 22): the document is known by
# its title and year, the cited number is not taken, and the report says so.
def test_no_document_number_reads_the_document_by_its_title():
    text = flattened(
        SEC1,
        "公开规划信息。",
        "区发展改革委",
        "区发展改革委",
        preamble=(
            TITLE,
            "各镇人民政府、街道办事处：",
            "按照《通知》（渝府办发〔2026〕21号）要求，印发给你们。",
            TABLE_TITLE,
        ),
    )
    from tui.source import parse_document

    doc = parse_document(text)
    assert doc.number is None and doc.title == TABLE_TITLE  # the name the notice gives the breakdown
    assert [n.origin.line for n in doc.notes if n.kind == "number_missing"] == [1]


# -- headings (interpret.py) --------------------------------------------------------------


# interpret.py on_heading: "章节编号应为「三」,实为「二」": a number going back is refused
def test_a_section_number_going_back_names_the_heading():
    text = flattened(
        SEC1,
        "公开规划信息。",
        "区发展改革委",
        "区发展改革委",
        "二、强化工作保障",
        "公开预算信息。",
        "区财政局",
        "区财政局",
        "二、加强组织领导",
        "公开决算信息。",
        "区财政局",
        "区财政局",
    )
    at_line(
        refusal(text),
        line_of(text, "二、加强组织领导"),
        "章节编号应为「三」",
        "实为「二」",
        site=("interpret.py", "on_heading"),
    )


# A number that skips forward is read, with a warning naming the heading: a department's excerpt
# keeps only the sections that concern it (real: chongqing-wenlv-2021-dept-pipe-cells).
def test_a_skipped_section_number_is_read_with_a_warning_naming_the_heading():
    text = flattened(
        SEC1,
        "公开规划信息。",
        "区发展改革委",
        "区发展改革委",
        "三、强化工作保障",
        "公开预算信息。",
        "区财政局",
        "区财政局",
    )
    doc = parse_document(text)
    assert [s.numeral for s in doc.sections] == ["一", "三"]
    (warning,) = [n for n in doc.notes if n.kind == "heading_skipped"]
    assert warning.severity == "warning" and warning.origin.line == line_of(text, "三、强化工作保障")
    assert "章节编号应为「二」" in warning.message and "实为「三」" in warning.message


# interpret.py on_heading: "小节标题出现在任何章节之前" (in a table that has sections: one
# whose headings are all （一）… reads them under an implicit section instead)
def test_a_subsection_before_any_section_names_it():
    text = flattened(
        SUB1, "公开规划信息。", "区发展改革委", "区发展改革委", SEC1, "公开预算信息。", "区财政局", "区财政局"
    )
    at_line(refusal(text), line_of(text, SUB1), "小节标题出现在任何章节之前", site=("interpret.py", "on_heading"))


# interpret.py on_heading: "小节编号应为「(三)」,实为「(二)」"; a skip forward is a warning
def test_a_subsection_number_going_back_names_the_heading():
    text = flattened(
        SEC1,
        SUB1,
        "公开规划信息。",
        "区发展改革委",
        "区发展改革委",
        "（二）做好财政信息公开。",
        "公开预算信息。",
        "区财政局",
        "区财政局",
        "（二）做好决算信息公开。",
        "公开决算信息。",
        "区财政局",
        "区财政局",
    )
    at_line(
        refusal(text),
        line_of(text, "（二）做好决算信息公开。"),
        "小节编号应为「(三)」",
        "实为「(二)」",
        site=("interpret.py", "on_heading"),
    )


def test_a_skipped_subsection_number_is_read_with_a_warning_naming_the_heading():
    text = flattened(
        SEC1,
        SUB1,
        "公开规划信息。",
        "区发展改革委",
        "区发展改革委",
        "（三）做好财政信息公开。",
        "公开预算信息。",
        "区财政局",
        "区财政局",
    )
    doc = parse_document(text)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.3.1"]
    (warning,) = [n for n in doc.notes if n.kind == "heading_skipped"]
    assert warning.origin.line == line_of(text, "（三）做好财政信息公开。") and "实为「(三)」" in warning.message


# interpret.py number: "标题编号「二二」不是有效的中文数字"
@pytest.mark.parametrize("heading", ["二二、强化工作保障", "（十十）做好财政信息公开。"])
def test_a_heading_numeral_that_is_no_number_names_the_heading(heading):
    text = flattened(
        SEC1, SUB1, "公开规划信息。", "区发展改革委", "区发展改革委", heading, "公开预算信息。", "区财政局", "区财政局"
    )
    at_line(refusal(text), line_of(text, heading), "不是有效的中文数字", site=("interpret.py", "number"))


# -- rows and units (interpret.py) --------------------------------------------------------


# interpret.py read_names: "单位栏中有空的单位名称"
@pytest.mark.parametrize("cell", ["区财政局、、区民政局", "区财政局、"])
def test_an_empty_unit_name_names_its_cell(cell):
    text = flattened(SEC1, "公开预算信息。", "区财政局", cell)
    at_line(refusal(text), line_of(text, cell), "空的单位名称", site=("interpret.py", "read_names"))


# interpret.py build_rows: "这一行任务没有牵头单位或责任单位" (both unit cells written "/")
def test_a_row_whose_unit_cells_are_all_empty_names_its_task():
    text = flattened(SEC1, "公开预算信息。", "区财政局", "区财政局", "公开规划信息。", "/", "/")
    at_line(
        refusal(text), line_of(text, "公开规划信息。"), "没有牵头单位或责任单位", site=("interpret.py", "build_rows")
    )


# interpret.py build_rows, in a grid: the row's place
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_a_grid_row_without_units_names_its_row(fmt, tmp_path):
    spec = {
        "preamble": list(PREAMBLE),
        "header": list(HEADER),
        "body": [{"cells": ["公开预算信息。", "区财政局", "区财政局"]}, {"cells": ["公开规划信息。", "", "/"]}],
    }
    at_place(
        grid_refusal(fmt, spec, tmp_path),
        first_column_place(fmt, 3),
        "没有牵头单位或责任单位",
        site=("interpret.py", "build_rows"),
    )


# interpret.py on_row: "单位栏前没有对应的工作任务" (a grid row with units and an empty task cell)
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_a_grid_row_with_units_but_no_task_names_its_row(fmt, tmp_path):
    spec = {
        "preamble": list(PREAMBLE),
        "header": list(HEADER),
        "body": [
            {"heading": SEC1},
            {"cells": ["公开预算信息。", "区财政局", "区财政局"]},
            {"cells": ["", "区民政局", "区民政局"]},
        ],
    }
    at_place(
        grid_refusal(fmt, spec, tmp_path),
        first_column_place(fmt, 4),
        "单位栏前没有对应的工作任务",
        "区民政局",
        site=("interpret.py", "on_row"),
    )


# interpret.py continued_task: "这一行的工作任务与上方合并,但上方没有对应的任务行" (the task cell
# is merged down from a 序号 heading row 一 | title)
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_a_task_cell_merged_down_from_a_heading_row_names_the_row(fmt, tmp_path):
    spec = {
        "preamble": list(PREAMBLE),
        "header": ["序号", *HEADER],
        "body": [
            {"cells": ["一", {"text": "做好重点领域信息公开", "rowspan": 2}, "", ""]},
            {"cells": ["1", "区财政局", "区财政局"]},
        ],
    }
    at_place(
        grid_refusal(fmt, spec, tmp_path),
        first_column_place(fmt, 3),
        "工作任务与上方合并",
        "没有对应的任务行",
        site=("interpret.py", "continued_task"),
    )


# interpret.py run: "表格中没有任何任务行" (a grid: at the header)
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_a_grid_table_without_task_rows_names_its_header(fmt, tmp_path):
    spec = {"preamble": list(PREAMBLE), "header": list(HEADER), "body": [{"heading": SEC1}, {"heading": SUB1}]}
    at_place(
        grid_refusal(fmt, spec, tmp_path), first_column_place(fmt, 1), "没有任何任务行", site=("interpret.py", "run")
    )


# -- items (items.py) ---------------------------------------------------------------------


# items.py build_items: "同一行任务中出现了第三种编号样式,无法判断层级"
def test_a_third_numbering_style_names_its_paragraph():
    text = flattened(
        SEC1, "1.规范政府网站管理：", "（1）优化网站栏目。", "①每月开展一次自查。", "区政府办公室", "区政府各部门"
    )
    at_line(refusal(text), line_of(text, "①每月开展一次自查。"), "第三种编号样式", site=("items.py", "build_items"))


# items.py build_items: "同一行任务中条目编号「2」重复"
def test_a_repeated_item_number_names_its_paragraph():
    text = flattened(SEC1, "1.公开规划信息。", "2.公开规划解读。", "2.公开预算信息。", "区财政局", "区财政局")
    at_line(refusal(text), line_of(text, "2.公开预算信息。"), "条目编号「2」重复", site=("items.py", "build_items"))


# items.py build_items: "条目编号应为「3」,实为「4」(缺了条目?)"
def test_a_skipped_item_number_names_its_paragraph():
    text = flattened(SEC1, "1.公开规划信息。", "2.公开规划解读。", "4.公开预算信息。", "区财政局", "区财政局")
    at_line(
        refusal(text),
        line_of(text, "4.公开预算信息。"),
        "条目编号应为「3」",
        "实为「4」",
        site=("items.py", "build_items"),
    )


# items.py build_items: "子条目编号应为「1」,实为「2」"
def test_a_sub_item_not_starting_at_1_names_its_paragraph():
    text = flattened(SEC1, "1.规范政府网站管理：", "（2）优化网站栏目。", "区政府办公室", "区政府各部门")
    at_line(
        refusal(text),
        line_of(text, "（2）优化网站栏目。"),
        "子条目编号应为「1」",
        "实为「2」",
        site=("items.py", "build_items"),
    )


# items.py build_items: "无法归属的段落" and "子条目前没有上级编号条目" are unreachable: the
# first numbering style met in a row is level 1 and at once the current heading item, so a
# group heading always exists, and stays in `items` until a sub-item replaces it there.
def test_the_unreachable_item_refusals_stay_unreachable():
    text = flattened(
        SEC1, "1.规范政府网站管理：", "补充说明。", "（1）优化网站栏目。", "补充说明。", "区政府办公室", "区政府各部门"
    )
    (row,) = parse_document(text).rows
    assert [(i.label, i.text) for i in row.items] == [("1.1", "优化网站栏目。\n补充说明。")]
    assert row.items[0].group == "规范政府网站管理：\n补充说明。"


# -- grid files: refusals of the whole file (readers/grid.py, docx.py, xlsx.py, html.py) ----

SPEC = {
    "preamble": list(PREAMBLE),
    "header": list(HEADER),
    "body": [{"heading": SEC1}, {"cells": ["公开预算信息。", "区财政局", "区财政局"]}],
}


def _zip(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _rewrite(path: Path, member: str, edit, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    with zipfile.ZipFile(path) as src:
        return _zip(
            {
                i.filename: (edit(src.read(i).decode("utf-8")) if i.filename == member else src.read(i))
                for i in src.infolist()
            },
            compression,
        )


def _claim_sizes(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size in its central directory record set to `size`."""
    raw = bytearray(data)
    name = member.encode()
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        n = int.from_bytes(raw[at + 28 : at + 30], "little")
        if raw[at + 46 : at + 46 + n] == name:
            raw[at + 24 : at + 28] = size.to_bytes(4, "little")
            return bytes(raw)
        at = raw.find(b"PK\x01\x02", at + 4)
    raise AssertionError(member)


# grid.py check_zip: "不是有效的 … 文件:它是旧版 Office 格式(.doc/.xls)或设置了打开密码,…"
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_legacy_or_password_protected_office_file_names_the_file(fmt):
    err = file_refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), f"旧.{fmt}")
    at_place(err, f"「旧.{fmt}」", "旧版 Office 格式", f"另存为 .{fmt}", site=("grid.py", "check_zip"))


# grid.py check_zip: "不是有效的 … 文件" (+ ":它是 RTF 格式" / ":它是网页(HTML)")
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize(
    "data, hint",
    [
        (b"plain text", ""),
        (b"{\\rtf1\\ansi x}", "它是 RTF 格式"),
        (b"<html><body></body></html>", "请把扩展名改为 .html"),
    ],
)
def test_not_a_zip_names_the_file_and_what_it_is(fmt, data, hint):
    at_place(file_refusal(data, f"伪.{fmt}"), f"「伪.{fmt}」", "不是有效的", hint, site=("grid.py", "check_zip"))


# grid.py check_zip: "不是有效的 … 文件,或文件已损坏:…" (a zip whose central directory is broken)
def test_a_zip_with_a_broken_central_directory_names_the_file(tmp_path):
    raw = bytearray(grid("xlsx", SPEC, tmp_path).read_bytes())
    at = raw.rfind(b"PK\x01\x02")
    raw[at : at + 4] = b"PX\x01\x02"
    at_place(
        file_refusal(bytes(raw), "坏.xlsx"),
        "「坏.xlsx」",
        "不是有效的 Excel(.xlsx) 文件,或文件已损坏",
        site=("grid.py", "check_zip"),
    )


# the gate (tui/ooxml.py check_package) through grid.py _gate: "其中的「…」解压后有 N MB,超过 80 MB 的上限(…),未读取"
def test_a_zip_claiming_too_much_unpacked_data_names_the_file(tmp_path):
    data = _claim_sizes(grid("xlsx", SPEC, tmp_path).read_bytes(), "xl/worksheets/sheet1.xml", 300 * 1024 * 1024)
    at_place(
        file_refusal(data, "炸弹.xlsx"), "「炸弹.xlsx」", "解压后有 300.0 MB", "80 MB 的上限", site=("grid.py", "_gate")
    )


# the gate (tui/ooxml.py check_package) through grid.py _gate: "其中的「…」压缩比超过 200 倍(…),未读取"
def test_a_zip_member_with_an_absurd_ratio_names_the_file_and_member(tmp_path):
    data = _claim_sizes(grid("docx", SPEC, tmp_path).read_bytes(), "word/document.xml", 50 * 1024 * 1024)
    at_place(
        file_refusal(data, "压缩比.docx"),
        "「压缩比.docx」",
        "其中的「word/document.xml」压缩比超过 200 倍",
        site=("grid.py", "_gate"),
    )


# grid.py check_zip: "不是有效的 … 文件:它是 … 文件" (an Office package of the other kind)
@pytest.mark.parametrize("written, named, other", [("docx", "xlsx", "Word(.docx)"), ("xlsx", "docx", "Excel(.xlsx)")])
def test_an_office_package_of_the_other_kind_names_the_file_and_its_kind(written, named, other, tmp_path):
    data = grid(written, SPEC, tmp_path).read_bytes()
    at_place(file_refusal(data, f"错.{named}"), f"「错.{named}」", f"它是 {other} 文件", site=("grid.py", "check_zip"))


# docx.py read_docx: "不是有效的 Word(.docx) 文件,或文件已损坏:…" (python-docx cannot open it)
def test_a_docx_python_docx_cannot_open_names_the_file():
    err = file_refusal(_zip({"word/document.xml": "<w:document/>"}), "坏.docx")
    at_place(err, "「坏.docx」", "不是有效的 Word(.docx) 文件,或文件已损坏", site=("docx.py", "read_docx"))


# xlsx.py read_xlsx: "不是有效的 Excel(.xlsx) 文件,或文件已损坏:…" (the read-only load fails)
def test_an_xlsx_openpyxl_cannot_open_names_the_file():
    err = file_refusal(_zip({"xl/workbook.xml": "<workbook/>"}), "坏.xlsx")
    at_place(err, "「坏.xlsx」", "不是有效的 Excel(.xlsx) 文件,或文件已损坏", site=("xlsx.py", "read_xlsx"))


# xlsx.py read_xlsx: the same when only the full load fails (a broken merged range, which
# only the full load reads)
def test_an_xlsx_whose_merged_ranges_are_broken_names_the_file(tmp_path):
    from openpyxl import load_workbook

    data = _rewrite(
        grid("xlsx", SPEC, tmp_path),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            "</worksheet>", '<mergeCells count="1"><mergeCell ref="A1:"/></mergeCells></worksheet>'
        ),
    )
    wb = load_workbook(io.BytesIO(data), read_only=True)  # the first, read-only, load reads it
    assert list(wb.worksheets[0].iter_rows(max_row=3, values_only=True))
    wb.close()
    at_place(
        file_refusal(data, "坏.xlsx"),
        "「坏.xlsx」",
        "不是有效的 Excel(.xlsx) 文件,或文件已损坏",
        site=("xlsx.py", "read_xlsx"),
    )


# grid.py Assembler.result: "找不到表头行(文档中的 1 个表格都没有)。表头应有…"
# xlsx.py _header_sheet: "找不到表头行(已查看工作表「…」的前 30 行)。表头应有…"
@pytest.mark.parametrize(
    "fmt, where",
    [
        ("docx", "文档中的 1 个表格都没有"),
        ("html", "网页中的 1 个表格都没有"),
        ("xlsx", "已查看工作表「任务分工」的前 30 行"),
    ],
)
def test_no_header_row_names_the_file_and_the_columns_expected(fmt, where, tmp_path):
    spec = {"preamble": list(PREAMBLE), "header": ["内容", "备注"], "body": [{"cells": ["公开预算信息。", "区财政局"]}]}
    at_place(
        grid_refusal(fmt, spec, tmp_path),
        "「任务分工." + fmt + "」",
        "找不到表头行",
        where,
        "工作任务",
        "牵头单位",
        site=("xlsx.py", "_header_sheet") if fmt == "xlsx" else ("grid.py", "result"),
    )


# grid.py unusable_header, raised by Assembler.result (docx, html: `self._candidate`) and
# xlsx.py _header_sheet (`near`): "「…」中找不到可用的表头行:表头中「牵头」栏目出现了不止一次"
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_a_nearly_header_row_names_its_row_and_what_is_wrong(fmt, tmp_path):
    spec = {
        "preamble": list(PREAMBLE),
        "header": ["工作任务", "牵头单位", "牵头部门"],
        "body": [{"cells": ["公开预算信息。", "区财政局", "区财政局"]}],
    }
    at_place(
        grid_refusal(fmt, spec, tmp_path),
        first_column_place(fmt, 1),
        "找不到可用的表头行",
        "「牵头」栏目出现了不止一次",
        site=("xlsx.py", "_header_sheet") if fmt == "xlsx" else ("grid.py", "result"),
    )


# grid.py Assembler._sub_header: "「…」的两行表头不可用:…" (the cells under 单位 repeat 牵头)
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_an_unusable_second_header_row_names_it(fmt, tmp_path):
    spec = {
        "preamble": list(PREAMBLE),
        "header": [{"text": "工作任务", "rowspan": 2}, {"text": "责任单位", "colspan": 2}],
        "body": [{"cells": ["牵头单位", "牵头部门"]}, {"cells": ["公开预算信息。", "区财政局", "区财政局"]}],
    }
    at_place(
        grid_refusal(fmt, spec, tmp_path),
        first_column_place(fmt, 2),
        "两行表头不可用",
        "出现了不止一次",
        site=("grid.py", "_sub_header"),
    )


# docx.py _grid: "第 1 个表格超过 20000 行的上限"
def test_a_docx_table_over_20000_rows_names_the_file(tmp_path):
    row = "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
    data = _rewrite(
        grid("docx", SPEC, tmp_path),
        "word/document.xml",
        lambda xml: xml.replace("</w:tbl>", row * 20_001 + "</w:tbl>", 1),
        zipfile.ZIP_STORED,
    )  # stored: deflated, the repeated rows would trip the ratio check first
    at_place(file_refusal(data, "长.docx"), "「长.docx」", "第 1 个表格超过 20000 行的上限", site=("docx.py", "_grid"))


# docx.py _grid: "第 1 个表格第 N 行超过 64 列(Word 表格最多 63 列)"
def test_a_docx_row_over_64_columns_names_the_file_table_and_row(tmp_path):
    wide = "<w:tr>" + "<w:tc><w:p/></w:tc>" * 65 + "</w:tr>"
    data = _rewrite(
        grid("docx", SPEC, tmp_path), "word/document.xml", lambda xml: xml.replace("</w:tbl>", wide + "</w:tbl>", 1)
    )
    at_place(file_refusal(data, "宽.docx"), "「宽.docx」", "第 1 个表格第 4 行超过 64 列", site=("docx.py", "_grid"))


# the gate's row count through grid.py _gate: "工作表「…」超过 20000 行的上限(读到第 N 行时停止),未读取";
# xlsx.py read_xlsx: "工作表「…」有 N 列,超过 50 列的上限" (the cells, not the <dimension>, say so)
@pytest.mark.parametrize(
    "ref, message, site",
    [
        ("C30000", "工作表「任务分工」超过 20000 行的上限(读到第 30000 行时停止)", ("grid.py", "_gate")),
        ("BA5", "工作表「任务分工」有 53 列,超过 50 列的上限", ("xlsx.py", "read_xlsx")),
    ],
)
def test_an_xlsx_sheet_too_big_names_the_file_and_sheet(ref, message, site, tmp_path):
    row = re.sub(r"\D", "", ref)
    far = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    data = _rewrite(
        grid("xlsx", SPEC, tmp_path),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("</sheetData>", far + "</sheetData>"),
    )
    at_place(file_refusal(data, "大表.xlsx"), "「大表.xlsx」", message, site=site)


# html.py read_html: "不是可读的网页文件:…" (lxml refuses an unterminated XML declaration)
def test_an_html_page_lxml_refuses_names_the_file():
    err = file_refusal(b"<?xml version='1.0' encoding='gbk'", "坏.html")
    at_place(err, "「坏.html」", "不是可读的网页文件", site=("html.py", "read_html"))


# html.py read_html, the gate's streaming pass: "网页的嵌套超过 256 层的上限(…),未读取"
def test_an_html_page_nested_too_deep_names_the_file(tmp_path):
    page = grid("html", SPEC, tmp_path).read_text(encoding="utf-8")
    page = page.replace("<body>", "<body>" + "<div>" * 300 + "x" + "</div>" * 300)
    at_place(
        file_refusal(page.encode("utf-8"), "深.html"),
        "「深.html」",
        "网页的嵌套超过 256 层的上限",
        site=("html.py", "read_html"),
    )


# html.py read_html: "网页是空的"
@pytest.mark.parametrize("data", [b"", b"   \n", b"<!-- nothing -->"])
def test_an_empty_html_page_names_the_file(data):
    at_place(file_refusal(data, "空.html"), "「空.html」", "网页是空的", site=("html.py", "read_html"))


# html.py _decode: "网页以 UTF-8 标记开头,但内容不是 UTF-8 文字"
def test_an_html_page_with_a_bom_it_does_not_keep_names_the_file():
    at_place(
        file_refusal(codecs.BOM_UTF8 + b"<p>\xff</p>", "标记.html"),
        "「标记.html」",
        "UTF-8 标记开头",
        site=("html.py", "_decode"),
    )


# html.py _decode: "无法识别网页的文字编码(既不是 UTF-8,也不是 GBK/GB18030)"
def test_an_html_page_in_no_known_encoding_names_the_file():
    at_place(
        file_refusal(b"<p>\x80\xff</p>", "乱码.html"),
        "「乱码.html」",
        "无法识别网页的文字编码",
        site=("html.py", "_decode"),
    )


# html.py read_html, the gate's streaming pass: "网页中的表格共超过 20000 行的上限(读到第 N 行时停止),未读取"
def test_an_html_table_over_20000_rows_names_the_file(tmp_path):
    page = grid("html", SPEC, tmp_path).read_text(encoding="utf-8")
    page = page.replace("</table>", "<tr><td>x</td></tr>" * 20_001 + "</table>")
    at_place(
        file_refusal(page.encode("utf-8"), "长.html"),
        "「长.html」",
        "网页中的表格共超过 20000 行的上限(读到第 20001 行时停止)",
        site=("html.py", "read_html"),
    )


# html.py _grid: "第 1 个表格第 N 行超过 50 列的上限"
def test_an_html_row_over_50_columns_names_the_file_table_and_row(tmp_path):
    page = grid("html", SPEC, tmp_path).read_text(encoding="utf-8")
    page = page.replace("</table>", "<tr>" + "<td>x</td>" * 51 + "</tr></table>")
    at_place(
        file_refusal(page.encode("utf-8"), "宽.html"),
        "「宽.html」",
        "第 1 个表格第 4 行超过 50 列的上限",
        site=("html.py", "_grid"),
    )


# -- through the CLI ----------------------------------------------------------------------

CLI_CASES = {
    # interpret.py on_heading: 章节编号应为…
    "heading-back": (
        flattened(
            SEC1,
            "公开规划信息。",
            "区发展改革委",
            "区发展改革委",
            "一、强化工作保障",
            "公开预算信息。",
            "区财政局",
            "区财政局",
        ),
        "一、强化工作保障",
        "章节编号应为「二」",
    ),
    # text.py on_block: 单位栏前没有对应的工作任务
    "orphan-units": (
        flattened(SEC1, SUB1, "区财政局", "公开预算信息。", "区财政局", "区财政局"),
        "区财政局",
        "单位栏前没有对应的工作任务",
    ),
    # text.py place_cells: 多余的单位栏
    "third-unit-cell": (
        flattened(SEC1, "公开规划信息。", "区发展改革委", "区发展改革委", "区财政局"),
        "区财政局",
        "多余的单位栏",
    ),
    # items.py build_items: 条目编号应为…
    "item-skip": (
        flattened(SEC1, "1.公开规划信息。", "3.公开预算信息。", "区财政局", "区财政局"),
        "3.公开预算信息。",
        "条目编号应为「2」",
    ),
}


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_build_db_refuses_naming_the_line_and_writes_nothing(case, tmp_path):
    text, block, expected = CLI_CASES[case]
    source = tmp_path / f"{case}.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "tasks.sqlite"
    line = line_of(text, block)
    message = assert_user_error(invoke("build-db", source, "-o", out), f"第 {line} 行", expected)
    assert message.startswith(f"错误:第 {line} 行: "), message
    assert not out.exists()
    assert not list(tmp_path.glob("tasks.sqlite*"))


# text_decode.py decode_text through the CLI: a GBK file broken on line 4
def test_build_db_refuses_undecodable_bytes_naming_the_line(tmp_path):
    source = tmp_path / "乱码.txt"
    source.write_bytes("\n".join(PREAMBLE).encode("gb18030") + b"\n\xff\xfe\n")
    out = tmp_path / "tasks.sqlite"
    assert_user_error(invoke("build-db", source, "-o", out), "第 4 行", "GBK/GB18030")
    assert not out.exists()


# grid refusals through the CLI name the cell or the table row
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_build_db_refuses_a_grid_naming_its_place(fmt, tmp_path):
    spec = {
        "preamble": list(PREAMBLE),
        "header": list(HEADER),
        "body": [
            {"heading": SEC1},
            {"cells": ["公开预算信息。", "区财政局", "区财政局"]},
            {"cells": ["", "区民政局", "区民政局"]},
        ],
    }
    source = grid(fmt, spec, tmp_path)
    out = tmp_path / "tasks.sqlite"
    assert_user_error(invoke("build-db", source, "-o", out), first_column_place(fmt, 4), "单位栏前没有对应的工作任务")
    assert not out.exists()
