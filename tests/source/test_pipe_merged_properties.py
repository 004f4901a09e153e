"""Property test: web tables with merged cells, copied with `|` between cells.

A model is drawn at random: groups of rows sharing one 工作任务 (a cell merged over the group's
rows), each row with its own 具体要求, units and 时限, optionally a 序号 column, a trailing 备注
column that stays empty, and 一、/(一) heading cells printed at the start of a section's first row
(the grouping cells of a table whose first column holds the headings). It is written as a browser
copies it: a merged cell is printed once, in the group's first row, and left out of the others,
in the row-a-line shape or the cell-a-line shape. Reading it back must give the model's rows:
each row's task is its group's, its requirement, units and deadline its own. The expected values
come from the model, not from the reader's code."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.source import read_document

# (no word that ends as a unit name does, like 平台: a task cell `公开平台` is refused as units)
WORDS = (
    "公开",
    "预算",
    "决算",
    "政策",
    "解读",
    "信息",
    "规范",
    "目录",
    "标准",
    "发布",
    "更新",
    "专栏",
    "回应",
    "关切",
    "数据",
    "开放",
    "基层",
    "事项",
)
UNITS = ("区财政局", "区政府办公室", "区民政局", "区司法局", "区教委", "区卫生健康委", "各镇街", "区政府各部门")
# each deadline as the document's year 2026 makes it: (date, relative phrase)
DEADLINES = {
    "长期坚持": (None, "长期坚持"),
    "6月底前": ("2026-06-30", None),
    "2026年12月31日前": ("2026-12-31", None),
    "持续推进": (None, "持续推进"),
    "9月30日前": ("2026-09-30", None),
}


@dataclass
class Row:
    requirement: str
    units: list[str]
    deadline: str


@dataclass
class Group:
    task: str
    rows: list[Row]


def _text(draw, low=3, high=6) -> str:
    return "".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high))) + "。"


@st.composite
def tables(draw):
    groups = []
    for _ in range(draw(st.integers(1, 4))):
        rows = [
            Row(
                _text(draw),
                draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True)),
                draw(st.sampled_from(sorted(DEADLINES))),
            )
            for _ in range(draw(st.integers(1, 3)))
        ]
        groups.append(Group(_text(draw, 2, 4).rstrip("。"), rows))
    return groups, draw(st.booleans()), draw(st.booleans()), draw(st.booleans()), draw(st.booleans())


def write(groups: list[Group], seq: bool, note: bool, headings: bool, cells_shape: bool) -> str:
    header = (["序号"] if seq else []) + ["工作任务", "具体要求", "责任单位", "完成时限"] + (["备注"] if note else [])
    lines = ["某区2026年政务公开工作任务分工", ""]
    rows: list[list[str]] = []
    n = 0
    for g, group in enumerate(groups):
        for k, row in enumerate(group.rows):
            n += 1
            cells = [str(n)] if seq else []
            if k == 0:
                if headings and g == 0:
                    cells = ["一、深化重点领域公开", "(一)做好基础信息公开"] + cells
                cells.append(group.task)  # the merged cell, printed once
            cells += [row.requirement, "、".join(row.units), row.deadline]
            rows.append(cells)  # an empty 备注 is left out, as a copy leaves out an empty last cell
    if cells_shape:
        for cells in [header] + rows:
            lines += [f"{c} |" for c in cells]
    else:
        lines += [" | ".join(header) + " |"] + [" | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_web_table_with_merged_cells_reads_back_to_its_rows(drawn):
    groups, seq, note, headings, cells_shape = drawn
    text = write(groups, seq, note, headings, cells_shape)
    doc = read_document(text.encode("utf-8"), "分工.txt", year=2026)
    want = [(g.task, r) for g in groups for r in g.rows]
    assert len(doc.rows) == len(want), text
    for row, (task, r) in zip(doc.rows, want):
        assert row.items[0].text.startswith(task), text
        assert row.requirement == r.requirement, text
        assert row.responsible_units == r.units, text
        assert (row.items[0].deadline, row.items[0].relative_deadline) == DEADLINES[r.deadline], text
    if headings:
        assert [s.title for s in doc.sections] == ["深化重点领域公开"]
