"""A collective (各区县政府) named through the CLI and the workbook import resolves like the
app: to the member this person is (remembered in the settings file), or is refused naming
the members. Nothing is ever written under the collective itself (issue 21, item 1)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from tests.cli_helpers import assert_user_error, invoke, ok
from tui import settings
from tui.store import Store

ITEM = "1.1.3-1"  # names 各区县政府 as 责任单位
REFUSAL = (
    "错误:「各区县政府」是统称,进度记在它的成员单位名下:请用 --unit 万州区 这样写明是哪一个,"
    "或用 gongkai-tui member 各区县政府 万州区 记住。它有 41 个成员单位:万州区、黔江区、涪陵区、渝中区、大渡口区等\n"
)
NOTE = "按设置记在渝中区名下(各区县政府的成员;gongkai-tui member 各区县政府 可更改)\n"


@pytest.fixture(autouse=True)
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    monkeypatch.setenv("GONGKAI_SETTINGS", str(path))
    return path


def progress_rows(db, unit: str) -> list[tuple]:
    with Store(db, readonly=True) as store:
        return [
            tuple(r)
            for r in store.conn.execute(
                "SELECT item_id, status, note FROM progress WHERE unit = ? ORDER BY item_id", (unit,)
            )
        ]


def listed(db, unit: str) -> dict:
    return {e["id"]: e for e in json.loads(ok(invoke("list", "--unit", unit, "--json", "--db", db)).stdout)}


@pytest.mark.parametrize(
    "args",
    [
        ("done", ITEM, "--note", "已公开"),
        ("status", ITEM, "推进中"),
        ("done", ITEM, "--unit", "区县政府"),  # an alias of the collective is the collective
    ],
)
def test_a_write_as_a_collective_without_a_member_is_refused_naming_the_members(work_db, args):
    unit = () if "--unit" in args else ("--unit", "各区县政府")
    result = invoke(*args, *unit, "--db", work_db)
    assert assert_user_error(result) == REFUSAL
    assert progress_rows(work_db, "各区县政府") == [] and progress_rows(work_db, "渝中区") == []


@pytest.mark.parametrize(
    "args, expected",
    [
        (("done", ITEM, "--note", "已公开"), (ITEM, "已完成", "已公开")),
        (("status", ITEM, "推进中"), (ITEM, "推进中", None)),
    ],
)
def test_a_write_as_a_collective_goes_to_the_remembered_member(work_db, args, expected):
    settings.set_member("各区县政府", "渝中区")
    result = ok(invoke(*args, "--unit", "各区县政府", "--db", work_db))
    assert result.stderr == NOTE
    assert progress_rows(work_db, "渝中区") == [expected]
    assert progress_rows(work_db, "各区县政府") == []
    # the member's own list and its lead's review see it
    assert listed(work_db, "渝中区")[ITEM]["status"] == expected[1]
    lead = listed(work_db, "渝中区")[ITEM]["lead_units"][0]
    review = json.loads(ok(invoke("review", "--unit", lead, "--json", "--db", work_db)).stdout)
    [row] = [r for r in review if ITEM in r["items"]]
    assert {u["unit"]: u["reported"] for u in row["units"]}["渝中区"] is True


def test_confirm_as_a_collective_goes_to_the_member_or_is_refused(work_db):
    item = "1.4.1-1"  # 市发展改革委: 待确认 through 市政府有关部门
    result = invoke("confirm", item, "--unit", "市政府各部门", "--db", work_db)
    message = assert_user_error(result, "「市政府各部门」是统称", "--unit 市发展改革委", "它有 22 个成员单位:")
    assert progress_rows(work_db, "市政府各部门") == [], message
    settings.set_member("市政府各部门", "市发展改革委")
    result = ok(invoke("confirm", item, "--unit", "市政府各部门", "--db", work_db))
    assert "已确认适用于「市发展改革委」" in result.stdout
    assert result.stderr == "按设置记在市发展改革委名下(市政府各部门的成员;gongkai-tui member 市政府各部门 可更改)\n"
    assert listed(work_db, "市发展改革委")[item]["confirmed"]


def test_a_member_no_longer_in_the_collective_is_not_used(work_db):
    settings.set_member("各区县政府", "市财政局")  # edited by hand, or another document's member
    assert assert_user_error(invoke("done", ITEM, "--unit", "各区县政府", "--db", work_db)) == REFUSAL


def test_a_unit_that_is_no_collective_is_as_before(work_db):
    settings.set_member("各区县政府", "渝中区")
    result = ok(invoke("done", ITEM, "--unit", "江北区", "--db", work_db))
    assert result.stderr == ""
    assert progress_rows(work_db, "江北区") == [(ITEM, "已完成", None)]


def test_list_and_export_report_the_member_once_remembered(work_db, tmp_path):
    ok(invoke("done", ITEM, "--unit", "渝中区", "--db", work_db))
    # without a member, list shows the collective's own checklist and says how to choose
    result = ok(invoke("list", "--unit", "各区县政府", "--db", work_db))
    assert result.stdout.startswith("各区县政府 · ") and "已完成 0/" in result.stdout.splitlines()[0]
    assert result.stderr.startswith("提示:各区县政府是统称,进度记在它的成员单位名下;请用 --unit 万州区")
    # export files a report: refused without a member
    out = tmp_path / "x.xlsx"
    assert assert_user_error(invoke("export", "--unit", "各区县政府", "-o", out, "--db", work_db)) == REFUSAL
    assert not out.exists()

    settings.set_member("各区县政府", "渝中区")
    result = ok(invoke("list", "--unit", "各区县政府", "--db", work_db))
    assert result.stdout.startswith("渝中区 · ") and "已完成 1/" in result.stdout.splitlines()[0]
    assert result.stderr == NOTE
    result = ok(invoke("export", "--unit", "各区县政府", "-o", out, "--db", work_db))
    about = {r[0]: r[1] for r in load_workbook(out)["说明"].iter_rows(values_only=True, max_col=2) if r[0]}
    assert about["单位(系统名称)"] == "渝中区"


def test_check_evidence_of_a_collective_is_the_members(work_db, tmp_path):
    gone = tmp_path / "gone.pdf"
    gone.write_bytes(b"%PDF")
    ok(invoke("done", ITEM, "--unit", "渝中区", "-e", gone, "--db", work_db))
    gone.unlink()
    settings.set_member("各区县政府", "渝中区")
    result = invoke("check-evidence", "--unit", "各区县政府", "--json", "--db", work_db)
    assert result.exit_code == 3
    assert [(r["unit"], r["item"]) for r in json.loads(result.stdout)] == [("渝中区", ITEM)]


def test_member_command_remembers_checks_and_forgets(work_db):
    result = ok(invoke("member", "区县政府", "渝中", "--db", work_db))  # aliases of both
    assert result.stdout == "各区县政府 → 渝中区\n"
    assert settings.load().member_for("各区县政府") == "渝中区"
    assert ok(invoke("member")).stdout == "各区县政府 → 渝中区\n"
    assert_user_error(
        invoke("member", "各区县政府", "市财政局", "--db", work_db), "「市财政局」不是「各区县政府」的成员单位"
    )
    assert_user_error(invoke("member", "江北区", "渝中区", "--db", work_db), "「江北区」不是有成员单位的统称")
    assert settings.load().member_for("各区县政府") == "渝中区"
    ok(invoke("member", "各区县政府", "--unset", "--db", work_db))
    assert settings.load().member_for("各区县政府") is None


# -- the workbook import --------------------------------------------------------------
def collective_workbook(work_db, tmp_path):
    """A workbook an older version exported for 各区县政府 itself, with 完成情况 set."""
    from tui.workbook.service import export_checklist

    with Store(work_db, readonly=True) as store:
        path = export_checklist(store, "各区县政府", dt.date(2021, 8, 1), out=tmp_path / "各区县政府.xlsx", full=True)
    wb = load_workbook(path)
    ws = wb["任务清单"]
    header = {c.value: c.column_letter for c in ws[3]}
    row = next(r for r in range(4, ws.max_row + 1) if ws[f"{header['编号']}{r}"].value == ITEM)
    ws[f"{header['完成情况']}{row}"] = "推进中"
    wb.save(path)
    return path


def test_import_of_a_collective_workbook_is_refused_without_a_member(work_db, tmp_path):
    path = collective_workbook(work_db, tmp_path)
    result = invoke("import", path, "--db", work_db)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"错误:{path.name} 工作表「说明」 单元格 B")
    assert (
        "「各区县政府」是统称,进度记在它的成员单位名下:请先用 gongkai-tui member 各区县政府 万州区 记住本机填报的是"
        "哪个成员单位,或把「说明」中的单位改为成员单位,再导入。它有 41 个成员单位:"
    ) in result.stderr
    assert progress_rows(work_db, "各区县政府") == [] and progress_rows(work_db, "渝中区") == []


def test_import_of_a_collective_workbook_goes_to_the_remembered_member(work_db, tmp_path):
    path = collective_workbook(work_db, tmp_path)
    settings.set_member("各区县政府", "渝中区")
    result = ok(invoke("import", path, "--db", work_db))
    assert f"{path.name}(渝中区):" in result.stdout
    assert (
        "「单位(系统名称)」中的单位是统称「各区县政府」:按设置导入到其成员「渝中区」名下"
        in result.stdout + result.stderr
    )
    assert progress_rows(work_db, "渝中区") == [(ITEM, "推进中", None)]
    assert progress_rows(work_db, "各区县政府") == []


def test_a_collective_without_member_units_is_a_unit_of_its_own_as_before(work_db):
    """广东's 各县（市、区）人民政府: no catalogue lists its members, so its person records under it."""
    from pathlib import Path

    from tui.store.load import load_document

    load_document(work_db, Path(__file__).parent / "data" / "documents" / "guangdong-2026-province.txt")
    unit = "各县（市、区）人民政府"
    item = next(iter(listed_doc(work_db, unit)))
    result = ok(invoke("done", item, "--unit", unit, "--doc", "2026", "--db", work_db))
    assert result.stderr == ""
    assert listed_doc(work_db, unit)[item]["status"] == "已完成"


def listed_doc(db, unit: str) -> dict:
    return {
        e["id"]: e for e in json.loads(ok(invoke("list", "--unit", unit, "--doc", "2026", "--json", "--db", db)).stdout)
    }
