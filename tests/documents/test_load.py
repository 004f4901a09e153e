"""`load FILE [--revises NUMBER]`, `documents`, `--doc`: every year's breakdown in one place."""

from __future__ import annotations

import json
import shutil

from tests.cli_helpers import assert_user_error, invoke, ok

from .conftest import EXPECTED, N2021, N2022, ROOT, Y2022, Y2022_REVISED, listed, rows, work_of

CORPUS = ROOT / "tests" / "data" / "documents"


def test_a_second_year_sits_beside_the_first_and_leaves_its_work_alone(with_2021_work):
    before_2021 = {u: listed(with_2021_work, u) for u in ("渝中区", "江北区", "各区县政府", "市发展改革委")}
    work_2021 = work_of(with_2021_work, 1)
    out = ok(invoke("load", "--yes", Y2022, "--db", with_2021_work)).stdout
    assert N2022 in out and "警告 0 条" in out and "已载入" in out
    assert work_of(with_2021_work, 1) == work_2021  # not one line of 2021's work changed
    for unit, entries in before_2021.items():
        assert listed(with_2021_work, unit, "--doc", "2021") == entries
    expected = EXPECTED["yufubanfa-2022.txt"]
    for unit, ids in expected["units"].items():  # hand-typed from the 2022 text
        assert [e["id"] for e in listed(with_2021_work, unit)] == ids, unit
        assert all(e["status"] == "未开始" for e in listed(with_2021_work, unit))  # nothing carried uninvited


def test_doc_picks_by_number_year_or_listing_id_and_the_newest_by_issue_date_is_the_default(two_years, tmp_path):
    ids = lambda *a: [e["id"] for e in listed(two_years, "渝中区", *a)]  # noqa: E731
    y2021, y2022 = ids("--doc", "2021"), ids("--doc", "2022")
    assert y2021 != y2022 and ids() == y2022
    for spec in (N2021, "渝府办发[2021]50号", " 渝府办发（2021）50号 ", "2021年", "#1"):
        assert ids("--doc", spec) == y2021, spec
    assert ids("--doc", "#2") == y2022
    # newest by issue date, not by load order: 2026 loaded after, 2022 loaded first in another database
    other = tmp_path / "other.sqlite"
    shutil.copyfile(ROOT / "data" / "tasks.sqlite", other)
    ok(invoke("load", "--yes", CORPUS / "chongqing-2026-city.txt", "--db", other))
    ok(invoke("load", "--yes", Y2022, "--db", other))
    assert "2026" in ok(invoke("list", "-u", "渝中区", "--db", other)).stdout.splitlines()[0]


def test_an_unknown_or_ambiguous_doc_is_refused_naming_what_there_is(two_years):
    assert_user_error(invoke("list", "-u", "渝中区", "--doc", "2020", "--db", two_years), "没有 2020 年", N2021, N2022)
    assert_user_error(
        invoke("list", "-u", "渝中区", "--doc", "渝府办发〔2022〕81号", "--db", two_years),
        "没有文件「渝府办发〔2022〕81号」",
        "最接近的",
        N2022,
    )
    assert_user_error(invoke("list", "-u", "渝中区", "--doc", "#9", "--db", two_years), "#9", N2021)
    assert_user_error(invoke("list", "-u", "渝中区", "--doc", " ", "--db", two_years), "--doc 为空")
    ok(invoke("load", "--yes", CORPUS / "chongqing-2026-city.txt", "--db", two_years))
    ok(invoke("load", "--yes", CORPUS / "guangdong-2026-province.txt", "--db", two_years))
    assert_user_error(
        invoke("list", "-u", "各区县政府", "--doc", "2026", "--db", two_years),
        "2 个 2026 年的文件",
        "渝府办发〔2026〕21号",
        "粤办函〔2026〕58号",
    )


