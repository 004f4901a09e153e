"""The 2021 breakdown as a Word table, a workbook and a saved web page — written in the
test with real merged cells (python-docx, openpyxl, lxml) — builds the same database
content as the flattened text, and its refusals name the cell."""

from __future__ import annotations

import json

import pytest

from tests.cli_helpers import invoke, ok
from tests.conftest import SOURCE
from tests.source.grid_writers import spec_from_text, write_docx, write_html, write_xlsx
from tui.source import ParseError, read_document

# under xdist (addopts), one worker runs this module: its module-scoped fixture is built once
pytestmark = pytest.mark.xdist_group("formats_2021")


def comparable(dump: dict) -> dict:
    """The dump without what only a text file has: line numbers and the source file."""
    rows = []
    for row in dump["rows"]:
        row = {k: v for k, v in row.items() if k not in ("first_line", "last_line")}
        row["items"] = [{k: v for k, v in it.items() if k != "line"} for it in row["items"]]
        rows.append(row)
    doc = {k: v for k, v in dump["document"].items() if k not in ("source_name", "source_sha256")}
    return {"document": doc, "rows": rows}


@pytest.fixture(scope="module")
def text_dump(tmp_path_factory):
    db = tmp_path_factory.mktemp("txt") / "t.sqlite"
    ok(invoke("build-db", SOURCE, "-o", db))
    return json.loads(ok(invoke("dump", "--json", "--db", db)).stdout)


WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "html": write_html}


@pytest.mark.parametrize("fmt", ["docx", "docx-paragraph-headings", "xlsx", "html"])
def test_2021_in_every_format_gives_the_same_dump(fmt, tmp_path, text_dump):
    spec = spec_from_text(SOURCE)
    kind = fmt.split("-")[0]
    if fmt == "docx-paragraph-headings":
        spec["heading_style"] = "paragraph"
    path = tmp_path / f"任务分工.{kind}"
    WRITERS[kind](spec, path)
    db = tmp_path / "g.sqlite"
    out = ok(invoke("build-db", path, "-o", db)).stdout
    assert "71 行任务,174 个条目" in out
    dump = json.loads(ok(invoke("dump", "--json", "--db", db)).stdout)
    assert comparable(dump) == comparable(text_dump)
    assert len(dump["rows"]) == 71


def test_2021_spec_has_real_merges():
    spec = spec_from_text(SOURCE)
    spans = [c.get("rowspan", 1) for entry in spec["body"] if "cells" in entry for c in entry["cells"]]
    assert max(spans) > 2 and sum(s > 1 for s in spans) >= 10


def _small_spec(**changes) -> dict:
    spec = {
        "preamble": [
            "重庆市人民政府办公厅关于印发测试任务分工的通知",
            "渝府办发〔2026〕9号",
            "重庆市人民政府办公厅",
            "2026年3月1日",
            "2026年政务公开工作要点任务分工",
        ],
        "header": ["工作任务", "牵头单位", "责任单位"],
        "body": [
            {"heading": "一、深化政务公开"},
            {"heading": "（一）做好规划公开。"},
            {
                "cells": [
                    {"text": "1.公开规划信息。\n2.公开区域规划。"},
                    {"text": "市发展改革委", "rowspan": 2},
                    {"text": "市发展改革委"},
                ]
            },
            {"cells": [{"text": "公开本区县规划，6月底前完成。"}, {"text": "各区县政府"}]},
        ],
    }
    spec.update(changes)
    return spec


@pytest.mark.parametrize("kind", ["docx", "xlsx", "html"])
def test_a_merged_lead_cell_is_exact_and_yearless_dates_take_the_documents_year(kind, tmp_path):
    path = tmp_path / f"d.{kind}"
    WRITERS[kind](_small_spec(), path)
    doc = read_document(path.read_bytes(), path.name)
    assert [(r.id, r.lead_units, r.responsible_units) for r in doc.rows] == [
        ("1.1.1", ["市发展改革委"], ["市发展改革委"]),
        ("1.1.2", ["市发展改革委"], ["各区县政府"]),
    ]
    assert doc.rows[1].items[0].deadline == "2026-06-30"
    assert not [n for n in doc.notes if n.kind == "lead_from_above"]  # exact, not a guess


@pytest.mark.parametrize(
    "kind,where",
    [("xlsx", "工作表「任务分工」单元格 A9"), ("docx", "第 1 个表格第 4 行"), ("html", "第 1 个表格第 4 行")],
)
def test_a_refusal_names_the_cell(kind, where, tmp_path):
    spec = _small_spec()
    spec["body"] = spec["body"][:2] + [{"cells": [{"text": "1.公开规划信息。"}, {"text": ""}, {"text": ""}]}]
    path = tmp_path / f"d.{kind}"
    WRITERS[kind](spec, path)
    with pytest.raises(ParseError) as info:
        read_document(path.read_bytes(), path.name)
    assert str(info.value).startswith(where), str(info.value)
    assert "没有牵头单位或责任单位" in info.value.message
