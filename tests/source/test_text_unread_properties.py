"""Property test: a flattened table (one cell a block, blank lines between, no `|`) with columns
left unread — a progress column between the task and the units, a remark after them — drawn at
random and read back. Every row prints its 序号 and every cell (a remark may be empty, written
`/`), a task cell may be written on two lines. Reading it must give the model's rows: the task
text, the units of its column's role, no deadline; what the unread columns hold is in no row.
The expected values come from the model, not from the reader's code."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.source import read_document

WORDS = ("公开", "预算", "决算", "政策", "解读", "信息", "规范", "目录", "标准", "发布", "更新", "专栏")
PROGRESS = ("已完成", "80%", "95%(进度滞后)", "1-2月已公开预算5件。", "正在推进", "未开工")
REMARKS = ("市民生实事", "县民生实事", "/")
UNITS = ("县财政局", "县教育局", "县交通局", "县民政局", "各乡镇")
UNIT_HEADERS = {"牵头单位": "lead", "责任单位": "responsible"}


@st.composite
def tables(draw):
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        task = "".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))) + "。"
        wrapped = draw(st.booleans()) and len(task) > 6
        rows.append(
            (
                task,
                wrapped,
                draw(st.sampled_from(PROGRESS)),
                draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True)),
                draw(st.sampled_from(REMARKS)),
            )
        )
    return rows, draw(st.sampled_from(sorted(UNIT_HEADERS))), draw(st.booleans())


def write(rows, unit_header: str, remark: bool) -> str:
    header = ["序号", "工作任务", "进展情况", unit_header] + (["备注"] if remark else [])
    blocks = ["某县2026年民生实事项目进度表", *header]
    for no, (task, wrapped, progress, units, note) in enumerate(rows, 1):
        cell = task[:4] + "\n" + task[4:] if wrapped else task
        blocks += [str(no), cell, progress, "、".join(units)] + ([note] if remark else [])
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_table_with_unread_columns_reads_back_its_rows(table):
    rows, unit_header, remark = table
    doc = read_document(write(rows, unit_header, remark).encode("utf-8"), "进度.txt", year=2026)
    assert len(doc.rows) == len(rows)
    role = UNIT_HEADERS[unit_header]
    for got, (task, _, progress, units, note) in zip(doc.rows, rows):
        assert "".join(i.text for i in got.items).replace("\n", "") == task
        assert (got.lead_units, got.responsible_units) == ((units, []) if role == "lead" else ([], units))
        assert all(i.deadline is None for i in got.items)
        assert progress not in (got.requirement or "") and note not in "".join(i.text for i in got.items)
