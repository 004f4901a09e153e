"""Old and other office formats: .xls read directly (merged cells included); .doc, .wps, .et,
.odt, .ods converted by LibreOffice and read like the .docx/.xlsx they become; without
LibreOffice, and for .ofd or a picture, a refusal that says what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from docx import Document as WordDocument

from tests.conftest import soffice_profile
from tests.source.grid_writers import write_xlsx
from tests.source.test_pdf import TABLE, TRAD_TABLE, signature
from tui.source import ParseError, read_document

# under xdist (addopts), one worker runs this module: its module-scoped fixture is built once
pytestmark = pytest.mark.xdist_group("office_formats")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def saved_as(tmp_path_factory):
    """TABLE written as .docx and .xlsx, then saved by LibreOffice as .xls, .doc, .odt, .ods."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is not installed: .ci/run installs it", pytrace=False)
    folder = tmp_path_factory.mktemp("office")
    docx = _word_table(folder / "table.docx")
    xlsx = write_xlsx(TABLE, folder / "sheet.xlsx")
    trad_docx = _word_table(folder / "table-trad.docx", TRAD_TABLE)  # each converted in the same start
    trad_xlsx = write_xlsx(TRAD_TABLE, folder / "sheet-trad.xlsx")
    env = {**os.environ, "HOME": str(folder / "home")}
    # .doc from the .odt: this LibreOffice writes a .docx's table into a .doc as plain paragraphs.
    for target, sources in (
        ("xls", [xlsx, trad_xlsx]),
        ("ods", [xlsx]),
        ("odt", [docx, trad_docx]),
        ("doc", [folder / "table.odt", folder / "table-trad.odt"]),
    ):
        subprocess.run(
            [
                SOFFICE,
                soffice_profile(folder / "profile"),
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=300,
            env=env,
        )
    return folder


def _word_table(path, spec=TABLE):
    """`spec` as Word writes a table (python-docx's own table, merged cells by cell.merge), which
    LibreOffice opens as a table."""
    word = WordDocument()
    for line in spec["preamble"]:
        word.add_paragraph(line)
    body = spec["body"]
    table = word.add_table(rows=1 + len(body), cols=len(spec["header"]))
    for c, text in enumerate(spec["header"]):
        table.cell(0, c).text = text
    for r, entry in enumerate(body, start=1):
        if "heading" in entry:
            merged = table.cell(r, 0).merge(table.cell(r, len(spec["header"]) - 1))
            merged.text = entry["heading"]
            continue
        c = 0
        for cell in entry["cells"]:
            while table.cell(r, c).text or (r > 1 and table.cell(r, c)._tc is table.cell(r - 1, c)._tc):
                c += 1
            text = cell["text"] if isinstance(cell, dict) else cell
            target = table.cell(r, c)
            if isinstance(cell, dict) and cell.get("rowspan"):
                target = target.merge(table.cell(r + cell["rowspan"] - 1, c))
            target.text = text
            c += 1
    word.save(path)
    return path


_READ: dict[tuple[Path, str], object] = {}


def _read(path: Path, name: str):
    """The file read as `name` says, once a session (a .doc is converted by a LibreOffice start)."""
    if (path, name) not in _READ:
        _READ[path, name] = signature(read_document(path.read_bytes(), name))
    return _READ[path, name]


@pytest.mark.parametrize(
    "name, like",
    [
        ("sheet.xls", "sheet.xlsx"),
        ("sheet.ods", "sheet.xlsx"),
        ("table.doc", "table.docx"),
        ("table.odt", "table.docx"),
        ("sheet-trad.xls", "sheet-trad.xlsx"),  # traditional characters: its script shows in its cells only
        ("table-trad.doc", "table-trad.docx"),  # …and once it is converted
    ],
)
def test_an_office_format_reads_as_the_file_it_was_saved_from(saved_as, name, like):
    read = _read(saved_as / name, name)
    assert read == _read(saved_as / like, like)
    assert [row[1] for row in read[-1]] == [["区财政局"], ["区财政局"], ["区委网信办"]]  # each row's lead


def test_a_wps_file_is_converted_like_a_doc(saved_as):
    assert _read(saved_as / "table.doc", "table.wps") == _read(saved_as / "table.doc", "table.doc")


def test_without_libreoffice_a_doc_is_refused_saying_how_to_save_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ParseError) as info:
        read_document(b"\xd0\xcf\x11\xe0 old word file", "通知.doc")
    assert "LibreOffice" in str(info.value) and "另存为」.docx" in str(info.value)


@pytest.mark.parametrize("name, says", [("通知.ofd", "OFD"), ("扫描.jpg", "图片"), ("附件.zip", "解压")])
def test_formats_nobody_reads_are_refused_saying_what_they_are(name, says):
    with pytest.raises(ParseError) as info:
        read_document(b"whatever", name)
    assert says in str(info.value) and name in str(info.value)


def test_a_damaged_xls_is_refused_naming_the_file():
    with pytest.raises(ParseError) as info:
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "坏.xls")
    assert "坏.xls" in str(info.value) and "不是有效的 Excel 97-2003" in str(info.value)
