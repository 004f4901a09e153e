"""The outline and the detail pane show the heading levels the document has (issue #21
point 12): a section without subsections is one node (it had an untitled `└ 3/3` leaf), a
document without headings one line for all its items; the detail names no empty heading."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import ROOT
from tui.app.detail import render_detail
from tui.app.outline import Outline
from tui.app.run import build_app
from tui.store import Store
from tui.store.build import build_database

CORPUS = ROOT / "tests" / "data" / "documents"
WIDE = (200, 50)  # the outline beside the list


def built(tmp_path, name: str):
    catalogue = tmp_path / "单位目录.txt"
    spec = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    catalogue.write_text(spec["user_catalogue"], encoding="utf-8")
    db = tmp_path / f"{name}.sqlite"
    build_database(CORPUS / f"{name}.txt", db, catalogue)
    return db


def shown(node, depth=0) -> list[str]:
    lines = []
    for child in node.children:
        lines += [f"{'  ' * depth}{child.label}", *shown(child, depth + 1)]
    return lines


async def outline_lines(app) -> tuple[list[str], str]:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        outline = app.screen.query_one(Outline)
        lines = shown(outline.root)
        root = str(outline.root.label) if outline.show_root else ""
    app.session.store.close()
    return lines, root


COUNTY_OUTLINE = [  # 县财政局's rows of county-2025: 4.1-1, 4.1-2 and 4.2-1 stand under 四 itself
    "一、围绕经济社会发展做好政务公开 0/4",
    "  (一)做好规划和政策信息公开。 0/1",
    "  (二)做好财政信息公开。 0/3",
    "二、围绕群众关切做好政务公开 0/4",
    "  (一)加强政策解读。 0/2",
    "  (二)做好回应关切。 0/2",
    "三、围绕基层治理做好政务公开 0/2",
    "  (二)加强政务公开平台建设。 0/2",
    "四、围绕制度执行做好政务公开 0/3",
]


async def test_a_section_without_subsections_is_one_node(tmp_path):
    lines, root = await outline_lines(build_app(built(tmp_path, "county-2025"), "县财政局", dt.date(2025, 8, 1)))
    assert lines == COUNTY_OUTLINE and root == ""


async def test_a_document_without_headings_shows_one_line_for_all_items(tmp_path):
    lines, root = await outline_lines(build_app(built(tmp_path, "no-headings"), "区财政局", dt.date(2026, 8, 1)))
    assert lines == [] and root == "全部 0/6"


@pytest.mark.parametrize(
    "name, unit, item, headings",
    [
        ("county-2025", "县财政局", "4.1-1", "围绕制度执行做好政务公开\n"),
        ("county-2025", "县财政局", "1.1.2-1", "围绕经济社会发展做好政务公开 / 做好规划和政策信息公开。\n"),
        ("no-headings", "区财政局", "1-1", ""),
    ],
)
def test_the_detail_names_only_the_headings_the_document_has(tmp_path, name, unit, item, headings):
    with Store(built(tmp_path, name), readonly=True) as store:
        e = store.entry(unit, item)
        text = render_detail(e, [], [], dt.date(2025, 8, 1)).plain
    assert text.split(e.text)[0].endswith("\n" + headings)
    assert " / \n" not in text and "\n / " not in text
