"""The workbooks as printed: LibreOffice (headless) turns each one into a PDF, as an office
that prints it would, and pdfplumber measures the pages.

For 渝中区, 市文化旅游委 and 市财政局 with some items done (URLs, a file, a 不适用 reason,
one 已完成 without evidence): the 任务清单 in both layouts with its 完成情况统计, 佐证材料清单
and 说明, and the 汇总表 of 市财政局 and 市政府办公厅. On every page: the smallest text is at
least the size the layout promises, no two words overlap and no line crosses a cell's border
(a clipped or spilled line would), every character of every printed cell is printed; every
evidence URL is there whole; each sheet has the pages it should. The 上报版: A4 landscape
at 10.5 pt, 渝中区 on at most 12 pages none of them more than a third empty but the last,
第 N 页 共 M 页 on each, and no item id, local path, hash or mark on any page. The 汇总表:
one page wide, its title whole, on at most 4 pages, no column that is all `—`.

Nothing here is skipped: `.ci/run` installs LibreOffice and the CJK fonts; where soffice or
pdfplumber is missing the tests fail and say what to install.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import soffice_profile
from tui.store import Store
from tui.workbook.service import export_checklist, export_review

# under xdist (addopts), one worker runs this module: its module-scoped fixture is built once
pytestmark = pytest.mark.xdist_group("print_pdf")

PRISTINE = Path(__file__).resolve().parents[2] / "data" / "tasks.sqlite"

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
UNITS = ("渝中区", "市文化旅游委", "市财政局")
LEADS = ("市财政局", "市政府办公厅")
AS_OF = dt.date(2021, 8, 1)
NOW = dt.datetime(2021, 8, 2, 9, 30)
URLS = [
    "https://www.cqyz.gov.cn/zwgk/zfxxgkml/ghxx/gmjjhshfzgh/202106/t20210630_9436151.html",
    "https://www.cqyz.gov.cn/zwgk/zfxxgkml/ghxx/zxgh/202107/t20210712_9478812_wap.html",
    "http://czj.cq.gov.cn/zwgk_268/fdzdgknr/czyjs/2021/",
]
SUBMISSION_PT, FULL_PT, OTHER_PT = 10.5, 9.0, 9.0


def _require_tools() -> None:
    if SOFFICE is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed: the print tests need it. Install it with "
            "`apt-get install libreoffice-calc-nogui fonts-noto-cjk fonts-crosextra-carlito` "
            "(.ci/run does this).",
            pytrace=False,
        )
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        pytest.fail("pdfplumber is not installed: `pip install -e '.[test]'` (it is a test dependency).", pytrace=False)


def to_pdf(files: list[Path], folder: Path) -> dict[Path, Path]:
    """Convert workbooks with LibreOffice headless (a private profile); xlsx → its PDF."""
    out = folder / "pdf"
    out.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(folder / "lo-home")}
    cmd = [
        SOFFICE,
        soffice_profile(folder / "lo-profile"),
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=600, env=env)
    pdfs = {f: out / (f.stem + ".pdf") for f in files}
    assert proc.returncode == 0 and all(p.is_file() for p in pdfs.values()), (proc.stdout, proc.stderr)
    return pdfs


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Every workbook of the module, exported and printed to PDF once."""
    _require_tools()
    folder = tmp_path_factory.mktemp("print")
    db = folder / "work.sqlite"
    shutil.copyfile(PRISTINE, db)
    shot = folder / "佐证" / "规划公开截图.png"
    shot.parent.mkdir()
    shot.write_bytes(b"\x89PNG screenshot")
    books: dict[tuple[str, str], Path] = {}
    with Store(db) as store:
        for unit in UNITS:
            ids = [e.id for e in store.checklist(unit)]
            store.mark_done(
                unit, ids[0], [URLS[0], URLS[1], str(shot)], note="已在门户网站专栏公开", today=dt.date(2021, 6, 30)
            )
            store.set_fields(
                unit,
                ids[0],
                {"requirement": "每年度公开市文化旅游委财政预决算信息", "office": "财务处", "person": "张三"},
            )
            store.mark_done(unit, ids[1], [], today=dt.date(2021, 7, 1))  # 缺佐证
            store.set_status(unit, [ids[2]], "不适用", reason="本单位无独立规划编制职能,由上级部门统一公开")
            store.set_status(unit, [ids[3]], "推进中")
            store.mark_done(unit, ids[5], [URLS[2]], today=dt.date(2021, 7, 3))
            for full in (False, True):
                name = f"{unit}-{'完整版' if full else '上报版'}.xlsx"
                books[(unit, "full" if full else "submission")] = export_checklist(
                    store, unit, AS_OF, folder / name, now=NOW, full=full, filled_by="李明", phone="023-63881234"
                )
        for lead in LEADS:
            books[(lead, "review")] = export_review(store, lead, AS_OF, folder / f"{lead}-汇总表.xlsx", now=NOW)
    pdfs = to_pdf(list(books.values()), folder)
    return {key: (path, pdfs[path]) for key, path in books.items()}


