"""Consolidation for a lead unit: import the responsible units' workbooks, then
`review --unit 市财政局` and `export --unit 市财政局 --review` (the 汇总表).

市财政局 leads rows 1.3.1 (责任: 市财政局), 1.3.2 (市政府各部门), 1.3.3 (各区县政府),
3.1.2 (through 市、区县政府部门网站(页)主办单位, of which it is one: its own part, as its
list shows 牵/责) and 4.1.2 (市财政局、各区县政府). Three units report: 渝中区, 江北区 and 市教委; 江北区 also
sent an older copy of its workbook, which must be skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tui.store import Store
from tui.workbook.service import export_checklist

from .conftest import (
    AS_OF,
    assert_user_error,
    file_line,
    load,
    ok,
    report_fields,
    review_json,
    set_cells,
    snapshot,
)

LEAD = "市财政局"
LED_ROWS = ["1.3.1", "1.3.2", "1.3.3", "3.1.2", "4.1.2"]
YZ_URLS = [f"https://www.cqyz.gov.cn/zwgk/czyjs/2021/t{i}.html" for i in range(3)]
JW_URLS = ["https://jw.cq.gov.cn/zwgk/czyjs/2021/a.html", "https://jw.cq.gov.cn/zwgk/czyjs/2021/b.html"]
FILLS = {"已完成": "C6EFCE", "推进中": "FFF2CC", "不适用": "D9D9D9", "未报送": "F8CBAD", "未开始": "FFFFFF"}


@pytest.fixture
def reported(cli, work_db, tmp_path):
    """Export, fill in and import the workbooks of 渝中区, 江北区 (twice: one stale) and 市教委."""
    folder = tmp_path / "in"
    folder.mkdir()

    def export(unit: str, name: str, when: dt.datetime) -> Path:
        with Store(work_db, readonly=True) as store:
            return export_checklist(store, unit, dt.date.fromisoformat(AS_OF), folder / name, now=when)

    yz = export("渝中区", "渝中区.xlsx", dt.datetime(2021, 9, 1, 10, 0))
    set_cells(
        yz,
        {
            ("1.3.3-1", "完成情况"): "已完成",
            ("1.3.3-1", "具体完成情况"): YZ_URLS[0],
            ("1.3.3-2", "完成情况"): "已完成",
            ("1.3.3-2", "具体完成情况"): YZ_URLS[1],
            ("1.3.3-3", "完成情况"): "已完成",
            ("1.3.3-3", "具体完成情况"): YZ_URLS[2],
            ("4.1.2-1", "完成情况"): "已完成",
            ("4.1.2-2", "完成情况"): "推进中",
        },
    )
    jb_old = export("江北区", "江北区-旧.xlsx", dt.datetime(2021, 8, 20, 10, 0))
    set_cells(jb_old, {(f"1.3.3-{i}", "完成情况"): "已完成" for i in (1, 2, 3)})
    jb = export("江北区", "江北区.xlsx", dt.datetime(2021, 9, 2, 10, 0))
    set_cells(
        jb,
        {
            ("1.3.3-1", "完成情况"): "推进中",
            ("4.1.2-1", "完成情况"): "不适用",
            ("4.1.2-1", "备注"): "不适用理由:本区未设该收费项目",
            ("4.1.2-2", "完成情况"): "不适用",
            ("4.1.2-2", "备注"): "不适用理由:本区未设该收费项目",
        },
    )
    jw = export("市教委", "市教委.xlsx", dt.datetime(2021, 9, 3, 10, 0))
    set_cells(jw, {("1.3.2-1", "完成情况"): "已完成", ("1.3.2-1", "具体完成情况"): "\n".join(JW_URLS)})

    result = ok(cli("import", yz, jb, jw))  # the old copy of 江北区 arrives later (see the last test)
    return result


def test_import_report_of_the_three_units(reported):
    out = reported.stdout
    assert report_fields(file_line(out, "渝中区.xlsx")) == (5, {"完成情况": 5, "完成时间": 4, "佐证材料": 3})
    assert report_fields(file_line(out, "江北区.xlsx")) == (3, {"完成情况": 3, "不适用理由": 2})
    assert report_fields(file_line(out, "市教委.xlsx")) == (1, {"完成情况": 1, "完成时间": 1, "佐证材料": 1})


def test_review_shows_each_units_status_evidence_and_who_has_not_reported(cli, reported):
    review = review_json(cli, LEAD)
    assert list(review) == LED_ROWS

    r133 = review["1.3.3"]
    assert len(r133) == 41  # every 区县
    assert (r133["渝中区"]["summary"], r133["渝中区"]["evidence"], r133["渝中区"]["reported"]) == ("已完成", 3, True)
    assert r133["渝中区"]["counts"] == {"已完成": 3}
    # 江北区's newer workbook counts, not the stale one that said 已完成.
    assert (r133["江北区"]["summary"], r133["江北区"]["evidence"]) == ("推进中 0/3", 0)
    assert r133["江北区"]["counts"] == {"推进中": 1, "未开始": 2}
    not_reported = {u for u, p in r133.items() if not p["reported"]}
    assert not_reported == set(r133) - {"渝中区", "江北区"}
    assert all(r133[u]["summary"] == "未报送" for u in not_reported)

    r412 = review["4.1.2"]
    assert (r412["渝中区"]["summary"], r412["渝中区"]["evidence"]) == ("推进中 1/2", 0)
    assert r412["江北区"]["summary"] == "不适用"
    assert r412["市财政局"]["summary"] == "未报送"
    assert {u for u, p in r412.items() if p["reported"]} == {"渝中区", "江北区"}

    r132 = review["1.3.2"]
    assert len(r132) == 22  # every city department
    assert (r132["市教委"]["summary"], r132["市教委"]["evidence"], r132["市教委"]["reported"]) == ("已完成", 2, True)
    assert {u for u, p in r132.items() if p["reported"]} == {"市教委"}
    assert r132["市发展改革委"]["summary"] == "未报送"

    assert {u: p["summary"] for u, p in review["1.3.1"].items()} == {"市财政局": "未报送"}


def test_review_text_lists_the_reports_and_the_missing(cli, reported):
    out = ok(cli("review", "--unit", LEAD)).stdout
    blocks: dict[str, list[str]] = {}
    current = ""
    for line in out.splitlines():
        if not line.startswith(" "):
            current = line.split()[0]
            blocks[current] = [line]
        else:
            blocks[current].append(line.strip())
    assert list(blocks) == LED_ROWS
    b133 = blocks["1.3.3"]
    assert b133[0].endswith("完成 1/41 个单位")
    assert any(ln.startswith("渝中区") and "已完成" in ln and ln.endswith("佐证 3") for ln in b133)
    assert any(ln.startswith("江北区") and "推进中 0/3" in ln and ln.endswith("佐证 0") for ln in b133)
    [missing] = [ln for ln in b133 if ln.startswith("未报送")]
    assert missing.startswith("未报送(39):")
    names = missing.split(":", 1)[1].split("、")
    assert "万州区" in names and "渝中区" not in names and "江北区" not in names and len(names) == 39
    assert blocks["4.1.2"][0].endswith("完成 1/42 个单位")
    assert blocks["1.3.2"][0].endswith("完成 1/22 个单位")
    assert any(ln.startswith("市教委") and ln.endswith("佐证 2") for ln in blocks["1.3.2"])
    assert blocks["1.3.1"][1:] == ["未报送(1):市财政局"]


def test_review_before_any_report_and_for_a_unit_that_leads_nothing(cli):
    review = review_json(cli, LEAD)
    assert all(not p["reported"] and p["summary"] == "未报送" for row in review.values() for p in row.values())
    assert_user_error(cli("review", "--unit", "重庆行政学院"), "不是任何任务的牵头单位")
    assert_user_error(cli("review", "--unit", "不存在的单位"), "未知单位")


def test_review_workbook(cli, reported, tmp_path, work_db):
    before = snapshot(work_db)
    out = tmp_path / "汇总.xlsx"
    result = ok(cli("export", "--unit", LEAD, "--review", "-o", out, "--as-of", AS_OF))
    assert Path(result.stdout.strip()) == out.resolve()
    assert snapshot(work_db) == before  # exporting writes nothing to the database
    wb = load(out)
    assert wb.sheetnames == ["汇总表", "未报送", "佐证材料"]
    ws = wb["汇总表"]
    assert ws["A1"].value == "市财政局牵头任务完成情况汇总表"
    assert "依据：渝府办发〔2021〕50号" in ws["A2"].value and f"截至：{AS_OF}" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header[0] == "责任单位"
    assert [h.split("\n")[0] for h in header[1:6]] == LED_ROWS  # led rows as columns
    assert header[6:] == ["已完成行数", "未报送行数", "已完成/条目数", "缺佐证", "逾期", "导入时间"]
    assert ws["B3"].font.name == "黑体" and ws["B3"].font.b

    names = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
    assert names[-1] == "完成单位数 / 单位数"
    total_row = ws.max_row
    # Units as rows: every responsible unit of the led rows, once (市财政局 is also a city department).
    review = review_json(cli, LEAD)
    assert sorted(names[:-1]) == sorted({u for row in review.values() for u in row})
    assert len(names[:-1]) == 22 + 41
    rows = {name: r for r, name in enumerate(names[:-1], 4)}

    def line(unit):
        r = rows[unit]
        return [ws.cell(r, c).value for c in range(2, 9)]

    def unit_stats(unit):
        r = rows[unit]
        return [ws.cell(r, c).value for c in range(9, 13)]

    def fill(unit, row_id):
        cell = ws.cell(rows[unit], 2 + LED_ROWS.index(row_id))
        return cell.fill.fgColor.rgb[-6:].upper() if cell.fill.fill_type == "solid" else None

    evidence = wb["佐证材料"]
    [first_yz] = re.findall(r"见佐证材料表第 (\d+) 行起", line("渝中区")[2])
    assert line("渝中区") == [
        "—",
        "—",
        f"已完成\n佐证 3(见佐证材料表第 {first_yz} 行起)",
        "—",
        "推进中 1/2\n佐证 0",
        1,
        0,
    ]
    assert [evidence.cell(int(first_yz) + k, 1).value for k in range(3)] == ["渝中区"] * 3  # its three entries there
    assert {evidence.cell(int(first_yz) + k, 2).value for k in range(3)} == {"1.3.3"}
    assert fill("渝中区", "1.3.3") == FILLS["已完成"]
    assert fill("渝中区", "4.1.2") == FILLS["推进中"]
    assert fill("渝中区", "1.3.1") is None
    assert line("江北区") == ["—", "—", "推进中 0/3\n佐证 0", "—", "不适用\n佐证 0", 1, 0]
    assert fill("江北区", "4.1.2") == FILLS["不适用"]
    assert re.fullmatch(r"已完成\n佐证 2\(见佐证材料表第 \d+ 行起\)", line("市教委")[1])
    assert line("万州区") == ["—", "—", "未报送", "—", "未报送", 0, 2]
    assert fill("万州区", "1.3.3") == FILLS["未报送"]
    assert line("市财政局") == ["未报送", "未报送", "—", "未报送", "未报送", 0, 4]
    # Per unit, over the items of the led rows: done / items, 缺佐证, 逾期, when imported.
    yz = unit_stats("渝中区")
    assert yz[:3] == ["4/5", 1, 0]  # 4.1.2-1 done without evidence
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", yz[3]), yz
    assert unit_stats("万州区") == ["0/5", "—", "—", "未报送"]
    # Totals per unit (the last two columns) and per row (the last line).
    assert [ws.cell(total_row, c).value for c in range(2, 7)] == ["0/1", "1/22", "1/41", "0/1", "1/42"]
    assert sum(ws.cell(r, 7).value for r in rows.values()) == 3
    for r in rows.values():
        for c in range(1, 13):
            assert ws.cell(r, c).border.left.style == "thin"
    # Print setup: A4 landscape one page wide (a few led rows: barely shrunk), row heights
    # set, the header repeated on every page, the title over the whole table, 第 N 页 共 M 页.
    assert ws.freeze_panes == "B4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize in (9, "9")
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert f"A1:{ws.cell(3, ws.max_column).column_letter}1" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert all(ws.row_dimensions[r].height for r in range(3, total_row + 1))
    assert ws["B4"].font.size >= 9
    # 未报送: the units not heard from, with how many rows and items wait on them.
    missing = {r[0]: r[1:] for r in wb["未报送"].iter_rows(min_row=2, values_only=True) if r[1] is not None}
    assert missing["万州区"] == (2, 5, "1.3.3、4.1.2")
    assert missing["市财政局"] == (
        4,
        sum(review[r]["市财政局"]["counts"].get("未开始", 0) for r in ("1.3.1", "1.3.2", "3.1.2", "4.1.2")),
        "1.3.1、1.3.2、3.1.2、4.1.2",
    )
    assert "渝中区" not in missing and "市教委" not in missing
    # 佐证材料: every entry of the units that reported, by row, each URL a hyperlink.
    listed = [
        (r[0].value, r[1].value, r[2].value, r[2].hyperlink.target if r[2].hyperlink else None)
        for r in wb["佐证材料"].iter_rows(min_row=2)
    ]
    assert [(u, row, v) for u, row, v, _ in listed if u == "市教委"] == [("市教委", "1.3.2", u) for u in JW_URLS]
    assert all(link == value for _, _, value, link in listed if value.startswith("http"))

    # Exporting again never overwrites.
    again = Path(ok(cli("export", "--unit", LEAD, "--review", "-o", out, "--as-of", AS_OF)).stdout.strip())
    assert again.name == "汇总-2.xlsx"


def test_review_workbook_for_a_unit_that_leads_nothing(cli, tmp_path):
    assert_user_error(cli("export", "--unit", "重庆行政学院", "--review", "-o", tmp_path / "x.xlsx"), "牵头单位")
    assert not (tmp_path / "x.xlsx").exists()


def test_an_old_copy_sent_later_applies_its_own_edits_and_lists_the_conflict(cli, reported, work_db, tmp_path):
    """江北区's old copy (exported before, edited later) arrives after the newer one was imported:
    what only it changed is applied; what both changed is a conflict, listed and not applied."""
    result = cli("import", tmp_path / "in" / "江北区-旧.xlsx")
    assert result.exit_code == 3, result.output
    out = result.stdout
    assert "冲突:1.3.3-1 完成情况:导出时「未开始」,系统中已改为「推进中」,工作簿中为「已完成」" in out
    assert "1.3.3-2 完成情况:未开始 → 已完成" in out and "1.3.3-3 完成情况:未开始 → 已完成" in out
    counts = review_json(cli, LEAD)["1.3.3"]["江北区"]["counts"]
    assert counts == {"推进中": 1, "已完成": 2}
