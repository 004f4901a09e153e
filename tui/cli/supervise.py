"""`gongkai-tui chase` and `bulletin` (issue #25 item 5, 督查督办 offline): the 催办通知 to
the sub-units with assigned items near or past their 时限 or not reported, and the 情况通报 of
every sub-unit's progress with its score (考评, the rule printed beside it). The rules live in
issued/supervision.py; the files are written by issued/supervision_service.py."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .shared import DbOption, DocOption, UnitOption, fail, friendly_errors, open_store, parse_as_of, progress_unit

AsOfOption = typer.Option(None, "--as-of", help="截至日期 YYYY-MM-DD(判断临近时限和逾期;默认今天)")
IssuerOption = typer.Option(None, "--issuer", help="发文机关(默认 <区县>人民政府办公室,部门为部门本身)")


def chase_cmd(
    unit: str = UnitOption,
    out: Optional[Path] = typer.Option(
        None, "--out", "-o", help="输出的 .docx 文件(默认 <单位>-催办通知-<日期>.docx,已有同名文件时另取名)"
    ),
    as_of: Optional[str] = AsOfOption,
    days: int = typer.Option(7, "--days", help="完成时限在截至日期后多少天内算临近时限(0–366)"),
    issuer: Optional[str] = IssuerOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """催办:给分解事项临近时限、已逾期未完成或尚未报送的下级单位写催办通知(.docx)。"""
    from ..issued.supervision import chase_summary, chased_units
    from ..issued.supervision_service import body_setting, chase_file_name, write_chase
    from ..workbook.files import unused_path

    when = parse_as_of(as_of)
    if not 0 <= days <= 366:
        raise fail(f"--days 应在 0 到 366 之间:{days}")
    if out is not None and out.suffix.lower() != ".docx":
        raise fail(f"催办通知是 Word 文档,输出文件应以 .docx 结尾:{out}")
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=True)
        target = unused_path(out or Path(chase_file_name(name, when)))
        path, chased = write_chase(store, name, target, when, days, issuer, body_setting("chase_body"))
    if path is None:
        typer.echo(
            f"截至 {when.isoformat()},没有需要催办的事项:各下级单位都已报送,没有已逾期或 {days} 天内到期的未完成事项"
        )
        return
    typer.echo(f"催办 {len(chased_units(chased))} 个单位:{chase_summary(chased)}")
    typer.echo(str(path.resolve()))


def bulletin_cmd(
    unit: str = UnitOption,
    out: Optional[Path] = typer.Option(
        None,
        "--out",
        "-o",
        help="输出文件:.docx 为通报,.xlsx 为通报表格(默认 <单位>-情况通报-<日期>.docx,已有同名文件时另取名)",
    ),
    as_of: Optional[str] = AsOfOption,
    issuer: Optional[str] = IssuerOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """情况通报:各下级单位分解事项的完成情况(按时完成、逾期完成、推进中、已逾期、未报送、不适用、缺佐证)和得分(.docx 或 .xlsx)。"""
    from ..issued.supervision import SCORE_RULE
    from ..issued.supervision_service import SUFFIXES, body_setting, bulletin_file_name, write_bulletin
    from ..workbook.files import unused_path

    when = parse_as_of(as_of)
    if out is not None and out.suffix.lower() not in SUFFIXES:
        raise fail(f"输出文件应以 .docx(通报)或 .xlsx(通报表格)结尾:{out}")
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=True)
        target = unused_path(out or Path(bulletin_file_name(name, when)))
        path = write_bulletin(store, name, target, when, issuer, body_setting("bulletin_body"))
    typer.echo(f"评分规则:{SCORE_RULE}")
    typer.echo(str(path.resolve()))
