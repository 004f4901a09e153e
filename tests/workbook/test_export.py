"""`gongkai-tui export`: the 任务清单 workbook as DESIGN.md §4 describes it, opened with openpyxl.

The `export` fixture writes the full working layout (`export --full`, all 15 columns); the
上报版 (the plain `export`) and how both print are in test_print_layout.py and test_print_pdf.py.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl.chart import BarChart

from tui import __version__
from tui.workbook import measure

from .conftest import (
    AS_OF,
    DOC_NUMBER,
    FIRST_ROW,
    HEADER_ROW,
    HEADERS,
    URL,
    assert_user_error,
    col,
    data_ids,
    load,
    ok,
    row_of,
    seed_progress,
)

TITLE = "2021年政务公开工作任务清单"  # the unit before it: 渝中区2021年…
STATUSES = ["未开始", "推进中", "已完成", "不适用"]


def checklist_json(cli, unit: str) -> list[dict]:
    return json.loads(ok(cli("list", "--unit", unit, "--json")).stdout)


def rgb(cell) -> str | None:
    """The solid fill colour of a cell (6 hex digits), None when unfilled."""
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return cell.fill.fgColor.rgb[-6:].upper()


# -- file name and overwriting ---------------------------------------------------


def test_default_path_is_printed_and_an_existing_file_is_never_overwritten(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = dt.date.today()
    first = ok(cli("export", "--unit", "渝中区", "--as-of", AS_OF))
    after = dt.date.today()
    assert first.stdout.count("\n") == 1
    path = Path(first.stdout.strip())
    expected = {
        (tmp_path / "exports" / f"渝中区-2021年政务公开任务清单-{d:%Y%m%d}.xlsx").resolve() for d in (before, after)
    }
    assert path in expected
    assert path.is_file()
    original = path.read_bytes()

    second = Path(ok(cli("export", "--unit", "渝中区", "--as-of", AS_OF)).stdout.strip())
    third = Path(ok(cli("export", "--unit", "渝中区", "--as-of", AS_OF)).stdout.strip())
    assert second == path.with_name(f"{path.stem}-2.xlsx")
    assert third == path.with_name(f"{path.stem}-3.xlsx")
    assert path.read_bytes() == original
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == sorted(p.name for p in (path, second, third))

    # -o naming an existing file: a suffix too, the file itself untouched.
    mine = tmp_path / "mine.xlsx"
    mine.write_bytes(b"somebody else's workbook")
    out = Path(ok(cli("export", "--unit", "渝中区", "-o", mine, "--as-of", AS_OF)).stdout.strip())
    assert out == (tmp_path / "mine-2.xlsx").resolve()
    assert mine.read_bytes() == b"somebody else's workbook"
    assert load(out)["任务清单"]["A1"].value == "渝中区" + TITLE
    # No temporary files left behind.
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == ["mine-2.xlsx", "mine.xlsx"]
    assert not list((tmp_path / "exports").glob(".*"))


def test_unknown_unit_and_bad_date_are_user_errors(cli, tmp_path):
    assert_user_error(cli("export", "--unit", "不存在的单位", "-o", tmp_path / "x.xlsx"), "未知单位")
    assert_user_error(cli("export", "--unit", "渝中区", "-o", tmp_path / "x.xlsx", "--as-of", "2021/8/1"), "YYYY-MM-DD")
    assert not (tmp_path / "x.xlsx").exists()


# -- the 任务清单 sheet -----------------------------------------------------------


@pytest.mark.parametrize("unit", ["渝中区", "市财政局", "两江新区"])
def test_one_line_per_applicable_item_in_document_order(cli, export, unit):
    wb = load(export(unit))
    assert wb.sheetnames == ["任务清单", "完成情况统计", "说明", "导出时的值"]
    ws = wb["任务清单"]
    assert [c.value for c in ws[HEADER_ROW]] == HEADERS
    expected = checklist_json(cli, unit)
    assert expected, unit
    assert data_ids(ws) == [e["id"] for e in expected]
    dump = json.loads(ok(cli("dump", "--json")).stdout)
    order = [it["id"] for row in dump["rows"] for it in row["items"]]
    assert data_ids(ws) == sorted(data_ids(ws), key=order.index)
    last = FIRST_ROW + len(expected) - 1
    # Under the lines, the form's foot: what the marks mean, then 填报人、联系电话、审核人.
    assert ws.max_row == last + 2
    assert ws[f"A{last + 1}"].value.startswith("标记说明：【逾期】")
    assert ws[f"A{last + 2}"].value.startswith("填报人：") and "联系电话：" in ws[f"A{last + 2}"].value
    assert [ws[f"A{r}"].value for r in range(FIRST_ROW, last + 1)] == [str(i) for i in range(1, len(expected) + 1)]
    for e in expected:
        r = row_of(ws, e["id"])
        assert ws[f"{col('牵头单位')}{r}"].value == "、".join(e["lead_units"])
        assert ws[f"{col('责任单位')}{r}"].value == "、".join(e["responsible_units"])
        assert ws[f"{col('完成情况')}{r}"].value == "未开始"
    # Drop-down on 完成情况, exactly over the data lines.
    [dv] = ws.data_validations.dataValidation
    assert dv.type == "list"
    assert dv.formula1 == '"未开始,推进中,已完成,不适用"'
    assert str(dv.sqref) == f"{col('完成情况')}{FIRST_ROW}:{col('完成情况')}{last}"
    assert dv.showErrorMessage


def test_member_unit_is_named_in_title_and_info_line(cli, export, tmp_path):
    """渝中区 is reached through 各区县政府, but the workbook is 渝中区's, whatever alias was typed."""
    for typed in ("渝中区", "渝中区人民政府", "渝中"):
        path = export(typed, name=f"{typed}.xlsx")
        wb = load(path)
        ws = wb["任务清单"]
        assert ws["A1"].value == "渝中区" + TITLE
        assert ws["A2"].value.startswith("填报单位：渝中区　")
        about = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True, max_col=2) if r[0]}
        assert about["单位"] == "渝中区"
        assert about["单位(系统名称)"] == "渝中区"
        # The responsible units stay as the document names them.
        assert ws[f"{col('责任单位')}{row_of(ws, '1.1.3-1')}"].value == "各区县政府"
    alias = load(export("发改委"))
    assert alias["任务清单"]["A1"].value == "市发展改革委" + TITLE