# -- reading the PDF --------------------------------------------------------------


def pages_of(pdf_path: Path) -> list:
    import pdfplumber

    pdf = pdfplumber.open(pdf_path)
    return pdf.pages


def page_number(page) -> int:
    """The N of the footer `第 N 页` (it starts again at 1 on each sheet)."""
    found = re.findall(r"第 (\d+) 页", page.extract_text() or "")
    assert found, f"page {page.page_number} has no page number"
    return int(found[-1])


def numbered(page) -> tuple[int, int]:
    """(N, M) of the footer `第 N 页 共 M 页`."""
    found = re.findall(r"第 (\d+) 页 共 (\d+) 页", page.extract_text() or "")
    assert found, f"page {page.page_number} has no 第 N 页 共 M 页"
    return int(found[-1][0]), int(found[-1][1])


def by_first_words(pages: list, starts: dict[str, str]) -> dict[str, list]:
    """The pages of each printed sheet of a print-out numbered on through its sheets: a
    sheet starts on the page whose first line starts with its words (its title or header)."""
    groups: dict[str, list] = {}
    current = None
    for page in pages:
        first = (page.extract_text() or "").splitlines()[0].replace(" ", "")
        for name, words in starts.items():
            if name not in groups and first.startswith(words):
                current = name
                groups[name] = []
                break
        assert current is not None, first
        groups[current].append(page)
    assert list(groups) == [n for n in starts if n in groups], list(groups)
    return groups


def by_sheet(pages: list, names: list[str]) -> dict[str, list]:
    """The pages of each printed sheet, in order: a sheet starts where the page number is 1."""
    groups: list[list] = []
    for page in pages:
        if page_number(page) == 1 or not groups:
            groups.append([])
        groups[-1].append(page)
    assert len(groups) == len(names), (len(groups), names)
    return dict(zip(names, groups))


def _overlaps(a, b, tolerance=0.6) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > tolerance
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > tolerance
    )


def check_page(page, min_size: float) -> None:
    """Text size, overlaps, lines across borders, all on the page."""
    chars = [c for c in page.chars if c["text"].strip()]
    assert chars, f"page {page.page_number} is empty"
    smallest = min(c["size"] for c in chars)
    assert smallest >= min_size - 0.05, f"page {page.page_number}: text of {smallest:.1f} pt < {min_size} pt"
    for c in chars:
        assert 0 <= c["x0"] and c["x1"] <= page.width and 0 <= c["top"] and c["bottom"] <= page.height, (
            f"page {page.page_number}: 「{c['text']}」 off the page at x {c['x0']:.0f}–{c['x1']:.0f}, "
            f"y {c['top']:.0f}–{c['bottom']:.0f}; the line: {page.extract_text().splitlines()[:3]}"
        )
    # No two words overlap (text spilling into the next cell or row would).
    words = sorted(page.extract_words(keep_blank_chars=False, use_text_flow=False), key=lambda w: w["x0"])
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b["x0"] >= a["x1"]:
                break
            assert not _overlaps(a, b), f"page {page.page_number}: 「{a['text']}」 overlaps 「{b['text']}」"
    # No border line runs through a character: a row too short for its text would cut it.
    rules = [e for e in page.edges if e["orientation"] == "h"]
    for c in chars:
        for e in rules:
            if c["top"] + 1.0 < e["top"] < c["bottom"] - 1.0 and e["x0"] < c["x1"] - 1 and e["x1"] > c["x0"] + 1:
                raise AssertionError(
                    f"page {page.page_number}: a border crosses 「{c['text']}」 at ({c['x0']:.0f}, {c['top']:.0f})"
                )


