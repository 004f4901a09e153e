"""A table without a unit column whose part headings name who does the rows under them
(`一、各区县政府、市政府各部门负责落实的工作任务`, as 沈阳 2017 publishes its 任务明细表): each row
takes its heading's units and role, said at the heading; a part whose heading names none is
refused at its first row; a table with a unit column of its own keeps it."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document
from tui.source.readers.subject_list import heading_units
from tui.source.units_from_headings import names_units

TOP = [
    "某市人民政府办公室关于印发某市2024年政务公开工作任务明细表的通知",
    "某府办发〔2024〕9号",
    "某市2024年政务公开工作任务明细表",
]
HEADER = ["序号", "任务事项", "工作要求", "完成时限"]
PART_1 = ["一、各区县政府、市政府各部门负责落实的工作任务"]
ROWS_1 = [
    ["1", "公开预期引导信息", "年内解读重要政策措施不少于1次。", "长期推进"],
    ["2", "公开随机抽查事项清单", "及时公布抽查结果和查处情况。", "2024年6月底前"],
]
PART_2 = ["二、市政府办公室牵头落实的工作任务"]
ROWS_2 = [["3", "推进政府网站集约化", "完成平台迁移。", "2024年9月底前"]]
PART_3 = ["三、市财政局负责的任务(共1项)"]
ROWS_3 = [["4", "公开预决算信息", "按时公开。", "2024年12月底前"]]


def cells(lines: list[str]) -> str:
    """One cell a paragraph, a blank line between, as a web page's table copies."""
    return "\n\n".join(lines) + "\n"


def doc_of(*parts: list[str]) -> str:
    return cells([line for part in parts for line in part])


def read(text: str):
    return read_document(text.encode("utf-8"), "明细表.txt")


