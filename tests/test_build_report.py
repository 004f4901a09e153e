"""`build-db` says what it read and every judgement it made; `--strict` refuses warnings;
`units --members` shows the member lists in force and where they came from."""

from __future__ import annotations

import json
import sqlite3

from tests.cli_helpers import assert_user_error, invoke, ok
from tests.conftest import ROOT, SOURCE

CORPUS = ROOT / "tests" / "data" / "documents"


def test_the_report_names_counts_kinds_and_judgements(tmp_path):
    out = tmp_path / "t.sqlite"
    text = ok(invoke("build-db", SOURCE, "-o", out)).stdout
    assert "渝府办发〔2021〕50号" in text
    assert "层级:市" in text and "表头:工作任务 | 牵头单位 | 责任单位" in text
    assert "71 行任务,174 个条目" in text and "32 个单位" in text and "修复 21 处提取损伤" in text
    assert "牵头单位沿用上一行 28 处" in text and "分页续行 3 处" in text
    assert "警告 0 条" in text
    with sqlite3.connect(out) as conn:
        kinds = dict(conn.execute("SELECT kind, count(*) FROM build_notes GROUP BY kind").fetchall())
        places = [r[0] for r in conn.execute("SELECT place FROM build_notes WHERE kind = 'lead_from_above'")]
    assert kinds["lead_from_above"] == 28 and kinds["row_continued"] == 3
    assert all(p.startswith("第 ") and p.endswith(" 行") for p in places)


def _with_warning(tmp_path):
    src = SOURCE.read_text(encoding="utf-8").replace("于20219月底前在本部门网站", "于2月30日前在本部门网站")
    path = tmp_path / "warned.txt"
    path.write_text(src, encoding="utf-8")
    return path, src.splitlines().index(next(line for line in src.splitlines() if "2月30日前" in line)) + 1


def test_warnings_are_listed_with_their_line(tmp_path):
    path, line = _with_warning(tmp_path)
    text = ok(invoke("build-db", path, "-o", tmp_path / "w.sqlite")).stdout
    assert "警告 1 条" in text
    assert f"第 {line} 行:" in text and "2月30日前" in text


def test_strict_refuses_a_document_with_warnings_and_writes_nothing(tmp_path):
    path, line = _with_warning(tmp_path)
    out = tmp_path / "strict.sqlite"
    result = invoke("build-db", path, "-o", out, "--strict")
    assert_user_error(result, "警告", "--strict")
    assert f"第 {line} 行" in result.stdout
    assert not out.exists()
    ok(invoke("build-db", SOURCE, "-o", out, "--strict"))  # the 2021 text has none
    assert out.exists()


def test_a_collective_without_a_member_list_is_a_warning_that_says_where_to_list_members(tmp_path):
    src = CORPUS / "yongchuan-2026-district.txt"
    text = ok(invoke("build-db", src, "-o", tmp_path / "y.sqlite")).stdout  # no user catalogue
    # The document names two 镇街 itself: the others would miss these rows.
    assert "统称「各镇人民政府、街道办事处」的成员只有文件中点名的" in text and "单位目录" in text
    src = CORPUS / "county-2025.txt"
    text = ok(invoke("build-db", src, "-o", tmp_path / "c.sqlite")).stdout
    assert "全文:统称「各乡镇（街道）」的成员只有文件中点名的 2 个" in text


def test_a_province_database_holds_no_chongqing_district(tmp_path):
    out = tmp_path / "g.sqlite"
    ok(invoke("build-db", CORPUS / "guangdong-2026-province.txt", "-o", out))
    names = {u["name"] for u in json.loads(ok(invoke("units", "--json", "--db", out)).stdout)}
    assert "渝中区" not in names and "万州区" not in names
    assert "省发展改革委" in names


def test_members_in_force_and_their_sources(tmp_path):
    cat = tmp_path / "单位目录.txt"
    cat.write_text("# 永川区\n[镇街]\n卫星湖街道\n朱沱镇\n[别名]\n卫星湖 = 卫星湖街道\n", encoding="utf-8")
    rows = json.loads(ok(invoke("units", "--members", "--catalogue", cat, "--json")).stdout)
    mine = [(r["section"], r["member"]) for r in rows if r["source"] == str(cat)]
    assert mine == [("镇街", "卫星湖街道"), ("镇街", "朱沱镇"), ("别名", "卫星湖 = 卫星湖街道")]
    assert ("区县", "渝中区") in [(r["section"], r["member"]) for r in rows if "随程序附带" in r["source"]]


