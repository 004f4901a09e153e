"""Header words a real breakdown writes beyond the plain ones: the year the column is about
before its word (`2022年预期目标`, `2023年度工作任务`), a table of targets (预期目标)."""

from __future__ import annotations

import pytest

from tui.source import read_document
from tui.source.headers import role_of
from tui.source.table import DEADLINE, RESP, TASK


@pytest.mark.parametrize(
    "word, role",
    [
        ("2022年预期目标", TASK),
        ("预期目标", TASK),
        ("2023年度工作任务", TASK),
        ("2024年责任单位", RESP),
        ("完成时限及要求", DEADLINE),
    ],
)
def test_a_header_word_after_its_year_names_the_column(word, role):
    assert role_of(word) == role


@pytest.mark.parametrize("word", ["2022年", "2022年预期", "二〇二二年预期目标说明"])
def test_a_year_alone_or_before_no_known_word_names_no_column(word):
    assert role_of(word) is None


def test_a_targets_table_one_cell_a_block_reads_its_targets_as_tasks():
    text = (
        "\n\n".join(
            (
                "某区2026年经济社会发展预期目标任务分解表",
                "序号",
                "2026年预期目标",
                "责任单位",
                "1",
                "地区生产总值增长5.5%左右",
                "区发展改革委",
                "2",
                "进出口总额增长5%以上",
                "区商务委",
            )
        )
        + "\n"
    )
    doc = read_document(text.encode("utf-8"), "目标.txt", year=2026)
    assert [(r.items[0].text, r.responsible_units, r.items[0].deadline) for r in doc.rows] == [
        ("地区生产总值增长5.5%左右", ["区发展改革委"], None),
        ("进出口总额增长5%以上", ["区商务委"], None),
    ]


@pytest.mark.parametrize("word", ["主要工作任务", "重点工作任务", "主 要 工 作 任 务", "年度重点任务", "具体工作内容"])
def test_a_task_word_after_a_word_of_weight_is_the_task_column(word):
    assert role_of(word) == TASK


@pytest.mark.parametrize("word", ["主要牵头单位", "主要", "重点", "主要成效"])
def test_a_word_of_weight_before_anything_else_names_no_task(word):
    assert role_of(word) != TASK


def test_a_leader_column_is_left_unread_in_a_web_table():
    text = (
        "\n".join(
            (
                "某开发区2025年重点工作及责任清单",
                "序号 |",
                "重点工作 |",
                "责任领导 |",
                "责任单位 |",
                "完成时限 |",
                "1 |",
                "建设标准化厂房 |",
                "张三 |",
                "招商工作部、安商工作部 |",
                "全年 |",
                "2 |",
                "公开招商引资政策 |",
                "李四 |",
                "党政办公室 |",
                "6月底前 |",
            )
        )
        + "\n"
    )
    doc = read_document(text.encode("utf-8"), "清单.txt", year=2025)
    assert [(r.items[0].text, r.responsible_units) for r in doc.rows] == [
        ("建设标准化厂房", ["招商工作部", "安商工作部"]),
        ("公开招商引资政策", ["党政办公室"]),
    ]
    assert not any("张三" in u or "李四" in u for r in doc.rows for u in r.responsible_units + r.lead_units)
