"""A unit field that still holds a description or a clause once its roles and `X等部门` are read
off is warned at its line, never stored silently as a unit (holdout 7's fengxian was silent):
`等` or a role word left in a name, a bracket no name is written with, or a name longer than any
real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.source import read_document
from tui.source.unitcells import odd_unit_reason

REAL = Path(__file__).parents[1] / "data" / "real"


def odd_notes(text: str):
    doc = read_document(text.encode("utf-8"), "要点.txt", year=2026)
    return [n for n in doc.notes if n.kind == "odd_unit"]


@pytest.mark.parametrize(
    "field, says",
    [
        ("区教育局、区房管局等部门下属的物业服务中心", "名称中有「等」"),
        ("区司法局、区政府各部门按照职责分工协调配合的相关单位", "名称中有「按照」"),
        ("区发展改革委、区经济和信息化委员会下属的各类园区开发建设管理服务中心", "名称长达"),
        ("区司法局、各街道[社区]工作站", "名称中有「[」"),
        ("区司法局、各街道［社区］工作站", "名称中有「［」"),
    ],
)
def test_a_description_left_in_a_unit_field_is_warned_at_its_line(field, says):
    text = f"2026年某区政务公开工作要点\n一、推进决策公开\n1.做好规划公开。(责任单位:{field})\n"
    notes = odd_notes(text)
    assert len(notes) == 1 and says in notes[0].message and notes[0].severity == "warning"
    assert notes[0].origin.line == 3


def test_no_unit_a_person_read_in_the_real_corpus_is_called_odd():
    names = set()
    for path in REAL.glob("*.reading.json"):
        for task in json.loads(path.read_text(encoding="utf-8")).get("tasks", []):
            names.update(n for role in ("lead", "responsible", "cooperating") for n in task.get(role, []))
    assert len(names) > 300
    wrong = sorted(n for n in names if odd_unit_reason(n))
    assert wrong == []
