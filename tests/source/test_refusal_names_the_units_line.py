"""A text that reads neither as a table nor as prose is refused naming the first line that names
units with their role: where a person looks first, not the file's last line or a heading."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document

TEXT = """某县2026年政务公开工作任务分工
一、县长牵头的重点工作
深化政务公开标准化规范化,做好政策解读。
责任单位:县政府办公室、县司法局
"""


def test_units_written_where_no_shape_fits_are_named_at_their_line():
    """One unit line, not after a numbered task: no shape fits."""
    with pytest.raises(ParseError) as info:
        read_document(TEXT.encode("utf-8"), "分工.txt", year=2026)
    assert info.value.line == 4
    assert "这一行写了单位" in str(info.value) and "责任单位:县政府办公室" in str(info.value)


LEADER_LINES = """某县2026年政务公开工作任务分工
一、县长牵头的重点工作
1.深化政务公开标准化规范化。
牵头县领导:张三
责任单位:县政府办公室、县司法局
2.做好政策解读。
"""


def test_a_leader_line_is_a_note_and_a_task_without_units_is_warned_at_its_line():
    doc = read_document(LEADER_LINES.encode("utf-8"), "分工.txt", year=2026)
    assert [(r.lead_units, r.responsible_units) for r in doc.rows] == [([], ["县政府办公室", "县司法局"])]
    assert any(n.kind == "person_label" and "张三" in n.message and n.origin.line == 4 for n in doc.notes)
    assert any(n.kind == "text_skipped" and n.severity == "warning" and n.origin.line == 6 for n in doc.notes)


def test_a_text_without_any_units_still_says_the_header_is_missing():
    with pytest.raises(ParseError) as info:
        read_document(
            "某县2026年政务公开工作要点\n一、深化公开\n1.做好政策解读。\n".encode("utf-8"), "分工.txt", year=2026
        )
    assert "找不到表头" in str(info.value)
