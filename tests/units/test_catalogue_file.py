"""The user catalogue file: format, errors naming file and line, merging, where members came from."""

from __future__ import annotations

import pytest

from tui.units import (
    SHIPPED_SOURCE,
    USER_CATALOGUE_FILE,
    CatalogueError,
    describe_members,
    load_catalogue_file,
    load_catalogue_text,
    load_user_catalogue,
    members_in_force,
    merge,
    shipped_catalogue,
)


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("[镇街]\n朱沱镇\n[乡镇]\n", 3, "未知的分节「[乡镇]」"),
        ("# 单位目录\n\n朱沱镇\n", 3, "写在了任何分节之前"),
        ("[别名]\n卫星湖 卫星湖街道\n", 2, "缺少「=」"),
        ("[镇街]\n朱沱镇\n卫星湖街道\n朱沱镇\n", 4, "已在第2行列出"),
        ("[镇街]\n朱沱镇\n[部门]\n朱沱镇\n", 4, "已在第2行列出"),
        ("[镇街]\n卫星湖 = 卫星湖街道\n", 2, "别名请写在 [别名] 下"),
        ("[别名]\n = 卫星湖街道\n", 2, "应写成「别名 = 单位全称」"),
        ("[别名]\n卫星湖 = 卫星湖街道\n卫星湖 = 卫星湖街道\n", 3, "已在第2行写过"),
        ("[镇街\n", 1, "未知的分节"),
    ],
)
def test_errors_name_the_file_and_line(text, line, words):
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_text(text, "D:/数据/units.txt")
    err = caught.value
    assert err.line == line and err.source == "D:/数据/units.txt"
    assert words in err.message
    assert str(err).startswith(f"D:/数据/units.txt 第{line}行:")


def test_format_comments_bom_full_width_and_spaces():
    cat = load_catalogue_text(
        "\ufeff# 单位目录\n［镇街］\n  卫星湖街道  # 新设\n\u3000朱沱镇\n[别名]\n卫星湖＝卫星湖街道\n", "units.txt"
    )
    assert cat.names("镇街") == ["卫星湖街道", "朱沱镇"]
    assert cat.alias_target("卫星湖") == "卫星湖街道"
    assert [(e.name, e.line) for e in cat.entries] == [("卫星湖街道", 3), ("朱沱镇", 4)]


def test_file_in_the_data_directory(tmp_path):
    assert load_user_catalogue(tmp_path) is None
    path = tmp_path / USER_CATALOGUE_FILE
    path.write_text("[镇街]\n朱沱镇\n", encoding="utf-8-sig")
    assert load_user_catalogue(tmp_path).names("镇街") == ["朱沱镇"]
    assert members_in_force(tmp_path).names("镇街") == ["朱沱镇"]
    path.write_bytes("# units\n[镇街]\n朱沱镇\n".encode("gbk"))  # saved by Notepad as ANSI
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_file(path)
    assert caught.value.line == 2 and "UTF-8" in caught.value.message and str(path) in str(caught.value)


def test_merge_keeps_sources_and_refuses_contradictions():
    user = load_catalogue_text("[区县]\n万州区\n[镇街]\n朱沱镇\n[别名]\n石柱县 = 石柱土家族自治县\n", "u.txt")
    merged = merge(shipped_catalogue(), user)
    assert merged.names("区县") == shipped_catalogue().names("区县")  # 万州区 once, as shipped
    assert merged.entry("万州区").source == SHIPPED_SOURCE
    assert merged.entry("朱沱镇").source == "u.txt"
    assert merge(shipped_catalogue(), None) is shipped_catalogue()
    for text, line, words in [
        ("[镇街]\n朱沱镇\n[镇街]\n", None, None),
        ("[镇街]\n朱沱镇\n万州区\n", 3, "属于 [区县]"),
        ("[别名]\n石柱县 = 石柱镇\n", 2, "指「石柱土家族自治县」"),
        ("[别名]\n万州区 = 万州\n", 2, "是单位名"),
        ("[镇街]\n两江新区管委会\n", 2, "是「两江新区」的别名"),
    ]:
        if line is None:
            continue
        with pytest.raises(CatalogueError) as caught:
            merge(shipped_catalogue(), load_catalogue_text(text, "u.txt"))
        assert caught.value.line == line and words in caught.value.message and caught.value.source == "u.txt"


def test_describe_members_shows_what_is_in_force_and_where_from():
    user = load_catalogue_text("[镇街]\n卫星湖街道\n[部门]\n区档案馆\n[别名]\n卫星湖 = 卫星湖街道\n", "/d/units.txt")
    rows = describe_members(merge(shipped_catalogue(), user))
    assert ("区县", "万州区", SHIPPED_SOURCE) in rows
    assert ("区县", "两江新区", "随程序附带(重庆市)") in rows
    assert ("镇街", "卫星湖街道", "/d/units.txt") in rows
    assert ("部门", "区档案馆", "/d/units.txt") in rows
    assert ("别名", "两江新区管委会 = 两江新区", SHIPPED_SOURCE) in rows
    assert ("别名", "卫星湖 = 卫星湖街道", "/d/units.txt") in rows
    assert len([r for r in rows if r[0] == "区县"]) == 41
