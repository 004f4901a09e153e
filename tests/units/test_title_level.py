"""A document whose issuer names no level takes it from the place its title opens with
(`某区2026年政务公开工作要点任务分工` → 区), and says so; a title naming a department or no place
leaves the level assumed (市), warned as before."""

from __future__ import annotations

import pytest

from tui.store.build import load_members, plan_units
from tui.source import read_document
from tui.units import place_level, title_place


@pytest.mark.parametrize(
    ("title", "place", "level"),
    [
        ("某区2026年政务公开工作要点任务分工", "某区", "区"),
        ("重庆市永川区2026年政务公开工作要点", "重庆市永川区", "区"),
        ("全县2024年政务公开工作要点责任分工", "全县", "县"),
        ("某某市人民政府办公室关于印发2023年政务公开工作要点任务分工的通知", "某某市", "市"),
        ("《广西壮族自治区2022年政务公开工作要点》任务分工", "广西壮族自治区", "省"),
        ("某某街道政务公开工作任务清单", "某某街道", "镇"),
        ("恩施土家族苗族自治州2023年政务公开工作要点", "恩施土家族苗族自治州", "州"),
        ("某 县 2025 年政务公开重点工作", "某县", "县"),
    ],
)
def test_a_title_that_opens_with_a_place(title, place, level):
    assert title_place(title) == place
    assert place_level(place) == level


@pytest.mark.parametrize(
    "title",
    [
        "2026年政务公开工作要点任务分工",
        "市教育局2026年政务公开工作要点任务分工",  # a department: no place before the year
        "关于做好2026年政务公开工作的通知",
        "市区两级政务公开清单",
        "泰州关于印发优化营商环境行动方案的通知",  # a city written without its 市, not a 州
        "市文化旅游委关于贯彻落实市政府办公厅2021年政务公开工作要点任务分工的通知",
        "关于印发贯彻落实省政府办公厅2016年政务公开工作要点的通知",
        "",
        None,
    ],
)
def test_a_title_without_a_place(title):
    assert title_place(title) is None


def _plan(text: str):
    return plan_units(read_document(text.encode("utf-8"), "分工.txt", year=2026), load_members(None))


BODY = (
    "一、做好政策解读\n(一)加强解读。做好重大政策解读。(牵头单位:区政府办公室;责任单位:区级各部门;完成时限:长期坚持)\n"
)


def test_the_level_is_taken_from_the_title_and_said():
    report = _plan("某区2026年政务公开工作要点任务分工\n" + BODY)
    kinds = {n.kind: n for n in report.notes}
    assert "level_assumed" not in kinds
    assert "「某区」定为「区」级" in kinds["level_from_title"].message
    assert report.level == "区"


def test_a_title_without_a_place_leaves_the_level_assumed():
    report = _plan("2026年政务公开工作要点任务分工\n" + BODY)
    kinds = {n.kind for n in report.notes}
    assert "level_assumed" in kinds and "level_from_title" not in kinds
