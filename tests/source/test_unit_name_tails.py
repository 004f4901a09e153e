"""What follows a unit's name in a cell: `等有关部门` (others it does not name), `(功能区)` after a
collective (the bodies beside it, not a second name), a bracket stating a rule about roles."""

from __future__ import annotations

import pytest

from tui.source import read_document
from tui.source.unitcells import split_note


@pytest.mark.parametrize(
    "cell, name, note",
    [
        ("区司法局等有关部门", "区司法局", "等有关部门"),
        ("市财政局等相关单位", "市财政局", "等相关单位"),
        ("土管所等", "土管所", "等"),
        ("各街道(功能区)", "各街道(功能区)", None),
        ("各县(市、区)人民政府(管委会)", "各县(市、区)人民政府(管委会)", None),
        ("市政府办公厅(市政务公开办)", "市政府办公厅", "市政务公开办"),
    ],
)
def test_what_follows_a_name(cell, name, note):
    got = split_note(cell)
    assert (got.name, got.note) == (name, note)


def test_a_rule_in_a_units_bracket_that_is_not_read_is_warned_never_taken_as_its_other_name():
    text = (
        "某市2026年重点工作责任分解\n一、稳增长\n1.扩大有效投资。\n"
        "责任单位:市发改委、市财政局(以上单位按职责分别牵头,下同)\n"
        "2.促进消费。\n责任单位:市商务局\n"
    )
    doc = read_document(text.encode("utf-8"), "分解.txt", year=2026)
    warned = [n for n in doc.notes if n.kind == "rule_in_note"]
    assert warned and warned[0].severity == "warning" and warned[0].origin.line == 4


RULE = """某市2026年重点工作责任分解
一、稳增长
1.研发投入强度达到2.3%。
责任单位:市科技局、市财政局
2.扩大有效投资。
责任单位:市发改委、市经信局、市财政局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)
3.促进消费。
责任单位:市商务局
4.居民增收。
责任单位:市人力社保局、市农业农村局分别牵头
5.稳定物价。
责任单位:市发改委、市市场监管局
"""


def test_a_rule_after_the_last_unit_that_the_first_leads_is_applied_from_its_line_on():
    doc = read_document(RULE.encode("utf-8"), "分解.txt", year=2026)
    assert [(r.lead_units, r.responsible_units) for r in doc.rows] == [
        ([], ["市科技局", "市财政局"]),  # before the rule: as written
        (["市发改委"], ["市经信局", "市财政局"]),
        (["市商务局"], []),  # a single unit leads
        (["市人力社保局", "市农业农村局"], []),  # roles said in words: the rule's exception
        (["市发改委"], ["市市场监管局"]),
    ]
    (said,) = [n for n in doc.notes if "列第一位的记为牵头单位" in n.message]
    assert said.severity == "warning" and said.origin.line == 6
    assert not any(n.kind == "rule_in_note" for n in doc.notes)  # never kept as a unit's other name


def test_the_rule_in_other_words_first_responsible_unit_leads():
    text = RULE.replace("(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)", "(第一责任单位为牵头单位,下同)")
    doc = read_document(text.encode("utf-8"), "分解.txt", year=2026)
    assert [r.lead_units for r in doc.rows] == [
        [],
        ["市发改委"],
        ["市商务局"],
        ["市人力社保局", "市农业农村局"],
        ["市发改委"],
    ]