def printed_chars(pages) -> Counter:
    """Every character printed; a ligature glyph (`——` is one) counts as what it stands for."""
    return Counter(ch for p in pages for c in p.chars for ch in c["text"] if ch.strip())


def cell_chars(path: Path, sheet: str) -> Counter:
    """Every non-blank character of every printed cell of a sheet, as the workbook holds
    it (a hidden row or column is not printed)."""
    ws = load_workbook(path)[sheet]
    out: Counter = Counter()
    hidden_cols = {k for k, d in ws.column_dimensions.items() if d.hidden}
    hidden_rows = {k for k, d in ws.row_dimensions.items() if d.hidden}
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if value is None or cell.column_letter in hidden_cols or cell.row in hidden_rows:
                continue
            if isinstance(value, float):
                continue  # a number the sheet formats (percent): not its digits as stored
            out.update(ch for ch in str(value) if ch.strip())
    return out


def column_text(page, header: str) -> str:
    """The characters printed in a column (found by its header), top to bottom, joined."""
    words = page.extract_words()
    head = next((w for w in words if w["text"] == header), None)
    if head is None:
        return ""
    middle = (head["x0"] + head["x1"]) / 2
    verticals = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"})
    left = max((x for x in verticals if x <= middle), default=0)
    right = min((x for x in verticals if x > middle), default=page.width)
    chars = [c for c in page.chars if left <= (c["x0"] + c["x1"]) / 2 <= right and c["top"] > head["bottom"]]
    chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
    return "".join(c["text"] for c in chars)


def planned_pages(path: Path) -> int:
    """The page count the exporter wrote into the 任务清单 footer (it planned the breaks)."""
    text = load_workbook(path)["任务清单"].oddFooter.center.text
    m = re.fullmatch(r"第 &P 页 共 (\d+) 页", text)
    assert m, text
    return int(m.group(1))


# -- 任务清单 ------------------------------------------------------------------------