def roles(doc) -> list[tuple[str, list[str], list[str], list[str]]]:
    return [(r.items[0].text, r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


def flat(rows: list[list[str]]) -> list[str]:
    return [c for row in rows for c in row]


def test_each_row_takes_the_units_and_role_its_part_heading_names_and_each_heading_says_so():
    doc = read(doc_of(TOP, PART_1, HEADER, flat(ROWS_1), PART_2, flat(ROWS_2), PART_3, flat(ROWS_3)))
    assert roles(doc) == [
        ("公开预期引导信息", [], ["各区县政府", "市政府各部门"], []),
        ("公开随机抽查事项清单", [], ["各区县政府", "市政府各部门"], []),
        ("推进政府网站集约化", ["市政府办公室"], [], []),
        ("公开预决算信息", [], ["市财政局"], []),
    ]
    assert [s.title for s in doc.sections] == [
        "各区县政府、市政府各部门负责落实的工作任务",
        "市政府办公室牵头落实的工作任务",
        "市财政局负责的任务(共1项)",
    ]
    assert [(r.items[0].deadline, r.items[0].relative_deadline) for r in doc.rows] == [
        (None, "长期推进"),
        ("2024-06-30", None),
        ("2024-09-30", None),
        ("2024-12-31", None),
    ]
    said = [n for n in doc.notes if n.kind == "unit_from_heading"]
    assert [n.severity for n in said] == ["warning"] * 3
    # each at its heading's line (blank lines between the cells: line 2k-1 holds the k-th paragraph)
    lines = doc_of(TOP, PART_1, HEADER, flat(ROWS_1), PART_2, flat(ROWS_2), PART_3, flat(ROWS_3)).splitlines()
    assert [lines[n.origin.line - 1] for n in said] == [PART_1[0], PART_2[0], PART_3[0]]
    assert "责任单位 各区县政府、市政府各部门" in said[0].message and "牵头单位 市政府办公室" in said[1].message


def test_a_part_whose_heading_names_no_unit_is_refused_at_its_first_row():
    text = doc_of(TOP, PART_1, HEADER, flat(ROWS_1), ["二、其他工作"], flat(ROWS_2))
    with pytest.raises(ParseError) as e:
        read(text)
    assert text.splitlines()[e.value.line - 1] == "3"  # the row under 二、其他工作
    assert "没有单位栏" in str(e.value)


def test_without_a_heading_naming_units_a_table_without_a_unit_column_is_still_refused():
    with pytest.raises(ParseError) as e:
        read(doc_of(TOP, ["一、公开工作"], HEADER, flat(ROWS_1)))
    assert "表头" in str(e.value)


def test_a_table_with_its_own_unit_column_keeps_it_under_such_headings():
    header = ["序号", "任务事项", "工作要求", "责任单位", "完成时限"]
    rows = [["1", "公开预期引导信息", "年内解读重要政策措施不少于1次。", "市发展改革委", "长期推进"]]
    doc = read(doc_of(TOP, PART_1, header, flat(rows)))
    assert roles(doc) == [("公开预期引导信息", [], ["市发展改革委"], [])]
    assert not [n for n in doc.notes if n.kind == "unit_from_heading"]


def test_a_header_on_one_line_with_tabs_under_such_a_heading():
    text = "\n".join([*TOP, *PART_1, "\t".join(HEADER), *("\t".join(r) for r in ROWS_1)]) + "\n"
    assert roles(read(text)) == [
        ("公开预期引导信息", [], ["各区县政府", "市政府各部门"], []),
        ("公开随机抽查事项清单", [], ["各区县政府", "市政府各部门"], []),
    ]


@pytest.mark.parametrize(
    "heading, names",
    [
        ("一、各区县政府、市政府各部门负责落实的工作任务", True),
        ("二、市政府办公室牵头落实的工作任务", True),
        ("(三)市财政局负责完成的任务", True),
        ("一、需各区县政府落实的任务", True),
        ("一、公开工作", False),
        ("一、市财政局要做好预决算公开", False),  # a sentence, not a heading naming a unit
        ("一、各区县政府负责落实的工作任务和要求如下", False),
    ],
)
def test_which_headings_name_units(heading, names):
    assert names_units(heading) is names


def test_what_a_heading_asks_of_the_units_is_no_part_of_their_name():
    assert heading_units("一、需各区县政府落实的任务") == {"责任": "各区县政府"}
    assert heading_units("二、须由市财政局牵头的任务") == {"牵头": "市财政局"}
    assert heading_units("三、市政府办公厅牵头、各区县政府配合的任务") == {"牵头": "市政府办公厅", "配合": "各区县政府"}


def lines_of(*parts: list[str]) -> str:
    """One cell a line, no blank line between (a table copied as plain lines)."""
    return "\n".join(line for part in parts for line in part) + "\n"


def test_one_cell_a_line_without_blank_lines_a_short_task_title_and_its_requirement_are_two_cells():
    doc = read(lines_of(TOP, PART_1, HEADER, flat(ROWS_1)))
    assert [(r.items[0].text, r.requirement, r.items[0].relative_deadline) for r in doc.rows] == [
        ("公开预期引导信息", "年内解读重要政策措施不少于1次。", "长期推进"),
        ("公开随机抽查事项清单", "及时公布抽查结果和查处情况。", None),
    ]
    header = ["序号", "任务事项", "工作要求", "责任单位", "完成时限"]
    rows = [["1", "公开预期引导信息", "年内解读重要政策措施不少于1次。", "市发展改革委", "长期推进"]]
    doc = read(lines_of(TOP, ["一、公开工作"], header, flat(rows)))
    assert [(r.items[0].text, r.requirement, r.responsible_units) for r in doc.rows] == [
        ("公开预期引导信息", "年内解读重要政策措施不少于1次。", ["市发展改革委"])
    ]


def test_a_task_line_cut_by_the_page_width_is_still_joined():
    header = ["序号", "任务事项", "工作要求", "责任单位", "完成时限"]
    rows = [["1", "全面公开市级部门预决算和三公经费信息并做好", "解读工作", "按时公开。", "市财政局", "长期推进"]]
    doc = read(lines_of(TOP, ["一、公开工作"], header, flat(rows)))
    assert [(r.items[0].text, r.requirement) for r in doc.rows] == [
        ("全面公开市级部门预决算和三公经费信息并做好解读工作", "按时公开。")
    ]


def word(path, tables_under_headings: bool):
    """The same breakdown as a Word file: a table under each part heading's paragraph, or one
    table whose part headings are rows merged across."""
    from docx import Document as WordDocument

    w = WordDocument()
    for line in TOP:
        w.add_paragraph(line)

    def rows_into(table, rows):
        for values in rows:
            for cell, v in zip(table.add_row().cells, values):
                cell.text = v

    if tables_under_headings:
        for part, rows in ((PART_1, ROWS_1), (PART_2, ROWS_2)):
            w.add_paragraph(part[0])
            table = w.add_table(rows=0, cols=4)
            rows_into(table, [HEADER, *rows])
    else:
        table = w.add_table(rows=0, cols=4)
        rows_into(table, [HEADER])
        for part, rows in ((PART_1, ROWS_1), (PART_2, ROWS_2)):
            r = table.add_row()
            r.cells[0].merge(r.cells[3]).text = part[0]
            rows_into(table, rows)
    w.save(path)
    return path


SECTION_UNITS = [
    ("公开预期引导信息", [], ["各区县政府", "市政府各部门"], []),
    ("公开随机抽查事项清单", [], ["各区县政府", "市政府各部门"], []),
    ("推进政府网站集约化", ["市政府办公室"], [], []),
]


@pytest.mark.parametrize("tables_under_headings", [True, False])
def test_a_word_file_with_part_headings_naming_the_units(tmp_path, tables_under_headings):
    path = word(tmp_path / "明细表.docx", tables_under_headings)
    doc = read_document(path.read_bytes(), path.name)
    assert roles(doc) == SECTION_UNITS
    assert len([n for n in doc.notes if n.kind == "unit_from_heading"]) == 2


def sheet(path, second_heading: str):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for values in [TOP[2:], PART_1, HEADER, *ROWS_1, [second_heading], *ROWS_2]:
        ws.append(values)
    wb.save(path)
    return path


def test_a_sheet_with_part_headings_in_rows_of_one_cell(tmp_path):
    path = sheet(tmp_path / "明细表.xlsx", PART_2[0])
    doc = read_document(path.read_bytes(), path.name, 2024)
    assert roles(doc) == SECTION_UNITS
    # a part whose heading names no unit: its row is refused, never given the part above's units
    path = sheet(tmp_path / "其他.xlsx", "二、其他工作")
    with pytest.raises(ParseError) as e:
        read_document(path.read_bytes(), path.name, 2024)
    assert "没有单位栏" in str(e.value) and "A7" in str(e.value)  # the row under 二、其他工作
