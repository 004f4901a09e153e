"""`gongkai-tui settings`: set once, kept in a UTF-8 file, refused clearly when wrong."""

from __future__ import annotations

import json

from tests.cli_helpers import assert_user_error, invoke, ok
from tui import settings as settings_mod


def shown():
    return json.loads(ok(invoke("settings", "--json")).stdout)


def test_values_are_set_kept_and_unset(tmp_path):
    assert shown() == {
        "填报人": None,
        "联系电话": None,
        "审核人": None,
        "导出文件夹": None,
        "近期天数": 30,
        "导出版式": None,
        "快捷键": None,
        "印发正文": None,
        "催办正文": None,
        "通报正文": None,
    }
    ok(invoke("settings", "填报人", "张三"))
    ok(invoke("settings", "联系电话", " 023-63851234 "))
    ok(invoke("settings", "近期天数", "14"))
    assert shown() == {
        "填报人": "张三",
        "联系电话": "023-63851234",
        "审核人": None,
        "导出文件夹": None,
        "近期天数": 14,
        "导出版式": None,
        "快捷键": None,
        "印发正文": None,
        "催办正文": None,
        "通报正文": None,
    }
    path = settings_mod.settings_path()
    assert json.loads(path.read_text(encoding="utf-8"))["filler"] == "张三"
    ok(invoke("settings", "近期天数", "--unset"))
    assert shown()["近期天数"] == 30
    assert "填报人:张三" in ok(invoke("settings", "填报人")).stdout


def test_wrong_names_values_and_damaged_files_are_refused_and_nothing_changes():
    ok(invoke("settings", "填报人", "张三"))
    path = settings_mod.settings_path()
    before = path.read_bytes()
    assert_user_error(invoke("settings", "填表人", "李四"), "没有设置项「填表人」", "填报人")
    assert_user_error(invoke("settings", "近期天数", "三十"), "整数")
    assert_user_error(invoke("settings", "近期天数", "0"), "1 到 366")
    assert_user_error(invoke("settings", "填报人", "x" * 300), "过长")
    assert_user_error(invoke("settings", "导出版式", "精简版"), "上报版、完整版、汇总表")
    assert path.read_bytes() == before
    path.write_text("{坏了", encoding="utf-8")
    assert_user_error(invoke("settings", "填报人", "李四"), "已损坏", "第 1 行", str(path))
    assert path.read_text(encoding="utf-8") == "{坏了"
    path.write_bytes("[1, 2]".encode("utf-8"))
    assert_user_error(invoke("settings"), "不是设置表")


def test_the_notices_bodies_take_a_few_paragraphs_and_no_more():
    """催办正文 / 通报正文 (issue #25 item 5): up to 1,000 characters, paragraphs split by |."""
    ok(invoke("settings", "催办正文", "甲" * 1000))
    assert settings_mod.load().chase_body == "甲" * 1000
    assert_user_error(invoke("settings", "通报正文", "乙" * 1001), "过长")
    assert settings_mod.load().bulletin_body == ""


def test_a_member_unit_of_a_collective_is_remembered(tmp_path):
    settings_mod.set_member("各区县政府", "渝中区")
    ok(invoke("settings", "审核人", "王五"))  # another setting written later keeps it
    loaded = settings_mod.load()
    assert loaded.member_for("各区县政府") == "渝中区" and loaded.get("reviewer") == "王五"
    settings_mod.set_member("各区县政府", None)
    assert settings_mod.load().member_for("各区县政府") is None
