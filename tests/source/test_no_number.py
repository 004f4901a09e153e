"""A document without a 文号 (a department's list to its 科室, an attachment copied alone) is
known by its title and year: read, stored, chosen with --doc and refused twice like any other,
and nothing shown to a person is a number made up. A year the text does not state is asked."""

from __future__ import annotations

import pytest

from tests.cli_helpers import assert_user_error, invoke, ok
from tests.conftest import ROOT
from tui.source import read_document
from tui.source.rolecell import read_bracket
from tui.source.table import RESP
from tui.source.unitcells import split_names

CITES = ROOT / "tests" / "data" / "documents" / "no-number-cites-another.txt"
LIST = (
    "市文化旅游委政务公开工作任务清单\n工作任务\t具体要求\t责任科室\t完成时限\n一、做好主动公开\n"
    "公开预算\t1.公开本委预算。\t财务处\t6月底前\n更新公众号\t2.及时更新公众号。\t办公室牵头,各处室配合\t长期坚持\n"
)


def test_a_document_citing_another_number_has_no_number_of_its_own():
    doc = read_document(CITES.read_bytes(), CITES.name)
    assert doc.number is None
    assert doc.title == "涪陵区2026年政务公开工作要点任务分工"  # the breakdown's own name, not the notice's
    assert doc.year == 2026
    assert any(n.kind == "number_missing" for n in doc.notes)
    assert len(doc.rows) >= 5


def test_without_number_or_year_the_year_given_is_used_for_its_deadlines():
    doc = read_document(LIST.encode("utf-8"), "清单.txt", year=2026)
    assert (doc.number, doc.year) == (None, 2026)
    assert doc.rows[0].items[0].deadline == "2026-06-30"
    assert doc.rows[1].lead_units == ["办公室"] and doc.rows[1].cooperating_units == ["各处室"]


def test_load_asks_for_the_year_then_stores_the_list_by_its_title(tmp_path, work_db):
    source = tmp_path / "科室清单.txt"
    source.write_text(LIST, encoding="utf-8")
    before = work_db.read_bytes()
    assert_user_error(invoke("load", "--yes", source, "--db", work_db), "找不到年度", "--year")
    assert work_db.read_bytes() == before
    loaded = ok(invoke("load", "--yes", source, "--db", work_db, "--year", "2026"))
    assert "《市文化旅游委政务公开工作任务清单》" in loaded.output
    listing = ok(invoke("documents", "--db", work_db)).output
    assert "《市文化旅游委政务公开工作任务清单》 2026年" in listing and "None" not in listing
    listed = ok(invoke("list", "--unit", "财务处", "--db", work_db, "--doc", "文化旅游委")).output
    assert listed.startswith("财务处 · 《市文化旅游委政务公开工作任务清单》")
    again = invoke("load", "--yes", source, "--db", work_db, "--year", "2026")
    assert_user_error(again, "已经载入过")
    other = tmp_path / "另一份.txt"
    other.write_text(LIST.replace("6月底前", "9月底前"), encoding="utf-8")
    assert_user_error(invoke("load", "--yes", other, "--db", work_db, "--year", "2026"), "数据库中已有", "--revises #")


@pytest.mark.parametrize(
    "cell, names",
    [
        ("市直有关部门、单位,各区市政府", ["市直有关部门、单位", "各区市政府"]),
        ("州委编办及州直相关单位", ["州委编办", "州直相关单位"]),
        ("人力资源及社会保障局", ["人力资源及社会保障局"]),
    ],
)
def test_unit_names_joined_by_and_or_widened_by_a_kind(cell, names):
    assert split_names(cell) == names


def test_a_sentence_after_the_units_is_a_rule_not_more_units_and_a_bare_deadline_is_the_deadline():
    roles = read_bracket(
        "牵头单位:市行政审批服务局;责任单位:各区市政府、开发区管委。以下任务均需各区市政府落实,不再一一列出"
    )
    assert roles.units[RESP] == ["各区市政府、开发区管委"]
    assert roles.definitions == ["以下任务均需各区市政府落实,不再一一列出"]
    roles = read_bracket("牵头单位:州行政审批服务局;责任单位:州司法局,各县市人民政府,6月底完成")
    assert roles.units[RESP] == ["州司法局、各县市人民政府"] and roles.deadline == "6月底完成"


def test_the_checklist_of_a_document_without_number_exports_and_imports_back(tmp_path, work_db):
    from openpyxl import load_workbook

    source = tmp_path / "科室清单.txt"
    source.write_text(LIST, encoding="utf-8")
    ok(invoke("load", "--yes", source, "--db", work_db, "--year", "2026"))
    out = tmp_path / "财务处.xlsx"
    ok(invoke("export", "--unit", "财务处", "--db", work_db, "--doc", "2026", "-o", out))
    wb = load_workbook(out)
    ws = wb["任务清单"]
    assert "《市文化旅游委政务公开工作任务清单》" in "".join(
        str(c.value or "") for row in ws.iter_rows(max_row=3) for c in row
    )
    status = next(c for c in ws[3] if c.value == "完成情况").column
    first_line = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value)  # after the heading rows
    ws.cell(first_line, status).value = "已完成"
    wb.save(out)
    imported = ok(invoke("import", out, "--db", work_db))
    assert "完成情况" in imported.output
    listed = ok(invoke("list", "--unit", "财务处", "--db", work_db, "--doc", "2026", "--status", "已完成")).output
    assert "1-1" in listed or "1.1-1" in listed


@pytest.mark.parametrize(
    "written",
    ["某府办发﹝2026﹞3号", "某府办发[2026]3号", "某府办发(2026)3号", "某府办发〖2026〗3号", "某府办发［2026］第3号"],
)
def test_every_bracket_offices_write_a_number_with_is_one_number(written):
    text = LIST.replace("市文化旅游委政务公开工作任务清单\n", f"市文化旅游委政务公开工作任务清单\n{written}\n")
    assert read_document(text.encode("utf-8"), "清单.txt", year=2026).number == "某府办发〔2026〕3号"


def test_a_unit_found_by_the_other_name_in_its_bracket(tmp_path, work_db):
    text = LIST.replace("财务处\t6月底前", "省编办(省审改办)\t6月底前")
    source = tmp_path / "清单.txt"
    source.write_text(text, encoding="utf-8")
    ok(invoke("load", "--yes", source, "--db", work_db, "--year", "2026"))
    by_note = ok(invoke("list", "--unit", "省审改办", "--db", work_db, "--doc", "2026")).output
    by_name = ok(invoke("list", "--unit", "省编办", "--db", work_db, "--doc", "2026")).output
    assert by_note == by_name and by_name.startswith("省编办 · ")