@pytest.mark.parametrize("unit", UNITS)
def test_full_checklist_prints_readably(printed, unit):
    layout = "full"
    path, pdf = printed[(unit, layout)]
    pages = pages_of(pdf)
    names = ["任务清单", "完成情况统计", "佐证材料清单", "说明"]
    sheets = by_sheet(pages, names)
    wide, tall = (841.9, 595.3) if layout == "submission" else (1190.6, 841.9)
    for page in sheets["任务清单"]:
        assert (round(page.width), round(page.height)) == (round(wide), round(tall))  # A4 / A3 landscape
        check_page(page, SUBMISSION_PT if layout == "submission" else FULL_PT)
    for name in names[1:]:
        for page in sheets[name]:
            check_page(page, OTHER_PT)

    # The pages the exporter planned, each numbered 第 N 页 共 M 页; statistics and 说明 on one page.
    total = planned_pages(path)
    assert len(sheets["任务清单"]) == total
    for n, page in enumerate(sheets["任务清单"], 1):
        assert f"第 {n} 页 共 {total} 页" in page.extract_text()
    assert len(sheets["完成情况统计"]) == 1
    assert len(sheets["说明"]) == 1
    assert len(sheets["佐证材料清单"]) == 1

    # Everything the cells hold is printed (a clipped cell would lose characters).
    for name in names:
        missing = cell_chars(path, name) - printed_chars(sheets[name])
        assert not missing, f"{name}: not printed: {dict(missing)}"

    # Every item id whole (one word), on the page its line is on; the header on every page.
    ws = load_workbook(path)["任务清单"]
    id_col = 1 if layout == "submission" else 2
    ids = [
        ws.cell(r, id_col).value
        for r in range(4, ws.max_row + 1)
        if ws.cell(r, id_col).value and re.fullmatch(r"[\d.]+-\d+", str(ws.cell(r, id_col).value))
    ]
    assert len(ids) > 50
    words = [w["text"] for p in sheets["任务清单"] for w in p.extract_words()]
    assert Counter(ids) <= Counter(words), set(ids) - set(words)
    for page in sheets["任务清单"]:
        assert "编号" in (page.extract_text() or "") and "佐证材料" in page.extract_text()
        # A heading on every page its lines are on: the 工作任务 column never starts blank.
        assert re.match(r"[一二三四五六七八九十]+、", column_text(page, "工作任务")), page.page_number

    # Every evidence URL whole, in order, in the 佐证材料 column (wrapped, never cut), and
    # linked on 佐证材料清单.
    evidence = "".join(column_text(p, "佐证材料") for p in sheets["任务清单"])
    for url in URLS:
        assert url in evidence, url
    assert "【缺佐证】" in evidence
    links = {h["uri"] for p in sheets["佐证材料清单"] for h in p.hyperlinks}
    assert set(URLS) <= links
    # 逾期 marks in words where the deadline passed (black-and-white printers lose the red).
    overdue = [
        r
        for r in range(4, ws.max_row + 1)
        if str(ws.cell(r, 5 if layout == "submission" else 7).value).startswith("【逾期】")
    ]
    if overdue:
        assert "【逾期】" in "".join(p.extract_text() for p in sheets["任务清单"])
    # The form: full-width labels, and the foot with 填报人、联系电话、审核人.
    text = "".join(p.extract_text() for p in sheets["任务清单"])
    for label in ("填报单位：", "填报日期：", "依据：", "填报人：李明", "联系电话：023-63881234", "审核人："):
        assert label in text.replace(" ", ""), label


@pytest.mark.parametrize("unit", UNITS)
def test_submission_prints_like_the_forms(printed, unit):
    path, pdf = printed[(unit, "submission")]
    pages = pages_of(pdf)
    wb = load_workbook(path)
    title = wb["任务清单"]["A1"].value
    assert title == f"{unit}2021年政务公开工作任务清单"
    sheets = by_first_words(
        pages, {"任务清单": title, "完成情况统计": "章节条目数", "佐证材料清单": "序号类型佐证材料", "说明": "项目内容"}
    )
    assert list(sheets) == ["任务清单", "完成情况统计", "佐证材料清单", "说明"]
    checklist = sheets["任务清单"]
    for page in checklist:
        assert (round(page.width), round(page.height)) == (842, 595)  # A4 landscape
        check_page(page, SUBMISSION_PT)
    for name in ("完成情况统计", "佐证材料清单", "说明"):
        assert len(sheets[name]) == 1, name
        for page in sheets[name]:
            check_page(page, OTHER_PT)
    # 第 N 页 共 M 页 on every page, counted by the spreadsheet through the print-out.
    assert [numbered(p) for p in pages] == [(n, len(pages)) for n in range(1, len(pages) + 1)]
    if unit == "渝中区":
        assert len(checklist) <= 12, len(checklist)  # 24 before issue 23
    # No page more than a third empty but the last: the table reaches down the page.
    for page in checklist[:-1]:
        lowest = max(e["bottom"] for e in page.edges if e["orientation"] == "h")
        assert lowest > page.height * 2 / 3, (page.page_number, lowest)
    # 仿宋 (here the CJK font put in for it) in the body, 黑体 (bold) in the header, 10.5 pt.
    chars = [c for p in checklist for c in p.chars if c["text"].strip()]
    body = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
    assert body >= 10.4
    header = next(w for w in checklist[1].extract_words() if w["text"] == "序号")
    header_fonts = {c["fontname"] for c in checklist[1].chars if abs(c["top"] - header["top"]) < 1}
    assert any("Bold" in f for f in header_fonts), header_fonts
    assert any("CJK" in c["fontname"] and "Bold" not in c["fontname"] for c in chars)
    # The header on every page; every line's 序号 printed; every printed cell's text printed.
    for page in checklist:
        text = page.extract_text()
        assert "序号" in text and "具体完成情况" in text and "完成情况" in text
    ws = wb["任务清单"]
    seqs = [ws.cell(r, 1).value for r in range(4, ws.max_row) if ws.cell(r, 2).value]
    assert seqs == [str(n) for n in range(1, len(seqs) + 1)]
    for name, group in sheets.items():
        missing = cell_chars(path, name) - printed_chars(group)
        assert not missing, f"{name}: not printed: {dict(missing)}"
    # Nothing private or internal on any page: no item id, local path, hash or mark.
    everything = "\n".join(p.extract_text() for p in pages)
    flat = everything.replace("\n", "")
    for private in ("【", "/tmp", "佐证/规划公开截图.png", "lo-home"):
        assert private not in flat, private
    with Store(PRISTINE, readonly=True) as store:
        digest = store.document["source_sha256"]
    assert digest[:16] not in flat
    ids = {ws.cell(r, 2).value for r in range(4, ws.max_row) if ws.cell(r, 2).value}
    words = {w["text"] for p in pages for w in p.extract_words()}
    assert not ids & words, ids & words
    # Every evidence URL whole, in 具体完成情况; the file by its name; each URL linked on 佐证材料清单.
    evidence = "".join(column_text(p, "具体完成情况") for p in checklist)
    for url in URLS:
        assert url in evidence, url
    assert "规划公开截图.png" in evidence
    links = {h["uri"] for h in sheets["佐证材料清单"][0].hyperlinks}
    assert set(URLS) <= links
    for label in ("填报单位：", "填报日期：", "依据：", "填报人：李明", "联系电话：023-63881234", "审核人："):
        assert label in flat.replace(" ", ""), label


