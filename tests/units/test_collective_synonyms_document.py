"""A district's breakdown that writes its 镇街 three ways, built into a database: the collective is
one unit, its own list holds every row, and a 镇 and a 街道 each see every row."""

from __future__ import annotations

import json

from tests.cli_helpers import invoke, ok

HEAD = (
    "重庆市永川区人民政府办公室关于印发2026年政务公开工作任务分工的通知\n永川府办发〔2026〕15号\n"
    "工作任务\t具体要求\t责任单位\t完成时限\n一、做好主动公开\n"
)
ROWS = (
    "公开预算\t1.公开本级预算。\t各镇人民政府、街道办事处\t6月底前\n"
    "更新网站\t2.及时更新网站。\t区财政局、各镇街\t长期坚持\n"
    "公开规划\t3.公开规划。\t各乡镇（街道）\t9月底前\n"
    "公开政策\t4.公开政策文件。\t区政府各部门、各镇街、各镇(街道)\t9月底前\n"
    "公开数据\t5.公开数据。\t区级各部门、各县（市、区）人民政府（管委会）\t9月底前\n"
)
CATALOGUE = "[镇街]\n朱沱镇\n卫星湖街道\n[部门]\n区档案馆\n"


def build(tmp_path, rows: str, catalogue: str = CATALOGUE):
    source, cat, db = tmp_path / "分工.txt", tmp_path / "单位目录.txt", tmp_path / "tasks.sqlite"
    source.write_text(HEAD + rows, encoding="utf-8")
    cat.write_text(catalogue, encoding="utf-8")
    return ok(invoke("build-db", source, "-o", db, "--catalogue", cat)).stdout, db


def listed(db, unit: str) -> list[tuple[str, str]]:
    rows = json.loads(ok(invoke("list", "--unit", unit, "--db", db, "--json")).stdout)
    return [(r["id"], r["via"]) for r in rows]


def test_one_collective_written_three_ways_lists_every_row_for_itself_and_its_members(tmp_path):
    report, db = build(tmp_path, ROWS)
    towns = ["1.1-1", "1.2-1", "1.3-1", "1.4-1"]
    for spelling in ("各镇街", "各镇人民政府、街道办事处", "各乡镇(街道)", "各乡镇（街道）", "各镇 (街道)"):
        assert listed(db, spelling) == [(i, "direct") for i in towns], spelling
    for member in ("朱沱镇", "卫星湖街道"):
        assert listed(db, member) == [(i, "collective") for i in towns], member
    units = {u["name"]: u for u in json.loads(ok(invoke("units", "--db", db, "--json")).stdout)}
    collectives = {n for n, u in units.items() if u["kind"] == "集合"}
    assert collectives == {"各县（市、区）人民政府（管委会）", "各镇人民政府、街道办事处", "区政府各部门"}
    assert units["各镇人民政府、街道办事处"]["items"] == 4
    # 区级各部门 is 区政府各部门; the (管委会) widens the county collective, it is no unit nor alias.
    assert listed(db, "区级各部门") == [("1.4-1", "direct"), ("1.5-1", "direct")]
    assert listed(db, "区档案馆") == [("1.4-1", "collective"), ("1.5-1", "collective")]
    assert "管委会" not in units and "各县（市、区）人民政府" not in units
    assert "同一统称的不同写法 4 处" in report


def test_a_near_collective_stays_apart_with_a_warning_until_the_catalogue_says_it_is_the_same(tmp_path):
    rows = ROWS + "公开街道事务\t6.公开街道事务。\t各街道\t9月底前\n"
    report, db = build(tmp_path, rows)
    assert "统称「各街道」与「各镇人民政府、街道办事处」分开记录:只写了街道" in report
    assert "各街道 = 各镇人民政府、街道办事处" in report  # the way to say they are the same
    assert [i for i, _ in listed(db, "各街道")] == ["1.6-1"]
    assert [i for i, _ in listed(db, "各镇街")] == ["1.1-1", "1.2-1", "1.3-1", "1.4-1"]

    (tmp_path / "tasks.sqlite").unlink()
    report, db = build(tmp_path, rows, CATALOGUE + "[别名]\n各街道 = 各镇街\n")
    assert "分开记录" not in report
    assert [i for i, _ in listed(db, "各镇街")] == ["1.1-1", "1.2-1", "1.3-1", "1.4-1", "1.6-1"]
    assert [i for i, _ in listed(db, "朱沱镇")] == ["1.1-1", "1.2-1", "1.3-1", "1.4-1", "1.6-1"]
    assert listed(db, "各街道") == listed(db, "各镇街")
