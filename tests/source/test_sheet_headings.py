"""Part headings a sheet holds in rows of one cell (the 序号 column, not merged across): the one
just above the header and those between rows are the table's sections, never dropped."""

from __future__ import annotations

import openpyxl

from tui.source import read_document

HEADER = ["序号", "工作任务", "工作要求", "责任单位", "完成时限"]


def sheet(path, rows):
    wb = openpyxl.Workbook()
    for values in rows:
        wb.active.append(values)
    wb.save(path)
    return read_document(path.read_bytes(), path.name, 2024)


def test_headings_in_rows_of_one_cell_are_the_sections(tmp_path):
    doc = sheet(
        tmp_path / "分工.xlsx",
        [
            ["某市2024年政务公开工作任务分工"],
            ["一、公开工作"],
            HEADER,
            [1, "公开预期引导信息", "年内解读。", "市发展改革委", "长期推进"],
            ["二、平台建设"],
            [2, "推进政府网站集约化", "完成平台迁移。", "市政府办公室", "2024年9月底前"],
        ],
    )
    assert [(s.id, s.title) for s in doc.sections] == [("1", "公开工作"), ("2", "平台建设")]
    assert [(r.id, r.section_id, r.responsible_units) for r in doc.rows] == [
        ("1.1", "1", ["市发展改革委"]),
        ("2.1", "2", ["市政府办公室"]),
    ]
    assert doc.title == "某市2024年政务公开工作任务分工"


def test_a_title_above_the_header_stays_the_title(tmp_path):
    doc = sheet(
        tmp_path / "分工.xlsx",
        [["某市2024年政务公开工作任务分工"], HEADER, [1, "公开预期引导信息", "年内解读。", "市发展改革委", "长期推进"]],
    )
    assert doc.title == "某市2024年政务公开工作任务分工"
    assert [(r.id, r.responsible_units) for r in doc.rows] == [("1", ["市发展改革委"])]
