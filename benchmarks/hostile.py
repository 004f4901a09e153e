"""Hostile workbooks (DESIGN.md §4: untrusted input): each is built in a temp folder as raw
zip/XML — fast, never through openpyxl — and imported by `gongkai-tui import FILE --db COPY`
in a child process, measuring its wall time and peak memory (VmHWM of /proc/<pid>/status,
as memory.py reads it). Budget: every file refused (exit 2) within 5 s and 300 MB.

The builders are shared with tests/workbook/test_hostile_workbooks.py."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

DOCUMENT = "渝府办发〔2021〕50号"
UNIT = "渝中区"
HEADERS = (
    "序号",
    "编号",
    "工作任务",
    "贯彻举措(市上统一要求)",
    "工作要求",
    "公开路径",
    "时限要求",
    "牵头单位",
    "责任单位",
    "责任科室",
    "责任人",
    "完成情况",
    "完成时间",
    "佐证材料",
    "备注",
)
HEADER_ROW = 3
COL = {h: chr(65 + i) for i, h in enumerate(HEADERS)}  # 备注 → O

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_RNS}><sheets>'
    '<sheet name="任务清单" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" r:id="rId2"/>'
    "</sheets></workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet2.xml"/></Relationships>'
)

CHECKLIST_PART = "xl/worksheets/sheet1.xml"


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def row(r: int, values: dict[str, str]) -> str:
    """One row: header text (or a column letter) → text."""
    cells = "".join(
        cell(f"{COL.get(k, k)}{r}", v) for k, v in sorted(values.items(), key=lambda kv: COL.get(kv[0], kv[0]))
    )
    return f'<row r="{r}">{cells}</row>'


def sheet(rows: Iterable[str], prolog: str = "", dimension: str = "A1:O10", tail: str = "") -> Iterable[bytes]:
    """A worksheet's XML as chunks (a million rows never sit in memory as one string)."""
    yield (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {_NS} {_RNS}>'
        f'<dimension ref="{dimension}"/><sheetData>'
    ).encode("utf-8")
    batch: list[str] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= 5000:
            yield "".join(batch).encode("utf-8")
            batch = []
    yield ("".join(batch) + f"</sheetData>{tail}</worksheet>").encode("utf-8")


def checklist_rows(lines: dict[int, dict[str, str]] | None = None) -> list[str]:
    """The title, the header row, and one valid line (1.1.3-2 推进中) plus `lines`."""
    out = [
        row(1, {"序号": "渝中区任务清单"}),
        row(HEADER_ROW, {h: h for h in HEADERS}),
        row(HEADER_ROW + 1, {"编号": "1.1.3-2", "完成情况": "推进中"}),
    ]
    for r, values in sorted((lines or {}).items()):
        out.append(row(r, values))
    return out


def about_sheet() -> Iterable[bytes]:
    return sheet(
        [row(1, {"A": "依据文件", "B": DOCUMENT}), row(2, {"A": "单位(系统名称)", "B": UNIT})], dimension="A1:B2"
    )


def write_xlsx(
    path: Path,
    checklist: Iterable[bytes] | None = None,
    about: Iterable[bytes] | None = None,
    extra: dict[str, bytes] | None = None,
    level: int = 1,
) -> Path:
    """A minimal workbook (任务清单 + 说明) that imports cleanly unless a part is hostile."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for name, chunks in (
            (CHECKLIST_PART, checklist or sheet(checklist_rows())),
            ("xl/worksheets/sheet2.xml", about or about_sheet()),
        ):
            with z.open(_deflated(name, level), "w", force_zip64=True) as f:
                for chunk in chunks:
                    f.write(chunk)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def _deflated(name: str, level: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2021, 8, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    for attr in ("compress_level", "_compresslevel"):  # 3.13+, before
        try:
            setattr(info, attr, level)
        except AttributeError:
            pass
    return info


# -- the hostile files -----------------------------------------------------------------------------


def entity_expansion(path: Path) -> Path:
    """Billion laughs: ten levels of ten, 10⁹ × "lol" if anything expanded it."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    )
    rows = checklist_rows({5: {"编号": "1.1.3-1", "备注": "&lol9;"}})
    chunks = b"".join(sheet(rows, prolog=f"<!DOCTYPE lolz [{entities}]>"))
    return write_xlsx(path, [chunks.replace(b"&amp;lol9;", b"&lol9;")])


