"""`gongkai-tui chase`, `bulletin` and the scores of `rollup` (issue #25 item 5) on 渝中区's
roll-up (tests/conftest.py `assigned`): exit codes, what is said, the files written or not."""

from __future__ import annotations

import json

from docx import Document
from openpyxl import load_workbook

from tests.cli_helpers import assert_user_error, invoke, ok
from tests.conftest import ROLLUP_LAWS as LAWS
from tests.conftest import ROLLUP_PLAN as PLAN
from tests.conftest import ROLLUP_UNIT as U
from tests.conftest import save_report
from tui.issued.supervision import SCORE_RULE
from tui.store import Store

AS_OF = ("--as-of", "2021-08-01")


def test_chase_writes_the_notice_and_names_who_is_chased(assigned, tmp_path):
    out = tmp_path / "催办.docx"
    said = ok(invoke("chase", "-u", U, "--db", assigned, *AS_OF, "-o", out)).stdout
    assert "催办 3 个单位:区财政局(未报送 1 项)、解放碑街道(未报送 1 项)、区发展改革委(已逾期 1 项)" in said
    assert said.strip().endswith(str(out.resolve()))
    states = [r.cells[3].text for r in Document(str(out)).tables[0].rows[1:]]
    assert states == ["未报送", "未报送", "已逾期"]
    again = ok(invoke("chase", "-u", U, "--db", assigned, *AS_OF, "-o", out)).stdout
    assert str((tmp_path / "催办-2.docx").resolve()) in again  # never over the first


def test_days_decides_what_is_near(assigned, tmp_path):
    with Store(assigned) as store:
        store.assign(U, [LAWS], ["区教委"], "配合", deadline="2021-08-05", later_ok=True)
        save_report(store, "区教委", [{"item_id": LAWS, "status": "推进中"}])
    ok(invoke("chase", "-u", U, "--db", assigned, *AS_OF, "-o", tmp_path / "a.docx"))
    ok(invoke("chase", "-u", U, "--db", assigned, *AS_OF, "--days", "3", "-o", tmp_path / "b.docx"))
    near = [[c.text for c in r.cells] for r in Document(str(tmp_path / "a.docx")).tables[0].rows]
    assert near[-1][0] == "区教委" and near[-1][2:] == ["2021年8月5日前", "临近时限"]
    assert "区教委" not in [r.cells[0].text for r in Document(str(tmp_path / "b.docx")).tables[0].rows]


def test_nothing_to_chase_says_so_and_writes_nothing(assigned, tmp_path):
    with Store(assigned) as store:
        done = {"status": "已完成", "done_date": "2021-07-01"}
        save_report(store, "区财政局", [{"item_id": PLAN, **done}])
        save_report(store, "解放碑街道", [{"item_id": PLAN, **done}])
        save_report(store, "区发展改革委", [{"item_id": LAWS, **done}], "2021-07-09T09:00:00")
    out = tmp_path / "out" / "催办.docx"
    result = ok(invoke("chase", "-u", U, "--db", assigned, *AS_OF, "-o", out))
    assert "没有需要催办的事项" in result.stdout and result.exit_code == 0
    assert not out.parent.exists()


def test_chase_and_bulletin_refuse_what_they_cannot_do(assigned, tmp_path):
    for command in ("chase", "bulletin"):
        assert_user_error(invoke(command, "-u", "万州区", "--db", assigned, "-o", tmp_path / "x.docx"), "还没有分解")
    assert_user_error(invoke("chase", "-u", U, "--db", assigned, "-o", tmp_path / "x.xlsx"), ".docx")
    assert_user_error(invoke("chase", "-u", U, "--db", assigned, "--days", "-1"), "--days")
    assert_user_error(invoke("chase", "-u", U, "--db", assigned, "--as-of", "8月1日"), "YYYY-MM-DD")
    assert_user_error(invoke("bulletin", "-u", U, "--db", assigned, "-o", tmp_path / "x.pdf"), ".docx", ".xlsx")
    assert_user_error(invoke("rollup", "-u", U, "--db", assigned, "--fill", *AS_OF), "--as-of")
    assert not list(tmp_path.glob("x.*"))


def test_bulletin_as_a_workbook_and_the_scores_of_rollup(assigned, tmp_path):
    out = tmp_path / "通报.xlsx"
    said = ok(invoke("bulletin", "-u", U, "--db", assigned, *AS_OF, "-o", out)).stdout
    assert f"评分规则:{SCORE_RULE}" in said
    counts = {r[0]: r[1:] for r in load_workbook(out)["情况通报"].iter_rows(min_row=4, max_row=6, values_only=True)}
    assert counts["区发展改革委"] == (2, 1, 0, 0, 1, 0, 0, 0, 90)
    assert counts["解放碑街道"] == (1, 0, 0, 0, 0, 1, 0, 0, 90)

    shown = json.loads(ok(invoke("rollup", "-u", U, "--db", assigned, *AS_OF, "--json")).stdout)
    assert shown["score_rule"] == SCORE_RULE and shown["as_of"] == "2021-08-01"
    assert [(s["sub_unit"], s["overdue"], s["score"]) for s in shown["scores"]] == [
        ("区发展改革委", 1, 90),
        ("区财政局", 0, 90),
        ("解放碑街道", 0, 90),
    ]
    assert shown["lines"][3]["due"] == "2021-06-30"
    text = ok(invoke("rollup", "-u", U, "--db", assigned, "--as-of", "2021-06-01")).stdout
    assert "考评(截至 2021-06-01):区发展改革委 100 分、区财政局 90 分、解放碑街道 90 分" in text
    assert "需催办(截至 2021-06-01):区财政局(未报送 1 项)、解放碑街道(未报送 1 项)\n" in text  # LAWS: 29 days ahead
    assert f"评分规则:{SCORE_RULE}" in text


def test_the_chase_body_is_the_settings_own(assigned, tmp_path):
    ok(invoke("settings", "催办正文", "请{unit}各单位于3日内报送。|逾期未报的将予通报。"))
    out = tmp_path / "催办.docx"
    ok(invoke("chase", "-u", U, "--db", assigned, *AS_OF, "-o", out))
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "请渝中区各单位于3日内报送。" in texts and "逾期未报的将予通报。" in texts


def test_the_issue_notices_body_is_the_settings_own_and_braces_stay_as_written(assigned, tmp_path):
    ok(invoke("settings", "印发正文", "现将《{table}》印发给你们。|请于每月5日前报送{issuer}。{其他}"))
    out = tmp_path / "分工.docx"
    ok(invoke("issue", "-u", U, "--db", assigned, "-o", out))
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "现将《渝中区2021年政务公开工作任务分工》印发给你们。" in texts
    assert "请于每月5日前报送渝中区人民政府办公室。{其他}" in texts
    ok(invoke("settings", "印发正文", "--unset"))
    ok(invoke("issue", "-u", U, "--db", assigned, "-o", tmp_path / "默认.docx"))
    assert any(
        p.text.startswith("现将《渝中区2021年政务公开工作任务分工》印发给你们,请结合实际")
        for p in Document(str(tmp_path / "默认.docx")).paragraphs
    )