def test_every_checklist_command_takes_doc(two_years, tmp_path):
    db = ("--db", two_years)
    ok(invoke("done", "1.1.3-1", "-u", "渝中区", "--doc", "2022", "-e", "https://www.cqyz.gov.cn/2022", *db))
    ok(invoke("status", "1.1.3-2", "推进中", "-u", "渝中区", "--doc", "2022", *db))
    by_id = {e["id"]: e for e in listed(two_years, "渝中区")}
    assert by_id["1.1.3-1"]["status"] == "已完成" and by_id["1.1.3-2"]["status"] == "推进中"
    old = {e["id"]: e for e in listed(two_years, "渝中区", "--doc", "2021")}
    assert old["1.1.3-1"]["note"] == "2021年做的" and old["1.1.3-2"]["status"] == "不适用"
    # the same item id in the other year is another item: a write to 2021 stays in 2021
    ok(invoke("status", "1.1.3-2", "已完成", "-u", "渝中区", "--doc", "2021", *db))
    assert {e["id"]: e for e in listed(two_years, "渝中区")}["1.1.3-2"]["status"] == "推进中"
    out = tmp_path / "x.xlsx"
    ok(invoke("export", "-u", "渝中区", "--doc", "2021", "-o", out, *db))
    assert "渝府办发〔2021〕50号" in ok(invoke("dump", "--doc", "2021", *db)).stdout
    assert N2022 in ok(invoke("dump", *db)).stdout.splitlines()[0]
    review = json.loads(ok(invoke("review", "-u", "市发展改革委", "--json", "--doc", "2021", *db)).stdout)
    assert review and review != json.loads(ok(invoke("review", "-u", "市发展改革委", "--json", *db)).stdout)
    units_2022 = {u["name"] for u in json.loads(ok(invoke("units", "--json", *db)).stdout)}
    units_2021 = {u["name"] for u in json.loads(ok(invoke("units", "--json", "--doc", "2021", *db)).stdout)}
    assert units_2021 != units_2022 and "各区县政府" in units_2021 & units_2022


def test_documents_json_holds_the_figures(two_years):
    ok(invoke("done", "1.1.3-1", "-u", "渝中区", "-e", "https://www.cqyz.gov.cn/2022", "--db", two_years))
    docs = json.loads(ok(invoke("documents", "--json", "--db", two_years)).stdout)
    assert [d["number"] for d in docs] == [N2021, N2022]
    d21, d22 = docs
    assert (d21["year"], d21["rows"], d21["items"], d21["issuer"], d21["level"]) == (
        2021,
        71,
        174,
        "重庆市人民政府办公厅",
        "市",
    )
    expected = EXPECTED["yufubanfa-2022.txt"]
    assert (d22["year"], d22["issued"], d22["rows"], d22["items"]) == (
        2022,
        expected["document"]["issued"],
        expected["rows"],
        expected["items"],
    )
    assert "2022年" in d22["title"] and d22["default"] and not d21["default"]
    assert d21["progress"] == {
        "渝中区": {"已完成": 1, "不适用": 1, "evidence": 1},
        "江北区": {"推进中": 1, "evidence": 0},
    }
    assert d22["progress"] == {"渝中区": {"已完成": 1, "evidence": 1}}
    text = ok(invoke("documents", "--db", two_years)).stdout
    assert "#2 渝府办发〔2022〕18号 2022年" in text and "(默认)" in text and "渝中区" in text


def test_the_same_number_or_the_same_file_again_is_refused_and_nothing_changes(two_years):
    before = {t: rows(two_years, f"SELECT * FROM {t}") for t in ("document", "items", "progress", "item_refs")}
    assert_user_error(
        invoke("load", "--yes", Y2022_REVISED, "--db", two_years),
        "已有 渝府办发〔2022〕18号",
        f"--revises {N2022}",
        "数据库未改动",
    )
    assert_user_error(invoke("load", "--yes", Y2022, "--db", two_years), "已经载入过", "数据库未改动")
    assert_user_error(
        invoke("load", "--yes", Y2022_REVISED, "--revises", "渝府办发〔2019〕1号", "--db", two_years),
        "--revises",
        "渝府办发〔2019〕1号",
        N2022,
        "数据库未改动",
    )
    assert_user_error(invoke("load", "--yes", ROOT / "tests" / "nothing-here.docx", "--db", two_years), "找不到源文件")
    assert {t: rows(two_years, f"SELECT * FROM {t}") for t in before} == before


def test_a_document_the_parser_refuses_leaves_the_database_as_it_was(two_years):
    before = rows(two_years, "SELECT * FROM document")
    assert_user_error(invoke("load", "--yes", CORPUS / "refuse-heading-backwards.txt", "--db", two_years))
    assert rows(two_years, "SELECT * FROM document") == before