def zip_bomb(path: Path, unzipped: int = 1024 * 1024 * 1024) -> Path:
    """A member of `unzipped` bytes of spaces (1 GB: about 1 MB on disk)."""
    write_xlsx(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open(_deflated("xl/media/padding.xml", 9), "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(unzipped >> 20):
                f.write(block)
    return path


def lying_zip_bomb(path: Path, unzipped: int = 200 * 1024 * 1024) -> Path:
    """The zip directory says the checklist sheet is 4 KB; it inflates to `unzipped` bytes."""
    head, *rest = list(sheet(checklist_rows()))
    pad = b" " * (1 << 20)
    write_xlsx(path, [head, *(pad for _ in range(unzipped >> 20)), *rest], level=9)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        local = z.getinfo(CHECKLIST_PART).header_offset
    lie = 4096
    name_len, extra_len = struct.unpack_from("<HH", data, local + 26)  # local header: size at +22
    _patch_sizes(data, local + 22, local + 30 + name_len, extra_len, lie)
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:  # central directory: size at +24
        n, e = struct.unpack_from("<HH", data, pos + 28)
        if bytes(data[pos + 46 : pos + 46 + n]) == CHECKLIST_PART.encode():
            _patch_sizes(data, pos + 24, pos + 46 + n, e, lie)
            break
        pos += 4
    path.write_bytes(bytes(data))
    return path


def ratio_bomb(path: Path, unzipped: int = 60 * 1024 * 1024) -> Path:
    """The checklist sheet padded with `unzipped` bytes of spaces, its directory honest: about
    64 KB on disk, under every size limit (member, total, what inflating really yields), so
    only the compression-ratio limit stops it."""
    head, *rest = list(sheet(checklist_rows()))
    pad = b" " * (1 << 20)
    return write_xlsx(path, [head, *(pad for _ in range(unzipped >> 20)), *rest], level=9)


def _patch_sizes(data: bytearray, size_at: int, extra_at: int, extra_len: int, value: int) -> None:
    if struct.unpack_from("<I", data, size_at)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, size_at, value)
        return
    end = extra_at + extra_len
    while extra_at + 4 <= end:  # zip64 extra field: uncompressed size comes first
        tag, size = struct.unpack_from("<HH", data, extra_at)
        if tag == 0x0001:
            struct.pack_into("<Q", data, extra_at + 4, value)
            return
        extra_at += 4 + size


def million_rows(path: Path, rows: int = 1_000_000) -> Path:
    """A million lines under a `<dimension>` that claims two rows."""
    lines = (f'<row r="{r}"><c r="B{r}"><v>{r}</v></c></row>' for r in range(HEADER_ROW + 2, HEADER_ROW + 2 + rows))
    return write_xlsx(path, sheet(_chain(checklist_rows(), lines), dimension="A1:O2"))


def million_empty_rows(path: Path, rows: int = 1_000_000) -> Path:
    """A million formatted rows without a cell (openpyxl keeps a row dimension for each)."""
    lines = (f'<row r="{r}" ht="15" customHeight="1"/>' for r in range(HEADER_ROW + 2, HEADER_ROW + 2 + rows))
    return write_xlsx(path, sheet(_chain(checklist_rows(), lines), dimension="A1:O2"))


def value_in_the_last_row(path: Path) -> Path:
    """A line at row 1,048,576, the sheet's last: a row's number counts once it holds a value."""
    return write_xlsx(path, sheet(checklist_rows({1_048_576: {"编号": "1.1.3-1", "完成情况": "已完成"}})))


def libreoffice_tail(path: Path) -> Path:
    """Not hostile: what LibreOffice writes after a row is deleted, an empty row 1,048,576
    under a `<dimension>` claiming the whole height (and a styled empty cell there)."""
    tail = '<row r="1048576" customFormat="false" ht="12.8" hidden="false" customHeight="false"><c r="A1048576" s="0"/></row>'
    return write_xlsx(path, sheet(_chain(checklist_rows(), [tail]), dimension="A1:O1048576"))


def _chain(*parts: Iterable[str]) -> Iterable[str]:
    for p in parts:
        yield from p


def huge_note(path: Path, chars: int = 10_000_000) -> Path:
    """A 备注 of ten million characters (random digits: they do not compress away)."""
    digits = os.urandom(chars).translate(bytes(48 + b % 10 for b in range(256))).decode("ascii")
    return write_xlsx(path, sheet(checklist_rows({5: {"编号": "1.1.3-1", "备注": digits}})))


def many_urls(path: Path, urls: int = 20_001) -> Path:
    """20,001 URLs in one 佐证材料 cell."""
    text = "\n".join(f"https://www.cqyz.gov.cn/zwgk/{i}.html" for i in range(urls))
    return write_xlsx(path, sheet(checklist_rows({5: {"编号": "1.1.3-1", "佐证材料": text}})))


def huge_merge(path: Path) -> Path:
    """One merged range over every cell of the sheet (openpyxl makes a cell for each)."""
    return write_xlsx(
        path, sheet(checklist_rows(), tail='<mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>')
    )


def too_many_members(path: Path, members: int = 1_001) -> Path:
    return write_xlsx(path, extra={f"xl/media/image{i}.xml": b"<a/>" for i in range(members)})


def too_big(path: Path) -> Path:
    with path.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    return path


def fifo(path: Path) -> Path | None:
    if not hasattr(os, "mkfifo"):
        return None
    os.mkfifo(path)
    return path


HOSTILE: dict[str, Callable[[Path], Path | None]] = {
    "实体扩展": entity_expansion,
    "压缩炸弹": zip_bomb,
    "谎报大小的压缩炸弹": lying_zip_bomb,
    "压缩比过高": ratio_bomb,
    "一百万行": million_rows,
    "一百万空行": million_empty_rows,
    "末行有值": value_in_the_last_row,
    "一千万字的备注": huge_note,
    "两万个网址": many_urls,
    "整表合并": huge_merge,
    "部件过多": too_many_members,
    "文件过大": too_big,
    "命名管道": fifo,
}

_VMHWM = "VmHWM:"


def _peak_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            return next((int(line.split()[1]) for line in status if line.startswith(_VMHWM)), None)
    except (OSError, ValueError):
        return None


def _command() -> list[str]:
    """`gongkai-tui` as installed next to this Python, else the same entry point through -c."""
    script = Path(sys.executable).with_name("gongkai-tui.exe" if os.name == "nt" else "gongkai-tui")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from tui.launch import run; run()"]


def import_once(file: Path, db: Path, timeout: float = 60.0) -> tuple[int, float, float | None, str]:
    """(exit code, seconds, peak MB or None, stderr) of `gongkai-tui import FILE --db DB`."""
    return run_measured(["import", str(file), "--db", str(db)], db.with_suffix(".stderr"), timeout)


def run_measured(args: list[str], err_path: Path, timeout: float = 60.0) -> tuple[int, float, float | None, str]:
    """(exit code, seconds, peak MB or None, stderr) of `gongkai-tui ARGS` in a child process.
    The child's VmHWM (its own high-water mark) is polled every few ms until it exits."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    with open(err_path, "w+b") as err, open(os.devnull, "wb") as out:  # files: a full pipe cannot stall the child
        start = time.perf_counter()
        child = subprocess.Popen(
            [*_command(), *args], stdout=out, stderr=err, env=env, cwd=Path(__file__).resolve().parent.parent
        )
        peak: int | None = None
        while child.poll() is None:
            kib = _peak_kib(child.pid)
            if kib is not None:
                peak = max(peak or 0, kib)
            if time.perf_counter() - start > timeout:
                child.kill()
                child.wait()
                break
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    return child.returncode, seconds, (peak / 1024 if peak else None), message


# --quick (the test that keeps the harness from rotting): one file of each kind of limit,
# the biggest first; the full run measures all of them. tests/workbook/test_hostile_workbooks.py
# refuses every one of them in the test suite.
QUICK = ("一百万行", "压缩炸弹", "实体扩展", "整表合并")
SMOKE = ("实体扩展",)  # --smoke: one file, the measuring path taken


def measure(
    tmp: Path, source_db: Path, quick: bool = False, smoke: bool = False
) -> list[tuple[str, int, float, float | None, str]]:
    """Build every hostile file (with `quick`, those of QUICK) and import each: (name, exit code,
    s, MB, first line of stderr)."""
    folder = tmp / "hostile"
    folder.mkdir(exist_ok=True)
    out = []
    for name, build in HOSTILE.items():
        if (smoke and name not in SMOKE) or (quick and name not in QUICK):
            continue
        db = folder / f"{name}.sqlite"
        shutil.copyfile(source_db, db)
        path = build(folder / f"{name}.xlsx")
        if path is None:
            continue
        code, seconds, peak, err = import_once(path, db)
        out.append((name, code, seconds, peak, (err.strip().splitlines() or [""])[0]))
    return out


def results(tmp: Path, source_db: Path, quick: bool = False, smoke: bool = False) -> list:
    """Two budget lines for the hostile workbooks (see budget_lines)."""
    return budget_lines(measure(tmp, source_db, quick, smoke), "恶意工作簿")


def budget_lines(runs: list, what: str) -> list:
    """Two budget lines: the slowest refusal (5 s) and the largest peak (300 MB). A file
    that is not refused (exit code other than 2) makes the first a MISS. `runs` holds
    (name, exit code, s, MB, …) per file."""
    from .measure import Result

    n = len(runs)
    slowest = max(runs, key=lambda r: r[2])
    accepted = [f"{r[0]}(退出码 {r[1]})" for r in runs if r[1] != 2]
    out = [
        Result(
            f"拒绝 {n} 个{what}:最慢",
            float("inf") if accepted else slowest[2],
            "s",
            5.0,
            (f"未拒绝:{'、'.join(accepted)};" if accepted else "") + f"最慢:{slowest[0]}",
        )
    ]
    peaks = [r for r in runs if r[3] is not None]
    if peaks:
        largest = max(peaks, key=lambda r: r[3])
        out.append(Result(f"拒绝 {n} 个{what}:内存峰值", largest[3], "MB", 300.0, f"最大:{largest[0]}"))
    else:
        out.append(Result(f"拒绝 {n} 个{what}:内存峰值", 0, "MB", 300.0, skipped="读不到 /proc/<pid>/status"))
    return out


if __name__ == "__main__":
    import tempfile

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as t:
        for name, code, seconds, peak, line in measure(Path(t), root / "data" / "tasks.sqlite"):
            print(f"{name}\texit {code}\t{seconds:.2f} s\t{peak or 0:.0f} MB\t{line[:120]}")
