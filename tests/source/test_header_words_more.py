"""Header words a real breakdown writes beyond the plain ones: the year the column is about
before its word (`2022年预期目标`, `2023年度工作任务`), a table of targets (预期目标)."""

from __future__ import annotations

import pytest

from tui.source import read_document
from tui.source.headers import role_of
from tui.source.table import DEADLINE, RESP, TASK


@pytest.mark.parametrize("word, role", [("2022年预期目标", TASK), ("预期目标", TASK), ("2023年度工作任务", TASK),
                                        ("2024年责任单位", RESP), ("完成时限及要求", DEADLINE)])
def test_a_header_word_after_its_year_names_the_column(word, role):
    assert role_of(word) == role


@pytest.mark.parametrize("word", ["2022年", "2022年预期", "二〇二二年预期目标说明"])
def test_a_year_alone_or_before_no_known_word_names_no_column(word):
    assert role_of(word) is None


def test_a_targets_table_one_cell_a_block_reads_its_targets_as_tasks():
    text = "\n\n".join(("某区2026年经济社会发展预期目标任务分解表", "序号", "2026年预期目标", "责任单位",
                        "1", "地区生产总值增长5.5%左右", "区发展改革委",
                        "2", "进出口总额增长5%以上", "区商务委")) + "\n"
    doc = read_document(text.encode("utf-8"), "目标.txt", year=2026)
    assert [(r.items[0].text, r.responsible_units, r.items[0].deadline) for r in doc.rows] == [
        ("地区生产总值增长5.5%左右", ["区发展改革委"], None), ("进出口总额增长5%以上", ["区商务委"], None)]
