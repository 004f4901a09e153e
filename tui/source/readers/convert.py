"""Formats only an office suite reads (.doc, .wps, .et, .rtf, .odt, .ods): converted to
.docx or .xlsx by LibreOffice when it is installed (`soffice --headless --convert-to`), in a
private temporary folder and profile, with a time limit; otherwise refused, saying how to
save the file in a format we read. Formats nobody here reads (.ofd, images) are refused
saying what they are and what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .grid import refuse

TARGETS = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".odt": "docx", ".et": "xlsx", ".ods": "xlsx"}
UNREADABLE = {
    ".ofd": "OFD 版式文件,本工具无法读取:请用 OFD 阅读器(数科、福昕等)另存为 PDF 或 Word 文件",
    ".jpg": "图片,没有文字:请向发文单位索取 Word 版或网页版",
    ".jpeg": "图片,没有文字:请向发文单位索取 Word 版或网页版",
    ".png": "图片,没有文字:请向发文单位索取 Word 版或网页版",
    ".zip": "压缩包:请先解压,再载入其中的任务分工文件",
    ".rar": "压缩包:请先解压,再载入其中的任务分工文件",
    ".xlsm": "带宏的 Excel 文件:请在 Excel/WPS 中另存为 .xlsx",
}
TIMEOUT = 120  # seconds for LibreOffice to convert one file


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class ConversionFailed(Exception):
    """LibreOffice is missing (`missing`), failed or timed out (`failed`), or wrote nothing (`empty`)."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


def libreoffice_convert(data: bytes, suffix: str, target: str) -> bytes:
    """`data` (a file of `suffix`) converted to `target` by LibreOffice: in a private temporary
    folder and profile, with a time limit. Raises ConversionFailed."""
    program = soffice()
    if program is None:
        raise ConversionFailed("missing")
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as folder:
        base = Path(folder)
        source = base / f"source{suffix}"
        source.write_bytes(data)
        env = {**os.environ, "HOME": str(base / "home")}
        cmd = [
            program,
            f"-env:UserInstallation={(base / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(base / "out"),
            str(source),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=env, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            raise ConversionFailed("failed") from None
        out = base / "out" / f"source.{target}"
        if not out.is_file():
            raise ConversionFailed("empty")
        return out.read_bytes()


def converted(data: bytes, name: str) -> tuple[bytes, str]:
    """The file's bytes as .docx/.xlsx and the name to read them under."""
    suffix = Path(name).suffix.lower()
    target = TARGETS[suffix]
    try:
        return libreoffice_convert(data, suffix, target), f"{Path(name).stem}.{target}"
    except ConversionFailed as e:
        if e.why == "missing":
            how = "Word/WPS 文字" if target == "docx" else "Excel/WPS 表格"
            raise refuse(
                name, f"是 {suffix} 文件,需要 LibreOffice 才能读取(本机未安装):请在{how}中「另存为」.{target} 后再载入"
            ) from None
        if e.why == "failed":
            raise refuse(
                name, f"用 LibreOffice 转换为 .{target} 失败或超时:请在 Word/WPS 中另存为 .{target} 后再载入"
            ) from None
        raise refuse(
            name, f"LibreOffice 无法把它转换为 .{target}(文件可能已损坏):请在 Word/WPS 中另存为 .{target} 后再载入"
        ) from None