# -- 汇总表 ----------------------------------------------------------------------------


@pytest.mark.parametrize("lead", LEADS)
def test_review_prints_readably(printed, lead):
    path, pdf = printed[(lead, "review")]
    pages = pages_of(pdf)
    title = f"{lead}牵头任务完成情况汇总表"
    sheets = by_first_words(pages, {"汇总表": title, "未报送": "责任单位未报送行数", "佐证材料": "责任单位行佐证材料"})
    for group in sheets.values():
        for page in group:
            check_page(page, OTHER_PT)
    assert [numbered(p) for p in pages] == [(n, len(pages)) for n in range(1, len(pages) + 1)]
    assert len(sheets["佐证材料"]) == 1
    for name in sheets:
        missing = cell_chars(path, name) - printed_chars(sheets[name])
        assert not missing, f"{name}: not printed: {dict(missing)}"
    ws = load_workbook(path)["汇总表"]
    # The unit column on every page; the title whole on the first.
    last = str(ws.cell(3, ws.max_column).value).replace("\n", "")
    for page in sheets["汇总表"]:
        assert "责任单位" in page.extract_text()
    assert title in sheets["汇总表"][0].extract_text().replace(" ", "")
    if lead == "市财政局":  # five led rows: one page wide (the last column on every page), ≤ 4 pages
        for page in sheets["汇总表"]:
            assert last in page.extract_text().replace(" ", "").replace("\n", ""), page.page_number
        assert len(sheets["汇总表"]) <= 4, len(sheets["汇总表"])  # 8 before issue 23
    # No column all `—`; every unit and every led row's id printed.
    units = [ws.cell(r, 1).value for r in range(4, ws.max_row)]
    for c in range(2, ws.max_column + 1):
        assert {ws.cell(r, c).value for r in range(4, ws.max_row)} != {"—"}, ws.cell(3, c).value
    words = {w["text"] for p in sheets["汇总表"] for w in p.extract_words()}
    flat = "".join(p.extract_text().replace("\n", "") for p in sheets["汇总表"])
    for unit in units:
        assert unit in words or unit in flat, unit
    for c in range(2, ws.max_column + 1):
        head = str(ws.cell(3, c).value).split("\n")[0]
        if re.fullmatch(r"[\d.]+", head):
            assert head in words, head
    links = {h["uri"] for p in sheets["佐证材料"] for h in p.hyperlinks}
    assert URLS[2] in links