def test_title_info_line_header_and_styles(cli, export, store, tmp_path):
    seed_progress(store, tmp_path)
    before = dt.date.today()
    wb = load(export("渝中区"))
    after = dt.date.today()
    ws = wb["任务清单"]
    last = ws.max_row
    n = len(HEADERS)

    # Title: merged across all columns, 方正小标宋简体.
    assert ws["A1"].value == "渝中区" + TITLE
    assert "A1:O1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].font.name == "方正小标宋简体"
    assert ws["A1"].alignment.horizontal == "center"
    # The line under it: 填报单位, 填报日期, 依据.
    info = ws["A2"].value
    assert "填报单位：渝中区" in info  # full-width colons, as on a printed form
    assert any(f"填报日期：{d.year}年{d.month}月{d.day}日" in info for d in (before, after)), info
    assert f"依据：{DOC_NUMBER}" in info
    assert "截至：2021年8月1日" in info
    assert "A2:O2" in {str(r) for r in ws.merged_cells.ranges}

    # Header: 黑体, bold, centred, thin borders, filled.
    for c in range(1, n + 1):
        cell = ws.cell(HEADER_ROW, c)
        assert cell.font.name == "黑体" and cell.font.b, cell.coordinate
        assert cell.alignment.horizontal == "center" and cell.alignment.wrap_text
        for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom):
            assert side.style == "thin"
    # Body: 仿宋_GB2312, thin borders, wrapped; text top-aligned.
    for r in range(FIRST_ROW, last - 1):  # the last two: the form's foot
        for c in range(1, n + 1):
            cell = ws.cell(r, c)
            if type(cell).__name__ == "MergedCell":
                continue
            assert cell.font.name == "仿宋_GB2312", cell.coordinate
            assert cell.alignment.wrap_text, cell.coordinate
            for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom):
                assert side.style == "thin", cell.coordinate
    for header in ("贯彻举措(市上统一要求)", "工作要求", "公开路径", "备注"):
        assert ws[f"{col(header)}{FIRST_ROW}"].alignment.vertical == "top"
    # Column widths set for Chinese text: the long text column is the widest.
    widths = {h: ws.column_dimensions[col(h)].width for h in HEADERS}
    assert all(w and w >= 6 for w in widths.values()), widths
    assert widths["贯彻举措(市上统一要求)"] == max(widths.values())
    assert widths["佐证材料"] > widths["序号"]

    # Print setup: the full layout on A3 landscape, one page wide, header repeated, page
    # numbers (the page count written out: the exporter planned the breaks); frozen panes.
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.paperSize in (8, "8")
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    pages = len(ws.row_breaks.brk) + 1
    assert ws.oddFooter.center.text == f"第 &P 页 共 {pages} 页"
    # Every row has a height set, tall enough for its lines.
    assert all(ws.row_dimensions[r].height for r in range(1, ws.max_row + 1))