def test_a_revised_text_carries_progress_by_item_text_and_lists_what_changed(two_years):
    db = ("--db", two_years)
    for unit, item in (("渝中区", "1.1.3-1"), ("市财政局", "1.2.1-2"), ("市发展改革委", "3.2.1-3")):
        ok(invoke("done", item, "-u", unit, "-e", f"https://www.cq.gov.cn/{item}", *db))  # kept, reworded, removed
    old_work = work_of(two_years, 2)
    out = ok(invoke("load", "--yes", Y2022_REVISED, "--revises", "渝府办发[2022]18号", *db)).stdout
    changed = EXPECTED["yufubanfa-2022-revised.txt"]["changed_from_original"]
    assert f"修订前有、修订后没有相同文本的条目 {len(changed)} 个" in out
    for item in changed:
        assert item in out
    assert "已无此编号" in out and "文本不同" in out and "4.2.1-4" in out
    assert "(有进度:市财政局,未带入)" in out and "(有进度:市发展改革委,未带入)" in out
    # carried: the unchanged item; not carried: the reworded and the removed one
    now = {e["id"]: e for e in listed(two_years, "渝中区")}
    assert now["1.1.3-1"]["status"] == "已完成" and now["1.1.3-1"]["evidence"]
    assert {e["id"]: e for e in listed(two_years, "市财政局")}["1.2.1-2"]["status"] == "未开始"
    assert "3.2.1-3" not in {e["id"] for e in listed(two_years, "市发展改革委")}
    # the old text keeps its work, reachable by its listing id
    assert work_of(two_years, 2) == old_work
    old = {e["id"]: e for e in listed(two_years, "市发展改革委", "--doc", "#2")}
    assert old["3.2.1-3"]["status"] == "已完成"
    docs = json.loads(ok(invoke("documents", "--json", *db)).stdout)
    assert [(d["id"], d["superseded_by"], d["default"]) for d in docs] == [
        (1, None, False),
        (2, 3, False),
        (3, None, True),
    ]
    assert listed(two_years, "渝中区", "--doc", N2022) == listed(two_years, "渝中区")  # the number means the revision


def test_the_bundled_database_still_holds_only_the_2021_document():
    docs = rows(ROOT / "data" / "tasks.sqlite", "SELECT number FROM document")
    assert docs == [{"number": N2021}]


def test_a_backup_from_before_the_new_year_restores_without_force_one_of_another_office_needs_it(
    with_2021_work, tmp_path
):
    backup = tmp_path / "before-2022.sqlite"
    ok(invoke("backup", backup, "--db", with_2021_work))
    ok(invoke("load", "--yes", Y2022, "--db", with_2021_work))
    out = ok(invoke("restore", backup, "--db", with_2021_work)).stdout
    assert "已恢复" in out
    assert [d["number"] for d in json.loads(ok(invoke("documents", "--json", "--db", with_2021_work)).stdout)] == [
        N2021
    ]
    other = tmp_path / "other-office.sqlite"
    ok(invoke("build-db", CORPUS / "county-2025.txt", "-o", other))
    assert_user_error(invoke("restore", other, "--db", with_2021_work), "另一份文件", "--force")


def test_a_revised_text_carries_the_steps_and_the_narrative_of_an_unchanged_item(two_years):
    db = ("--db", two_years)
    ok(invoke("step", "add", "1.1.3-1", "发布规划解读", "-u", "渝中区", "--office", "办公室", *db))
    ok(invoke("step", "done", "1.1.3-1.1", "-u", "渝中区", "-e", "https://www.cqyz.gov.cn/jd", *db))
    ok(invoke("done", "1.1.3-1", "-u", "渝中区", "--narrative", "解读已发布\n专栏已更新", *db))
    out = ok(invoke("load", "--yes", Y2022_REVISED, "--revises", "渝府办发[2022]18号", *db)).stdout
    assert "细化步骤 1 个(佐证 1 条)" in out
    now = {e["id"]: e for e in listed(two_years, "渝中区")}["1.1.3-1"]  # the revision
    assert now["narrative"] == "解读已发布\n专栏已更新"
    assert [
        (s["number"], s["text"], s["office"], s["status"], [r["value"] for r in s["evidence"]]) for s in now["steps"]
    ] == [(1, "发布规划解读", "办公室", "已完成", ["https://www.cqyz.gov.cn/jd"])]
    old = {e["id"]: e for e in listed(two_years, "渝中区", "--doc", "#2")}["1.1.3-1"]
    assert old["steps"] == now["steps"]  # the old text keeps its own
