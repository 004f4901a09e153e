"""A role label that says its kind of body again in brackets before its colon — `责任部门(单位):`,
`牵头单位（部门）：` — is that label: in a prose bracket, on a label line, in a label row of a table
copied with `|`. Before, the bracket's field became a unit named `责任部门(单位):X` (warned as odd)
and a label line's units were lost as text."""

from __future__ import annotations

import pytest

from tui.source import read_document

TITLE = "某区2026年政务公开工作要点任务分工\n"
PROSE = (
    "一、做好政策解读\n"
    "(一)加强解读。做好重大政策解读。(牵头单位{q1}:区政府办公室;责任部门{q2}:区级各部门、各街道;完成时限:长期坚持)\n"
    "(二)回应关切。及时回应社会关切。(责任部门{q2}:区教委)\n"
)
LABEL_LINES = (
    "一、经济发展\n1.努力实现地区生产总值增长6%左右。\n牵头单位{q1}:区发改局\n责任部门{q2}:区统计局,各街道\n"
    "2.规模以上工业增加值增长5%。\n牵头单位{q1}:区工信局\n"
)
LABEL_ROWS = "重点工作: | 做好重大政策解读。 |\n牵头单位{q1}: | 区政府办公室 |\n责任部门{q2}: | 区级各部门 |\n"


def read(text: str):
    return read_document((TITLE + text).encode("utf-8"), "分工.txt", year=2026)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


@pytest.mark.parametrize("body", [PROSE, LABEL_LINES, LABEL_ROWS], ids=["prose", "label lines", "label rows"])
@pytest.mark.parametrize(("q1", "q2"), [("(部门)", "(单位)"), ("（部门）", "（单位）")])
def test_a_label_with_its_kind_in_brackets_is_the_label(body, q1, q2):
    plain = read(body.format(q1="", q2=""))
    qualified = read(body.format(q1=q1, q2=q2))
    assert roles(qualified) == roles(plain)
    assert all(lead or resp for lead, resp, _ in roles(plain))
    assert not any(n.kind == "odd_unit" for n in qualified.notes)