def test_工作任务_heads_each_subsection_page_by_page_without_merged_cells(cli, export):
    """The heading is written in the first line of each page a subsection is on (`（续）`
    after a break), in a cell of its own: no merged cell among the lines, so that WPS,
    Excel and Calc sort and filter them; that line is tall enough to show it."""
    wb = load(export("渝中区"))
    ws = wb["任务清单"]
    entries = checklist_json(cli, "渝中区")
    assert all(m.max_row < FIRST_ROW or m.min_row >= FIRST_ROW + len(entries) for m in ws.merged_cells.ranges)
    page_starts = {b.id + 1 for b in ws.row_breaks.brk}
    assert page_starts, "渝中区's 105 lines take more than one A3 page"
    groups: list[list[int]] = []
    prev = None
    for i, e in enumerate(entries):
        if e["subsection"] != prev:
            groups.append([])
            prev = e["subsection"]
        groups[-1].append(FIRST_ROW + i)
    assert len(groups) > 5
    width = ws.column_dimensions[col("工作任务")].width
    for g in groups:
        top = ws[f"{col('工作任务')}{g[0]}"].value
        assert top and "\n" in top, g
        section, subsection = top.split("\n")
        assert section[0] in "一二三四五" and section[1] == "、", top
        assert subsection.startswith("("), top
        cuts = [r for r in g if r == g[0] or r in page_starts] + [g[-1] + 1]
        for first, end in zip(cuts, cuts[1:]):
            shown = ws[f"{col('工作任务')}{first}"].value
            assert shown == (top if first == g[0] else top + "（续）"), (first, shown)
            assert ws.row_dimensions[first].height >= measure.text_height(shown, width, 10.0) - 0.5, first
            for r in range(first + 1, end):
                assert ws[f"{col('工作任务')}{r}"].value is None
    assert any(r in page_starts for g in groups for r in g[1:]), "no subsection crosses a page here"
    first = ws[f"{col('工作任务')}{FIRST_ROW}"].value
    assert first.startswith("一、") and "(一)" in first


def test_progress_colours_hyperlinks_and_formula_like_text(cli, export, store, tmp_path):
    seeded = seed_progress(store, tmp_path)
    path = export("渝中区")
    wb = load(path)
    ws = wb["任务清单"]

    r = row_of(ws, "1.1.3-1")
    assert ws[f"{col('完成情况')}{r}"].value == "已完成"
    assert ws[f"{col('完成时间')}{r}"].value == "2021-06-30"
    assert ws[f"{col('工作要求')}{r}"].value == "6月底前公开纲要全文"
    assert ws[f"{col('责任科室')}{r}"].value == "办公室"
    assert ws[f"{col('责任人')}{r}"].value == "张三"
    ev = ws[f"{col('佐证材料')}{r}"]
    # One entry a line, wrapped. Two entries: LibreOffice would show a hyperlinked cell as
    # one unwrapped field, so the cell is not linked; 佐证材料清单 links each URL.
    assert ev.value.split("\n") == [URL, seeded["file"]]
    assert ev.alignment.wrap_text
    assert ev.hyperlink is None
    assert rgb(ev) is None  # has evidence: not 缺佐证
    listed = [
        (row[0].value, row[1].value, row[2].value, row[2].hyperlink and row[2].hyperlink.target)
        for row in wb["佐证材料清单"].iter_rows(min_row=2)
    ]
    assert listed == [("1.1.3-1", "网址", URL, URL), ("1.1.3-1", "文件", seeded["file"], None)]

    # 已完成 without evidence: the 佐证材料 cell is orange and says so (缺佐证).
    r2 = row_of(ws, "1.2.2-1")
    assert ws[f"{col('完成情况')}{r2}"].value == "已完成"
    assert ws[f"{col('佐证材料')}{r2}"].value == "【缺佐证】"
    assert ws[f"{col('佐证材料')}{r2}"].hyperlink is None
    assert rgb(ws[f"{col('佐证材料')}{r2}"]) == "FFE699"
    orange = [row for row in range(FIRST_ROW, ws.max_row + 1) if rgb(ws[f"{col('佐证材料')}{row}"]) == "FFE699"]
    assert orange == [r2]
    marked = [
        row for row in range(FIRST_ROW, ws.max_row + 1) if "【缺佐证】" in str(ws[f"{col('佐证材料')}{row}"].value)
    ]
    assert marked == [r2]

    # 不适用: the reason is the first line of 备注.
    r3 = row_of(ws, "1.1.5-1")
    assert ws[f"{col('完成情况')}{r3}"].value == "不适用"
    assert ws[f"{col('备注')}{r3}"].value == "不适用理由：本区无独立规划编制职能\n-待复核"  # read back either way

    # Overdue as of 2021-08-01: deadlines 2021-06-30 and 2021-05-31 not done; 2021-10-31 is not due yet.
    red = {
        ws[f"{col('编号')}{row}"].value
        for row in range(FIRST_ROW, ws.max_row + 1)
        if rgb(ws[f"{col('时限要求')}{row}"]) == "F8CBAD"
    }
    assert red == {"3.1.1-1", "3.1.4-4", "5.3.1-3"}
    # ... and say so in words, for a black-and-white printer.
    assert ws[f"{col('时限要求')}{row_of(ws, '3.1.1-1')}"].value == "【逾期】\n2021年6月30日前"
    words = {
        ws[f"{col('编号')}{row}"].value
        for row in range(FIRST_ROW, ws.max_row + 1)
        if str(ws[f"{col('时限要求')}{row}"].value).startswith("【逾期】")
    }
    assert words == red
    assert rgb(ws[f"{col('时限要求')}{row_of(ws, '3.1.1-2')}"]) is None
    assert ws[f"{col('时限要求')}{row_of(ws, '3.1.1-2')}"].value == "2021年10月31日前"

    # Every text cell is text: notes starting with = + - @ are strings, never formulas.
    notes = {ws[f"{col('备注')}{row_of(ws, i)}"] for i in ("1.1.3-1", "1.1.3-2", "1.2.2-1")}
    assert {c.value for c in notes} == {"=1+1", "+86 023-63881234", "@区政府办"}
    for c in notes:
        assert c.data_type == "s", c.coordinate
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type in ("s", "n"), c.coordinate
            if c.value is not None:
                assert isinstance(c.value, str), c.coordinate
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            xml = z.read(name).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml, name


