"""Property tests for the prose and `|` readers: a document model drawn at random (sections,
subsections, rows of numbered items, units by role, deadlines) is written out as a prose
breakdown (each task ending in its role bracket, in every separator and colon width offices use)
and as a table copied from a web page (`|` between cells); both read back to exactly the model's
rows. The expected values come from the model, not from the readers' code."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.source import read_document
from tui.source.numerals import int_to_chinese

WORDS = (
    "公开",
    "预算",
    "决算",
    "政策",
    "解读",
    "信息",
    "平台",
    "规范",
    "目录",
    "标准",
    "发布",
    "更新",
    "专栏",
    "办理",
    "回应",
    "关切",
    "数据",
    "开放",
    "基层",
    "事项",
)
LEADS = ("区发展改革委", "区财政局", "区政府办公室", "区民政局", "区司法局")
RESPONSIBLE = ("区政府各部门", "各镇街", "区教委", "区卫生健康委", "区交通局", "区市场监管局")
COOPERATING = ("区委网信办", "区档案馆", "区大数据发展中心")
DEADLINES = (None, "长期坚持", "6月底前", "2026年12月31日前", "持续推进")


@dataclass
class Row:
    items: list[str]
    lead: list[str]
    responsible: list[str]
    cooperating: list[str]
    deadline: str | None


@dataclass
class Section:
    title: str
    subsections: list[tuple[str, list[Row]]]


def _text(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))) + "。"


@st.composite
def rows(draw) -> Row:
    lead = draw(st.lists(st.sampled_from(LEADS), max_size=2, unique=True))
    responsible = draw(st.lists(st.sampled_from(RESPONSIBLE), min_size=0 if lead else 1, max_size=3, unique=True))
    return Row(
        [_text(draw) for _ in range(draw(st.integers(1, 3)))],
        lead,
        responsible,
        draw(st.lists(st.sampled_from(COOPERATING), max_size=1)),
        draw(st.sampled_from(DEADLINES)),
    )


@st.composite
def documents(draw) -> list[Section]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        subsections = [
            (
                "".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=3))),
                draw(st.lists(rows(), min_size=1, max_size=3)),
            )
            for _ in range(draw(st.integers(1, 2)))
        ]
        out.append(Section("".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=3))), subsections))
    return out


HEAD = "重庆市某区人民政府办公室关于印发2026年政务公开工作要点任务分工的通知\n某府办发〔2026〕3号\n2026年政务公开工作要点任务分工\n"


def write_prose(doc: list[Section], draw) -> str:
    lines = [HEAD]
    for s, section in enumerate(doc, 1):
        lines.append(f"{int_to_chinese(s)}、{section.title}")
        for k, (title, rows_) in enumerate(section.subsections, 1):
            lines.append(
                f"{draw(st.sampled_from(['(', '（']))}{int_to_chinese(k)}{draw(st.sampled_from([')', '）']))}{title}"
            )
            for row in rows_:
                sep = draw(st.sampled_from([";", "；", ",", "，"]))
                colon = draw(st.sampled_from([":", "："]))
                fields = [
                    (label, "、".join(names))
                    for label, names in (
                        ("牵头单位", row.lead),
                        ("责任单位", row.responsible),
                        ("配合单位", row.cooperating),
                    )
                    if names
                ]
                if row.deadline:
                    fields.append(("完成时限", row.deadline))
                bracket = "（" + sep.join(f"{label}{colon}{value}" for label, value in fields) + "）"
                numbered = [f"{n}.{text}" for n, text in enumerate(row.items, 1)] if len(row.items) > 1 else row.items
                lines += numbered[:-1] + [numbered[-1] + bracket]
    return "\n".join(lines) + "\n"


def write_pipes(doc: list[Section]) -> str:
    lines = [HEAD, "工作任务 | 牵头单位 | 责任单位 | 配合单位 | 完成时限 |"]
    for s, section in enumerate(doc, 1):
        lines.append(f"{int_to_chinese(s)}、{section.title}")
        for k, (title, rows_) in enumerate(section.subsections, 1):
            lines.append(f"({int_to_chinese(k)}){title}")
            for row in rows_:
                task = "".join(f"{n}.{t}" for n, t in enumerate(row.items, 1)) if len(row.items) > 1 else row.items[0]
                cells = [
                    task,
                    "、".join(row.lead) or "/",
                    "、".join(row.responsible) or "/",
                    "、".join(row.cooperating) or "/",
                    row.deadline or "/",
                ]
                lines.append(" | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def expected(doc: list[Section]) -> list[tuple]:
    return [
        (row.lead, row.responsible, row.cooperating, row.items, row.deadline)
        for section in doc
        for _, rows_ in section.subsections
        for row in rows_
    ]


def read_rows(text: str) -> list[tuple]:
    doc = read_document(text.encode("utf-8"), "分工.txt")
    return [
        (r.lead_units, r.responsible_units, r.cooperating_units, [i.text for i in r.items], r.deadline_text)
        for r in doc.rows
    ]


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents(), st.data())
def test_a_prose_breakdown_reads_back_to_its_rows(doc, data):
    assert read_rows(write_prose(doc, data.draw)) == expected(doc)


@SETTINGS
@given(documents())
def test_a_table_copied_with_bars_reads_back_to_its_rows(doc):
    assert read_rows(write_pipes(doc)) == expected(doc)