def test_a_bad_catalogue_names_its_line(tmp_path):
    cat = tmp_path / "单位目录.txt"
    cat.write_text("[镇街]\n卫星湖街道\n[乡村]\n某村\n", encoding="utf-8")
    assert_user_error(invoke("units", "--members", "--catalogue", cat), "第3行")
    out = tmp_path / "x.sqlite"
    assert_user_error(invoke("build-db", SOURCE, "-o", out, "--catalogue", cat), "第3行")
    assert not out.exists()


def test_the_user_catalogue_brings_members_into_a_district_database(tmp_path):
    cat = tmp_path / "单位目录.txt"
    cat.write_text("[镇街]\n卫星湖街道\n朱沱镇\n松溉镇\n", encoding="utf-8")
    out = tmp_path / "y.sqlite"
    text = ok(invoke("build-db", CORPUS / "yongchuan-2026-district.txt", "-o", out, "--catalogue", cat)).stdout
    assert "没有成员名单" not in text
    listed = json.loads(ok(invoke("list", "--unit", "松溉镇", "--db", out, "--json")).stdout)
    assert listed and all(
        "各镇人民政府、街道办事处" in e["responsible_units"] + e["lead_units"]
        or "松溉镇" in e["responsible_units"] + e["lead_units"]
        for e in listed
    )


def test_a_short_deadline_cell_is_not_taken_for_the_next_task(tmp_path):
    from tui.source import parse_document

    pre = [
        "重庆市大足区人民政府办公室关于印发任务分工的通知",
        "大足府办发〔2026〕8号",
        "重庆市大足区人民政府办公室",
        "2026年2月1日",
        "大足区2026年政务公开工作要点任务分工",
    ]
    text = (
        "\n\n".join(
            pre
            + [
                "工作任务",
                "牵头单位",
                "责任单位",
                "完成时限",
                "一、加强公开",
                "（一）规划公开",
                "1.公开区级规划。",
                "2.公开专项规划。",
                "区发展改革委",
                "区规划自然资源局",
                "全年",
                "公开年度计划。",
                "区统计局",
                "按要求",
                "公开预决算。",
                "区财政局",
                "各镇街按职责分工负责",
                "2026年12月底前",
            ]
        )
        + "\n"
    )
    doc = parse_document(text)
    assert [
        (r.id, r.lead_units, r.responsible_units, r.deadline_text, [i.label for i in r.items]) for r in doc.rows
    ] == [
        ("1.1.1", ["区发展改革委"], ["区规划自然资源局"], "全年", ["1", "2"]),
        ("1.1.2", ["区发展改革委"], ["区统计局"], "按要求", ["1"]),
        ("1.1.3", ["区财政局"], ["各镇街"], "2026年12月底前", ["1"]),
    ]
    assert doc.rows[2].unit_notes == {"各镇街": "按职责分工负责"}
    assert doc.rows[2].items[0].deadline == "2026-12-31"
    assert doc.rows[0].items[0].relative_deadline == "全年"  # a whole cell 全年: all year long
    unread = [n.message for n in doc.notes if n.severity == "warning"]
    assert len(unread) == 1 and "「按要求」" in unread[0]


def test_every_kind_of_note_has_a_chinese_label():
    """build-db counts judgements by kind: none may show as an English key."""
    import re

    from tui.source.table import NOTE_LABELS

    kinds = set()
    for path in (ROOT / "tui").rglob("*.py"):
        # a Note's kind is its second argument, the call on one line or over several
        text = path.read_text(encoding="utf-8")
        kinds |= set(re.findall(r"\bNote\(\s*(?:[^,\"()]|\([^()]*\))+,\s*\"([a-z_]+)\"", text))
    assert len(kinds) >= 20
    assert kinds <= set(NOTE_LABELS), sorted(kinds - set(NOTE_LABELS))