def test_overdue_colours_follow_the_as_of_date(export):
    early = load(export("渝中区", name="early.xlsx", as_of="2021-01-01"))["任务清单"]
    late = load(export("渝中区", name="late.xlsx", as_of="2022-12-31"))["任务清单"]

    def red(ws):
        return {
            ws[f"{col('编号')}{r}"].value
            for r in range(FIRST_ROW, ws.max_row + 1)
            if rgb(ws[f"{col('时限要求')}{r}"]) == "F8CBAD"
        }

    assert red(early) == set()
    assert red(late) == {"3.1.1-1", "3.1.1-2", "3.1.4-4", "5.3.1-3", "5.3.1-6"}


# -- 完成情况统计 and 说明 -----------------------------------------------------------


def test_statistics_sheet_with_bar_chart(cli, export, store, tmp_path):
    seed_progress(store, tmp_path)
    wb = load(export("渝中区"))
    ws = wb["完成情况统计"]
    rows = [list(r) for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]
    assert rows[0] == ["章节", "条目数", *STATUSES, "完成率", "逾期", "缺佐证"]
    body, total = rows[1:-1], rows[-1]
    assert [r[0][:2] for r in body] == ["一、", "二、", "三、", "四、", "五、"]
    assert total[0] == "合计"
    assert total[1:] == [105, 101, 1, 2, 1, round(2 / 104, 4), 3, 1]
    for i in range(1, 6):
        assert total[i] == sum(r[i] for r in body)
    for r in body:
        assert r[1] == sum(r[2:6])
    assert total[7] == sum(r[7] for r in body) and total[8] == sum(r[8] for r in body)
    assert ws.cell(len(rows), 7).number_format == "0.0%"
    assert ws["A1"].font.name == "黑体" and ws["A1"].font.b

    [chart] = ws._charts
    assert isinstance(chart, BarChart)
    assert len(chart.series) == len(STATUSES)


def test_about_sheet_has_the_import_keys(cli, export):
    before = dt.datetime.now().replace(microsecond=0)
    wb = load(export("渝中区"))
    after = dt.datetime.now()
    about = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True, max_col=2) if r[0]}
    assert about["依据文件"] == DOC_NUMBER
    assert len(about["依据文本校验值"]) == 64
    assert about["单位"] == about["单位(系统名称)"] == "渝中区"
    assert about["截至日期"] == AS_OF
    assert before <= dt.datetime.fromisoformat(about["导出时间"]) <= after
    assert about["工具版本"] == __version__
    assert any(k.startswith("依据文件全称：") for k in about)
    for row in wb["说明"].iter_rows():
        for c in row:
            assert c.value is None or c.data_type == "s"
