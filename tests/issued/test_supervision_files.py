"""The 催办通知 and the 情况通报 written from 渝中区's roll-up (issue #25 item 5), read back:
python-docx finds the title, 主送 and the table's rows; openpyxl the counts, the rule and the
rows behind them. The 时限 chased is the one the issued 任务分工 printed (a step's own)."""

from __future__ import annotations

import datetime as dt

from docx import Document
from openpyxl import load_workbook

from tests.conftest import ROLLUP_LAWS as LAWS
from tests.conftest import ROLLUP_PLAN as PLAN
from tests.conftest import ROLLUP_UNIT as U
from tests.conftest import save_report
from tui.issued.supervision import SCORE_RULE
from tui.issued.supervision_service import supervised_lines, write_bulletin, write_chase
from tui.store import Store

AS_OF = dt.date(2021, 8, 1)


def _rows(table) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in table.rows]


def test_the_chase_notice_names_the_units_chased_and_each_item_with_its_state(assigned, tmp_path):
    with Store(assigned) as store:
        plan = store.entry(U, PLAN).text
        store.add_step(U, PLAN, "编制规划解读材料", {"deadline": "2021-08-06"})
        store.assign(U, [PLAN], ["区教委"], "责任", step=1)
        save_report(store, "区教委", [{"item_id": PLAN, "step": 1, "status": "推进中"}], "2021-07-20T10:00:00")
        path, chased = write_chase(store, U, tmp_path / "催办.docx", AS_OF)
    assert path == tmp_path / "催办.docx" and len(chased) == 4
    word = Document(str(path))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "渝中区人民政府办公室"
    assert "关于催报渝中区2021年政务公开工作任务完成情况的通知" in texts
    assert "区财政局、解放碑街道、区教委、区发展改革委:" in texts  # 主送: the units chased, nobody else
    assert texts[-1] == "2021年8月1日"
    [table] = word.tables
    assert _rows(table) == [
        ["单位", "事项", "完成时限", "状态"],
        ["区财政局", f"{PLAN} {plan}", "—", "未报送"],
        ["解放碑街道", f"{PLAN} {plan}", "—", "未报送"],
        ["区教委", f"{PLAN}.1 编制规划解读材料", "2021年8月6日前", "临近时限"],
        ["区发展改革委", f"{LAWS} " + _text(assigned, LAWS), "2021年6月30日前", "已逾期"],
    ]


def _text(db, item: str) -> str:
    with Store(db, readonly=True) as store:
        return store.entry(U, item).text


def test_nothing_to_chase_writes_no_file(assigned, tmp_path):
    with Store(assigned) as store:
        done = {"status": "已完成", "done_date": "2021-07-01", "evidence": ["https://x.gov.cn/a"]}
        for sub in ("区财政局", "解放碑街道"):
            save_report(store, sub, [{"item_id": PLAN, **done}])
        save_report(store, "区发展改革委", [{"item_id": LAWS, **done}], "2021-07-05T09:00:00")
        path, chased = write_chase(store, U, tmp_path / "催办.docx", AS_OF)
    assert (path, chased) == (None, [])
    assert not list(tmp_path.glob("*.docx"))


def test_the_bulletin_counts_and_scores_every_sub_unit_with_the_rule_under_the_table(assigned, tmp_path):
    with Store(assigned) as store:
        save_report(
            store, "区财政局", [{"item_id": PLAN, "status": "已完成", "done_date": "2021-07-20"}], "2021-07-21T09:00:00"
        )
        save_report(store, "解放碑街道", [{"item_id": PLAN, "status": "不适用"}])
        path = write_bulletin(store, U, tmp_path / "通报.docx", AS_OF)
    word = Document(str(path))
    texts = [p.text for p in word.paragraphs]
    assert "关于渝中区2021年政务公开工作任务完成情况的通报" in texts and "各有关单位:" in texts
    [table] = word.tables
    assert _rows(table) == [
        ["单位", "分解事项", "按时完成", "逾期完成", "推进中", "已逾期", "未报送", "不适用", "缺佐证", "得分"],
        ["区发展改革委", "2", "1", "0", "0", "1", "0", "0", "0", "90"],
        ["区财政局", "1", "1", "0", "0", "0", "0", "0", "1", "97"],  # PLAN has no date: done is on time
        ["解放碑街道", "1", "0", "0", "0", "0", "0", "1", "0", "100"],  # 不适用: counted, never scored
    ]
    assert f"评分规则:{SCORE_RULE}" in texts
    assert texts.index(f"评分规则:{SCORE_RULE}") > texts.index("各有关单位:")


def test_the_bulletin_workbook_holds_the_counts_the_rule_and_the_rows_behind_them(assigned, tmp_path):
    with Store(assigned) as store:
        path = write_bulletin(store, U, tmp_path / "通报.xlsx", AS_OF)
        lines = supervised_lines(store, U)
    wb = load_workbook(path)
    assert wb.sheetnames == ["情况通报", "明细"]
    ws = wb["情况通报"]
    assert ws["A1"].value == "关于渝中区2021年政务公开工作任务完成情况的通报"
    rows = [list(r) for r in ws.iter_rows(min_row=3, max_row=6, values_only=True)]
    assert rows == [
        ["单位", "分解事项", "按时完成", "逾期完成", "推进中", "已逾期", "未报送", "不适用", "缺佐证", "得分"],
        ["区发展改革委", 2, 1, 0, 0, 1, 0, 0, 0, 90],
        ["区财政局", 1, 0, 0, 0, 0, 1, 0, 0, 90],
        ["解放碑街道", 1, 0, 0, 0, 0, 1, 0, 0, 90],
    ]
    assert ws["A8"].value == f"评分规则:{SCORE_RULE}"
    detail = [list(r) for r in wb["明细"].iter_rows(min_row=2, values_only=True)]
    assert [r[:2] + r[3:] for r in detail] == [
        ["区发展改革委", PLAN, None, "已完成", "2021-07-01", "按时完成", 1],
        ["区财政局", PLAN, None, "未报送", None, "未报送", None],
        ["解放碑街道", PLAN, None, "未报送", None, "未报送", None],
        ["区发展改革委", LAWS, "2021年6月30日前", "推进中", None, "已逾期", 0],
    ]
    assert [r[2] for r in detail] == [x["task"] for x in lines]


def test_a_formula_written_by_a_sub_unit_stays_text_in_the_workbook(work_db, tmp_path):
    with Store(work_db) as store:
        store.assign(U, [PLAN], ["=HYPERLINK局"], "责任")
        path = write_bulletin(store, U, tmp_path / "通报.xlsx", AS_OF)
    cell = load_workbook(path)["情况通报"]["A4"]
    assert cell.value == "=HYPERLINK局" and cell.data_type == "s"
