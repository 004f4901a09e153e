"""Documents in traditional characters read like simplified ones (headers, headings, role
brackets and units recognised), their texts kept as written; simplified documents untouched."""

from __future__ import annotations

import opencc
import pytest

from tests.conftest import ROOT
from tests.source.grid_writers import write_docx, write_html, write_xlsx
from tui.source import read_document

CORPUS = ROOT / "tests" / "data" / "documents"
to_traditional = opencc.OpenCC("s2t").convert


def rows(doc):
    return [
        (
            r.id,
            r.lead_units,
            r.responsible_units,
            r.cooperating_units,
            [i.label for i in r.items],
            [(i.deadline, i.relative_deadline) for i in r.items],
        )
        for r in doc.rows
    ]


@pytest.mark.parametrize("name", ["prose-district-2026.txt", "county-2025.txt", "guangdong-2026-province.txt"])
def test_a_traditional_text_reads_as_its_simplified_original_with_texts_as_written(name):
    simplified = (CORPUS / name).read_text(encoding="utf-8")
    traditional = to_traditional(simplified)
    assert traditional != simplified
    plain = read_document(simplified.encode("utf-8"), name)
    doc = read_document(traditional.encode("utf-8"), name)
    assert rows(doc) == rows(plain)
    flat = traditional.replace("\n", "")
    assert all(i.text.replace("\n", "") in flat for i in doc.items())  # as written, not converted back
    assert [i.text != p.text for i, p in zip(doc.items(), plain.items())].count(True) >= len(plain.items()) // 2
    assert doc.title in traditional and doc.title != plain.title
    assert all(s.title in traditional for s in doc.sections)
    assert any(n.kind == "traditional" for n in doc.notes)


SPEC = {
    "preamble": [
        "廣東省人民政府辦公廳關於印發2026年政務公開工作要點分工方案的通知",
        "粵辦函〔2026〕58號",
        "廣東省人民政府辦公廳",
        "2026年3月1日",
        "2026年政務公開工作要點分工方案",
    ],
    "header": ["工作任務", "牽頭單位", "責任單位", "完成時限"],
    "body": [
        {"heading": "一、著力推進政策公開"},
        {"cells": ["1.公開財政預算。", "省財政廳", "省政府各部門", "2026年6月底前"]},
        {"cells": ["2.發佈解讀材料。", "省政府辦公廳", "省發展改革委", "長期堅持"]},
    ],
}


@pytest.mark.parametrize("write, suffix", [(write_docx, ".docx"), (write_xlsx, ".xlsx"), (write_html, ".html")])
def test_a_traditional_word_excel_or_web_table_is_read(tmp_path, write, suffix):
    path = write(SPEC, tmp_path / f"分工{suffix}")
    doc = read_document(path.read_bytes(), path.name)
    assert doc.number == "粤办函〔2026〕58号"
    assert doc.sections[0].title == "著力推進政策公開"
    assert [(r.lead_units, r.responsible_units) for r in doc.rows] == [
        (["省财政厅"], ["省政府各部门"]),
        (["省政府办公厅"], ["省发展改革委"]),
    ]
    assert [i.text for i in doc.items()] == ["公開財政預算。", "發佈解讀材料。"]
    assert [i.deadline for i in doc.items()] == ["2026-06-30", None]


def test_a_simplified_document_is_not_converted_even_where_the_table_would_change_a_character():
    text = (
        (CORPUS / "county-2025.txt")
        .read_text(encoding="utf-8")
        .replace("健全政务舆情回应机制", "著力健全政务舆情回应机制")
    )
    doc = read_document(text.encode("utf-8"), "county-2025.txt")
    assert any(i.text.startswith("著力健全") for i in doc.items())
    assert not any(n.kind == "traditional" for n in doc.notes)


def test_reading_a_simplified_document_never_loads_the_conversion_table():
    import subprocess
    import sys

    code = (
        "import sys; from tui.source import read_document; from pathlib import Path; "
        f"p = Path({str(CORPUS / 'county-2025.txt')!r}); read_document(p.read_bytes(), p.name); "
        "print('opencc' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    assert out.stdout.strip() == "False"
